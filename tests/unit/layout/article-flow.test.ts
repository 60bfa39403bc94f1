// Flowing an article through frames on the line grid (fake font: Han 1 em).
import { describe, expect, it } from 'vitest';
import { emptyContent, type ArticleContent } from '../../../shared/model';
import { defaultArticleStyles, layoutArticle, type Grid } from '../../../shared/layout';
import type { TypeFace } from '../../../shared/text/style';
import { createFakeProvider, FAKE_CJK, FAKE_LATIN } from '../../helpers/fake-font';

const face: TypeFace = {
  regular: { cjk: [FAKE_CJK], latin: [FAKE_LATIN] },
  bold: { cjk: [FAKE_CJK], latin: [FAKE_LATIN] },
  italic: { cjk: [FAKE_CJK], latin: [FAKE_LATIN] },
  boldItalic: { cjk: [FAKE_CJK], latin: [FAKE_LATIN] },
};
const provider = createFakeProvider();
// 10 pt body on a 14 pt grid; columns 100 pt (10 em) wide.
const grid: Grid = { columns: 4, columnWidth: 100, gutter: 10, bodySize: 10, leading: 14, lines: 40, left: 20, top: 30 };

function styles(span: number) {
  const s = defaultArticleStyles('zh', 10, span);
  for (const k of Object.keys(s) as (keyof typeof s)[]) s[k] = { ...s[k], face };
  return s;
}

function article(paragraphs: string[], o: Partial<ArticleContent> = {}): ArticleContent {
  return { ...emptyContent('zh'), headline: ['标题'], body: paragraphs.map((text) => ({ type: 'paragraph' as const, text })), ...o };
}

const para = (n: number, ch = '文') => ch.repeat(n);

