// File names from patterns, and writes that never leave half a PDF under its final name:
// each file goes to a temporary name in the same folder, is fsynced, then renamed over the
// final name (rename is atomic within a file system), and the folder is fsynced.
import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { copyFile, link, lstat, open, readdir, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface NameTokens {
  publication: string;
  edition: string;
  /** YYYY-MM-DD. */
  date: string;
  /** 1-based page position; zero-padded to 2 digits in names. */
  index: number | null;
  label: string | null;
  version: string;
}

export const DEFAULT_PAGE_PATTERN = '{date}_{label}.pdf';
export const DEFAULT_COMBINED_PATTERN = '{date}_{edition}.pdf';
const TOKENS = ['publication', 'edition', 'date', 'index', 'label', 'version'] as const;

/** Makes one path component safe on Windows, macOS and Linux (keeps CJK). */
export function sanitizeComponent(s: string): string {
  let t = s
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '_')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '');
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(t)) t = `_${t}`;
  // Keep names well under the usual 255-byte limit.
  while (Buffer.byteLength(t, 'utf8') > MAX_NAME_BYTES) t = [...t].slice(0, -1).join('');
  return t;
}

const MAX_NAME_BYTES = 180;
/** The tokens that tell the files of one export apart: never shortened while anything else can be. */
const DISTINGUISHING: readonly string[] = ['index', 'label', 'version'];

/** Expands `{token}`s; unknown tokens are an error. The result is one sanitised file name ending in .pdf. */
export function fileName(pattern: string, tokens: NameTokens): string {
  const value = (key: string): string => {
    if (!(TOKENS as readonly string[]).includes(key)) throw new Error(`unknown token {${key}} in file name pattern "${pattern}"; tokens: ${TOKENS.map((t) => `{${t}}`).join(' ')}`);
    const k = key as (typeof TOKENS)[number];
    if (k === 'index') {
      if (tokens.index === null) throw new Error(`{index} has no value in "${pattern}" (it is for page files)`);
      return String(tokens.index).padStart(2, '0');
    }
    if (k === 'label') {
      if (tokens.label === null) throw new Error(`{label} has no value in "${pattern}" (it is for page files)`);
      return tokens.label;
    }
    return String(tokens[k]);
  };
  // A brace outside a token is a token mistyped ({label without its }): its text in every name
  // made the names clash ("add {index}") or, on a one-page edition, gave a file named {label.pdf.
  if (/[{}]/.test(pattern.replace(/\{[^{}]*\}/g, ''))) {
    throw new Error(`unmatched brace in file name pattern "${pattern}": tokens are written {name}; tokens: ${TOKENS.map((t) => `{${t}}`).join(' ')}`);
  }
  // The pattern as parts: its own text and each token's value, the extension set aside.
  const parts: { text: string; keep: boolean }[] = [];
  const re = /\{([^{}]*)\}/g;
  let last = 0;
  for (let m = re.exec(pattern); m; m = re.exec(pattern)) {
    parts.push({ text: pattern.slice(last, m.index), keep: false }, { text: value(m[1]), keep: DISTINGUISHING.includes(m[1]) });
    last = m.index + m[0].length;
  }
  const tail = pattern.slice(last);
  const ext = /\.pdf$/i.exec(tail)?.[0] ?? '.pdf';
  parts.push({ text: tail.slice(0, tail.length - (/\.pdf$/i.test(tail) ? 4 : 0)), keep: false });
  // Path separators from the pattern or the values never make directories.
  const stem = () => sanitizeComponent(parts.map((p) => p.text).join(''));
  // Too long: shorten the longest part that does not tell the files apart (then any), so
  // that the name keeps its {index}/{label} and its .pdf.
  while (Buffer.byteLength(stem(), 'utf8') > MAX_NAME_BYTES - 4) {
    const pool = parts.some((p) => !p.keep && p.text) ? parts.filter((p) => !p.keep) : parts;
    const longest = pool.reduce((a, b) => (Buffer.byteLength(b.text, 'utf8') > Buffer.byteLength(a.text, 'utf8') ? b : a));
    // Cut before the separators that end it (the "_" in "…_{index}"), so the joins survive.
    const sep = /[-_.\s]*$/.exec(longest.text)![0];
    const body = [...longest.text.slice(0, longest.text.length - sep.length)];
    longest.text = body.length ? body.slice(0, -1).join('') + sep : [...sep].slice(0, -1).join('');
  }
  const name = stem();
  if (name === '') throw new Error(`file name pattern "${pattern}" gives an empty name`);
  return `${name}${ext}`;
}

