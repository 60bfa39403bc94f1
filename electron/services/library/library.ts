// Opening a library: one SQLite file per library, recognised by its application_id and meta
// table, created atomically, migrated forward, never touched when it is not ours.
import Database from 'better-sqlite3';
import { accessSync, closeSync, constants as fsConstants, existsSync, fsyncSync, linkSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { makeDirs } from '../make-dirs';
import { ArticleRepository } from './articles';
import { EditionRepository } from './editions';
import { ImageRepository } from './images';
import { TemplateRepository } from './templates';
import { checkLibrary, type CheckResult } from './check';
import {
  libraryErrorFor,
  type ErrorContext,
  LibraryDamagedError,
  LibraryError,
  LibraryNeedsUpgradeError,
  LibraryNotFoundError,
  LibraryTooNewError,
  NotALibraryError,
} from './errors';
import { importDrafts, type ImportOutcome, type ImportRequest } from './import-drafts';
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion } from './migrations';

// `file:` URIs (for `immutable=1`, below): better-sqlite3 reads this once, when its addon
// loads at the first `new Database`, which no code before this module does (lint keeps
// better-sqlite3 in this folder). Paths are always made absolute, so none starts with `file:`.
process.env.SQLITE_USE_URI ??= '1';

/** PRAGMA application_id of every Pasteup library: 'PSUP'. */
export const APPLICATION_ID = 0x50535550;
const SQLITE_MAGIC = 'SQLite format 3\u0000';
/**
 * How long a write waits for another process's write transaction (every write transaction is
 * BEGIN IMMEDIATE, so the wait happens before anything is done): long enough for another
 * process's import of a big file. WAL readers never wait for a writer.
 */
export const BUSY_TIMEOUT_MS = 30_000;

export interface OpenOptions {
  /** Create the library when the path does not exist (default true). */
  create?: boolean;
  /** Open without writing anything; an older library is then refused instead of upgraded. */
  readonly?: boolean;
  /** Where timestamps come from (tests pass a fake one). */
  clock?: () => Date;
  /** How long a write waits for another process's write lock (default BUSY_TIMEOUT_MS). */
  busyTimeoutMs?: number;
}

export interface Library {
  readonly path: string;
  /** True when it cannot be changed: opened read-only, or not writable by this process. */
  readonly readonly: boolean;
  /** Why it is read-only ("the file is not writable", ...), or null. */
  readonly readonlyReason: string | null;
  readonly schemaVersion: number;
  readonly articles: ArticleRepository;
  readonly templates: TemplateRepository;
  readonly editions: EditionRepository;
  /** Pictures (JPEG), by the reference a photo's `asset` holds. */
  readonly images: ImageRepository;
  /** Runs `fn` in one transaction (nested calls join it): all of its changes or none. */
  transaction<T>(fn: () => T): T;
  /** Stores an importer's drafts, all or nothing, skipping texts already in the library. */
  importDrafts(request: ImportRequest): ImportOutcome;
  /** Verifies the file, the indexes and every row; slow on big libraries (reads everything). */
  check(): CheckResult;
  close(): void;
}

type FileState = 'missing' | 'empty' | 'library';

/**
 * What is at `path`, judged from the first 100 bytes only (read with plain file I/O, so a file
 * that is not ours is never opened by SQLite, let alone given a journal or WAL).
 */
