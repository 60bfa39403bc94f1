// The golden frames: every article of the fixture page laid out into a 4-column frame of a
// broadsheet-like grid, in the bundled fonts. Pure (text and a FontProvider in, layouts out)
// so that the same function runs in Node (tests/golden/layout.golden.test.ts) and bundled in
// Chromium (tests/e2e/parity-entry.ts), and the two results can be compared glyph for glyph.
//
// The grid: 9 pt body on a 12.6 pt line pitch (1.4), 8 columns of 11 em (99 pt) with 1 em
// (9 pt) gutters — the character-counted columns of a Chinese daily — in a type area 120 grid
// lines tall. Each article gets the same frame: columns 0–3, 40 lines from the top (504 pt,
// a third of the type area — a typical 4-column story slot). That holds every article but the
// longest whole, most of them in two to four columns, so column-to-column flow is exercised; the
// longest story (article 2, 相知可抵云海深, ~2,500 characters) fills all four columns and
// about a third of it is overset, so overset counting is in the snapshots too. (A 120-line
// frame would hold every article in one or two columns and leave the others empty.)
import type { ArticleContent } from '../../shared/model';
import { importText } from '../../shared/import';
import { layoutArticle, type ArticleLayout, type FrameBox, type Grid } from '../../shared/layout';
import type { FontProvider } from '../../shared/text/font';

export const GOLDEN_GRID: Grid = {
  columns: 8,
  columnWidth: 99,
  gutter: 9,
  bodySize: 9,
  leading: 12.6,
  lines: 120,
  left: 36,
  top: 54,
};

/** The frame every article is laid out in: 4 columns, 40 grid lines. */
export const GOLDEN_FRAME: FrameBox = { id: 'golden', col: 0, span: 4, top: 0, height: 40 };

export interface FixtureLayout {
  /** Golden file name: `NN-kind`, e.g. `02-story`. */
  name: string;
  articleIndex: number;
  /** The headline lines joined with a space ('' for pieces without one). */
  headline: string;
  frame: FrameBox;
  article: ArticleContent;
  layout: ArticleLayout;
}

/** Imports the fixture text and lays out every article, in order, into GOLDEN_FRAME. */
export function fixtureLayouts(provider: FontProvider, text: string): FixtureLayout[] {
  return importText(text).articles.map(({ content: article }, articleIndex) => ({
    name: `${String(articleIndex).padStart(2, '0')}-${article.kind}`,
    articleIndex,
    headline: article.headline.join(' '),
    frame: GOLDEN_FRAME,
    article,
    layout: layoutArticle(provider, { article, grid: GOLDEN_GRID, parts: [{ frame: GOLDEN_FRAME }] }),
  }));
}
