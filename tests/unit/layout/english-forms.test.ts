// What an English story prints in its own forms, where a Chinese one has others: a column's
// editor credit as a sign-off ("— From staff reports" in italic flush left, not
// （以上由王勇编辑整理） bracketed flush right), and a dateline run in, bold, in capitals.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNodeFontProvider } from '../../../electron/services/fonts/node-fonts';
import { defaultArticleStyles, layoutArticle, type Grid, type LaidLine } from '../../../shared/layout';
import { importText } from '../../../shared/import';
import { emptyContent, type ArticleContent } from '../../../shared/model';
import type { FontProvider } from '../../../shared/text/font';

let provider: FontProvider;
beforeAll(async () => {
  provider = await loadNodeFontProvider();
}, 60_000);

const grid: Grid = { columns: 2, columnWidth: 120, gutter: 10, bodySize: 9.5, leading: 10.5, lines: 60, left: 20, top: 30 };

/** The credit's lines, at the column's foot. */
function creditLines(article: ArticleContent): LaidLine[] {
  const r = layoutArticle(provider, { article, grid, styles: defaultArticleStyles(article.language, grid.bodySize, 1), parts: [{ frame: { id: 'f', col: 0, span: 1, top: 0, height: 60 } }] });
  const lines = r.frames[0].columns.flatMap((c) => c.lines);
  return lines.filter((l) => l.role === 'credit');
}

const briefs = (language: 'zh' | 'en', editorCredit: string): ArticleContent => ({
  ...emptyContent(language),
  kind: 'briefs',
  headline: [],
  editorCredit,
  body: [{ type: 'brief', title: language === 'zh' ? '路段封闭' : 'Road closed', paragraphs: [{ text: language === 'zh' ? '本周末部分路段封闭施工。' : 'Main Street closes for repairs this weekend.' }] }],
});

describe('a column editor credit', () => {
  it('prints in English as a sign-off: a dash, no brackets, italic, flush left', () => {
    for (const [stored, printed] of [
      ['From staff reports', '\u2014 From staff reports'],
      ['From staff and wire reports', '\u2014 From staff and wire reports'],
      ['Compiled by Jane Doe', 'Compiled by Jane Doe'],
    ]) {
      const lines = creditLines(briefs('en', stored));
      expect(lines.map((l) => l.text.trim()).join(' '), stored).toBe(printed);
      for (const line of lines) {
        expect(line.x, stored).toBeCloseTo(grid.left, 6);
        expect(line.runs.every((r) => /italic/i.test(r.font)), `${stored}: ${line.runs.map((r) => r.font)}`).toBe(true);
      }
    }
  });

  it('prints in Chinese in brackets, flush right, upright', () => {
    const [line, ...more] = creditLines(briefs('zh', '以上由王勇编辑整理'));
    expect([line.text, more]).toEqual(['（以上由王勇编辑整理）', []]);
    expect(line.x + line.width).toBeCloseTo(grid.left + grid.columnWidth, 1);
    expect(line.runs.some((r) => /italic/i.test(r.font))).toBe(false);
  });
});

describe('an English dateline', () => {
  it('is imported as the lead and printed run in at the head of the first paragraph, in bold, as the wire wrote it', () => {
    const wire = 'Storm knocks out power\n\nBy JANE DOE\n\nBOSTON (AP) \u2014 A winter storm knocked out power to 200,000 homes on Friday.\n\nSchools were closed.\n';
    const c = importText(wire).articles[0].content;
    expect(c.lead).toBe('BOSTON (AP) \u2014');
    expect(c.body[0]).toMatchObject({ type: 'paragraph', text: 'A winter storm knocked out power to 200,000 homes on Friday.' });
    const r = layoutArticle(provider, { article: c, grid, styles: defaultArticleStyles('en', grid.bodySize, 1), parts: [{ frame: { id: 'f', col: 0, span: 1, top: 0, height: 60 } }] });
    const first = r.frames[0].columns[0].lines.find((l) => l.role === 'body')!;
    expect(first.text.startsWith('BOSTON (AP) \u2014 A ')).toBe(true);
    // The dateline's glyphs in the bold, the text after it not.
    const lead = c.lead!.length;
    const bold = (r: { font: string }) => /bold/i.test(r.font);
    expect(first.runs.filter((run) => run.clusters.some((k) => k < lead)).every(bold)).toBe(true);
    expect(first.runs.filter((run) => run.clusters.some((k) => k > lead)).some(bold)).toBe(false);
  });

  it('after an editor’s note stays at the head of its paragraph, in bold as a lead is set', () => {
    // The note is the story's first paragraph, where layout sets a lead: the dateline printed in roman.
    for (const copy of [
      'Kicker: CITY HALL\n\n# Council approves budget\n\n*Editor’s note: This story has been updated.*\n\nRIVERTON \u2014 The council voted.\n\nThe budget takes effect July 1.\n',
      'Editor’s note: This story has been updated.\n\nCouncil approves budget\n\nRIVERTON \u2014 The council voted.\n\nThe budget takes effect July 1.\n',
    ]) {
      const c = importText(copy).articles[0].content;
      expect(c.lead, copy).toBeNull();
      expect(c.body[1], copy).toEqual({ type: 'paragraph', text: 'RIVERTON \u2014 The council voted.', marks: [{ type: 'bold', start: 0, end: 'RIVERTON \u2014'.length }] });
    }
  });

  it('is read in its usual forms, and a paragraph opening with a capitalised word and a dash is no dateline', () => {
    const lead = (first: string) => importText(`Headline here\n\n${first}\n\nMore text follows here.\n`).articles[0].content.lead;
    expect(lead('WASHINGTON \u2014 The Senate voted.')).toBe('WASHINGTON \u2014');
    expect(lead('SAN JUAN, Puerto Rico (AP) \u2014 The storm hit.')).toBe('SAN JUAN, Puerto Rico (AP) \u2014');
    expect(lead('LONDON, Jan. 5 (Reuters) - Shares fell.')).toBe('LONDON, Jan. 5 (Reuters) -');
    for (const s of ['OK \u2014 so we left.', 'The Senate voted \u2014 again.', 'Washington \u2014 the city \u2014 waits.']) expect(lead(s), s).toBeNull();
  });
});

