// Line breaking and justification. Chinese paragraphs are broken line by line the clreq
// way — fill the line, "push in before push out" (squeeze punctuation to pull a character
// back), then justify by inter-character space — and a paragraph's last line is kept from
// holding a single Han character. Latin paragraphs use Knuth–Plass (see knuth-plass.ts),
// with a greedy fallback for huge paragraphs.
import type { FontId } from './font';
import { knuthPlass } from './knuth-plass';
import { Brk, Gap, type PreparedParagraph } from './prepare';
import { cannotEndLine, cannotStartLine } from './kinsoku';
import { CharKind } from './punct';

export interface LineGlyph {
  font: FontId;
  id: number;
  /** From the column's left edge, pt. */
  x: number;
  /** Baseline shift (sub/sup), pt, up positive. */
  dy: number;
  advance: number;
  size: number;
  /** UTF-16 offset of the glyph's cluster in the paragraph text. */
  cluster: number;
}

export interface SetLine {
  /** UTF-16 range of the paragraph text on this line (trailing spaces included). */
  start: number;
  end: number;
  text: string;
  /** Left edge of the set line from the column's left edge (indent, alignment), pt. */
  x: number;
  /** Width of the set line, pt. */
  width: number;
  /** Width available to the line (column width less indent), pt. */
  measure: number;
  /** Stretched or squeezed to exactly the measure. */
  justified: boolean;
  /** The paragraph's final line. */
  last: boolean;
  /** Ends in a hyphen that is not in the text. */
  hyphenated: boolean;
  glyphs: LineGlyph[];
}

/** A break: the line ends after cluster `end` (inclusive). */
export interface LineBreak {
  end: number;
  hyphen: boolean;
}

/** Paragraphs with more clusters than this are broken greedily (Knuth–Plass is quadratic-ish). */
export const KP_MAX_CLUSTERS = 20_000;

/** Breaks a prepared paragraph into lines of the given measure (pt) and sets them. */
export function setParagraph(p: PreparedParagraph, measure: number): SetLine[] {
  const n = p.clusters.length;
  if (n === 0) return [];
  const breaks = chooseBreaks(p, measure);
  const lines: SetLine[] = [];
  let a = 0;
  breaks.forEach((b, i) => {
    const first = i === 0;
    const last = i === breaks.length - 1;
    lines.push(setLine(p, a, b.end, measure, first, last, b.hyphen));
    a = b.end + 1;
  });
  return lines;
}

export function chooseBreaks(p: PreparedParagraph, measure: number): LineBreak[] {
  if (p.style.language === 'en' && p.clusters.length <= KP_MAX_CLUSTERS) {
    const kp = knuthPlass(p, measure, (first) => lineMeasure(p, measure, first));
    if (kp) return kp;
  }
  const breaks = greedyBreaks(p, measure);
  if (p.style.avoidRunt) avoidRunt(p, measure, breaks);
  return breaks;
}

export function lineMeasure(p: PreparedParagraph, measure: number, first: boolean): number {
  return first ? measure - p.style.indent * p.style.size : measure;
}

// ---------------------------------------------------------------------------------------
// Natural width and squeezability of a candidate line, from prefix sums.

interface Sums {
  /** Σ cluster widths up to (excluding) i. */
  width: Float64Array;
  /** Σ natural gap widths after clusters up to (excluding) i. */
  gap: Float64Array;
  /** Σ squeezable amount (punctuation blanks, Han–Latin gap, word space) up to (excluding) i. */
  shrink: Float64Array;
}

const sumsCache = new WeakMap<PreparedParagraph, Sums>();

function hanLatinGap(p: PreparedParagraph): number {
  return p.style.size / 4;
}

function spaceShrink(p: PreparedParagraph, w: number): number {
  return p.style.language === 'en' ? w / 3 : Math.max(0, w - p.style.size / 4);
}

