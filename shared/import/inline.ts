// Text-level helpers shared by the importers: inline markup → marks, ASCII → full-width
// punctuation in Chinese context, language detection, "does this text stop mid-sentence".
// Everything here is linear in the input: a 5 MB paragraph goes through in one pass.
import type { Mark, RichText } from '../model';
import type { ImportWarningCode } from './types';

export interface InlineProblem {
  code: Extract<ImportWarningCode, 'unclosed-markup' | 'unknown-markup'>;
  message: string;
  /** The markup concerned, verbatim. */
  text: string;
}

export interface InlineResult extends RichText {
  problems: InlineProblem[];
}

// ---------------------------------------------------------------------------------------
// Character classes

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Any character isCjk() accepts; a text without one has nothing to convert. */
const ANY_CJK = /[\u2014\u2026\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\ud840-\ud8bf]/;

/** Han (with radicals and supplementary planes), kana, CJK punctuation, full-width forms. */
function isCjkCode(c: number): boolean {
  return (
    (c >= 0x2e80 && c <= 0x9fff) || // radicals, CJK punctuation, kana, bopomofo, Han
    (c >= 0xf900 && c <= 0xfaff) || // compatibility ideographs
    (c >= 0xfe30 && c <= 0xfe4f) || // vertical / compatibility forms
    (c >= 0xff00 && c <= 0xffef) || // full-width forms
    (c >= 0xd840 && c <= 0xd8bf) || // high surrogate of planes 2–3 (Han extensions B–H)
    c === 0x2014 || // —— (em dash, used doubled in Chinese)
    c === 0x2026 // ……
  );
}

/** Han, kana, CJK punctuation and full-width forms: characters that make a "Chinese context". */
export function isCjk(ch: string): boolean {
  return ch !== '' && isCjkCode(ch.charCodeAt(0));
}

/** Detects the language by the share of Han characters among letters. */
export function detectLanguage(text: string): 'zh' | 'en' {
  let han = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
    else if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) han++;
    else if (c >= 0xd840 && c <= 0xd87f) han++; // high surrogate of the supplementary Han planes
  }
  // A Chinese text quoting a few English names stays Chinese; an English text with a
  // Chinese name stays English. One Han character carries about as much as a Latin word.
  return han > 0 && han * 5 >= latin ? 'zh' : 'en';
}

/** The last visible character, ignoring trailing whitespace and inline tags. */
function lastVisibleChar(raw: string): string {
  let end = raw.length;
  for (;;) {
    while (end > 0 && /\s/.test(raw[end - 1])) end--;
    if (end > 0 && raw[end - 1] === '>') {
      const open = raw.lastIndexOf('<', end - 1);
      if (open >= 0 && /^<\/?[A-Za-z][A-Za-z0-9]*\s*\/?>$/.test(raw.slice(open, end))) {
        end = open;
        continue;
      }
    }
    break;
  }
  if (end === 0) return '';
  const c = raw.charCodeAt(end - 1);
  return c >= 0xdc00 && c <= 0xdfff && end >= 2 ? raw.slice(end - 2, end) : raw[end - 1];
}

/**
 * True when text stops mid-sentence: it ends in a letter, Han character or digit (no closing
 * punctuation), or in a pause mark (，、,). Column breaks in print extraction look like this.
 */
export function endsMidSentence(raw: string): boolean {
  const ch = lastVisibleChar(raw);
  return ch !== '' && (LETTER_OR_DIGIT.test(ch) || ch === '，' || ch === '、' || ch === ',');
}

/** Joins two pieces of one paragraph: nothing between CJK, a space between Latin words. */
export function joinSeparator(before: string, after: string): string {
  const a = lastVisibleChar(before);
  const b = after.trimStart().charAt(0);
  return isCjk(a) || isCjk(b) ? '' : ' ';
}

// ---------------------------------------------------------------------------------------
// Punctuation

const FULL_WIDTH: Record<string, string> = {
  ',': '，',
  ':': '：',
  ';': '；',
  '(': '（',
  ')': '）',
  '?': '？',
  '!': '！',
};
const TRANSPARENT = new Set([' ', '\t', '“', '”', '‘', '’']);
const ASCII_ALNUM = /[A-Za-z0-9]/;
const ASCII_LETTER = /[A-Za-z]/;

