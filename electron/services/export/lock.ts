// The export lock: one export at a time into an output folder (docs/pdf.md, Files). Two desks
// exporting into one plant folder at once (or one desk pressing export twice) used to be found
// out only after the renames; now the second is refused before it writes anything, told who
// holds the folder.
import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname, uptime } from 'node:os';
import { join } from 'node:path';
import { cannotWrite, processRunning } from './files';

/** Hidden, so that no listing of the folder (the plant's, the stray-page check) takes it for output. */
export const LOCK_NAME = '.pasteup-export.lock';

/**
 * A lock this old (by its time and by its file's) may be taken over with `overwrite` whoever
 * holds it: an export takes seconds, so it is one that ended without removing it (its machine
 * crashed or was switched off) — or hangs, and the checks at the renames still catch it.
 */
export const LOCK_STALE_MS = 10 * 60_000;

/** What the lock file holds (JSON). */
export interface LockOwner {
  host: string;
  pid: number;
  user: string | null;
  /** The edition being exported, by its title (`太原日报 2024-01-27 早版`). */
  edition: string;
  /** When the export took the lock (ISO 8601, the exporting machine's clock). */
  started: string;
}

export interface FolderLock {
  path: string;
  /** Set when this export took over a lock left by one that ended without removing it: says whose, and why. */
  tookOver: string | null;
  /** Removes the lock file, if it is still this export's. */
  release(): void;
}

/** The folder is another export's: its lock is live (or cannot be judged). The message says whose and what to do. */
export class FolderBusy extends Error {
  constructor(
    readonly path: string,
    readonly owner: LockOwner | null,
    message: string,
  ) {
    super(message);
    this.name = 'FolderBusy';
  }
}

interface Held {
  owner: LockOwner | null;
  /**
   * What the file holds: a lock is known by its text (its host, process and time), not by its
   * inode — a lock removed and another made at once may get the same inode number.
   */
  text: string;
  file: boolean;
  mtimeMs: number;
}

/**
 * Synchronous, as makeDirs is: a handful of small calls, each of which, awaited, gave the event
 * loop to whatever else was queued (10-50 ms before the lock was held in a cold export on a
 * loaded machine, against well under 1 ms this way).
 *
 * Takes the export lock of `dir` (which must exist) for the edition titled `edition`: the lock
 * file is created exclusively. One that is there already is taken over when its export has
 * ended — a process of this machine that is no longer running, or that started before this
 * machine did —, or with `takeOverOld` when it is older than LOCK_STALE_MS; otherwise FolderBusy.
 */
export function lockFolder(dir: string, edition: string, takeOverOld: boolean, now = new Date()): FolderLock {
  const path = join(dir, LOCK_NAME);
  const me: LockOwner = { host: hostname(), pid: process.pid, user: process.env.USER ?? process.env.USERNAME ?? null, edition, started: now.toISOString() };
  let tookOver: string | null = null;
  // A lock removed or replaced between the tries is judged again; three rounds are plenty.
  for (let round = 0; round < 3; round++) {
    const mine = create(path, me);
    if (mine !== null) return { path, tookOver, release: () => release(path, mine) };
    const held = readLock(path);
    if (!held) continue; // removed meanwhile
    const why = endedBecause(held, me.host, takeOverOld, now.getTime());
    if (why === null) throw busy(dir, path, held, now.getTime());
    if (removeIfSame(path, held)) tookOver = `took over the export lock of ${whose(held, now.getTime())}: ${why}`;
  }
  throw new FolderBusy(path, null, `${dir} is busy: other exports keep taking its lock (${path}); nothing was written. Try again in a moment.`);
}

/** Creates the lock file holding `me`; its text, or null when one is there. */
function create(path: string, me: LockOwner): string | null {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw cannotWrite(path, e as NodeJS.ErrnoException);
  }
  try {
    const text = `${JSON.stringify(me)}\n`;
    writeSync(fd, text);
    return text;
  } catch (e) {
    quietly(() => unlinkSync(path));
    throw cannotWrite(path, e as NodeJS.ErrnoException);
  } finally {
    quietly(() => closeSync(fd));
  }
}

function release(path: string, mine: string): void {
  // Another export may have taken it over (LOCK_STALE_MS): that one is not ours to remove.
  if (quietly(() => readFileSync(path, 'utf8')) === mine) quietly(() => unlinkSync(path));
}

/** `f()`, or null when it throws (a file gone meanwhile). */
function quietly<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

