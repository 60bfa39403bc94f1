// UAX #14, the Unicode Line Breaking Algorithm, for Unicode 15.0.0 (revision 49), pure and
// linear-time.
//
// Rules LB1–LB31 are implemented in order as a single left-to-right pass that keeps the few
// facts the rules look back at (previous element, last non-space element, number state,
// regional-indicator parity) and looks ahead at most one element (LB15b, LB25). "Elements"
// are what remains after LB9/LB10: a character with the combining marks / ZWJ it absorbs.
//
// Choices (see also the conformance test, which runs Unicode's LineBreakTest.txt):
// - LB25 is the regex-like form of UAX #14 §8.2 Example 7, as the conformance data uses.
//   Under it LB13 reads "[^NU] × CL/CP/IS/SY"; the difference is covered by LB25, so LB13 is
//   implemented plainly.
// - LB15: the 15.0 rules and test data have "QU SP* × OP". The quotation rules LB15a/LB15b
//   ("(sot|BK|CR|LF|NL|OP|QU|GL|SP|ZW) [Pi&QU] SP* ×" and
//   "× [Pf&QU] (SP|GL|WJ|CL|QU|CP|EX|IS|SY|BK|CR|LF|NL|ZW|eot)"), which replace it in the
//   Unicode 15.1 revision, change 8 of the 7,654 cases of LineBreakTest-15.0.0, so they are
//   opt-in: `Tailoring.pairedQuotes` (LB15c/LB15d of 15.1 are not implemented).
// - LB28a (Brahmic orthographic syllables) needs the 15.1 classes AK/AP/AS/VF/VI, which the
//   15.0 data does not have: not implemented.
// - LB3: the end of the text is reported as a required opportunity {pos: text.length}.
// - Unpaired surrogates are looked up as code points (class SG, resolved to AL by LB1).
import {
  CLASS_CHAR_BASE,
  CLASS_NAMES,
  RUN_CLASSES,
  RUN_STARTS,
  UNICODE_VERSION,
} from './data/linebreak-data';

export { UNICODE_VERSION };

/** The Line_Break property values of Unicode 15.0. */
export type LBClass =
  | 'BK' | 'CR' | 'LF' | 'NL' | 'SP' | 'ZW' | 'WJ' | 'GL' | 'CM' | 'ZWJ' | 'CB' | 'SA' | 'SG'
  | 'XX' | 'AI' | 'CJ' | 'AL' | 'B2' | 'BA' | 'BB' | 'HY' | 'CL' | 'CP' | 'EX' | 'IN' | 'NS'
  | 'OP' | 'QU' | 'IS' | 'NU' | 'PO' | 'PR' | 'SY' | 'H2' | 'H3' | 'HL' | 'ID' | 'JL' | 'JV'
  | 'JT' | 'RI' | 'EB' | 'EM';

export interface Opportunity {
  /** UTF-16 offset: the line may end before text[pos]. */
  pos: number;
  /** A mandatory break (LB4, LB5, and LB3 at the end of the text). */
  required: boolean;
}

/** Customisation of the algorithm (UAX #14 §8). Compile-once: reuse the same object. */
export interface Tailoring {
  /** Per-code-point class overrides, replacing LineBreak.txt before LB1 resolution. */
  readonly classes?: ReadonlyMap<number, LBClass>;
  /** Code points overridden to OP or CP that count as $EastAsian for LB30. */
  readonly eastAsian?: ReadonlySet<number>;
  /** LB1 resolution of AI (default AL). */
  readonly ambiguousAs?: 'AL' | 'ID';
  /** LB1 resolution of CJ (default NS, the "strict" behaviour; ID gives "normal"). */
  readonly conditionalJapaneseStarterAs?: 'NS' | 'ID';
  /** Use Unicode 15.1's LB15a/LB15b for Pi/Pf quotation marks instead of 15.0's LB15. */
  readonly pairedQuotes?: boolean;
}

// Internal class indices: the order of CLASS_NAMES in the generated data.
const BK = 0, CR = 1, LF = 2, NL = 3, SP = 4, ZW = 5, WJ = 6, GL = 7, CM = 8, ZWJ = 9, CB = 10,
  SA = 11, SG = 12, XX = 13, AI = 14, CJ = 15, AL = 16, B2 = 17, BA = 18, BB = 19, HY = 20,
  CL = 21, CP = 22, EX = 23, IN = 24, NS = 25, OP = 26, QU = 27, IS = 28, NU = 29, PO = 30,
  PR = 31, SY = 32, H2 = 33, H3 = 34, HL = 35, ID = 36, JL = 37, JV = 38, JT = 39, RI = 40,
  EB = 41, EM = 42, OP_EA = 43, CP_EA = 44, SA_CM = 45, QU_PI = 46, QU_PF = 47, ID_XPCN = 48;
