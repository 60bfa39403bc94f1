// Child process of crash.test.ts: exports the demo edition into <dir> again and again (with
// force, so each round replaces the files), reporting each finished round on stdout. The
// parent kills it with SIGKILL while it writes. Run: node --import tsx crash-child.ts <dir> <rounds>
import { writeSync } from 'node:fs';
import { exportEdition } from '../../../electron/services/export';
import { demoLayout, FIXED_DATE, META } from './demo-edition';

const [dir, roundsArg] = process.argv.slice(2);
const layout = await demoLayout();
writeSync(1, 'ready\n');
for (let i = 0; i < Number(roundsArg); i++) {
  await exportEdition(layout, META, { outDir: dir, creationDate: FIXED_DATE, force: true });
  writeSync(1, `round ${i}\n`);
}
