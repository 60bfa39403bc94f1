// White space between frames stacked in the same columns: a line of air between the end of one
// frame's content and a head, photo, ad or text below it; body text stays on the line grid; an
// ad keeps its sold size (the frame above gives the line, or the frame below when the ad is above).
import { describe, expect, it } from 'vitest';
import { defaultArticleStyles, layoutArticle } from '../../../shared/layout';
import { frameSpacing, layoutEdition, type PageLayout } from '../../../shared/layout/edition';
import { emptyContent, type ArticleContent } from '../../../shared/model/article';
import type { Frame } from '../../../shared/model/edition';
import { createFakeProvider, FAKE_FACE } from '../../helpers/fake-font';
import { commandContext } from '../../../shared/edition/commands';
import { blank, EN, run, ZH } from '../edition/fixtures';
import { SHIPPED_TEMPLATES } from '../../../shared/model/templates';

const provider = createFakeProvider();
const story = (chars: number, headline: string): ArticleContent => ({ ...emptyContent('zh'), headline: [headline], body: [{ type: 'paragraph', text: '文'.repeat(chars) }] });
const texts = new Map([
  [1, story(3000, '甲报道标题')],
  [2, story(3000, '乙报道标题')],
  [3, story(3000, '丙报道标题')],
  [4, story(3000, '丁报道标题')],
]);

/**
 * Broadsheet (8 columns, 9 pt on 12.6): A (1) across columns 0–3 over B (2) in 0–1 and an ad in
 * 2–3, C (3) under that ad; two ads stacked in 4–5; a photo over D (4) in 6–7.
 */
function page() {
  return run(blank(1), [
    { type: 'placeArticle', page: 'p1', article: 1, col: 0, span: 4, top: 0, height: 20 },
    { type: 'placeArticle', page: 'p1', article: 2, col: 0, span: 2, top: 20, height: 30 },
    { type: 'placeAd', page: 'p1', label: '广告', col: 2, span: 2, top: 20, height: 10 },
    { type: 'placeArticle', page: 'p1', article: 3, col: 2, span: 2, top: 30, height: 20 },
    { type: 'placeAd', page: 'p1', label: '广告', col: 4, span: 2, top: 0, height: 10 },
    { type: 'placeAd', page: 'p1', label: '广告', col: 4, span: 2, top: 10, height: 10 },
    { type: 'placePhoto', page: 'p1', caption: '图片说明文字', credit: '记者 李静', asset: null, col: 6, span: 2, top: 0, height: 15 },
    { type: 'placeArticle', page: 'p1', article: 4, col: 6, span: 2, top: 15, height: 20 },
  ]);
}

/** Ink of a frame (or ad) by grid column: the top of its first mark and the foot of its last, pt. */
function ink(p: PageLayout, id: string): Map<number, { top: number; bottom: number }> {
  const g = p.grid;
  const col = (x: number) => Math.floor((x - g.left + 0.5) / (g.columnWidth + g.gutter));
  const out = new Map<number, { top: number; bottom: number }>();
  const add = (c0: number, c1: number, top: number, bottom: number) => {
    for (let c = c0; c <= c1; c++) {
      const e = out.get(c);
      out.set(c, e ? { top: Math.min(e.top, top), bottom: Math.max(e.bottom, bottom) } : { top, bottom });
    }
  };
  const ad = p.ads.find((a) => a.frame === id);
  if (ad) add(col(ad.x), col(ad.x + ad.width - 1), ad.y, ad.y + ad.height);
  const f = p.frames.find((fr) => fr.frame === id);
  if (f) {
    for (const l of [...f.deck, ...f.columns.flatMap((c) => c.lines), ...(f.jumpIn ? [f.jumpIn] : []), ...(f.jumpOut ? [f.jumpOut] : [])]) {
      const size = l.runs[0]?.size ?? g.bodySize;
      add(col(l.x), col(l.x + l.measure - 1), l.y - 0.88 * size, l.y + 0.12 * size);
    }
    for (const ph of f.photos) add(col(ph.x), col(ph.x + ph.width - 1), ph.y, ph.y + ph.height);
  }
  return out;
}

