// Runs a bundled cold-process bench entry (dist/NAME.cjs, built by the bench with
// scripts/bundle.mjs) the way bin/pasteup.js runs the `pasteup` command: one CommonJS
// bundle, a V8 code cache, WebAssembly on Liftoff, and the same check that the bundle is
// not older than the sources (a walk over the source tree, ~6 ms).
//   node bench/cold-run.mjs NAME ARGS…
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBundle, loadBundle, oneShotProcess } from '../scripts/bundle.mjs';

const [name, ...args] = process.argv.slice(2);
oneShotProcess();
if ((await ensureBundle()) !== 'bundle') throw new Error('no bundle: esbuild is missing');
const bundle = loadBundle(join(fileURLToPath(new URL('..', import.meta.url)), 'dist', `${name}.cjs`), 'run');
await bundle.exports.run(args);
bundle.saveCache();
