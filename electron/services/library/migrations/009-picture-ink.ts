// Schema 9: a CMYK picture's total ink (shared/images/jpeg-ink.ts), measured once when it is
// stored, so preflight reads two numbers and never a blob. In a table of its own rather than
// columns added to `images`: ALTER TABLE would put them after the bytes, and SQLite reaches a
// column behind a BLOB only through the BLOB's overflow pages (10-16 ms per 10 MB picture
// here, every preflight and export); rebuilding `images` to put them first would copy every
// picture. No row: a gray or RGB picture, or CMYK data that could not be measured (damaged
// after its end marker was checked), which preflight reports. Pictures stored before are
// measured here, from their bytes: a migration runs once per library, and the export's and
// preflight's paths stay free of JPEG decoding (a 15 MP CMYK file takes 0.2-0.7 s).
import type { Migration } from './index';
import { ImageError } from '../../../../shared/images/jpeg';
import { measureInk } from '../../../../shared/images/jpeg-ink';

export const m009PictureInk: Migration = {
  version: 9,
  name: 'picture-ink',
  up(db) {
    db.exec(`
      CREATE TABLE image_ink (
        ref      TEXT PRIMARY KEY REFERENCES images (ref) ON DELETE CASCADE,
        ink_most REAL NOT NULL CHECK (ink_most BETWEEN 0 AND 400),
        ink_over REAL NOT NULL CHECK (ink_over BETWEEN 0 AND 1)
      ) STRICT;
    `);
    const rows = db.prepare('SELECT ref, adobe_transform, bytes FROM images WHERE components = 4').iterate() as IterableIterator<{ ref: string; adobe_transform: number | null; bytes: Buffer }>;
    const measured: [string, number, number][] = [];
    for (const r of rows) {
      try {
        const ink = measureInk(new Uint8Array(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength), { components: 4, adobeTransform: r.adobe_transform });
        if (ink) measured.push([r.ref, ink.most, ink.over]);
      } catch (e) {
        if (!(e instanceof ImageError)) throw e;
      }
    }
    // Written after the reading: better-sqlite3 runs no statement while another iterates.
    const insert = db.prepare('INSERT INTO image_ink (ref, ink_most, ink_over) VALUES (?, ?, ?)');
    for (const m of measured) insert.run(...m);
  },
};
