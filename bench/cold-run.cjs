// Runs a bundled cold-process bench entry (dist/NAME.cjs, built by the bench with
// scripts/bundle.mjs) the way bin/pasteup.js runs the `pasteup` command: CommonJS from the
// first line (scripts/launch.cjs), one bundle, a V8 code cache, oneShotProcess()'s V8
// settings (WebAssembly on Liftoff, a smaller inlining budget, Node's modules loaded first),
// and the same check that the bundle is not older than the sources (a walk over the source
// tree, ~6 ms).
//   node bench/cold-run.cjs [--long-lived] NAME ARGS…
// --long-lived runs it as the app's long-lived process would: without oneShotProcess()'s
// settings (the warm bench).
'use strict';
const { join } = require('node:path');
const { ensureBundle, loadBundle, oneShotProcess } = require('../scripts/launch.cjs');

async function run(argv) {
  const longLived = argv[0] === '--long-lived';
  const [name, ...args] = longLived ? argv.slice(1) : argv;
  if (!longLived) oneShotProcess();
  if ((await ensureBundle()) !== 'bundle') throw new Error('no bundle: esbuild is missing');
  const bundle = loadBundle(join(__dirname, '..', 'dist', `${name}.cjs`), 'run');
  await bundle.exports.run(args);
  bundle.saveCache();
}

run(process.argv.slice(2)).catch((err) => {
  process.exitCode = 1;
  throw err;
});
