// Where Pasteup keeps things on this computer, and where its bundled resources are.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { APP_ROOT } from '../services/app-root';

/** The repository / app root (resources/ lives here). */
export const appRoot = APP_ROOT;

export const demoTextFile = join(appRoot, 'resources', 'demo', 'taiyuan-daily-2024-01.txt');

/** The user's default library: $PASTEUP_LIBRARY, else $XDG_DATA_HOME/pasteup/library.pasteup. */
export function defaultLibraryPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PASTEUP_LIBRARY) return resolve(env.PASTEUP_LIBRARY);
  const data = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(data, 'pasteup', 'library.pasteup');
}
