// Paragraph preparation: text + marks + style → clusters with widths, punctuation blanks,
// the spacing between neighbours, and where lines may break. Everything the line breakers
// need, computed once per paragraph and style and cached, so re-breaking a paragraph at a
// new measure (a frame resize) never shapes again.
//
// Clusters and glyphs are stored as parallel typed arrays (structure of arrays): an edition
// has ~50,000 of each, and objects per glyph made garbage collection the engine's main cost.
import type { Mark } from '../model';
import { GlyphBuffer, type FontId, type FontProvider, type ShapeOptions } from './font';
import { shapeWithFallback, type FallbackResult } from './fallback';
import { hyphenationPoints } from './hyphenate';
import { cjkBreakKinds } from './kinsoku';
import { CharKind, charKind, defaultBlanks, isCjkKind, isCjkPunct, isHan, isWestern, KIND_COUNT } from './punct';
import { splitByScript } from './script';
import { styleKey, type FontSet, type TextStyle } from './style';
import { BREAK_NONE, BREAK_REQUIRED, breakKinds } from './uax14';

/** What separates cluster i from cluster i+1. */
export const enum Gap {
  /** Nothing may be inserted: inside a Latin word or number, inside —— or ……. */
  None = 0,
  /** Between CJK characters: no natural space, stretched for justification. */
  Cjk = 1,
  /** Between Han and Latin/digits: ¼ em, dropped at line edges. */
  HanLatin = 2,
}

/** Break opportunity after cluster i. */
export const enum Brk {
  None = 0,
  Allowed = 1,
  /** A hard line break inside the paragraph. */
  Required = 2,
  /** Inside a word, at a hyphenation point: a hyphen is drawn when the line breaks here. */
  Hyphen = 3,
  /**
   * A hyphenation point inside a proper name (a capitalised word that does not open a
   * sentence: Washing-ton, Zelen-skyy): a hyphen is drawn too, but Knuth–Plass takes it only
   * to spare a very loose line (AP and Chicago: avoid dividing proper nouns).
   */
  NameHyphen = 4,
}

/** A break inside a word, where a hyphen is drawn (Hyphen or NameHyphen). */
export function isHyphenBreak(kind: number): boolean {
  return kind === Brk.Hyphen || kind === Brk.NameHyphen;
}

/** One glyph (used for the hyphen). */
export interface PGlyph {
  font: FontId;
  id: number;
  advance: number;
  size: number;
}

export interface PreparedParagraph {
  text: string;
  style: TextStyle;
  /** Number of clusters. */
  n: number;
  /** Per cluster: UTF-16 range in the text, kind, natural width in pt (after adjacent-mark
   *  squeezing), left shift of its glyphs (pt, a squeezed left blank), compressible blanks
   *  still present (pt), em size (pt; sub/sup are smaller). */
  start: Int32Array;
  end: Int32Array;
  kind: Uint8Array;
  width: Float64Array;
  shift: Float64Array;
  blankL: Float64Array;
  blankR: Float64Array;
  em: Float64Array;
  /** Glyphs of cluster i are gFirst[i] .. gFirst[i+1]-1. */
  gFirst: Int32Array;
  /** Per glyph: index into `fonts`, glyph id, offset from the cluster's left edge, baseline shift, advance, size (pt). */
  gFont: Uint8Array;
  gId: Uint32Array;
  gDx: Float64Array;
  gDy: Float64Array;
  gAdv: Float64Array;
  gSize: Float64Array;
  fonts: FontId[];
  gapAfter: Uint8Array;
  breakAfter: Uint8Array;
  hyphen: PGlyph;
  /** Characters no font of the chain could set (never silently dropped: reported). */
  missing: { offset: number; codePoint: number }[];
}

/** Inline style of a stretch of text: which font set, size and baseline shift. */
interface Span {
  start: number;
  end: number;
  bold: boolean;
  italic: boolean;
  script: 'sub' | 'sup' | null;
}

