import { closeSync, openSync, rmSync, statSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkLibraryFile, LATEST_SCHEMA_VERSION, LibraryDamagedError, openLibrary, type Library } from '../../../electron/services/library';
import { createLibraryFile, openRawDatabase } from '../../../electron/services/library/testing';
import { makeJpeg } from '../../helpers/jpeg';
import { cleanupDirs, fakeClock, fixtureArticles, sha256, sha256File, sidecars, tempDir } from './helpers';

let path: string;
let lib: Library;

beforeEach(() => {
  path = join(tempDir(), 'check.pasteup');
  lib = openLibrary(path, { clock: fakeClock() });
  const out = lib.importDrafts({
    fileName: 'f.txt',
    fileHash: sha256('f'),
    drafts: fixtureArticles(30, 8).map((content, i) => ({ content, line: i + 1 })),
    allowDuplicates: true,
  });
  lib.articles.update(out.imported[0].id, { ...out.imported[0], headline: ['改过'] });
});
afterEach(() => {
  lib.close();
  cleanupDirs();
});

/** Damages the file behind the library's back, then checks it with a fresh connection. */
function damage(sql: string) {
  lib.close();
  const raw = openRawDatabase(path);
  raw.exec(sql);
  raw.close();
  lib = openLibrary(path, { clock: fakeClock() });
  return lib.check();
}

describe('check', () => {
  it('passes a healthy library and counts what is in it', () => {
    expect(lib.check()).toEqual({ ok: true, problems: [], skipped: [], notices: [], counts: { articles: 30, revisions: 1, imports: 1, gramDocuments: 30, images: 0 }, schemaVersion: LATEST_SCHEMA_VERSION });
  });

  it('calls no picture unused when a row it could not read may name it', () => {
    const bytes = makeJpeg('gray', 64, 48);
    const { image } = lib.images.add(bytes, 'dam.jpg');
    const a = lib.articles.get(7)!;
    lib.articles.update(7, { ...a, body: [...a.body, { type: 'photo', caption: '大坝', credit: null, asset: image.ref }] });
    expect(lib.check()).toMatchObject({ ok: true, notices: [] });
    // Its article's body unreadable: the picture's one use cannot be seen.
    const r = damage(`UPDATE articles SET body = '[{' WHERE id = 7`);
    expect(r.problems).toEqual([expect.stringMatching(/^article 7: unreadable JSON/)]);
    expect(r.notices).toEqual([]);
    expect(r.skipped).toEqual(['pictures used by nothing (with the problems above, a row that could not be read may name one)']);
  });

  it('finds a body that no longer satisfies the model', () => {
    const r = damage(`UPDATE articles SET body = '[{"type":"poem","text":"x"}]' WHERE id = 3`);
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toMatch(/article 3: body/);
  });

  it('finds a user template stored before templates were checked, whose pages print broken', () => {
    const r = damage(`INSERT INTO templates (id, data, built_in, added_at) SELECT 'wide-gutters', json_set(data, '$.id', 'wide-gutters', '$.gutter', 60, '$.builtIn', json('false')), 0, added_at FROM templates WHERE id = 'tabloid-zh'`);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.stringMatching(/^template wide-gutters: 5 columns with 60 mm gutters do not fit the type area/)]);
  });

  it('finds unreadable JSON', () => {
    const r = damage(`UPDATE articles SET body = '[{' WHERE id = 4`);
    expect(r.problems.join('\n')).toMatch(/article 4: unreadable JSON/);
  });

  it('finds a stale content hash and wrong counts', () => {
    const r = damage(`UPDATE articles SET content_hash = 'x', char_count = 1 WHERE id = 5`);
    expect(r.problems).toEqual(expect.arrayContaining([expect.stringMatching(/article 5: content_hash/), expect.stringMatching(/article 5: char_count/)]));
  });

  it('finds search text out of step with the content, and an index out of step with the text', () => {
    const r = damage(`DROP TRIGGER articles_search_update; UPDATE articles SET search_body = 'nothing' WHERE id = 6`);
    expect(r.problems.join('\n')).toMatch(/article 6: search text is out of date/);
    expect(r.problems.join('\n')).toMatch(/article_fts/);
  });

  it('finds a gram index missing an article', () => {
    const r = damage('DELETE FROM article_grams WHERE rowid = 7');
    expect(r.problems.join('\n')).toMatch(/gram index holds 29 articles, but there are 30/);
  });

  it('counts each table on its own: one that cannot be read leaves the others counted', () => {
    lib.close();
    const raw = openRawDatabase(path);
    raw.exec('DROP TABLE article_revisions');
    raw.close();
    const r = checkLibraryFile(path);
    expect(r.ok).toBe(false);
    expect(r.counts).toEqual({ articles: 30, revisions: null, imports: 1, gramDocuments: 30, images: 0 });
  });

  it('finds a broken revision and foreign keys', () => {
    const r = damage(`PRAGMA foreign_keys = OFF; INSERT INTO article_revisions (article_id, revision, saved_at, content) VALUES (999, 1, 'x', '{}')`);
    const all = r.problems.join('\n');
    expect(all).toMatch(/foreign key: article_revisions/);
    expect(all).toMatch(/revision 1 of article 999/);
  });
});

