// Writing the search indexes of new articles. The caller stores the search text in
// articles.search_headline / search_body in the same transaction; changes and deletions of that
// text reach the indexes through triggers (migrations/004-search-indexes.ts).
import type Database from 'better-sqlite3';
import { gramDocument, gramsOf, searchFields, type SearchableContent, type SearchFields } from './search-text';

/** Schema 4 (the current one): two trigram tables and the gram table. */
export class SearchIndex {
  private readonly s: Record<'head' | 'body' | 'grams' | 'importHead' | 'importBody', Database.Statement>;

  constructor(db: Database.Database) {
    this.s = {
      head: db.prepare('INSERT INTO article_fts_head (rowid, search_headline) VALUES (?, ?)'),
      body: db.prepare('INSERT INTO article_fts_body (rowid, search_body) VALUES (?, ?)'),
      grams: db.prepare('INSERT INTO article_grams (rowid, grams) VALUES (?, ?)'),
      // One statement per table for a whole import: the trigram index is built in C from the
      // stored text, one table at a time (interleaving three indexes cost ~40 % more).
      importHead: db.prepare(
        'INSERT INTO article_fts_head (rowid, search_headline) SELECT id, search_headline FROM articles WHERE import_id = ? ORDER BY id',
      ),
      importBody: db.prepare(
        'INSERT INTO article_fts_body (rowid, search_body) SELECT id, search_body FROM articles WHERE import_id = ? ORDER BY id',
      ),
    };
  }

  /** Indexes a new article whose row holds `text`. */
  add(id: number, text: SearchFields): void {
    this.s.head.run(id, text.headline);
    this.s.body.run(id, text.body);
    this.s.grams.run(id, gramDocument(text));
  }

  /**
   * Indexes every article of import `importId` (all of them new, stored in this transaction):
   * `articles` gives their ids and search text, in the order they were stored.
   */
  addImport(importId: number, articles: ReadonlyArray<{ id: number; text: SearchFields }>): void {
    for (const a of articles) this.s.grams.run(a.id, gramDocument(a.text));
    this.s.importHead.run(importId);
    this.s.importBody.run(importId);
  }

  /**
   * After the article's search text changed (the UPDATE trigger has re-indexed the trigram
   * tables and dropped the old grams): adds the new grams.
   */
  replaced(id: number, text: SearchFields): void {
    this.s.grams.run(id, gramDocument(text));
  }
}

/**
 * Schema 2's writer, used only by migration 002 to index the articles of a version-1 library
 * (its tables are replaced by migration 004). Frozen with that migration: do not change.
 */
export class SearchIndexWriter {
  private readonly insertFts: Database.Statement;
  private readonly insertGrams: Database.Statement;

  constructor(db: Database.Database) {
    this.insertFts = db.prepare('INSERT INTO article_fts (rowid, search_headline, search_body) VALUES (?, ?, ?)');
    this.insertGrams = db.prepare('INSERT INTO article_grams (rowid, search_headline, search_body) VALUES (?, ?, ?)');
  }

  fields(content: SearchableContent): SearchFields {
    return searchFields(content);
  }

  /** Indexes a new article whose row holds `text`. */
  add(id: number, text: SearchFields): void {
    this.insertFts.run(id, text.headline, text.body);
    this.insertGrams.run(id, gramsOf(text.headline), gramsOf(text.body));
  }

  /** Schema 2 only: adds the new grams after the UPDATE trigger dropped the old ones. */
  replaced(id: number, text: SearchFields): void {
    this.insertGrams.run(id, gramsOf(text.headline), gramsOf(text.body));
  }
}
