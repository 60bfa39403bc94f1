// Chinese line-breaking prohibitions (W3C clreq "Requirements for Chinese Text Layout",
// 禁则) and the tailored break opportunities the engine uses for Chinese paragraphs.
//
// Levels: 'none' (no prohibitions: some Taiwan and Hong Kong papers), 'basic', 'strict'.
// A prohibition set applies at its level and above.
//
// Deliberate tailorings of UAX #14 in cjkBreakOpportunities (tests/unit/text/kinsoku.test.ts
// checks each one):
//  T1  “ ‘ are opening punctuation (OP, East Asian) and ” ’ closing punctuation (CL) instead
//      of the ambiguous QU, so `说：“你` may break before “ and `”他` after ”; no break after
//      “ ‘ or before ” ’ (LB13/LB14).
//  T2  · (U+00B7, AI) is NS: it never starts a line (names such as 让·雅克).
//  T3  … (IN) and ⋯ (IN) are ID: at 'basic' a line may start with …… (clreq lists it as
//      strict-only); at 'strict' the kinsoku sets forbid it.
//  T4  Fullwidth digits ０–９ are NU and fullwidth Latin letters AL (UAX #14 has them ID, which
//      would split ２０２４): numbers and Latin words are never split.
//  T5  Kinsoku: no break before a not-at-line-start character or after a not-at-line-end
//      character of the active level (the sets below), whatever UAX #14 says. The strict
//      solidus (clreq's GB level) holds only in Chinese: after a / between letters or digits
//      (a URL, 2024/25) a line may still break.
//  T6  —— and …… are never split: no break between two dashes (— ⸺ ⸻) or two ellipses (… ⋯),
//      at every level.
//  T7  An apostrophe ’ followed by a letter or digit and not preceded by a Chinese character
//      does not end a line (`it’s`, `’90s`): T1 would otherwise make it a closing mark. (As a
//      not-at-line-start character it still never starts a line: `the ’90s` stays together.)
//  T8  Level 'none' lifts the UAX #14 prohibitions too between two Chinese characters or
//      Chinese punctuation marks (a line may start with ，。）), keeping T6 and the rules for
//      Latin words and numbers.
// Unchanged UAX #14 behaviour the engine relies on: a break is allowed between any two Han
// ideographs (ID ÷ ID) and between Han and Latin letters or digits (ID ÷ AL/NU, AL/NU ÷ ID);
// Latin words (AL × AL) and numbers (LB25) are never split — hyphenation points are added by
// the engine (shared/text/hyphenate.ts).
import { BREAK_ALLOWED, BREAK_NONE, BREAK_REQUIRED, breakKinds, lineBreakClass, opportunityList, type LBClass, type Opportunity, type Tailoring } from './uax14';

export type KinsokuLevel = 'none' | 'basic' | 'strict';
export const KINSOKU_LEVELS: readonly KinsokuLevel[] = ['none', 'basic', 'strict'];

export interface ProhibitionSet {
  /** Lowest level that enforces the set. */
  readonly level: Exclude<KinsokuLevel, 'none'>;
  readonly name: string;
  readonly chars: string;
}

/** Characters that may not start a line (clreq, from FACTS.md). */
export const NOT_AT_LINE_START: readonly ProhibitionSet[] = [
  { level: 'basic', name: 'pause and stop marks', chars: '、，。．：；！？‼⁇' },
  { level: 'basic', name: 'closing quotes and brackets', chars: '”’」』）》〉】〗〕］｝' },
  { level: 'basic', name: 'connectors (tilde, hyphen, en dash)', chars: '～-–' },
  { level: 'basic', name: 'interpuncts', chars: '·・‧' },
  { level: 'basic', name: 'solidus', chars: '/／' },
  { level: 'strict', name: 'dashes and ellipses', chars: '—…⋯⸺' },
];

/** Characters that may not end a line (clreq). */
export const NOT_AT_LINE_END: readonly ProhibitionSet[] = [
  { level: 'basic', name: 'opening quotes and brackets', chars: '“‘「『（《〈【〖〔［｛' },
  // clreq's GB level adds the solidus; strict is the GB level and more.
  { level: 'strict', name: 'solidus (GB level)', chars: '/／' },
];

