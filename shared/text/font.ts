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

/**
 * Shaped glyphs as parallel typed arrays (structure of arrays): what the engine reads when
 * it prepares a paragraph, with no object per glyph. Same fields and units as ShapedGlyph.
 */
export class GlyphBuffer {
  length = 0;
  glyph = new Uint32Array(256);
  cluster = new Int32Array(256);
  advance = new Float64Array(256);
  xOffset = new Float64Array(256);
  yOffset = new Float64Array(256);

  reset(): this {
    this.length = 0;
    return this;
  }

  push(glyph: number, cluster: number, advance: number, xOffset: number, yOffset: number): void {
    if (this.length === this.glyph.length) this.grow();
    const k = this.length++;
    this.glyph[k] = glyph;
    this.cluster[k] = cluster;
    this.advance[k] = advance;
    this.xOffset[k] = xOffset;
    this.yOffset[k] = yOffset;
  }

  /** A glyph with no offsets. */
  pushPlain(glyph: number, cluster: number, advance: number): void {
    this.push(glyph, cluster, advance, 0, 0);
  }

  /**
   * True when the font may not have set everything itself: glyph 0 (.notdef) is among the
   * glyphs, or two glyphs share a cluster (a base and its marks — which HarfBuzz also makes
   * of a character the font lacks, from its decomposition). shapeWithFallback looks closer.
   */
  needsFallback(): boolean {
    for (let k = 0; k < this.length; k++) if (this.glyph[k] === 0 || (k > 0 && this.cluster[k] === this.cluster[k - 1])) return true;
    return false;
  }

  /** The glyphs as objects. */
  toGlyphs(): ShapedGlyph[] {
    const out: ShapedGlyph[] = new Array(this.length);
    for (let k = 0; k < this.length; k++) out[k] = { glyph: this.glyph[k], cluster: this.cluster[k], advance: this.advance[k], xOffset: this.xOffset[k], yOffset: this.yOffset[k] };
    return out;
  }

  private grow(): void {
    const n = this.glyph.length * 2;
    const grow = <T extends Uint32Array | Int32Array | Float64Array>(a: T, b: T): T => (b.set(a), b);
    this.glyph = grow(this.glyph, new Uint32Array(n));
    this.cluster = grow(this.cluster, new Int32Array(n));
    this.advance = grow(this.advance, new Float64Array(n));
    this.xOffset = grow(this.xOffset, new Float64Array(n));
    this.yOffset = grow(this.yOffset, new Float64Array(n));
  }
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
  /**
   * The same glyphs as shape(), appended to `out` (clusters relative to `text`). Optional:
   * the engine uses it when a provider has it (no object per glyph), shape() otherwise.
   */
  shapeInto?(font: FontId, text: string, options: ShapeOptions, out: GlyphBuffer): void;
}