describe('an English head', () => {
  it('keeps an amount with its million or billion: "$1.2 billion", never "$1.2" | "billion"', async () => {
    // The US broadsheet's A1 lead, over 4 and 6 columns, printed "Transit board approves $1.2" |
    // "billion rail line to the airport": a headline's bad split, read as $1.2.
    const { pageGeometry } = await import('../../../shared/layout/grid');
    const { SHIPPED_TEMPLATES } = await import('../../../shared/model/templates');
    const us = pageGeometry(SHIPPED_TEMPLATES.find((t) => t.id === 'broadsheet-us')!, 0).grid;
    const heads = ['Transit board approves $1.2 billion rail line to the airport', 'Council backs 40 million plan for parks after three hours of debate', 'Debt passes $3 trillion mark'];
    let checked = 0;
    for (const headline of heads) {
      for (let span = 1; span <= us.columns; span++) {
        const article: ArticleContent = { ...emptyContent('en'), headline: [headline], body: [{ type: 'paragraph', text: 'The vote came late.', marks: [] }] };
        const r = layoutArticle(provider, { article, grid: us, styles: defaultArticleStyles('en', us.bodySize, span), parts: [{ frame: { id: 'f', col: 0, span, top: 0, height: 40 } }] });
        const lines = r.frames[0].deck.map((l) => l.text.trim());
        expect(lines.join(' '), `${span} columns`).toBe(headline);
        if (lines.length > 1) checked++;
        for (const line of lines) expect(line, `${headline}, ${span} columns: ${lines.join(' | ')}`).not.toMatch(/\d$/);
      }
    }
    expect(checked).toBeGreaterThan(6);
  });
});

describe('an English deck', () => {
  it('is set in even lines no wider than a comfortable line, not in one line across a wide frame', async () => {
    // The US broadsheet's six-column lead set its 100-character deck in one line, edge to edge,
    // wider than the two lines of the head over it.
    const { pageGeometry } = await import('../../../shared/layout/grid');
    const { SHIPPED_TEMPLATES } = await import('../../../shared/model/templates');
    const us = pageGeometry(SHIPPED_TEMPLATES.find((t) => t.id === 'broadsheet-us')!, 0).grid;
    const deck = (subhead: string, span: number) => {
      const article: ArticleContent = { ...emptyContent('en'), headline: ['Transit board approves $1.2 billion rail line to the airport'], subhead, body: [{ type: 'paragraph', text: 'The vote came late.', marks: [] }] };
      const r = layoutArticle(provider, { article, grid: us, styles: defaultArticleStyles('en', us.bodySize, span), parts: [{ frame: { id: 'f', col: 0, span, top: 0, height: 60 } }] });
      const lines = r.frames[0].deck;
      return { head: lines.filter((l) => l.role === 'headline'), sub: lines.filter((l) => l.role === 'subhead'), rect: r.frames[0] };
    };
    const long = 'Construction of the 9-mile light-rail extension could start next spring, with trains running by 2030';
    const six = deck(long, 6);
    expect(six.sub.map((l) => l.text).join(' ')).toBe(long);
    expect(six.sub).toHaveLength(2);
    const widest = Math.max(...six.head.map((l) => l.width));
    for (const l of six.sub) {
      expect(l.width).toBeLessThan(widest);
      // Centred in the frame.
      expect(l.x + l.width / 2).toBeCloseTo(six.rect.x + six.rect.width / 2, 0);
    }
    // A deck that fits a comfortable line stays one line across the frame.
    expect(deck('Vote splits 5-2 after three hours of debate', 6).sub).toHaveLength(1);
  });
});
