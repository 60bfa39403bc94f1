// Where Pasteup keeps things on this computer, and where its bundled resources are.
import { homedir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository / app root (resources/ lives here). */
export const appRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const demoTextFile = join(appRoot, 'resources', 'demo', 'taiyuan-daily-2024-01.txt');

/** The user's default library: $PASTEUP_LIBRARY, else $XDG_DATA_HOME/pasteup/library.pasteup. */
export function defaultLibraryPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PASTEUP_LIBRARY) return resolve(env.PASTEUP_LIBRARY);
  const data = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(data, 'pasteup', 'library.pasteup');
}