function inspect(path: string): FileState {
  if (!existsSync(path)) return 'missing';
  const st = statSync(path);
  if (!st.isFile()) throw new NotALibraryError(path, st.isDirectory() ? 'it is a folder' : 'it is not a regular file');
  if (st.size === 0) return 'empty';
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  let n: number;
  try {
    n = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (n < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw new NotALibraryError(path, 'it is not an SQLite database');
  }
  const appId = header.readUInt32BE(68);
  const userVersion = header.readUInt32BE(60);
  if (appId !== APPLICATION_ID) {
    throw new NotALibraryError(
      path,
      appId === 0
        ? 'it is an SQLite database without an application id'
        : `it is an SQLite database of another application (application_id 0x${appId.toString(16).padStart(8, '0')})`,
    );
  }
  // The header's user_version can lag behind an un-checkpointed WAL (checked again once open),
  // but when it already says "newer", refuse before SQLite opens the file at all.
  if (userVersion > LATEST_SCHEMA_VERSION) throw new LibraryTooNewError(path, userVersion, LATEST_SCHEMA_VERSION);
  return 'library';
}

/**
 * Writes a new library file at `path` with the schema up to `upTo`. It is built under a
 * temporary name and then moved into place, so a crash never leaves half a library behind.
 * Returns false, and leaves it alone, when a library is already there (another process may
 * have created it meanwhile); a file that is not a library throws NotALibraryError.
 */
export function createLibraryFile(path: string, upTo: number = LATEST_SCHEMA_VERSION): boolean {
  const target = resolve(path);
  makeDirs(dirname(target));
  const tmp = `${target}.creating-${process.pid}-${Date.now().toString(36)}`;
  try {
    let db: Database.Database;
    try {
      db = new Database(tmp);
    } catch (e) {
      // SQLite's own words ("unable to open database file") do not say which file.
      throw Object.assign(new Error(`cannot create the library ${target}: ${(e as Error).message}`), { code: (e as { code?: string }).code });
    }
    try {
      // 16 KB pages: an article row (JSON body + search text, ~5 KB) fits in one page, and
      // FTS segment writes touch fewer pages; imports measured ~10 % faster than with 4 KB.
      db.pragma('page_size = 16384');
      db.pragma(`application_id = ${APPLICATION_ID}`);
      migrate(db, upTo);
      db.pragma('journal_mode = WAL');
    } finally {
      db.close();
    }
    const state = inspect(target);
    if (state === 'library') return false;
    if (state === 'missing') {
      try {
        linkSync(tmp, target); // fails if someone created it meanwhile: theirs wins
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') return false;
        renameSync(tmp, target);
      }
    } else {
      renameSync(tmp, target); // over a zero-byte file
    }
    syncDirectory(dirname(target));
    return true;
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(tmp + suffix, { force: true });
  }
}

/** Makes a new directory entry durable (best effort: not every platform can fsync a folder). */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Why this process cannot write the library at `file`, or null when it can: a library needs
 * its folder too (SQLite keeps the -wal and -shm files next to it).
 */
export function whyReadOnly(file: string): string | null {
  const denied = (p: string) => {
    try {
      accessSync(p, fsConstants.W_OK);
      return null;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code ?? 'EACCES';
    }
  };
  const f = denied(file);
  if (f === 'EROFS') return 'it is on a read-only file system';
  if (f !== null) return 'the file is not writable';
  if (denied(dirname(file)) !== null) return 'its folder is not writable';
  return null;
}

interface Connection {
  db: Database.Database;
  /** Why it cannot write, or null: the connection writes (unless query_only). */
  readonlyReason: string | null;
}

/**
 * One SQLite connection to the library at `file`.
 *
 * - Writable: read-write. With `readonly` the same, plus `query_only`: a read-only SQLite
 *   connection cannot take the lock that lets the last one out remove the -wal and -shm files,
 *   so it would leave them behind.
 * - Not writable (the file, its folder, the file system): read-only. While no other connection
 *   has it open (no -wal file next to it) it is opened `immutable`: SQLite then takes no locks
 *   and makes no -wal/-shm files, which it could not remove again (another user's or a 444
 *   file), or not make at all (a read-only folder: SQLite cannot open a WAL library there
 *   otherwise). The cost: a writer that starts meanwhile (only one with more rights can) is
 *   not seen. With a -wal file there, SQLite shares the existing -wal and -shm.
 */
function connect(file: string, opts: { readonly: boolean; busyTimeoutMs: number }): Connection {
  const readonlyReason = whyReadOnly(file);
  if (readonlyReason === null) {
    const db = new Database(file, { fileMustExist: true, timeout: opts.busyTimeoutMs });
    if (opts.readonly) db.pragma('query_only = ON');
    return { db, readonlyReason: opts.readonly ? 'opened read-only' : null };
  }
  if (!existsSync(`${file}-wal`)) {
    try {
      const uri = `file:${encodeURI(file.replaceAll('\\', '/')).replace(/[?#]/g, encodeURIComponent)}?immutable=1`;
      return { db: new Database(uri, { readonly: true, fileMustExist: true, timeout: opts.busyTimeoutMs }), readonlyReason };
    } catch {
      // URIs off (the addon loaded before SQLITE_USE_URI was set): a plain read-only open.
    }
  }
  return { db: new Database(file, { readonly: true, fileMustExist: true, timeout: opts.busyTimeoutMs }), readonlyReason };
}

/** Opens (and if needed creates or upgrades) the library at `path`. */
export function openLibrary(path: string, opts: OpenOptions = {}): Library {
  const file = resolve(path);
  const readonly = opts.readonly ?? false;
  const create = (opts.create ?? true) && !readonly;
  const state = inspect(file);
  if (state !== 'library') {
    if (!create) {
      if (state === 'empty') throw new NotALibraryError(file, 'it is an empty file');
      throw new LibraryNotFoundError(file);
    }
    createLibraryFile(file);
    inspect(file);
  }

  const busyTimeoutMs = opts.busyTimeoutMs ?? BUSY_TIMEOUT_MS;
  let conn: Connection;
  try {
    conn = connect(file, { readonly, busyTimeoutMs });
  } catch (e) {
    throw libraryErrorFor(file, e, { busyTimeoutMs, readonlyReason: whyReadOnly(file) });
  }
  const { db, readonlyReason } = conn;
  const ctx = { busyTimeoutMs, readonlyReason };
  try {
    // Nothing below writes until the file has shown itself to be a library we can read.
    const version = schemaVersion(db);
    if (version > LATEST_SCHEMA_VERSION) throw new LibraryTooNewError(file, version, LATEST_SCHEMA_VERSION);
    if (version === 0) {
      const objects = db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get() as number;
      if (objects > 0) throw new NotALibraryError(file, 'it has Pasteup’s application id but no library schema');
    } else {
      let format: unknown;
      try {
        format = db.prepare("SELECT value FROM meta WHERE key = 'format'").pluck().get();
      } catch (e) {
        // No meta table: not ours. A damaged page: a damaged library (libraryErrorFor below).
        if (!/no such table/.test((e as Error).message)) throw e;
        format = undefined;
      }
      if (format !== 'pasteup-library') throw new NotALibraryError(file, 'it has no Pasteup meta table');
    }
    if (readonlyReason !== null) {
      if (version < LATEST_SCHEMA_VERSION) {
        throw new LibraryNeedsUpgradeError(file, version, LATEST_SCHEMA_VERSION, readonly ? null : readonlyReason);
      }
    } else {
      db.pragma('journal_mode = WAL');
      // FULL: a transaction that returned survives a power cut too, not only a crash.
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      migrate(db);
    }
    return guarded(new SqliteLibrary(file, db, readonlyReason, opts.clock ?? (() => new Date())), file, ctx);
  } catch (e) {
    db.close();
    throw libraryErrorFor(file, e, ctx);
  }
}

/**
 * Checks the library at `path` (check()) and says what is wrong even when SQLite cannot read
 * all of it: a damaged page, a truncated file. Only a file that is not a library at all, or
 * none, throws (NotALibraryError, LibraryNotFoundError, LibraryTooNewError).
 */
export function checkLibraryFile(path: string, opts: { busyTimeoutMs?: number } = {}): CheckResult {
  const file = resolve(path);
  const state = inspect(file);
  if (state === 'missing') throw new LibraryNotFoundError(file);
  if (state === 'empty') throw new NotALibraryError(file, 'it is an empty file');
  const busyTimeoutMs = opts.busyTimeoutMs ?? BUSY_TIMEOUT_MS;
  const truncated = truncation(file); // before SQLite opens it (and makes a WAL file)
  let conn: Connection;
  try {
    conn = connect(file, { readonly: false, busyTimeoutMs });
  } catch (e) {
    throw libraryErrorFor(file, e, { busyTimeoutMs, readonlyReason: null });
  }
  const { db, readonlyReason } = conn;
  try {
    try {
      // No migration: check reports the schema it finds (an older one too) and changes nothing.
      db.pragma('foreign_keys = ON');
    } catch (e) {
      const err = libraryErrorFor(file, e, { busyTimeoutMs, readonlyReason });
      if (!(err instanceof LibraryDamagedError)) throw err;
      // Damage shows below, step by step.
    }
    const report = checkLibrary(db, { readonlyReason });
    if (truncated) {
      // Rows past the end may name pictures: none is called unused.
      report.problems.unshift(truncated);
      report.notices = [];
    }
    report.ok = report.problems.length === 0;
    return report;
  } finally {
    db.close();
  }
}

/** "the file is truncated…" when it is shorter than its header says (and no WAL holds pages). */
function truncation(file: string): string | null {
  if (existsSync(`${file}-wal`)) return null;
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
  const expected = pageSize * header.readUInt32BE(28);
  const size = statSync(file).size;
  return size < expected ? `the file is truncated: ${size} bytes, its header says ${expected} (${header.readUInt32BE(28)} pages of ${pageSize})` : null;
}

/**
 * `target` with every method's SQLite errors turned into LibraryErrors that name the file
 * (libraryErrorFor); objects it hands out that hold methods (the repositories) are guarded too.
 */
function guarded<T extends object>(target: T, path: string, ctx: ErrorContext): T {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(target, {
    get(t, key) {
      const value = Reflect.get(t, key, t) as unknown;
      if (typeof value === 'function') {
        if (!wrapped.has(key)) {
          wrapped.set(key, (...args: unknown[]) => {
            try {
              return (value as (...a: unknown[]) => unknown).apply(t, args);
            } catch (e) {
              throw libraryErrorFor(path, e, ctx);
            }
          });
        }
        return wrapped.get(key);
      }
      if (value instanceof ArticleRepository || value instanceof TemplateRepository || value instanceof EditionRepository || value instanceof ImageRepository) {
        if (!wrapped.has(key)) wrapped.set(key, guarded(value, path, ctx));
        return wrapped.get(key);
      }
      return value;
    },
  });
}

class SqliteLibrary implements Library {
  readonly articles: ArticleRepository;
  readonly templates: TemplateRepository;
  readonly editions: EditionRepository;
  readonly images: ImageRepository;
  private readonly now: () => string;
  private open = true;

  constructor(
    readonly path: string,
    private readonly db: Database.Database,
    readonly readonlyReason: string | null,
    clock: () => Date,
  ) {
    this.now = () => clock().toISOString();
    db.pragma('foreign_keys = ON');
    this.articles = new ArticleRepository(db, this.now);
    this.templates = new TemplateRepository(db, this.now);
    this.editions = new EditionRepository(db, this.now, this.templates);
    this.images = new ImageRepository(db, this.now);
  }

  transaction<T>(fn: () => T): T {
    this.assertOpen();
    return this.db.transaction(fn).immediate();
  }

  get readonly(): boolean {
    return this.readonlyReason !== null;
  }

  get schemaVersion(): number {
    return schemaVersion(this.db);
  }

  importDrafts(request: ImportRequest): ImportOutcome {
    this.assertOpen();
    return importDrafts(this.db, this.articles, this.now, request);
  }

  check(): CheckResult {
    this.assertOpen();
    return checkLibrary(this.db, { readonlyReason: this.readonlyReason });
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    // PRAGMA optimize may ANALYZE, which needs the write lock: a reader must never wait for
    // another process's writer (it did, for the whole busy timeout). Only a connection that
    // changed something has statistics worth refreshing, and even then it does not wait.
    try {
      if (!this.readonly && (this.db.prepare('SELECT total_changes()').pluck().get() as number) > 0) {
        this.db.pragma('busy_timeout = 0');
        this.db.pragma('optimize');
      }
    } catch {
      // best effort: SQLITE_BUSY while another process writes; the next writer optimizes
    }
    this.db.close();
  }

  private assertOpen(): void {
    if (!this.open) throw new LibraryError(`${this.path}: the library is closed`);
  }
}
