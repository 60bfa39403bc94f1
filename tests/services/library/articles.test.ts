import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArticleSchema, summarize, type ArticleContent } from '../../../shared/model';
import {
  ArticleNotFoundError,
  contentHash,
  InvalidArticleError,
  openLibrary,
  type Library,
} from '../../../electron/services/library';
import { cleanupDirs, en, fakeClock, tempDir, zh } from './helpers';

let lib: Library;
let path: string;

beforeEach(() => {
  path = join(tempDir(), 'articles.pasteup');
  lib = openLibrary(path, { clock: fakeClock() });
});
afterEach(() => {
  lib.close();
  cleanupDirs();
});

const story = zh(['省政府支持太原', '打造为旅游热点门户城市'], ['本报讯 1月26日消息,省政府支持我市打造成为旅游热点门户。', '到2028年底,太原进入国内著名国际知名旅游城市行列。'], {
  byline: '记者 李静',
  credit: '何宝国',
  lead: '本报讯',
  section: '要闻',
  priority: 2,
});

describe('articles: create and get', () => {
  it('stores an article and gives back the model, validated', () => {
    const a = lib.articles.create(story, { file: 'taiyuan.txt', line: 3 });
    expect(ArticleSchema.parse(a)).toEqual(a);
    expect(a).toMatchObject({
      ...story,
      id: 1,
      revision: 1,
      source: { file: 'taiyuan.txt', line: 3 },
      createdAt: '2024-01-27T08:00:00.000Z',
      updatedAt: '2024-01-27T08:00:00.000Z',
    });
    expect(a.contentHash).toBe(contentHash(story));
    expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(lib.articles.get(a.id)).toEqual(a);
    expect(lib.articles.getBySlug(a.slug)).toEqual(a);
    expect(lib.articles.get(999)).toBeNull();
  });

  it('round-trips every kind of block, marks and nullable field', () => {
    const content: ArticleContent = {
      kind: 'briefs',
      language: 'zh',
      kicker: '引题',
      headline: ['一', '二'],
      subhead: '副题',
      byline: null,
      credit: null,
      lead: null,
      editorCredit: '以上由王勇编辑整理',
      continuedFrom: 1,
      body: [
        { type: 'paragraph', text: '以降低PM10为攻坚方向', marks: [{ type: 'sub', start: 6, end: 8 }] },
        { type: 'subhead', text: '娄烦县' },
        { type: 'photo', caption: '击剑俱乐部联赛总决赛', credit: '牛晨阳 摄', asset: null },
        { type: 'brief', title: '综改示范区', paragraphs: [{ text: '跨境电商货物' }, { text: '首单业务', marks: [{ type: 'bold', start: 0, end: 2 }] }] },
      ],
      section: '区县',
      priority: -1,
      status: 'edited',
    };
    const a = lib.articles.create(content);
    const { id: _id, slug: _slug, revision: _r, contentHash: _h, source: _s, createdAt: _c, updatedAt: _u, ...back } = lib.articles.get(a.id)!;
    expect(back).toEqual(content);
  });

  it('drops keys the model does not know', () => {
    const a = lib.articles.create({ ...story, extra: 'x' } as unknown as ArticleContent);
    expect('extra' in lib.articles.get(a.id)!).toBe(false);
  });

  it('refuses content that does not satisfy the model', () => {
    expect(() => lib.articles.create({ ...story, status: 'published' } as unknown as ArticleContent)).toThrow(InvalidArticleError);
    expect(() => lib.articles.create({ ...story, headline: '太原' } as unknown as ArticleContent)).toThrow(/headline/);
    expect(lib.articles.list()).toEqual([]);
  });

  it('gives unique slugs from the headline, and a name to headline-less pieces', () => {
    const a = lib.articles.create(story);
    const b = lib.articles.create({ ...story, byline: '记者 贺娟芳' });
    const c = lib.articles.create({ ...story, byline: '记者 任晓明' });
    expect(a.slug).toBe('省政府支持太原打造为旅游热点门户城市');
    expect(b.slug).toBe(`${a.slug}-2`);
    expect(c.slug).toBe(`${a.slug}-3`);
    const english = lib.articles.create(en(['City Council Approves', 'New Budget: $4.5M for Schools'], ['Text.']));
    expect(english.slug).toBe('city-council-approves-new-budget-4-5m'); // at most 40 characters, cut between words
    const photo = lib.articles.create(zh([], [], { kind: 'photo', body: [{ type: 'photo', caption: '1月27日,山西省击剑俱乐部联赛总决赛在山西体育中心举行', credit: '牛晨阳 摄', asset: null }] }));
    expect(photo.slug).toBe('1月27日-山西省击剑俱乐部联赛'); // the first 16 characters of its caption
    const blank = lib.articles.create(zh([], []));
    expect(blank.slug).toBe('article');
    expect(lib.articles.create(zh([], [])).slug).toBe('article-2');
  });

  it('never hands out the id of a deleted article again', () => {
    const a = lib.articles.create(story);
    lib.articles.delete(a.id);
    expect(lib.articles.create(story).id).toBe(a.id + 1);
  });
});

