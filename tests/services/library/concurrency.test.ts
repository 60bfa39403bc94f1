// Two processes at one library: writers wait for each other (up to the busy timeout, then a
// LibraryBusyError naming the file); WAL readers never wait for a writer. The other process is
// a connection on another thread (holdWriteLock), so nothing here depends on timing.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLibraryFile, LibraryBusyError, openLibrary } from '../../../electron/services/library';
import { cleanupDirs, fakeClock, fixtureArticles, holdWriteLock, sha256, tempDir, type WriteLockHolder } from './helpers';

let holder: WriteLockHolder | null = null;
afterEach(async () => {
  await holder?.release();
  holder = null;
  cleanupDirs();
});

function newLibrary(): string {
  const path = join(tempDir(), 'shared.pasteup');
  const lib = openLibrary(path, { clock: fakeClock() });
  lib.importDrafts({ fileName: 'a.txt', fileHash: sha256('a'), drafts: fixtureArticles(5, 3).map((content, i) => ({ content, line: i + 1 })) });
  lib.close();
  return path;
}

const drafts = () => fixtureArticles(3, 9).map((content, i) => ({ content, line: i + 1 }));

describe('a writer and another process’s write transaction', () => {
  it('a write that cannot get the lock fails with LibraryBusyError naming the file and saying to retry; nothing is written', async () => {
    const path = newLibrary();
    holder = await holdWriteLock(path);
    const lib = openLibrary(path, { busyTimeoutMs: 20 });
    try {
      let thrown: unknown;
      try {
        lib.importDrafts({ fileName: 'b.txt', fileHash: sha256('b'), drafts: drafts() });
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(LibraryBusyError);
      expect((thrown as Error).message).toContain(path);
      expect((thrown as Error).message).toMatch(/is busy: another process .*Try again/);
      expect(() => lib.articles.create(fixtureArticles(1, 4)[0])).toThrow(LibraryBusyError);
      expect(holder.stillHeld()).toBe(true);
      // Reading goes on meanwhile.
      expect(lib.articles.list()).toHaveLength(5);
    } finally {
      lib.close();
    }
    await holder.release();
    holder = null;
    const after = openLibrary(path);
    expect(after.articles.list()).toHaveLength(5);
    after.close();
  });

  it('a write waits for the other writer and then goes through', async () => {
    const path = newLibrary();
    holder = await holdWriteLock(path, 200); // lets go by itself while this thread waits
    const lib = openLibrary(path);
    try {
      const out = lib.importDrafts({ fileName: 'b.txt', fileHash: sha256('b'), drafts: drafts(), allowDuplicates: true });
      expect(out.imported).toHaveLength(3);
      expect(holder.stillHeld()).toBe(false);
    } finally {
      lib.close();
    }
  });
});

describe('a reader and another process’s write transaction', () => {
  it('every read of a session, and closing it, completes while the other process holds the write lock', async () => {
    const path = newLibrary();
    const lib = openLibrary(path);
    const edition = lib.editions.create({ name: '日报', date: '2024-01-27', template: 'broadsheet-zh', pages: 2 });
    lib.close();
    holder = await holdWriteLock(path);
    // What the read verbs do: articles, show, templates, editions.
    const reader = openLibrary(path, { create: false });
    expect(reader.articles.list()).toHaveLength(5);
    expect(reader.articles.list({ search: '太原' }).length).toBeGreaterThan(0);
    expect(reader.articles.get(1)?.id).toBe(1);
    expect(reader.articles.revisions(1)).toHaveLength(1);
    expect(reader.templates.list().length).toBeGreaterThan(0);
    expect(reader.editions.list().map((e) => e.id)).toEqual([edition.id]);
    reader.close();
    expect(holder.stillHeld()).toBe(true); // the reader did not wait for it
  });

  it('closing a session that wrote does not wait for the lock either (its optimize gives up at once)', async () => {
    const path = newLibrary();
    const lib = openLibrary(path);
    lib.articles.create(fixtureArticles(1, 5)[0]);
    holder = await holdWriteLock(path);
    lib.close();
    expect(holder.stillHeld()).toBe(true);
  });
});

describe('check and another process’s write transaction', () => {
  it('checks everything it can without waiting, and lists the full-text check it could not run as skipped, not as damage', async () => {
    const path = newLibrary();
    holder = await holdWriteLock(path);
    const r = checkLibraryFile(path);
    expect(holder.stillHeld()).toBe(true);
    expect(r).toMatchObject({ ok: true, problems: [], counts: { articles: 5 } });
    expect(r.skipped).toEqual([expect.stringMatching(/^full-text index integrity-check of article_fts_head, article_fts_body, article_grams \(another process is writing/)]);
  });
});
