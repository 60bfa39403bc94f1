// Writes the search index of one article (schema 2; see migrations/002-search.ts). The caller
// stores the search text in articles.search_headline / search_body in the same transaction.
import type Database from 'better-sqlite3';
import { gramsOf, searchFields, type SearchableContent, type SearchFields } from './search-text';

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

  /**
   * After the article's search text changed (the UPDATE trigger has re-indexed the trigram
   * table and dropped the old grams): adds the new grams.
   */
  replaced(id: number, text: SearchFields): void {
    this.insertGrams.run(id, gramsOf(text.headline), gramsOf(text.body));
  }
}
