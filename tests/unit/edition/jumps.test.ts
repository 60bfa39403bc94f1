// Jump lines are always right: whatever happens to the pages, every jump line names the page
// that now holds the other part (its label, or its position when it has none).
import { describe, expect, it } from 'vitest';
import { applyAll, type Command } from '../../../shared/edition/commands';
import { resolveJumps } from '../../../shared/edition/jumps';
import { preflight, preflightLayout } from '../../../shared/edition/preflight';
import { layoutEdition } from '../../../shared/layout/edition';
import { emptyContent, type ArticleContent } from '../../../shared/model/article';
import { fillPageFormat, type Edition } from '../../../shared/model/edition';
import { createFakeProvider } from '../../helpers/fake-font';
import { blank, ctx, EN, jumped, run, ZH } from './fixtures';

const provider = createFakeProvider();
const article = (chars: number, headline: string): ArticleContent => ({ ...emptyContent('zh'), headline: [headline], body: [{ type: 'paragraph', text: '文'.repeat(chars) }] });
// A needs its continuation (its start holds about 140 lines × 11 characters); B fills part of its own.
const texts = new Map([[1, article(2000, '甲')], [2, article(700, '乙')]]);

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [xs.slice()];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

/** movePage commands that put the pages in `order` (page ids). */
function movesTo(doc: Edition, order: readonly string[]): Command[] {
  const ids = doc.pages.map((p) => p.id);
  const cmds: Command[] = [];
  order.forEach((id, to) => {
    const from = ids.indexOf(id);
    if (from === to) return;
    ids.splice(from, 1);
    ids.splice(to, 0, id);
    cmds.push({ type: 'movePage', from, to });
  });
  return cmds;
}

const position = (doc: Edition, pageId: string) => doc.pages.findIndex((p) => p.id === pageId) + 1;

/** The jump lines of A (f5 → f10) and B (f7 → f9). */
function jumpLines(doc: Edition, texts = ZH.jumps) {
  const j = resolveJumps(doc, texts);
  return { aOut: j.get('f5')?.jumpOut, aIn: j.get('f10')?.jumpIn, bOut: j.get('f7')?.jumpOut, bIn: j.get('f9')?.jumpIn, aStartIn: j.get('f5')?.jumpIn, aEndOut: j.get('f10')?.jumpOut };
}