describe('articles: list', () => {
  it('lists summaries, most recently changed first, in pages', () => {
    const ids = Array.from({ length: 7 }, (_, i) => lib.articles.create(zh([`标题${i}`], ['正文'])).id);
    lib.articles.update(ids[2], zh(['标题2 改'], ['正文']));
    const all = lib.articles.list();
    expect(all.map((s) => s.id)).toEqual([ids[2], ids[6], ids[5], ids[4], ids[3], ids[1], ids[0]]);
    expect(all[0]).toEqual(summarize(lib.articles.get(ids[2])!));
    expect(lib.articles.list({ limit: 3 }).map((s) => s.id)).toEqual(all.slice(0, 3).map((s) => s.id));
    expect(lib.articles.list({ limit: 3, offset: 3 }).map((s) => s.id)).toEqual(all.slice(3, 6).map((s) => s.id));
    expect(lib.articles.list({ limit: 3, offset: 6 }).map((s) => s.id)).toEqual(all.slice(6).map((s) => s.id));
    expect(() => lib.articles.list({ limit: 0 })).toThrow(RangeError);
    expect(() => lib.articles.list({ offset: -1 })).toThrow(RangeError);
  });

  it('defaults to pages of 50', () => {
    lib.importDrafts({
      fileName: 'many.txt',
      fileHash: 'a'.repeat(64),
      drafts: Array.from({ length: 60 }, (_, i) => ({ content: zh([`第${i}篇`], [`内容${i}`]), line: i + 1 })),
    });
    expect(lib.articles.list()).toHaveLength(50);
    expect(lib.articles.list({ offset: 50 })).toHaveLength(10);
  });

  it('filters by status', () => {
    const a = lib.articles.create(story);
    const b = lib.articles.create({ ...story, byline: null });
    lib.articles.setStatus(b.id, 'ready');
    expect(lib.articles.list({ status: 'ready' }).map((s) => s.id)).toEqual([b.id]);
    expect(lib.articles.list({ status: 'draft' }).map((s) => s.id)).toEqual([a.id]);
    expect(lib.articles.list({ status: 'placed' })).toEqual([]);
  });

  it('counts paragraphs and characters like the model does', () => {
    const a = lib.articles.create(story);
    const [s] = lib.articles.list();
    expect(s).toEqual(summarize(a));
    expect(s.paragraphs).toBe(2);
    expect(s.chars).toBe(summarize(a).chars);
  });
});

