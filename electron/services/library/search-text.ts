// The text side of library search: what is indexed, how it is cut into grams, and how a query
// is cut into terms. No SQL here; search.ts turns terms into queries.
//
// Design (schema 4; README.md "Search" has the numbers):
//   * The search text (articles.search_headline / search_body) is stored folded (schema 6,
//     foldForSearch: curly quotes straight, full-width ASCII forms as ASCII, then JS
//     toLowerCase), and query terms are folded the same way: one rule for every matcher
//     below, Chinese and English alike. Every match is decided on that text: a term
//     matches where it is a literal substring (instr() in SQL).
//   * Two FTS5 `trigram` indexes over the search text, one per column (article_fts_head,
//     article_fts_body), with detail=none: they store which articles hold a trigram, not where.
//     A term of 3+ characters selects the articles that hold all of its trigrams (a superset),
//     and instr() on the stored text keeps the ones that hold the term itself. Positions
//     (detail=full) would make the index answer phrases alone, but they made building it twice
//     as slow.
//   * Trigrams cannot answer 1–2 character terms, and Chinese needs them (太原, 晋, 王勇). A LIKE
//     scan over the search text is exact but reads every article: ~200 ms for a rare term in
//     100,000 articles (bench/library.ts). So article_grams indexes every run of letters/digits
//     as its overlapping bigrams plus the run's last character: "太原市" → "太原 原市 市". A
//     2-character term is then one token ("太原"), and a 1-character term is a prefix query
//     ("晋"*: every bigram starting with 晋, or 晋 ending a run). Both are exact by construction
//     — a term made of letters/digits can only occur inside one run — so no recheck is needed.
//     The grams of the headline deck are indexed a second time behind HEADLINE_MARK ("§太原"),
//     so "in the headline" is a token too (the index keeps no columns: detail=none). Each gram
//     is written once per article. The tokens are built here in JS and fed to FTS5's `ascii`
//     tokenizer, which splits only on ASCII punctuation/space and so keeps every token whole:
//     SQLite's Unicode tables play no part.
//   * The gram index also gives a superset for any other term (all its bigrams present), so a
//     query mixing kinds (太原 招商引资) is one streamed gram-index query whose non-gram terms
//     are then checked exactly with instr() on the search text. Terms of 1–2 characters with
//     punctuation or symbols (“ 、 %) are checked the same way.
//
// Schema 2 had one trigram index with positions over both columns and a gram index with
// column lists; gramsOf() below is its gram format, kept for migration 002.

/** The searchable text of an article, split by relevance: the headline deck and the rest. */
export interface SearchFields {
  headline: string;
  body: string;
}

/** The fields of the content that search reads (the columns of schema version 1). */
export interface SearchableContent {
  language: 'zh' | 'en';
  kicker: string | null;
  headline: string[];
  subhead: string | null;
  byline: string | null;
  credit: string | null;
  lead: string | null;
  editorCredit: string | null;
  body: ReadonlyArray<
    | { type: 'paragraph'; text: string }
    | { type: 'subhead'; text: string }
    | { type: 'photo'; caption: string; credit: string | null }
    | { type: 'brief'; title: string; paragraphs: ReadonlyArray<{ text: string }> }
  >;
}

function blockText(block: SearchableContent['body'][number]): string {
  switch (block.type) {
    case 'paragraph':
    case 'subhead':
      return block.text;
    case 'photo':
      return block.credit ? `${block.caption}\n${block.credit}` : block.caption;
    case 'brief':
      return [block.title, ...block.paragraphs.map((p) => p.text)].join('\n');
  }
}

const present = (s: string | null | undefined): s is string => !!s;

/**
 * Headline column: kicker, headline lines (joined without a break in Chinese, so a term that
 * straddles two printed lines is found; with a space in English), subhead. Body column: byline,
 * credit, lead, every block, editor credit. Fields are separated by newlines; all lower-cased.
 */
