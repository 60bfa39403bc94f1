#!/usr/bin/env node
// The `pasteup` command as one JavaScript file: dist/cli.cjs, bundled from the TypeScript
// sources by esbuild, and run with a V8 code cache. A cold `pasteup` start costs ~0.1 s this
// way; through tsx (which transpiles and resolves ~150 modules on every start) it was ~0.9 s.
//
// bin/pasteup.js calls ensureBundle() (scripts/launch.cjs, with the rest of what runs at
// start-up) on every start: the bundle is rebuilt when a source file is newer than it (an
// edited checkout never runs stale code); without esbuild (an install without dev
// dependencies) the command runs the sources through tsx. The postinstall script builds it
// once.
//
// Why CommonJS and vm.Script: Node 20 has no code cache for ES modules. A script compiled
// by vm.Script can be given the cached data V8 produced for it on an earlier run (the
// bytecode of every function that run compiled), which saves parsing and compiling the
// 2 MB bundle and the functions the verb runs: ~90 ms of a cold export.
//
//   node scripts/bundle.mjs           build dist/cli.cjs if it is missing or stale
//   node scripts/bundle.mjs --force   build it anyway
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import launch from './launch.cjs';

const { ROOT: root, BUNDLE, WORKER_BUNDLE, HARFBUZZ_SCRIPT, IMPORT, bundleFresh, harfbuzzDir } = launch;

const ENTRIES = [
  [join(root, 'electron', 'cli', 'main.ts'), BUNDLE],
  [join(root, 'electron', 'services', 'engine-worker', 'worker.ts'), WORKER_BUNDLE],
];

/** Packages that stay outside the bundle: native code, wasm loaded next to its module, the shell. */
const EXTERNAL = ['better-sqlite3', 'harfbuzzjs', 'electron'];

/**
 * esbuild options for a CommonJS Node bundle of `entry`: `import.meta.url` is the bundle's
 * own URL, and `import('harfbuzzjs')` goes through the host's import (IMPORT in launch.cjs).
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
            contents: `export function importHarfBuzz() { return globalThis[Symbol.for(${JSON.stringify(Symbol.keyFor(IMPORT))})]('harfbuzzjs'); }`,
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
  // The code caches of the old bundles go with them. V8 checks a cache only against the
  // source's length (and its own version and flags): an edit that kept the bundle's length
  // ran the old code from the old cache.
  for (const dir of new Set(jobs.map(([, to]) => dirname(to)))) {
    for (const name of readdirSync(dir)) if (name.endsWith('.cache')) rmSync(join(dir, name), { force: true });
  }
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
 * code cache like the bundles (the import hook of loadBundle, launch.cjs). The changes, each
 * to exactly one place: harfbuzz.js gets Node's `require` instead of `await import("module")`
 * and harfbuzz.js' own URL (`url`, where it finds harfbuzz.wasm) for `import.meta.url`, and
 * loses its `export default`; index.mjs gets createHarfBuzz from harfbuzz.js directly, and
 * its top-level `init(await createHarfBuzz())` and `export { … }` become the function's
 * result. Characters beyond ASCII (in comments) are written as \u escapes, so that the file
 * reads as Latin-1.
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
