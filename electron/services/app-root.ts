// Where the app's own files are (package.json, resources/): the first folder above this
// module that holds Pasteup's package.json. The same code finds it from the TypeScript
// sources (electron/services/), from the bundle (dist/) and from a packaged app.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function find(from: string): string {
  for (let dir = from; ; ) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'pasteup') return dir;
      } catch {
        /* not ours: keep looking */
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find Pasteup's package.json above ${from}`);
    dir = up;
  }
}

/** The app root: package.json and resources/ live here. */
export const APP_ROOT = find(dirname(fileURLToPath(import.meta.url)));