export function searchFields(content: SearchableContent): SearchFields {
  const joiner = content.language === 'en' ? ' ' : '';
  return {
    headline: foldForSearch([content.kicker, content.headline.join(joiner), content.subhead].filter(present).join('\n')),
    body: foldForSearch(
      [content.byline, content.credit, content.lead, ...content.body.map(blockText), content.editorCredit].filter(present).join('\n'),
    ),
  };
}

// Typographic quotes (‘ ’ ‚ ‛ and “ ” „ ‟) and the full-width forms of ASCII (U+FF01–FF5E).
const FOLDED = /[\u2018-\u201f\uff01-\uff5e]/g;
const foldChar = (ch: string): string => {
  const c = ch.charCodeAt(0);
  if (c >= 0xff01) return String.fromCharCode(c - 0xfee0);
  return c <= 0x201b ? "'" : '"';
};

/**
 * The search form of a text (schema 6): the forms of a mark that a reader types alike made one
 * — curly quotes straight, full-width ，：（）！ and ＡＢＣ１２３ as ASCII — then lower-cased.
 * One UTF-16 unit for one, so lengths and positions do not move. Stored text and query terms
 * both go through it: O'Connor finds the imported O’Connor, 消息,省 finds 消息，省 and back.
 */
export function foldForSearch(s: string): string {
  return s.replace(FOLDED, foldChar).toLowerCase();
}

// Letters, digits and private-use characters make up "runs" (the same classes FTS5's unicode61
// uses for tokens). Cached per BMP code point: the regex is the slow part otherwise.
const TOKEN_CHAR = /^[\p{L}\p{N}\p{Co}]$/u;
const bmpClass = new Uint8Array(0x10000); // 0 unknown, 1 token char, 2 separator

function isTokenChar(ch: string, cp: number): boolean {
  if (cp < 0x10000) {
    let c = bmpClass[cp];
    if (c === 0) {
      c = TOKEN_CHAR.test(ch) ? 1 : 2;
      bmpClass[cp] = c;
    }
    return c === 1;
  }
  return TOKEN_CHAR.test(ch);
}

/** True when every character of the term can be found through the gram index. */
export function isGrammable(term: string): boolean {
  for (const ch of term) if (!isTokenChar(ch, ch.codePointAt(0)!)) return false;
  return term.length > 0;
}

/**
 * Schema 2's gram column (migration 002 only): for each run of letters/digits of a lower-cased
 * text, its overlapping bigrams and its last character, space-separated, repeats included.
 * "pm10 太原市" → "pm m1 10 0 太原 原市 市". Schema 4 uses gramDocument().
 */
export function gramsOf(s: string): string {
  const out: string[] = [];
  let prev = '';
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    const ch = cp > 0xffff ? s.slice(i, i + 2) : s[i];
    i += ch.length;
    if (isTokenChar(ch, cp)) {
      if (prev) out.push(prev + ch);
      prev = ch;
    } else if (prev) {
      out.push(prev);
      prev = '';
    }
  }
  if (prev) out.push(prev);
  return out.join(' ');
}

/**
 * Marks a gram of the headline deck in article_grams: "§太原". Not a letter or digit, so no
 * gram of the text starts with it, and a prefix query ("晋"*) never reaches a marked gram.
 */
export const HEADLINE_MARK = '\u00a7';
const HEADLINE_MARK_CODE = HEADLINE_MARK.charCodeAt(0);

/** 1 when a BMP code unit is a letter/digit (a run character), 2 when not; filled on first use. */
function bmpKind(c: number): number {
  let k = bmpClass[c];
  if (k === 0) {
    k = c >= 0xd800 && c <= 0xdfff ? 2 : TOKEN_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
    bmpClass[c] = k;
  }
  return k;
}

// Building a gram document (one per article, thousands per import) without a string per gram:
// the grams go into a buffer of UTF-16 code units that becomes one string at the end, and a set
// of the grams already written (open addressing over 32-bit keys: two BMP code units, or one
// for a run's last character; cleared by bumping a stamp) writes each gram once. A letter/digit
// is never below U+0030, so a pair key never equals a single one. Grams with a character
// outside the BMP are not remembered, only written again (harmless, and rare).
let gramBuf = new Uint16Array(16384);
let gramPos = 0;
let seenKeys = new Uint32Array(2048);
let seenStamps = new Uint32Array(2048);
let seenMask = 2047;
let seenUsed = 0;
let seenStamp = 0;