function spans(text: string, marks: readonly Mark[] | undefined, bold: boolean): Span[] {
  // Most paragraphs have no marks: one span, without the cuts below (a Set, a sort and four
  // searches per span, per paragraph).
  if (!marks || marks.length === 0) return text.length === 0 ? [] : [{ start: 0, end: text.length, bold, italic: false, script: null }];
  const cuts = new Set<number>([0, text.length]);
  for (const m of marks) {
    cuts.add(Math.max(0, Math.min(text.length, m.start)));
    cuts.add(Math.max(0, Math.min(text.length, m.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Span[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const end = points[i + 1];
    if (start === end) continue;
    const active = marks.filter((m) => m.start <= start && m.end >= end);
    const s: Span = {
      start,
      end,
      bold: bold || active.some((m) => m.type === 'bold'),
      italic: active.some((m) => m.type === 'italic'),
      script: active.some((m) => m.type === 'sub') ? 'sub' : active.some((m) => m.type === 'sup') ? 'sup' : null,
    };
    const prev = out[out.length - 1];
    if (prev && prev.bold === s.bold && prev.italic === s.italic && prev.script === s.script) prev.end = end;
    else out.push(s);
  }
  return out;
}

/** Relative size and baseline shift (in em of the body size) of sub- and superscripts. */
const SCRIPT_SIZE = 0.62;
const SUB_SHIFT = -0.14;
const SUP_SHIFT = 0.34;

function fontSetFor(style: TextStyle, span: Span): FontSet {
  const f = style.face;
  if (span.bold && span.italic) return f.boldItalic;
  if (span.bold) return f.bold;
  if (span.italic) return f.italic;
  return f.regular;
}

const haltCache = new WeakMap<FontProvider, Map<FontId, Map<string, { left: number; right: number }>>>();

/**
 * The blank halves of a full-width mark, in em, from the font's `halt` feature when it
 * has one (the font knows where zh-Hans puts its ink), else from GB/T 15834 defaults.
 */
function punctBlanks(provider: FontProvider, font: FontId, text: string, kind: CharKind, language: string): { left: number; right: number } {
  let fonts = haltCache.get(provider);
  if (!fonts) haltCache.set(provider, (fonts = new Map()));
  let cache = fonts.get(font);
  if (!cache) fonts.set(font, (cache = new Map()));
  const hit = cache.get(text);
  if (hit) return hit;
  const opts: ShapeOptions = { script: 'Hani', language };
  const full = provider.shape(font, text, opts);
  const half = provider.shape(font, text, { ...opts, features: { halt: true } });
  // A narrow glyph (a Latin-width interpunct, a proportional quote) has no full-width blank to
  // give: the defaults would squeeze it to a negative width, over its neighbours.
  let result = full.length === 1 && full[0].advance < 0.9 ? { left: 0, right: 0 } : defaultBlanks(kind);
  if (full.length === 1 && half.length === 1 && full[0].glyph !== 0) {
    const removed = full[0].advance - half[0].advance;
    if (removed > 0.05) {
      const left = Math.max(0, Math.min(removed, -(half[0].xOffset - full[0].xOffset)));
      result = { left, right: Math.max(0, removed - left) };
    }
  }
  cache.set(text, result);
  return result;
}

export interface PrepareInput {
  text: string;
  marks?: readonly Mark[];
  style: TextStyle;
}

/**
 * Shapes and classifies a paragraph. Pure and deterministic; the result is cached per
 * provider by (text, marks, style).
 */
export function prepareParagraph(provider: FontProvider, input: PrepareInput): PreparedParagraph {
  const key = `${styleKey(input.style)}\u0001${JSON.stringify(input.marks ?? [])}\u0001${input.text}`;
  let cache = paragraphCache.get(provider);
  if (!cache) paragraphCache.set(provider, (cache = new Map()));
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit); // most recently used goes last
    return hit;
  }
  const prepared = prepareUncached(provider, input);
  cache.set(key, prepared);
  if (cache.size > PARAGRAPH_CACHE_SIZE + PARAGRAPH_EVICT_BATCH) evictOldest(cache, cache.size - PARAGRAPH_CACHE_SIZE);
  return prepared;
}

/** The paragraph cache keeps at least this many of the most recently used paragraphs (per provider). */
export const PARAGRAPH_CACHE_SIZE = 4000;
/**
 * …and at most this many more: the least recently used go in batches. A Map's iterator
 * walks over the slots of deleted entries until the table is rehashed, so taking the oldest
 * entry one at a time (`keys().next()` after every insert) cost a scan of up to ~4,000
 * deleted slots per new paragraph once the cache was full (~1.2 ms per 472 new paragraphs,
 * a broadsheet edition, against ~0.2 ms for the deletes themselves).
 */
export const PARAGRAPH_EVICT_BATCH = 500;
const paragraphCache = new WeakMap<FontProvider, Map<string, PreparedParagraph>>();

/** Deletes the `count` least recently used entries of `cache` (one pass of one iterator). */
function evictOldest(cache: Map<string, PreparedParagraph>, count: number): void {
  for (const key of cache.keys()) {
    if (count-- <= 0) break;
    cache.delete(key);
  }
}

/** Kinds of BMP code points, filled on first use (255 = not yet known). */
const KIND_TABLE = new Uint8Array(0x10000).fill(255);

function kindAt(cp: number, language: 'zh' | 'en'): CharKind {
  let k: CharKind;
  if (cp < 0x10000) {
    k = KIND_TABLE[cp];
    if ((k as number) === 255) k = KIND_TABLE[cp] = charKind(String.fromCharCode(cp));
  } else k = charKind(String.fromCodePoint(cp));
  if (language === 'en' && k !== CharKind.Han && isCjkKind(k) && EN_LATIN_PUNCT.has(cp)) return CharKind.Other;
  return k;
}

/**
 * The text to shape, same length: in Chinese copy the interpunct U+00B7 of a foreign name
 * (让·雅克·卢梭, J·K·罗琳: the 间隔号) is shaped as the full-width U+30FB (Latin fonts and the
 * CJK font's U+00B7 give it a third of an em). A dot is a name's when it touches a Han
 * character, or when the word it joins leads, through further dots, to one (J·K·罗琳: the dot
 * between J and K too, so one name has one kind of dot). A dot among Latin words only (a·b)
 * stays as it is. The paragraph keeps its text, so copying the PDF gives U+00B7 back.
 */
function fullWidthInterpuncts(text: string): string {
  if (!text.includes('\u00b7')) return text;
  const at: number[] = [];
  for (let i = text.indexOf('\u00b7'); i >= 0; i = text.indexOf('\u00b7', i + 1)) at.push(i);
  const han = (cp: number | undefined) => cp !== undefined && isHan(cp);
  // The character before `i`: one code unit back, or two for the low half of a surrogate pair.
  const before = (i: number) => (i > 1 && (text.charCodeAt(i - 1) & 0xfc00) === 0xdc00 ? text.codePointAt(i - 2) : i > 0 ? text.codePointAt(i - 1) : undefined);
  const full = at.map((i) => han(before(i)) || han(text.codePointAt(i + 1)));
  // Dots joined by one word with no space (J·K): a full one makes its neighbour full.
  const joined = (k: number) => /^[^\s\u00b7]+$/u.test(text.slice(at[k] + 1, at[k + 1]));
  for (let k = at.length - 2; k >= 0; k--) if (full[k + 1] && joined(k)) full[k] = true;
  for (let k = 1; k < at.length; k++) if (full[k - 1] && joined(k - 1)) full[k] = true;
  if (!full.some(Boolean)) return text;
  let out = '';
  let from = 0;
  for (let k = 0; k < at.length; k++) {
    if (!full[k]) continue;
    out += text.slice(from, at[k]) + '\u30fb';
    from = at[k] + 1;
  }
  return out + text.slice(from);
}

/** In English copy, curly quotes, dashes and ellipses belong to the Latin font. */
const EN_LATIN_PUNCT = new Set([...'“”‘’—…–'].map((c) => c.codePointAt(0) ?? 0));

function prepareUncached(provider: FontProvider, { text, marks, style }: PrepareInput): PreparedParagraph {
  const kinds = classify(text, style.language);
  const b = builder.reset(text.length);
  const missing: { offset: number; codePoint: number }[] = [];
  shapeClusters(provider, style.language === 'zh' ? fullWidthInterpuncts(text) : text, marks, style, kinds, b, missing);
  const n = b.n;
  const g = b.g;
  // One buffer per paragraph, cut into exact-size views: few allocations, nothing to grow.
  // The 8-byte views come first, so every view is aligned.
  const f64 = 8 * (5 * n + 4 * g);
  const i32 = 4 * (3 * n + 1);
  const buffer = new ArrayBuffer(f64 + i32 + 4 * g + n * 3 + g);
  let at = 0;
  const f = (len: number) => {
    const v = new Float64Array(buffer, at, len);
    at += 8 * len;
    return v;
  };
  const i = (len: number) => {
    const v = new Int32Array(buffer, at, len);
    at += 4 * len;
    return v;
  };
  const u8 = (len: number) => {
    const v = new Uint8Array(buffer, at, len);
    at += len;
    return v;
  };
  const width = f(n);
  width.set(b.width.subarray(0, n));
  const blankL = f(n);
  blankL.set(b.blankL.subarray(0, n));
  const blankR = f(n);
  blankR.set(b.blankR.subarray(0, n));
  const em = f(n);
  em.set(b.em.subarray(0, n));
  const shift = f(n);
  const gDx = f(g);
  gDx.set(b.gDx.subarray(0, g));
  const gDy = f(g);
  gDy.set(b.gDy.subarray(0, g));
  const gAdv = f(g);
  gAdv.set(b.gAdv.subarray(0, g));
  const gSize = f(g);
  gSize.set(b.gSize.subarray(0, g));
  const start = i(n);
  start.set(b.start.subarray(0, n));
  const end = i(n);
  end.set(b.end.subarray(0, n));
  const gFirst = i(n + 1);
  gFirst.set(b.gFirst.subarray(0, n + 1));
  const gId = new Uint32Array(buffer, at, g);
  at += 4 * g;
  gId.set(b.gId.subarray(0, g));
  const kind = u8(n);
  kind.set(b.kind.subarray(0, n));
  const gFont = u8(g);
  gFont.set(b.gFont.subarray(0, g));
  const p: PreparedParagraph = {
    text,
    style,
    n,
    start,
    end,
    kind,
    width,
    shift,
    blankL,
    blankR,
    em,
    gFirst,
    gFont,
    gId,
    gDx,
    gDy,
    gAdv,
    gSize,
    fonts: b.fonts,
    gapAfter: u8(n),
    breakAfter: u8(n),
    hyphen: hyphenGlyph(provider, style),
    missing,
  };
  spacing(p);
  squeezeAdjacentMarks(p);
  markBreaks(p);
  return p;
}

/** Growable parallel arrays for clusters and glyphs. */
class Builder {
  n = 0;
  g = 0;
  start: Int32Array;
  end: Int32Array;
  kind: Uint8Array;
  width: Float64Array;
  blankL: Float64Array;
  blankR: Float64Array;
  em: Float64Array;
  gFirst: Int32Array;
  gFont: Uint8Array;
  gId: Uint32Array;
  gDx: Float64Array;
  gDy: Float64Array;
  gAdv: Float64Array;
  gSize: Float64Array;
  fonts: FontId[] = [];

  /** Empties the builder for a paragraph of `chars` UTF-16 units (grows only). */
  reset(chars: number): this {
    if (this.start.length < chars + 2 || this.gId.length < chars + 2) {
      const fresh = new Builder(Math.max(chars + 2, this.start.length * 2));
      Object.assign(this, fresh);
    }
    this.n = 0;
    this.g = 0;
    this.fonts = [];
    this.gFirst[0] = 0;
    return this;
  }

  constructor(chars: number) {
    const c = Math.max(4, chars);
    this.start = new Int32Array(c);
    this.end = new Int32Array(c);
    this.kind = new Uint8Array(c);
    this.width = new Float64Array(c);
    this.blankL = new Float64Array(c);
    this.blankR = new Float64Array(c);
    this.em = new Float64Array(c);
    this.gFirst = new Int32Array(c + 1);
    this.gFont = new Uint8Array(c);
    this.gId = new Uint32Array(c);
    this.gDx = new Float64Array(c);
    this.gDy = new Float64Array(c);
    this.gAdv = new Float64Array(c);
    this.gSize = new Float64Array(c);
  }

  fontIndex(font: FontId): number {
    let i = this.fonts.indexOf(font);
    if (i < 0) {
      i = this.fonts.length;
      this.fonts.push(font);
    }
    return i;
  }

  /** Starts a cluster; returns its index. */
  cluster(start: number, end: number, kind: CharKind, em: number): number {
    if (this.n + 1 >= this.start.length) this.growClusters();
    const i = this.n++;
    this.start[i] = start;
    this.end[i] = end;
    this.kind[i] = kind;
    this.width[i] = 0;
    this.blankL[i] = 0;
    this.blankR[i] = 0;
    this.em[i] = em;
    this.gFirst[i] = this.g;
    this.gFirst[i + 1] = this.g;
    return i;
  }

  glyph(font: number, id: number, dx: number, dy: number, advance: number, size: number): void {
    if (this.g >= this.gId.length) this.growGlyphs();
    const k = this.g++;
    this.gFont[k] = font;
    this.gId[k] = id;
    this.gDx[k] = dx;
    this.gDy[k] = dy;
    this.gAdv[k] = advance;
    this.gSize[k] = size;
    this.gFirst[this.n] = this.g;
  }

  private growClusters(): void {
    const grow = <T extends Int32Array | Uint8Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2 + 2);
      b.set(a);
      return b;
    };
    this.start = grow(this.start);
    this.end = grow(this.end);
    this.kind = grow(this.kind);
    this.width = grow(this.width);
    this.blankL = grow(this.blankL);
    this.blankR = grow(this.blankR);
    this.em = grow(this.em);
    this.gFirst = grow(this.gFirst);
  }

  private growGlyphs(): void {
    const grow = <T extends Uint32Array | Uint8Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    this.gFont = grow(this.gFont);
    this.gId = grow(this.gId);
    this.gDx = grow(this.gDx);
    this.gDy = grow(this.gDy);
    this.gAdv = grow(this.gAdv);
    this.gSize = grow(this.gSize);
  }
}

