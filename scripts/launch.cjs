// What the `pasteup` command (bin/pasteup.js) runs before and around the bundle: the check
// that dist/ is fresh, V8's settings for a one-shot process, and loading the bundles and
// harfbuzzjs with their V8 code caches. CommonJS, as is bin/pasteup.js (bin/package.json):
// an ES module launcher started Node's ES module loader in every process, which resolved,
// compiled (Node 20 keeps no code cache for ES modules) and linked the launcher and a facade
// of each of Node's modules it imported, ~4 ms of a cold start (docs/pdf.md, "Speed").
// Building the bundles (esbuild) is scripts/bundle.mjs, loaded only when they are stale.
'use strict';
const { isAscii } = require('node:buffer');
const { existsSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { basename, dirname, join, resolve } = require('node:path');
const { pathToFileURL } = require('node:url');
const vm = require('node:vm');
const v8 = require('node:v8');

const root = resolve(__dirname, '..');
const BUNDLE = join(root, 'dist', 'cli.cjs');
/** The engine worker thread's bundle (electron/services/engine-worker), run by scripts/engine-worker.mjs. */
const WORKER_BUNDLE = join(root, 'dist', 'engine-worker.cjs');
const SOURCES = ['electron', 'shared', 'scripts/bundle.mjs', 'scripts/launch.cjs', 'scripts/engine-worker.mjs', 'package.json', 'package-lock.json'];

/** The global the bundle imports ES modules through (a vm.Script cannot import() once its code comes from the cache). */
const IMPORT = Symbol.for('pasteup.import');

/** harfbuzzjs as one classic script, loaded with a code cache (harfbuzzScriptSource in bundle.mjs). */
const HARFBUZZ_SCRIPT = join(root, 'dist', 'harfbuzz.cjs');

/** The newest modification time of the sources, or 0 when there are none (a packaged app). */
function newestSource() {
  let newest = 0;
  const file = (p) => {
    const mtime = statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    if (mtime > newest) newest = mtime;
  };
  // Directory entries say which are directories: only files are stat'ed (~120 of them, on
  // every start: 2-3 ms against 3-5 with a stat of every directory too).
  const dir = (p) => {
    for (const e of readdirSync(p, { withFileTypes: true })) {
      if (e.name === 'node_modules') continue;
      const q = join(p, e.name);
      if (e.isDirectory() || (e.isSymbolicLink() && statSync(q, { throwIfNoEntry: false })?.isDirectory())) dir(q);
      else file(q);
    }
  };
  for (const s of SOURCES) {
    const p = join(root, s);
    if (statSync(p, { throwIfNoEntry: false })?.isDirectory()) dir(p);
    else file(p);
  }
  return newest;
}

/** True when the bundles (`files`: dist/cli.cjs and dist/engine-worker.cjs by default) exist and no source is newer. */
function bundleFresh(files = [BUNDLE, WORKER_BUNDLE]) {
  if (!files.every((f) => existsSync(f))) return false;
  const oldest = Math.min(...files.map((f) => statSync(f).mtimeMs));
  return oldest >= newestSource();
}

/** 'bundle' when dist/cli.cjs (and the worker's bundle) is fresh (building it if needed and possible), else 'tsx'. */
async function ensureBundle() {
  if (bundleFresh()) return 'bundle';
  try {
    // The build (esbuild and its plugins) is an ES module, loaded only when there is building to do.
    const { buildBundle } = await import(pathToFileURL(join(__dirname, 'bundle.mjs')).href);
    await buildBundle();
    return 'bundle';
  } catch (err) {
    if (err && (err.code === 'ERR_MODULE_NOT_FOUND' || err.code === 'MODULE_NOT_FOUND')) return 'tsx';
    throw err;
  }
}

/** The directory of harfbuzzjs' modules and wasm (node_modules/harfbuzzjs/dist). */
function harfbuzzDir() {
  return dirname(createRequire(join(root, 'package.json')).resolve('harfbuzzjs/dist/harfbuzz.wasm'));
}

/**
 * Node's own modules that the bundles load (at the top of the bundle or on their first
 * export), loaded before oneShotProcess() changes a V8 flag. Node compiles its modules from
 * a code cache made with V8's default flags, and V8 refuses that cache once any flag has
 * changed: each module loaded afterwards is compiled from source. crypto, zlib and the rest
 * took 6.5 ms with the cache and 17-26 ms after the flag (35 of Node's modules, by
 * process.moduleLoadList).
 */
const BUILTINS = ['node:crypto', 'node:zlib', 'node:fs/promises', 'node:timers/promises', 'node:os', 'node:perf_hooks'];

/**
 * V8 settings for a one-shot process:
 * - WebAssembly stays on Liftoff, V8's baseline compiler. Otherwise V8 recompiles HarfBuzz's
 *   hot functions with TurboFan in the background, and a process cannot exit before those
 *   compiles finish: a cold export waited 250–300 ms at its end for code it would never run.
 *   Must be set before any WebAssembly is compiled.
 * - TurboFan inlines a quarter of its default budget per function (230 bytes of callee
 *   bytecode, not 920). A cold export asks for ~86 optimised compiles, ~820 ms of compiling
 *   on the one CPU the main thread leaves, so the engine's hottest functions came out of the
 *   queue only ~195 ms into a ~257 ms layout. Smaller compiles come out sooner: over 50
 *   interleaved pairs the cold export was 49 ms faster (layout 29, export 12); budgets from 0
 *   to 690 all helped, 230 as much as 0. A long-lived process (the app, the warm bench) keeps
 *   V8's default, for its steady state.
 * - After a full GC the old generation may grow to 11 times what survived it before the next
 *   (V8's own factor is at most 4). A one-shot process frees everything at exit, so a full
 *   GC in its middle is pure cost, and on two CPUs its concurrent marking and sweeping take
 *   the CPU TurboFan compiles on. A cold export did two: one forced when hb-subset's 68 MB
 *   of wasm memory is made (early, on a small heap: subset.ts), and one near the end of the
 *   layout, freeing ~2 of 17 MB, because the paragraphs' buffers (ArrayBuffers, counted
 *   against the same limit) had brought the old generation near its limit of ~28 MB. With
 *   this it does only the first: over three runs of 40 interleaved pairs the cold export was
 *   53, 46 and 41 ms faster (paired medians), with the same peak RSS (~120 MB). A bigger job
 *   still gets full GCs, each further apart.
 * Node's modules the run needs are loaded first (BUILTINS).
 */
function oneShotProcess() {
  for (const m of BUILTINS) require(m);
  // Made on first use, their modules with them: the CLI's argument parser, stdout, stderr.
  void require('node:util').parseArgs;
  void process.stdout;
  void process.stderr;
  v8.setFlagsFromString('--liftoff-only');
  v8.setFlagsFromString('--max-inlined-bytecode-size-cumulative=230');
  v8.setFlagsFromString('--heap-growing-percent=1000');
}

/**
 * Loads a CommonJS bundle with a V8 code cache kept in `<file>.<cacheKey>.cache`; returns
 * its exports and a function that writes the cache (call it when the run is over, so the
 * functions the run compiled are in it). The cache is rewritten when V8 rejected it
 * (another Node or V8 version, another bundle).
 */
function loadBundle(file, cacheKey) {
  // harfbuzzjs from dist/harfbuzz.cjs (harfbuzzScriptSource), once per process, with a code
  // cache of its own next to the bundle's; without that file, as the package's ES modules.
  globalThis[IMPORT] ??= (specifier) => {
    if (specifier !== 'harfbuzzjs' || !existsSync(HARFBUZZ_SCRIPT)) return import(specifier);
    if (!harfbuzz) {
      const compiled = compileCached(HARFBUZZ_SCRIPT, `${HARFBUZZ_SCRIPT}.${basename(file)}.${cacheKey}.cache`, '');
      const js = join(harfbuzzDir(), 'harfbuzz.js');
      harfbuzz = { compiled, exports: compiled.script.runInThisContext()(createRequire(js), pathToFileURL(js).href) };
    }
    return harfbuzz.exports;
  };
  const bundle = compileCached(file, `${file}.${cacheKey}.cache`, '(function (exports, require, module, __filename, __dirname) {');
  const module = { exports: {} };
  bundle.script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return {
    exports: module.exports,
    saveCache() {
      bundle.save();
      harfbuzz?.compiled.save();
    },
  };
}

/** harfbuzzjs as loaded through dist/harfbuzz.cjs: the compiled script and its exports. */
let harfbuzz = null;

/**
 * A vm.Script of `file` (its text after `prefix`, closed by `})` when there is a prefix),
 * given the V8 code cache in `cacheFile`; save() writes the cache when there was none or V8
 * rejected it (another Node or V8 version, another file). Call it when the run is over, so
 * that the functions the run compiled are in it.
 */
function compileCached(file, cacheFile, prefix) {
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // The bundles are ASCII (esbuild escapes strings; the few CJK regexes are written escaped):
  // read as Latin-1 they skip UTF-8 decoding, 4-8 ms for the 1.6 MB of dist/cli.cjs.
  const bytes = readFileSync(file);
  const source = isAscii(bytes) ? bytes.latin1Slice(0, bytes.length) : bytes.toString('utf8');
  const script = new vm.Script(prefix ? `${prefix}${source}\n})` : source, { filename: file, cachedData });
  const stale = !cachedData || script.cachedDataRejected;
  return {
    script,
    save() {
      if (!stale) return;
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        // A read-only install: run without the cache.
        try {
          unlinkSync(tmp);
        } catch {
          /* nothing written */
        }
      }
    },
  };
}

module.exports = { ROOT: root, BUNDLE, WORKER_BUNDLE, HARFBUZZ_SCRIPT, IMPORT, bundleFresh, ensureBundle, harfbuzzDir, loadBundle, oneShotProcess };