/** The lock file as it is now, or null when it is gone. An owner of null: empty (being written) or not a lock Pasteup wrote. */
function readLock(path: string): Held | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const st = fstatSync(fd);
    let owner: LockOwner | null = null;
    let text = '';
    if (st.isFile() && st.size < 4096) {
      try {
        text = readFileSync(fd, 'utf8');
        const o = JSON.parse(text) as Partial<LockOwner>;
        const given = (v: unknown) => typeof v === 'string' && v !== '';
        if (given(o.host) && Number.isSafeInteger(o.pid) && o.pid! > 0 && typeof o.edition === 'string' && given(o.started)) {
          owner = { host: o.host!, pid: o.pid!, user: typeof o.user === 'string' ? o.user : null, edition: o.edition, started: o.started! };
        }
      } catch {
        /* not JSON (yet) */
      }
    }
    return { owner, text, file: st.isFile(), mtimeMs: st.mtimeMs };
  } finally {
    quietly(() => closeSync(fd));
  }
}

/** When the lock was taken: the later of its own time and its file's (two clocks; the younger reading is the safe one). */
function takenAt(held: Held): number {
  const started = held.owner ? Date.parse(held.owner.started) : NaN;
  return Number.isNaN(started) ? held.mtimeMs : Math.max(started, held.mtimeMs);
}

/** Why the export holding `held` has ended (so its lock may go), or null when it may be running. */
function endedBecause(held: Held, host: string, takeOverOld: boolean, now: number): string | null {
  if (!held.file) return null; // a folder or such under the lock's name: never removed
  const o = held.owner;
  if (o && o.host === host) {
    if (!processRunning(o.pid)) return `its process ${o.pid} is no longer running (it ended without removing the lock)`;
    if (takenAt(held) < now - uptime() * 1000 - 60_000) return `it was taken before this machine last started (process ${o.pid} is now another program)`;
  }
  if (takeOverOld && now - takenAt(held) > LOCK_STALE_MS) return `it is ${ago(takenAt(held), now)} old, longer than any export takes (an export that ended without removing it)`;
  return null;
}

/** Renames the lock aside and removes it if it is still the one judged (the same text); puts back one that is not. */
function removeIfSame(path: string, held: Held): boolean {
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.old`;
  try {
    renameSync(path, aside);
  } catch {
    return false; // gone meanwhile: judged again
  }
  if (quietly(() => readFileSync(aside, 'utf8')) === held.text) {
    quietly(() => unlinkSync(aside));
    return true;
  }
  // Another export's fresh lock, taken the moment before: back under its name (a link never
  // replaces a lock taken since; where links are impossible, a rename back).
  try {
    linkSync(aside, path);
    unlinkSync(aside);
  } catch (e) {
    quietly(() => ((e as NodeJS.ErrnoException).code === 'EEXIST' ? unlinkSync(aside) : renameSync(aside, path)));
  }
  return false;
}

function busy(dir: string, path: string, held: Held, now: number): FolderBusy {
  const o = held.owner;
  const old = now - takenAt(held) > LOCK_STALE_MS;
  const remedy = !held.file
    ? `${path} is not a lock file Pasteup wrote; remove it, or export into another folder.`
    : `Try again when it has finished, or export into another folder. If it is no longer running${o && o.host !== hostname() ? ` (${o.host} crashed or was switched off)` : ''}, ${old ? 'export with overwrite to take its lock over, or ' : ''}remove ${path}${old ? '' : ` (or export with overwrite once the lock is ${LOCK_STALE_MS / 60_000} min old)`}.`;
  const who = o ? `another export is writing into it: ${whose(held, now)}` : `another export is starting there (its lock file ${path} is not yet readable, last changed ${ago(held.mtimeMs, now)} ago)`;
  return new FolderBusy(path, o, `${dir} is busy: ${who}; nothing was written. ${remedy}`);
}

/** `太原日报 2024-01-27 早版 on desk-3 (pid 4123, user lij) since 2024-01-27 22:31:05 (2 min ago)` */
function whose(held: Held, now: number): string {
  const o = held.owner;
  if (!o) return `an export whose lock file is unreadable (last changed ${ago(held.mtimeMs, now)} ago)`;
  const started = Date.parse(o.started);
  const since = Number.isNaN(started) ? o.started : `${localTime(new Date(started))} (${ago(started, now)} ago)`;
  return `${o.edition || 'an edition'} on ${o.host} (pid ${o.pid}${o.user ? `, user ${o.user}` : ''}) since ${since}`;
}

function localTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** `3 s`, `12 min`, `5 h`, `2 days`: how long before `now`. */
function ago(t: number, now: number): string {
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} days`;
}
