// Knuth–Plass optimum-fit line breaking for Latin paragraphs (Knuth & Plass 1981), with
// word spaces and (up to a limit) letter spacing as the stretch, and
// Typst's costs (FACTS.md): badness 100·|r|³, demerits (1 + badness + penalty)², hyphen
// penalty 135 (10,000 inside a proper name), runt penalty 100 (a last line of one word), and
// TeX's extra demerits for two hyphenated lines in a row (10,000), for a hyphen ending the
// next-to-last line (5,000; 10⁷ when the last line is only the divided word's end) and for
// lines of very different tightness (3,000). A third hyphen in a row — a ladder, which
// newsroom style forbids — costs so much that it is taken only when nothing else fits.
import type { LineBreak } from './lines';
import { Brk, Gap, isHyphenBreak, type PreparedParagraph } from './prepare';
import { CharKind, isLineEndBlank } from './punct';

const HYPHEN_PENALTY = 135;
/**
 * The penalty of a hyphen inside a proper name (Brk.NameHyphen: Washing-|ton, Mc-|Donald).
 * AP and Chicago: divide a proper noun only when the alternative is a very loose line. 10,000
 * is the badness of a line at ratio 4.6, whose word spaces come to about 1 em in Noto Serif
 * (0.26 em + 0.6 × 0.26 em per unit): a name is divided only to spare a line about that loose.
 */
const NAME_HYPHEN_PENALTY = 10_000;
/** Added to the penalty of the paragraph's last line when it holds a single word. */
const RUNT_PENALTY = 100;
const DOUBLE_HYPHEN_DEMERITS = 10_000;
const FINAL_HYPHEN_DEMERITS = 5000;
/**
 * A paragraph whose last line is only the end of its divided last word (presi- | dent.), in
 * place of FINAL_HYPHEN_DEMERITS: newsroom H&J settings turn "hyphenate last word" off. As
 * much as a line at ratio 3.2 (word spaces of about 0.75 em), so the word is set whole unless
 * that costs a line looser than that (in 11 em columns it often does).
 */
const STUB_DEMERITS = 1e7;
const LADDER_DEMERITS = 1e9;
const FITNESS_DEMERITS = 3000;
/** Interword glue: stretch and shrink as fractions of the space's width. */
export const SPACE_STRETCH = 0.6;
const SPACE_SHRINK = 1 / 3;

/**
 * Letter spacing, the newsroom's tracking: each gap between two letters of a word stretches
 * LETTER_STRETCH em per unit of the ratio, up to LETTER_MAX em (at r = 2); past that only the
 * word spaces stretch. 0.02 em is about 8 % of a word space (newsroom H&J settings give letter
 * spacing as a percentage of the space; 0.04 em on every line showed as light and dark lines).
 * A line needing 1 em more with four spaces and 22 letter gaps is set at r 1.18 (spaces
 * 0.44 em, letters +0.012 em) instead of r 1.6 (spaces 0.51 em).
 *
 * A line that would otherwise open word spaces of about 1 em — a hole, lighter than any
 * tracking — takes a little more: from LOOSE_RATIO (spaces ~0.88 em) the letters stretch
 * again, up to LETTER_LOOSE_MAX at one unit further (the compositor's last resort before a
 * river). Every other line is set as before.
 */
export const LETTER_STRETCH = 0.01;
export const LETTER_MAX = 0.02;
const LETTER_RATIO_CAP = LETTER_MAX / LETTER_STRETCH;
const LOOSE_RATIO = 4;
const LETTER_LOOSE_MAX = 0.03;
const LOOSE_UNITS = (LETTER_LOOSE_MAX - LETTER_MAX) / LETTER_STRETCH;

/** How many LETTER_STRETCH units each letter gap takes at ratio r. */
export function letterUnits(r: number): number {
  if (r <= LETTER_RATIO_CAP) return Math.max(0, r);
  return r <= LOOSE_RATIO ? LETTER_RATIO_CAP : LETTER_RATIO_CAP + Math.min(r - LOOSE_RATIO, LOOSE_UNITS);
}

/** The gap after cluster i lies inside a word of an English paragraph (it may be tracked). */
export function isLetterGap(p: PreparedParagraph, i: number): boolean {
  if (i + 1 >= p.n) return false;
  const a = p.kind[i];
  const b = p.kind[i + 1];
  return (a === CharKind.Latin || a === CharKind.Digit || a === CharKind.Other) && (b === CharKind.Latin || b === CharKind.Digit || b === CharKind.Other);
}

