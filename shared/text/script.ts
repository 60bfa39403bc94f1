// Splits text into script runs that decide which font chain sets them: 'Hani' runs go to the
// CJK fonts, 'Latn' runs to the Latin font (Noto Serif), because the CJK fonts' Latin
// letters are plain and their ASCII-range quotes and dashes are full width.
//
// Every code point gets a class, then the weak classes are resolved from their neighbours:
//
//   H  strong Han: ideographs (all blocks), CJK radicals, CJK symbols and punctuation
//      (U+3000–303F: 、。「」《》〇 and the ideographic space), kana, bopomofo, Hangul,
//      enclosed CJK, CJK compatibility and vertical forms, fullwidth and halfwidth forms
//      (U+FF00–FFEF: ，！（）０-９Ａ-Ｚ…: a fullwidth digit or letter is Chinese typography).
//   L  strong Latin: ASCII letters and digits, Latin-1 letters, Latin Extended, IPA, Greek,
//      Cyrillic, Latin ligatures. Digits next to Han are L too: `2028年` is Latn + Hani.
//   P  ASCII punctuation and the ASCII space: always Latn (as the fixture's `消息,省政府`
//      has it; turning such commas into `，` is the importer's call, not the shaper's), but
//      they do not count as a strong neighbour when resolving A below.
//   A  punctuation shared by Chinese and Western text: “ ” ‘ ’ — ― ‥ … · ‧ ⋯ ⸺ ⸻.
//      Resolved to Hani when the nearest strong character (H or L) before or after it on the
//      same line is Han — inside Chinese text they are Chinese punctuation, full width, set
//      with the CJK font: `打造“5A级”`, `雁门关—广武`, `他说：“Yes.”`. Otherwise Latn when a
//      neighbour is Latin (`don’t`, `“Hello,” he said`), else Zyyy.
//      When the caller knows the paragraph language, it decides instead (GB/T 15834: Chinese
//      text uses full-width quotes even around Latin words; English text Latin ones even
//      around Chinese words):
//        zh/ja/ko… → Hani, except an apostrophe ’ ‘ directly between two Latin letters or
//        digits (`don’t`); a dash between digits stays Chinese (`2024—2025年`, GB/T 15834);
//        any other language → Latn, except when both nearest strong neighbours are Han.
//   M  extending characters (combining marks, variation selectors, ZWJ/ZWNJ): the script
//      of the character before, so a base and its marks are never split.
//   N  everything else (symbols ℃ ° % ‰ №, other punctuation, emoji, controls, unassigned):
//      the script of the character before it on the same line; at a line start, of the
//      character after it; Zyyy when the line has nothing to lean on.
//
// Lines (\n, \r, U+2028, U+2029) bound the neighbour search: a quote at the end of one
// paragraph says nothing about the next one. The line separators themselves are N.
//
// Runs are maximal, half-open UTF-16 ranges [start, end) that cover the whole text.
import type { Script } from './font';

export interface ScriptRun {
  start: number;
  end: number;
  script: Script;
}

const enum K {
  H = 0,
  L = 1,
  P = 2,
  A = 3,
  M = 4,
  N = 5,
  Break = 6,
}

const AMBIGUOUS = new Set([0x2018, 0x2019, 0x201c, 0x201d, 0x2014, 0x2015, 0x2025, 0x2026, 0x00b7, 0x2027, 0x22ef, 0x2e3a, 0x2e3b]);

function classify(cp: number): K {
  if (cp < 0x80) {
    if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) return K.L;
    if (cp === 0x0a || cp === 0x0d) return K.Break;
    if (cp >= 0x20 && cp < 0x7f) return K.P;
    return K.N; // other controls
  }
  // Ext A and the URO (most of a Chinese text): no ambiguous, extending or Latin character
  // lies in them, so they are Han before any of the tests below.
  if (cp >= 0x3400 && cp <= 0x9fff) return K.H;
  if (AMBIGUOUS.has(cp)) return K.A;
  if (cp === 0x2028 || cp === 0x2029) return K.Break;
  // Extending characters first: some live inside blocks classified below.
  if (
    (cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x0483 && cp <= 0x0489) || (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff) || cp === 0x200c || cp === 0x200d ||
    (cp >= 0x302a && cp <= 0x302f) || cp === 0x3099 || cp === 0x309a || (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xfe20 && cp <= 0xfe2f) || cp === 0xff9e || cp === 0xff9f || (cp >= 0xe0100 && cp <= 0xe01ef)
  ) {
    return K.M;
  }
  // Latin-1 letters (not × ÷), Latin Extended-A/B, IPA, spacing modifiers, Greek, Cyrillic,
  // Latin Extended Additional, Greek Extended, Latin Extended-C/D/E, Latin ligatures.
  if (
    (cp >= 0xc0 && cp <= 0xff && cp !== 0xd7 && cp !== 0xf7) || (cp >= 0x0100 && cp <= 0x02ff) ||
    (cp >= 0x0370 && cp <= 0x052f) || (cp >= 0x1e00 && cp <= 0x1fff) || (cp >= 0x2c60 && cp <= 0x2c7f) ||
    (cp >= 0xa720 && cp <= 0xa7ff) || (cp >= 0xab30 && cp <= 0xab6f) || (cp >= 0xfb00 && cp <= 0xfb06)
  ) {
    return K.L;
  }
  if (
    (cp >= 0x2e80 && cp <= 0x2fff) || // CJK radicals, Kangxi radicals, ideographic description
    (cp >= 0x3000 && cp <= 0x9fff) || // CJK punctuation, kana, bopomofo, Hangul jamo, enclosed, Ext A, URO
    (cp >= 0xa960 && cp <= 0xa97f) || (cp >= 0xac00 && cp <= 0xd7ff) || // Hangul
    (cp >= 0xf900 && cp <= 0xfaff) || // CJK compatibility ideographs
    (cp >= 0xfe10 && cp <= 0xfe1f) || (cp >= 0xfe30 && cp <= 0xfe4f) || // vertical, compatibility forms
    (cp >= 0xff00 && cp <= 0xffef) || // fullwidth and halfwidth forms
    (cp >= 0x1b000 && cp <= 0x1b16f) || // kana supplement/extended
    (cp >= 0x1f200 && cp <= 0x1f2ff) || // enclosed ideographic supplement
    (cp >= 0x20000 && cp <= 0x3ffff) // ideograph extensions B–I, compatibility supplement
  ) {
    return K.H;
  }
  return K.N;
}

