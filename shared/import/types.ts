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
 * - furniture: a production line (责任编辑：李明, 校对：赵红, a wire slug) kept out of the text;
 * - unusable-picture: a Markdown picture (`![caption](file)`) whose file is missing or is not a
 *   JPEG the plate can carry: the photo is imported without its picture (a placeholder). Found
 *   where files are read (electron/services/import/pictures.ts), not by the pure importer.
 */
export type ImportWarningCode =
  | 'orphan-fragment'
  | 'empty-article'
  | 'unclosed-markup'
  | 'unknown-markup'
  | 'suspicious-break'
  | 'furniture'
  | 'unusable-picture';

export interface ImportWarning {
  /** 1-based line in the source. */
  line: number;
  code: ImportWarningCode;
  message: string;
  /** The text concerned, verbatim. */
  text: string;
}

/** A picture the text names (`![caption](photos/dam.jpg)`): the path as written, and its line. */
export interface PictureReference {
  line: number;
  path: string;
}

export interface ImportResult {
  articles: ArticleDraft[];
  warnings: ImportWarning[];
  /**
   * The pictures the text names, in order (Markdown images). A photo block's `asset` holds the
   * path as written until the file is stored in the library and the path replaced by its reference.
   */
  pictures?: PictureReference[];
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