/**
 * The adjustment ratio of a line `need` pt short, with `spaces` pt of word-space stretch and
 * `letters` pt of letter stretch per unit: the inverse of spaces·r + letters·letterUnits(r).
 */
export function stretchRatio(need: number, spaces: number, letters: number): number {
  const both = spaces + letters;
  if (both > 0 && need <= both * LETTER_RATIO_CAP) return need / both;
  if (spaces <= 0) return Infinity;
  const held = letters * LETTER_RATIO_CAP;
  if (need <= spaces * LOOSE_RATIO + held) return (need - held) / spaces;
  if (need <= both * (LOOSE_RATIO + LOOSE_UNITS) + held - letters * LOOSE_RATIO) return (need - held + letters * LOOSE_RATIO) / both;
  return (need - held - letters * LOOSE_UNITS) / spaces;
}

interface Node {
  /** The line before ends after cluster `pos` (-1 for the paragraph start). */
  pos: number;
  line: number;
  fitness: number;
  /** The line ending here ends in a hyphen, drawn or the word's own. */
  hyphen: boolean;
  /** Lines in a row ending in a hyphen (drawn or the word's own) at this break. */
  hyphens: number;
  demerits: number;
  prev: Node | null;
}

function hasSpace(p: PreparedParagraph, a: number, k: number): boolean {
  for (let i = a; i <= k; i++) if (p.kind[i] === CharKind.Space) return true;
  return false;
}

function fitnessClass(r: number): number {
  if (r < -0.5) return 0;
  if (r <= 0.5) return 1;
  if (r <= 1) return 2;
  return 3;
}

/**
 * Tolerances tried in turn. The last, no limit, is TeX's final pass: a paragraph with one line
 * that nothing can set within 20 (The International | Atomic Energy Agency, in 12.85 em) is
 * still broken for the least demerits, its hyphens and names weighed, rather than greedily.
 * A line with no word space to stretch stays out of every pass: one that only the greedy
 * cut makes (an address longer than the line, set flush left) goes to the caller.
 */
const TOLERANCES = [2, 5, 20, Infinity];

/**
 * Chooses breaks minimising total demerits; null when no set of lines without an overfull
 * one exists (the caller falls back to greedy breaking, which cuts the word too wide).
 * `acceptFinal`: whether the final pass's breaks are kept (false: as if it found none). The
 * final pass never sets a line of one word (it has no space to stretch), so it may open a hole
 * of 5 em where the greedy breaker sets that word flush left; the caller compares them.
 */
export function knuthPlass(p: PreparedParagraph, lineWidth: (first: boolean) => number, noHyphenLine = -1, acceptFinal?: (breaks: LineBreak[]) => boolean): LineBreak[] | null {
  let fallback: LineBreak[] | null = null;
  for (const tolerance of TOLERANCES) {
    const r = run(p, lineWidth, tolerance, noHyphenLine);
    if (!r) continue;
    if (tolerance === Infinity && acceptFinal && !acceptFinal(r)) continue;
    // A ladder (three hyphens in a row) sends the search to a looser tolerance; when every
    // tolerance has one, the shortest ladder is kept.
    if (longestHyphenRun(p, r) < 3) return r;
    if (!fallback || longestHyphenRun(p, r) < longestHyphenRun(p, fallback)) fallback = r;
  }
  return fallback;
}

/**
 * A line that ends in a hyphen the reader sees: one the hyphenation drew, or the word's own
 * (mid-|century, Gropius-|Schmidt). Both make a ladder, as in TeX, where an explicit hyphen
 * is a flagged break too; only the drawn one pays the hyphen penalty.
 */
function endsInHyphen(p: PreparedParagraph, b: number, drawn: boolean): boolean {
  if (drawn) return true;
  const c = p.text.charCodeAt(p.end[b] - 1);
  return c === 0x2d || c === 0x2010;
}

