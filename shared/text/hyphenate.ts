// Liang hyphenation (Frank Liang's TeX algorithm) with the US English patterns (hyph-en-us,
// the TeX patterns shipped as data by the `hyphen` npm package, 1.14.1). Only the pattern data
// is used — copied into data/hyphen-en-us.ts as a JSON string by scripts/gen-hyphen-data.mjs
// and parsed the first time a word is hyphenated (evaluating the package's 100 KB object
// literal cost every process 11–18 ms at start-up) — and the algorithm is the small loop
// below, so Node and the browser give identical results. Verified to agree with the package's
// own hyphenator (leftMin 2, rightMin 2) on a 5,000-word sample.
import type { HyphenTrie } from 'hyphen/patterns/en-us.js';
import type EnUsData from 'hyphen/patterns/en-us.js';
import { EN_US_PATTERNS_JSON } from './data/hyphen-en-us';

export interface HyphenationOptions {
  /** Fewest characters before a hyphen (default 2). */
  leftMin?: number;
  /** Fewest characters after a hyphen (default 3, as TeX's \righthyphenmin for English). */
  rightMin?: number;
}

type Patterns = typeof EnUsData;
let patterns: Patterns | undefined;

/** The en-US patterns: [levels table, pattern trie, exceptions], parsed on first use. */
export function enUsPatterns(): Patterns {
  return (patterns ??= JSON.parse(EN_US_PATTERNS_JSON) as Patterns);
}

type Node = HyphenTrie | number | readonly [HyphenTrie, number];

/** Odd-valued gaps of a lower-case word: index k is the gap before letter k. */
function liangLevels(lw: string): Uint8Array {
  const [LEVELS, TRIE] = enUsPatterns();
  const n = lw.length;
  const levels = new Uint8Array(n + 1);
  const dotted = '.' + lw + '.';
  for (let s = 0; s < dotted.length; s++) {
    // A pattern starting at the leading dot stores no value for the gap before the dot, so its
    // entry 0 is the gap before letter 0; any other pattern starting at dotted[s] (letter s-1)
    // stores the gap before its first letter first.
    const base = s === 0 ? 0 : s - 1;
    let node: HyphenTrie = TRIE;
    for (let k = s; k < dotted.length; k++) {
      const t: Node | undefined = node[dotted[k]];
      if (t === undefined) break;
      let li: number;
      if (typeof t === 'number') {
        li = t;
        node = EMPTY;
      } else if (Array.isArray(t)) {
        const pair = t as readonly [HyphenTrie, number];
        node = pair[0];
        li = pair[1];
      } else {
        node = t as HyphenTrie;
        continue;
      }
      const pl = LEVELS[li];
      for (let j = 0; j < pl.length; j++) {
        const at = base + j;
        if (at <= n && pl[j] > levels[at]) levels[at] = pl[j];
      }
    }
  }
  return levels;
}
const EMPTY: HyphenTrie = {};

/** Candidate offsets for a word, before leftMin/rightMin. Cached per word. */
const cache = new Map<string, readonly number[]>();
const CACHE_LIMIT = 50_000;

function candidates(word: string): readonly number[] {
  const hit = cache.get(word);
  if (hit) return hit;
  let lw = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    const l = c.toLowerCase();
    lw += l.length === 1 ? l : c; // keep offsets aligned with the word
  }
  let pts: number[];
  const exceptions = enUsPatterns()[2];
  const exception = Object.prototype.hasOwnProperty.call(exceptions, lw) ? exceptions[lw] : undefined;
  if (exception) {
    pts = exception.slice();
  } else {
    const levels = liangLevels(lw);
    pts = [];
    for (let i = 1; i < lw.length; i++) {
      if ((levels[i] & 1) === 1 && isLetter(lw, i - 1) && isLetter(lw, i)) pts.push(i);
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, pts);
  return pts;
}

/** Letters take part in hyphenation; digits, apostrophes, surrogates etc. block a hyphen next to them. */
function isLetter(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdfff) return false;
  const ch = s[i];
  return ch.toLowerCase() !== ch.toUpperCase();
}

/**
 * UTF-16 offsets inside `word` where a hyphen may be inserted (Liang, en-US patterns), in
 * increasing order, honouring leftMin/rightMin. `word` is a single word without spaces or
 * hyphens; case does not matter.
 */
export function hyphenationPoints(word: string, opts?: HyphenationOptions): number[] {
  const leftMin = Math.max(1, opts?.leftMin ?? 2);
  const rightMin = Math.max(1, opts?.rightMin ?? 3);
  if (word.length < leftMin + rightMin) return [];
  const out: number[] = [];
  for (const p of candidates(word)) {
    if (p >= leftMin && p <= word.length - rightMin) out.push(p);
  }
  return out;
}

/** The word with `hyphen` (default U+00AD soft hyphen) inserted at each hyphenation point. */
export function hyphenate(word: string, hyphen = '\u00ad', opts?: HyphenationOptions): string {
  let out = '';
  let last = 0;
  for (const p of hyphenationPoints(word, opts)) {
    out += word.slice(last, p) + hyphen;
    last = p;
  }
  return out + word.slice(last);
}