describe('jump lines', () => {
  it('start at page 1 → 4 and 2 → 3', () => {
    expect(jumpLines(jumped())).toEqual({ aOut: '（下转第4版）', aIn: '（上接第1版）', bOut: '（下转第3版）', bIn: '（上接第2版）', aStartIn: null, aEndOut: null });
  });

  const orders = permutations(['p1', 'p2', 'p3', 'p4']);
  it('has 24 page orders to try', () => expect(orders).toHaveLength(24));

  for (const order of orders) {
    it(`name the right pages in page order ${order.join(' ')}`, () => {
      const start = jumped();
      const { doc, inverses } = applyAll(start, movesTo(start, order), ctx);
      expect(doc.pages.map((p) => p.id)).toEqual(order);
      const at = (id: string) => position(doc, id);
      expect(jumpLines(doc)).toEqual({
        aOut: `（下转第${at('p4')}版）`,
        aIn: `（上接第${at('p1')}版）`,
        bOut: `（下转第${at('p3')}版）`,
        bIn: `（上接第${at('p2')}版）`,
        aStartIn: null,
        aEndOut: null,
      });
      // The laid-out pages print the same lines, and every folio shows the page's new number.
      const layout = layoutEdition(provider, { edition: doc, template: ZH, articles: texts });
      const printed = new Map(layout.pages.flatMap((p) => p.frames.map((f) => [f.frame, { in: f.jumpIn?.text ?? null, out: f.jumpOut?.text ?? null }] as const)));
      expect(printed.get('f5')).toEqual({ in: null, out: `（下转第${at('p4')}版）` });
      expect(printed.get('f10')).toEqual({ in: `（上接第${at('p1')}版）`, out: null });
      expect(printed.get('f7')).toEqual({ in: null, out: `（下转第${at('p3')}版）` });
      expect(printed.get('f9')).toEqual({ in: `（上接第${at('p2')}版）`, out: null });
      layout.pages.forEach((p, i) => expect(p.folio.map((l) => l.text).join(' ')).toContain(`第${i + 1}版`));
      // Preflight: a backward jump exactly when the continuation now comes first.
      const backward = preflight(doc, { template: ZH, layout: preflightLayout(layout) }).filter((i) => i.code === 'backward-jump');
      expect(backward.map((i) => i.article).sort()).toEqual([...(at('p4') < at('p1') ? [1] : []), ...(at('p3') < at('p2') ? [2] : [])]);
      // And the moves undo to the original.
      expect(run(doc, inverses)).toStrictEqual(start);
    });
  }

  it('follow a page inserted before the start, or between the parts', () => {
    let doc = run(jumped(), [{ type: 'addPage', at: 0 }]);
    expect(jumpLines(doc)).toMatchObject({ aOut: '（下转第5版）', aIn: '（上接第2版）', bOut: '（下转第4版）', bIn: '（上接第3版）' });
    doc = run(jumped(), [{ type: 'addPage', at: 2 }]);
    expect(jumpLines(doc)).toMatchObject({ aOut: '（下转第5版）', aIn: '（上接第1版）', bOut: '（下转第4版）', bIn: '（上接第2版）' });
  });

  it('use labels verbatim, and labels travel with their pages', () => {
    const labelled = run(jumped(), ['A1', 'A2', 'A3', 'A4'].map((label, i) => ({ type: 'setPage' as const, page: `p${i + 1}`, label })));
    expect(jumpLines(labelled)).toMatchObject({ aOut: '（下转第A4版）', aIn: '（上接第A1版）', bOut: '（下转第A3版）', bIn: '（上接第A2版）' });
    expect(jumpLines(labelled, EN.jumps)).toMatchObject({ aOut: 'Continued on page A4', aIn: 'Continued from page A1', bOut: 'Continued on page A3', bIn: 'Continued from page A2' });
    const moved = run(labelled, [{ type: 'movePage', from: 3, to: 0 }, { type: 'addPage', at: 0 }]);
    expect(jumpLines(moved)).toMatchObject({ aOut: '（下转第A4版）', aIn: '（上接第A1版）', bOut: '（下转第A3版）', bIn: '（上接第A2版）' });
  });

  it('do not wrap a label that already says 第…版 (or "Page …") in those words again', () => {
    const labelled = run(jumped(), ['第1版', '2版', '第十二版', 'Page 4'].map((label, i) => ({ type: 'setPage' as const, page: `p${i + 1}`, label })));
    expect(jumpLines(labelled)).toMatchObject({ aOut: '（下转第Page 4版）', aIn: '（上接第1版）', bOut: '（下转第十二版）', bIn: '（上接第2版）' });
    expect(jumpLines(labelled, EN.jumps)).toMatchObject({ aOut: 'Continued on page 4', aIn: 'Continued from page 第1版', bIn: 'Continued from page 2版' });
    expect(fillPageFormat('第{page}版', '第3版')).toBe('第3版');
    expect(fillPageFormat('第{page}版', '3')).toBe('第3版');
    expect(fillPageFormat('Page {page}', 'page 3')).toBe('Page 3');
    expect(fillPageFormat('Page {page}', 'Pages')).toBe('Page Pages');
    // Only the words right next to the label: 第 and 版 inside a label stay.
    expect(fillPageFormat('第{page}版', '版')).toBe('第版版');
    expect(fillPageFormat('{page}', '第3版')).toBe('第3版');
  });

  it('a page named by a word (要闻二, 头版, 体育1) gets 版 but not 第, which goes before a page number (3, 十二, A4)', () => {
    const labelled = run(jumped(), ['头版', '要闻二', '第十二版', 'A4'].map((label, i) => ({ type: 'setPage' as const, page: `p${i + 1}`, label })));
    expect(jumpLines(labelled)).toMatchObject({ aOut: '（下转第A4版）', aIn: '（上接头版）', bOut: '（下转第十二版）', bIn: '（上接要闻二版）' });
    // The folio says it the same way.
    const layout = layoutEdition(provider, { edition: labelled, template: ZH, articles: texts });
    expect(layout.pages.map((p) => p.folio.map((l) => l.text).join(' ').match(/\S*版/)?.[0])).toEqual(['头版', '要闻二版', '第十二版', '第A4版']);
    // English formats have no 第: the label as it is.
    expect(jumpLines(labelled, EN.jumps)).toMatchObject({ aOut: 'Continued on page A4', bIn: 'Continued from page 要闻二' });
  });

  it('mix labelled and numbered pages', () => {
    const doc = run(jumped(), [{ type: 'setPage', page: 'p4', label: '体育1' }, { type: 'movePage', from: 3, to: 1 }]);
    // Order p1 p4 p2 p3: the unlabelled pages are numbered by position.
    expect(jumpLines(doc)).toMatchObject({ aOut: '（下转体育1版）', aIn: '（上接第1版）', bOut: '（下转第4版）', bIn: '（上接第3版）' });
    // Clearing the label numbers the page by position again.
    expect(jumpLines(run(doc, [{ type: 'setPage', page: 'p4', label: null }]))).toMatchObject({ aOut: '（下转第2版）' });
  });

  it('follow continueArticle and unlinkContinuation', () => {
    let doc = run(jumped(), [{ type: 'continueArticle', article: 1, page: 'p3', col: 5, span: 3, top: 0, height: 40 }]);
    let j = resolveJumps(doc, ZH.jumps);
    expect(j.get('f10')?.jumpOut).toBe('（下转第3版）');
    expect(j.get('f11')?.jumpIn).toBe('（上接第4版）');
    doc = run(doc, [{ type: 'unlinkContinuation', frame: 'f10' }]);
    j = resolveJumps(doc, ZH.jumps);
    expect(j.get('f5')?.jumpOut).toBe('（下转第3版）');
    expect(j.get('f11')?.jumpIn).toBe('（上接第1版）');
  });
});

