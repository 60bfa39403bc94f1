#!/usr/bin/env node
// The `pasteup` command as one JavaScript file: dist/cli.cjs, bundled from the TypeScript
// sources by esbuild, and run with a V8 code cache. A cold `pasteup` start costs ~0.1 s this
// way; through tsx (which transpiles and resolves ~150 modules on every start) it was ~0.9 s.
//
// bin/pasteup.js calls ensureBundle() on every start: the bundle is rebuilt when a source
// file is newer than it (an edited checkout never runs stale code); without esbuild (an
// install without dev dependencies) the command runs the sources through tsx. The
// postinstall script builds it once.
//
// Why CommonJS and vm.Script: Node 20 has no code cache for ES modules. A script compiled
// by vm.Script can be given the cached data V8 produced for it on an earlier run (the
// bytecode of every function that run compiled), which saves parsing and compiling the
// 2 MB bundle and the functions the verb runs: ~90 ms of a cold export.
//
//   node scripts/bundle.mjs           build dist/cli.cjs if it is missing or stale
//   node scripts/bundle.mjs --force   build it anyway
import { isAscii } from 'node:buffer';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import v8 from 'node:v8';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(root, 'dist', 'cli.cjs');
/** The engine worker thread's bundle (electron/services/engine-worker), run by scripts/engine-worker.mjs. */
const WORKER_BUNDLE = join(root, 'dist', 'engine-worker.cjs');
const ENTRIES = [
  [join(root, 'electron', 'cli', 'main.ts'), BUNDLE],
  [join(root, 'electron', 'services', 'engine-worker', 'worker.ts'), WORKER_BUNDLE],
];
const SOURCES = ['electron', 'shared', 'scripts/bundle.mjs', 'scripts/engine-worker.mjs', 'package.json', 'package-lock.json'];

/** Packages that stay outside the bundle: native code, wasm loaded next to its module, the shell. */
const EXTERNAL = ['better-sqlite3', 'harfbuzzjs', 'electron'];

/** The global the bundle imports ES modules through (a vm.Script cannot import() once its code comes from the cache). */
const IMPORT = Symbol.for('pasteup.import');

/** harfbuzzjs as one classic script, loaded with a code cache (harfbuzzScriptSource). */
export const HARFBUZZ_SCRIPT = join(root, 'dist', 'harfbuzz.cjs');

/** The newest modification time of the sources, or 0 when there are none (a packaged app). */
function newestSource() {
  let newest = 0;
  const walk = (p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const e of readdirSync(p)) if (e !== 'node_modules') walk(join(p, e));
    } else if (st.mtimeMs > newest) newest = st.mtimeMs;
  };
  for (const s of SOURCES) walk(join(root, s));
  return newest;
}

/** True when the bundles (`files`: dist/cli.cjs and dist/engine-worker.cjs by default) exist and no source is newer. */
export function bundleFresh(files = ENTRIES.map((e) => e[1])) {
  if (!files.every((f) => existsSync(f))) return false;
  const oldest = Math.min(...files.map((f) => statSync(f).mtimeMs));
  return oldest >= newestSource();
}

/**
 * esbuild options for a CommonJS Node bundle of `entry`: `import.meta.url` is the bundle's
 * own URL, and `import('harfbuzzjs')` goes through the host's import (see IMPORT).
 */
function bundleOptions(entry, outfile) {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: EXTERNAL,
    define: { 'import.meta.url': '__pasteupUrl', __PASTEUP_BUNDLE__: 'true' },
    banner: { js: `var __pasteupUrl = require('node:url').pathToFileURL(__filename).href;` },
    plugins: [
      {
        // pdf-lib's utils/objects.js requires @pdf-lib/standard-fonts for one enum, the names
        // of the 14 standard fonts. The package's entry also inflates its encodings and holds
        // the fonts' metrics: ~12 ms of every cold start (and 140 KB of bundle) for code the
        // export never runs, as it embeds its own TrueType fonts. That one importer gets a
        // module with the enum alone, its values taken from the package when the bundle is
        // built; any other importer would get the package itself.
        name: 'pasteup-pdf-lib-font-names',
        setup(build) {
          build.onResolve({ filter: /^@pdf-lib\/standard-fonts$/ }, (args) =>
            /pdf-lib[\\/]cjs[\\/]utils[\\/]objects\.js$/.test(args.importer) ? { path: 'font-names', namespace: 'pasteup-font-names' } : undefined,
          );
          build.onLoad({ filter: /.*/, namespace: 'pasteup-font-names' }, () => ({
            contents: `exports.FontNames = ${JSON.stringify(standardFontNames())};`,
            loader: 'js',
          }));
        },
      },
      {
        name: 'pasteup-esm-import',
        setup(build) {
          // electron/services/fonts/import-harfbuzz.ts: import() through the host.
          build.onLoad({ filter: /import-harfbuzz\.ts$/ }, () => ({
            contents: `export function importHarfBuzz() { return globalThis[Symbol.for('pasteup.import')]('harfbuzzjs'); }`,
            loader: 'js',
          }));
        },
      },
    ],
    logLevel: 'error',
    legalComments: 'none',
    minifyWhitespace: true,
    minifySyntax: true,
  };
}

/** pdf-lib's FontNames enum (name → PostScript name of each standard font), from the installed package. */
function standardFontNames() {
  const require = createRequire(createRequire(join(root, 'package.json')).resolve('pdf-lib'));
  return { ...require('@pdf-lib/standard-fonts').FontNames };
}