/** The builder is reused paragraph after paragraph (the engine is single-threaded). */
const builder = new Builder(1024);

/** Kind of the character starting at each UTF-16 offset (both halves of a surrogate pair). */
function classify(text: string, language: 'zh' | 'en'): Uint8Array {
  const kinds = new Uint8Array(text.length);
  const zh = language === 'zh';
  for (let i = 0; i < text.length; i++) {
    // Chinese text outside the surrogates with a known kind: the table alone, no call (this
    // runs for every character, in the interpreter for a while in a cold process).
    const u = text.charCodeAt(i);
    if (zh && (u < 0xd800 || u >= 0xe000)) {
      const k = KIND_TABLE[u];
      if (k !== 255) {
        kinds[i] = k;
        continue;
      }
    }
    const cp = text.codePointAt(i) ?? 0;
    kinds[i] = kindAt(cp, language);
    if (cp > 0xffff) kinds[++i] = kinds[i - 1];
  }
  return kinds;
}

/** Glyphs shaped for one text run, reused run after run (the engine is single-threaded). */
const shaped = new GlyphBuffer();

/** Shapes each run of one font role and style; glyphs grouped into clusters in text order. */
/** OpenType `pwid`: proportional forms of the punctuation a CJK font sets full-width. */
const PROPORTIONAL: Record<string, boolean> = { pwid: true };

