// Schema 3: page templates, editions, and the edition command log (undo/redo).
import { SHIPPED_TEMPLATES } from '../../../../shared/model/templates';
import type { Migration } from './index';

export const m003Editions: Migration = {
  version: 3,
  name: 'editions',
  up(db) {
    db.exec(`
      -- A template as JSON (shared/model/edition.ts Template); built-in ones are seeded here.
      CREATE TABLE templates (
        id        TEXT PRIMARY KEY,
        data      TEXT NOT NULL CHECK (json_valid(data)),
        built_in  INTEGER NOT NULL CHECK (built_in IN (0, 1)),
        added_at  TEXT NOT NULL
      ) STRICT;

      -- An edition is one document (pages, frames) changed only by commands. The columns
      -- beside it are copies for listing.
      CREATE TABLE editions (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        name        TEXT NOT NULL,
        publication TEXT NOT NULL,
        date        TEXT NOT NULL,
        template    TEXT NOT NULL REFERENCES templates (id),
        page_count  INTEGER NOT NULL,
        doc         TEXT NOT NULL CHECK (json_valid(doc)),
        revision    INTEGER NOT NULL DEFAULT 1,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      ) STRICT;

      -- Every applied command with its inverse, in order. Undo applies the inverse of the
      -- newest 'done' command and marks it 'undone'; redo re-applies the oldest 'undone' one.
      -- A new command drops the 'undone' tail (the redo stack).
      CREATE TABLE edition_commands (
        edition_id  INTEGER NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
        seq         INTEGER NOT NULL,
        command     TEXT NOT NULL CHECK (json_valid(command)),
        inverse     TEXT NOT NULL CHECK (json_valid(inverse)),
        state       TEXT NOT NULL CHECK (state IN ('done', 'undone')),
        applied_at  TEXT NOT NULL,
        PRIMARY KEY (edition_id, seq)
      ) STRICT;
    `);
    const insert = db.prepare('INSERT INTO templates (id, data, built_in, added_at) VALUES (?, ?, 1, ?)');
    for (const t of SHIPPED_TEMPLATES) insert.run(t.id, JSON.stringify(t), '1970-01-01T00:00:00.000Z');
  },
};