/** The most lines in a row that end in a hyphen. */
function longestHyphenRun(p: PreparedParagraph, breaks: LineBreak[]): number {
  let run = 0;
  let longest = 0;
  for (const b of breaks) {
    run = endsInHyphen(p, b.end, b.hyphen) ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/** `noHyphenLine`: the 0-based line that may not end in a hyphen (-1: none), e.g. the last before a jump. */
function run(p: PreparedParagraph, lineWidth: (first: boolean) => number, tolerance: number, noHyphenLine: number): LineBreak[] | null {
  const n = p.n;
  const q = p.style.size / 4;
  // Prefix sums of width, stretch and shrink.
  const W = new Float64Array(n + 1);
  const Y = new Float64Array(n + 1);
  const Z = new Float64Array(n + 1);
  // Letter stretch of the gaps after clusters up to (excluding) i.
  const T = new Float64Array(n + 1);
  const letter = p.style.size * LETTER_STRETCH;
  for (let i = 0; i < n; i++) {
    T[i + 1] = T[i] + (isLetterGap(p, i) ? letter : 0);
    let w = p.width[i];
    let y = 0;
    let z = 0;
    if (p.kind[i] === CharKind.Space) {
      y = w * SPACE_STRETCH;
      z = w * SPACE_SHRINK;
    }
    if (p.gapAfter[i] === Gap.HanLatin) {
      w += q;
      y += q / 3;
      z += q / 2;
    }
    W[i + 1] = W[i] + w;
    Y[i + 1] = Y[i] + y;
    Z[i + 1] = Z[i] + z;
  }
  let active: Node[] = [{ pos: -1, line: 0, fitness: 1, hyphen: false, hyphens: 0, demerits: 0, prev: null }];
  for (let b = 0; b < n; b++) {
    const final = b === n - 1;
    const kind = final ? Brk.Required : p.breakAfter[b];
    if (kind === Brk.None) continue;
    const hyphen = isHyphenBreak(kind);
    const flagged = !final && endsInHyphen(p, b, hyphen);
    const basePenalty = kind === Brk.NameHyphen ? NAME_HYPHEN_PENALTY : hyphen ? HYPHEN_PENALTY : 0;
    // The line's last ink cluster: trailing spaces hang.
    let k = b;
    while (k >= 0 && isLineEndBlank(p.kind[k])) k--;
    const next: Node[] = [];
    const best: (Node | null)[] = [null, null, null, null];
    for (const node of active) {
      const a = node.pos + 1;
      const target = lineWidth(node.line === 0);
      let width = k >= a ? W[k + 1] - W[a] - (p.gapAfter[k] === Gap.HanLatin ? q : 0) : 0;
      if (hyphen) width += p.hyphen.advance;
      if (k >= a) width -= p.blankR[k];
      const stretch = k >= a ? Y[k] - Y[a] : 0;
      const shrink = k >= a ? Z[k] - Z[a] : 0;
      let r: number;
      // A line of one word (no space to stretch) is not tracked either: it is set flush left.
      if (width < target) r = final ? 0 : stretchRatio(target - width, stretch, k >= a && stretch > 0 ? T[k] - T[a] : 0);
      else if (width > target) r = shrink > 0 ? (target - width) / shrink : -Infinity;
      else r = 0;
      if (r < -1 || kind === Brk.Required) {
        // This node can start no further line than this one.
      } else {
        next.push(node);
      }
      if (r >= -1 && r <= tolerance && r !== Infinity && !(hyphen && node.line === noHyphenLine)) {
        const badness = 100 * Math.abs(r) ** 3;
        // A last line after others that holds one word (no space in it): a runt.
        const runt = final && node.line > 0 && !hasSpace(p, a, k);
        const penalty = runt ? basePenalty + RUNT_PENALTY : basePenalty;
        let d = (1 + badness + penalty) ** 2;
        const fit = fitnessClass(r);
        if (flagged && node.hyphen) d += node.hyphens >= 2 ? LADDER_DEMERITS : DOUBLE_HYPHEN_DEMERITS;
        // A runt after a hyphen is the paragraph's last word divided: presi- | dent.
        if (final && node.hyphen) d += runt ? STUB_DEMERITS : FINAL_HYPHEN_DEMERITS;
        if (Math.abs(fit - node.fitness) > 1) d += FITNESS_DEMERITS;
        const total = node.demerits + d;
        const cur = best[fit];
        if (!cur || total < cur.demerits) best[fit] = { pos: b, line: node.line + 1, fitness: fit, hyphen: flagged, hyphens: flagged ? node.hyphens + 1 : 0, demerits: total, prev: node };
      }
    }
    active = next;
    for (const c of best) if (c) active.push(c);
    if (active.length === 0) return null;
  }
  let end: Node | null = null;
  for (const node of active) if (node.pos === n - 1 && (!end || node.demerits < end.demerits)) end = node;
  if (!end) return null;
  const breaks: LineBreak[] = [];
  for (let node: Node | null = end; node && node.pos >= 0; node = node.prev) breaks.push({ end: node.pos, hyphen: isHyphenBreak(p.breakAfter[node.pos]) && node.pos !== n - 1 });
  return breaks.reverse();
}
