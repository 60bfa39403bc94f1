// Paragraph preparation: text + marks + style → clusters with widths, punctuation blanks,
// the spacing between neighbours, and where lines may break. Everything the line breakers
// need, computed once per paragraph and style and cached, so re-breaking a paragraph at a
// new measure (a frame resize) never shapes again.
import type { Mark } from '../model';
import type { FontId, FontProvider, ShapeOptions } from './font';
import { shapeWithFallback } from './fallback';
import { hyphenationPoints } from './hyphenate';
import { cjkBreakOpportunities } from './kinsoku';
import { CharKind, charKind, defaultBlanks, isCjkKind, isCjkPunct, isWestern } from './punct';
import { styleKey, type FontSet, type TextStyle } from './style';
import { breakOpportunities } from './uax14';

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
}

export interface PGlyph {
  font: FontId;
  id: number;
  /** Offset of the glyph origin from the cluster's left edge, in pt (before compression). */
  dx: number;
  dy: number;
  advance: number;
  size: number;
}

export interface Cluster {
  /** UTF-16 range in the paragraph text. */
  start: number;
  end: number;
  kind: CharKind;
  /** Natural width in pt, after context (adjacent-mark) compression. */
  width: number;
  /** How far the glyphs are shifted left because the left blank was squeezed (pt). */
  shift: number;
  /** Compressible blanks still present (pt). */
  blankL: number;
  blankR: number;
  /** Em size of this cluster's text (pt): sub/sup are smaller. */
  em: number;
  glyphs: PGlyph[];
}

