import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary, parseQuery, type Library } from '../../../electron/services/library';
import { importText } from '../../../shared/import';
import type { ArticleContent } from '../../../shared/model';
import { cleanupDirs, en, fakeClock, fixtureArticles, prng, sha256, tempDir, zh } from './helpers';

// Reference semantics: an article matches when its searchable text contains every term
// (case-insensitively, and a curly quote or a full-width mark the same as its ASCII form);
// headline-deck matches come first, then the rest, newest first.
const fold = (s: string) =>
  s
    .replace(/[‘’‚‛]/g, "'")
    .replace(/[“”„‟]/g, '"')
    .replace(/[！-～]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xff01 + 0x21))
    .toLowerCase();

function fields(c: ArticleContent) {
  const headline = [c.kicker, c.headline.join(c.language === 'en' ? ' ' : ''), c.subhead].filter(Boolean).join('\n');
  const blocks = c.body.map((b) =>
    b.type === 'photo' ? [b.caption, b.credit].filter(Boolean).join('\n') : b.type === 'brief' ? [b.title, ...b.paragraphs.map((p) => p.text)].join('\n') : b.text,
  );
  const body = [c.byline, c.credit, c.lead, ...blocks, c.editorCredit].filter(Boolean).join('\n');
  return { headline: fold(headline), body: fold(body) };
}

function expected(corpus: Map<number, ArticleContent>, query: string): number[] {
  const terms = query.trim().split(/\s+/).filter(Boolean).map(fold);
  const hits = [...corpus].filter(([, c]) => {
    const f = fields(c);
    return terms.every((t) => f.headline.includes(t) || f.body.includes(t));
  });
  const inHeadline = ([, c]: [number, ArticleContent]) => terms.some((t) => fields(c).headline.includes(t));
  const byIdDesc = (a: [number, ArticleContent], b: [number, ArticleContent]) => b[0] - a[0];
  return [...hits.filter(inHeadline).sort(byIdDesc), ...hits.filter((h) => !inHeadline(h)).sort(byIdDesc)].map(([id]) => id);
}

let lib: Library;
const corpus = new Map<number, ArticleContent>();

beforeAll(() => {
  lib = openLibrary(join(tempDir(), 'search.pasteup'), { clock: fakeClock() });
  const contents: ArticleContent[] = [
    ...fixtureArticles(240, 11),
    zh(['晋祠天龙山创建5A级景区'], ['推动晋祠天龙山创建成为5A级旅游景区。'], { kicker: '文旅' }),
    zh(['太原'], ['两个字的标题。']),
    zh(['以降低PM10为攻坚方向'], ['全年巡查建筑工地5.15万余次,督促苫盖1127万余平方米。']),
    zh(['标点'], ['“清单”中包括很多亮点内容,比如急修项目应在2小时内到场处置。']),
    en(['City Council Approves New Budget'], ['The council voted 7–2 on Tuesday. Emilio Mendez, of the AI lab, spoke.'], { byline: 'By Jane Doe' }),
    en(['Taiyuan hosts investment fair'], ['Investors from Shanghai met officials. The US delegation was small.']),
    en(['Ai Weiwei exhibition'], ['A show about art.']),
    en(['ÉMILE ZOLA RETURNS'], ['Ébauche d’un été à Paris; Ærø and İstanbul.']),
  ];
  const out = lib.importDrafts({ fileName: 'corpus.txt', fileHash: sha256('corpus'), drafts: contents.map((content, i) => ({ content, line: i + 1 })), allowDuplicates: true });
  out.imported.forEach((a, i) => corpus.set(a.id, contents[i]));
});
afterAll(() => {
  lib.close();
  cleanupDirs();
});

const ids = (search: string, extra: object = {}) => lib.articles.list({ search, limit: 1000, ...extra }).map((s) => s.id);

