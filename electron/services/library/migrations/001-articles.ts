// Schema 1: the article library — articles, their revisions, and the record of imports.
import type { Migration } from './index';

export const m001Articles: Migration = {
  version: 1,
  name: 'articles',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
      INSERT INTO meta (key, value) VALUES ('format', 'pasteup-library');

      CREATE TABLE imports (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        file_name       TEXT NOT NULL,
        file_sha256     TEXT NOT NULL,
        imported_at     TEXT NOT NULL,
        article_count   INTEGER NOT NULL DEFAULT 0,
        duplicate_count INTEGER NOT NULL DEFAULT 0,
        warnings        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(warnings))
      ) STRICT;
      CREATE INDEX imports_by_file ON imports (file_sha256);

      -- Structured fields of ArticleContent, one column each; headline (lines) and body (blocks)
      -- as JSON. Summary columns come first and the body last, so lists never read the body.
      -- AUTOINCREMENT: the id of a deleted article is never handed out again. The body is not
      -- CHECKed as JSON here (parsing it on every insert cost 20 µs); check() validates it.
      CREATE TABLE articles (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        slug            TEXT NOT NULL UNIQUE,
        kind            TEXT NOT NULL CHECK (kind IN ('story', 'briefs', 'photo')),
        language        TEXT NOT NULL CHECK (language IN ('zh', 'en')),
        status          TEXT NOT NULL CHECK (status IN ('draft', 'edited', 'ready', 'placed')),
        section         TEXT,
        priority        INTEGER NOT NULL DEFAULT 0,
        headline        TEXT NOT NULL CHECK (json_type(headline) = 'array'),
        kicker          TEXT,
        subhead         TEXT,
        byline          TEXT,
        credit          TEXT,
        lead            TEXT,
        editor_credit   TEXT,
        continued_from  INTEGER CHECK (continued_from IS NULL OR continued_from > 0),
        char_count      INTEGER NOT NULL,
        paragraph_count INTEGER NOT NULL,
        revision        INTEGER NOT NULL DEFAULT 1 CHECK (revision > 0),
        content_hash    TEXT NOT NULL,
        import_id       INTEGER REFERENCES imports (id) ON DELETE SET NULL,
        source_file     TEXT,
        source_line     INTEGER CHECK (source_line IS NULL OR source_line > 0),
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        body            TEXT NOT NULL
      ) STRICT;
      CREATE INDEX articles_by_hash ON articles (content_hash);
      CREATE INDEX articles_by_update ON articles (updated_at, id);
      CREATE INDEX articles_by_status ON articles (status, updated_at, id);
      CREATE INDEX articles_by_import ON articles (import_id);

      -- Every earlier version of an article: (article, revision) as it was, and when it was saved.
      CREATE TABLE article_revisions (
        article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        revision   INTEGER NOT NULL CHECK (revision > 0),
        saved_at   TEXT NOT NULL,
        content    TEXT NOT NULL CHECK (json_type(content) = 'object'),
        PRIMARY KEY (article_id, revision)
      ) STRICT;
    `);
  },
};