describe('stacked frames', () => {
  const doc = page();
  const layout = layoutEdition(provider, { edition: doc, template: ZH, articles: texts });
  const p = layout.pages[0];
  const g = p.grid;

  it('leave a line of white between the content of a frame and whatever is stacked under it', () => {
    const frames = doc.pages[0].frames;
    let pairs = 0;
    for (const up of frames)
      for (const dn of frames) {
        if (up.top + up.height !== dn.top) continue;
        const a = ink(p, up.id);
        const b = ink(p, dn.id);
        for (const [c, lower] of b) {
          const upper = a.get(c);
          if (!upper) continue;
          pairs++;
          const gap = lower.top - upper.bottom;
          if (up.kind === 'ad' && dn.kind === 'ad') expect(gap, `${up.id} over ${dn.id}, column ${c}`).toBeCloseTo(0, 9);
          else expect(gap, `${up.id} over ${dn.id}, column ${c}`).toBeGreaterThanOrEqual(g.leading);
        }
      }
    expect(pairs).toBeGreaterThanOrEqual(10);
  });

  it('keeps ads at their sold size', () => {
    for (const f of doc.pages[0].frames) {
      if (f.kind !== 'ad') continue;
      const a = p.ads.find((x) => x.frame === f.id)!;
      expect([a.y, a.height]).toEqual([g.top + f.top * g.leading, f.height * g.leading]);
    }
  });

  it('takes the line from the frame above, or from the frame below an ad; none at the top of the type area', () => {
    const alone = (frame: Frame, article: number) => {
      const d = run(blank(1), [{ type: 'placeArticle', page: 'p1', article, col: frame.col, span: frame.span, top: frame.top, height: frame.height }]);
      return layoutEdition(provider, { edition: d, template: ZH, articles: texts }).pages[0].frames[0];
    };
    const frame = (id: string) => p.frames.find((f) => f.frame === id)!;
    const [a, b, , c] = doc.pages[0].frames;
    // A (at the top of the type area, over B and the ad) sets its deck where it would alone, and ends a line higher.
    expect(frame(a.id).deck.map((l) => l.y)).toEqual(alone(a, 1).deck.map((l) => l.y));
    const foot = (f: ReturnType<typeof alone>) => Math.max(...f.columns.flatMap((col) => col.lines.map((l) => l.y)));
    expect(foot(alone(a, 1)) - foot(frame(a.id))).toBeCloseTo(g.leading, 9);
    // B (under A) keeps its place; C (under an ad) starts a line lower.
    expect(frame(b.id).deck.map((l) => l.y)).toEqual(alone(b, 2).deck.map((l) => l.y));
    expect(frame(c.id).deck[0].y - alone(c, 3).deck[0].y).toBeCloseTo(g.leading, 9);
    // Body text on the grid everywhere.
    const base = g.top + (g.leading - g.bodySize) / 2 + g.bodySize * 0.88;
    for (const f of p.frames)
      for (const l of f.columns.flatMap((col) => col.lines)) {
        if (l.role !== 'body') continue;
        const k = (l.y - base) / g.leading;
        expect(Math.abs(k - Math.round(k)), `${f.frame}: ${l.text}`).toBeLessThan(1e-9);
      }
  });

  it('frameSpacing: the frame above gives, an ad takes nothing, frames beside or apart need none', () => {
    const f = (id: string, kind: Frame['kind'], col: number, span: number, top: number, height: number): Frame =>
      kind === 'ad' ? { id, kind, label: '广告', col, span, top, height } : kind === 'photo' ? { id, kind, caption: '', credit: null, asset: null, col, span, top, height } : { id, kind, article: 1, part: 0, col, span, top, height };
    const s = frameSpacing([
      f('a', 'article', 0, 4, 0, 20),
      f('b', 'article', 0, 2, 20, 10), // under a
      f('ad', 'ad', 2, 2, 20, 10), // under a
      f('c', 'photo', 2, 2, 30, 10), // under the ad
      f('d', 'article', 4, 2, 0, 20), // beside a
      f('e', 'article', 4, 2, 21, 10), // a line below d already
    ]);
    expect(Object.fromEntries(s)).toEqual({ a: { above: 0, below: 1 }, c: { above: 1, below: 0 } });
  });
});

