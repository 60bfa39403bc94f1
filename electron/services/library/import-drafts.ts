// Storing what the importer produced: one transaction for the whole file, so an import is
// either entirely in the library or not at all.
import type Database from 'better-sqlite3';
import type { Article } from '../../../shared/model';
import type { ArticleDraft, ImportWarning } from '../../../shared/import/types';
import type { ArticleRepository } from './articles';
import { InvalidArticleError } from './errors';
import { contentParams, parseContent } from './rows';
import type { SearchFields } from './search-text';

export interface ImportRequest {
  /** The file's name as the user knows it (kept as the articles' source). */
  fileName: string;
  /** sha256 of the file's bytes, hex. */
  fileHash: string;
  drafts: readonly ArticleDraft[];
  warnings?: readonly ImportWarning[];
  /** Store drafts whose text is already in the library too (default: skip them). */
  allowDuplicates?: boolean;
  /** Called after each draft is stored, inside the transaction (for progress bars); indexing follows the last. */
  onProgress?: (done: number, total: number) => void;
}

export interface ImportDuplicate {
  /** Source line of the skipped draft. */
  line: number;
  /** The article that already has this text. */
  existingId: number;
}

export interface ImportOutcome {
  importId: number;
  imported: Article[];
  duplicates: ImportDuplicate[];
}

export function importDrafts(db: Database.Database, articles: ArticleRepository, now: () => string, req: ImportRequest): ImportOutcome {
  if (typeof req.fileName !== 'string' || req.fileName.trim() === '') {
    throw new InvalidArticleError('import: fileName is required', []);
  }
  if (typeof req.fileHash !== 'string' || !/^[0-9a-f]{64}$/i.test(req.fileHash)) {
    throw new InvalidArticleError('import: fileHash must be a sha256 in hex', []);
  }
  const warnings = req.warnings ?? [];
  const total = req.drafts.length;
  const run = db.transaction((): ImportOutcome => {
    const importId = Number(
      db
        .prepare('INSERT INTO imports (file_name, file_sha256, imported_at, warnings) VALUES (?, ?, ?, ?)')
        .run(req.fileName, req.fileHash.toLowerCase(), now(), JSON.stringify(warnings)).lastInsertRowid,
    );
    const imported: Article[] = [];
    const duplicates: ImportDuplicate[] = [];
    // Rows first, then the search indexes of all of them (one index at a time is faster).
    const unindexed: { id: number; text: SearchFields }[] = [];
    req.drafts.forEach((draft, i) => {
      const line = draft.line;
      if (!Number.isInteger(line) || line < 1) {
        throw new InvalidArticleError(`${req.fileName}: draft ${i + 1} has no valid source line (${String(line)})`, [], null);
      }
      const content = parseContent(draft.content, `${req.fileName}, draft ${i + 1} (line ${line})`, line);
      const params = contentParams(content);
      const existing = req.allowDuplicates ? null : articles.findByHash(params.content_hash);
      if (existing !== null) duplicates.push({ line, existingId: existing });
      else imported.push(articles.insert(content, { file: req.fileName, line }, importId, params, unindexed));
      req.onProgress?.(i + 1, total);
    });
    articles.indexImport(importId, unindexed);
    db.prepare('UPDATE imports SET article_count = ?, duplicate_count = ? WHERE id = ?').run(
      imported.length,
      duplicates.length,
      importId,
    );
    return { importId, imported, duplicates };
  });
  return run.immediate();
}