const RANK: Readonly<Record<KinsokuLevel, number>> = { none: 0, basic: 1, strict: 2 };

/** Level rank (1 basic, 2 strict) at which a BMP code point is prohibited; 0: never. */
function rankTable(sets: readonly ProhibitionSet[]): Uint8Array {
  const t = new Uint8Array(0x10000);
  for (const s of sets) {
    for (const ch of s.chars) {
      const cp = ch.codePointAt(0) ?? 0;
      if (cp > 0xffff) throw new Error('kinsoku sets hold BMP characters only');
      const r = RANK[s.level];
      if (t[cp] === 0 || r < t[cp]) t[cp] = r;
    }
  }
  return t;
}
const START_RANK = rankTable(NOT_AT_LINE_START);
const END_RANK = rankTable(NOT_AT_LINE_END);

function toCp(ch: string | number): number {
  return typeof ch === 'number' ? ch : (ch.codePointAt(0) ?? -1);
}

/** Whether a line may not start with `ch` (a character or code point) at `level`. */
export function cannotStartLine(ch: string | number, level: KinsokuLevel): boolean {
  const cp = toCp(ch);
  const r = cp >= 0 && cp < 0x10000 ? START_RANK[cp] : 0;
  return r !== 0 && r <= RANK[level];
}

/**
 * Whether a line may not end with `ch` (a character or code point) at `level`. Given the
 * characters around it, the solidus is held only in Chinese (公里/小时): between letters or
 * digits (example.com/news/2024, 2024/25) a line still breaks after it, as at every level.
 */
export function cannotEndLine(ch: string | number, level: KinsokuLevel, before = -1, after = -1): boolean {
  const cp = toCp(ch);
  const r = cp >= 0 && cp < 0x10000 ? END_RANK[cp] : 0;
  if (r === 0 || r > RANK[level]) return false;
  return !solidusOutsideChinese(cp, before, after);
}

const SOLIDUS = new Set([0x2f, 0xff0f]);

/** A solidus between two characters known and neither Chinese (a URL, 2024/25): the GB-level hold does not apply. */
function solidusOutsideChinese(cp: number, before: number, after: number): boolean {
  return SOLIDUS.has(cp) && before >= 0 && after >= 0 && !chineseContext(before) && !chineseContext(after);
}

/** Han, or Chinese and full-width punctuation: a solidus next to one is Chinese text's. */
function chineseContext(cp: number): boolean {
  return isHan(cp) || (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xff01 && cp <= 0xff60);
}

// ---------------------------------------------------------------------------------------

const classes = new Map<number, LBClass>([
  [0x201c, 'OP'], [0x2018, 'OP'], [0x201d, 'CL'], [0x2019, 'CL'], // T1
  [0x00b7, 'NS'], // T2
  [0x2026, 'ID'], [0x22ef, 'ID'], // T3
]);
for (let cp = 0xff10; cp <= 0xff19; cp++) classes.set(cp, 'NU'); // T4
for (let cp = 0xff21; cp <= 0xff3a; cp++) classes.set(cp, 'AL');
for (let cp = 0xff41; cp <= 0xff5a; cp++) classes.set(cp, 'AL');

/** The UAX #14 tailoring for Chinese text (T1–T4); cjkBreakOpportunities adds T5–T8. */
export const CJK_TAILORING: Tailoring = { classes, eastAsian: new Set([0x201c, 0x2018]) };

const DASHES = new Set([0x2014, 0x2e3a, 0x2e3b]);
const ELLIPSES = new Set([0x2026, 0x22ef]);

function isHan(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x3fffd) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2e80 && cp <= 0x2fdf) ||
    cp === 0x3007
  );
}

/** Han, or punctuation set in Chinese text: the kinsoku sets, dashes, CJK and fullwidth punctuation. */
function isChinese(cp: number): boolean {
  if (isHan(cp)) return true;
  if (cp < 0x10000 && (START_RANK[cp] !== 0 || END_RANK[cp] !== 0)) return true;
  if (DASHES.has(cp)) return true;
  const punct =
    (cp > 0x3000 && cp <= 0x303f) ||
    (cp >= 0xfe10 && cp <= 0xfe1f) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff01 && cp <= 0xff0f) ||
    (cp >= 0xff1a && cp <= 0xff20) ||
    (cp >= 0xff3b && cp <= 0xff40) ||
    (cp >= 0xff5b && cp <= 0xff65);
  if (!punct) return false;
  const c = lineBreakClass(cp);
  return c === 'OP' || c === 'CL' || c === 'CP' || c === 'EX' || c === 'IS' || c === 'ID';
}

