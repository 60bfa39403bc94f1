// Schema 4: search indexes that are cheaper to build (an import of 10,000 articles went from
// ~7 s to under 3 s; README.md "Search"). What a search finds is unchanged.
//   article_fts_head — FTS5 trigram index of articles.search_headline, detail=none
//   article_fts_body — FTS5 trigram index of articles.search_body, detail=none
//                      (both external content: the text is stored once, in articles)
//   article_grams    — FTS5 contentless index of the gram document (search-text.ts
//                      gramDocument: each bigram once per article, headline grams again behind
//                      a mark), detail=none
// replacing schema 2's article_fts (trigram, detail=full, both columns) and article_grams
// (detail=column). Without positions a trigram index gives a superset for a 3+ character term,
// which search.ts checks with instr() on the stored text; without columns, "in the headline"
// comes from the headline's own index (trigrams) or from marked tokens (grams).
//
// New articles are indexed by the repository (SearchIndex in search-index.ts), an import with
// one INSERT … SELECT per trigram table after its rows; changes and deletions go through the
// triggers below, as in schema 2. Existing articles are indexed here, from their stored search
// text (gramDocument is this schema's gram format: a later format needs its own migration).
import type { Migration } from './index';
import { gramDocument } from '../search-text';

export const m004SearchIndexes: Migration = {
  version: 4,
  name: 'search-indexes',
  up(db) {
    db.exec(`
      DROP TRIGGER articles_search_delete;
      DROP TRIGGER articles_search_update;
      DROP TABLE article_fts;
      DROP TABLE article_grams;

      -- case_sensitive 1: the text and the terms are lower-cased in JS already (one case rule).
      -- columnsize 0: no per-article token counts (they serve ranking, which search does not do).
      CREATE VIRTUAL TABLE article_fts_head USING fts5 (
        search_headline,
        content = 'articles', content_rowid = 'id',
        tokenize = 'trigram case_sensitive 1', detail = none, columnsize = 0
      );
      CREATE VIRTUAL TABLE article_fts_body USING fts5 (
        search_body,
        content = 'articles', content_rowid = 'id',
        tokenize = 'trigram case_sensitive 1', detail = none, columnsize = 0
      );
      CREATE VIRTUAL TABLE article_grams USING fts5 (
        grams,
        content = '', contentless_delete = 1, detail = none,
        tokenize = 'ascii'
      );

      -- Bulk imports: merge index segments 16 at a time instead of 4, so each posting is
      -- rewritten fewer times; a search still reads few segments (bench/library.ts).
      INSERT INTO article_fts_head (article_fts_head, rank) VALUES ('automerge', 16);
      INSERT INTO article_fts_head (article_fts_head, rank) VALUES ('crisismerge', 64);
      INSERT INTO article_fts_body (article_fts_body, rank) VALUES ('automerge', 16);
      INSERT INTO article_fts_body (article_fts_body, rank) VALUES ('crisismerge', 64);
      INSERT INTO article_grams (article_grams, rank) VALUES ('automerge', 16);
      INSERT INTO article_grams (article_grams, rank) VALUES ('crisismerge', 64);

      INSERT INTO article_fts_head (article_fts_head) VALUES ('rebuild');
      INSERT INTO article_fts_body (article_fts_body) VALUES ('rebuild');
    `);

    // The grams, in batches (a statement cannot write while another iterates).
    const batch = db.prepare('SELECT id, search_headline, search_body FROM articles WHERE id > ? ORDER BY id LIMIT 1000');
    const insert = db.prepare('INSERT INTO article_grams (rowid, grams) VALUES (?, ?)');
    for (let last = 0; ; ) {
      const rows = batch.all(last) as { id: number; search_headline: string; search_body: string }[];
      if (rows.length === 0) break;
      for (const r of rows) insert.run(r.id, gramDocument({ headline: r.search_headline, body: r.search_body }));
      last = rows[rows.length - 1].id;
    }

    // Created after the backfill. A change of the search text re-indexes the article in the
    // trigram tables and drops its grams; the repository then adds the new grams.
    db.exec(`
      CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN
        INSERT INTO article_fts_head (article_fts_head, rowid, search_headline)
          VALUES ('delete', old.id, old.search_headline);
        INSERT INTO article_fts_body (article_fts_body, rowid, search_body)
          VALUES ('delete', old.id, old.search_body);
        DELETE FROM article_grams WHERE rowid = old.id;
      END;
      CREATE TRIGGER articles_search_update AFTER UPDATE OF search_headline, search_body ON articles BEGIN
        INSERT INTO article_fts_head (article_fts_head, rowid, search_headline)
          VALUES ('delete', old.id, old.search_headline);
        INSERT INTO article_fts_head (rowid, search_headline) VALUES (new.id, new.search_headline);
        INSERT INTO article_fts_body (article_fts_body, rowid, search_body)
          VALUES ('delete', old.id, old.search_body);
        INSERT INTO article_fts_body (rowid, search_body) VALUES (new.id, new.search_body);
        DELETE FROM article_grams WHERE rowid = old.id;
      END;
    `);
  },
};