describe('a head under a story', () => {
  it('takes the white nearest one gutter: its own when that is near a gutter, its own and a line when not', () => {
    // Broadsheet-zh: a four-column head's own white is ~7.8 pt (the gutter is 12.8, a line 12.6);
    // a two-column head's is ~5.2 pt.
    const edition = (span: number) =>
      run(blank(1), [
        { type: 'placeArticle', page: 'p1', article: 1, col: 0, span: 4, top: 0, height: 20 },
        { type: 'placeArticle', page: 'p1', article: 2, col: 0, span, top: 20, height: 30 },
      ]);
    for (const [span, gives] of [[4, false], [2, true]] as const) {
      const doc = edition(span);
      const p = layoutEdition(provider, { edition: doc, template: ZH, articles: texts }).pages[0];
      const [up, dn] = doc.pages[0].frames;
      const upper = ink(p, up.id);
      const lower = ink(p, dn.id);
      // where the head's ink is: the columns its (centred) line crosses
      const gap = Math.min(...[...lower].filter(([c]) => upper.has(c)).map(([c, l]) => l.top - upper.get(c)!.bottom));
      const alone = layoutEdition(provider, { edition: run(blank(1), [{ type: 'placeArticle', page: 'p1', article: 1, col: 0, span: 4, top: 0, height: 20 }]), template: ZH, articles: texts }).pages[0];
      const foot = (q: PageLayout) => Math.max(...q.frames[0].columns.flatMap((c) => c.lines.map((l) => l.y)));
      expect(foot(alone) - foot(p), `${span} columns: the story above gives a line`).toBeCloseTo(gives ? p.grid.leading : 0, 9);
      // the white above the head: near a gutter either way, never a gutter and a half
      expect(gap, `${span} columns`).toBeGreaterThan(p.grid.gutter * 0.5);
      expect(gap, `${span} columns`).toBeLessThan(p.grid.gutter * 1.5);
    }
  });
});

describe('a head under a story, on every template', () => {
  it('stands about a gutter below the story above (half a line lower at most), and nearer its own text than that story', () => {
    // Its own white was taken for near enough a gutter: 6.5 pt over a two-column head on the
    // tabloid (gutter 11.3) and 7.4 pt over a four-column one on the US broadsheet (11.9), 0.55
    // of a gutter, with a line more of white under the head: "全国铁路春运今日启动" read as the
    // end of the story above it.
    const tabloid = SHIPPED_TEMPLATES.find((t) => t.id === 'tabloid-zh')!;
    let lowered = 0;
    for (const template of [ZH, tabloid, EN]) {
      const lang = template.language;
      const full = (id: number, headline: string): ArticleContent => ({ ...emptyContent(lang), headline: [headline], body: [{ type: 'paragraph', text: lang === 'zh' ? '文'.repeat(4000) : 'word '.repeat(3000) }] });
      const articles = new Map([[1, full(1, lang === 'zh' ? '甲报道标题' : 'Upper story')], [2, full(2, lang === 'zh' ? '乙报道' : 'Lower')]]);
      for (let span = 1; span <= template.columns; span++) {
        const doc = run(blank(1, template), [
          { type: 'placeArticle', page: 'p1', article: 1, col: 0, span, top: 0, height: 20 },
          { type: 'placeArticle', page: 'p1', article: 2, col: 0, span, top: 20, height: 30 },
        ], commandContext(template));
        const p = layoutEdition(provider, { edition: doc, template, articles }).pages[0];
        const [up, dn] = doc.pages[0].frames;
        const upper = ink(p, up.id);
        const lower = p.frames.find((f) => f.frame === dn.id)!;
        const headBottom = Math.max(...lower.deck.map((l) => l.y + 0.12 * (l.runs[0]?.size ?? 0)));
        const headTop = Math.min(...lower.deck.map((l) => l.y - 0.88 * (l.runs[0]?.size ?? 0)));
        const textTop = Math.min(...lower.columns.flatMap((c) => c.lines.map((l) => l.y - 0.88 * p.grid.bodySize)));
        const above = headTop - Math.max(...[...upper.values()].map((u) => u.bottom));
        const where = `${template.id}, ${span} columns`;
        expect(above, where).toBeGreaterThan(p.grid.gutter * 0.9);
        expect(above, where).toBeLessThanOrEqual(textTop - headBottom + 1e-6);
        if (above < p.grid.gutter * 1.1) lowered++;
      }
    }
    expect(lowered).toBeGreaterThan(3);
  });
});