/** The character code next to i (before or after), looking past spaces and curly quotes; -1 at the edge. */
function neighbour(text: string, i: number, step: -1 | 1): number {
  let j = i + step;
  while (j >= 0 && j < text.length && TRANSPARENT.has(text[j])) j += step;
  return j >= 0 && j < text.length ? text.charCodeAt(j) : -1;
}

/** For every ASCII bracket with a partner: whether the pair becomes （）. */
function bracketPairs(text: string): Map<number, boolean> {
  const decision = new Map<number, boolean>();
  const stack: number[] = [];
  const re = /[()]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '(') {
      stack.push(m.index);
      continue;
    }
    const open = stack.pop();
    if (open === undefined) continue;
    const close = m.index;
    let cjkInside = false;
    for (let k = open + 1; k < close && !cjkInside; k++) cjkInside = isCjkCode(text.charCodeAt(k));
    // 中国(China)是 and (上海) convert; f(x) — a bracket glued to a Latin word — does not.
    const glued = open > 0 && ASCII_ALNUM.test(text[open - 1]);
    const outside = isCjkCode(neighbour(text, open, -1)) || isCjkCode(neighbour(text, close, 1));
    const convert = cjkInside || (!glued && outside);
    decision.set(open, convert);
    decision.set(close, convert);
  }
  return decision;
}

interface Edit {
  start: number;
  end: number;
  length: number;
}

/**
 * ASCII , : ; ( ) ? ! become full-width when a neighbour (looking past spaces and curly
 * quotes) is Chinese, so `Mendez,与` → `Mendez，与` and `(上海)` → `（上海）`, while `1,000`,
 * `10:30`, `f(x)` and URLs stay as they are. Spaces around a converted mark are dropped
 * (full-width marks carry their own space). Marks are moved along with the text.
 */
/**
 * `latin`: the text is an English article's, where a mark next to a Chinese word ("北京, and")
 * is the English sentence's own; only a mark between two Chinese characters is converted.
 */
export function normalisePunctuation(text: string, marks?: Mark[], latin = false): { text: string; marks?: Mark[] } {
  // English copy gets typographic quotes (one character for one: marks keep their places).
  if (latin) text = curlQuotes(text);
  else if (ANY_CJK.test(text)) {
    if (text.includes('"')) text = chineseQuotes(text);
    if (text.includes("'")) text = innerQuotes(text);
    if (ELLIPSIS_LIKE.test(text)) ({ text, marks } = chineseEllipses(text, marks));
  }
  if (!/[,:;()?!.]/.test(text) || !ANY_CJK.test(text)) return { text, marks };
  const pairs = bracketPairs(text);
  const edits: Edit[] = [];
  const out = text.replace(/[ \t]*([,:;()?!.])[ \t]*/g, (match: string, mark: string, offset: number) => {
    const at = offset + match.indexOf(mark);
    if (mark === '.') {
      if (latin || !endsChineseSentence(text, at)) return match;
      if (match.length !== 1) edits.push({ start: offset, end: offset + match.length, length: 1 });
      return '。';
    }
    const paired = pairs.get(at);
    const before = isCjkCode(neighbour(text, at, -1));
    const after = isCjkCode(neighbour(text, at, 1));
    const convert = latin ? before && after : (paired ?? (before || after));
    if (!convert) return match;
    if (match.length !== 1) edits.push({ start: offset, end: offset + match.length, length: 1 });
    return FULL_WIDTH[mark];
  });
  if (!marks || marks.length === 0 || edits.length === 0) return { text: out, marks };
  return { text: out, marks: remapMarks(marks, edits) };
}

/**
 * Straight double quotes in Chinese text, as a half-width keyboard types them (他说:"好的"),
 * become “ ” by turns: Chinese quotes open and close in pairs, whatever stands beside them
 * (说“好的”, “PM2.5”). An odd number cannot be paired and is left as typed. One character for
 * one, so marks keep their places.
 */