/**
 * Files in `dir` that `pattern` would name for some page of this edition (the same tokens but
 * any label and index) that are not among `names` (case-insensitively) and that `ours` takes
 * for this edition's: pages an earlier export wrote and this one did not replace — a page since
 * deleted, moved or relabelled, which would go to the plant with the edition. Empty when the
 * pattern names no page by its label or index. (`ours` reads the file: the default pattern
 * names a supplement of the same date alike, and its pages are no strays.)
 */
export async function strayPageFiles(dir: string, pattern: string, tokens: NameTokens, names: readonly string[], ours: (path: string) => Promise<boolean>): Promise<string[]> {
  const [label, index] = ['\uE000', 987654321];
  const probe = fileName(pattern, { ...tokens, label, index });
  if (!probe.includes(label) && !probe.includes(String(index))) return [];
  const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const source = probe
    .split(label)
    .map((t) => t.split(String(index)).map(escape).join('\\d{2,}'))
    .join('.+');
  const like = new RegExp(`^${source}$`, 'iu');
  const written = new Set(names.map((n) => n.normalize('NFC').toLowerCase()));
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return [];
  }
  const named = entries.filter((e) => !e.startsWith('.') && like.test(e.normalize('NFC')) && !written.has(e.normalize('NFC').toLowerCase())).sort();
  const kept = await Promise.all(named.map((e) => ours(join(dir, e)).catch(() => false)));
  return named.filter((_, i) => kept[i]);
}