describe('search: every query length, Chinese and English, equals the reference', () => {
  const queries: [string, string][] = [
    ['1-char Chinese', '晋'],
    ['1-char Chinese, rare', '苫'],
    ['2-char Chinese place name', '太原'],
    ['2-char Chinese person name', '李静'],
    ['2-char Chinese, absent', '鹦鹉'],
    ['3-char Chinese', '太原市'],
    ['4-char Chinese', '招商引资'],
    ['4-char Chinese across two headline words', '天龙山创'],
    ['long Chinese', '打造成为辐射效应强'],
    ['1-char English', 'z'],
    ['2-char English', 'ai'],
    ['2-char English, upper case', 'US'],
    ['3-char English', 'the'],
    ['4-char English word, any case', 'CITY'],
    ['English phrase part', 'council voted'],
    ['digits', '10'],
    ['digits and letters', 'PM10'],
    ['several terms (AND)', '太原 招商引资'],
    ['short and long terms', '晋 天龙山'],
    ['ASCII punctuation inside Chinese text', '5.15万'],
    ['1-char punctuation (LIKE path)', '“'],
    ['2-char with punctuation (LIKE path)', '7–'],
    ['punctuation with an index term', '“ 清单'],
    ['three kinds at once', '太原 招商引资 “'],
    ['2-char term and a long one, rare together', '晋 物业服务'],
    ['English mixed', 'ai council'],
    ['English mixed, upper case', 'AI Council'],
    ['punctuation-only long term', '“清单”'],
    ['ASCII punctuation term with digits', '5.15'],
    ['non-ASCII capitals, 3+ characters', 'émile'],
    ['non-ASCII capitals, 2 characters', 'ÉT'],
    ['non-ASCII capitals, 1 character', 'Æ'],
    ['curly apostrophe inside a word', 'd’un'],
  ];
  for (const [name, q] of queries) {
    it(`${name}: ${q}`, () => {
      const want = expected(corpus, q);
      expect(ids(q)).toEqual(want);
    });
  }

  it('finds something for the interesting ones (the corpus is not empty of them)', () => {
    for (const q of ['晋', '太原', '李静', '太原市', '招商引资', 'ai', 'US', 'PM10', '“', '7–', 'émile', 'ÉT', 'Æ']) expect(ids(q).length, q).toBeGreaterThan(0);
    expect(ids('鹦鹉')).toEqual([]);
  });
});

describe('search: random substrings of the corpus equal the reference', () => {
  // Terms cut from the stored text at random (any length, punctuation and line ends included),
  // alone and in pairs, plus near misses: the indexes only narrow, the text decides.
  it('for 300 queries', () => {
    const rnd = prng(42);
    const texts = [...corpus.values()].map((c) => {
      const f = fields(c);
      return `${f.headline}\n${f.body}`;
    });
    const cut = () => {
      const t = texts[Math.floor(rnd() * texts.length)];
      const chars = [...t];
      const len = 1 + Math.floor(rnd() * 6);
      const at = Math.floor(rnd() * Math.max(1, chars.length - len));
      return chars.slice(at, at + len).join('').replace(/\s+/g, '');
    };
    let found = 0;
    for (let i = 0; i < 300; i++) {
      let q = cut();
      if (i % 3 === 1) q = `${q} ${cut()}`;
      if (i % 5 === 2 && [...q].length > 2) q = [...q].reverse().join(''); // usually absent
      if (!q.trim()) continue;
      const want = expected(corpus, q);
      if (want.length) found++;
      expect(ids(q), q).toEqual(want);
    }
    expect(found).toBeGreaterThan(150);
  });
});

