// Flowing an article through frames on the line grid (fake font: Han 1 em).
import { describe, expect, it } from 'vitest';
import { emptyContent, type ArticleContent } from '../../../shared/model';
import { layoutArticle, type ArticleLayout, type FrameLayout, type Grid } from '../../../shared/layout';
import { capitals } from '../../../shared/layout/article';
import { grid, jumpFromPage1To4, para, provider, styles } from '../../helpers/fake-layout';

function article(paragraphs: string[], o: Partial<ArticleContent> = {}): ArticleContent {
  return { ...emptyContent('zh'), headline: ['标题'], body: paragraphs.map((text) => ({ type: 'paragraph' as const, text })), ...o };
}

/** A start on page 1 (frame p1) jumping to page 4 (frame p4), both at the top-left of the grid. */
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

  it('narrows a Chinese headline line (长体) to the largest scale that keeps it on one line, down to 85 %, at its size', () => {
    // Headline 23 pt across two columns (210 pt); the fake font's Han are 1 em wide.
    const layout = (headline: string) => layoutArticle(provider, { article: article([para(20)], { headline: [headline] }), grid, parts: [{ frame: { id: 'f', col: 0, span: 2, top: 0, height: 30 } }], styles: styles(2) }).frames[0];
    const deck = (headline: string) => layout(headline).deck;
    expect(styles(2).headline.size).toBe(23);
    // 10 characters: 230 pt at 23 pt, 212.75 narrowed to 92.5 %, 207 to 90 %.
    const narrow = deck(para(10, '题'));
    expect(narrow.map((l) => [l.text, l.runs[0].size, l.hscale])).toEqual([[para(10, '题'), 23, 0.9]]);
    // Its glyphs stand where they print: one narrowed em apart, the line as wide, centred in the frame.
    const h = narrow[0];
    const xs = h.runs[0].xs;
    for (let i = 1; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeCloseTo(23 * 0.9, 6);
    expect(h.width).toBeCloseTo(230 * 0.9, 6);
    expect(h.width).toBeLessThanOrEqual(h.measure + 1e-9);
    expect(h.x + h.width / 2).toBeCloseTo(grid.left + 105, 6);
    // It keeps its height: the text under it starts where it does under a head that fits.
    expect(layout(para(10, '题')).columns[0].lines[0].y).toBe(layout(para(9, '题')).columns[0].lines[0].y);
    // 12 characters are 234.6 pt even at 85 %: two even lines at the full size, not narrowed.
    const broken = deck(para(12, '题'));
    expect(broken.map((l) => [l.text, l.runs[0].size, l.hscale])).toEqual([
      [para(6, '题'), 23, undefined],
      [para(6, '题'), 23, undefined],
    ]);
    // 9 characters fit as they are; no line but a narrowed one has an hscale at all.
    const fits = layout(para(9, '题'));
    expect(fits.deck.map((l) => l.runs[0].size)).toEqual([23]);
    for (const l of [...fits.deck, ...fits.columns.flatMap((c) => c.lines)]) expect('hscale' in l, l.text).toBe(false);
  });

  it('sets an English headline line too long for its frame smaller, not narrowed', () => {
    const deck = layoutArticle(provider, { article: { ...article([para(20)], { headline: [para(10, '題')] }), language: 'en' }, grid, parts: [{ frame: { id: 'f', col: 0, span: 2, top: 0, height: 30 } }], styles: styles(2, 'en') }).frames[0].deck;
    expect(deck).toHaveLength(1);
    expect(deck[0].runs[0].size).toBeLessThan(styles(2, 'en').headline.size);
    expect('hscale' in deck[0]).toBe(false);
  });

  it('balances a broken English headline without squeezing its word spaces', () => {
    const deck = (headline: string, language: 'zh' | 'en') => {
      return layoutArticle(provider, { article: { ...article([para(20)], { headline: [headline] }), language }, grid, parts: [{ frame: { id: 'f', col: 0, span: 2, top: 0, height: 30 } }], styles: styles(2, language) }).frames[0].deck;
    };
    for (const [headline, language] of [
      ['After Years of Delay the Council Votes to Rebuild the Old Bridge', 'en'],
      ['Mayor Says the Downtown Library Will Reopen Its Reading Rooms in Spring', 'en'],
    ] as const) {
      const lines = deck(headline, language);
      expect(lines.length, headline).toBeGreaterThan(1);
      for (const l of lines) {
        expect(l.justified, `${l.text}: squeezed to its measure`).toBe(false);
        expect(l.width).toBeLessThanOrEqual(l.measure + 1e-6);
      }
    }
  });

  it('never hyphenates a crosshead, a brief title or a byline: display lines break between words', () => {
    // The US broadsheet printed "A late-night compro-" | "mise" and "Schools name new su-" |
    // "perintendent": those styles took the body's hyphenation, the headline's did not.
    const s = styles(1, 'en', 10);
    const a: ArticleContent = {
      ...emptyContent('en'),
      headline: ['Budget'],
      byline: 'By Eleanor Hargrove-Bates and Christopher Montgomery',
      body: [
        { type: 'paragraph', text: 'The council met on Tuesday.' },
        { type: 'subhead', text: 'A late-night compromise on transportation' },
        { type: 'paragraph', text: 'The agreement took shape during a recess.' },
        { type: 'brief', title: 'Superintendent named for the district', paragraphs: [{ text: 'The board voted on Monday.' }] },
      ],
    };
    const r = layoutArticle(provider, { article: a, grid, styles: s, parts: [{ frame: { id: 'f', col: 0, span: 1, top: 0, height: 40 } }] });
    const lines = r.frames[0].columns.flatMap((c) => c.lines);
    for (const role of ['byline', 'crosshead', 'brief-title'] as const) {
      const set = lines.filter((l) => l.role === role);
      expect(set.length, role).toBeGreaterThan(1);
      for (const l of set) expect(l.hyphenated, `${role}: ${set.map((x) => x.text).join(' | ')}`).toBe(false);
    }
    // the body still hyphenates
    expect(s.body.hyphenate).toBe(true);
  });

  it('sets an English briefs column as a US desk does: a line of white above each bold title, titles flush left in even lines', () => {
    const s = styles(1, 'en');
    const a: ArticleContent = {
      ...emptyContent('en'),
      kind: 'briefs',
      headline: ['Around Town'],
      body: [
        { type: 'brief', title: 'Main Street closed on Monday', paragraphs: [{ text: 'Crews will replace a water main.' }] },
        { type: 'brief', title: 'Food drive', paragraphs: [{ text: 'Volunteers collected food.' }, { text: 'The pantry is open.' }] },
        { type: 'brief', title: 'Council meets', paragraphs: [{ text: 'The council meets on Thursday.' }] },
      ],
    };
    const r = layoutArticle(provider, { article: a, grid, styles: s, parts: [{ frame: { id: 'f', col: 0, span: 1, top: 0, height: 40 } }] });
    const lines = r.frames[0].columns[0].lines;
    const row = (y: number) => Math.round((y - BASE) / grid.leading);
    const titles = lines.filter((l) => l.role === 'brief-title');
    // Balanced: "Main Street | closed on Monday", not "Main Street closed | on Monday".
    expect(titles.map((l) => l.text.trim())).toEqual(['Main Street', 'closed on Monday', 'Food drive', 'Council meets']);
    expect(titles.every((l) => l.x === r.frames[0].columns[0].x)).toBe(true);
    expect(s.briefTitle.bold).toBe(true);
    // The first title opens the column under the head; each later one has an empty grid line above it.
    for (const t of titles.slice(2)) {
      const i = lines.indexOf(t);
      expect(row(t.y) - row(lines[i - 1].y), t.text).toBe(2);
    }
    expect(lines[0]).toBe(titles[0]);
    expect(r.overset).toBe(0);
    // Chinese briefs keep running on under their ■ titles, no line between.
    const zh: ArticleContent = { ...emptyContent('zh'), kind: 'briefs', headline: [], body: [{ type: 'brief', title: '甲', paragraphs: [{ text: para(8) }] }, { type: 'brief', title: '乙', paragraphs: [{ text: para(8) }] }] };
    const zl = layoutArticle(provider, { article: zh, grid, styles: styles(1), parts: [{ frame: { id: 'f', col: 0, span: 1, top: 0, height: 40 } }] }).frames[0].columns[0].lines;
    expect(zl.map((l) => [l.role, row(l.y)])).toEqual([
      ['brief-title', 0],
      ['body', 1],
      ['brief-title', 2],
      ['body', 3],
    ]);
  });

  it('breaks an English byline after its comma and before its “and”, never inside its title', () => {
    // Fake font: letters ½ em, a space ¼ em, 10 pt: twenty letters to the 100 pt column.
    const bylines = (byline: string) => {
      const a: ArticleContent = { ...emptyContent('en'), headline: ['Budget passes'], byline, body: [{ type: 'paragraph', text: 'The council voted.' }] };
      const f = layoutArticle(provider, { article: a, grid, styles: styles(1, 'en'), parts: [{ frame: { id: 'f', col: 0, span: 1, top: 0, height: 20 } }] }).frames[0];
      return f.columns[0].lines.filter((l) => l.role === 'byline').map((l) => l.text.trim());
    };
    expect(bylines('By Ann Lee, Staff Writer')).toEqual(['By Ann Lee,', 'Staff Writer']);
    expect(bylines('By Lisa Mascaro and Mary Jalonick, Associated Press')).toEqual(['By Lisa Mascaro', 'and Mary Jalonick,', 'Associated Press']);
    expect(bylines('By Ann Lee')).toEqual(['By Ann Lee']);
    // a wire agency typed without its comma stays whole: By JANE DOE Associated | Press
    expect(bylines('By Al Li Associated Press')).toEqual(['By Al Li', 'Associated Press']);
  });

  it('breaks an English crosshead of two lines into even lines, still centred in its column', () => {
    // A2 of the US broadsheet printed "The police overtime" | "fight": a word alone under a
    // centred crosshead. Brief titles were already balanced; crossheads were not.
    const s = styles(1, 'en');
    const a: ArticleContent = {
      ...emptyContent('en'),
      headline: [],
      body: [
        { type: 'paragraph', text: 'The council met on Tuesday.' },
        { type: 'subhead', text: 'The police overtime fight' },
        { type: 'paragraph', text: 'The sharpest exchange of the night came over overtime.' },
        { type: 'subhead', text: 'Next' },
        { type: 'paragraph', text: 'The budget takes effect July 1.' },
      ],
    };
    const full = layoutArticle(provider, { article: a, grid, styles: s, parts: [{ frame: { id: 'f', col: 0, span: 1, top: 0, height: 40 } }] });
    const col = full.frames[0].columns[0];
    const heads = col.lines.filter((l) => l.role === 'crosshead');
    expect(heads.map((l) => l.text.trim())).toEqual(['The police', 'overtime fight', 'Next']);
    for (const l of heads) expect(l.x - col.x + l.width / 2, l.text).toBeCloseTo(col.width / 2, 6);
  });

  it('ends no line of an English crosshead or brief title with an article, a preposition or a conjunction', () => {
    // Balanced by measure alone: "Paying for the | new parks budget" (both), "Residents worry |
    // about noise and | parking" (the crosshead, 11 pt).
    const lines = (title: string) => {
      const story: ArticleContent = { ...emptyContent('en'), headline: [], body: [{ type: 'paragraph', text: 'The council met.' }, { type: 'subhead', text: title }, { type: 'paragraph', text: 'The council met.' }] };
      const briefs: ArticleContent = { ...emptyContent('en'), kind: 'briefs', headline: [], body: [{ type: 'brief', title, paragraphs: [{ text: 'The council met.' }] }] };
      const set = (a: ArticleContent, role: string) =>
        layoutArticle(provider, { article: a, grid, styles: styles(1, 'en'), parts: [{ frame: { id: 'f', col: 0, span: 1, top: 0, height: 30 } }] })
          .frames[0].columns[0].lines.filter((l) => l.role === role)
          .map((l) => l.text.trim());
      return { crosshead: set(story, 'crosshead'), brief: set(briefs, 'brief-title') };
    };
    expect(lines('Paying for the new parks budget')).toEqual({ crosshead: ['Paying for the new', 'parks budget'], brief: ['Paying for the new', 'parks budget'] });
    expect(lines('Residents worry about noise and parking').crosshead).toEqual(['Residents worry', 'about noise', 'and parking']);
  });

  it('balances an English crosshead or brief title without cutting a word the column did not cut', () => {
    // A compound wider than the column is cut at its hyphen (the last resort). Balanced to a
    // narrower measure, the crosshead was cut between letters, no hyphen drawn: "Main for Whit" |
    // "combe-Achter" | "berg across fight", where the column set "Main for" | "Whitcombe-" | ….
    const s = styles(1, 'en');
    const title = 'Main for Whitcombe-Achterberg across the fight';
    const a: ArticleContent = {
      ...emptyContent('en'),
      headline: [],
      body: [
        { type: 'subhead', text: title },
        { type: 'paragraph', text: 'The sharpest exchange of the night came over overtime.' },
        { type: 'brief', title, paragraphs: [{ text: 'Crews will replace a water main.' }] },
      ],
    };
    const r = layoutArticle(provider, { article: a, grid, styles: s, parts: [{ frame: { id: 'f', col: 0, span: 1, top: 0, height: 40 } }] });
    for (const role of ['crosshead', 'brief-title']) {
      const lines = r.frames[0].columns[0].lines.filter((l) => l.role === role).map((l) => l.text);
      expect(lines.join(''), role).toBe(title);
      for (let i = 0; i + 1 < lines.length; i++) expect(`${lines[i].at(-1)}${lines[i + 1][0]}`, `${role}: ${lines.join(' | ')}`).not.toMatch(/^[A-Za-z]{2}$/);
    }
  });

  it('never ends a part that jumps on a hyphenated word: the reader would turn pages mid-word', () => {
    const s = styles(1, 'en', 10);
    const words = 'The council met on Tuesday to discuss the budget for the coming year and members agreed that the library should reopen in the spring after extraordinary repairs to its roof and its neighbourhood entrance';
    const body = Array.from({ length: 8 }, () => words).join(' ') + '.';
    const a = { ...article([body], { headline: ['Plan'] }), language: 'en' as const };
    let hyphenatedSomewhere = false;
    for (let height = 6; height <= 30; height++) {
      const r = layoutArticle(provider, { article: a, grid, styles: s, parts: jumpFromPage1To4({ span: 1, height }, { span: 2, height: 80 }, 'en') });
      const lines = r.frames[0].columns[0].lines;
      hyphenatedSomewhere ||= lines.some((l) => l.hyphenated);
      expect(lines[lines.length - 1].hyphenated, `height ${height}`).toBe(false);
      // nothing lost
      const all = r.frames.flatMap((f) => f.columns.flatMap((c) => c.lines.map((l) => l.text)));
      expect(all.join('').replace(/\s+/g, ''), `height ${height}`).toBe(body.replace(/\s+/g, ''));
    }
    expect(hyphenatedSomewhere).toBe(true);
  });

  it('keeps every word once across three parts when a middle part is unhyphenated before its jump', () => {
    // The paragraph starts in part 1 and ends in part 3: setting it again for part 2's jump
    // must not move the lines part 1 printed (words were repeated or lost between them).
    const s = styles(1, 'en', 10);
    const words = 'Bridges schools council voted residents across crossings extraordinary neighbourhood representatives asked whether the county budget would cover safer roads and buses near the river';
    const body = Array.from({ length: 6 }, () => words).join(' ') + '.';
    const a = { ...article([body], { headline: ['Plan'] }), language: 'en' as const };
    let checked = 0;
    for (let h1 = 4; h1 <= 16; h1++) {
      for (let h2 = 3; h2 <= 16; h2++) {
        const r = layoutArticle(provider, {
          article: a,
          grid,
          styles: s,
          parts: [
            { frame: { id: 'p1', col: 0, top: 0, span: 1, height: h1 }, jumpOut: 'Continued on page 2' },
            { frame: { id: 'p2', col: 1, top: 0, span: 1, height: h2 }, jumpIn: 'Continued from page 1', jumpOut: 'Continued on page 3' },
            { frame: { id: 'p3', col: 0, top: 0, span: 4, height: 40 }, jumpIn: 'Continued from page 2' },
          ],
        });
        // The engine's own check agrees (it reports text-broken where it would not).
        expect(r.warnings.filter((w) => w.code === 'text-broken'), `heights ${h1}, ${h2}`).toEqual([]);
        const all = r.frames.flatMap((f) => f.columns.flatMap((c) => c.lines.filter((l) => l.role === 'body').map((l) => l.text)));
        expect(all.join('').replace(/\s+/g, ''), `heights ${h1}, ${h2}`).toBe(body.replace(/\s+/g, ''));
        checked++;
      }
    }
    expect(checked).toBe(182);
  });

  it('does not strand a crosshead above a jump line, even at the top of the last column', () => {
    for (const first of [5, 10, 15]) {
      const a = article([para(first), para(100, '字')], { headline: ['标题'] });
      a.body.splice(1, 0, { type: 'subhead', text: '小标题' });
      const r = layoutArticle(provider, { article: a, grid, styles: styles(2), parts: jumpFromPage1To4({ span: 2, height: 5 }, { span: 2, height: 30 }, 'zh') });
      for (const c of r.frames[0].columns) expect(c.lines.at(-1)?.role, `${first}`).not.toBe('crosshead');
      // it opens the continuation instead, with its text under it
      expect(r.frames[1].columns[0].lines[0]).toMatchObject({ role: 'crosshead', text: '小标题' });
    }
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

  it('sets a two-line crosshead solid, not a grid line of white between its lines (US broadsheet)', () => {
    // The crosshead (10.45 pt) takes two 10.5 pt grid lines a line, centred: a crosshead of
    // two lines printed them 21 pt apart, double spaced. Now its lines are 1.15 × its size
    // apart, the pair centred in the grid lines they need (3), and the body stays on the grid.
    const tight: Grid = { ...grid, bodySize: 9.5, leading: 10.5 };
    const s = styles(1, 'en', 9.5);
    const a: ArticleContent = {
      ...emptyContent('en'),
      headline: [],
      body: [
        { type: 'paragraph', text: 'The council met on Tuesday and voted.' },
        { type: 'subhead', text: 'A late-night compromise on buses' },
        { type: 'paragraph', text: 'The agreement took shape during a recess that began at ten.' },
      ],
    };
    const r = layoutArticle(provider, { article: a, grid: tight, styles: s, parts: [{ frame: { id: 'f', col: 0, span: 1, top: 0, height: 30 } }] });
    const lines = r.frames[0].columns[0].lines;
    const heads = lines.filter((l) => l.role === 'crosshead');
    expect(heads.length).toBe(2);
    expect(heads[1].y - heads[0].y).toBeCloseTo(s.crosshead.size * 1.15, 6);
    const base = tight.top + (tight.leading - 9.5) / 2 + 9.5 * 0.88;
    const gridLine = (y: number) => (y - base) / tight.leading;
    const body = lines.filter((l) => l.role === 'body');
    for (const l of body) expect(Math.abs(gridLine(l.y) - Math.round(gridLine(l.y))), l.text).toBeLessThan(1e-9);
    // A line of space above, three lines for the crosshead, the text on the next line.
    const lastBefore = body.filter((l) => l.y < heads[0].y).at(-1)!;
    const firstAfter = body.find((l) => l.y > heads[1].y)!;
    expect(Math.round(gridLine(firstAfter.y) - gridLine(lastBefore.y))).toBe(5);
    // centred in its three lines
    const blockTop = tight.top + (Math.round(gridLine(lastBefore.y)) + 2) * tight.leading;
    const size = s.crosshead.size;
    expect(heads[0].y - 0.88 * size - blockTop).toBeCloseTo(blockTop + 3 * tight.leading - (heads[1].y - 0.88 * size + size), 6);
  });

  it('sets body text one grid line apart when the leading is tight (US broadsheet: 9.5 pt on 10.5)', () => {
    const tight: Grid = { ...grid, bodySize: 9.5, leading: 10.5 };
    const s = styles(3, 'en', 9.5);
    const a = { ...article([para(260), para(200)]), language: 'en' as const, headline: ['Headline'] };
    const r = layoutArticle(provider, {
      article: a,
      grid: tight,
      styles: s,
      parts: [
        { frame: { id: 'p1', col: 0, span: 3, top: 0, height: 10 }, jumpOut: 'Continued on page 4' },
        { frame: { id: 'p4', col: 0, span: 3, top: 0, height: 30 }, jumpIn: 'Continued from page 1' },
      ],
    });
    const base = tight.top + (tight.leading - 9.5) / 2 + 9.5 * 0.88;
    const gridLine = (y: number) => (y - base) / tight.leading;
    for (const f of r.frames) {
      for (const col of f.columns) {
        col.lines.forEach((l, i) => {
          expect(Math.abs(gridLine(l.y) - Math.round(gridLine(l.y)))).toBeLessThan(1e-9);
          if (i > 0) expect(l.y - col.lines[i - 1].y).toBeCloseTo(tight.leading, 9);
        });
      }
    }
    // The jump-in line takes the first column's first line, on the grid the other columns share.
    const four = r.frames[1];
    expect(gridLine(four.jumpIn!.y)).toBeCloseTo(Math.round(gridLine(four.jumpIn!.y)), 9);
    expect(four.columns[0].lines[0].y - four.jumpIn!.y).toBeCloseTo(tight.leading, 9);
    expect(four.columns[1].lines[0].y).toBeCloseTo(four.jumpIn!.y, 9);
  });

  it('keeps a crosshead off the foot of a column', () => {
    const body = [{ type: 'paragraph' as const, text: para(85) }, { type: 'subhead' as const, text: '小标题' }, { type: 'paragraph' as const, text: para(40) }];
    const a = { ...article([]), body };
    // A part that jumps on fills its columns top to bottom (only the part where the text ends is balanced).
    const r = layoutArticle(provider, {
      article: a,
      grid,
      styles: styles(2),
      parts: [
        { frame: { id: 'f', col: 0, span: 2, top: 0, height: 14 }, jumpOut: '（下转第2版）' },
        { frame: { id: 'g', col: 2, span: 2, top: 0, height: 14 }, jumpIn: '（上接第1版）' },
      ],
    });
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

// The grid line under the last line of each column (span-1 lines: body, crossheads, captions).
const BASE = grid.top + (grid.leading - 10) / 2 + 10 * 0.88;
function bottoms(f: FrameLayout): number[] {
  return f.columns.map((c) => {
    const last = c.lines[c.lines.length - 1];
    if (!last) return -1;
    const photo = f.photos.filter((p) => p.x === c.x).reduce((b, p) => Math.max(b, Math.round((p.y + p.height - grid.top) / grid.leading)), -1);
    return Math.max(photo, Math.round((last.y - BASE) / grid.leading) + 1);
  });
}

const allText = (r: ArticleLayout) => r.frames.flatMap((f) => f.columns.flatMap((c) => c.lines.map((l) => l.text))).join('');

/** Balanced: no column empty, the first at most one line longer than the later ones. */
function expectBalanced(f: FrameLayout) {
  const b = bottoms(f);
  expect(b.every((x) => x >= 0), `empty column in ${b}`).toBe(true);
  expect(Math.max(...b) - Math.min(...b), `columns end at ${b}`).toBeLessThanOrEqual(1);
  for (let c = 1; c < b.length; c++) expect(b[c], `columns end at ${b}`).toBeLessThanOrEqual(b[c - 1]);
}

/** Columns (after the first) that open with the last line of a paragraph begun in the column before. */
function widows(f: FrameLayout): number[] {
  const out: number[] = [];
  for (let c = 1; c < f.columns.length; c++) {
    const prev = f.columns[c - 1].lines;
    const first = f.columns[c].lines[0];
    if (first && prev.length && first.role === 'body' && first.last && !prev[prev.length - 1].last) out.push(c);
  }
  return out;
}

describe('column balancing (the part where the text ends)', () => {
  it('sets a short article in a 4-column frame in columns within one line of each other', () => {
    const text = [para(130), para(90), para(60)];
    const r = layoutArticle(provider, { article: article(text), grid, styles: styles(4), parts: [{ frame: { id: 'f', col: 0, span: 4, top: 0, height: 30 } }] });
    const f = r.frames[0];
    expectBalanced(f);
    // Top-aligned, well above the frame's foot (filled top to bottom it would be 26 + 9 lines).
    expect(new Set(f.columns.map((c) => c.lines[0].y)).size).toBe(1);
    expect(Math.max(...bottoms(f))).toBeLessThan(20);
    // Nothing lost.
    expect(allText(r)).toBe(text.join(''));
    expect(r.overset).toBe(0);
    // …which leaves a hole at the frame's foot, and the layout says how deep: the rows from
    // the deepest column's last line (its descent) to the frame's foot.
    const deepest = Math.ceil((Math.max(...f.columns.flatMap((c) => c.lines.map((l) => l.y + 0.12 * grid.bodySize))) - grid.top) / grid.leading - 1e-6);
    expect(r.warnings).toEqual([{ code: 'underfull', frame: 'f', lines: 30 - deepest, message: `the text ends ${30 - deepest} lines above the frame's foot` }]);
    expect(30 - deepest).toBeGreaterThanOrEqual(10);
    // A frame the text fills to within two lines is no hole.
    const snug = layoutArticle(provider, { article: article(text), grid, styles: styles(4), parts: [{ frame: { id: 'f', col: 0, span: 4, top: 0, height: deepest + 2 } }] });
    expect(snug.warnings).toEqual([]);
    // Every body baseline is still on the grid.
    for (const l of f.columns.flatMap((c) => c.lines)) {
      const k = (l.y - BASE) / grid.leading;
      expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9);
    }
  });

  it('balances a continuation under its jump head, the jump-in line atop the first column', () => {
    const r = layoutArticle(provider, {
      article: article([para(300)]),
      grid,
      styles: styles(1),
      parts: [
        { frame: { id: 'p1', col: 0, span: 1, top: 0, height: 12 }, jumpOut: '（下转第4版）' },
        { frame: { id: 'p4', col: 0, span: 4, top: 20, height: 20 }, jumpIn: '（上接第1版）', jumpHead: ['标题'] },
      ],
    });
    const [one, four] = r.frames;
    // The first part still fills its column down to the jump-out line.
    expect(bottoms(one)).toEqual([11]);
    expect(one.jumpOut!.y).toBeCloseTo(BASE + 11 * grid.leading, 9);
    // The continuation: all four columns, even; the jump-in line counts in the first.
    expect(four.jumpIn!.text).toBe('（上接第1版）');
    expect(four.jumpIn!.y).toBe(four.columns[1].lines[0].y);
    expect(four.columns[0].lines[0].y).toBeCloseTo(four.jumpIn!.y + grid.leading, 9);
    expectBalanced(four);
    expect(four.columns.map((c) => c.lines.length).reduce((a, b) => a + b)).toBeGreaterThan(8);
    expect(allText(r)).toBe(para(300));
    expect(r.overset).toBe(0);
  });

  it('never leaves a crosshead or brief title at a column foot, and loses nothing', () => {
    const body = [
      { type: 'paragraph' as const, text: para(57) },
      { type: 'subhead' as const, text: '小标题一' },
      { type: 'paragraph' as const, text: para(44) },
      { type: 'paragraph' as const, text: para(33) },
      { type: 'subhead' as const, text: '小标题二' },
      { type: 'paragraph' as const, text: para(71) },
      { type: 'brief' as const, title: '简讯', paragraphs: [{ text: para(38) }, { text: para(46) }] },
    ];
    const expected = [para(57), '小标题一', para(44), para(33), '小标题二', para(71), '■简讯', para(38), para(46)].join('');
    let balanced = 0;
    for (let span = 2; span <= 4; span++) {
      for (let height = 8; height <= 30; height++) {
        const r = layoutArticle(provider, { article: { ...article([]), body }, grid, styles: styles(span), parts: [{ frame: { id: 'f', col: 0, span, top: 0, height } }] });
        const f = r.frames[0];
        const placed = allText(r);
        expect(placed).toBe(expected.slice(0, placed.length));
        if (r.overset > 0) continue;
        balanced++;
        expect(placed).toBe(expected);
        for (const col of f.columns) {
          col.lines.forEach((l, i) => {
            // Two lines of what follows stay with it in its column (every paragraph here has three or more).
            if (l.role === 'crosshead' || l.role === 'brief-title') expect(col.lines.length - i, `${span} × ${height}: ${l.text}`).toBeGreaterThan(2);
          });
        }
        // Never below the frame; how even the columns can be depends on where the crossheads fall.
        expect(Math.max(...bottoms(f)), `${span} × ${height}`).toBeLessThanOrEqual(height);
      }
    }
    expect(balanced).toBeGreaterThan(30);
    // Short pieces, where the balanced columns are only a few lines deep.
    for (let span = 2; span <= 4; span++) {
      for (let n1 = 5; n1 <= 45; n1 += 4) {
        for (let n2 = 25; n2 <= 45; n2 += 10) {
          const short = [{ type: 'paragraph' as const, text: para(n1) }, { type: 'subhead' as const, text: '小标题' }, { type: 'paragraph' as const, text: para(n2) }];
          const r = layoutArticle(provider, { article: { ...article([]), body: short }, grid, styles: styles(span), parts: [{ frame: { id: 'f', col: 0, span, top: 0, height: 20 } }] });
          expect(allText(r)).toBe(para(n1) + '小标题' + para(n2));
          for (const col of r.frames[0].columns) {
            const i = col.lines.findIndex((l) => l.role === 'crosshead');
            if (i >= 0) expect(col.lines.length - i, `${span}: ${n1}, ${n2}`).toBeGreaterThan(2);
          }
        }
      }
    }
  });

  it('keeps a photo at its height with its caption under it', () => {
    const body = [
      { type: 'paragraph' as const, text: para(120) },
      { type: 'photo' as const, caption: '比赛现场。', credit: '牛晨阳 摄', asset: null },
      { type: 'paragraph' as const, text: para(90) },
    ];
    const r = layoutArticle(provider, { article: { ...article([]), body }, grid, styles: styles(3), parts: [{ frame: { id: 'f', col: 0, span: 3, top: 0, height: 30 } }] });
    const f = r.frames[0];
    expect(f.photos).toHaveLength(1);
    const photo = f.photos[0];
    // 100 pt measure: max(3, round(70 / 14)) = 5 grid lines.
    expect(photo.height).toBeCloseTo(5 * grid.leading - grid.leading * 0.3, 9);
    const col = f.columns.find((c) => c.x === photo.x)!;
    const cap = col.lines.find((l) => l.role === 'caption')!;
    expect(cap.y).toBeGreaterThan(photo.y + photo.height);
    // On the next grid line under the picture.
    expect(cap.y).toBeCloseTo(photo.y + 5 * grid.leading + BASE - grid.top, 9);
    expect(r.overset).toBe(0);
    expect(allText(r)).toBe(para(120) + '比赛现场。　牛晨阳 摄' + para(90));
    expect(Math.max(...bottoms(f)) - Math.min(...bottoms(f))).toBeLessThanOrEqual(1);
  });

  it('sets a news photo (图片新闻) as a photo frame is: the picture takes the lines its caption leaves, no hole under it', () => {
    // At 0.7 of its width the picture left the foot of a taller frame empty under the caption
    // (page 3's 钟楼街 photo: 4 lines of white and an underfull warning).
    const news: ArticleContent = { ...emptyContent('zh'), kind: 'photo', headline: [], body: [{ type: 'photo', caption: '比赛现场。', credit: '牛晨阳 摄', asset: null }] };
    const frame = { id: 'f', col: 0, span: 2, top: 0, height: 30 };
    const r = layoutArticle(provider, { article: news, grid, styles: styles(2), parts: [{ frame }] });
    const f = r.frames[0];
    const cap = f.columns[0].lines.find((l) => l.role === 'caption')!;
    expect(Math.round((cap.y - BASE) / grid.leading)).toBe(frame.height - 1);
    expect(f.photos[0].height).toBeGreaterThan((frame.height - 2) * grid.leading - grid.leading);
    expect(r.warnings.filter((w) => w.code === 'underfull')).toEqual([]);
  });

  it('sets an English photo credit on a line of its own under the caption: flush right, smaller, in capitals', () => {
    const s = styles(2, 'en');
    const row = (y: number) => Math.round((y - BASE) / grid.leading);
    const layout = (credit: string | null, kind: 'story' | 'photo') => {
      const body = [{ type: 'photo' as const, caption: 'Crews clear a road.', credit, asset: null }, ...(kind === 'story' ? [{ type: 'paragraph' as const, text: 'The storm passed.' }] : [])];
      return layoutArticle(provider, { article: { ...emptyContent('en'), kind, body }, grid, styles: s, parts: [{ frame: { id: 'f', col: 0, span: kind === 'photo' ? 2 : 1, top: 0, height: 30 } }] }).frames[0];
    };
    for (const kind of ['photo', 'story'] as const) {
      // A short caption and credit would fit on one line: the credit still takes its own.
      const f = layout('Jane Doe/The Riverton Times', kind);
      const col = f.columns[0];
      const lines = col.lines;
      const cap = lines.filter((l) => l.role === 'caption');
      const credit = lines.filter((l) => l.role === 'credit');
      expect(cap.map((l) => l.text)).toEqual(['Crews clear a road.']);
      expect(credit.map((l) => l.text)).toEqual(['JANE DOE/THE RIVERTON TIMES']);
      const [c] = credit;
      expect(row(c.y), kind).toBe(row(cap[0].y) + 1);
      expect(c.x + c.width).toBeCloseTo(col.x + col.width, 6);
      expect(col.width).toBe(kind === 'photo' ? 210 : 100);
      expect(c.runs[0].size).toBeCloseTo(s.caption.size * (0.7 / 0.95), 6);
      expect(c.runs[0].size).toBeLessThan(cap[0].runs[0].size);
      if (kind === 'story') {
        // The text goes on a line of white under the credit.
        const next = lines[lines.indexOf(c) + 1];
        expect([next.role, row(next.y)]).toEqual(['body', row(c.y) + 2]);
      }
    }
    // No credit: no credit line.
    expect(layout(null, 'photo').columns[0].lines.map((l) => l.role)).toEqual(['caption']);
    // Capitals are layout's: letters whose capitals are longer (ß → SS) keep their form, so
    // offsets into the text hold.
    expect(capitals('Ana López/Straße ﬁle')).toBe('ANA LÓPEZ/STRAßE ﬁLE');
  });

  it('keeps a paragraph\u2019s last line from standing alone atop a column when balancing can', () => {
    const body = [
      { type: 'paragraph' as const, text: para(12) },
      { type: 'subhead' as const, text: '小标题' },
      { type: 'paragraph' as const, text: para(12) },
      { type: 'paragraph' as const, text: para(52) },
    ];
    const r = layoutArticle(provider, { article: { ...article([]), body }, grid, styles: styles(3), parts: [{ frame: { id: 'f', col: 0, span: 3, top: 0, height: 30 } }] });
    const f = r.frames[0];
    // The last paragraph's 6 lines split 4 + 2, not 5 + 1.
    expect(widows(f)).toEqual([]);
    expect(f.columns[2].lines).toHaveLength(2);
    expect(r.overset).toBe(0);
    expect(allText(r)).toBe(body.map((b) => b.text).join(''));
  });

  it('fills a frame too small for the text top to bottom, as before, and counts the overset', () => {
    const text = para(700);
    const r = layoutArticle(provider, { article: article([text]), grid, styles: styles(4), parts: [{ frame: { id: 'f', col: 0, span: 4, top: 0, height: 12 } }] });
    const f = r.frames[0];
    // Every column down to the frame's last line.
    expect(bottoms(f)).toEqual([12, 12, 12, 12]);
    const placed = allText(r);
    expect(placed).toBe(text.slice(0, placed.length));
    expect(r.overset).toBe(700 - placed.length);
    expect(r.overset).toBeGreaterThan(0);
    expect(r.warnings.map((w) => w.code)).toEqual(['overset']);
  });
});

