// Runs a bundled cold-process bench entry (dist/NAME.cjs, built by the bench with
// scripts/bundle.mjs) the way bin/pasteup.js runs the `pasteup` command: one CommonJS
// bundle, a V8 code cache, WebAssembly on Liftoff.
//   node bench/cold-run.mjs NAME ARGS…
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBundle, oneShotProcess } from '../scripts/bundle.mjs';

const [name, ...args] = process.argv.slice(2);
oneShotProcess();
const bundle = loadBundle(join(fileURLToPath(new URL('..', import.meta.url)), 'dist', `${name}.cjs`), 'run');
await bundle.exports.run(args);
bundle.saveCache();