describe('search: semantics', () => {
  it('puts headline matches first, newest first within each tier', () => {
    const found = ids('太原');
    const headlineHits = found.filter((id) => fields(corpus.get(id)!).headline.includes('太原'));
    expect(found.slice(0, headlineHits.length)).toEqual(headlineHits);
    expect(headlineHits.length).toBeGreaterThan(0);
    expect(found.length).toBeGreaterThan(headlineHits.length);
    expect(headlineHits).toEqual([...headlineHits].sort((a, b) => b - a));
  });

  it('pages through both tiers without gaps or repeats', () => {
    for (const q of ['太原', '物业服务', '晋', 'the', '太原 招商引资']) {
      const all = ids(q);
      const paged: number[] = [];
      for (let offset = 0; offset < all.length + 7; offset += 7) paged.push(...ids(q, { limit: 7, offset }));
      expect(paged, q).toEqual(all);
    }
  });

  it('combines search with a status filter', () => {
    const some = ids('太原').slice(0, 5);
    for (const id of some) lib.articles.setStatus(id, 'ready');
    expect(ids('太原', { status: 'ready' })).toEqual(some);
    expect(ids('太原招商', { status: 'ready' })).toEqual(expected(corpus, '太原招商').filter((id) => some.includes(id)));
    for (const id of some) lib.articles.setStatus(id, 'draft');
  });

  it('treats query syntax as text', () => {
    for (const q of ['"', '""', 'AND', 'OR 太原', 'NOT', '太原*', '*', '{search_body}:', 'NEAR(a b)', '%', '_', '\\', "'"]) {
      expect(() => ids(q), q).not.toThrow();
      expect(ids(q), q).toEqual(expected(corpus, q));
    }
  });

  it('an empty query lists everything', () => {
    expect(lib.articles.list({ search: '   ', limit: 1000 })).toHaveLength(corpus.size);
  });

  it('follows updates and deletions', () => {
    const a = lib.articles.create(zh(['鹦鹉学舌'], ['一只鹦鹉。']));
    expect(ids('鹦鹉')).toEqual([a.id]);
    lib.articles.update(a.id, zh(['熊猫'], ['一只熊猫。']));
    expect(ids('鹦鹉')).toEqual([]);
    expect(ids('熊猫')).toEqual([a.id]);
    expect(ids('熊')).toEqual([a.id]);
    lib.articles.delete(a.id);
    expect(ids('熊猫')).toEqual([]);
    expect(lib.check().problems).toEqual([]);
  });

  it('classifies terms by what can answer them', () => {
    expect(parseQuery(' 太原  招商引资 晋 “ PM10 太原 pm10 ')).toEqual([
      { text: '太原', needle: '太原', kind: 'gram' },
      { text: '招商引资', needle: '招商引资', kind: 'trigram' },
      { text: '晋', needle: '晋', kind: 'gram' },
      { text: '“', needle: '"', kind: 'like' },
      { text: 'PM10', needle: 'pm10', kind: 'trigram' },
    ]);
  });

  it('folds a term as the search text is folded: curly quotes straight, full-width marks and letters as ASCII', () => {
    expect(parseQuery('消息，省政府 （上海） O’Connor “Yes” ＰＭ２．５ f(x)')).toEqual([
      { text: '消息，省政府', needle: '消息,省政府', kind: 'trigram' },
      { text: '（上海）', needle: '(上海)', kind: 'trigram' },
      { text: 'O’Connor', needle: "o'connor", kind: 'trigram' },
      { text: '“Yes”', needle: '"yes"', kind: 'trigram' },
      { text: 'ＰＭ２．５', needle: 'pm2.5', kind: 'trigram' },
      { text: 'f(x)', needle: 'f(x)', kind: 'trigram' },
    ]);
  });
});

describe('search: a mark typed one way finds it stored the other', () => {
  it('ASCII and full-width marks find each other, whichever was typed and whichever was stored', () => {
    const small = openLibrary(join(tempDir(), 'marks.pasteup'), { clock: fakeClock() });
    try {
      // As the importer stores it (，（）：？) and as an editor may have typed it (ASCII).
      const imported = small.articles.create(zh(['标点甲'], ['本报讯 1月26日消息，省政府支持（上海）我市：好吗？']));
      const typed = small.articles.create(zh(['标点乙'], ['本报讯 1月27日消息,省政府支持我市。']));
      const find = (q: string) => small.articles.list({ search: q }).map((a) => a.id);
      expect(find('日消息,省政府支持')).toEqual([typed.id, imported.id]);
      expect(find('日消息，省政府支持')).toEqual([typed.id, imported.id]);
      expect(find('(上海)')).toEqual([imported.id]); // 3+ characters: trigram path
      expect(find('我市:')).toEqual([imported.id]);
      expect(find('吗?')).toEqual([imported.id]); // 2 characters with a mark: checked path
      expect(find(',省')).toEqual([typed.id, imported.id]);
      expect(find('，省')).toEqual([typed.id, imported.id]);
      expect(find('?')).toEqual([imported.id]); // scan path
      expect(find('太原 ,省')).toEqual([]);
      expect(find('标点甲 消息,省')).toEqual([imported.id]);
      expect(find('标点乙 消息，省')).toEqual([typed.id]);
    } finally {
      small.close();
    }
  });

  it("an English name typed with a straight apostrophe finds the imported O’Connor, and quotes either way", () => {
    const small = openLibrary(join(tempDir(), 'quotes.pasteup'), { clock: fakeClock() });
    try {
      const text = 'Council says yes\n\nBy Kevin O\'Connor\n\nThe mayor said "it\'s time" on the \'90s plan.\n';
      const drafts = importText(text, { format: 'plain', language: 'en' }).articles;
      const [story] = small.importDrafts({ fileName: 'en.txt', fileHash: sha256(text), drafts }).imported;
      expect(small.articles.get(story.id)!.byline).toBe('By Kevin O’Connor');
      const find = (q: string) => small.articles.list({ search: q }).map((a) => a.id);
      expect(find("O'Connor")).toEqual([story.id]);
      expect(find('O’Connor')).toEqual([story.id]);
      expect(find("it's")).toEqual([story.id]);
      expect(find('"it\'s')).toEqual([story.id]);
      expect(find('“it’s time”')).toEqual([story.id]);
      expect(find("'90s")).toEqual([story.id]);
      expect(find("O'Brien")).toEqual([]);
    } finally {
      small.close();
    }
  });
});