function clearSeen(): void {
  seenUsed = 0;
  if (++seenStamp === 0xffffffff) {
    seenStamps.fill(0);
    seenStamp = 1;
  }
}

/**
 * A key's first slot: the top log2(table size) bits of its Fibonacci product (clz32 of the
 * mask is 32 − log2(size)); the low bits spread keys badly.
 */
function slotOf(key: number): number {
  return Math.imul(key, 0x9e3779b1) >>> Math.clz32(seenMask);
}

/** True the first time `key` is seen since clearSeen(). */
function firstSight(key: number): boolean {
  let h = slotOf(key);
  while (seenStamps[h] === seenStamp) {
    if (seenKeys[h] === key) return false;
    h = (h + 1) & seenMask;
  }
  seenStamps[h] = seenStamp;
  seenKeys[h] = key;
  if (++seenUsed * 2 > seenMask) growSeen();
  return true;
}

function growSeen(): void {
  const keys = seenKeys;
  const stamps = seenStamps;
  const size = (seenMask + 1) * 2;
  seenKeys = new Uint32Array(size);
  seenStamps = new Uint32Array(size);
  seenMask = size - 1;
  for (let i = 0; i < keys.length; i++) {
    if (stamps[i] !== seenStamp) continue;
    let h = slotOf(keys[i]);
    while (seenStamps[h] === seenStamp) h = (h + 1) & seenMask;
    seenStamps[h] = seenStamp;
    seenKeys[h] = keys[i];
  }
}

function reserve(units: number): void {
  if (gramPos + units <= gramBuf.length) return;
  const bigger = new Uint16Array(gramBuf.length * 2 + units);
  bigger.set(gramBuf.subarray(0, gramPos));
  gramBuf = bigger;
}

/** Appends " " + mark + s[from, to) (no space before the first gram, no mark when 0). */
function emit(mark: number, s: string, from: number, to: number): void {
  reserve(to - from + 2);
  if (gramPos > 0) gramBuf[gramPos++] = 0x20;
  if (mark) gramBuf[gramPos++] = mark;
  for (let k = from; k < to; k++) gramBuf[gramPos++] = s.charCodeAt(k);
}

/** emit() of a bigram of two BMP code units (most grams). */
function emitPair(mark: number, a: number, b: number): void {
  if (gramPos + 4 > gramBuf.length) reserve(4);
  if (gramPos > 0) gramBuf[gramPos++] = 0x20;
  if (mark) gramBuf[gramPos++] = mark;
  gramBuf[gramPos++] = a;
  gramBuf[gramPos++] = b;
}

