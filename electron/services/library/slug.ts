// Slugs: short, readable, unique names of articles for the CLI and file names. Taken from the
// headline as written (Chinese stays Chinese: no pinyin), letters and digits only, joined by
// hyphens: ["推出194项服务“清单”", "力促住宅小区"] → "推出194项服务-清单-力促住宅小区". A piece
// without a headline (briefs, news photos) is named after its kicker, subhead or first text.
// A slug never changes after the article is created, even if the headline does.
import type { ArticleContent } from '../../../shared/model';

const MAX_CHARS = 40;
const WORD = /[\p{L}\p{N}]/u;

export function slugify(text: string): string {
  const chars: string[] = [];
  let gap = false;
  for (const ch of text.normalize('NFKC').toLowerCase()) {
    if (WORD.test(ch)) {
      if (gap && chars.length) chars.push('-');
      chars.push(ch);
      gap = false;
    } else {
      gap = true;
    }
    if (chars.length >= MAX_CHARS + 1) break;
  }
  if (chars.length > MAX_CHARS) {
    // Too long: cut at the last hyphen in the second half, else hard.
    let cut = MAX_CHARS;
    const lastHyphen = chars.lastIndexOf('-', MAX_CHARS);
    if (lastHyphen >= MAX_CHARS / 2) cut = lastHyphen;
    chars.length = cut;
  }
  while (chars.length && chars[chars.length - 1] === '-') chars.pop();
  return chars.join('');
}

function firstText(content: ArticleContent): string {
  for (const b of content.body) {
    const t = b.type === 'photo' ? b.caption : b.type === 'brief' ? b.title || b.paragraphs[0]?.text || '' : b.text;
    if (t.trim()) return [...t.trim()].slice(0, 16).join('');
  }
  return '';
}

/** The slug an article would get if no other article had it yet. */
export function slugBase(content: ArticleContent): string {
  // In order, and only as far as needed (the first text of a body is long; imports slug thousands).
  const candidates = [
    () => content.headline.join(content.language === 'en' ? ' ' : ''),
    () => content.kicker ?? '',
    () => content.subhead ?? '',
    () => firstText(content),
  ];
  for (const c of candidates) {
    const s = slugify(c());
    if (s) return s;
  }
  return 'article';
}
