// Text styles the engine sets paragraphs in. A style names fonts by role (CJK and Latin
// fallback chains per weight/slant), a size, and the composition rules to apply.
import type { FontId } from './font';

import type { KinsokuLevel } from './kinsoku';
export type { KinsokuLevel };
export type Align = 'justify' | 'left' | 'center' | 'right';

/** Fallback chains: Han text is set in `cjk`, Latin letters and digits in `latin`. */
export interface FontSet {
  cjk: FontId[];
  latin: FontId[];
}

export interface TypeFace {
  regular: FontSet;
  bold: FontSet;
  italic: FontSet;
  boldItalic: FontSet;
}

export interface TextStyle {
  face: TypeFace;
  /** Point size. */
  size: number;
  /** Paragraph language: decides Chinese or Latin composition rules. */
  language: 'zh' | 'en';
  kinsoku: KinsokuLevel;
  /** First-line indent in em (clreq: 2 em for Chinese body text). */
  indent: number;
  align: Align;
  /** Alignment of a paragraph's last line (and of a single-line paragraph). */
  lastAlign: Exclude<Align, 'justify'>;
  /** Set the whole paragraph in the bold fonts. */
  bold: boolean;
  /** Liang hyphenation of Latin words. */
  hyphenate: boolean;
  /**
   * Avoid a last line holding a single Han character (clreq), by pulling it up or pushing
   * a character down, when the neighbouring line allows.
   */
  avoidRunt: boolean;
}

/** Font ids of the bundled fonts (resources/fonts/fonts.json). */
export const BUNDLED = {
  serifSC: 'NotoSerifSC-Regular',
  serifSCBold: 'NotoSerifSC-Bold',
  sansSC: 'NotoSansSC-Regular',
  sansSCBold: 'NotoSansSC-Bold',
  serif: 'NotoSerif-Regular',
  serifItalic: 'NotoSerif-Italic',
  serifBold: 'NotoSerif-Bold',
  serifBoldItalic: 'NotoSerif-BoldItalic',
} as const;

/** Song (serif) body face: Noto Serif SC for Han, Noto Serif for Latin. */
export const SONG_FACE: TypeFace = {
  regular: { cjk: [BUNDLED.serifSC, BUNDLED.sansSC], latin: [BUNDLED.serif, BUNDLED.serifSC] },
  bold: { cjk: [BUNDLED.serifSCBold, BUNDLED.sansSCBold], latin: [BUNDLED.serifBold, BUNDLED.serifSCBold] },
  italic: { cjk: [BUNDLED.serifSC, BUNDLED.sansSC], latin: [BUNDLED.serifItalic, BUNDLED.serifSC] },
  boldItalic: { cjk: [BUNDLED.serifSCBold, BUNDLED.sansSCBold], latin: [BUNDLED.serifBoldItalic, BUNDLED.serifSCBold] },
};

/** Hei (sans) face for headlines: Noto Sans SC, whose own Latin and figures match it (no sans Latin italic is bundled). */
export const HEI_FACE: TypeFace = {
  regular: { cjk: [BUNDLED.sansSC, BUNDLED.serifSC], latin: [BUNDLED.sansSC, BUNDLED.serif] },
  bold: { cjk: [BUNDLED.sansSCBold, BUNDLED.serifSCBold], latin: [BUNDLED.sansSCBold, BUNDLED.serifBold] },
  italic: { cjk: [BUNDLED.sansSC, BUNDLED.serifSC], latin: [BUNDLED.serifItalic, BUNDLED.sansSC] },
  boldItalic: { cjk: [BUNDLED.sansSCBold, BUNDLED.serifSCBold], latin: [BUNDLED.serifBoldItalic, BUNDLED.sansSCBold] },
};

export function bodyStyle(language: 'zh' | 'en', size: number, overrides: Partial<TextStyle> = {}): TextStyle {
  return textStyle({
    face: SONG_FACE,
    size,
    language,
    kinsoku: 'basic',
    indent: language === 'zh' ? 2 : 1,
    align: 'justify',
    lastAlign: 'left',
    bold: false,
    hyphenate: language === 'en',
    avoidRunt: true,
    ...overrides,
  });
}

/**
 * `s` as a fresh TextStyle built field by field in one order, its numbers stored as doubles
 * from the start: every style then has one hidden class in V8. Styles made by different
 * literals and spreads, or a first style with a whole-number size followed by one with a
 * fractional size (which changes the field's representation), each gave the engine's
 * optimised code a new map to deoptimise on: setLine, greedyBreaks, markBreaks and sums did,
 * mid-run, in a cold export (--trace-deopt-verbose). Make styles through this (bodyStyle does).
 */
export function textStyle(s: TextStyle): TextStyle {
  const out: TextStyle = {
    face: s.face,
    size: 0.5,
    language: s.language,
    kinsoku: s.kinsoku,
    indent: 0.5,
    align: s.align,
    lastAlign: s.lastAlign,
    bold: s.bold,
    hyphenate: s.hyphenate,
    avoidRunt: s.avoidRunt,
  };
  out.size = s.size;
  out.indent = s.indent;
  return out;
}

/** A stable key for caches: two styles with the same key set text identically. */
export function styleKey(s: TextStyle): string {
  const f = (set: FontSet) => `${set.cjk.join(',')}|${set.latin.join(',')}`;
  return [
    f(s.face.regular), f(s.face.bold), f(s.face.italic), f(s.face.boldItalic),
    s.size, s.language, s.kinsoku, s.indent, s.align, s.lastAlign, s.bold ? 1 : 0, s.hyphenate ? 1 : 0, s.avoidRunt ? 1 : 0,
  ].join(';');
}