function isMark(cp: number): boolean {
  const c = lineBreakClass(cp);
  return c === 'CM' || c === 'ZWJ';
}

function isWordChar(cp: number): boolean {
  const c = classes.get(cp) ?? lineBreakClass(cp);
  return c === 'AL' || c === 'HL' || c === 'NU';
}

function cpLen(cp: number): number {
  return cp > 0xffff ? 2 : 1;
}

/**
 * Break opportunities for a Chinese paragraph: UAX #14 with CJK_TAILORING, then the clreq
 * prohibitions of `level` (see T1–T8 above). Same shape as breakOpportunities: the end of the
 * text is a required opportunity.
 */
export function cjkBreakOpportunities(text: string, level: KinsokuLevel = 'basic'): Opportunity[] {
  return opportunityList(cjkBreakKinds(text, level));
}

/** cjkBreakOpportunities as one byte per UTF-16 offset 0..n (see uax14.ts breakKinds). */
export function cjkBreakKinds(text: string, level: KinsokuLevel = 'basic'): Uint8Array {
  const n = text.length;
  // UAX #14 with the CJK tailoring, changed in place by the clreq prohibitions.
  const mark = breakKinds(text, CJK_TAILORING);
  if (n === 0) return mark;
  const rank = RANK[level];
  let left = text.codePointAt(0) ?? 0; // code point before the boundary
  let leftBase = left; // the same, skipping combining marks / variation selectors
  let beforeLeftBase = -1; // the base character before leftBase
  // The last base character that is not an ideographic space: a line ending in （　 ends, as
  // the reader sees it, in （ (the space hangs past the measure).
  let inkBase = left === 0x3000 ? -1 : left;
  let p = cpLen(left);
  while (p < n) {
    const right = text.codePointAt(p) ?? 0;
    let d = mark[p];
    if (d !== BREAK_REQUIRED) {
      if (d === BREAK_NONE && rank === 0 && isChinese(left) && isChinese(right)) d = BREAK_ALLOWED; // T8
      if (d === BREAK_ALLOWED) {
        if (rank !== 0) {
          // T5
          const s = right < 0x10000 ? START_RANK[right] : 0;
          const endsIn = leftBase === 0x3000 ? inkBase : leftBase;
          let e = endsIn >= 0 && endsIn < 0x10000 ? END_RANK[endsIn] : 0;
          // The solidus (GB level, in strict) only in Chinese: not inside a URL or a date.
          if (e !== 0 && solidusOutsideChinese(leftBase, beforeLeftBase, right)) e = 0;
          if ((s !== 0 && s <= rank) || (e !== 0 && e <= rank)) d = BREAK_NONE;
        }
        // T6 (every dash and ellipsis lies in U+2014..U+2E3B: most characters skip the sets)
        if (leftBase >= 0x2014 && leftBase <= 0x2e3b && ((DASHES.has(leftBase) && DASHES.has(right)) || (ELLIPSES.has(leftBase) && ELLIPSES.has(right)))) d = BREAK_NONE;
        // T7
        if (leftBase === 0x2019 && isWordChar(right) && (beforeLeftBase < 0 || !isChinese(beforeLeftBase))) d = BREAK_NONE;
      }
      mark[p] = d;
    }
    // U+3400..U+9FFF (Ext A, the Yijing hexagrams, the URO) hold no combining mark.
    if ((right >= 0x3400 && right <= 0x9fff) || !isMark(right)) {
      beforeLeftBase = leftBase;
      leftBase = right;
      if (right !== 0x3000) inkBase = right;
    }
    left = right;
    p += cpLen(right);
  }
  // The end of the text stays required (LB3, from breakKinds); the start and positions inside
  // a surrogate pair stay no opportunity (both loops step over them).
  return mark;
}
