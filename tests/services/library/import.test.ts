import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleContent } from '../../../shared/model';
import type { ArticleDraft, ImportWarning } from '../../../shared/import/types';
import { InvalidArticleError, openLibrary, type Library } from '../../../electron/services/library';
import { cleanupDirs, fakeClock, fixtureArticles, sha256, tempDir, zh } from './helpers';

let lib: Library;

beforeEach(() => {
  lib = openLibrary(join(tempDir(), 'import.pasteup'), { clock: fakeClock() });
});
afterEach(() => {
  lib.close();
  cleanupDirs();
});

const drafts = (contents: ArticleContent[]): ArticleDraft[] => contents.map((content, i) => ({ content, line: 1 + i * 10 }));
const warnings: ImportWarning[] = [{ line: 7, code: 'orphan-fragment', message: 'text outside any article', text: '投资,“人人都是招商员”蔚然成风。' }];

describe('importDrafts', () => {
  it('stores every draft with its source line, in one import', () => {
    const contents = fixtureArticles(5);
    const out = lib.importDrafts({ fileName: 'taiyuan.txt', fileHash: sha256('file-1'), drafts: drafts(contents), warnings });
    expect(out.duplicates).toEqual([]);
    expect(out.imported).toHaveLength(5);
    expect(out.imported.map((a) => a.source)).toEqual(contents.map((_, i) => ({ file: 'taiyuan.txt', line: 1 + i * 10 })));
    for (const a of out.imported) expect(lib.articles.get(a.id)).toEqual(a);
    expect(lib.check().counts).toMatchObject({ articles: 5, imports: 1 });
  });

  it('skips texts already in the library on re-import, whatever their workflow state', () => {
    const contents = fixtureArticles(4, 2);
    const first = lib.importDrafts({ fileName: 'a.txt', fileHash: sha256('a'), drafts: drafts(contents) });
    lib.articles.setStatus(first.imported[1].id, 'placed');
    const again: ArticleContent[] = contents.map((c) => ({ ...c, status: 'ready', priority: 9 })); // not part of the hash
    again.push(zh(['新的一篇'], ['新内容']));
    const second = lib.importDrafts({ fileName: 'a.txt', fileHash: sha256('a'), drafts: drafts(again) });
    expect(second.imported.map((a) => a.headline)).toEqual([['新的一篇']]);
    expect(second.duplicates).toEqual(first.imported.map((a, i) => ({ line: 1 + i * 10, existingId: a.id })));
    expect(lib.articles.list({ limit: 100 })).toHaveLength(5);
    expect(lib.check().counts).toMatchObject({ articles: 5, imports: 2 });
  });

  it('treats two equal drafts in one file as a duplicate of the first', () => {
    const c = zh(['重复'], ['同一段文字']);
    const out = lib.importDrafts({ fileName: 'dup.txt', fileHash: sha256('dup'), drafts: drafts([c, c]) });
    expect(out.imported).toHaveLength(1);
    expect(out.duplicates).toEqual([{ line: 11, existingId: out.imported[0].id }]);
  });

  it('stores duplicates when asked to', () => {
    const contents = fixtureArticles(3, 3);
    lib.importDrafts({ fileName: 'a.txt', fileHash: sha256('a'), drafts: drafts(contents) });
    const out = lib.importDrafts({ fileName: 'a.txt', fileHash: sha256('a'), drafts: drafts(contents), allowDuplicates: true });
    expect(out.imported).toHaveLength(3);
    expect(out.duplicates).toEqual([]);
    expect(new Set(lib.articles.list({ limit: 100 }).map((s) => s.slug)).size).toBe(6);
  });

  it('stores nothing when one draft in the middle is invalid', () => {
    lib.articles.create(zh(['已有'], ['文章']));
    const before = lib.check().counts;
    const contents = fixtureArticles(20, 4);
    const bad = drafts(contents);
    bad[10] = { line: 101, content: { ...contents[10], kind: 'editorial' } as unknown as ArticleContent };
    let error: unknown;
    try {
      lib.importDrafts({ fileName: 'bad.txt', fileHash: sha256('bad'), drafts: bad, warnings });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidArticleError);
    expect((error as InvalidArticleError).line).toBe(101);
    expect((error as Error).message).toMatch(/bad\.txt, draft 11 \(line 101\).*kind/);
    expect(lib.check()).toMatchObject({ ok: true, counts: before });
    expect(lib.articles.list({ search: '太原' }).map((s) => s.headline)).toEqual([]);
    // The library is fine afterwards: the same file, fixed, imports.
    bad[10] = { line: 101, content: contents[10] };
    expect(lib.importDrafts({ fileName: 'bad.txt', fileHash: sha256('bad'), drafts: bad }).imported.length).toBeGreaterThan(0);
  });

  it('refuses a request without a file name or a sha256', () => {
    expect(() => lib.importDrafts({ fileName: '', fileHash: sha256('x'), drafts: [] })).toThrow(InvalidArticleError);
    expect(() => lib.importDrafts({ fileName: 'x.txt', fileHash: 'abc', drafts: [] })).toThrow(/sha256/);
    expect(() => lib.importDrafts({ fileName: 'x.txt', fileHash: sha256('x'), drafts: [{ content: zh(['a'], []), line: 0 }] })).toThrow(/line/);
  });

  it('reports progress inside the transaction', () => {
    const seen: number[] = [];
    lib.importDrafts({
      fileName: 'p.txt',
      fileHash: sha256('p'),
      drafts: drafts(fixtureArticles(3, 5)),
      onProgress: (done, total) => seen.push(done * 10 + total),
    });
    expect(seen).toEqual([13, 23, 33]);
  });
});