describe('deleting a page that holds a part', () => {
  it('deleting the continuation’s page: no crash, no stale jump line, and a preflight error', () => {
    const doc = run(jumped(), [{ type: 'deletePage', page: 'p4' }]);
    expect(jumpLines(doc)).toMatchObject({ aOut: null, aIn: undefined });
    const layout = layoutEdition(provider, { edition: doc, template: ZH, articles: texts });
    const issues = preflight(doc, { template: ZH, layout: preflightLayout(layout) });
    // A's text no longer fits: overset on its (now last) start.
    expect(issues).toContainEqual(expect.objectContaining({ code: 'overset', severity: 'error', article: 1, frame: 'f5', page: 1 }));
  });

  it('deleting the start’s page: the continuation reports its missing start', () => {
    const doc = run(jumped(), [{ type: 'deletePage', page: 'p2' }]);
    expect(jumpLines(doc)).toMatchObject({ bOut: undefined, bIn: null });
    const layout = layoutEdition(provider, { edition: doc, template: ZH, articles: texts });
    const issues = preflight(doc, { template: ZH, layout: preflightLayout(layout) });
    expect(issues).toContainEqual(expect.objectContaining({ code: 'part-missing', severity: 'error', article: 2, frame: 'f9', page: 2, pageLabel: '2' }));
  });

  it('deleting a middle part’s page: the jump skips to the next part and preflight reports the gap', () => {
    let doc = run(jumped(), [{ type: 'continueArticle', article: 1, page: 'p3', col: 5, span: 3, top: 0, height: 40 }]);
    doc = run(doc, [{ type: 'deletePage', page: 'p4' }]);
    expect(resolveJumps(doc, ZH.jumps).get('f5')?.jumpOut).toBe('（下转第3版）');
    const issues = preflight(doc, { template: ZH });
    expect(issues).toContainEqual(expect.objectContaining({ code: 'part-missing', article: 1, frame: 'f11' }));
    expect(issues.find((i) => i.code === 'part-missing')?.message.en).toContain('continuation 1');
  });
});