async function esbuild() {
  const require = createRequire(join(root, 'package.json'));
  return import(pathToFileURL(require.resolve('esbuild')).href);
}

/**
 * Builds `entry` into `file`, or without arguments the command and its engine worker (each
 * to a temporary name, then renamed: a concurrent start never reads half a file).
 */
export async function buildBundle(entry, file) {
  const { build } = await esbuild();
  const jobs = entry ? [[entry, file]] : ENTRIES;
  await Promise.all(
    jobs.map(async ([from, to]) => {
      mkdirSync(dirname(to), { recursive: true });
      const tmp = `${to}.${process.pid}.tmp`;
      await build(bundleOptions(from, tmp));
      renameSync(tmp, to);
    }),
  );
  writeHarfBuzzScript();
}

/** The directory of harfbuzzjs' modules and wasm (node_modules/harfbuzzjs/dist). */
function harfbuzzDir() {
  return dirname(createRequire(join(root, 'package.json')).resolve('harfbuzzjs/dist/harfbuzz.wasm'));
}

/**
 * harfbuzzjs 1.x as the source of one function `(nodeRequire, url) => Promise<exports>`, or
 * null when its files do not have the shape this expects (another version: the bundles then
 * import the package).
 *
 * harfbuzzjs is two ES modules, its index.mjs and Emscripten's harfbuzz.js, and index.mjs
 * awaits the wasm at its top level, so esbuild cannot take it into a CommonJS bundle. Imported
 * as ES modules it costs a cold `pasteup` ~10 ms more: Node 20 keeps no code cache for ES
 * modules, so the 117 KB are parsed and compiled on every start, and the ES module loader
 * resolves the package, loads and links the two. As one function it is compiled with a V8
 * code cache like the bundles (loadHarfBuzz). The changes, each to exactly one place:
 * harfbuzz.js gets Node's `require` instead of `await import("module")` and harfbuzz.js' own
 * URL (`url`, where it finds harfbuzz.wasm) for `import.meta.url`, and loses its `export
 * default`; index.mjs gets createHarfBuzz from harfbuzz.js directly, and its top-level
 * `init(await createHarfBuzz())` and `export { … }` become the function's result. Characters
 * beyond ASCII (in comments) are written as \u escapes, so that the file reads as Latin-1.
 */
export function harfbuzzScriptSource(dir = harfbuzzDir()) {
  let hb = readFileSync(join(dir, 'harfbuzz.js'), 'utf8');
  let index = readFileSync(join(dir, 'index.mjs'), 'utf8');
  let ok = true;
  const once = (text, from, to) => {
    if (text.split(from).length !== 2) ok = false;
    return text.replace(from, () => to);
  };
  hb = once(hb, 'await import("module")', '__nodeRequire("module")');
  if (!hb.includes('import.meta.url')) ok = false;
  hb = hb.split('import.meta.url').join('__harfbuzzUrl');
  hb = once(hb, 'export default createHarfBuzz;', '');
  index = once(index, 'import createHarfBuzz from "./harfbuzz.js";', '');
  index = once(index, 'init(await createHarfBuzz());', 'const __ready = createHarfBuzz().then(init);');
  const exported = /\nexport \{([^}]*)\};\s*$/.exec(index);
  if (!exported) ok = false;
  else index = `${index.slice(0, exported.index)}\nreturn __ready.then(() => ({${exported[1]}}));\n`;
  // Anything else ES-module-only left in either file, and this would not compile or run.
  if (/\bimport\.meta\b|\bimport\s*\(|^\s*(import|export)\b/m.test(hb + index)) ok = false;
  if (!ok) return null;
  const source = `(function (__nodeRequire, __harfbuzzUrl) {\n${hb}\n${index}})`;
  return source.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Writes dist/harfbuzz.cjs (harfbuzzScriptSource), or removes it when harfbuzzjs has another shape. */
function writeHarfBuzzScript() {
  const source = harfbuzzScriptSource();
  if (source === null) {
    rmSync(HARFBUZZ_SCRIPT, { force: true });
    return;
  }
  const tmp = `${HARFBUZZ_SCRIPT}.${process.pid}.tmp`;
  writeFileSync(tmp, source);
  renameSync(tmp, HARFBUZZ_SCRIPT);
}

/** 'bundle' when dist/cli.cjs (and the worker's bundle) is fresh (building it if needed and possible), else 'tsx'. */
export async function ensureBundle() {
  if (bundleFresh()) return 'bundle';
  try {
    await buildBundle();
    return 'bundle';
  } catch (err) {
    if (err && (err.code === 'ERR_MODULE_NOT_FOUND' || err.code === 'MODULE_NOT_FOUND')) return 'tsx';
    throw err;
  }
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
export function oneShotProcess() {
  const require = createRequire(import.meta.url);
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
export function loadBundle(file, cacheKey) {
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

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--force') || !bundleFresh()) {
    try {
      await buildBundle();
      console.log(`built ${BUNDLE}`);
    } catch (err) {
      if (err && (err.code === 'MODULE_NOT_FOUND' || err.code === 'ERR_MODULE_NOT_FOUND')) console.log('esbuild is not installed: `pasteup` will run through tsx');
      else throw err;
    }
  }
}
