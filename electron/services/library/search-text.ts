// The text side of library search: what is indexed, how it is cut into grams, and how a query
// is cut into terms. No SQL here; search.ts turns terms into queries.
//
// Design (why two full-text indexes):
//   * The search text (articles.search_headline / search_body) is stored lower-cased (JS
//     toLowerCase), and query terms are lower-cased the same way: one case rule for every
//     matcher below, Chinese and English alike.
//   * article_fts: FTS5 with the `trigram` tokenizer over the search text. A phrase query of a
//     term of 3+ characters is an exact substring match answered from the index.
//   * Trigrams cannot answer 1–2 character terms, and Chinese needs them (太原, 晋, 王勇). A LIKE
//     scan over the search text is exact but reads every article: ~200 ms for a rare term in
//     100,000 articles (bench/library.ts). So article_grams indexes every run of letters/digits
//     as its overlapping bigrams plus the run's last character: "太原市" → "太原 原市 市". A
//     2-character term is then one token ("太原"), and a 1-character term is a prefix query
//     ("晋"*: every bigram starting with 晋, or 晋 ending a run). Both are exact by construction
//     — a term made of letters/digits can only occur inside one run — so no recheck is needed.
//     The tokens are built here in JS and fed to FTS5's `ascii` tokenizer, which splits only on
//     ASCII punctuation/space and so keeps every token whole: SQLite's Unicode tables play no
//     part.
//   * The gram index also gives a superset for any other term (all its bigrams present), so a
//     query mixing kinds (太原 招商引资) is one streamed gram-index query whose non-gram terms
//     are then checked exactly with instr() on the search text. Terms of 1–2 characters with
//     punctuation or symbols (“ 、 %) are checked the same way.

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
    headline: [content.kicker, content.headline.join(joiner), content.subhead].filter(present).join('\n').toLowerCase(),
    body: [content.byline, content.credit, content.lead, ...content.body.map(blockText), content.editorCredit]
      .filter(present)
      .join('\n')
      .toLowerCase(),
  };
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
 * The gram document of a lower-cased text: for each run of letters/digits, its overlapping
 * bigrams and its last character, space-separated. "pm10 太原市" → "pm m1 10 0 太原 原市 市".
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

export type TermKind = 'trigram' | 'gram' | 'like';

export interface SearchTerm {
  /** As typed. */
  text: string;
  /** Lower-cased: what is looked for in the (lower-cased) search text. */
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
 * substring (quotes, operators and wildcards mean nothing special).
 */
export function parseQuery(query: string): SearchTerm[] {
  const seen = new Set<string>();
  const terms: SearchTerm[] = [];
  for (const text of query.trim().split(/\s+/u)) {
    const needle = text.toLowerCase();
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
 * prefix) to be checked against the text.
 */
export function gramExpression(needle: string): string | null {
  const parts: string[] = [];
  for (const run of needle.match(/[\p{L}\p{N}\p{Co}]+/gu) ?? []) {
    const chars = [...run];
    if (chars.length === 1) parts.push(`${ftsPhrase(chars[0])}*`);
    for (let i = 0; i + 1 < chars.length; i++) parts.push(ftsPhrase(chars[i] + chars[i + 1]));
  }
  const unique = [...new Set(parts)];
  return unique.length === 0 ? null : unique.length === 1 ? unique[0] : `(${unique.join(' AND ')})`;
}
