// Every migration: build a library up to the version before it, put data in with that
// version's schema, open it with the current code, and check the data survived and the new
// feature works.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  LATEST_SCHEMA_VERSION,
  contentHash,
  migrate,
  migrations,
  openLibrary,
} from '../../../electron/services/library';
import { contentParams } from '../../../electron/services/library/rows';
import { SearchIndex } from '../../../electron/services/library/search-index';
import { createLibraryFile, openRawDatabase } from '../../../electron/services/library/testing';
import { charCount, paragraphCount } from '../../../shared/model';
import { cleanupDirs, en, fakeClock, insertSchema3Article, tempDir, zh } from './helpers';
import { readJpeg } from '../../../shared/images/jpeg';
import { readPicture } from '../../../shared/images/jpeg-ink';
import { dctJpeg, jpegtran, makeJpeg } from '../../helpers/jpeg';

const sha256Bytes = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

afterEach(cleanupDirs);

describe('migrations', () => {
  it('are numbered 1..n and the latest is what the code writes', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(migrations.length);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
  });

  it('1 (articles): an empty library at version 0 gets the article tables', () => {
    const path = join(tempDir(), 'v0.pasteup');
    createLibraryFile(path, 0);
    const raw = openRawDatabase(path);
    expect(raw.pragma('user_version', { simple: true })).toBe(0);
    raw.close();
    const lib = openLibrary(path, { clock: fakeClock() });
    expect(lib.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    const a = lib.articles.create(zh(['第一篇'], ['正文']));
    expect(lib.articles.get(a.id)?.headline).toEqual(['第一篇']);
    expect(lib.check().ok).toBe(true);
    lib.close();
  });

  it('2 (search): articles stored at version 1 are found after the upgrade', () => {
    const path = join(tempDir(), 'v1.pasteup');
    createLibraryFile(path, 1);
    const raw = openRawDatabase(path);
    raw.pragma('foreign_keys = ON');
    const insert = raw.prepare(
      `INSERT INTO articles (slug, kind, language, status, section, priority, headline, kicker, subhead, byline, credit,
         lead, editor_credit, continued_from, char_count, paragraph_count, revision, content_hash, import_id, source_file,
         source_line, created_at, updated_at, body)
       VALUES (@slug, 'story', @language, 'edited', '要闻', 1, @headline, NULL, NULL, @byline, NULL, NULL, NULL, NULL,
         @chars, @paras, @revision, @hash, @import_id, 'old.txt', 3, '2023-12-01T00:00:00.000Z', '2023-12-02T00:00:00.000Z', @body)`,
    );
    const importId = raw
      .prepare("INSERT INTO imports (file_name, file_sha256, imported_at, article_count, warnings) VALUES ('old.txt', ?, '2023-12-01T00:00:00.000Z', 2, '[]')")
      .run('0'.repeat(64)).lastInsertRowid;
    const old = [
      { ...zh(['太原招商引资'], ['晋祠天龙山创建5A级景区。'], { byline: '记者 李静', status: 'edited', section: '要闻', priority: 1 }) },
      { ...zh(['Old English story'], ['The council met.'], { language: 'en', byline: null, status: 'edited', section: '要闻', priority: 1 }) },
    ];
    for (const [i, c] of old.entries()) {
      insert.run({
        slug: `old-${i}`,
        language: c.language,
        headline: JSON.stringify(c.headline),
        byline: c.byline,
        chars: charCount(c),
        paras: paragraphCount(c),
        revision: 2,
        hash: contentHash(c),
        import_id: importId,
        body: JSON.stringify(c.body),
      });
    }
    raw
      .prepare("INSERT INTO article_revisions (article_id, revision, saved_at, content) VALUES (1, 1, '2023-12-01T00:00:00.000Z', ?)")
      .run(JSON.stringify({ ...old[0], headline: ['初稿'] }));
    raw.close();

    const lib = openLibrary(path, { clock: fakeClock() });
    expect(lib.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    // The data survived.
    const a = lib.articles.get(1)!;
    expect(a).toMatchObject({ ...old[0], id: 1, slug: 'old-0', revision: 2, source: { file: 'old.txt', line: 3 } });
    expect(lib.articles.revisions(1).map((r) => r.content.headline)).toEqual([['初稿'], ['太原招商引资']]);
    // The new feature works on the old rows: 2-, 3-, 4-character and English search.
    expect(lib.articles.list({ search: '太原' }).map((s) => s.id)).toEqual([1]);
    expect(lib.articles.list({ search: '天龙山' }).map((s) => s.id)).toEqual([1]);
    expect(lib.articles.list({ search: '招商引资' }).map((s) => s.id)).toEqual([1]);
    expect(lib.articles.list({ search: 'council' }).map((s) => s.id)).toEqual([2]);
    // ... and on new ones, next to the old.
    const b = lib.articles.create(zh(['太原新闻'], ['新的']));
    expect(lib.articles.list({ search: '太原' }).map((s) => s.id)).toEqual([b.id, 1]);
    // Updating an old article re-indexes it.
    lib.articles.update(1, zh(['改了'], ['没有那个地名了']));
    expect(lib.articles.list({ search: '天龙山' })).toEqual([]);
    expect(lib.check()).toMatchObject({ ok: true, problems: [] });
    lib.close();
  });

  it('4 (search indexes): a schema-3 library gets the new indexes and finds exactly what it found before', () => {
    const path = join(tempDir(), 'v3.pasteup');
    createLibraryFile(path, 3);
    const raw = openRawDatabase(path);
    raw.pragma('foreign_keys = ON');
    const contents = [
      zh(['太原招商引资'], ['晋祠天龙山创建5A级景区。'], { byline: '记者 李静' }),
      zh(['物业服务'], ['太原市推出194项服务“清单”。'], { kicker: '民生' }),
      zh(['要删的'], ['太原']),
      en(['City Council Approves New Budget'], ['The council voted 7–2 on Tuesday.']),
      zh(['晋商'], ['招商局。']),
    ];
    const ids = contents.map((c, i) => insertSchema3Article(raw, c, `old-${i}`));
    raw.prepare('DELETE FROM articles WHERE id = ?').run(ids[2]); // schema 3's trigger drops its entries
    const at3 = (q: string) =>
      raw
        .prepare('SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid')
        .pluck()
        .all(`"${q}"`) as number[];
    expect(at3('招商引资')).toEqual([ids[0]]);
    raw.close();

    const lib = openLibrary(path, { clock: fakeClock() });
    expect(lib.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    const check = lib.check();
    expect(check.problems).toEqual([]);
    expect(check.counts).toMatchObject({ articles: 4, gramDocuments: 4 });
    const find = (q: string) => lib.articles.list({ search: q }).map((s) => s.id);
    // Headline matches first, then the rest; newest first in each.
    expect(find('太原')).toEqual([ids[0], ids[1]]);
    expect(find('招商')).toEqual([ids[0], ids[4]]);
    expect(find('晋')).toEqual([ids[4], ids[0]]);
    expect(find('天龙山')).toEqual([ids[0]]);
    expect(find('招商引资')).toEqual([ids[0]]);
    expect(find('“清单”')).toEqual([ids[1]]);
    expect(find('民生 服务')).toEqual([ids[1]]);
    expect(find('COUNCIL')).toEqual([ids[3]]);
    expect(find('7–')).toEqual([ids[3]]);
    expect(find('要删')).toEqual([]);
    // The old tables are gone, the new ones follow edits.
    const raw2 = openRawDatabase(path);
    const tables = raw2.prepare("SELECT name FROM sqlite_schema WHERE name LIKE 'article_fts%' AND type = 'table' AND sql LIKE 'CREATE VIRTUAL%'").pluck().all();
    raw2.close();
    expect(tables.sort()).toEqual(['article_fts_body', 'article_fts_head']);
    lib.articles.update(ids[0], zh(['改了'], ['没有那个地名了']));
    expect(find('太原')).toEqual([ids[1]]);
    expect(find('天龙山')).toEqual([]);
    lib.articles.delete(ids[1]);
    expect(find('太原')).toEqual([]);
    expect(lib.check().problems).toEqual([]);
    lib.close();
  });

  it('6 (search fold): a schema-5 library finds its curly quotes and full-width marks by what a reader types', () => {
    const path = join(tempDir(), 'v5.pasteup');
    createLibraryFile(path, 5);
    const raw = openRawDatabase(path);
    const contents = [
      en(['Council says yes'], ['The mayor said “it’s time.”'], { byline: 'By Kevin O’Connor' }),
      zh(['消息'], ['本报讯 1月26日消息，省政府支持（上海）。']),
      zh(['太原'], ['两个字的标题。']),
    ];
    const ids = contents.map((c, i) => {
      const p = contentParams(c);
      // Schema 5 stored the search text lower-cased, nothing folded.
      const body = c.body.map((b) => (b.type === 'paragraph' ? b.text : ''));
      const text = { headline: c.headline.join(' ').toLowerCase(), body: [c.byline, ...body].filter(Boolean).join('\n').toLowerCase() };
      const row = { ...p, search_headline: text.headline, search_body: text.body };
      const cols = Object.keys(row);
      const id = Number(
        raw
          .prepare(`INSERT INTO articles (slug, ${cols.join(', ')}, revision, created_at, updated_at, text_saved_at) VALUES ('old-${i}', ${cols.map((k) => `@${k}`).join(', ')}, 1, 'x', 'x', 'x')`)
          .run(row).lastInsertRowid,
      );
      new SearchIndex(raw).add(id, text);
      return id;
    });
    const stored = (id: number) => raw.prepare('SELECT search_body FROM articles WHERE id = ?').pluck().get(id);
    expect(stored(ids[0])).toContain('o’connor');
    raw.close();

    const lib = openLibrary(path, { clock: fakeClock() });
    expect(lib.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    const find = (q: string) => lib.articles.list({ search: q }).map((s) => s.id);
    expect(find("O'Connor")).toEqual([ids[0]]);
    expect(find('"it\'s')).toEqual([ids[0]]);
    expect(find('it’s')).toEqual([ids[0]]);
    expect(find('消息,省政府')).toEqual([ids[1]]);
    expect(find('(上海)')).toEqual([ids[1]]);
    expect(find('太原')).toEqual([ids[2]]);
    expect(find('标题')).toEqual([ids[2]]);
    expect(lib.check()).toMatchObject({ ok: true, problems: [] });
    lib.close();
  });

  it('7 (revision source): a schema-6 library dates its archived first versions to the article\'s source, later ones to none', () => {
    const path = join(tempDir(), 'v6.pasteup');
    createLibraryFile(path, 6);
    const raw = openRawDatabase(path);
    const c = zh(['标题'], ['正文。']);
    const p = contentParams(c);
    const cols = Object.keys(p);
    const id = Number(
      raw
        .prepare(`INSERT INTO articles (slug, ${cols.join(', ')}, revision, source_file, source_line, created_at, updated_at, text_saved_at) VALUES ('old', ${cols.map((k) => `@${k}`).join(', ')}, 3, 'page.txt', 7, 'x', 'x', 'x')`)
        .run(p).lastInsertRowid,
    );
    new SearchIndex(raw).add(id, { headline: p.search_headline, body: p.search_body });
    const archive = raw.prepare('INSERT INTO article_revisions (article_id, revision, saved_at, content) VALUES (?, ?, ?, ?)');
    archive.run(id, 1, 't1', JSON.stringify(c));
    archive.run(id, 2, 't2', JSON.stringify(c));
    raw.close();

    const lib = openLibrary(path, { clock: fakeClock() });
    expect(lib.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(lib.articles.revisions(id).map((r) => [r.revision, r.source])).toEqual([
      [1, { file: 'page.txt', line: 7 }],
      [2, null],
      [3, { file: 'page.txt', line: 7 }],
    ]);
    expect(lib.check()).toMatchObject({ ok: true, problems: [] });
    lib.close();
  });

  it('9 (picture ink): a schema-8 library\'s CMYK pictures are measured from their stored bytes', () => {
    const path = join(tempDir(), 'v8.pasteup');
    createLibraryFile(path, 8);
    const raw = openRawDatabase(path);
    const insert = raw.prepare("INSERT INTO images (ref, format, width, height, components, progressive, adobe_transform, orientation, file_name, byte_count, added_at, bytes) VALUES (?, 'jpeg', ?, ?, ?, ?, ?, 1, ?, ?, 'x', ?)");
    const store = (bytes: Uint8Array, name: string) => {
      const i = readJpeg(bytes);
      insert.run(`sha256:${sha256Bytes(bytes)}`, i.width, i.height, i.components, i.progressive ? 1 : 0, i.adobeTransform, name, bytes.length, Buffer.from(bytes));
      return `sha256:${sha256Bytes(bytes)}`;
    };
    const black = new Uint8Array(48 * 40 * 4); // inverted Adobe samples: 400 % everywhere
    const coated = store(jpegtran(dctJpeg(black, 48, 40, 4), '-progressive'), 'coated.jpg');
    const gray = store(makeJpeg('gray'), 'gray.jpg');
    const whole = dctJpeg(new Uint8Array(48 * 40 * 4).fill(200), 48, 40, 4);
    const sos = whole.findIndex((b, i) => b === 0xff && whole[i + 1] === 0xda);
    const damaged = store(new Uint8Array([...whole.subarray(0, sos + 20), 0xff, 0xd9]), 'damaged.jpg');
    raw.close();

    const lib = openLibrary(path, { clock: fakeClock() });
    expect(lib.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(lib.images.info(coated)!.ink).toEqual(readPicture(lib.images.get(coated)!.bytes).ink);
    expect(lib.images.info(coated)!.ink!.most).toBeGreaterThan(395);
    expect(lib.images.info(gray)!.ink).toBeNull();
    // Data that ends early is not guessed at: no figure, which preflight reports.
    expect(lib.images.info(damaged)!.ink).toBeNull();
    lib.close();
    // The figures are not columns after the bytes (SQLite would read through a picture's
    // overflow pages to reach them); a picture's row going takes its figures with it.
    const after = openRawDatabase(path);
    expect((after.pragma('table_info(images)') as { name: string }[]).at(-1)!.name).toBe('bytes');
    after.pragma('foreign_keys = ON');
    after.prepare('DELETE FROM images WHERE ref = ?').run(coated);
    expect(after.prepare('SELECT count(*) FROM image_ink').pluck().get()).toBe(0);
    after.close();
  });

  it('run one transaction each: a failing migration leaves the library at the last good version', () => {
    const path = join(tempDir(), 'fail.pasteup');
    createLibraryFile(path, 1);
    const raw = openRawDatabase(path);
    // Make migration 2 fail: a table it wants to create already exists.
    raw.exec('CREATE TABLE article_fts (x)');
    expect(() => migrate(raw)).toThrow();
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    expect(raw.prepare("SELECT count(*) FROM pragma_table_info('articles') WHERE name = 'search_headline'").pluck().get()).toBe(0);
    raw.close();
  });

  it('migrate() can stop at any version and refuses unknown ones', () => {
    const path = join(tempDir(), 'steps.pasteup');
    createLibraryFile(path, 0);
    const raw = openRawDatabase(path);
    expect(migrate(raw, 1)).toBe(1);
    expect(migrate(raw, 1)).toBe(1);
    expect(migrate(raw)).toBe(LATEST_SCHEMA_VERSION);
    expect(() => migrate(raw, LATEST_SCHEMA_VERSION + 1)).toThrow(RangeError);
    raw.close();
  });

  it('two processes upgrading one library at once run each migration once', () => {
    const path = join(tempDir(), 'race.pasteup');
    createLibraryFile(path, LATEST_SCHEMA_VERSION - 1);
    const a = openRawDatabase(path);
    const b = openRawDatabase(path);
    // Process A reads the old version; before A takes the write lock, process B upgrades.
    let raced = false;
    const aSeen = new Proxy(a, {
      get(target, prop) {
        if (prop !== 'pragma') return Reflect.get(target, prop, target);
        return (source: string, options?: { simple?: boolean }) => {
          const value = target.pragma(source, options);
          if (source === 'user_version' && !raced) {
            raced = true;
            expect(migrate(b)).toBe(LATEST_SCHEMA_VERSION);
          }
          return value;
        };
      },
    });
    expect(migrate(aSeen)).toBe(LATEST_SCHEMA_VERSION);
    expect(raced).toBe(true);
    expect(a.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    a.close();
    b.close();
  });
});