function shapeClusters(provider: FontProvider, text: string, marks: readonly Mark[] | undefined, style: TextStyle, kinds: Uint8Array, b: Builder, missing: { offset: number; codePoint: number }[]): void {
  const size = style.size;
  const lang = style.language === 'zh' ? 'zh-Hans' : 'en';
  const scripts = splitByScript(text, { language: lang });
  for (const span of spans(text, marks, style.bold)) {
    const set = fontSetFor(style, span);
    const em = span.script ? size * SCRIPT_SIZE : size;
    const dy = span.script === 'sub' ? SUB_SHIFT * size : span.script === 'sup' ? SUP_SHIFT * size : 0;
    // Runs of one font role (script.ts decides): Hani in the CJK chain, the rest in the Latin chain.
    for (const run of scripts) {
      if (run.end <= span.start || run.start >= span.end) continue;
      const i = Math.max(run.start, span.start);
      const j = Math.min(run.end, span.end);
      const cjk = run.script === 'Hani';
      const chain = cjk ? set.cjk : set.latin;
      const piece = i === 0 && j === text.length ? text : text.slice(i, j);
      // English set in a Chinese font's Latin (the Hei face's bylines, decks, subheads): its
      // ’ “ ” are full-width by default and `pwid` gives the proportional ones (O’Donnell, not
      // O’ Donnell). Chinese text keeps the font's defaults.
      const options: ShapeOptions = cjk ? { script: 'Hani', language: 'zh-Hans' } : lang === 'en' ? { script: 'Latn', language: lang, features: PROPORTIONAL } : { script: 'Latn', language: lang };
      const firstCluster = b.n;
      const at: ClusterCursor = { current: -1, x: 0 };
      // The common case: the chain's first font sets everything, straight into typed arrays.
      // Otherwise through shapeWithFallback, given what the first font made.
      let result: FallbackResult | null = null;
      if (!provider.shapeInto) result = shapeWithFallback(provider, chain, piece, options);
      else {
        provider.shapeInto(chain[0], piece, options, shaped.reset());
        if (!shaped.needsFallback()) addClusters(b, b.fontIndex(chain[0]), shaped, i, j, kinds, em, dy, at);
        else result = shapeWithFallback(provider, chain, piece, options, shaped.toGlyphs());
      }
      if (result) {
        for (const m of result.missing) missing.push({ offset: i + m.cluster, codePoint: m.codePoint });
        // Glyphs of one cluster share its source offset; runs come in text order (left to right).
        for (const r of result.runs) {
          shaped.reset();
          for (const g of r.glyphs) shaped.push(g.glyph, g.cluster, g.advance, g.xOffset, g.yOffset);
          addClusters(b, b.fontIndex(r.font), shaped, i, j, kinds, em, dy, at);
        }
      }
      if (cjk) {
        for (let c = firstCluster; c < b.n; c++) {
          const k = b.kind[c];
          if (FULL_WIDTH_MARK[k] === 1 && b.gFirst[c + 1] - b.gFirst[c] === 1) {
            const bl = punctBlanks(provider, b.fonts[b.gFont[b.gFirst[c]]], text.slice(b.start[c], b.end[c]), k, 'zh-Hans');
            b.blankL[c] = bl.left * em;
            b.blankR[c] = bl.right * em;
          }
        }
      }
    }
  }
}

