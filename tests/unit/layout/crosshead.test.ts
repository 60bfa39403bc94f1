// A crosshead is never left at a column's foot without two lines of its text under it; when the
// column has room for it and those two lines only without the line of space above it, it gives
// that space up rather than leave a hole of three lines in mid-story.
import { describe, expect, it } from 'vitest';
import { layoutArticle } from '../../../shared/layout';
import { emptyContent, type ArticleContent } from '../../../shared/model';
import { grid, jumpFromPage1To4, provider, styles } from '../../helpers/fake-layout';

const BASE = grid.top + (grid.leading - 10) / 2 + 10 * 0.88;
const gridLine = (y: number) => Math.round((y - BASE) / grid.leading);

function withCrosshead(before: number): ArticleContent {
  return {
    ...emptyContent('zh'),
    headline: [],
    body: [
      { type: 'paragraph', text: '文'.repeat(before) },
      { type: 'subhead', text: '小标题' },
      { type: 'paragraph', text: '字'.repeat(78) },
    ],
  };
}

describe('crosshead at a column foot', () => {
  it('gives up its line of space rather than leave a three-line hole', () => {
    // A part that jumps, filled top to bottom: the first paragraph (5 lines) ends three lines
    // above the first column's foot: space + crosshead + two lines do not fit, crosshead + two lines do.
    const r = layoutArticle(provider, {
      article: withCrosshead(48),
      grid,
      styles: styles(2),
      parts: jumpFromPage1To4({ span: 2, height: 8 }, { span: 2, height: 40 }),
    });
    const col = r.frames[0].columns[0].lines;
    expect(col.map((l) => [l.role, gridLine(l.y)])).toEqual([
      ['body', 0],
      ['body', 1],
      ['body', 2],
      ['body', 3],
      ['body', 4],
      ['crosshead', 5],
      ['body', 6],
      ['body', 7],
    ]);
    expect(r.overset).toBe(0);
  });

  it('keeps its line of space when there is room, and leaves at most two lines empty when it must move', () => {
    for (let before = 8; before <= 88; before += 10) {
      for (let height = 5; height <= 12; height++) {
        const r = layoutArticle(provider, {
          article: withCrosshead(before),
          grid,
          styles: styles(2),
          parts: jumpFromPage1To4({ span: 2, height }, { span: 2, height: 40 }),
        });
        const what = `${before} characters before, ${height} lines`;
        expect(r.overset, what).toBe(0);
        const col = r.frames[0].columns[0].lines;
        const last = gridLine(col[col.length - 1].y);
        // The first column is not the part's last: only its foot limits it.
        expect(height - 1 - last, `${what}: empty lines at the foot`).toBeLessThanOrEqual(2);
        const i = col.findIndex((l) => l.role === 'crosshead');
        if (i > 0) {
          // Two lines of its text under it, and its line of space unless that would not leave them room.
          expect(col.length - i, what).toBeGreaterThan(2);
          const space = gridLine(col[i].y) - gridLine(col[i - 1].y) - 1;
          expect(space, what).toBe(gridLine(col[i - 1].y) + 5 <= height ? 1 : 0);
        }
      }
    }
  });
});