/** Appends the grams of `s` not written yet, each behind `mark` (0: none). */
function addGrams(s: string, mark: number): void {
  const n = s.length;
  let prev = -1; // index in s of the previous letter/digit of the current run, -1 outside a run
  let prevCp = 0;
  for (let i = 0; i < n; ) {
    let cp = s.charCodeAt(i);
    let len = 1;
    let isRunChar: boolean;
    if (cp < 0xd800 || cp > 0xdfff) {
      isRunChar = (bmpClass[cp] || bmpKind(cp)) === 1;
    } else {
      const lo = cp <= 0xdbff && i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = ((cp - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        len = 2;
        isRunChar = TOKEN_CHAR.test(String.fromCodePoint(cp));
      } else {
        isRunChar = false; // a lone surrogate
      }
    }
    if (isRunChar) {
      if (prev >= 0) {
        if (prevCp > 0xffff || cp > 0xffff) emit(mark, s, prev, i + len);
        else if (firstSight(((prevCp << 16) | cp) >>> 0)) emitPair(mark, prevCp, cp);
      }
      prev = i;
      prevCp = cp;
    } else if (prev >= 0) {
      if (prevCp > 0xffff || firstSight(prevCp)) emit(mark, s, prev, i);
      prev = -1;
    }
    i += len;
  }
  if (prev >= 0 && (prevCp > 0xffff || firstSight(prevCp))) emit(mark, s, prev, n);
}

/**
 * The gram document of an article (schema 4, article_grams): every distinct gram of the search
 * text (the bigrams of each run of letters/digits plus the run's last character), then every
 * distinct gram of the headline deck again behind HEADLINE_MARK. Space-separated.
 *   { headline: "太原市", body: "pm10 太原" } → "太原 原市 市 pm m1 10 0 原 §太原 §原市 §市"
 */
export function gramDocument(text: SearchFields): string {
  gramPos = 0;
  clearSeen();
  addGrams(text.headline, 0);
  addGrams(text.body, 0);
  clearSeen();
  addGrams(text.headline, HEADLINE_MARK_CODE);
  return Buffer.from(gramBuf.buffer, gramBuf.byteOffset, gramPos * 2).toString('utf16le');
}

export type TermKind = 'trigram' | 'gram' | 'like';

export interface SearchTerm {
  /** As typed. */
  text: string;
  /** Folded (foldForSearch): what is looked for in the (folded) search text. */
  needle: string;
  /** trigram: 3+ characters; gram: 1–2 letters/digits; like: 1–2 characters with others. */
  kind: TermKind;
}

/** Code points, not UTF-16 units: 𠀀 is one character. */
export function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Whitespace separates terms; all terms must match (AND). Each term is matched as a literal
 * substring (quotes, operators and wildcards mean nothing special) of the folded text, folded
 * itself: `消息,省政府` finds `消息，省政府`, `o'connor` finds `O’Connor`.
 */
export function parseQuery(query: string): SearchTerm[] {
  const seen = new Set<string>();
  const terms: SearchTerm[] = [];
  for (const text of query.trim().split(/\s+/u)) {
    const needle = foldForSearch(text);
    if (!needle || seen.has(needle)) continue;
    seen.add(needle);
    const n = charLength(needle);
    terms.push({ text, needle, kind: n >= 3 ? 'trigram' : isGrammable(needle) ? 'gram' : 'like' });
  }
  return terms;
}

/** An FTS5 string literal: the text as one phrase, quotes doubled. */
export function ftsPhrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/**
 * An FTS5 expression over article_grams that every article containing `needle` matches, or
 * null when the needle has no letters/digits. Exact for a 1–2 character gram term; for
 * anything else a superset (all the bigrams of its runs present, each lone character as a
 * prefix) to be checked against the text. `inHeadline`: the same over the headline deck's
 * grams (HEADLINE_MARK).
 */
export function gramExpression(needle: string, inHeadline = false): string | null {
  const mark = inHeadline ? HEADLINE_MARK : '';
  const parts: string[] = [];
  for (const run of needle.match(/[\p{L}\p{N}\p{Co}]+/gu) ?? []) {
    const chars = [...run];
    if (chars.length === 1) parts.push(`${ftsPhrase(mark + chars[0])}*`);
    for (let i = 0; i + 1 < chars.length; i++) parts.push(ftsPhrase(mark + chars[i] + chars[i + 1]));
  }
  return andOf(parts);
}

/**
 * An FTS5 expression over a trigram index (detail=none: no phrases) that every text containing
 * `needle` (3+ characters) matches: all of its trigrams. A superset, checked against the text.
 */
export function trigramExpression(needle: string): string {
  const chars = [...needle];
  const parts: string[] = [];
  for (let i = 0; i + 3 <= chars.length; i++) parts.push(ftsPhrase(chars[i] + chars[i + 1] + chars[i + 2]));
  const e = andOf(parts);
  if (e === null) throw new RangeError(`trigramExpression: "${needle}" is shorter than 3 characters`);
  return e;
}

function andOf(parts: string[]): string | null {
  const unique = [...new Set(parts)];
  return unique.length === 0 ? null : unique.length === 1 ? unique[0] : `(${unique.join(' AND ')})`;
}
