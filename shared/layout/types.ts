// The engine's output (DESIGN.md, "The one idea"): plain data, enough to draw a page or
// paint a PDF without shaping again. Coordinates are in points from the page's trim
// top-left corner, y downward; `y` of a line is its baseline.
import type { FontId } from '../text/font';
import type { GlyphRun } from '../text/lines';

/** The line grid of a page's type area (from the template). */
export interface Grid {
  columns: number;
  /** Width of one column, pt. */
  columnWidth: number;
  gutter: number;
  /** Body size and line pitch, pt: every body baseline sits on this grid. */
  bodySize: number;
  leading: number;
  /** Grid lines in the type area. */
  lines: number;
  /** Top-left of the type area from the trim's top-left, pt. */
  left: number;
  top: number;
}

/** A frame on the grid: `span` columns from column `col`, `height` lines from line `top`. */
export interface FrameBox {
  id: string;
  col: number;
  span: number;
  top: number;
  height: number;
}

export type LineRole =
  | 'kicker'
  | 'headline'
  | 'subhead'
  | 'byline'
  | 'body'
  | 'crosshead'
  | 'brief-title'
  | 'caption'
  | 'credit'
  | 'jump-head'
  | 'jump-in'
  | 'jump-out';

export interface LaidLine {
  role: LineRole;
  text: string;
  /** Left edge of the set text, pt from the trim's left edge. */
  x: number;
  /** Baseline, pt from the trim's top edge. */
  y: number;
  width: number;
  measure: number;
  /** Justified to the measure. */
  justified: boolean;
  /** A paragraph's final line. */
  last: boolean;
  hyphenated: boolean;
  /**
   * What stretching to the measure gave the line, ems of its size (0 when not stretched; see
   * SetLine): its word spaces as set (their mean), the space added between characters.
   */
  wordSpace: number;
  letterSpace: number;
  /** Which body block (and paragraph within a brief) the line comes from; -1 for deck and jump lines. */
  block: number;
  paragraph: number;
  /** UTF-16 range in that paragraph's text as set (lead and credit included). */
  start: number;
  end: number;
  /** Glyph runs; glyph x is from the line's x. */
  runs: GlyphRun[];
  /** Horizontal scale of the glyphs (长体, SetLine.hscale): only on a Chinese head line narrowed to fit. */
  hscale?: number;
}

export interface PhotoBox {
  x: number;
  y: number;
  width: number;
  height: number;
  block: number;
  asset: string | null;
}

export interface ColumnLayout {
  x: number;
  width: number;
  lines: LaidLine[];
}

export interface FrameLayout {
  frame: string;
  part: number;
  /** Frame rectangle, pt. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Headline deck or jump head, spanning the frame's columns. */
  deck: LaidLine[];
  columns: ColumnLayout[];
  photos: PhotoBox[];
  jumpIn: LaidLine | null;
  jumpOut: LaidLine | null;
  /** Characters of text that did not fit (counted on the article's last part). */
  overset: number;
  /** What of the text did not fit, on the article's last part when some did not. */
  lost?: LostText;
}

/** The closing lines a story prints after its text — its credit （通讯员 赵文斌）, a column's sign-off, an English tagline — or a photo's credit after its caption. */
export type ClosingKind = 'credit' | 'sign-off' | 'tagline' | 'photo-credit';

/**
 * The text that found no line, as the layout set it: what the reader of the page loses.
 * Preflight quotes it (overset), so the desk knows what is cut without laying out again.
 */
export interface LostText {
  /** Lines of text that did not fit. */
  lines: number;
  /** The first of them as set: where the printed text stops. */
  first: string;
  /** The first one opens its paragraph (or title, caption): nothing of it printed. */
  opens: boolean;
  /** Its byline is lost (nothing of the story printed). */
  byline: boolean;
  /** Body text is lost, not only the closing lines. */
  text: boolean;
  /** The closing lines lost, as they print, in order. */
  closing: { kind: ClosingKind; text: string }[];
  /**
   * Photos in the text that found no room (their captions are lines above): not printed. A photo
   * without a caption or credit is lost with no character of overset: this is all that says so.
   * Absent when none.
   */
  photos?: number;
}

/** The folio's texts a missing character can be in: the page label, the section, the publication's name. */
export type FolioPart = 'label' | 'section' | 'publication';

export interface LayoutWarning {
  /**
   * deck-too-tall: the headline deck leaves the frame no line of text (`outside`: it needs more
   * lines than the frame has and prints over what is below); jump-line-missing: a part that
   * jumps has no line left for its jump line; jump-line-cut: a jump line is wider than its
   * column even set smaller, and lost its end; start-without-text: the start of an article
   * that jumps holds none of its text (its deck, byline and jump line filled the frame);
   * folio-too-long (frame ''): a page's folio line does not hold its two halves side by side;
   * text-broken: the engine's own check found a frame whose lines do not continue the text
   * where the lines before them stopped (never expected: repeated or lost words);
   * underfull: the text ends `lines` grid lines or more above the foot of its last frame.
   */
  code: 'missing-glyph' | 'overset' | 'deck-too-tall' | 'jump-line-missing' | 'jump-line-cut' | 'start-without-text' | 'folio-too-long' | 'text-broken' | 'underfull';
  frame: string;
  message: string;
  /** missing-glyph: the character no bundled font has. */
  codePoint?: number;
  /** missing-glyph in a folio (frame ''): the text that holds it. */
  folio?: FolioPart;
  /** deck-too-tall: the deck runs outside its frame. */
  outside?: boolean;
  /** jump-line-missing, jump-line-cut: which jump line. */
  jump?: 'in' | 'out';
  /** underfull: empty grid lines between the text's end and the frame's foot. */
  lines?: number;
}

export interface ArticleLayout {
  frames: FrameLayout[];
  overset: number;
  warnings: LayoutWarning[];
  fonts: FontId[];
}