function chineseQuotes(text: string): string {
  let n = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) n++;
  if (n % 2 !== 0) return text;
  let open = true;
  return text.replace(/"/g, () => ((open = !open) ? '\u201d' : '\u201c'));
}

/**
 * Single straight quotes inside Chinese double quotes, a quotation within a quotation
 * (他说：“这叫'暖心工程'。”), become ‘ ’ by turns, as GB/T 15834 nests them. An apostrophe
 * between two Latin letters (“it's”) is the English word's own and stays; an odd number left
 * cannot be paired and is left as typed. One character for one, so marks keep their places.
 */
function innerQuotes(text: string): string {
  return text.replace(/\u201c[^\u201c\u201d]*\u201d/g, (quoted) => {
    const at: number[] = [];
    for (let i = quoted.indexOf("'"); i >= 0; i = quoted.indexOf("'", i + 1)) {
      if (!(ASCII_LETTER.test(quoted[i - 1] ?? '') && ASCII_LETTER.test(quoted[i + 1] ?? ''))) at.push(i);
    }
    if (at.length === 0 || at.length % 2 !== 0) return quoted;
    const chars = quoted.split('');
    at.forEach((i, n) => (chars[i] = n % 2 === 0 ? '\u2018' : '\u2019'));
    return chars.join('');
  });
}

/** An ellipsis as typed: three ASCII points or more, three 。 or more, or … and ⋯ in any number. */
const ELLIPSIS_LIKE = /\.{3,}|\u3002{3,}|[\u2026\u22ef]+/;

/**
 * An ellipsis in Chinese text is …… (two U+2026, 2 em): "...", "。。。" and a single or tripled
 * … as a half-width keyboard or an English habit types it become …… when a Chinese character
 * stands beside it (他说...走了 → 他说……走了, 等等… → 等等……). One between Latin words ("etc...")
 * stays. Marks are moved along with the text.
 */
function chineseEllipses(text: string, marks?: Mark[]): { text: string; marks?: Mark[] } {
  const edits: Edit[] = [];
  const out = text.replace(new RegExp(ELLIPSIS_LIKE.source, 'g'), (match: string, offset: number) => {
    if (match === '\u2026\u2026') return match;
    if (!isCjkCode(neighbour(text, offset, -1)) && !isCjkCode(neighbour(text, offset + match.length - 1, 1))) return match;
    if (match.length !== 2) edits.push({ start: offset, end: offset + match.length, length: 2 });
    return '\u2026\u2026';
  });
  if (!marks || marks.length === 0 || edits.length === 0) return { text: out, marks };
  return { text: out, marks: remapMarks(marks, edits) };
}

/**
 * Whether the ASCII point at `at` ends a Chinese sentence (店主说. → 店主说。, 增长18%. → 增长18%。):
 * a single point after a Chinese character, or after a number that follows a Han one, with nothing
 * but a space, a closing quote, Chinese text or the end after it. A decimal point (5.2), a
 * URL's or an abbreviation's point (news.sina.com.cn, U.S.), an ellipsis (...) and a point
 * after Latin text (PM2.5.) stay.
 */
