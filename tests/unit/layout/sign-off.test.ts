// A column's editor credit as each language prints it: （以上由王勇编辑整理） in brackets flush
// right in Chinese; an English sign-off, "— From staff reports", in italic flush left.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNodeFontProvider } from '../../../electron/services/fonts/node-fonts';
import { defaultArticleStyles, layoutArticle, type Grid, type LaidLine } from '../../../shared/layout';
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
