// Widows: no paragraph leaves its last line alone at the top of a column, in a part that jumps
// (filled top to bottom) as in the balanced part where the text ends, nor at the top of the
// next part (under its jump-in line).
import { describe, expect, it } from 'vitest';
import { layoutArticle, type ArticleLayout, type LaidLine } from '../../../shared/layout';
import { grid, jumpFromPage1To4, para, provider, story, styles } from '../../helpers/fake-layout';


/** Every column of every part, in reading order: the places where a column break falls. */
function columnBreaks(r: ArticleLayout, parts: number): { before: LaidLine[]; after: LaidLine[]; where: string }[] {
  const cols = r.frames.slice(0, parts).flatMap((f, i) => f.columns.map((c, k) => ({ lines: c.lines, where: `part ${i} column ${k}` })));
  const out = [];
  for (let k = 1; k < cols.length; k++) out.push({ before: cols[k - 1].lines, after: cols[k].lines, where: cols[k].where });
  return out;
}

/** The first line of a column is a paragraph's last, the paragraph begun in the column before. */
const isWidow = (before: LaidLine[], after: LaidLine[]) => {
  const prev = before[before.length - 1];
  const first = after[0];
  return !!prev && !!first && first.role === 'body' && first.last && !prev.last && prev.block === first.block && prev.paragraph === first.paragraph;
};

describe('widows', () => {
  it('a part that jumps on leaves no paragraph’s last line alone atop a column, nor atop the next part', () => {
    let cases = 0;
    for (const lengths of [
      [58, 28, 38, 48],
      [48, 38, 58, 28, 68],
      [38, 38, 38, 38, 38, 38],
      [78, 28, 28, 58],
    ]) {
      for (let height = 4; height <= 9; height++) {
        const text = lengths.map((n, i) => '文字段落'[i % 4].repeat(n));
        const r = layoutArticle(provider, {
          article: story(text),
          grid,
          styles: styles(3),
          parts: jumpFromPage1To4({ span: 3, height }, { span: 2, height: 40 }),
        });
        const what = `${lengths} in 3 × ${height}`;
        expect(r.overset, what).toBe(0);
        expect(r.frames.flatMap((f) => f.columns.flatMap((c) => c.lines.map((l) => l.text))).join(''), what).toBe(text.join(''));
        // Every break that the first part makes: between its columns and into the continuation.
        for (const b of columnBreaks(r, 2).slice(0, 3)) {
          cases++;
          expect(isWidow(b.before, b.after), `${what}: ${b.where} opens with ${b.after[0]?.text}`).toBe(false);
        }
      }
    }
    expect(cases).toBeGreaterThan(50);
  });
});

describe('widows in the balanced part where the text ends', () => {
  it('are not accepted to make the columns even: a short last column is the lesser evil', () => {
    let widows = 0;
    let tried = 0;
    for (let span = 3; span <= 5; span++) {
      for (const lengths of [
        [48, 38, 58, 28, 68, 38],
        [58, 28, 38, 48, 58],
        [38, 38, 38, 38, 38, 38, 38],
        [78, 28, 28, 58, 48, 18],
        [28, 58, 48, 68, 38, 48, 28],
      ]) {
        const text = lengths.map((n, i) => '文字段落'[i % 4].repeat(n));
        const r = layoutArticle(provider, { article: story(text), grid, styles: styles(span), parts: [{ frame: { id: 'f', col: 0, span, top: 0, height: 30 } }] });
        const f = r.frames[0];
        const what = `${lengths} in ${span} columns`;
        expect(r.overset, what).toBe(0);
        expect(f.columns.flatMap((c) => c.lines.map((l) => l.text)).join(''), what).toBe(text.join(''));
        for (let c = 1; c < f.columns.length; c++) if (isWidow(f.columns[c - 1].lines, f.columns[c].lines)) widows++;
        // Still balanced: no column longer than the one before, none more than three lines short.
        const n = f.columns.map((c) => c.lines.length);
        for (let c = 1; c < n.length; c++) expect(n[c], `${what}: ${n}`).toBeLessThanOrEqual(n[c - 1]);
        expect(n[0] - n[n.length - 1], `${what}: ${n}`).toBeLessThanOrEqual(3);
        tried++;
      }
    }
    expect(tried).toBe(15);
    expect(widows).toBe(0);
  });

  it('keeps the two lines of a short continuation under its jump-in line, not one beside it', () => {
    // The first part (one column, three lines) ends a line early so that the second paragraph's
    // last two lines go on together; the continuation is those two lines in three columns.
    const r = layoutArticle(provider, {
      article: story([para(8, '文'), para(28, '字')]),
      grid,
      styles: styles(1),
      parts: jumpFromPage1To4({ span: 1, height: 4 }, { span: 3, height: 6 }),
    });
    const [one, four] = r.frames;
    expect(one.columns[0].lines.map((l) => l.text)).toEqual([para(8, '文'), para(8, '字')]);
    expect(four.columns.map((c) => c.lines.length)).toEqual([2, 0, 0]);
    expect(r.overset).toBe(0);
  });
});

describe('a widow rather than overset', () => {
  it('lets a widow stand when keeping it off makes the text overrun its frame', () => {
    // Six lines and four in two columns of five: they fit only with the first paragraph's last line atop column 2.
    const text = [para(58), para(38, '字')];
    const r = layoutArticle(provider, { article: story(text), grid, styles: styles(2), parts: [{ frame: { id: 'f', col: 0, span: 2, top: 0, height: 5 } }] });
    expect(r.overset).toBe(0);
    expect(r.frames[0].columns.map((c) => c.lines.length)).toEqual([5, 5]);
  });

  it('and when keeping it off the next part makes the last part overrun', () => {
    // The start has three lines of text; keeping the first paragraph's last two lines together
    // would push a line into a continuation that has room for exactly what is left.
    const text = [para(38), para(28, '字')];
    const r = layoutArticle(provider, {
      article: story(text),
      grid,
      styles: styles(1),
      parts: jumpFromPage1To4({ span: 1, height: 4 }, { span: 1, height: 5 }),
    });
    expect(r.overset).toBe(0);
    expect(r.frames.map((f) => f.columns[0].lines.length)).toEqual([3, 4]);
    expect(r.frames.flatMap((f) => f.columns.flatMap((c) => c.lines.map((l) => l.text))).join('')).toBe(text.join(''));
  });
});
