// The importer: newsroom text, Markdown or plain text → article drafts (DESIGN.md, "import/").
// Pure: text in, drafts and warnings out. Reading files lives in electron/services/import.
import { detectLanguage } from './inline';
import { parseMarkdown, parsePlain } from './markdown';
import { parseNewsroom } from './newsroom';
import type { Block } from '../model';
import { ImportError, type ArticleDraft, type ImportFormat, type ImportOptions, type ImportResult } from './types';

export * from './types';
export { curlQuotes, detectLanguage, endsMidSentence, normalisePunctuation, parseInline } from './inline';

const MARKDOWN_EMPHASIS = /\*\*\S[^\n]*?\S?\*\*|(^|[\s(])\*[^\s*][^*\n]*\*(?=[\s.,;:!?)]|$)/m;
const MARKDOWN_HINT = new RegExp(`^#{1,6}[ \\t]+\\S|^!\\[[^\\]]*\\]\\(|${MARKDOWN_EMPHASIS.source}`, 'm');

const hasText = (s: string | null | undefined) => !!s && s.trim() !== '';

/** Whether a block holds anything to print besides a credit. */
function blockHasText(b: Block): boolean {
  switch (b.type) {
    case 'paragraph':
    case 'subhead':
      return hasText(b.text);
    case 'photo':
      return hasText(b.caption) || b.asset !== null;
    case 'brief':
      return hasText(b.title) || b.paragraphs.some((p) => hasText(p.text));
  }
}

/**
 * A draft with nothing but a byline or credit (a file holding only "记者 李静", a photo credit
 * "牛晨阳 摄" with no caption) is no article: it is kept out with an orphan-fragment warning
 * (like text that belongs to no article), not stored as an empty story. Headline-only drafts
 * stay: they are the day's budget.
 */
function keepOutCreditsOnly(result: ImportResult): void {
  const out = new Set<ArticleDraft>();
  for (const d of result.articles) {
    const c = d.content;
    if (c.headline.some(hasText) || hasText(c.kicker) || hasText(c.subhead) || hasText(c.lead) || c.body.some(blockHasText)) continue;
    out.add(d);
    const credit = [c.byline, c.credit, c.editorCredit, ...c.body.map((b) => (b.type === 'photo' ? b.credit : null))].filter(hasText).join(' ');
    result.warnings.push({ line: d.line, code: 'orphan-fragment', message: 'A byline or credit with no article (no headline, no text); kept out', text: credit });
  }
  if (out.size === 0) return;
  result.articles = result.articles.filter((d) => !out.has(d));
  const lines = new Set([...out].map((d) => d.line));
  result.warnings = result.warnings.filter((w) => !(w.code === 'empty-article' && lines.has(w.line))).sort((a, b) => a.line - b.line);
}

/** 'auto' → newsroom for Chinese text; Markdown when English text shows Markdown; else plain. */
export function detectFormat(text: string, language: 'zh' | 'en'): Exclude<ImportFormat, 'auto'> {
  if (language === 'zh') return 'newsroom';
  return MARKDOWN_HINT.test(text) ? 'markdown' : 'plain';
}

/**
 * Imports a text into article drafts. Throws ImportError when nothing in it makes an article
 * (empty or whitespace-only input, or only lines that belong to no article).
 */
export function importText(text: string, opts: ImportOptions = {}): ImportResult {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = source.split(/\r\n?|\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) throw new ImportError('Nothing to import: the text is empty', null);
  const language = opts.language ?? detectLanguage(source);
  const format = !opts.format || opts.format === 'auto' ? detectFormat(source, language) : opts.format;
  const result =
    format === 'newsroom'
      ? parseNewsroom(lines, language, MARKDOWN_EMPHASIS.test(source))
      : format === 'markdown'
        ? parseMarkdown(lines, language)
        : parsePlain(lines, language);
  keepOutCreditsOnly(result);
  if (result.articles.length === 0) {
    const why = result.warnings[0]?.message;
    throw new ImportError(`No article found in the text${why ? ` (${why})` : ''}`, first + 1);
  }
  return result;
}
