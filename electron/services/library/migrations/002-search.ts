// Schema 2: full-text search. See search-text.ts for the design of the two indexes.
//   articles.search_headline / search_body — the search text of each article (headline deck /
//                   everything else), derived from the content by the repository; LIKE runs
//                   over it for the few terms no index can answer.
//   article_fts   — FTS5 trigram index with external content = those two columns.
//   article_grams — FTS5 contentless index of bigrams (detail=column: which column, no
//                   positions).
// New documents are written into both indexes by the repository (SearchIndexWriter), not by an
// INSERT trigger: FTS5 flushes its pending-term buffer at every statement savepoint, and a
// trigger is one, which made bulk imports three times slower. Changing or deleting an article's
// search text goes through triggers, so no path (a future cascade included) can leave either
// index stale; after an update the repository adds the new grams.
// Existing articles are indexed by the migration.
import type { Migration } from './index';
import { SearchIndexWriter } from '../search-index';
import type { SearchableContent } from '../search-text';

/** The content columns search reads, unchanged since schema 1 (migration 006 reads them too). */
export interface ContentRow {
  id: number;
  language: 'zh' | 'en';
  kicker: string | null;
  headline: string;
  subhead: string | null;
  byline: string | null;
  credit: string | null;
  lead: string | null;
  editor_credit: string | null;
  body: string;
}

export const CONTENT_COLUMNS = 'id, language, kicker, headline, subhead, byline, credit, lead, editor_credit, body';

export function searchableContent(r: ContentRow): SearchableContent {
  return {
    language: r.language,
    kicker: r.kicker,
    headline: JSON.parse(r.headline) as string[],
    subhead: r.subhead,
    byline: r.byline,
    credit: r.credit,
    lead: r.lead,
    editorCredit: r.editor_credit,
    body: JSON.parse(r.body) as SearchableContent['body'],
  };
}

export const m002Search: Migration = {
  version: 2,
  name: 'search',
  up(db) {
    db.exec(`
      ALTER TABLE articles ADD COLUMN search_headline TEXT NOT NULL DEFAULT '';
      ALTER TABLE articles ADD COLUMN search_body TEXT NOT NULL DEFAULT '';

      -- case_sensitive 1: the text and the query terms are already lower-cased in JS, so the
      -- index compares bytes, exactly as instr() and the gram index do (no second case rule).
      CREATE VIRTUAL TABLE article_fts USING fts5 (
        search_headline, search_body,
        content = 'articles', content_rowid = 'id',
        tokenize = 'trigram case_sensitive 1'
      );

      CREATE VIRTUAL TABLE article_grams USING fts5 (
        search_headline, search_body,
        content = '', contentless_delete = 1, detail = column,
        tokenize = 'ascii'
      );

      -- Bulk imports: merge index segments 16 at a time instead of 4, so each posting is
      -- rewritten fewer times; a search still reads few segments (bench/library.ts). A bigger
      -- pending-term buffer ('hashsize') was measured too and made imports slower.
      INSERT INTO article_fts (article_fts, rank) VALUES ('automerge', 16);
      INSERT INTO article_fts (article_fts, rank) VALUES ('crisismerge', 64);
      INSERT INTO article_grams (article_grams, rank) VALUES ('automerge', 16);
      INSERT INTO article_grams (article_grams, rank) VALUES ('crisismerge', 64);
    `);

    // Index the existing articles, in batches (a statement cannot write while another iterates).
    const writer = new SearchIndexWriter(db);
    const batch = db.prepare(`SELECT ${CONTENT_COLUMNS} FROM articles WHERE id > ? ORDER BY id LIMIT 500`);
    const setText = db.prepare('UPDATE articles SET search_headline = ?, search_body = ? WHERE id = ?');
    for (let last = 0; ; ) {
      const rows = batch.all(last) as ContentRow[];
      if (rows.length === 0) break;
      for (const r of rows) {
        const text = writer.fields(searchableContent(r));
        setText.run(text.headline, text.body, r.id);
        writer.add(r.id, text);
      }
      last = rows[rows.length - 1].id;
    }

    // Created after the backfill, which indexed directly.
    db.exec(`
      CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN
        INSERT INTO article_fts (article_fts, rowid, search_headline, search_body)
          VALUES ('delete', old.id, old.search_headline, old.search_body);
        DELETE FROM article_grams WHERE rowid = old.id;
      END;
      CREATE TRIGGER articles_search_update AFTER UPDATE OF search_headline, search_body ON articles BEGIN
        INSERT INTO article_fts (article_fts, rowid, search_headline, search_body)
          VALUES ('delete', old.id, old.search_headline, old.search_body);
        INSERT INTO article_fts (rowid, search_headline, search_body)
          VALUES (new.id, new.search_headline, new.search_body);
        DELETE FROM article_grams WHERE rowid = old.id;
      END;
    `);
  },
};
