// Line breaking and justification. Chinese paragraphs are broken line by line the clreq
// way — fill the line, "push in before push out" (squeeze punctuation to pull a character
// back), then justify by inter-character space — and a paragraph's last line is kept from
// holding a single Han character. Latin paragraphs use Knuth–Plass (see knuth-plass.ts),
// with a greedy fallback for huge paragraphs.
import type { FontId } from './font';
import { isLetterGap, knuthPlass, LETTER_STRETCH, letterUnits, SPACE_STRETCH, stretchRatio } from './knuth-plass';
import { Brk, Gap, inAddress, isHyphenBreak, type PreparedParagraph } from './prepare';
import { hyphenationPoints } from './hyphenate';
import { cannotEndLine, cannotStartLine } from './kinsoku';
import { CharKind, isFullwidthAlnum, isHan, isLineEndBlank } from './punct';

/**
 * Glyphs of one font and size on a line, as parallel arrays (compact in memory and JSON).
 * x is from the line's left edge (SetLine.x / LaidLine.x), pt.
 */
export interface GlyphRun {
  font: FontId;
  /** Point size. */
  size: number;
  /** Baseline shift (sub/sup), pt, up positive. */
  dy: number;
  ids: number[];
  /** Pen x of each glyph, pt from the line's x. (Advances are the font's: nothing downstream needs them per glyph.) */
  xs: number[];
  /** UTF-16 offset of each glyph's cluster in the paragraph text. */
  clusters: number[];
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
  /**
   * What stretching to the measure gave the line, in ems of its size (both 0 when it was not
   * stretched: a line that fitted or was squeezed, a last line, a line set flush left or
   * centred). `wordSpace`: its word spaces as set, their mean (0 when it has none);
   * `letterSpace`: the space added between two characters (Chinese inter-character space,
   * English tracking). Preflight's loose-line warning reads them.
   */
  wordSpace: number;
  letterSpace: number;
  /** The glyphs to draw, in runs of one font, size and baseline. */
  runs: GlyphRun[];
  /**
   * Horizontal scale the glyphs are drawn at (长体: a Chinese head line narrowed to fit, 0.85–
   * 0.975); absent on every other line. x, width, measure and the runs' xs are already what the
   * line takes on the page; only the glyphs' own shapes are drawn this much narrower.
   */
  hscale?: number;
}

/** A break: the line ends after cluster `end` (inclusive). */
export interface LineBreak {
  end: number;
  hyphen: boolean;
}

/** Paragraphs with more clusters than this are broken greedily (Knuth–Plass is quadratic-ish). */
export const KP_MAX_CLUSTERS = 20_000;

/**
 * Breaks a prepared paragraph into lines of the given measure (pt) and sets them.
 * `noHyphenLine`: a 0-based line that may not end in a drawn hyphen (the last line before a
 * jump: the reader would turn pages in mid-word); honoured by Knuth–Plass, when it can be.
 */