describe('articles: update, status and revisions', () => {
  it('keeps every earlier version and bumps the revision', () => {
    const a = lib.articles.create(story);
    const v2 = lib.articles.update(a.id, { ...story, headline: ['省政府支持太原'] });
    expect(v2.revision).toBe(2);
    expect(v2.createdAt).toBe(a.createdAt);
    expect(v2.updatedAt > a.updatedAt).toBe(true);
    expect(v2.slug).toBe(a.slug); // slugs do not follow headline edits
    expect(v2.contentHash).not.toBe(a.contentHash);
    const v3 = lib.articles.update(a.id, { ...story, headline: ['太原'], status: 'edited' });
    expect(v3.revision).toBe(3);
    const history = lib.articles.revisions(a.id);
    expect(history.map((r) => r.revision)).toEqual([1, 2, 3]);
    expect(history.map((r) => r.content.headline)).toEqual([story.headline, ['省政府支持太原'], ['太原']]);
    expect(history.map((r) => r.savedAt)).toEqual([a.updatedAt, v2.updatedAt, v3.updatedAt]);
    expect(history.every((r) => r.articleId === a.id)).toBe(true);
    expect(history[2].content.status).toBe('edited');
  });

  it('records where each version came from: an update from a file makes that file the source, and the version it replaces keeps its own', () => {
    const a = lib.articles.create(story, { file: 'page-1.txt', line: 12 });
    const v2 = lib.articles.update(a.id, { ...story, headline: ['改稿'] }, { file: 'rewrite.txt', line: 1 });
    expect(v2.source).toEqual({ file: 'rewrite.txt', line: 1 });
    // An update that names no file (an edit made in the app) keeps the article's source.
    const v3 = lib.articles.update(a.id, { ...story, headline: ['再改'] });
    expect(v3.source).toEqual({ file: 'rewrite.txt', line: 1 });
    expect(lib.articles.revisions(a.id).map((r) => [r.revision, r.source])).toEqual([
      [1, { file: 'page-1.txt', line: 12 }],
      [2, { file: 'rewrite.txt', line: 1 }],
      [3, { file: 'rewrite.txt', line: 1 }],
    ]);
    // Unchanged text changes nothing, the source included.
    expect(lib.articles.update(a.id, { ...story, headline: ['再改'] }, { file: 'other.txt', line: 3 }).source).toEqual({ file: 'rewrite.txt', line: 1 });
    expect(() => lib.articles.update(a.id, story, { file: 'x.txt', line: 0 })).toThrow('source line must be a positive integer');
  });

  it('does not make a revision when nothing changed', () => {
    const a = lib.articles.create(story);
    const same = lib.articles.update(a.id, structuredClone(story));
    expect(same).toEqual(a);
    expect(lib.articles.revisions(a.id)).toHaveLength(1);
  });

  it('moves the status without a new revision', () => {
    const a = lib.articles.create(story);
    const ready = lib.articles.setStatus(a.id, 'ready');
    expect(ready.status).toBe('ready');
    expect(ready.revision).toBe(1);
    expect(ready.updatedAt > a.updatedAt).toBe(true);
    expect(lib.articles.setStatus(a.id, 'ready')).toEqual(ready);
    expect(() => lib.articles.setStatus(a.id, 'gone' as never)).toThrow();
    expect(lib.articles.revisions(a.id)).toHaveLength(1);
  });

  it('dates an archived version by when its text was saved, not by a later status change', () => {
    const a = lib.articles.create(story);
    lib.articles.setStatus(a.id, 'edited');
    const edited = lib.articles.get(a.id)!;
    expect(edited.updatedAt > a.updatedAt).toBe(true);
    const b = lib.articles.update(a.id, { ...story, body: [{ type: 'paragraph', text: '改过的正文。' }] });
    const history = lib.articles.revisions(a.id);
    expect(history.map((r) => [r.revision, r.savedAt])).toEqual([
      [1, a.createdAt],
      [2, b.updatedAt],
    ]);
  });

  it('refuses unknown ids and invalid updates', () => {
    expect(() => lib.articles.update(42, story)).toThrow(ArticleNotFoundError);
    expect(() => lib.articles.setStatus(42, 'ready')).toThrow(ArticleNotFoundError);
    expect(() => lib.articles.revisions(42)).toThrow(ArticleNotFoundError);
    expect(() => lib.articles.delete(42)).toThrow(ArticleNotFoundError);
    const a = lib.articles.create(story);
    expect(() => lib.articles.update(a.id, { ...story, priority: 1.5 })).toThrow(InvalidArticleError);
    expect(lib.articles.get(a.id)).toEqual(a);
  });

  it('deletes an article with its revisions and search entries', () => {
    const a = lib.articles.create(story);
    lib.articles.update(a.id, { ...story, headline: ['晋祠天龙山'] });
    const keep = lib.articles.create(zh(['晋祠'], ['天龙山']));
    lib.articles.delete(a.id);
    expect(lib.articles.get(a.id)).toBeNull();
    expect(lib.articles.list({ search: '天龙山' }).map((s) => s.id)).toEqual([keep.id]);
    expect(lib.articles.list({ search: '晋祠' }).map((s) => s.id)).toEqual([keep.id]);
    const report = lib.check();
    expect(report.problems).toEqual([]);
    expect(report.counts).toMatchObject({ articles: 1, revisions: 0 });
  });
});