function endsChineseSentence(text: string, at: number): boolean {
  const next = text[at + 1] ?? '';
  if (text[at - 1] === '.' || next === '.' || ASCII_ALNUM.test(next)) return false;
  if (next !== '' && !/[\s\u201d\u2019"']/.test(next) && !isCjkCode(next.charCodeAt(0))) return false;
  let j = at - 1;
  if (/[0-9%]/.test(text[j] ?? '')) {
    // The number before it: a sentence ends after one that follows a Chinese word (增长18%.),
    // but a number after a stop or a pause numbers a point (…领导。2.完善机制, ；3.): its point stays.
    while (j >= 0 && /[0-9.,%]/.test(text[j])) j--;
    // A number of one or two digits with Han right after its point numbers a point too
    // (机制1.加强领导2.完善制度: 2.完善), where a sentence's end has a space, a quote or nothing after it.
    if (/^[0-9]{1,2}$/.test(text.slice(j + 1, at)) && /\p{Script=Han}/u.test(next)) return false;
    return j >= 0 && /\p{Script=Han}/u.test(text[j]);
  }
  while (j >= 0 && TRANSPARENT.has(text[j])) j--;
  return j >= 0 && isCjkCode(text.charCodeAt(j));
}

/**
 * Straight quotes as a typewriter leaves them, curled as a newspaper prints them: " → “ ”, and
 * ' → ‘ ’, with the apostrophe ’ inside a word (it’s, O’Connor), before a decade (’90s) and
 * before a word that lost its first letters (rock ’n’ roll, ’em, ’tis, ’twas, ’til).
 * A quote opens at the start, after a space, a bracket, a dash or another opening quote, and
 * closes everywhere else. Used for English copy; Chinese keeps its own marks.
 */
/** Words whose first letters were elided: their apostrophe is ’, though it opens the word. */
const ELISION = /^(?:n'|em\b|tis\b|twas\b|til\b)/i;

export function curlQuotes(text: string): string {
  if (!/["']/.test(text)) return text;
  const word = /[\p{L}\p{N}]/u;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '"' && ch !== "'") {
      out += ch;
      continue;
    }
    const prev = i > 0 ? text[i - 1] : '';
    const next = text[i + 1] ?? '';
    const opens = prev === '' || /[\s(\[{\u2014\u2013\u201c\u2018/-]/.test(prev); // space ( [ { — – “ ‘ / -
    if (ch === '"') out += opens ? '“' : '”';
    else if (word.test(prev) && word.test(next)) out += '’'; // it’s, O’Connor, rock’n’roll
    else if (opens && /^\d\d(s\b|\b)/.test(text.slice(i + 1))) out += '’'; // the ’90s, class of ’24
    else if (opens && ELISION.test(text.slice(i + 1, i + 6))) out += '’'; // rock ’n’ roll, ’em, ’tis
    else out += opens ? '‘' : '’';
  }
  return out;
}

/** Moves mark boundaries through a sorted list of replacements. */
function remapMarks(marks: Mark[], edits: Edit[]): Mark[] {
  const map = (x: number): number => {
    let shift = 0;
    for (const e of edits) {
      if (e.end <= x) shift += e.length - (e.end - e.start);
      else if (e.start < x) return e.start + shift + Math.min(x - e.start, e.length);
      else break;
    }
    return x + shift;
  };
  return marks
    .map((m) => ({ ...m, start: map(m.start), end: map(m.end) }))
    .filter((m) => m.end > m.start);
}

// ---------------------------------------------------------------------------------------
// Inline markup

const TAG_TYPES: Record<string, Mark['type']> = {
  sub: 'sub',
  sup: 'sup',
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
};

interface Token {
  index: number;
  raw: string;
  /** 'tag' <x>/</x>; 'delim' ** or *; 'escape' \* and friends. */
  kind: 'tag' | 'delim' | 'escape';
  name: string;
  closing: boolean;
  /** Filled by pairing: what to do with the token when writing the text. */
  action: 'literal' | 'drop' | 'open' | 'close';
  type?: Mark['type'];
  partner?: Token;
}

function tokenize(raw: string, markdown: boolean): Token[] {
  const re = markdown
    ? /<(\/?)([A-Za-z][A-Za-z0-9]*)\s*(\/?)>|\\[*_\\<>#]|\*\*|\*/g
    : /<(\/?)([A-Za-z][A-Za-z0-9]*)\s*(\/?)>/g;
  const tokens: Token[] = [];
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const text = m[0];
    if (text.startsWith('<')) {
      tokens.push({
        index: m.index,
        raw: text,
        kind: 'tag',
        name: m[2].toLowerCase(),
        closing: m[1] === '/',
        action: m[3] === '/' ? 'literal' : 'drop',
      });
    } else if (text.startsWith('\\')) {
      tokens.push({ index: m.index, raw: text, kind: 'escape', name: '', closing: false, action: 'literal' });
    } else {
      tokens.push({ index: m.index, raw: text, kind: 'delim', name: text, closing: false, action: 'literal' });
    }
  }
  return tokens;
}

/** Decides for each token whether it opens, closes, is dropped or stays as text. */
function pair(raw: string, tokens: Token[], problems: InlineProblem[]): void {
  const stack: Token[] = [];
  const findOpen = (name: string, kind: Token['kind']): number => {
    for (let k = stack.length - 1; k >= 0; k--) if (stack[k].kind === kind && stack[k].name === name) return k;
    return -1;
  };
  for (const t of tokens) {
    if (t.kind === 'escape') continue;
    if (t.kind === 'tag') {
      const type = TAG_TYPES[t.name];
      if (!type || t.action === 'literal') {
        t.action = 'literal';
        problems.push({ code: 'unknown-markup', message: `Unknown markup ${t.raw} kept as text`, text: t.raw });
      } else if (!t.closing) {
        t.type = type;
        stack.push(t);
      } else {
        const k = findOpen(t.name, 'tag');
        if (k < 0) {
          t.action = 'drop';
          problems.push({ code: 'unclosed-markup', message: `${t.raw} without an opening tag was removed`, text: t.raw });
        } else {
          const open = stack.splice(k, 1)[0];
          open.action = 'open';
          t.action = 'close';
          t.type = open.type;
          open.partner = t;
          t.partner = open;
        }
      }
      continue;
    }
    // Markdown emphasis: ** bold, * italic. Closes when glued to the text before it,
    // opens when glued to the text after it (so "5 * 3" stays as it is).
    const before = raw[t.index - 1] ?? ' ';
    const after = raw[t.index + t.raw.length] ?? ' ';
    const k = findOpen(t.name, 'delim');
    if (k >= 0 && !/\s/.test(before)) {
      const open = stack.splice(k, 1)[0];
      open.action = 'open';
      t.action = 'close';
      t.type = t.name === '**' ? 'bold' : 'italic';
      open.partner = t;
      t.partner = open;
    } else if (!/\s/.test(after)) {
      stack.push(t);
    }
  }
  for (const t of stack) {
    // An opening tag never closed: the tag goes, its text stays. A lone ** or * stays as text.
    t.action = t.kind === 'tag' ? 'drop' : 'literal';
    problems.push({
      code: 'unclosed-markup',
      message: t.kind === 'tag' ? `${t.raw} is never closed; the tag was removed, its text kept` : `${t.raw} is never closed; kept as text`,
      text: t.raw,
    });
  }
}

/**
 * Turns inline markup into text + marks: <sub> <sup> <b>/<strong> <i>/<em> always,
 * **bold** / *italic* and backslash escapes when `markdown`. Unknown tags stay as text.
 */
export function parseInline(raw: string, markdown = false): InlineResult {
  if (!raw.includes('<') && !(markdown && (raw.includes('*') || raw.includes('\\')))) {
    return { text: raw, problems: [] };
  }
  const tokens = tokenize(raw, markdown);
  if (tokens.length === 0) return { text: raw, problems: [] };
  const problems: InlineProblem[] = [];
  pair(raw, tokens, problems);

  const parts: string[] = [];
  const marks: Mark[] = [];
  const starts = new Map<Token, number>();
  let length = 0;
  let last = 0;
  const emit = (s: string) => {
    parts.push(s);
    length += s.length;
  };
  for (const t of tokens) {
    emit(raw.slice(last, t.index));
    last = t.index + t.raw.length;
    if (t.action === 'literal') emit(t.kind === 'escape' ? t.raw.slice(1) : t.raw);
    else if (t.action === 'open') starts.set(t, length);
    else if (t.action === 'close') {
      const start = starts.get(t.partner!);
      if (start !== undefined && length > start) marks.push({ type: t.type!, start, end: length });
    }
  }
  emit(raw.slice(last));
  marks.sort((a, b) => a.start - b.start || a.end - b.end);
  const text = parts.join('');
  return marks.length > 0 ? { text, marks, problems } : { text, problems };
}

/** Inline markup, then punctuation: the text of one paragraph as it will be stored. */
export function richText(raw: string, markdown = false, latin = false): InlineResult {
  const inline = parseInline(raw, markdown);
  const norm = normalisePunctuation(inline.text, inline.marks, latin);
  const out: InlineResult = { text: norm.text, problems: inline.problems };
  if (norm.marks && norm.marks.length > 0) out.marks = norm.marks;
  return out;
}
