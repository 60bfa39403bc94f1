// What the importer hands back: drafts to store, and what it could not place.
import type { ArticleContent } from '../model';

export interface ArticleDraft {
  content: ArticleContent;
  /** 1-based line in the source where the article starts. */
  line: number;
}

export interface ImportWarning {
  /** 1-based line in the source. */
  line: number;
  code: 'orphan-fragment' | 'empty-article' | 'unclosed-markup' | 'suspicious-break';
  message: string;
  /** The text concerned, verbatim. */
  text: string;
}

export interface ImportResult {
  articles: ArticleDraft[];
  warnings: ImportWarning[];
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
