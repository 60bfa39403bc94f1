// Jump lines in imported copy. Text copied from a printed page carries that page's jump lines:
// (上接第1版) / (下转A4版), "Continued on page A4" / "Continued from page A1". Layout draws jump
// lines itself from the pages the parts are on, so a copied one left in the text would print
// a page of another edition — the stale "continued on page 4" Pasteup exists to prevent. The
// importers take them out; a leading "continued from" marks the article as a continuation.
// (The Chinese markers are read by newsroom.ts with the rest of its markers.)
import type { ArticleContent } from '../model/article';
import { parsePageNumber } from '../model/edition';

/** Brackets, ASCII or full-width. */
export const OPEN = '[(（]';
export const CLOSE = '[)）]';
/** A page a Chinese jump line names: a number (Arabic, full-width, Chinese), or a section letter and a number (A4, B12, A04, Ａ４). */
const ZH_PAGE = '(?:[A-Za-zＡ-Ｚａ-ｚ]{1,2}\\s*)?[0-9０-９]+|[0-9０-９一二三四五六七八九十百]+';
/** (上接第1版), (上接A1版), (紧接第二版): group 1 is the page. */
export const ZH_JUMP_IN = `${OPEN}\\s*(?:上接|紧接|緊接|接)第?\\s*(${ZH_PAGE})\\s*版\\s*${CLOSE}`;
/** (下转第4版), (下转A4版), (转第4版). */
export const ZH_JUMP_OUT = `${OPEN}\\s*下?[转轉]第?\\s*(?:${ZH_PAGE})\\s*版\\s*${CLOSE}`;

/**
 * An article's continuedFrom: the page number of its (上接第N版) or "Continued from page N".
 * A page named by a label (上接A1版, from page A1) has none: the article is a continuation
 * all the same, and its jump line is gone from its text.
 */
export function continuedFrom(page: number): number | null {
  return page > 0 ? page : null;
}

/** A page as an English jump line names it: 4, A4, A-4, B12. */
const EN_PAGE = String.raw`([A-Za-z]{0,2}-?\d{1,3})`;
const CONTINUED = String.raw`(?:continued|cont\.?|cont['\u2019]d)`;
const PAGE_WORD = String.raw`(?:page\s+|p\.\s*)?`;
/** "Continued on page A4", "(Cont. on Page 4)", and AP's "See BUDGET, Page A6" / "See BUDGET, A6". */
const EN_OUT = String.raw`\(?\s*(?:${CONTINUED}\s+on\s+${PAGE_WORD}${EN_PAGE}|(?:please\s+)?see\s+[^,()]{1,60}?,\s*${PAGE_WORD}${EN_PAGE})\s*\)?\.?`;
/** "Continued from page A1", "(Continued from Page 1)", "BUDGET, from Page A1", "From page 1". */
const EN_IN = String.raw`\(?\s*(?:${CONTINUED}\s+from\s+${PAGE_WORD}${EN_PAGE}|(?:[^,()]{1,60}?,\s*)?from\s+page\s+${EN_PAGE})\s*\)?\.?`;
const EN_OUT_LINE = new RegExp(`^${EN_OUT}$`, 'i');
const EN_IN_LINE = new RegExp(`^${EN_IN}$`, 'i');
/** "Continued from page A1" opening a paragraph it was joined to (no blank line after it). */
const EN_IN_OPENING = new RegExp(String.raw`^\(?\s*${CONTINUED}\s+from\s+${PAGE_WORD}${EN_PAGE}\s*\)?\.?\s+(?=\S)`, 'i');
/** "Continued on page A4" closing a paragraph's last sentence. */
const EN_OUT_CLOSING = new RegExp(String.raw`(?<=[.!?"\u201d\u2019)])\s+\(?\s*${CONTINUED}\s+on\s+${PAGE_WORD}${EN_PAGE}\s*\)?\.?$`, 'i');

export interface EnglishJump {
  /** The paragraph's text without its jump lines ('' when it was nothing else). */
  text: string;
  /** The page number of a "continued from" it held (0: a page named by a label), or null. */
  from: number | null;
}

/** An English paragraph's own jump lines, taken out (a paragraph with none comes back as it was). */
export function englishJumps(text: string): EnglishJump {
  // Jump lines are short: a long paragraph is tested only at its ends.
  if (text.length <= 80) {
    if (EN_OUT_LINE.test(text)) return { text: '', from: null };
    const whole = EN_IN_LINE.exec(text);
    if (whole) return { text: '', from: parsePageNumber(whole[1] ?? whole[2]) };
  }
  let from: number | null = null;
  const opening = EN_IN_OPENING.exec(text.slice(0, 60));
  if (opening) {
    from = parsePageNumber(opening[1]);
    text = text.slice(opening[0].length);
  }
  const tail = Math.max(0, text.length - 60);
  const closing = EN_OUT_CLOSING.exec(text.slice(tail));
  if (closing) text = text.slice(0, tail + closing.index);
  return { text, from };
}

const ZH_ANY = new RegExp(`${ZH_JUMP_IN}|${ZH_JUMP_OUT}`, 'gu');

/**
 * Jump lines an article's text still holds — copied with it and not taken out (imported
 * before the importers knew them, or typed in): each would print as it is, naming a page of
 * some other edition. Chinese ones anywhere in a paragraph; English ones where the importer
 * looks for them (a whole paragraph, or its opening or closing words).
 */
export function copiedJumpLines(content: Pick<ArticleContent, 'language' | 'body'>): string[] {
  const found: string[] = [];
  const scan = (text: string) => {
    for (const m of text.matchAll(ZH_ANY)) found.push(m[0]);
    if (content.language !== 'en') return;
    const rest = englishJumps(text).text;
    if (rest === text) return;
    // What was taken out: the whole paragraph, its opening words, its closing words, or both.
    const at = rest === '' ? text.length : text.indexOf(rest);
    for (const cut of [text.slice(0, at), text.slice(at + rest.length)]) if (cut.trim()) found.push(cut.trim());
  };
  for (const b of content.body) {
    if (b.type === 'paragraph') scan(b.text);
    else if (b.type === 'brief') for (const p of b.paragraphs) scan(p.text);
  }
  return found;
}
