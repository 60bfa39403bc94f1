// Runs the bundled bench/export-cold.ts as bin/pasteup.js runs the `pasteup` command.
//   node bench/export-cold-run.mjs INPUT.json OUTDIR
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBundle, oneShotProcess } from '../scripts/bundle.mjs';

oneShotProcess();
const bundle = loadBundle(join(fileURLToPath(new URL('..', import.meta.url)), 'dist', 'bench-export-cold.cjs'), 'run');
await bundle.exports.run(process.argv.slice(2));
bundle.saveCache();