describe('check of a damaged file: a report, never an exception', () => {
  /** Overwrites the root page of `table` with zeros (the library closed, nothing in a WAL). */
  function zeroRootPage(table: string) {
    lib.close();
    const raw = openRawDatabase(path, { readonly: true });
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    const root = raw.prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?').pluck().get(table) as number;
    raw.close();
    for (const s of ['-wal', '-shm']) rmSync(path + s, { force: true });
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(pageSize), 0, pageSize, (root - 1) * pageSize);
    closeSync(fd);
  }

  it('a damaged page of the articles table: integrity_check gives up, each table is checked on its own', () => {
    zeroRootPage('articles');
    const r = checkLibraryFile(path);
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toMatch(/^table articles: /m);
    // Reading it any other way names the file.
    expect(() => {
      const other = openLibrary(path, { create: false });
      try {
        other.articles.list();
      } finally {
        other.close();
      }
    }).toThrow(new LibraryDamagedError(path, 'database disk image is malformed'));
    lib = openLibrary(join(tempDir(), 'fresh.pasteup')); // for afterEach
  });

  it('a damaged page of a full-text index names the index', () => {
    zeroRootPage('article_fts_body_data');
    const r = checkLibraryFile(path);
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toMatch(/article_fts_body/);
    expect(r.problems.join('\n')).not.toMatch(/^table articles:/m);
    expect(r.counts.articles).toBe(30);
    lib = openLibrary(join(tempDir(), 'fresh.pasteup'));
  });

  it('a truncated file', () => {
    lib.close();
    const size = statSync(path).size;
    truncateSync(path, Math.floor(size / 2));
    const r = checkLibraryFile(path);
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toBe(`the file is truncated: ${Math.floor(size / 2)} bytes, its header says ${size} (${size / 16384} pages of 16384)`);
    expect(r.problems.length).toBeGreaterThan(1);
    lib = openLibrary(join(tempDir(), 'fresh.pasteup'));
  });
});

describe('check of a library with an older schema', () => {
  it('reports the schema it found and what it did not check, and does not upgrade it', () => {
    for (const version of [1, LATEST_SCHEMA_VERSION - 1]) {
      const old = join(tempDir(), `v${version}.pasteup`);
      createLibraryFile(old, version);
      const before = sha256File(old);
      const r = checkLibraryFile(old);
      expect(r).toMatchObject({ ok: true, problems: [], schemaVersion: version });
      // counts it did not take are null, not 0
      expect(r.counts).toEqual({ articles: null, revisions: null, imports: null, gramDocuments: null, images: null });
      expect(r.skipped).toEqual([expect.stringContaining(`the library has schema ${version}, older than this Pasteup's ${LATEST_SCHEMA_VERSION}`)]);
      expect(sha256File(old)).toBe(before);
      expect(sidecars(old)).toEqual([]);
      const raw = openRawDatabase(old, { readonly: true });
      expect(raw.pragma('user_version', { simple: true })).toBe(version);
      raw.close();
      // Every other way of opening it still upgrades it.
      const opened = openLibrary(old);
      expect(opened.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      opened.close();
      expect(checkLibraryFile(old)).toMatchObject({ ok: true, skipped: [], schemaVersion: LATEST_SCHEMA_VERSION });
    }
  });
});
