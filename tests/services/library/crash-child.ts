// Child process of crash.test.ts: imports `count` drafts in one importDrafts call and reports
// on stdout when `signalAt` of them are written (inside the open transaction). The parent
// kills it with SIGKILL at that moment. Run: node --import tsx crash-child.ts <path> <count> <signalAt>
import { writeSync } from 'node:fs';
import { openLibrary } from '../../../electron/services/library';
import { fixtureArticles, sha256 } from './helpers';

const [path, countArg, signalAtArg] = process.argv.slice(2);
const count = Number(countArg);
const signalAt = Number(signalAtArg);
const lib = openLibrary(path);
const drafts = fixtureArticles(count, 99).map((content, i) => ({ content, line: i + 1 }));
writeSync(1, `ready ${drafts.length}\n`);
lib.importDrafts({
  fileName: 'crash.txt',
  fileHash: sha256('crash'),
  drafts,
  allowDuplicates: true,
  onProgress: (done) => {
    if (done === signalAt) writeSync(1, `begun ${done}\n`);
  },
});
writeSync(1, 'committed\n');
lib.close();