describe('jump lines that do not fit', () => {
  /** A (article 1) starts in one 11-em column of page 1 and goes on on page 4, labelled `label`. */
  function oneColumn(label: string | null, startHeight = 40): Edition {
    return run(blank(4), [
      { type: 'placeArticle', page: 'p1', article: 1, col: 0, span: 1, top: 0, height: startHeight },
      { type: 'continueArticle', article: 1, page: 'p4', col: 0, span: 2, top: 50, height: 40 },
      { type: 'setPage', page: 'p4', label, section: null },
    ]);
  }
  const codes = (doc: Edition, layout: ReturnType<typeof layoutEdition>) => preflight(doc, { template: ZH, layout: preflightLayout(layout) }).map((i) => `${i.severity} ${i.code}`);

  it('a long page label sets the jump line smaller, whole, on one line, never cut before its page', () => {
    // （下转第文化周刊副刊十二版） is 14 em, the column 11.28 em: it used to print 「（下转第文化周刊副刊十」
    const doc = oneColumn('文化周刊副刊十二');
    const want = resolveJumps(doc, ZH.jumps).get('f5')?.jumpOut;
    expect(want).toBe(`（下转${fillPageFormat('第{page}版', '文化周刊副刊十二')}）`);
    const layout = layoutEdition(provider, { edition: doc, template: ZH, articles: texts });
    const out = layout.pages[0].frames.find((f) => f.frame === 'f5')!.jumpOut!;
    expect(out.text).toBe(want);
    const column = layout.pages[0].frames.find((f) => f.frame === 'f5')!.columns[0];
    expect(out.x + out.width).toBeLessThanOrEqual(column.x + column.width + 1e-6);
    expect(codes(doc, layout).filter((c) => c.includes('jump-line'))).toEqual([]);
  });

  it('a label too long even at 80 % is a preflight error, not a silently wrong page', () => {
    const doc = oneColumn('文化周刊副刊特别报道专版十二');
    const layout = layoutEdition(provider, { edition: doc, template: ZH, articles: texts });
    expect(codes(doc, layout)).toContain('error jump-line-cut');
  });

  it('a start too small for its headline: the deck overprinting and the missing jump line are errors', () => {
    const tall = { ...texts.get(1)!, headline: ['省政府支持太原打造为旅游热点门户城市', '推出一百九十四项服务清单'] };
    const doc = oneColumn(null, 2);
    const layout = layoutEdition(provider, { edition: doc, template: ZH, articles: new Map([[1, tall]]) });
    expect(layout.pages[0].frames.find((f) => f.frame === 'f5')!.jumpOut).toBeNull();
    const found = codes(doc, layout);
    expect(found).toContain('error deck-too-tall');
    expect(found).toContain('error jump-line-missing');
    const deck = preflight(doc, { template: ZH, layout: preflightLayout(layout) }).find((i) => i.code === 'deck-too-tall')!;
    expect(deck).toMatchObject({ page: 1, frame: 'f5', article: 1 });
    expect(deck.message.en).toContain('prints over what is below');
    // one issue per missing line, saying which
    const missing = preflight(doc, { template: ZH, layout: preflightLayout(layout) }).filter((i) => i.code === 'jump-line-missing');
    expect(missing.map((i) => i.message.en)).toEqual([expect.stringContaining('jump-out line (continued on)')]);
  });

  it('a start that jumps holding none of its text (headline, byline and 下转 only) is an error', () => {
    const withByline = { ...texts.get(1)!, byline: '记者 李静' };
    // small frames: the headline and its air, the byline, the jump line, and no room for text
    const empty: number[] = [];
    for (let height = 3; height <= 8; height++) {
      const doc = oneColumn(null, height);
      const layout = layoutEdition(provider, { edition: doc, template: ZH, articles: new Map([[1, withByline]]) });
      const start = layout.pages[0].frames.find((f) => f.frame === 'f5')!;
      const body = start.columns.flatMap((c) => c.lines).filter((l) => l.role === 'body');
      const found = codes(doc, layout);
      if (found.includes('error deck-too-tall')) continue; // said already, as what it is
      expect(found.includes('error start-without-text'), `height ${height}`).toBe(body.length === 0);
      if (body.length === 0) empty.push(height);
    }
    expect(empty.length).toBeGreaterThan(0);
    // a start with text is fine
    expect(codes(oneColumn(null, 40), layoutEdition(provider, { edition: oneColumn(null, 40), template: ZH, articles: new Map([[1, withByline]]) }))).not.toContain('error start-without-text');
  });
  it('a story in the other language prints its own wording: “Continued on page 4” under an English story in a Chinese paper, （下转第4版） under a Chinese one in an English paper', () => {
    const english: ArticleContent = { ...emptyContent('en'), headline: ['Council votes'], body: [{ type: 'paragraph', text: 'The council voted late on Tuesday. '.repeat(300) }] };
    const lines = (template: typeof ZH, doc: Edition, story: ArticleContent) => {
      const layout = layoutEdition(provider, { edition: doc, template, articles: new Map([[1, story], [2, texts.get(2)!]]) });
      const frames = layout.pages.flatMap((p) => p.frames);
      return { out: frames.find((f) => f.frame === 'f5')?.jumpOut, in: frames.find((f) => f.frame === 'f10')?.jumpIn };
    };
    // Labelled as a Chinese desk labels its pages: the English line names the page's number.
    const zhDoc = run(jumped(), [{ type: 'setPage', page: 'p4', label: '第4版' }]);
    const en = lines(ZH, zhDoc, english);
    expect([en.out?.text, en.in?.text]).toEqual(['Continued on page 4', 'Continued from page 1']);
    // Set as the English story's jump lines are in an English paper: the same face.
    const enDoc = run(blank(4, EN), [
      { type: 'placeArticle', page: 'p1', article: 1, col: 0, span: 4, top: 0, height: 40 },
      { type: 'continueArticle', article: 1, page: 'p4', col: 0, span: 2, top: 50, height: 20 },
    ]);
    const home = layoutEdition(provider, { edition: enDoc, template: EN, articles: new Map([[1, english]]) }).pages[0].frames[0].jumpOut!;
    expect(en.out?.runs.map((r) => r.font)).toEqual(home.runs.map((r) => r.font));
    // A Chinese story in an English paper whose pages read "Page 4".
    const labelled = run(enDoc, [{ type: 'setPage', page: 'p4', label: 'Page 4' }]);
    const zhLayout = layoutEdition(provider, { edition: labelled, template: EN, articles: new Map([[1, texts.get(1)!]]) });
    expect(zhLayout.pages[0].frames[0].jumpOut?.text).toBe('（下转第4版）');
    // Preflight quotes the line the story prints.
    const empty = run(zhDoc, [{ type: 'resizeFrame', frame: 'f5', span: 4, height: 103 }]);
    const laid = layoutEdition(provider, { edition: empty, template: ZH, articles: new Map([[1, { ...english, body: english.body.map((b) => ({ ...b, text: 'Short.' })) }], [2, texts.get(2)!]]) });
    const issue = preflight(empty, { template: ZH, layout: preflightLayout(laid), articles: new Map([[1, { continuedFrom: null, headline: english.headline, language: 'en' as const }]]) }).find((i) => i.code === 'empty-continuation' && i.article === 1);
    expect(issue?.message.en).toContain('prints “Continued on page 4”');
  });
});