const INTERNAL = [
  'BK', 'CR', 'LF', 'NL', 'SP', 'ZW', 'WJ', 'GL', 'CM', 'ZWJ', 'CB', 'SA', 'SG', 'XX', 'AI', 'CJ',
  'AL', 'B2', 'BA', 'BB', 'HY', 'CL', 'CP', 'EX', 'IN', 'NS', 'OP', 'QU', 'IS', 'NU', 'PO', 'PR',
  'SY', 'H2', 'H3', 'HL', 'ID', 'JL', 'JV', 'JT', 'RI', 'EB', 'EM',
  'OP_EA', 'CP_EA', 'SA_CM', 'QU_PI', 'QU_PF', 'ID_XPCN',
] as const;
const N_CLASSES = INTERNAL.length;
if (CLASS_NAMES.length !== N_CLASSES || CLASS_NAMES.some((c, i) => c !== INTERNAL[i])) {
  throw new Error('linebreak-data.ts does not match uax14.ts: regenerate with scripts/gen-linebreak-data.mjs');
}

/** Public (Line_Break) class of each internal class. */
const PUBLIC: readonly LBClass[] = INTERNAL.map((c) =>
  c === 'OP_EA' ? 'OP' : c === 'CP_EA' ? 'CP' : c === 'SA_CM' ? 'SA' : c === 'QU_PI' || c === 'QU_PF' ? 'QU' : c === 'ID_XPCN' ? 'ID' : c,
);
/** Base class the rules test, by resolved internal class. */
const BASE = new Uint8Array(N_CLASSES);
for (let i = 0; i < N_CLASSES; i++) BASE[i] = INTERNAL.indexOf(PUBLIC[i] as (typeof INTERNAL)[number]);
BASE[SA_CM] = CM;

// Decode the runs: supplementary lookups binary-search them, the BMP gets a flat table.
const runCount = RUN_CLASSES.length;
const runStart = new Uint32Array(runCount);
const runClass = new Uint8Array(runCount);
{
  let at = 0;
  let k = 0;
  for (const d of RUN_STARTS.split(',')) {
    at += parseInt(d, 36);
    runStart[k] = at;
    runClass[k] = RUN_CLASSES.charCodeAt(k) - CLASS_CHAR_BASE;
    k++;
  }
  if (k !== runCount) throw new Error('linebreak-data.ts is corrupt');
}
const BMP = new Uint8Array(0x10000);
for (let k = 0; k < runCount && runStart[k] < 0x10000; k++) {
  BMP.fill(runClass[k], runStart[k], k + 1 < runCount ? Math.min(runStart[k + 1], 0x10000) : 0x10000);
}
// Hangul syllables are stored as H3; LV syllables (every 28th) are H2.
for (let cp = 0xac00; cp <= 0xd7a3; cp += 28) BMP[cp] = H2;

function rawSupplementary(cp: number): number {
  let lo = 0;
  let hi = runCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (runStart[mid] <= cp) lo = mid;
    else hi = mid - 1;
  }
  return runClass[lo];
}

function rawClass(cp: number): number {
  return cp < 0x10000 ? BMP[cp] : cp < 0x110000 ? rawSupplementary(cp) : XX;
}

/** The Line_Break property of a code point (Unicode 15.0, untailored, before LB1). */
export function lineBreakClass(cp: number): LBClass {
  return PUBLIC[rawClass(cp)];
}

// ---------------------------------------------------------------------------------------
// Tailoring compilation.

interface Compiled {
  /** Raw internal class per BMP code point, overrides applied. */
  bmp: Uint8Array;
  /** Supplementary overrides. */
  supp: Map<number, number> | null;
  /** LB1: raw internal class → resolved internal class. */
  resolve: Uint8Array;
  pairedQuotes: boolean;
}

function makeResolve(ai: number, cj: number): Uint8Array {
  const r = new Uint8Array(N_CLASSES);
  for (let i = 0; i < N_CLASSES; i++) r[i] = i;
  r[AI] = ai;
  r[SG] = AL;
  r[XX] = AL;
  r[SA] = AL;
  r[SA_CM] = CM;
  r[CJ] = cj;
  return r;
}

const DEFAULT: Compiled = { bmp: BMP, supp: null, resolve: makeResolve(AL, NS), pairedQuotes: false };
const compiledCache = new WeakMap<Tailoring, Compiled>();