describe('a picture inside a story', () => {
  // 10 pt body on a 14 pt grid; columns 100 pt (10 em) wide.
  const grid = { columns: 4, columnWidth: 100, gutter: 10, bodySize: 10, leading: 14, lines: 40, left: 20, top: 30 };
  const styles = () => {
    const s = defaultArticleStyles('zh', 10, 1);
    for (const k of Object.keys(s) as (keyof typeof s)[]) s[k] = { ...s[k], face: FAKE_FACE };
    return s;
  };
  const BASE = grid.top + (grid.leading - 10) / 2 + 10 * 0.88;
  const gridLine = (y: number) => Math.round((y - BASE) / grid.leading);
  const withPhoto = (before: number): ArticleContent => ({
    ...emptyContent('zh'),
    headline: [],
    body: [
      ...(before ? [{ type: 'paragraph' as const, text: '文'.repeat(before) }] : []),
      { type: 'photo', caption: '图片说明', credit: '记者 李静', asset: null },
      { type: 'paragraph', text: '字'.repeat(38) },
    ],
  });

  it('is set off by a line of white from the text above it and under its caption', () => {
    const r = layoutArticle(provider, { article: withPhoto(28), grid, styles: styles(), parts: [{ frame: { id: 'f', col: 0, span: 1, top: 0, height: 30 } }] });
    const f = r.frames[0];
    const lines = f.columns[0].lines;
    const photo = f.photos[0];
    // Three lines of text on grid lines 0–2, line 3 empty, the picture from line 4.
    expect(lines.slice(0, 3).map((l) => gridLine(l.y))).toEqual([0, 1, 2]);
    expect((photo.y - grid.top) / grid.leading).toBeCloseTo(4, 9);
    // 100 pt measure: round(70 / 14) = 5 lines of picture (4–8), the caption on 9, line 10 empty, text from 11.
    const cap = lines.findIndex((l) => l.role === 'caption');
    expect(gridLine(lines[cap].y)).toBe(9);
    expect(gridLine(lines[cap + 1].y)).toBe(11);
    expect(lines[cap + 1].role).toBe('body');
  });

  it('needs no white at the top of a column', () => {
    const r = layoutArticle(provider, { article: withPhoto(0), grid, styles: styles(), parts: [{ frame: { id: 'f', col: 0, span: 1, top: 0, height: 30 } }] });
    expect(r.frames[0].photos[0].y).toBeCloseTo(grid.top, 9);
  });
});

describe('a photo frame', () => {
  it('is filled by its picture down to its caption: no hole under the credit (US A1, a 30-line frame over a story)', () => {
    // The QA edition's A1: a two-column photo frame 30 lines tall printed a 17-line picture (0.7
    // of its width), its caption and credit, then 9 empty lines above the story's head below.
    const doc = run(
      blank(1, EN),
      [
        { type: 'placePhoto', page: 'p1', caption: 'Volunteers pile storm debris along Riverside Drive on Monday.', credit: 'Ana López/Riverton Ledger', asset: null, col: 4, span: 2, top: 0, height: 30 },
        { type: 'placeArticle', page: 'p1', article: 1, col: 4, span: 2, top: 30, height: 30 },
      ],
      commandContext(EN),
    );
    const articles = new Map([[1, { ...emptyContent('en'), headline: ['Walk-off single lifts Rivercats'], body: [{ type: 'paragraph' as const, text: 'The Rivercats won. '.repeat(60) }] }]]);
    const p = layoutEdition(provider, { edition: doc, template: EN, articles }).pages[0];
    const g = p.grid;
    const [photoFrame] = doc.pages[0].frames;
    const f = p.frames.find((fr) => fr.frame === photoFrame.id)!;
    const row = (y: number) => Math.floor((y - g.top) / g.leading);
    const lines = f.columns.flatMap((c) => c.lines);
    expect(lines.map((l) => l.role)).toEqual(['caption', 'credit']);
    // The picture starts at the frame's top and ends where the caption's line begins…
    expect(f.photos).toHaveLength(1);
    expect(f.photos[0].y).toBeCloseTo(g.top, 9);
    expect(row(f.photos[0].y + f.photos[0].height)).toBe(row(lines[0].y) - 1);
    // …and the credit is on the frame's last line but the one it gives to the story below.
    expect(row(lines[lines.length - 1].y)).toBe(30 - 2);
  });
});