function sums(p: PreparedParagraph): Sums {
  const hit = sumsCache.get(p);
  if (hit) return hit;
  const n = p.clusters.length;
  const width = new Float64Array(n + 1);
  const gap = new Float64Array(n + 1);
  const shrink = new Float64Array(n + 1);
  const q = hanLatinGap(p);
  for (let i = 0; i < n; i++) {
    const c = p.clusters[i];
    width[i + 1] = width[i] + c.width;
    const g = p.gapAfter[i] === Gap.HanLatin ? q : 0;
    gap[i + 1] = gap[i] + g;
    let s = c.blankL + c.blankR;
    if (p.gapAfter[i] === Gap.HanLatin) s += q / 2;
    if (c.kind === CharKind.Space) s += spaceShrink(p, c.width);
    shrink[i + 1] = shrink[i] + s;
  }
  const result = { width, gap, shrink };
  sumsCache.set(p, result);
  return result;
}

/** Index of the last non-space cluster in [a, e], or a-1. */
function lastInk(p: PreparedParagraph, a: number, e: number): number {
  let k = e;
  while (k >= a && p.clusters[k].kind === CharKind.Space) k--;
  return k;
}

/** Natural width of clusters a..e set as one line (line-edge rules applied). */
function natural(p: PreparedParagraph, s: Sums, a: number, e: number, hyphen: boolean): { width: number; shrink: number } {
  const k = lastInk(p, a, e);
  if (k < a) return { width: 0, shrink: 0 };
  // Trailing spaces hang; the gap after the last ink cluster is not set.
  let width = s.width[k + 1] - s.width[a] + (s.gap[k] - s.gap[a]);
  let shrink = s.shrink[k + 1] - s.shrink[a];
  const last = p.clusters[k];
  // Half width at line end: the closing mark's blank goes.
  width -= last.blankR;
  shrink -= last.blankR;
  if (p.gapAfter[k] === Gap.HanLatin) shrink -= hanLatinGap(p) / 2;
  if (hyphen) width += p.hyphen.advance;
  return { width, shrink: Math.max(0, shrink) };
}

// ---------------------------------------------------------------------------------------
// Greedy (clreq) breaking.

function greedyBreaks(p: PreparedParagraph, measure: number): LineBreak[] {
  const n = p.clusters.length;
  const s = sums(p);
  const breaks: LineBreak[] = [];
  let a = 0;
  while (a < n) {
    const m = lineMeasure(p, measure, breaks.length === 0);
    let fit: LineBreak | null = null;
    let chosen: LineBreak | null = null;
    for (let e = a; e < n; e++) {
      const kind = e === n - 1 ? Brk.Required : p.breakAfter[e];
      if (kind === Brk.None) continue;
      const hyphen = kind === Brk.Hyphen;
      const nat = natural(p, s, a, e, hyphen);
      if (nat.width <= m + 1e-9) {
        fit = { end: e, hyphen };
        if (kind === Brk.Required) {
          chosen = fit;
          break;
        }
        continue;
      }
      // Push in before push out: squeeze to keep this segment on the line if possible.
      if (nat.width - nat.shrink <= m + 1e-9) chosen = { end: e, hyphen };
      else chosen = fit ?? emergencyBreak(p, s, a, e, m);
      break;
    }
    const b = chosen ?? fit ?? { end: n - 1, hyphen: false };
    breaks.push(b);
    a = b.end + 1;
  }
  return breaks;
}

/**
 * Nothing fits at a break opportunity: cut the segment between clusters (an overlong word or
 * number), at the last cut that still respects kinsoku; with no such cut, the line is overfull.
 */
function emergencyBreak(p: PreparedParagraph, s: Sums, a: number, limit: number, m: number): LineBreak {
  const level = p.style.kinsoku;
  const legal = (e: number) => {
    const next = p.clusters[e + 1];
    if (!next) return true;
    return !cannotStartLine(p.text.codePointAt(next.start) ?? 0, level) && !cannotEndLine(p.text.codePointAt(p.clusters[e].end - 1) ?? 0, level);
  };
  let best = -1;
  for (let e = a; e < limit && natural(p, s, a, e, false).width <= m; e++) if (legal(e)) best = e;
  if (best >= 0) return { end: best, hyphen: false };
  let e = a;
  while (e < limit && !legal(e)) e++;
  return { end: e, hyphen: false };
}

