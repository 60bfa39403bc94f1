// A folder and the folders above it that are missing, one level at a time.
//
// Not `mkdir(…, { recursive: true })`: Node 20's recursive mkdir never returns on a path under
// /proc (mkdir there fails with ENOENT although the parent exists, and Node answers by making
// the parent, which exists, and trying again, forever — 100 % CPU until killed). Making each
// missing level in turn fails at once with that error instead.
import { accessSync, constants, existsSync, lstatSync, mkdirSync, readlinkSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * A symbolic link whose target does not exist (a share not mounted, a folder moved): mkdir
 * there fails with EEXIST, which reads as "made meanwhile", and the export failed only when it
 * wrote its first file, after all its work, naming a temporary file.
 */
function refuseDanglingLink(d: string): void {
  let link = false;
  try {
    link = lstatSync(d).isSymbolicLink();
  } catch {
    return; // not there (or under a file): said where it is made
  }
  if (!link) return;
  throw Object.assign(new Error(`cannot use ${d} as a folder: it is a symbolic link to ${readlinkSync(d)}, which does not exist`), { code: 'ENOENT' });
}

export function makeDirs(dir: string): void {
  const target = resolve(dir);
  if (existsSync(target) && !statSync(target).isDirectory()) throw Object.assign(new Error(`cannot use ${target} as a folder: it is a file`), { code: 'ENOTDIR' });
  const missing: string[] = [];
  for (let d = target; !existsSync(d); ) {
    refuseDanglingLink(d);
    missing.push(d);
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (e) {
      // Another process made it meanwhile: fine. Anything else is the answer, said plainly.
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      const why = code === 'ENOTDIR' ? `${dirname(d)} is a file, not a folder` : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'the file system is read-only' : (e as Error).message;
      throw Object.assign(new Error(`cannot create the folder ${d}: ${why}`), { code });
    }
  }
}

/**
 * Throws, with the folder named, when `dir` could not be made or written in by this process:
 * checked on the nearest folder that exists, so that a long job (an export) learns it before
 * its work, without making anything yet.
 */
export function checkWritableDir(dir: string): void {
  const target = resolve(dir);
  let d = target;
  let below = target; // the level that would be made in d
  while (!existsSync(d) && dirname(d) !== d) {
    refuseDanglingLink(d);
    below = d;
    d = dirname(d);
  }
  if (!statSync(d).isDirectory()) {
    // In makeDirs' words: the same failure, said the same way.
    const message = d === target ? `cannot use ${d} as a folder: it is a file` : `cannot create the folder ${below}: ${d} is a file, not a folder`;
    throw Object.assign(new Error(message), { code: 'ENOTDIR' });
  }
  try {
    accessSync(d, constants.W_OK | constants.X_OK); // a folder takes new files with both
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw Object.assign(new Error(`cannot write in ${d}: ${code === 'EROFS' ? 'the file system is read-only' : 'permission denied'}`), { code });
  }
}