function internalFor(cp: number, cls: LBClass, eastAsian: ReadonlySet<number> | undefined): number {
  const old = rawClass(cp);
  switch (cls) {
    case 'OP':
      return eastAsian?.has(cp) || (eastAsian === undefined && old === OP_EA) ? OP_EA : OP;
    case 'CP':
      return eastAsian?.has(cp) || (eastAsian === undefined && old === CP_EA) ? CP_EA : CP;
    case 'QU':
      return old === QU_PI || old === QU_PF ? old : QU;
    case 'ID':
      return old === ID_XPCN ? old : ID;
    case 'SA':
      return old === SA_CM ? old : SA;
    default:
      return INTERNAL.indexOf(cls);
  }
}

function compile(t: Tailoring | undefined): Compiled {
  if (!t) return DEFAULT;
  let c = compiledCache.get(t);
  if (c) return c;
  let bmp = BMP;
  let supp: Map<number, number> | null = null;
  if (t.classes && t.classes.size > 0) {
    bmp = BMP.slice();
    for (const [cp, cls] of t.classes) {
      const code = internalFor(cp, cls, t.eastAsian);
      if (code < 0) throw new Error(`unknown line-break class ${cls}`);
      if (cp < 0x10000) bmp[cp] = code;
      else (supp ??= new Map()).set(cp, code);
    }
  }
  c = {
    bmp,
    supp,
    resolve: makeResolve(t.ambiguousAs === 'ID' ? ID : AL, t.conditionalJapaneseStarterAs === 'ID' ? ID : NS),
    pairedQuotes: t.pairedQuotes === true,
  };
  compiledCache.set(t, c);
  return c;
}

// ---------------------------------------------------------------------------------------
// The algorithm.

const NONE = -1; // sot, or "no element"
const NO = 0;
const ALLOW = 1;
const MUST = 2;

/** Follows [Pf & QU] in LB15b (besides eot). */
const LB15B_FOLLOW = new Uint8Array(N_CLASSES);
for (const c of [SP, GL, WJ, CL, QU, CP, EX, IS, SY, BK, CR, LF, NL, ZW]) LB15B_FOLLOW[c] = 1;
/** Precedes [Pi & QU] in LB15a (besides sot). */
const LB15A_PRECEDE = new Uint8Array(N_CLASSES);
for (const c of [BK, CR, LF, NL, OP, QU, GL, SP, ZW]) LB15A_PRECEDE[c] = 1;

/**
 * Break opportunities of `text` by UAX #14: every UTF-16 offset where a line may end, with
 * `required` for mandatory breaks. Position 0 is never reported; text.length always is
 * (required, LB3) unless the text is empty.
 */
export function breakOpportunities(text: string, tailoring?: Tailoring): Opportunity[] {
  return opportunityList(breakKinds(text, tailoring));
}

/** What may happen before each UTF-16 offset 0..n: BREAK_NONE, BREAK_ALLOWED or BREAK_REQUIRED. */
export const BREAK_NONE = 0;
export const BREAK_ALLOWED = 1;
export const BREAK_REQUIRED = 2;

/** A breakKinds array as the list of opportunities (increasing positions). */
export function opportunityList(kinds: Uint8Array): Opportunity[] {
  const out: Opportunity[] = [];
  for (let pos = 0; pos < kinds.length; pos++) if (kinds[pos] !== BREAK_NONE) out.push({ pos, required: kinds[pos] === BREAK_REQUIRED });
  return out;
}

/**
 * breakOpportunities as one byte per UTF-16 offset 0..text.length (BREAK_NONE, BREAK_ALLOWED,
 * BREAK_REQUIRED before text[pos]): no object per opportunity — a Chinese paragraph has one
 * after nearly every character.
 */