export function setParagraph(p: PreparedParagraph, measure: number, noHyphenLine = -1): SetLine[] {
  if (p.n === 0) return [];
  const breaks = chooseBreaks(p, measure, noHyphenLine);
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

export function chooseBreaks(p: PreparedParagraph, measure: number, noHyphenLine = -1): LineBreak[] {
  let greedy: LineBreak[] | null = null;
  const fallback = (): LineBreak[] => {
    if (greedy) return greedy;
    greedy = greedyBreaks(p, measure);
    if (p.style.avoidRunt) avoidRunt(p, measure, greedy);
    return greedy;
  };
  if (p.style.language === 'en' && p.n <= KP_MAX_CLUSTERS) {
    // Knuth–Plass's final pass is kept unless it opens wider word spaces than the greedy
    // breaker's loosest line: "ms for the broadsheet's" in 9 em came out "ms for" with 5 em
    // spaces where the greedy breaker sets "ms for the" (1.8 em) | "broadsheet's" flush left.
    const kp = knuthPlass(p, (first) => lineMeasure(p, measure, first), noHyphenLine, (breaks) => loosestSpace(p, measure, breaks) <= loosestSpace(p, measure, fallback()) + 1e-9);
    if (kp) return kp;
  }
  return fallback();
}

/** The widest word space of a paragraph's lines set at these breaks, in ems. */
function loosestSpace(p: PreparedParagraph, measure: number, breaks: LineBreak[]): number {
  let loosest = 0;
  let a = 0;
  breaks.forEach((b, i) => {
    const line = setLine(p, a, b.end, measure, i === 0, i === breaks.length - 1, b.hyphen);
    loosest = Math.max(loosest, line.wordSpace);
    a = b.end + 1;
  });
  return loosest;
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
  const n = p.n;
  const width = new Float64Array(n + 1);
  const gap = new Float64Array(n + 1);
  const shrink = new Float64Array(n + 1);
  const q = hanLatinGap(p);
  for (let i = 0; i < n; i++) {
    width[i + 1] = width[i] + p.width[i];
    const g = p.gapAfter[i] === Gap.HanLatin ? q : 0;
    gap[i + 1] = gap[i] + g;
    let s = p.blankL[i] + p.blankR[i];
    if (p.gapAfter[i] === Gap.HanLatin) s += q / 2;
    if (p.kind[i] === CharKind.Space) s += spaceShrink(p, p.width[i]);
    shrink[i + 1] = shrink[i] + s;
  }
  const result = { width, gap, shrink };
  sumsCache.set(p, result);
  return result;
}

/** Index of the last non-space cluster in [a, e], or a-1. */
function lastInk(p: PreparedParagraph, a: number, e: number): number {
  let k = e;
  while (k >= a && isLineEndBlank(p.kind[k])) k--;
  return k;
}

/** Natural width of clusters a..e set as one line (line-edge rules applied). */
function naturalWidth(p: PreparedParagraph, s: Sums, a: number, e: number, hyphen: boolean): number {
  const k = lastInk(p, a, e);
  if (k < a) return 0;
  // Trailing spaces hang; the gap after the last ink cluster is not set; half width at line
  // end: the closing mark's blank goes.
  const width = s.width[k + 1] - s.width[a] + (s.gap[k] - s.gap[a]) - p.blankR[k];
  return hyphen ? width + p.hyphen.advance : width;
}

/** How much clusters a..e set as one line can be squeezed (line-edge rules applied). */
function naturalShrink(p: PreparedParagraph, s: Sums, a: number, e: number): number {
  const k = lastInk(p, a, e);
  if (k < a) return 0;
  let shrink = s.shrink[k + 1] - s.shrink[a] - p.blankR[k];
  if (p.gapAfter[k] === Gap.HanLatin) shrink -= hanLatinGap(p) / 2;
  return Math.max(0, shrink);
}

// ---------------------------------------------------------------------------------------
// Greedy (clreq) breaking. Written without objects per candidate: it runs for every
// cluster of an edition.

function greedyBreaks(p: PreparedParagraph, measure: number): LineBreak[] {
  const n = p.n;
  const s = sums(p);
  const breaks: LineBreak[] = [];
  // A line pushed out short by more than this a cluster may be loose (easeLooseLines: justified
  // Chinese only; Infinity otherwise).
  const ease = p.style.language === 'zh' && p.style.align === 'justify' ? RUNT_MAX_STRETCH * p.style.size : Infinity;
  let loose = false;
  let a = 0;
  while (a < n) {
    const m = lineMeasure(p, measure, breaks.length === 0);
    // The last break that fits (-1: none yet) and its width, and the break chosen.
    let fit = -1;
    let fitWidth = 0;
    let fitHyphen = false;
    let end = -1;
    let hyphen = false;
    for (let e = a; e < n; e++) {
      const kind = e === n - 1 ? Brk.Required : p.breakAfter[e];
      if (kind === Brk.None) continue;
      const h = isHyphenBreak(kind);
      const width = naturalWidth(p, s, a, e, h);
      if (width <= m + 1e-9) {
        fit = e;
        fitHyphen = h;
        if (kind === Brk.Required) {
          end = e;
          hyphen = h;
          break;
        }
        continue;
      }
      // Push in before push out: squeeze to keep this segment on the line if possible.
      if (width - naturalShrink(p, s, a, e) <= m + 1e-9) {
        end = e;
        hyphen = h;
      } else if (fit >= 0 && !((fitWidth = naturalWidth(p, s, a, fit, fitHyphen)) < m / 2 && naturalWidth(p, s, fit + 1, e, h) > measure)) {
        end = fit;
        hyphen = fitHyphen;
        if (m - fitWidth > ease * (fit - a)) loose = true;
      } else {
        // Nothing fits, or what fits leaves the line less than half full before a segment too
        // wide for any line (号 | ISBN978-7-5327-1234-5): cut that segment here, filling the line.
        ({ end, hyphen } = emergencyBreak(p, s, a, e, m));
      }
      break;
    }
    // The last cluster is a required break, so the loop always chose one.
    breaks.push({ end, hyphen });
    a = end + 1;
  }
  if (loose) easeLooseLines(p, measure, breaks);
  return breaks;
}

/**
 * Nothing fits at a break opportunity: cut the segment between clusters (an overlong word or
 * number) where it still respects kinsoku, preferring, among the cuts that fit, one right
 * after a "-" or "/" or before a "." (978-7-02-|000220-7, example|.com), then the last
 * hyphenation point of a Latin word, with the hyphen drawn (comprehen-|sive), then the last
 * cut at all — inside a word with a hyphen drawn when it fits (a word wider than the measure
 * and its syllables: notwi-|thstand-|ing at 4 em). Where no hyphen may be drawn (an address),
 * a "-", "/", "@" or "." cut that leaves the line short comes before a cut between two letters.
 * Before all of these, the last tie the line holds: a word space with no break opportunity
 * (40 mph, Dr. Aisha, 4 a.m.: prepare.ts; an author's no-break space stays one), which holds only while its words fit a
 * line; wider than the measure, they part there rather than be cut as one overlong word
 * (40 m-|ph, Dr. Aish-|a, 4 a|.m.). With no legal cut the line is overfull.
 * A cut never falls inside a —— or …… (splitsPair), at any kinsoku level.
 */
function emergencyBreak(p: PreparedParagraph, s: Sums, a: number, limit: number, m: number): LineBreak {
  const level = p.style.kinsoku;
  const cpAt = (i: number) => (i >= 0 ? (p.text.codePointAt(i) ?? -1) : -1);
  // The line ends, as the reader sees it, at its last ink (（　: the ideographic space hangs).
  const kinsokuOk = (e: number) => {
    if (e + 1 >= p.n) return true;
    const ink = lastInk(p, a, e);
    const end = ink >= a ? p.end[ink] : p.end[e];
    return !cannotStartLine(cpAt(p.start[e + 1]), level) && !cannotEndLine(cpAt(end - 1), level, cpAt(end - 2), cpAt(p.start[e + 1]));
  };
  const legal = (e: number) => kinsokuOk(e) && !splitsPair(p, e);
  const points = latinHyphenPoints(p, a, limit);
  let best = -1;
  let dash = -1;
  // A preferred cut that leaves the line less than half full: still better than a cut between
  // two letters of an address, where no hyphen may be drawn (at www | .downtownriverton, not
  // at www.downtownrivert | on.example).
  let shortDash = -1;
  let hyph = -1;
  let inWord = -1;
  let tie = -1;
  // A run of —— or …… longer than the line: between two pairs, even where kinsoku forbids
  // a mark to start the line (strict), rather than no cut at all.
  let betweenPairs = -1;
  for (let e = a; e < limit && naturalWidth(p, s, a, e, false) <= m; e++) {
    if (splitsPair(p, e)) continue;
    if (!kinsokuOk(e)) {
      if (e > a && sameMarkAcross(p.text, p.end[e])) betweenPairs = e;
      continue;
    }
    best = e;
    // A tie is let go only when its words are the segment too wide: with a break opportunity
    // after it (12 lb | www.downtownriverton…), the segment to cut is another.
    if (p.kind[e] === CharKind.Space && p.breakAfter[e] === Brk.None && p.text.charCodeAt(p.start[e]) === 0x20 && e > a) tie = e;
    else if (p.breakAfter[e] !== Brk.None) tie = -1;
    const last = p.text.charCodeAt(p.end[e] - 1);
    const next = p.text.charCodeAt(p.end[e]);
    const preferred = (last === 0x2d || last === 0x2f || last === 0x40 || next === 0x2e) && e > a;
    // The preferred cuts only while they leave the line at least half full.
    if (naturalWidth(p, s, a, e, false) < m / 2) {
      if (preferred) shortDash = e;
      continue;
    }
    if (preferred) dash = e;
    const hyphenFits = naturalWidth(p, s, a, e, true) <= m + 1e-9;
    if (points.has(e) && hyphenFits) hyph = e;
    if (p.kind[e] === CharKind.Latin && p.kind[e + 1] === CharKind.Latin && hyphenFits && e > a && !inAddressAround(p, e)) inWord = e;
  }
  if (tie >= 0) return { end: tie, hyphen: false };
  if (dash >= 0) return { end: dash, hyphen: false };
  if (hyph >= 0) return { end: hyph, hyphen: true };
  const insideWord = best >= 0 && best + 1 < p.n && p.kind[best] === CharKind.Latin && p.kind[best + 1] === CharKind.Latin;
  if (insideWord && inWord >= 0) return { end: inWord, hyphen: true };
  if (insideWord && shortDash >= 0) return { end: shortDash, hyphen: false };
  if (best >= 0) return { end: best, hyphen: false };
  if (betweenPairs >= 0) return { end: betweenPairs, hyphen: false };
  let e = a;
  while (e < limit && !legal(e)) e++;
  return { end: e, hyphen: false };
}

/** Whether the same dash or ellipsis stands on both sides of text offset `at`. */
function sameMarkAcross(text: string, at: number): boolean {
  const ch = text.charCodeAt(at);
  return (ch === 0x2026 || ch === 0x2014 || ch === 0x22ef) && text.charCodeAt(at - 1) === ch;
}

/**
 * Whether a cut after cluster e falls inside a —— or …… (two dashes or ellipses make one mark;
 * in a run of four, the cut may fall after the second): never, at any kinsoku level. Where the
 * font set several marks as one glyph (a 2- or 3-em dash), its clusters are whole already and
 * a cut between them is the font's own grouping.
 */
function splitsPair(p: PreparedParagraph, e: number): boolean {
  if (e + 1 >= p.n) return false;
  const at = p.end[e];
  if (!sameMarkAcross(p.text, at) || at - p.start[e] > 1 || p.end[e + 1] - p.start[e + 1] > 1) return false;
  const ch = p.text.charCodeAt(at);
  let run = 0;
  for (let i = at - 1; i >= 0 && p.text.charCodeAt(i) === ch; i--) run++;
  return run % 2 === 1;
}

/** Whether the run of letters around cluster e belongs to an address or a code (inAddress). */
function inAddressAround(p: PreparedParagraph, e: number): boolean {
  let c = e;
  while (c > 0 && p.kind[c - 1] === CharKind.Latin) c--;
  let d = e;
  while (d + 1 < p.n && p.kind[d + 1] === CharKind.Latin) d++;
  return inAddress(p.text, p.start[c], p.end[d]);
}

/** Clusters in a..limit after which a Latin word may be hyphenated (Liang, en-US), whatever the paragraph's hyphenation setting: the last resort for a word wider than the measure. */
function latinHyphenPoints(p: PreparedParagraph, a: number, limit: number): Set<number> {
  const out = new Set<number>();
  let c = a;
  while (c <= limit) {
    if (p.kind[c] !== CharKind.Latin) {
      c++;
      continue;
    }
    let d = c;
    while (d + 1 < p.n && p.kind[d + 1] === CharKind.Latin) d++;
    const word = p.text.slice(p.start[c], p.end[d]);
    if (!inAddress(p.text, p.start[c], p.end[d])) {
      for (const h of hyphenationPoints(word)) {
        for (let k = c; k < d; k++) if (p.end[k] - p.start[c] === h) out.add(k);
      }
    }
    c = d + 1;
  }
  return out;
}

/**
 * clreq: the last line should hold at least two Han characters — not one (子), not only marks
 * (……, ——, 。), not one and a mark (呀～). Pull the last line up onto the line before (by
 * squeezing) or, failing that, push text down: end the line before earlier, or, when that
 * would leave it too loose, end each of the two lines before one segment earlier, so the
 * stretch is shared. A pushed line is never looser than RUNT_MAX_STRETCH per gap (a
 * typesetter takes a short last line over a line spaced out by a third of an em) and the new
 * last line must fit the measure. A last line with Latin letters or digits (full-width ones
 * too) is left alone.
 */
function avoidRunt(p: PreparedParagraph, measure: number, breaks: LineBreak[]): void {
  if (breaks.length < 2) return;
  const s = sums(p);
  const n = p.n;
  const lastHan = (from: number) => {
    let han = 0;
    for (let i = from; i < n; i++) {
      if (p.kind[i] === CharKind.Latin || p.kind[i] === CharKind.Digit) return 2;
      const cp = p.text.codePointAt(p.start[i]) ?? 0;
      if (isFullwidthAlnum(cp)) return 2;
      if (isHan(cp)) han++;
    }
    return han;
  };
  const L = breaks.length;
  if (lastHan(breaks[L - 2].end + 1) >= 2) return;
  const startOf = (line: number) => (line > 0 ? breaks[line - 1].end + 1 : 0);
  const prevStart = startOf(L - 2);
  const m = lineMeasure(p, measure, L === 2);
  if (naturalWidth(p, s, prevStart, n - 1, false) - naturalShrink(p, s, prevStart, n - 1) <= m + 1e-9) {
    breaks.splice(L - 2, 1);
    return;
  }
  const maxStretch = RUNT_MAX_STRETCH * p.style.size;
  const canEnd = (e: number) => p.breakAfter[e] === Brk.Allowed || p.breakAfter[e] === Brk.Required;
  // Line `line` set from a to e: it fits (squeezed if need be) and none of the gaps the stretch
  // widens takes more than RUNT_MAX_STRETCH. A line with no such gap is never pushed short.
  const fits = (line: number, a: number, e: number) => stretchPerGap(p, s, measure, line, a, e) <= maxStretch;
  const lastFits = (a: number) => naturalWidth(p, s, a, n - 1, false) - naturalShrink(p, s, a, n - 1) <= measure + 1e-9;
  // One line before the last, from `a`: its latest end before `before` that leaves a good last line.
  const pushOne = (a: number, before: number): number => {
    for (let e = before - 1; e > a; e--) {
      if (!canEnd(e)) continue;
      if (!fits(L - 2, a, e)) {
        if (naturalWidth(p, s, a, e, false) < lineMeasure(p, measure, L === 2)) break; // earlier ends are looser still
        continue;
      }
      if (lastFits(e + 1) && lastHan(e + 1) >= 2) return e;
    }
    return -1;
  };
  const one = pushOne(prevStart, breaks[L - 2].end);
  if (one >= 0) {
    breaks[L - 2] = { end: one, hyphen: false };
    return;
  }
  if (L < 3) return;
  // Two lines share it: the one before ends a segment earlier, the last-but-one where it can.
  const start2 = startOf(L - 3);
  for (let e2 = breaks[L - 3].end - 1; e2 > start2; e2--) {
    if (!canEnd(e2)) continue;
    if (!fits(L - 3, start2, e2)) break;
    const e1 = pushOne(e2 + 1, breaks[L - 2].end + 1);
    if (e1 >= 0) {
      breaks[L - 3] = { end: e2, hyphen: false };
      breaks[L - 2] = { end: e1, hyphen: false };
      return;
    }
  }
}

/**
 * Greedy breaking fills each line and leaves what does not fit to the next, so a line before a
 * unit that cannot be split (a number, a Latin word, a mark kinsoku keeps with it) may end far
 * short and be spaced out: the demo printed 改 建 筑 工 地 扬 尘 问 题 at 0.28 em, 2736处次 not
 * fitting after it. A typesetter brings the last character of the line before down instead
 * (推出), sharing the white between the two lines. So: a line (not a paragraph's last) that
 * stretching would space more than RUNT_MAX_STRETCH per gap takes the end of the line before
 * when that leaves the line before within RUNT_MAX_STRETCH and both lines closer than this one
 * was; the line keeps its end. Lines are looked at in order, once each.
 */
function easeLooseLines(p: PreparedParagraph, measure: number, breaks: LineBreak[]): void {
  if (breaks.length < 3) return;
  let s: Sums | null = null;
  const limit = RUNT_MAX_STRETCH * p.style.size;
  const canEnd = (e: number) => p.breakAfter[e] === Brk.Allowed;
  const word = (k: number) => k === CharKind.Latin || k === CharKind.Digit || k === CharKind.Other || k === CharKind.Connector;
  for (let k = 1; k < breaks.length - 1; k++) {
    if (breaks[k - 1].hyphen || breaks[k].hyphen) continue;
    const a1 = k > 1 ? breaks[k - 2].end + 1 : 0;
    const a = breaks[k - 1].end + 1;
    const e = breaks[k].end;
    s ??= sums(p);
    // A line has at most e − a gaps: one short by less than the limit for each is not loose
    // (most lines; their gaps are not counted).
    if (lineMeasure(p, measure, false) - naturalWidth(p, s, a, e, false) <= limit * (e - a)) continue;
    const was = stretchPerGap(p, s, measure, k, a, e);
    if (was <= limit || was === Infinity) continue;
    for (let e0 = breaks[k - 1].end - 1; e0 > a1; e0--) {
      // Only between Chinese: never inside a run of Latin, digits and symbols (an address, a
      // number), which greedy breaking keeps together as long as a line holds it.
      if (!canEnd(e0) || (word(p.kind[e0]) && word(p.kind[e0 + 1]))) continue;
      const before = stretchPerGap(p, s, measure, k - 1, a1, e0);
      if (before > limit) break; // ending earlier leaves it looser still
      const now = stretchPerGap(p, s, measure, k, e0 + 1, e);
      if (now === Infinity) break; // the line is full: more would overflow it
      if (Math.max(before, now) < was) breaks[k - 1] = { end: e0, hyphen: false };
      break;
    }
  }
}

/**
 * What setting clusters a..e as line `line` would put into each gap the stretch widens
 * (between CJK characters, word spaces, Han–Latin gaps; never inside a number, word or
 * address): 0 when the line fills the measure (squeezed if need be), Infinity when it
 * overflows or has no such gap. avoidRunt and easeLooseLines judge lines by it.
 */
function stretchPerGap(p: PreparedParagraph, s: Sums, measure: number, line: number, a: number, e: number): number {
  const lm = lineMeasure(p, measure, line === 0);
  const w = naturalWidth(p, s, a, e, false);
  if (w >= lm - 1e-9) return w - naturalShrink(p, s, a, e) > lm + 1e-9 ? Infinity : 0;
  let open = 0;
  for (let i = a; i < e; i++) if (p.gapAfter[i] !== Gap.None || p.kind[i] === CharKind.Space) open++;
  return open > 0 ? (lm - w) / open : Infinity;
}

/**
 * The most a push-down of avoidRunt may stretch the line before, per gap between its
 * clusters, in em: one Han character pushed off a line of eight (1/7 em) passes, two off a
 * line of nine (the 0.28 em a visual check of the tabloid found) do not.
 */
export const RUNT_MAX_STRETCH = 0.2;

// ---------------------------------------------------------------------------------------
// Setting a line: squeeze or stretch to the measure, position every glyph.

const enum Slot {
  Space = 0,
  HanLatin = 1,
  Cjk = 2,
}


// Squeeze stages (clreq order after the line-end mark): word spaces, then brackets, pause
// marks and interpuncts, then Han–Latin gaps, then full stops.
const SQUEEZE_SPACE = 0;
const SQUEEZE_PUNCT = 1;
const SQUEEZE_HANLATIN = 2;
const SQUEEZE_STOP = 3;

function squeezeStage(kind: CharKind): number {
  switch (kind) {
    case CharKind.Middle:
    case CharKind.Opening:
    case CharKind.Closing:
    case CharKind.Pause:
      return SQUEEZE_PUNCT;
    case CharKind.Stop:
      return SQUEEZE_STOP;
    default:
      return -1;
  }
}

/** What stretchLine gave the line it stretched last, em (setLine resets and reads them). */
let stretchedWordSpace = 0;
let stretchedLetterSpace = 0;

/**
 * Sets clusters a..e as one line: squeezes (clreq order) or stretches (word spaces to ½ em,
 * Han–Latin gaps to ⅓ em, then even inter-character space) to the measure and positions
 * every glyph. Written without closures: it runs for every line of an edition.
 */
export function setLine(p: PreparedParagraph, a: number, e: number, measure: number, first: boolean, last: boolean, hyphen: boolean): SetLine {
  const style = p.style;
  const size = style.size;
  const m = lineMeasure(p, measure, first);
  const k = lastInk(p, a, e);
  const count = e - a + 1;
  const lastIdx = k - a;
  // Per cluster: width as set, left squeeze (shifts glyphs), gap after it, blanks left.
  // Scratch arrays are reused from line to line (the engine is single-threaded).
  if (scratch.w.length < count) growScratch(count);
  const { w, left, gap, slot, bl, br } = scratch;
  gap.fill(0, 0, count);
  slot.fill(-1, 0, count);
  let width = hyphen ? p.hyphen.advance : 0;
  for (let i = 0; i <= lastIdx; i++) {
    const c = a + i;
    w[i] = p.width[c];
    left[i] = p.shift[c];
    bl[i] = p.blankL[c];
    br[i] = p.blankR[c];
    if (i < lastIdx) {
      const g = p.gapAfter[a + i];
      if (g === Gap.HanLatin) {
        gap[i] = size / 4;
        slot[i] = Slot.HanLatin;
      } else if (g === Gap.Cjk) slot[i] = Slot.Cjk;
      else if (p.kind[c] === CharKind.Space) slot[i] = Slot.Space;
    }
    width += w[i] + gap[i];
  }
  // Half width at line end; a stretched line gets the blank back first (below).
  const endBlank = lastIdx >= 0 ? br[lastIdx] : 0;
  if (lastIdx >= 0) {
    w[lastIdx] -= endBlank;
    width -= endBlank;
    br[lastIdx] = 0;
  }
  // A centred line (a head, a crosshead) that opens with a bracket or quote sets it half width
  // too, as clreq allows at a line's start: centred with its blank half, “冷热不均”？ stood a
  // quarter em right of the lines around it. (Justified text keeps the full width: its lines
  // start flush with the indent of the paragraph.)
  if (style.align === 'center' && style.language === 'zh' && lastIdx > 0 && p.kind[a] === CharKind.Opening && bl[0] > 0) {
    const lead = bl[0];
    w[0] -= lead;
    left[0] += lead;
    bl[0] = 0;
    width -= lead;
  }
  let justified = false;
  stretchedWordSpace = 0;
  stretchedLetterSpace = 0;
  if (width > m + 1e-9) {
    const need = squeezeLine(p, a, lastIdx, width - m);
    width = m + need;
    justified = need <= 0.005;
  } else if (style.align === 'justify' && !last && width < m - 1e-9 && !shortCut(p, e, hyphen, width, m)) {
    const extra = stretchLine(p, a, lastIdx, m - width, endBlank);
    width = m - extra;
    justified = extra <= 1e-9;
  } else justified = style.align === 'justify' && !last && Math.abs(width - m) <= 1e-9;

  const indent = first ? style.indent * size : 0;
  const align = justified ? 'left' : last || style.align === 'justify' ? style.lastAlign : style.align;
  const free = Math.max(0, m - width);
  const x0 = indent + (align === 'center' ? free / 2 : align === 'right' ? free : 0);
  const runs = glyphRuns(p, a, lastIdx, hyphen ? e : -1);
  const start = p.start[a];
  const end = p.end[e];
  // Number fields stored as doubles from the start: see glyphRun.
  const line: SetLine = { start, end, text: p.text.slice(start, end), x: 0.5, width: 0.5, measure: 0.5, justified, last, hyphenated: hyphen, wordSpace: 0.5, letterSpace: 0.5, runs };
  line.x = x0;
  line.width = width;
  line.measure = m;
  line.wordSpace = stretchedWordSpace;
  line.letterSpace = stretchedLetterSpace;
  return line;
}

/**
 * An English line cut inside an address (no break opportunity there, no hyphen) that the cut
 * left less than half full: "at www" | ".downtownriverton". Stretched, its word spaces
 * spread "at" and "www" across the column; it is set flush left, as a line of one word is.
 */
function shortCut(p: PreparedParagraph, e: number, hyphen: boolean, width: number, m: number): boolean {
  return p.style.language === 'en' && !hyphen && width < m / 2 && e + 1 < p.n && p.breakAfter[e] === Brk.None;
}

/**
 * A GlyphRun made in one place, its size and baseline shift stored as doubles from the
 * start. In V8 a field that first held whole numbers and then gets a fraction changes
 * representation, and every optimised function that read such objects is thrown away: runs
 * of the 9 pt body followed by a 9.9 pt crosshead or a superscript's baseline shift did that
 * to glyphRuns and the layout code after it in a cold export (see textStyle in style.ts).
 */
export function glyphRun(font: FontId, size: number, dy: number, ids: number[], xs: number[], clusters: number[]): GlyphRun {
  const run: GlyphRun = { font, size: 0.5, dy: 0.5, ids, xs, clusters };
  run.size = size;
  run.dy = dy;
  return run;
}

/**
 * Squeezes clusters a..a+lastIdx (scratch arrays) by `need` pt, stage by stage in clreq
 * order; returns what could not be squeezed (0 when the line fits). Its own function: the
 * squeeze runs only on lines that overflow, and TurboFan compiles setLine faster without it.
 */
function squeezeLine(p: PreparedParagraph, a: number, lastIdx: number, need: number): number {
  const { w, left, gap, slot, bl, br } = scratch;
  for (let stage = SQUEEZE_SPACE; stage <= SQUEEZE_STOP && need > 1e-12; stage++) {
    let cap = 0;
    for (let i = 0; i <= lastIdx; i++) cap += squeezeCap(p, stage, i, a, w, bl, br, slot);
    if (cap <= 0) continue;
    const f = Math.min(1, need / cap);
    for (let i = 0; i <= lastIdx; i++) {
      const d = squeezeCap(p, stage, i, a, w, bl, br, slot) * f;
      if (d <= 0) continue;
      if (stage === SQUEEZE_SPACE) w[i] -= d;
      else if (stage === SQUEEZE_HANLATIN) gap[i] -= d;
      else {
        const tot = bl[i] + br[i];
        const dl = tot > 0 ? (d * bl[i]) / tot : 0;
        w[i] -= d;
        left[i] += dl;
        bl[i] -= dl;
        br[i] -= d - dl;
      }
    }
    need -= cap * f;
  }
  return Math.max(0, need);
}

/**
 * Stretches a justified line's clusters 0..lastIdx (scratch arrays) by `extra` pt; returns
 * what could not be placed (0 when the line is justified).
 */
function stretchLine(p: PreparedParagraph, a: number, lastIdx: number, extra: number, endBlank: number): number {
  const { w, gap, slot } = scratch;
  const size = p.style.size;
  let spaces = 0;
  let slots = 0;
  for (let i = 0; i < lastIdx; i++) {
    if (slot[i] >= 0) slots++;
    if (slot[i] === Slot.Space) spaces++;
  }
  if (p.style.language === 'en') {
    // Knuth–Plass chose the breaks at the ratio that word spaces and letter spacing give
    // together (knuth-plass.ts): the same ratio here, letters as letterUnits gives them. A line
    // of one word or address (no space) is not tracked: it is set flush left.
    if (spaces === 0) return extra;
    let spaceStretch = 0;
    let letterGaps = 0;
    for (let i = 0; i < lastIdx; i++) {
      if (slot[i] === Slot.Space) spaceStretch += w[i] * SPACE_STRETCH;
      else if (isLetterGap(p, a + i)) letterGaps++;
    }
    const letterUnit = size * LETTER_STRETCH;
    const r = stretchRatio(extra, spaceStretch, letterGaps * letterUnit);
    const perLetter = letterUnits(r) * letterUnit;
    if (letterGaps > 0) {
      for (let i = 0; i < lastIdx; i++) if (slot[i] !== Slot.Space && isLetterGap(p, a + i)) gap[i] += perLetter;
      extra -= perLetter * letterGaps;
    }
    if (spaces > 0 && extra > 0) {
      for (let i = 0; i < lastIdx; i++) if (slot[i] === Slot.Space) w[i] += extra / spaces;
      extra = 0;
    }
    stretchedWordSpace = meanSpace(lastIdx, spaces, size);
    stretchedLetterSpace = letterGaps > 0 ? perLetter / size : 0;
    return Math.max(0, extra);
  }
  // The line-end mark back to full width, word spaces up to ½ em, Han–Latin gaps up to
  // ⅓ em, then even inter-character space.
  const restore = Math.min(extra, endBlank);
  w[lastIdx] += restore;
  extra -= restore;
  let cap = 0;
  for (let i = 0; i < lastIdx; i++) if (slot[i] === Slot.Space) cap += Math.max(0, size / 2 - w[i]);
  if (cap > 0) {
    const f = Math.min(1, extra / cap);
    for (let i = 0; i < lastIdx; i++) if (slot[i] === Slot.Space) w[i] += Math.max(0, size / 2 - w[i]) * f;
    extra -= cap * f;
  }
  let hl = 0;
  for (let i = 0; i < lastIdx; i++) if (slot[i] === Slot.HanLatin) hl++;
  if (hl > 0 && extra > 0) {
    const each = Math.min(size / 3 - size / 4, extra / hl);
    for (let i = 0; i < lastIdx; i++) if (slot[i] === Slot.HanLatin) gap[i] += each;
    extra -= each * hl;
  }
  if (extra > 0 && slots > 0) {
    const d = extra / slots;
    for (let i = 0; i < lastIdx; i++) {
      if (slot[i] === Slot.Space) w[i] += d;
      else if (slot[i] >= 0) gap[i] += d;
    }
    stretchedLetterSpace = d / size;
    extra = 0;
  }
  if (spaces > 0) stretchedWordSpace = meanSpace(lastIdx, spaces, size);
  if (extra > 0) {
    // A line with no place the rules stretch (2020–2024／2025–: numbers, connectors and a
    // solidus) is justified rather than left short in a justified column: the space goes
    // where two characters meet that are not one number or word and not a connector.
    let open = 0;
    for (let i = 0; i < lastIdx; i++) if (lastResortGap(p, a + i)) open++;
    if (open > 0) {
      for (let i = 0; i < lastIdx; i++) if (lastResortGap(p, a + i)) gap[i] += extra / open;
      stretchedLetterSpace = extra / open / size;
      extra = 0;
    }
  }
  return extra;
}

/** The mean width of the word spaces among clusters 0..lastIdx (scratch arrays), em. */
function meanSpace(lastIdx: number, spaces: number, size: number): number {
  if (spaces === 0) return 0;
  const { w, slot } = scratch;
  let sum = 0;
  for (let i = 0; i < lastIdx; i++) if (slot[i] === Slot.Space) sum += w[i];
  return sum / spaces / size;
}

/**
 * Where a line with no other stretch may take space, after cluster c: not inside a number, a
 * word or an address (https://www.example.cn: letters, digits and the ASCII marks between
 * them), not beside a connector or a dash.
 */
function lastResortGap(p: PreparedParagraph, c: number): boolean {
  const x = p.kind[c];
  const y = p.kind[c + 1];
  if (x === CharKind.Connector || y === CharKind.Connector || x === CharKind.Dash || y === CharKind.Dash) return false;
  return !(inToken(p, c, x) && inToken(p, c + 1, y));
}

/** A letter, a digit, or a printable ASCII mark (: / . @ _ - …) of cluster c. */
function inToken(p: PreparedParagraph, c: number, kind: number): boolean {
  if (kind === CharKind.Digit || kind === CharKind.Latin) return true;
  const code = p.text.charCodeAt(p.start[c]);
  return code > 0x20 && code < 0x7f;
}

/**
 * The glyph runs of clusters a..a+lastIdx as set (scratch widths, gaps and left shifts),
 * x from the line's start; with `hyphenAfter` (the line's last cluster, -1 for none), the
 * drawn hyphen follows as a run of its own.
 */
function glyphRuns(p: PreparedParagraph, a: number, lastIdx: number, hyphenAfter: number): GlyphRun[] {
  const { w, left, gap } = scratch;
  const runs: GlyphRun[] = [];
  const gFont = p.gFont;
  const gSize = p.gSize;
  const gDy = p.gDy;
  const lastGlyph = p.gFirst[a + lastIdx + 1];
  let ids: number[] = [];
  let xs: number[] = [];
  let clusters: number[] = [];
  let runEnd = -1; // first glyph after the current run
  let r = 0;
  let x = 0;
  for (let i = 0; i <= lastIdx; i++) {
    const c = a + i;
    const shift = left[i];
    const cluster = p.start[c];
    for (let g = p.gFirst[c]; g < p.gFirst[c + 1]; g++) {
      if (g >= runEnd) {
        // A run lasts while font, size and baseline do: size its arrays once.
        let end = g + 1;
        while (end < lastGlyph && gFont[end] === gFont[g] && gSize[end] === gSize[g] && gDy[end] === gDy[g]) end++;
        const len = end - g;
        ids = new Array<number>(len);
        xs = new Array<number>(len);
        clusters = new Array<number>(len);
        runs.push(glyphRun(p.fonts[gFont[g]], gSize[g], gDy[g], ids, xs, clusters));
        runEnd = end;
        r = 0;
      }
      ids[r] = p.gId[g];
      xs[r] = x + p.gDx[g] - shift;
      clusters[r] = cluster;
      r++;
    }
    x += w[i] + gap[i];
  }
  if (hyphenAfter >= 0) {
    const h = p.hyphen;
    runs.push(glyphRun(h.font, h.size, 0, [h.id], [x], [p.end[hyphenAfter]]));
  }
  return runs;
}

const scratch = {
  w: new Float64Array(0),
  left: new Float64Array(0),
  gap: new Float64Array(0),
  slot: new Int8Array(0),
  bl: new Float64Array(0),
  br: new Float64Array(0),
};

function growScratch(count: number): void {
  const n = Math.max(count, scratch.w.length * 2, 256);
  scratch.w = new Float64Array(n);
  scratch.left = new Float64Array(n);
  scratch.gap = new Float64Array(n);
  scratch.slot = new Int8Array(n);
  scratch.bl = new Float64Array(n);
  scratch.br = new Float64Array(n);
}

function squeezeCap(p: PreparedParagraph, stage: number, i: number, a: number, w: Float64Array, bl: Float64Array, br: Float64Array, slot: Int8Array): number {
  switch (stage) {
    case SQUEEZE_SPACE:
      return slot[i] === Slot.Space ? spaceShrink(p, w[i]) : 0;
    case SQUEEZE_HANLATIN:
      return slot[i] === Slot.HanLatin ? p.style.size / 8 - 0 : 0;
    default:
      return squeezeStage(p.kind[a + i]) === stage ? bl[i] + br[i] : 0;
  }
}