/** The cluster being filled while glyphs are added (-1: none yet) and the pen within it. */
interface ClusterCursor {
  current: number;
  x: number;
}

/**
 * Adds the glyphs of `g` (clusters relative to text offset `i`, the run ending at `j`) to the
 * builder in font `font`: glyphs with the same cluster offset make one cluster.
 */
function addClusters(b: Builder, font: number, g: GlyphBuffer, i: number, j: number, kinds: Uint8Array, em: number, dy: number, at: ClusterCursor): void {
  let current = at.current;
  let x = at.x;
  for (let k = 0; k < g.length; k++) {
    const start = i + g.cluster[k];
    if (current < 0 || b.start[current] !== start) {
      if (current >= 0) b.end[current] = start;
      current = b.cluster(start, j, kinds[start], em);
      x = 0;
    }
    const advance = g.advance[k] * em;
    b.glyph(font, g.glyph[k], x + g.xOffset[k] * em, dy + g.yOffset[k] * em, advance, em);
    x += advance;
    b.width[current] = x;
  }
  at.current = current;
  at.x = x;
}

/** Spacing between neighbours (clreq §3.2, §3.8). */
function spacing(p: PreparedParagraph): void {
  const { n, kind, gapAfter } = p;
  for (let c = 0; c + 1 < n; c++) gapAfter[c] = GAPS[kind[c] * KINDS + kind[c + 1]];
}

/** The gap between two neighbouring kinds of character. */
function gapBetween(a: CharKind, b: CharKind): Gap {
  if ((a === CharKind.Han && isWestern(b)) || (isWestern(a) && b === CharKind.Han)) return Gap.HanLatin;
  if (a === CharKind.Dash && b === CharKind.Dash) return Gap.None;
  // Never stretched around a connector (第3～5版, 北京–上海; FACTS, justification).
  if (a === CharKind.Connector || b === CharKind.Connector) return Gap.None;
  if ((isCjkKind(a) && b !== CharKind.Space) || (isCjkKind(b) && a !== CharKind.Space)) return Gap.Cjk;
  return Gap.None;
}