export interface PreparedParagraph {
  text: string;
  style: TextStyle;
  clusters: Cluster[];
  gapAfter: Uint8Array;
  breakAfter: Uint8Array;
  /** Width of the hyphen glyph in pt, and the glyph itself. */
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
  const cuts = new Set<number>([0, text.length]);
  for (const m of marks ?? []) {
    cuts.add(Math.max(0, Math.min(text.length, m.start)));
    cuts.add(Math.max(0, Math.min(text.length, m.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Span[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const end = points[i + 1];
    if (start === end) continue;
    const active = (marks ?? []).filter((m) => m.start <= start && m.end >= end);
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

/** Kinds in the paragraph's language: in English text, curly quotes and dashes are Latin punctuation. */
function kindIn(ch: string, language: 'zh' | 'en'): CharKind {
  const k = charKind(ch);
  if (language === 'en' && isCjkKind(k) && k !== CharKind.Han) {
    // “Quotes”, em dashes and ellipses in English copy belong to the Latin font.
    if ('“”‘’—…–'.includes(ch)) return CharKind.Other;
  }
  return k;
}

const haltCache = new WeakMap<FontProvider, Map<string, { left: number; right: number }>>();

/**
 * The blank halves of a full-width mark, in em, from the font's `halt` feature when it
 * has one (the font knows where zh-Hans puts its ink), else from GB/T 15834 defaults.
 */
function punctBlanks(provider: FontProvider, font: FontId, text: string, kind: CharKind, language: string): { left: number; right: number } {
  let cache = haltCache.get(provider);
  if (!cache) haltCache.set(provider, (cache = new Map()));
  const key = `${font}\u0000${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const opts: ShapeOptions = { script: 'Hani', language };
  const full = provider.shape(font, text, opts);
  const half = provider.shape(font, text, { ...opts, features: { halt: true } });
  let result = defaultBlanks(kind);
  if (full.length === 1 && half.length === 1 && full[0].glyph !== 0) {
    const removed = full[0].advance - half[0].advance;
    if (removed > 0.05) {
      const left = Math.max(0, Math.min(removed, -(half[0].xOffset - full[0].xOffset)));
      result = { left, right: Math.max(0, removed - left) };
    }
  }
  cache.set(key, result);
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
  if (cache.size > PARAGRAPH_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return prepared;
}

const PARAGRAPH_CACHE_SIZE = 4000;
const paragraphCache = new WeakMap<FontProvider, Map<string, PreparedParagraph>>();

/** Forgets prepared paragraphs (benchmarks measure cold paragraph preparation with it). */
export function clearParagraphCache(provider: FontProvider): void {
  paragraphCache.delete(provider);
}

function prepareUncached(provider: FontProvider, { text, marks, style }: PrepareInput): PreparedParagraph {
  const size = style.size;
  const lang = style.language === 'zh' ? 'zh-Hans' : 'en';
  const clusters: Cluster[] = [];
  const missing: { offset: number; codePoint: number }[] = [];

  for (const span of spans(text, marks, style.bold)) {
    const set = fontSetFor(style, span);
    const em = span.script ? size * SCRIPT_SIZE : size;
    const dy = span.script === 'sub' ? SUB_SHIFT * size : span.script === 'sup' ? SUP_SHIFT * size : 0;
    // Runs of one font role: CJK kinds in the CJK chain, everything else in the Latin chain.
    let i = span.start;
    while (i < span.end) {
      const cjk = isCjkKind(kindIn(String.fromCodePoint(text.codePointAt(i) ?? 0), style.language));
      let j = i;
      while (j < span.end) {
        const cp = text.codePointAt(j) ?? 0;
        const ch = String.fromCodePoint(cp);
        if (isCjkKind(kindIn(ch, style.language)) !== cjk && j > i) break;
        j += ch.length;
      }
      const runText = text.slice(i, j);
      const chain = cjk ? set.cjk : set.latin;
      const shaped = shapeWithFallback(provider, chain, runText, {
        script: cjk ? 'Hani' : 'Latn',
        language: cjk ? 'zh-Hans' : lang,
      });
      for (const m of shaped.missing) missing.push({ offset: i + m.cluster, codePoint: m.codePoint });
      // Group glyphs into clusters by their source offset.
      type G = { font: FontId; id: number; cluster: number; advance: number; xOffset: number; yOffset: number };
      const glyphs: G[] = [];
      for (const run of shaped.runs) for (const g of run.glyphs) glyphs.push({ font: run.font, id: g.glyph, cluster: g.cluster, advance: g.advance, xOffset: g.xOffset, yOffset: g.yOffset });
      glyphs.sort((a, b) => a.cluster - b.cluster);
      let g = 0;
      while (g < glyphs.length) {
        const c0 = glyphs[g].cluster;
        let h = g;
        while (h < glyphs.length && glyphs[h].cluster === c0) h++;
        const cEnd = h < glyphs.length ? glyphs[h].cluster : runText.length;
        const start = i + c0;
        const end = i + cEnd;
        const first = String.fromCodePoint(text.codePointAt(start) ?? 0);
        const kind = kindIn(first, style.language);
        let x = 0;
        const pg: PGlyph[] = [];
        for (let k = g; k < h; k++) {
          const gl = glyphs[k];
          pg.push({ font: gl.font, id: gl.id, dx: x + gl.xOffset * em, dy: dy + gl.yOffset * em, advance: gl.advance * em, size: em });
          x += gl.advance * em;
        }
        let blankL = 0;
        let blankR = 0;
        if (isCjkPunct(kind) && pg.length === 1) {
          const b = punctBlanks(provider, pg[0].font, text.slice(start, end), kind, 'zh-Hans');
          blankL = b.left * em;
          blankR = b.right * em;
        }
        clusters.push({ start, end, kind, width: x, shift: 0, blankL, blankR, em, glyphs: pg });
        g = h;
      }
      i = j;
    }
  }

  const n = clusters.length;
  const gapAfter = new Uint8Array(n);
  const breakAfter = new Uint8Array(n);

  // Spacing between neighbours (clreq §3.2, §3.8).
  for (let c = 0; c + 1 < n; c++) {
    const a = clusters[c].kind;
    const b = clusters[c + 1].kind;
    if ((a === CharKind.Han && isWestern(b)) || (isWestern(a) && b === CharKind.Han)) gapAfter[c] = Gap.HanLatin;
    else if (a === CharKind.Dash && b === CharKind.Dash) gapAfter[c] = Gap.None;
    else if (isCjkKind(a) && isCjkKind(b)) gapAfter[c] = Gap.Cjk;
    else if ((isCjkKind(a) && b !== CharKind.Space) || (isCjkKind(b) && a !== CharKind.Space)) gapAfter[c] = Gap.Cjk;
    else gapAfter[c] = Gap.None;
  }

  // Two marks that meet take 1.5 em, squeezing toward the outside (clreq §3.1.6).
  for (let c = 0; c + 1 < n; c++) {
    const a = clusters[c];
    const b = clusters[c + 1];
    if (!isCjkPunct(a.kind) || !isCjkPunct(b.kind)) continue;
    const half = a.em / 2;
    if (a.blankR > 0 && (b.blankL > 0 || b.blankR > 0)) {
      const d = Math.min(a.blankR, half);
      a.width -= d;
      a.blankR -= d;
    } else if (b.blankL > 0) {
      const d = Math.min(b.blankL, half);
      b.width -= d;
      b.shift += d;
      b.blankL -= d;
    }
  }

  // Where lines may break: UAX #14, tailored by clreq kinsoku for Chinese.
  const opps = style.language === 'zh' ? cjkBreakOpportunities(text, style.kinsoku) : breakOpportunities(text);
  const clusterEndingAt = new Map<number, number>();
  for (let c = 0; c < n; c++) clusterEndingAt.set(clusters[c].end, c);
  for (const o of opps) {
    const c = clusterEndingAt.get(o.pos);
    if (c === undefined || c === n - 1) continue;
    breakAfter[c] = o.required ? Brk.Required : Brk.Allowed;
  }

  // Hyphenation points inside Latin words.
  if (style.hyphenate) {
    let c = 0;
    while (c < n) {
      if (clusters[c].kind !== CharKind.Latin) {
        c++;
        continue;
      }
      let d = c;
      while (d + 1 < n && clusters[d + 1].kind === CharKind.Latin && breakAfter[d] === Brk.None) d++;
      const start = clusters[c].start;
      const word = text.slice(start, clusters[d].end);
      if (word.length >= 5) {
        for (const p of hyphenationPoints(word)) {
          const at = clusterEndingAt.get(start + p);
          if (at !== undefined && at >= c && at < d && breakAfter[at] === Brk.None) breakAfter[at] = Brk.Hyphen;
        }
      }
      c = d + 1;
    }
  }

  const hy = shapeWithFallback(provider, style.bold ? style.face.bold.latin : style.face.regular.latin, '-', { script: 'Latn', language: lang });
  const hg = hy.runs[0]?.glyphs[0];
  const hyphen: PGlyph = {
    font: hy.runs[0]?.font ?? style.face.regular.latin[0],
    id: hg?.glyph ?? 0,
    dx: 0,
    dy: 0,
    advance: (hg?.advance ?? 0.33) * size,
    size,
  };

  return { text, style, clusters, gapAfter, breakAfter, hyphen, missing };
}