/**
 * clreq: the last line should hold at least two Han characters. Pull the lone character up
 * onto the line before (by squeezing it) or, failing that, push one more segment down.
 */
function avoidRunt(p: PreparedParagraph, measure: number, breaks: LineBreak[]): void {
  if (breaks.length < 2) return;
  const s = sums(p);
  const lastStart = breaks[breaks.length - 2].end + 1;
  const n = p.clusters.length;
  let han = 0;
  for (let i = lastStart; i < n; i++) if (p.clusters[i].kind === CharKind.Han) han++;
  const hasOther = p.clusters.slice(lastStart).some((c) => c.kind === CharKind.Latin || c.kind === CharKind.Digit);
  if (han !== 1 || hasOther) return;
  const prevStart = breaks.length > 2 ? breaks[breaks.length - 3].end + 1 : 0;
  const m = lineMeasure(p, measure, breaks.length === 2);
  const merged = natural(p, s, prevStart, n - 1, false);
  if (merged.width - merged.shrink <= m + 1e-9) {
    breaks.splice(breaks.length - 2, 1);
    return;
  }
  // Push down: end the previous line at its previous opportunity.
  for (let e = breaks[breaks.length - 2].end - 1; e > prevStart; e--) {
    const kind = p.breakAfter[e];
    if (kind === Brk.Allowed || kind === Brk.Required) {
      breaks[breaks.length - 2] = { end: e, hyphen: false };
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------
// Setting a line: squeeze or stretch to the measure, position every glyph.

const enum Slot {
  Space = 0,
  HanLatin = 1,
  Cjk = 2,
}

export function setLine(p: PreparedParagraph, a: number, e: number, measure: number, first: boolean, last: boolean, hyphen: boolean): SetLine {
  const style = p.style;
  const size = style.size;
  const m = lineMeasure(p, measure, first);
  const k = lastInk(p, a, e);
  const count = e - a + 1;
  // Per cluster: width as set, left squeeze (shifts glyphs), and the gap after it.
  const w = new Float64Array(count);
  const left = new Float64Array(count);
  const gap = new Float64Array(count);
  const gapKind = new Int8Array(count).fill(-1);
  for (let i = 0; i < count; i++) {
    const c = p.clusters[a + i];
    w[i] = a + i > k ? 0 : c.width;
    left[i] = c.shift;
    if (a + i < k) {
      const g = p.gapAfter[a + i];
      if (g === Gap.HanLatin) {
        gap[i] = size / 4;
        gapKind[i] = Slot.HanLatin;
      } else if (g === Gap.Cjk) gapKind[i] = Slot.Cjk;
    }
  }
  const lastIdx = k - a;
  // Squeezable blanks still present on each cluster.
  const bl = new Float64Array(count);
  const br = new Float64Array(count);
  for (let i = 0; i <= lastIdx; i++) {
    bl[i] = p.clusters[a + i].blankL;
    br[i] = p.clusters[a + i].blankR;
  }
  if (lastIdx >= 0) {
    // Half width at line end.
    w[lastIdx] -= br[lastIdx];
    br[lastIdx] = 0;
  }
  const hyphenWidth = hyphen ? p.hyphen.advance : 0;
  const total = () => {
    let t = hyphenWidth;
    for (let i = 0; i < count; i++) t += w[i] + gap[i];
    return t;
  };
  let width = total();
  let justified = false;
  const isSpace = (i: number) => p.clusters[a + i].kind === CharKind.Space && i < lastIdx;

  if (width > m + 1e-9) {
    // Squeeze, in clreq order.
    let need = width - m;
    const stage = (caps: Float64Array, apply: (i: number, d: number) => void) => {
      if (need <= 1e-12) return;
      let cap = 0;
      for (let i = 0; i < count; i++) cap += caps[i];
      if (cap <= 0) return;
      const f = Math.min(1, need / cap);
      for (let i = 0; i < count; i++) if (caps[i] > 0) apply(i, caps[i] * f);
      need -= cap * f;
    };
    const caps = new Float64Array(count);
    const fill = (fn: (i: number) => number) => {
      for (let i = 0; i < count; i++) caps[i] = i <= lastIdx ? fn(i) : 0;
      return caps;
    };
    const squeezePunct = (i: number, d: number) => {
      const total = bl[i] + br[i];
      const dl = total > 0 ? (d * bl[i]) / total : 0;
      w[i] -= d;
      left[i] += dl;
      bl[i] -= dl;
      br[i] -= d - dl;
    };
    const kindAt = (i: number) => p.clusters[a + i].kind;
    stage(fill((i) => (isSpace(i) ? spaceShrink(p, w[i]) : 0)), (i, d) => (w[i] -= d));
    stage(
      fill((i) => (kindAt(i) === CharKind.Middle || kindAt(i) === CharKind.Opening || kindAt(i) === CharKind.Closing || kindAt(i) === CharKind.Pause ? bl[i] + br[i] : 0)),
      squeezePunct,
    );
    stage(fill((i) => (gapKind[i] === Slot.HanLatin ? size / 8 : 0)), (i, d) => (gap[i] -= d));
    stage(fill((i) => (kindAt(i) === CharKind.Stop ? bl[i] + br[i] : 0)), squeezePunct);
    width = total();
    justified = Math.abs(width - m) < 0.005;
  } else if (style.align === 'justify' && !last && width < m - 1e-9) {
    let extra = m - width;
    const spaces: number[] = [];
    const hanLatin: number[] = [];
    const slots: number[] = [];
    for (let i = 0; i < count; i++) {
      if (isSpace(i)) {
        spaces.push(i);
        slots.push(i);
      } else if (gapKind[i] === Slot.HanLatin) {
        hanLatin.push(i);
        slots.push(i);
      } else if (gapKind[i] === Slot.Cjk) slots.push(i);
    }
    if (style.language === 'en') {
      // Knuth–Plass chose the breaks; spaces take all the stretch (letters are never spaced).
      if (spaces.length) {
        for (const i of spaces) w[i] += extra / spaces.length;
        extra = 0;
      }
    } else {
      // Word spaces up to ½ em, Han–Latin gaps up to ⅓ em, then even inter-character space.
      const grow = (list: number[], cap: (i: number) => number, add: (i: number, d: number) => void) => {
        let c = 0;
        for (const i of list) c += cap(i);
        if (c <= 0 || extra <= 0) return;
        const f = Math.min(1, extra / c);
        for (const i of list) add(i, cap(i) * f);
        extra -= c * f;
      };
      grow(spaces, (i) => Math.max(0, size / 2 - w[i]), (i, d) => (w[i] += d));
      grow(hanLatin, () => size / 3 - size / 4, (i, d) => (gap[i] += d));
      if (extra > 0 && slots.length) {
        const d = extra / slots.length;
        for (const i of slots) {
          if (isSpace(i)) w[i] += d;
          else gap[i] += d;
        }
        extra = 0;
      }
    }
    width = total();
    justified = extra === 0 && Math.abs(width - m) < 0.005;
  } else {
    justified = Math.abs(width - m) < 0.005 && style.align === 'justify' && !last;
  }

  const indent = first ? style.indent * size : 0;
  const align = justified ? 'left' : last || style.align === 'justify' ? style.lastAlign : style.align;
  const free = Math.max(0, m - width);
  const x0 = indent + (align === 'center' ? free / 2 : align === 'right' ? free : 0);
  const glyphs: LineGlyph[] = [];
  let x = x0;
  for (let i = 0; i < count; i++) {
    const c = p.clusters[a + i];
    if (a + i <= k) {
      for (const g of c.glyphs) {
        glyphs.push({ font: g.font, id: g.id, x: x + g.dx - left[i], dy: g.dy, advance: g.advance, size: g.size, cluster: c.start });
      }
    }
    x += w[i] + gap[i];
  }
  if (hyphen) {
    const h = p.hyphen;
    glyphs.push({ font: h.font, id: h.id, x, dy: 0, advance: h.advance, size: h.size, cluster: p.clusters[e].end });
  }
  const start = p.clusters[a].start;
  const end = p.clusters[e].end;
  return { start, end, text: p.text.slice(start, end), x: x0, width, measure: m, justified, last, hyphenated: hyphen, glyphs };
}