/** gapBetween for every pair of kinds, looked up per cluster (one read, no calls: a cold process runs this in the interpreter). */
const KINDS = KIND_COUNT;
const GAPS = Uint8Array.from({ length: KINDS * KINDS }, (_, i) => gapBetween(Math.floor(i / KINDS) as CharKind, (i % KINDS) as CharKind));

/** isCjkPunct of each kind, read per cluster (no call, for the same reason). */
const FULL_WIDTH_MARK = Uint8Array.from({ length: KINDS }, (_, k) => (isCjkPunct(k as CharKind) ? 1 : 0));

/** Two marks that meet take 1.5 em, squeezing toward the outside (clreq §3.1.6). */
function squeezeAdjacentMarks(p: PreparedParagraph): void {
  const { n, kind, width, shift, blankL, blankR, em } = p;
  for (let a = 0; a + 1 < n; a++) {
    const b = a + 1;
    if (FULL_WIDTH_MARK[kind[a]] === 0 || FULL_WIDTH_MARK[kind[b]] === 0) continue;
    const half = em[a] / 2;
    if (blankR[a] > 0 && (blankL[b] > 0 || blankR[b] > 0)) {
      const d = Math.min(blankR[a], half);
      width[a] -= d;
      blankR[a] -= d;
    } else if (blankL[b] > 0) {
      const d = Math.min(blankL[b], half);
      width[b] -= d;
      shift[b] += d;
      blankL[b] -= d;
    }
  }
}

/** Characters that, next to a run of letters, make it part of an address or a code rather than a word. */
const URLISH = new Set([...'./@:_\\=?&#%~+'].map((ch) => ch.charCodeAt(0)));

/**
 * Whether the letters text[from, to) are part of an address, a file name or a code
 * (www.example.com, a@b.org, path/name, x_y, A4b): not a word to hyphenate, since the reader
 * would type the hyphen.
 */
export function inAddress(text: string, from: number, to: number): boolean {
  const before = text.charCodeAt(from - 1);
  const after = text.charCodeAt(to);
  const digit = (c: number) => c >= 0x30 && c <= 0x39;
  // A mark between two pieces of the token (www.example, example.com), not one that ends a
  // sentence ("departments.") or follows a space.
  const joined = (c: number) => !Number.isNaN(c) && c !== 0x20 && c !== 0x0a && c !== 0x3000 && !(c >= 0x2000 && c <= 0x200a);
  return (URLISH.has(before) && joined(text.charCodeAt(from - 2))) || (URLISH.has(after) && joined(text.charCodeAt(to + 1))) || digit(before) || digit(after);
}

/** Hyphen-minus, hyphen, non-breaking hyphen: the marks that join a compound word. */
const HYPHENS = new Set([0x2d, 0x2010, 0x2011]);

/** Where lines may break: UAX #14, tailored by clreq kinsoku for Chinese; hyphenation points. */
function markBreaks(p: PreparedParagraph): void {
  const { text, style, n, start, end, kind, breakAfter } = p;
  const kinds = style.language === 'zh' ? cjkBreakKinds(text, style.kinsoku) : breakKinds(text);
  // A break before text[end[c]] is a break after cluster c (none after the last one).
  for (let c = 0; c + 1 < n; c++) {
    const k = kinds[end[c]];
    if (k !== BREAK_NONE) breakAfter[c] = k === BREAK_REQUIRED ? Brk.Required : Brk.Allowed;
  }
  keepTimesWhole(p);
  if (style.language === 'en') {
    keepTitlesWithNames(p);
    breakAddressesBeforeHyphens(p);
  }
  if (!style.hyphenate) {
    if (style.language === 'en') keepCompoundsWhole(p);
    return;
  }
  const clusterEndingAt = new Int32Array(text.length + 1).fill(-1);
  for (let c = 0; c < n; c++) clusterEndingAt[end[c]] = c;
  let c = 0;
  while (c < n) {
    if (kind[c] !== CharKind.Latin) {
      c++;
      continue;
    }
    let d = c;
    while (d + 1 < n && kind[d + 1] === CharKind.Latin && breakAfter[d] === Brk.None) d++;
    const word = text.slice(start[c], end[d]);
    // Part of a hyphenated compound (well-publicized): it breaks at its own hyphen only.
    const compound = HYPHENS.has(text.charCodeAt(start[c] - 1)) || HYPHENS.has(text.charCodeAt(end[d]));
    if (word.length >= 5 && !compound && !allCaps(word) && !inAddress(text, start[c], end[d])) {
      const mark = isUpper(word.charCodeAt(0)) && (!opensSentence(text, start[c]) || (text.charCodeAt(end[d]) === 0x20 && isUpper(text.charCodeAt(end[d] + 1)))) ? Brk.NameHyphen : Brk.Hyphen;
      for (const h of hyphenationPoints(word)) {
        const at = clusterEndingAt[start[c] + h];
        if (at >= c && at < d && breakAfter[at] === Brk.None) breakAfter[at] = mark;
      }
    }
    c = d + 1;
  }
}

