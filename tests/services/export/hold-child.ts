// Child process of the export-lock tests: exports the demo edition into <dir> and, when its
// first page file is built (the folder's lock held, nothing renamed yet), says `holding` on
// stdout and waits until the parent writes to the FIFO <gate>; then it finishes the export and
// says `done`. Run: node --import tsx hold-child.ts <dir> <gate>
import { readFileSync, readdirSync, writeSync } from 'node:fs';
import { exportEdition } from '../../../electron/services/export';
import { demoLayout, FIXED_DATE, META } from './demo-edition';

const [dir, gate] = process.argv.slice(2);
const layout = await demoLayout();
let held = false;
await exportEdition(layout, META, {
  outDir: dir,
  creationDate: FIXED_DATE,
  onProgress: () => {
    if (held) return;
    held = true;
    // The files staged so far (the edition file, built first, and this page) are created by
    // the thread pool, which may not have made them yet: the parent's view of the folder is
    // taken once they are there, or it would see one appear while it looks.
    const wait = new Int32Array(new SharedArrayBuffer(4));
    while (readdirSync(dir).filter((n) => n.endsWith('.tmp')).length < 2) Atomics.wait(wait, 0, 0, 5);
    writeSync(1, 'holding\n');
    readFileSync(gate); // blocks until the parent opens the FIFO for writing and closes it
  },
});
writeSync(1, 'done\n');