export function breakKinds(text: string, tailoring?: Tailoring): Uint8Array {
  const n = text.length;
  const out = new Uint8Array(n + 1);
  if (n === 0) return out;
  const { bmp, supp, resolve, pairedQuotes } = compile(tailoring);

  const classAt = (at: number): number => {
    let cp = text.charCodeAt(at);
    if (cp >= 0xd800 && cp <= 0xdbff && at + 1 < n) {
      const lo = text.charCodeAt(at + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = ((cp - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        return resolve[supp?.get(cp) ?? rawSupplementary(cp)];
      }
    }
    return resolve[bmp[cp]];
  };
  /** Base class of the element that starts after any CM/ZWJ from `at` on (NONE at eot). */
  const elementAfterMarks = (at: number): number => {
    while (at < n) {
      const b = BASE[classAt(at)];
      if (b !== CM && b !== ZWJ) return b;
      at += isSurrogatePairAt(text, at, n) ? 2 : 1;
    }
    return NONE;
  };

  // State about the elements before the current position.
  let prev = NONE; // base class of the previous element (after LB9/LB10)
  let prevCode = NONE; // its resolved internal class (for OP_EA/CP_EA/ID_XPCN)
  let prevPrev = NONE; // base class of the element before it (LB21a)
  let lastNonSp = NONE; // base class of the last element that is not SP (LB8, LB14–LB17)
  let piOpen = false; // LB15a: lastNonSp is a Pi quote in an opening context
  let numState = 0; // LB25: 1 after NU (NU|SY|IS)*, 2 after that plus CL|CP
  let riCount = 0; // length of the current run of RI elements (LB30a)
  let prevCharZWJ = false; // the previous code point is ZWJ (LB8a)

  let i = 0;
  while (i < n) {
    let code: number;
    let len = 1;
    const u = text.charCodeAt(i);
    if (u >= 0xd800 && u <= 0xdbff && i + 1 < n) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        const cp = ((u - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        code = resolve[supp?.get(cp) ?? rawSupplementary(cp)];
        len = 2;
      } else {
        code = resolve[bmp[u]];
      }
    } else {
      code = resolve[bmp[u]];
    }
    let cls = BASE[code];
    const isZWJ = cls === ZWJ;
    if (cls === CM || cls === ZWJ) {
      // LB9: X (CM|ZWJ)* is treated as X, for X not BK, CR, LF, NL, SP or ZW: no break before
      // the mark (LB4–LB8a cannot apply after such an X), and the element continues.
      if (prev !== NONE && prev !== BK && prev !== CR && prev !== LF && prev !== NL && prev !== SP && prev !== ZW) {
        prevCharZWJ = isZWJ;
        i += len;
        continue;
      }
      // LB10: any other CM or ZWJ is AL (LB4–LB8a do not look at the class after the boundary
      // unless it is BK, CR, LF, NL, SP or ZW, so resolving it first changes nothing).
      cls = AL;
      code = AL;
    }

    if (i > 0) {
      let d: number;
      decide: {
        // ID × ID, most of a Chinese text: none of LB4–LB30b can apply (the element before is
        // no BK, CR, LF, NL, SP, ZW, WJ, GL, OP, QU, B2, CB, BB, PR, PO, HY, BA, NU, Jamo, RI
        // or CP, and it is also the last one before that is not SP; no ZWJ comes between), so
        // LB31. Tested first: the chain below costs ~45 comparisons a character, as bytecode
        // in a cold export.
        if (prev === ID && cls === ID && !prevCharZWJ) { d = ALLOW; break decide; }
        // LB4
        if (prev === BK) { d = MUST; break decide; }
        // LB5
        if (prev === CR) { d = cls === LF ? NO : MUST; break decide; }
        if (prev === LF || prev === NL) { d = MUST; break decide; }
        // LB6
        if (cls === BK || cls === CR || cls === LF || cls === NL) { d = NO; break decide; }
        // LB7
        if (cls === SP || cls === ZW) { d = NO; break decide; }
        // LB8
        if (lastNonSp === ZW) { d = ALLOW; break decide; }
        // LB8a
        if (prevCharZWJ) { d = NO; break decide; }
        // LB11
        if (cls === WJ || prev === WJ) { d = NO; break decide; }
        // LB12
        if (prev === GL) { d = NO; break decide; }
        // LB12a
        if (cls === GL && prev !== SP && prev !== BA && prev !== HY) { d = NO; break decide; }
        // LB13
        if (cls === CL || cls === CP || cls === EX || cls === IS || cls === SY) { d = NO; break decide; }
        // LB14
        if (lastNonSp === OP) { d = NO; break decide; }
        if (pairedQuotes) {
          // LB15a
          if (piOpen) { d = NO; break decide; }
          // LB15b
          if (code === QU_PF) {
            const next = elementAfterMarks(i + len);
            if (next === NONE || LB15B_FOLLOW[next] === 1) { d = NO; break decide; }
          }
        } else if (lastNonSp === QU && cls === OP) {
          // LB15 (Unicode 15.0)
          d = NO;
          break decide;
        }
        // LB16
        if ((lastNonSp === CL || lastNonSp === CP) && cls === NS) { d = NO; break decide; }
        // LB17
        if (lastNonSp === B2 && cls === B2) { d = NO; break decide; }
        // LB18
        if (prev === SP) { d = ALLOW; break decide; }
        // LB19
        if (cls === QU || prev === QU) { d = NO; break decide; }
        // LB20
        if (cls === CB || prev === CB) { d = ALLOW; break decide; }
        // LB21
        if (cls === BA || cls === HY || cls === NS || prev === BB) { d = NO; break decide; }
        // LB21a
        if (prevPrev === HL && (prev === HY || prev === BA)) { d = NO; break decide; }
        // LB21b
        if (prev === SY && cls === HL) { d = NO; break decide; }
        // LB22
        if (cls === IN) { d = NO; break decide; }
        // LB23
        if ((prev === AL || prev === HL) && cls === NU) { d = NO; break decide; }
        if (prev === NU && (cls === AL || cls === HL)) { d = NO; break decide; }
        // LB23a
        if (prev === PR && (cls === ID || cls === EB || cls === EM)) { d = NO; break decide; }
        if ((prev === ID || prev === EB || prev === EM) && cls === PO) { d = NO; break decide; }
        // LB24
        if ((prev === PR || prev === PO) && (cls === AL || cls === HL)) { d = NO; break decide; }
        if ((prev === AL || prev === HL) && (cls === PR || cls === PO)) { d = NO; break decide; }
        // LB25 (regex form): (PR|PO) × (OP|HY)? NU; (OP|HY) × NU; NU (NU|SY|IS)* × (NU|SY|IS|CL|CP);
        // NU (NU|SY|IS)* (CL|CP)? × (PO|PR)
        if (prev === PR || prev === PO) {
          if (cls === NU) { d = NO; break decide; }
          if ((cls === OP || cls === HY) && elementAfterMarks(i + len) === NU) { d = NO; break decide; }
        }
        if ((prev === OP || prev === HY) && cls === NU) { d = NO; break decide; }
        if (numState === 1 && (cls === NU || cls === SY || cls === IS || cls === CL || cls === CP)) { d = NO; break decide; }
        if (numState !== 0 && (cls === PO || cls === PR)) { d = NO; break decide; }
        // LB26
        if (prev === JL && (cls === JL || cls === JV || cls === H2 || cls === H3)) { d = NO; break decide; }
        if ((prev === JV || prev === H2) && (cls === JV || cls === JT)) { d = NO; break decide; }
        if ((prev === JT || prev === H3) && cls === JT) { d = NO; break decide; }
        // LB27
        if ((prev === JL || prev === JV || prev === JT || prev === H2 || prev === H3) && cls === PO) { d = NO; break decide; }
        if (prev === PR && (cls === JL || cls === JV || cls === JT || cls === H2 || cls === H3)) { d = NO; break decide; }
        // LB28
        if ((prev === AL || prev === HL) && (cls === AL || cls === HL)) { d = NO; break decide; }
        // LB29
        if (prev === IS && (cls === AL || cls === HL)) { d = NO; break decide; }
        // LB30
        if ((prev === AL || prev === HL || prev === NU) && code === OP) { d = NO; break decide; }
        if (prevCode === CP && (cls === AL || cls === HL || cls === NU)) { d = NO; break decide; }
        // LB30a
        if (prev === RI && cls === RI && (riCount & 1) === 1) { d = NO; break decide; }
        // LB30b
        if (cls === EM && (prev === EB || prevCode === ID_XPCN)) { d = NO; break decide; }
        // LB31
        d = ALLOW;
      }
      if (d !== NO) out[i] = d === MUST ? BREAK_REQUIRED : BREAK_ALLOWED;
    }

    // A new element starts here.
    const before = prev;
    prevPrev = prev;
    prev = cls;
    prevCode = code;
    if (cls !== SP) {
      lastNonSp = cls;
      piOpen = code === QU_PI && (before === NONE || LB15A_PRECEDE[before] === 1);
    }
    if (cls === NU) numState = 1;
    else if (numState === 1 && (cls === SY || cls === IS)) numState = 1;
    else if (numState === 1 && (cls === CL || cls === CP)) numState = 2;
    else numState = 0;
    riCount = cls === RI ? riCount + 1 : 0;
    prevCharZWJ = isZWJ;
    i += len;
  }
  // LB3
  out[n] = BREAK_REQUIRED;
  return out;
}

function isSurrogatePairAt(text: string, at: number, n: number): boolean {
  const u = text.charCodeAt(at);
  if (u < 0xd800 || u > 0xdbff || at + 1 >= n) return false;
  const lo = text.charCodeAt(at + 1);
  return lo >= 0xdc00 && lo <= 0xdfff;
}