/** A capital letter (every word of an edition's English body comes here: ASCII first). */
function isUpper(c: number): boolean {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a;
  const ch = String.fromCharCode(c);
  return ch !== ch.toLowerCase();
}

/**
 * A word in capitals — an acronym (UNESCO, MERCOSUR’s) or a dateline (WASHINGTON): never
 * divided, as AP and Chicago ask; the reader would take UNES-|CO for two words. The letters
 * of a run of Latin clusters, so a word without a small letter is in capitals.
 */
function allCaps(word: string): boolean {
  const n = word.endsWith('’s') || word.endsWith("'s") ? word.length - 2 : word.length;
  for (let i = 0; i < n; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) return false;
    if (c >= 0x80 && word[i] !== word[i].toUpperCase()) return false;
  }
  return true;
}

/** Opening quotes and brackets, and closing ones, that may stand between a sentence's end and the next word. */
const OPENERS = new Set([...'“‘"\'(['].map((ch) => ch.charCodeAt(0)));
const CLOSERS = new Set([...'”’"\')]'].map((ch) => ch.charCodeAt(0)));

/** Titles and the abbreviations of saint, mount and fort, which go before a name (Gov. Ron, St. Pierre). */
const TITLES = 'Mr|Mrs|Ms|Dr|Rev|Gov|Sen|Rep|Gen|Lt|Sgt|Capt|Col|Maj|Adm|Prof|St|Ste|Mt|Ft';

/** A title or an initial before a period that does not end a sentence (Gov. Ron, Thomas J. Brennan, U.S. District). */
const ABBREVIATION_END = new RegExp(`(?:(?:^|[^\\p{L}\\p{N}])\\p{Lu}|(?:^|[^\\p{L}\\p{N}.])(?:${TITLES}))\\.$`, 'u');

/**
 * Whether the word at text offset `at` opens a sentence: the paragraph's start, or after
 * . ! ? (closing quotes and brackets between) that do not end a title or an initial. A
 * capitalised word anywhere else is a proper name (Senate Majority Leader, Washington), and
 * so is one that opens a sentence before another capitalised word (Stefania Giannini said).
 */
function opensSentence(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && OPENERS.has(text.charCodeAt(i))) i--;
  if (i < 0) return true;
  if (!isBlank(text.charCodeAt(i))) return false;
  while (i >= 0 && isBlank(text.charCodeAt(i))) i--;
  while (i >= 0 && CLOSERS.has(text.charCodeAt(i))) i--;
  if (i < 0) return true;
  const c = text.charCodeAt(i);
  if (c === 0x21 || c === 0x3f) return true;
  return c === 0x2e && !ABBREVIATION_END.test(text.slice(Math.max(0, i - 6), i + 1));
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0xa0 || c === 0x0a;
}

/** An e-mail or web address: an @, a scheme, www., or a dot between a letter and a lower-case domain (hq.nasa.gov). */
const ADDRESS = /@|:\/\/|(?:^|[^\p{L}])www\.|\p{L}\.\p{Ll}{2}/u;

/**
 * Whether text offset `at` lies in an e-mail or web address: the run of text between blanks
 * around it looks like one. Not U.K.-U.S. or a.m.-to-noon (a dot before one letter only).
 */
export function inAddressToken(text: string, at: number): boolean {
  let s = at;
  while (s > 0 && !isBlank(text.charCodeAt(s - 1))) s--;
  let e = at;
  while (e < text.length && !isBlank(text.charCodeAt(e))) e++;
  return ADDRESS.test(text.slice(s, e));
}

/**
 * An address (news-media@hq.nasa.gov, www.kennedy-space-center.example) breaks before one of
 * its own hyphens, not after it, as Chicago sets them: a line ending in "news-" reads as a
 * divided word, and the reader would type newsmedia@…; a line opening with "-media@" cannot.
 */
function breakAddressesBeforeHyphens(p: PreparedParagraph): void {
  const { text, n, start, end, breakAfter } = p;
  if (text.indexOf('-') < 0) return;
  for (let c = 1; c + 1 < n; c++) {
    if (breakAfter[c] !== Brk.Allowed || text.charCodeAt(end[c] - 1) !== 0x2d || end[c] - start[c] !== 1) continue;
    if (!inAddressToken(text, start[c])) continue;
    breakAfter[c] = Brk.None;
    if (breakAfter[c - 1] === Brk.None && !isBlank(text.charCodeAt(end[c - 1] - 1))) breakAfter[c - 1] = Brk.Allowed;
  }
}

/**
 * English display lines — heads, crossheads, brief titles, bylines, set without hyphenation —
 * break between words only, not at the hyphen of a compound or a double name: a desk never
 * breaks a hyphenated word in a head ("By Samuel Whitcombe-" | "Achterberg", "A late-" |
 * "night compromise"). A compound wider than the measure is still cut at its hyphen, as the
 * last resort (lines.ts, emergencyBreak).
 */