describe('article flow', () => {
  it('puts every body baseline of every column on the grid', () => {
    const a = article([para(200), para(150)]);
    const r = layoutArticle(provider, { article: a, grid, parts: [{ frame: { id: 'f', col: 0, span: 3, top: 2, height: 12 } }], styles: styles(3) });
    const f = r.frames[0];
    expect(f.columns).toHaveLength(3);
    const base = grid.top + (grid.leading - 10) / 2 + 10 * 0.88;
    for (const col of f.columns) {
      for (const l of col.lines) {
        const k = (l.y - base) / grid.leading;
        expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9);
      }
    }
    // Columns start at the same line under the deck and fill top to bottom.
    expect(f.columns[1].lines[0].y).toBe(f.columns[0].lines[0].y);
    expect(f.columns[0].lines.length).toBeGreaterThan(0);
  });

  it('sets the headline deck across the frame, then body text column to column', () => {
    const a = article([para(100)], { kicker: '引题', headline: ['主题第一行', '主题第二行'], subhead: '副题' });
    const r = layoutArticle(provider, { article: a, grid, parts: [{ frame: { id: 'f', col: 1, span: 2, top: 0, height: 30 } }], styles: styles(2) });
    const f = r.frames[0];
    expect(f.deck.map((l) => [l.role, l.text])).toEqual([
      ['kicker', '引题'],
      ['headline', '主题第一行'],
      ['headline', '主题第二行'],
      ['subhead', '副题'],
    ]);
    // Centred across both columns (210 pt from x = 130).
    const h = f.deck[1];
    expect(h.x + h.width / 2).toBeCloseTo(130 + 105, 5);
    // Body starts below the deck.
    const deckBottom = Math.max(...f.deck.map((l) => l.y));
    expect(f.columns[0].lines[0].y).toBeGreaterThan(deckBottom);
  });

  it('counts overset characters on the last part', () => {
    const a = article([para(500)]);
    const r = layoutArticle(provider, { article: a, grid, parts: [{ frame: { id: 'f', col: 0, span: 1, top: 0, height: 10 } }], styles: styles(1) });
    const placed = r.frames[0].columns[0].lines.reduce((n, l) => n + [...l.text].length, 0);
    expect(r.overset).toBe(500 - placed);
    expect(r.frames[0].overset).toBe(r.overset);
    expect(r.warnings.map((w) => w.code)).toContain('overset');
  });

  it('reserves the jump-out line at the end of a part and the jump-in line at the start of the next', () => {
    const a = article([para(300)]);
    const r = layoutArticle(provider, {
      article: a,
      grid,
      styles: styles(1),
      parts: [
        { frame: { id: 'p1', col: 0, span: 1, top: 0, height: 12 }, jumpOut: '（下转第4版）' },
        { frame: { id: 'p4', col: 2, span: 2, top: 5, height: 10 }, jumpIn: '（上接第1版）', jumpHead: ['标题'] },
      ],
    });
    const [one, four] = r.frames;
    expect(one.jumpOut?.text).toBe('（下转第4版）');
    // Flush right on the part's last grid line, below every body line.
    expect(one.jumpOut!.x + one.jumpOut!.width).toBeCloseTo(grid.left + 100, 5);
    expect(one.jumpOut!.y).toBeGreaterThan(Math.max(...one.columns[0].lines.map((l) => l.y)));
    expect(four.jumpIn?.text).toBe('（上接第1版）');
    expect(four.deck.map((l) => l.role)).toEqual(['jump-head']);
    expect(four.jumpIn!.y).toBeLessThan(four.columns[0].lines[0].y);
    // Nothing lost: the parts' lines give the paragraph back in order.
    const text = r.frames.flatMap((f) => f.columns.flatMap((c) => c.lines.map((l) => l.text))).join('');
    expect(text + 'x'.repeat(0)).toBe(para(300).slice(0, text.length));
    expect(text.length + r.overset).toBe(300);
  });

  it('keeps a crosshead off the foot of a column', () => {
    const body = [{ type: 'paragraph' as const, text: para(85) }, { type: 'subhead' as const, text: '小标题' }, { type: 'paragraph' as const, text: para(40) }];
    const a = { ...article([]), body };
    const r = layoutArticle(provider, { article: a, grid, styles: styles(2), parts: [{ frame: { id: 'f', col: 0, span: 2, top: 0, height: 14 } }] });
    for (const col of r.frames[0].columns) {
      const last = col.lines[col.lines.length - 1];
      expect(last.role).not.toBe('crosshead');
    }
    expect(r.frames[0].columns[1].lines[0].role).toBe('crosshead');
  });

  it('prefixes the 本报讯 lead in bold and ends with the credit', () => {
    const a = article(['今天天气很好。', '明天也好。'], { lead: '本报讯', credit: '何宝国' });
    const r = layoutArticle(provider, { article: a, grid, styles: styles(2), parts: [{ frame: { id: 'f', col: 0, span: 2, top: 0, height: 20 } }] });
    const lines = r.frames[0].columns.flatMap((c) => c.lines);
    expect(lines[0].text.startsWith('本报讯\u3000今天')).toBe(true);
    expect(lines.map((l) => l.text).join('').endsWith('明天也好。（何宝国）')).toBe(true);
  });

  it('draws a photo placeholder with its caption under it', () => {
    const a = { ...article([]), kind: 'photo' as const, headline: [], body: [{ type: 'photo' as const, caption: '比赛现场。', credit: '牛晨阳 摄', asset: null }] };
    const r = layoutArticle(provider, { article: a, grid, styles: styles(1), parts: [{ frame: { id: 'f', col: 0, span: 1, top: 0, height: 12 } }] });
    const f = r.frames[0];
    expect(f.photos).toHaveLength(1);
    const cap = f.columns[0].lines.find((l) => l.role === 'caption')!;
    expect(cap.text).toContain('牛晨阳 摄');
    expect(cap.y).toBeGreaterThan(f.photos[0].y + f.photos[0].height);
  });
});