/** Whether anything is at `path`: a file, a folder, or a symbolic link (even a broken one). */
export async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** Whether `path` holds something an export cannot replace even with force: a folder, a device, a socket. */
export async function unreplaceable(path: string): Promise<boolean> {
  try {
    const st = await lstat(path);
    return !st.isFile() && !st.isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Removes what exports killed before their end left next to `names` in `dir`: hidden
 * `.NAME.PID.RANDOM.tmp` (a file being written) and `.old` (a replaced file's link) of a
 * process that is no longer running. Returns the names removed.
 */
export async function sweepLeftovers(dir: string, names: readonly string[]): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return [];
  }
  const finals = new Set(names);
  const removed: string[] = [];
  for (const entry of entries) {
    const m = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.(?:tmp|old)$/.exec(entry);
    if (!m || !finals.has(m[1]) || processRunning(Number(m[2]))) continue;
    try {
      await unlink(join(dir, entry));
      removed.push(entry);
    } catch {
      /* gone already, or not ours to remove */
    }
  }
  return removed;
}

/** Whether process `pid` of this machine is running (this one is). */
export function processRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

/** A hidden name next to `path` for one process's temporary file. */
function hiddenName(path: string, ext: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.${ext}`);
}

export interface StagedFile {
  /** Temporary name, in the same folder as `path`. */
  tmp: string;
  path: string;
  /** With `readBack`: the file, read back, holds exactly `bytes`. */
  intact?: boolean;
  /** Open until syncStaged() (or discardStaged()) has fsynced and closed it. */
  handle: FileHandle | null;
}

/**
 * Writes `bytes` to a temporary file next to `path`; with `readBack`, then reads it back
 * through the same handle and compares (all but the comparison in the thread pool). The file
 * stays open: syncStaged() fsyncs it, commitStaged() renames it into place.
 */
export async function stageFile(path: string, bytes: Uint8Array, readBack = false): Promise<StagedFile> {
  const tmp = hiddenName(path, 'tmp');
  const fh = await open(tmp, readBack ? 'wx+' : 'wx', 0o644).catch((e: NodeJS.ErrnoException) => {
    throw cannotWrite(path, e);
  });
  let intact: boolean | undefined;
  try {
    let off = 0;
    while (off < bytes.byteLength) off += (await fh.write(bytes, off, bytes.byteLength - off)).bytesWritten;
    if (readBack) {
      // Asking for one byte more than written: a longer file is not intact either, and a
      // regular file returns less than asked only at its end (one read, not two).
      const back = Buffer.allocUnsafe(bytes.byteLength + 1);
      let got = 0;
      while (got < bytes.byteLength) {
        const n = (await fh.read(back, got, back.length - got, got)).bytesRead;
        if (n === 0) break;
        got += n;
      }
      intact = got === bytes.byteLength && back.subarray(0, got).equals(bytes);
    }
  } catch (err) {
    await fh.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw cannotWrite(path, err as NodeJS.ErrnoException);
  }
  return { tmp, path, intact, handle: fh };
}

/**
 * Fsyncs staged files, all at once, and closes them. (On ext4 each fsync commits the journal;
 * fsyncs issued one by one as files were staged queued behind each other, 10–15 ms longer
 * than these together.)
 */
export async function syncStaged(files: readonly StagedFile[]): Promise<void> {
  await Promise.all(
    files.map(async (f) => {
      const fh = f.handle;
      if (!fh) return;
      f.handle = null;
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
    }),
  );
}

/** Thrown by commitStaged() without `replace`: these final names were taken; none was given a staged file. */
export class NamesTaken extends Error {
  constructor(readonly paths: string[]) {
    super(`${paths.length} final name${paths.length === 1 ? ' was' : 's were'} taken: ${paths.join(', ')}`);
    this.name = 'NamesTaken';
  }
}

/** link() errors of a file system without hard links (FAT, exFAT, some network shares). */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK', 'EXDEV']);

/**
 * Fsyncs staged files (if not yet), renames them to their final names, then fsyncs their
 * folders once. All or none: a file a final name held before is first kept under a hidden
 * `.old` name (a hard link, so the final name never stands empty); the renames run together,
 * and when one fails every final name gets back what it held and the error is thrown, the
 * staged files at their temporary names again, for discardStaged().
 *
 * Without `replace`, a final name that holds anything is never replaced, even when it
 * appeared a moment ago (another export into the same folder): each staged file is hard-linked
 * to its final name, which fails on a name taken, and when one fails the names linked are
 * removed again and NamesTaken is thrown. (A check before renaming left a window in which two
 * exports of two editions both succeeded, each replacing some of the other's pages.) Where
 * links are impossible, the check and the renames are what there is.
 */
export async function commitStaged(files: readonly StagedFile[], replace = true): Promise<void> {
  await syncStaged(files);
  if (!replace && (await linkStaged(files))) {
    for (const dir of new Set(files.map((f) => dirname(f.path)))) await fsyncDir(dir);
    return;
  }
  const existed = await Promise.all(files.map((f) => exists(f.path)));
  if (!replace && existed.some(Boolean)) throw new NamesTaken(files.filter((_, i) => existed[i]).map((f) => f.path));
  // A hard link keeps the old file at its name too; where links are not possible (FAT, some
  // network shares) a copy does.
  const backups = await Promise.allSettled(
    files.map(async (f, i) => {
      if (!existed[i]) return null;
      const backup = hiddenName(f.path, 'old');
      await link(f.path, backup).catch(() => copyFile(f.path, backup));
      return backup;
    }),
  );
  const kept = backups.map((b) => (b.status === 'fulfilled' ? b.value : null));
  const dropBackups = () => Promise.all(kept.map((b) => (b ? unlink(b).catch(() => undefined) : undefined)));
  const failedBackup = backups.find((b) => b.status === 'rejected');
  if (failedBackup) {
    await dropBackups();
    throw cannotWrite(files[backups.indexOf(failedBackup)].path, (failedBackup as PromiseRejectedResult).reason as NodeJS.ErrnoException);
  }
  const ours = await Promise.all(files.map((f) => lstat(f.tmp)));
  const renamed = await Promise.allSettled(files.map((f) => rename(f.tmp, f.path)));
  const failed = renamed.find((r) => r.status === 'rejected');
  if (failed) {
    await Promise.all(
      files.map(async (f, i) => {
        const backup = kept[i];
        if (renamed[i].status === 'fulfilled') {
          await rename(f.path, f.tmp).catch(() => undefined);
          if (backup) await rename(backup, f.path).catch(() => undefined);
        } else if (backup) {
          // This name still holds its own file: the link kept to it only goes. (Renaming it back
          // over a file this user may not replace — another user's, in a sticky folder — failed
          // and left the hidden .old copy in the folder.)
          await unlink(backup).catch(() => undefined);
        }
      }),
    );
    throw cannotWrite(files[renamed.indexOf(failed)].path, (failed as PromiseRejectedResult).reason as NodeJS.ErrnoException);
  }
  await dropBackups();
  for (const dir of new Set(files.map((f) => dirname(f.path)))) await fsyncDir(dir);
  // Another export replacing the same names at the same moment leaves each name to whichever
  // renamed it last: a folder of two editions' pages, both exports reporting success. Whenever
  // that happens, at least one of the two finds a name no longer holding its file here.
  // (The same inode, or — where a rename gives a file another id, as FAT's on Windows does —
  // the same size and modification time.)
  const now = await Promise.all(files.map((f) => lstat(f.path).catch(() => null)));
  const same = (a: Stats | null, b: Stats) => !!a && ((a.ino === b.ino && a.dev === b.dev) || (a.size === b.size && a.mtimeMs === b.mtimeMs));
  const lost = files.filter((_, i) => !same(now[i], ours[i])).map((f) => f.path);
  if (lost.length > 0) throw new ReplacedMeanwhile(lost);
}

/** Thrown by commitStaged() with `replace`: these names were replaced again, by someone else, as the files were renamed into place. */
export class ReplacedMeanwhile extends Error {
  constructor(readonly paths: string[]) {
    super(`${paths.length} file${paths.length === 1 ? ' was' : 's were'} replaced by someone else while being written: ${paths.join(', ')}`);
    this.name = 'ReplacedMeanwhile';
  }
}

const CAUSES: Record<string, string> = {
  EPERM: 'permission denied',
  EACCES: 'permission denied',
  EISDIR: 'a folder is in the way',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
};

/**
 * A failed write or commit, named by the final file as the user knows it (Node's message names
 * the temporary file, gone by now, or no file at all: "ENOSPC: no space left on device, write").
 */
export function cannotWrite(path: string, e: NodeJS.ErrnoException): Error {
  const why = CAUSES[e.code ?? ''] ?? e.message;
  return Object.assign(new Error(`cannot write ${path}: ${why}; no file was written or replaced`), { code: e.code });
}

/**
 * Gives each staged file its final name as a second link, all or none; then drops the
 * temporary names. False when this file system has no hard links (nothing was done).
 */
async function linkStaged(files: readonly StagedFile[]): Promise<boolean> {
  const linked = await Promise.allSettled(files.map((f) => link(f.tmp, f.path)));
  const failures = linked.flatMap((r) => (r.status === 'rejected' ? [r.reason as NodeJS.ErrnoException] : []));
  if (failures.length === 0) {
    await Promise.all(files.map((f) => unlink(f.tmp).catch(() => undefined)));
    return true;
  }
  // Take back the names this call linked (still holding our file: the same inode as its temporary name).
  await Promise.all(
    files.map(async (f, i) => {
      if (linked[i].status !== 'fulfilled') return;
      const [mine, there] = await Promise.all([lstat(f.tmp), lstat(f.path)].map((p) => p.catch(() => null)));
      if (mine && there && mine.ino === there.ino && mine.dev === there.dev) await unlink(f.path).catch(() => undefined);
    }),
  );
  if (failures.every((e) => NO_LINKS.has(e.code ?? '')) && linked.every((r) => r.status === 'rejected')) return false;
  const taken = files.filter((_, i) => linked[i].status === 'rejected' && (linked[i] as PromiseRejectedResult).reason?.code === 'EEXIST').map((f) => f.path);
  if (taken.length > 0) throw new NamesTaken(taken);
  throw failures.find((e) => !NO_LINKS.has(e.code ?? '')) ?? failures[0];
}

export async function discardStaged(files: readonly StagedFile[]): Promise<void> {
  for (const f of files) {
    const fh = f.handle;
    f.handle = null;
    await fh?.close().catch(() => undefined);
    await unlink(f.tmp).catch(() => undefined);
  }
}

/** Writes `bytes` to `path` atomically: temp file in the same folder, fsync, rename, fsync the folder. */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const staged = await stageFile(path, bytes);
  try {
    await commitStaged([staged]);
  } catch (err) {
    await discardStaged([staged]);
    throw err;
  }
}

async function fsyncDir(dir: string): Promise<void> {
  // Not possible on Windows (EPERM/EISDIR): the rename is still atomic there.
  try {
    const d = await open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    /* best effort */
  }
}
