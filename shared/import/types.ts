// What the importer hands back: drafts to store, and what it could not place.
import type { ArticleContent } from '../model';

export interface ArticleDraft {
  content: ArticleContent;
  /** 1-based line in the source where the article starts. */
  line: number;
}

/**
 * - orphan-fragment: text that belongs to no article (kept here, never glued anywhere);
 * - empty-article: an article with a headline but no body;
 * - unclosed-markup: an inline tag or `**`/`*` that is never closed (or closed without opening);
 * - unknown-markup: a tag the importer does not know (kept as literal text);
 * - suspicious-break: an article or brief whose text stops mid-sentence;
 * - furniture: a production line (责任编辑：李明, 校对：赵红, a wire slug) kept out of the text.
 */
export type ImportWarningCode =
  | 'orphan-fragment'
  | 'empty-article'
  | 'unclosed-markup'
  | 'unknown-markup'
  | 'suspicious-break'
  | 'furniture';

export interface ImportWarning {
  /** 1-based line in the source. */
  line: number;
  code: ImportWarningCode;
  message: string;
  /** The text concerned, verbatim. */
  text: string;
}

export interface ImportResult {
  articles: ArticleDraft[];
  warnings: ImportWarning[];
}

export type ImportFormat = 'auto' | 'newsroom' | 'markdown' | 'plain';

export interface ImportOptions {
  /** 'auto' (default): newsroom for Chinese text, Markdown or plain text for English. */
  format?: ImportFormat;
  /** Detected from the share of Han characters when not given. */
  language?: 'zh' | 'en';
}

/** Input could not be imported at all: names the line when there is one. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}
