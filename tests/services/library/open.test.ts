import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  APPLICATION_ID,
  LATEST_SCHEMA_VERSION,
  LibraryNeedsUpgradeError,
  LibraryNotFoundError,
  LibraryReadOnlyError,
  LibraryTooNewError,
  NotALibraryError,
  openLibrary,
} from '../../../electron/services/library';
import { createLibraryFile, openRawDatabase } from '../../../electron/services/library/testing';
import { cleanupDirs, fakeClock, sha256File, sidecars, tempDir, zh } from './helpers';

afterEach(cleanupDirs);

/** Asserts that opening `path` throws `error` and leaves the file exactly as it was. */
function expectRefusedUntouched(path: string, error: new (...args: never[]) => Error, opts = {}) {
  const before = sha256File(path);
  const bytes = readFileSync(path).length;
  let thrown: unknown;
  try {
    openLibrary(path, opts).close();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(error);
  expect((thrown as Error).message).toContain(path);
  expect(sha256File(path)).toBe(before);
  expect(readFileSync(path).length).toBe(bytes);
  expect(sidecars(path)).toEqual([]);
}

describe('openLibrary: new and existing libraries', () => {
  it('creates a library, and its folders, where nothing exists', () => {
    const path = join(tempDir(), 'deep', 'er', 'news.pasteup');
    const lib = openLibrary(path, { clock: fakeClock() });
    expect(lib.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(lib.articles.list()).toEqual([]);
    lib.close();
    expect(existsSync(path)).toBe(true);
    expect(sidecars(path)).toEqual([]); // a clean close checkpoints and removes the WAL
    const header = readFileSync(path).subarray(0, 100);
    expect(header.toString('latin1', 0, 15)).toBe('SQLite format 3');
    expect(header.readUInt32BE(68)).toBe(APPLICATION_ID);
    expect(header[18]).toBe(2); // WAL mode
    // Nothing left over from the atomic creation.
    expect(readFileSync(path).length).toBeGreaterThan(0);
  });

  it('keeps what was written across close and open', () => {
    const path = join(tempDir(), 'news.pasteup');
    const lib = openLibrary(path, { clock: fakeClock() });
    const a = lib.articles.create(zh(['太原'], ['正文']));
    lib.close();
    const again = openLibrary(path);
    expect(again.articles.get(a.id)).toEqual(a);
    again.close();
  });

  it('treats a zero-byte file as a new library', () => {
    const path = join(tempDir(), 'empty.pasteup');
    writeFileSync(path, '');
    const lib = openLibrary(path);
    expect(lib.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    lib.close();
    expect(readFileSync(path).readUInt32BE(68)).toBe(APPLICATION_ID);
  });

  it('does not create with create: false', () => {
    const path = join(tempDir(), 'none.pasteup');
    expect(() => openLibrary(path, { create: false })).toThrow(LibraryNotFoundError);
    expect(existsSync(path)).toBe(false);
  });

  it('opens read-only: reads work, writes are refused, nothing is migrated', () => {
    const path = join(tempDir(), 'ro.pasteup');
    const lib = openLibrary(path, { clock: fakeClock() });
    const a = lib.articles.create(zh(['晋祠'], ['天龙山']));
    lib.close();
    const before = sha256File(path);
    const ro = openLibrary(path, { readonly: true });
    expect(ro.readonly).toBe(true);
    expect(ro.articles.get(a.id)?.headline).toEqual(['晋祠']);
    expect(ro.articles.list({ search: '天龙山' }).map((s) => s.id)).toEqual([a.id]);
    expect(() => ro.articles.create(zh(['x'], ['y']))).toThrow(new LibraryReadOnlyError(path, 'opened read-only'));
    expect(() => ro.importDrafts({ fileName: 'f.txt', fileHash: 'a'.repeat(64), drafts: [{ content: zh(['x'], ['y']), line: 1 }] })).toThrow(
      `${path} is read-only (opened read-only); nothing was changed.`,
    );
    expect(ro.check()).toMatchObject({ ok: true, problems: [], skipped: [expect.stringMatching(/full-text/)] });
    ro.close();
    expect(sha256File(path)).toBe(before);
    // A reader cannot take the lock that lets the last connection out remove -wal and -shm:
    // a read-only session must not leave them behind.
    expect(sidecars(path)).toEqual([]);
  });

  it('refuses read-only access to a library that needs an upgrade', () => {
    const path = join(tempDir(), 'old.pasteup');
    createLibraryFile(path, 1);
    const before = sha256File(path);
    expect(() => openLibrary(path, { readonly: true })).toThrow(LibraryNeedsUpgradeError);
    expect(sha256File(path)).toBe(before);
  });
});

describe('openLibrary: files that are not Pasteup libraries are refused and left untouched', () => {
  it('another application’s SQLite database', () => {
    const path = join(tempDir(), 'other.db');
    const db = openRawDatabase(path);
    db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('hello')");
    db.close();
    expectRefusedUntouched(path, NotALibraryError);
  });

  it('another application’s SQLite database in WAL mode with its own application_id', () => {
    const path = join(tempDir(), 'other-wal.db');
    const db = openRawDatabase(path);
    db.pragma('application_id = 1234');
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (x)');
    db.close();
    expectRefusedUntouched(path, NotALibraryError);
  });

  it('an SQLite database with our meta table but no application id', () => {
    const path = join(tempDir(), 'lookalike.db');
    const db = openRawDatabase(path);
    db.exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('format', 'pasteup-library')");
    db.pragma('user_version = 1');
    db.close();
    expectRefusedUntouched(path, NotALibraryError);
  });

  it('a text file', () => {
    const path = join(tempDir(), 'page.txt');
    writeFileSync(path, '省政府支持太原打造为旅游热点门户城市\n'.repeat(50));
    expectRefusedUntouched(path, NotALibraryError);
  });

  it('a file shorter than an SQLite header, and one that only starts like SQLite', () => {
    const dir = tempDir();
    const short = join(dir, 'short.pasteup');
    writeFileSync(short, 'SQLite format 3\u0000');
    expectRefusedUntouched(short, NotALibraryError);
    const fake = join(dir, 'fake.pasteup');
    writeFileSync(fake, Buffer.concat([Buffer.from('SQLite format 3\u0000'), Buffer.alloc(200, 7)]));
    expectRefusedUntouched(fake, NotALibraryError);
  });

  it('a folder', () => {
    const path = join(tempDir(), 'folder.pasteup');
    mkdirSync(path);
    expect(() => openLibrary(path)).toThrow(NotALibraryError);
  });

  it('a library written by a newer Pasteup', () => {
    const path = join(tempDir(), 'future.pasteup');
    const lib = openLibrary(path);
    lib.articles.create(zh(['来自未来'], ['正文']));
    lib.close();
    const db = openRawDatabase(path);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    expectRefusedUntouched(path, LibraryTooNewError);
    expectRefusedUntouched(path, LibraryTooNewError, { readonly: true });
  });
});
