// Schema 8: pictures. A library must be self-contained — a desk's files move, a folder is
// renamed, a laptop goes home — so a photo's picture is kept in the library itself, bytes and
// all, under the reference its `asset` holds: `sha256:` and the hex digest of the bytes. The
// same picture stored twice is one row. The facts readJpeg gives are kept beside the bytes,
// so preflight and lists never read a blob; the bytes column comes last (as an article's body).
import type { Migration } from './index';

export const m008Images: Migration = {
  version: 8,
  name: 'images',
  up(db) {
    db.exec(`
      CREATE TABLE images (
        ref             TEXT PRIMARY KEY CHECK (ref GLOB 'sha256:*' AND length(ref) = 71),
        format          TEXT NOT NULL CHECK (format = 'jpeg'),
        width           INTEGER NOT NULL CHECK (width > 0),
        height          INTEGER NOT NULL CHECK (height > 0),
        components      INTEGER NOT NULL CHECK (components IN (1, 3, 4)),
        progressive     INTEGER NOT NULL CHECK (progressive IN (0, 1)),
        adobe_transform INTEGER,
        orientation     INTEGER NOT NULL CHECK (orientation BETWEEN 1 AND 8),
        file_name       TEXT NOT NULL,
        byte_count      INTEGER NOT NULL,
        added_at        TEXT NOT NULL,
        bytes           BLOB NOT NULL
      ) STRICT;
    `);
  },
};