function keepCompoundsWhole(p: PreparedParagraph): void {
  const { text, n, start, end, kind, breakAfter } = p;
  for (let c = 0; c + 1 < n; c++) {
    if (breakAfter[c] !== Brk.Allowed || !HYPHENS.has(text.charCodeAt(end[c] - 1))) continue;
    const before = c > 0 ? kind[c - 1] : -1;
    const after = kind[c + 1];
    const letter = (k: number) => k === CharKind.Latin || k === CharKind.Digit;
    if (letter(before) && letter(after) && start[c + 1] === end[c]) breakAfter[c] = Brk.None;
  }
}

/** A title or a place's abbreviation and the name it goes before (the Rev. Michael, Dr. Aisha, St. Pierre, Mt. Vernon). */
const TITLE_BEFORE_NAME = new RegExp(`(?<![\\p{L}\\p{N}.])(?:${TITLES})\\.[ \\u00a0](?=\\p{Lu})`, 'gu');

/**
 * Keeps a title or a saint's or mountain's abbreviation on the line of the name it belongs to,
 * as a desk ties them with a no-break space: "the Rev." | "Michael Abernathy" and "Andre St." |
 * "Pierre" read as sentences ending in an abbreviation. The space still stretches.
 */
function keepTitlesWithNames(p: PreparedParagraph): void {
  if (!p.text.includes('. ') && !p.text.includes('.\u00a0')) return;
  tieSpaces(p, TITLE_BEFORE_NAME, (m) => m.index + m[0].length);
}

/**
 * No break at the space each match of `pattern` ends (`spaceEnd`: the offset after it), as a
 * no-break space typed there would do; the space still stretches. A cut of last resort may
 * still break there (lines.ts, emergencyBreak) when the tied words are wider than the line.
 */
function tieSpaces(p: PreparedParagraph, pattern: RegExp, spaceEnd: (m: RegExpExecArray) => number): void {
  const { text, n, end, breakAfter } = p;
  let c = 0;
  for (const m of text.matchAll(pattern)) {
    const after = spaceEnd(m);
    while (c < n && end[c] < after) c++;
    if (c < n && end[c] === after && breakAfter[c] === Brk.Allowed) breakAfter[c] = Brk.None;
  }
}

/**
 * A time and its a.m. or p.m. (4 a.m., 12:47 p.m.), a number and its unit (40 mph, 3 km,
 * 12 lb) or its magnitude ($1.2 billion, 40 million): no break at the space between them.
 * The US lead head printed "Transit board approves $1.2" | "billion rail line…", read as $1.2.
 */
const TIME_OF_DAY = /\d[ \u00a0](?:[ap]\.m\.|(?:mph|km|kg|lb|lbs|mm|cm|mi|mg|million|billion|trillion)(?![\p{L}\p{N}]))/gu;

/**
 * Keeps a time on one line with its a.m. or p.m., and a number with its unit, as a typesetter
 * ties them with a no-break space: "at 4" | "a.m." reads as a number and a stray abbreviation,
 * "up to 40" | "mph." as a number missing its unit. The space still stretches.
 */
function keepTimesWhole(p: PreparedParagraph): void {
  // Most Chinese paragraphs have no space at all: no regex over them (every paragraph of an
  // edition comes here).
  if (p.text.indexOf(' ') < 0 && p.text.indexOf('\u00a0') < 0) return;
  tieSpaces(p, TIME_OF_DAY, (m) => m.index + 2); // the digit and the space
}

/** Per provider, per Latin font chain (the styles share their faces' arrays), per language: the hyphen by size. */
const hyphenCache = new WeakMap<FontProvider, WeakMap<readonly FontId[], { zh: Map<number, PGlyph>; en: Map<number, PGlyph> }>>();

/** The hyphen drawn at a hyphenated line end, in the paragraph's Latin font. */
function hyphenGlyph(provider: FontProvider, style: TextStyle): PGlyph {
  const chain = style.bold ? style.face.bold.latin : style.face.regular.latin;
  // Looked up for every paragraph: no key string is built.
  let chains = hyphenCache.get(provider);
  if (!chains) hyphenCache.set(provider, (chains = new WeakMap()));
  let byLanguage = chains.get(chain);
  if (!byLanguage) chains.set(chain, (byLanguage = { zh: new Map(), en: new Map() }));
  const cache = style.language === 'zh' ? byLanguage.zh : byLanguage.en;
  const hit = cache.get(style.size);
  if (hit) return hit;
  const hy = shapeWithFallback(provider, chain, '-', { script: 'Latn', language: style.language === 'zh' ? 'zh-Hans' : 'en' });
  const hg = hy.runs[0]?.glyphs[0];
  const glyph: PGlyph = { font: hy.runs[0]?.font ?? chain[0], id: hg?.glyph ?? 0, advance: (hg?.advance ?? 0.33) * style.size, size: style.size };
  cache.set(style.size, glyph);
  return glyph;
}
