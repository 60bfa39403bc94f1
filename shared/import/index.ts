// The importer: newsroom text, Markdown or plain text → article drafts (DESIGN.md, "import/").
// Pure: text in, drafts and warnings out. Reading files lives in electron/services/import.
import { detectLanguage } from './inline';
import { parseMarkdown, parsePlain } from './markdown';
import { parseNewsroom } from './newsroom';
import { ImportError, type ImportFormat, type ImportOptions, type ImportResult } from './types';

export * from './types';
export { detectLanguage, endsMidSentence, normalisePunctuation, parseInline } from './inline';

const MARKDOWN_HINT = /^#{1,6}[ \t]+\S|^!\[[^\]]*\]\(|\*\*\S[^\n]*?\S?\*\*|(^|[\s(])\*[^\s*][^*\n]*\*(?=[\s.,;:!?)]|$)/m;

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
      ? parseNewsroom(lines, language)
      : format === 'markdown'
        ? parseMarkdown(lines, language)
        : parsePlain(lines, language);
  if (result.articles.length === 0) {
    const why = result.warnings[0]?.message;
    throw new ImportError(`No article found in the text${why ? ` (${why})` : ''}`, first + 1);
  }
  return result;
}
