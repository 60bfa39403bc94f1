// The engine's view of fonts. Everything the line breaker needs — glyph ids, advances,
// clusters — comes through a FontProvider, so the same engine runs in Node (fonts read from
// resources/fonts) and in Chromium (fonts fetched), with identical numbers.
//
// Units: all advances and offsets are in em (font units / unitsPerEm), so one shaping
// result serves every point size.

/** A concrete font file the provider can shape with, e.g. 'NotoSerifSC-Regular'. */
export type FontId = string;

export interface FontMetrics {
  unitsPerEm: number;
  /**
   * Typographic ascender and descender in em (descender negative): OS/2 sTypoAscender and
   * sTypoDescender (hhea when the font has no OS/2). For the CJK fonts this is the
   * ideographic em box (0.88 / −0.12).
   */
  ascender: number;
  descender: number;
  /** Cap height and x-height in em (OS/2; synthesised by HarfBuzz when absent). */
  capHeight: number;
  xHeight: number;
  /** Typographic line gap in em (OS/2 sTypoLineGap). */
  lineGap?: number;
  /** The font's clipping extents in em (hhea ascender/descender): where ink may reach. */
  clipAscender?: number;
  clipDescender?: number;
  /** Top and bottom of the ideographic em box in em (BASE 'idtp'/'ideo'), when the font says so. */
  ideoTop?: number;
  ideoBottom?: number;
}

export type Script = 'Hani' | 'Latn' | 'Zyyy';

export interface ShapeOptions {
  script: Script;
  /** BCP 47; 'zh-Hans' makes HarfBuzz apply the simplified-Chinese `locl` forms. */
  language: string;
  direction?: 'ltr';
  /** OpenType features to switch on or off, e.g. { halt: true, kern: true }. */
  features?: Record<string, boolean>;
}

export interface ShapedGlyph {
  /** Glyph id in the font that shaped it; 0 means .notdef (missing). */
  glyph: number;
  /** UTF-16 offset into the shaped string of the first code unit of this glyph's cluster. */
  cluster: number;
  /** Advance and offsets in em. */
  advance: number;
  xOffset: number;
  yOffset: number;
}

export interface ShapedRun {
  font: FontId;
  glyphs: ShapedGlyph[];
}

export interface FontProvider {
  /** Fonts this provider can shape with. */
  fonts(): FontId[];
  metrics(font: FontId): FontMetrics;
  /** True when the font maps this code point to a real glyph. */
  hasGlyph(font: FontId, codePoint: number): boolean;
  /**
   * Shape `text` in one font. Deterministic: the same arguments give the same glyphs
   * in every host. Missing characters come back as glyph 0; use shapeWithFallback to
   * fall back through a chain.
   */
  shape(font: FontId, text: string, options: ShapeOptions): ShapedGlyph[];
}
