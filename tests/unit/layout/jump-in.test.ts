// A continuation's jump-in line (上接第1版) opens its first column and is followed by text in
// that column: it is never left alone above an empty column while the text starts beside it.
import { describe, expect, it } from 'vitest';
import { layoutArticle } from '../../../shared/layout';
import { grid, jumpFromPage1To4, para, provider, story, styles } from '../../helpers/fake-layout';


describe('jump-in line', () => {
  it('is followed by text in its own column, however little text the continuation holds', () => {
    // Part 1 (one column, two lines: 8 + 10 characters) takes the first paragraph whole; the
    // continuation gets the rest — from one line up — in three columns.
    for (const rest of [3, 9, 15, 19, 25]) {
      for (const height of [4, 6, 10]) {
        const r = layoutArticle(provider, {
          article: story([para(18), para(rest, '字')]),
          grid,
          styles: styles(1),
          parts: jumpFromPage1To4({ span: 1, height: 3 }, { span: 3, height }),
        });
        const four = r.frames[1];
        const what = `${rest} characters, ${height} lines`;
        expect(r.overset, what).toBe(0);
        expect(four.jumpIn?.text, what).toBe('（上接第1版）');
        // Text right under the jump-in line, in the same column.
        expect(four.columns[0].lines.length, what).toBeGreaterThan(0);
        expect(four.columns[0].lines[0].y - four.jumpIn!.y, what).toBeCloseTo(grid.leading, 9);
        // No column empty before one with text.
        const filled = four.columns.map((c) => c.lines.length > 0);
        expect(filled.indexOf(false) < 0 || filled.slice(filled.indexOf(false)).every((x) => !x), `${what}: ${filled}`).toBe(true);
      }
    }
  });
});