export interface SplitOptions {
  /** BCP 47 language of the paragraph, when known: decides the shared punctuation (A). */
  language?: string;
}

/** Script codes of the typed arrays in splitByScript. */
const NONE = -1;
const HANI = 0;
const LATN = 1;
const ZYYY = 2;
const SCRIPTS: readonly Script[] = ['Hani', 'Latn', 'Zyyy'];
const NO_KINDS = new Uint8Array(0);

function isApostrophe(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c === 0x2019 || c === 0x2018;
}

/** Splits `text` into maximal script runs covering it; see the rules at the top of the file. */
export function splitByScript(text: string, options: SplitOptions = {}): ScriptRun[] {
  const lang = options.language?.toLowerCase() ?? '';
  const mode: 'neighbours' | 'cjk' | 'western' = !lang ? 'neighbours' : /^(zh|ja|ko|yue|cmn|wuu|hak|nan|gan)\b/.test(lang) ? 'cjk' : 'western';
  // One entry per code point, in typed arrays (this runs over every character of an edition).
  const starts = new Int32Array(text.length);
  const kinds = new Uint8Array(text.length);
  let n = 0;
  let seen = 0; // a bit per kind met
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const k = classify(cp);
    starts[n] = i;
    kinds[n++] = k;
    seen |= 1 << k;
    i += cp > 0xffff ? 2 : 1;
  }
  // Han with only marks and neutrals beside it, on one line: every rule below makes it all Han
  // (one paragraph in nine of the bench edition; the passes below are then skipped).
  if ((seen & ((1 << K.L) | (1 << K.P) | (1 << K.A) | (1 << K.Break))) === 0 && (seen & (1 << K.H)) !== 0) {
    return [{ start: 0, end: text.length, script: 'Hani' }];
  }
  // Script per code point: HANI, LATN, ZYYY or NONE (not yet resolved).
  const out = new Int8Array(n).fill(NONE);

  // Nearest strong class (H or L) before and after each position, within the line (A in
  // Chinese text looks at its neighbours only: no need for these there).
  const strong = mode !== 'cjk' && (seen & (1 << K.A)) !== 0;
  const strongBefore = strong ? new Uint8Array(n) : NO_KINDS;
  const strongAfter = strong ? new Uint8Array(n) : NO_KINDS;
  if (strong) {
    let last: K = K.N;
    for (let i = 0; i < n; i++) {
      strongBefore[i] = last;
      const k = kinds[i];
      if (k === K.Break) last = K.N;
      else if (k === K.H || k === K.L) last = k;
    }
    last = K.N;
    for (let i = n - 1; i >= 0; i--) {
      strongAfter[i] = last;
      const k = kinds[i];
      if (k === K.Break) last = K.N;
      else if (k === K.H || k === K.L) last = k;
    }
  }

  // Strong, P and A resolve on their own; M and N lean on the character before them on the
  // same line…
  let prev = NONE;
  for (let i = 0; i < n; i++) {
    const k = kinds[i];
    if (k === K.H) out[i] = HANI;
    else if (k === K.L || k === K.P) out[i] = LATN;
    else if (k === K.A) {
      if (mode === 'cjk') out[i] = isApostrophe(text, starts[i]) && i > 0 && i + 1 < n && kinds[i - 1] === K.L && kinds[i + 1] === K.L ? LATN : HANI;
      else {
        const b = strongBefore[i];
        const a = strongAfter[i];
        if (mode === 'western') out[i] = b === K.H && a === K.H ? HANI : LATN;
        else out[i] = b === K.H || a === K.H ? HANI : b === K.L || a === K.L ? LATN : ZYYY;
      }
    } else if (k === K.Break) {
      prev = NONE;
      continue;
    } else if (prev !== NONE) out[i] = prev; // M or N
    if (out[i] !== NONE) prev = out[i];
  }
  // …or, at the start of a line, on the first resolved character after them.
  let next = NONE;
  for (let i = n - 1; i >= 0; i--) {
    const k = kinds[i];
    if (k === K.Break) {
      next = NONE;
      continue;
    }
    if (out[i] === NONE && next !== NONE) out[i] = next;
    if (out[i] !== NONE) next = out[i];
  }
  // Line separators join the run before them (or after, at the start of the text).
  for (let i = 0; i < n; i++) if (kinds[i] === K.Break) out[i] = i > 0 ? out[i - 1] : NONE;
  for (let i = n - 1; i >= 0; i--) if (out[i] === NONE) out[i] = i + 1 < n ? out[i + 1] : ZYYY;

  const runs: ScriptRun[] = [];
  for (let i = 0; i < n; ) {
    const code = out[i];
    let j = i + 1;
    while (j < n && out[j] === code) j++;
    runs.push({ start: starts[i], end: j < n ? starts[j] : text.length, script: SCRIPTS[code] });
    i = j;
  }
  return runs;
}
