// Schema 10: the ICC profile a picture carries (APP2 chunks: a photographer's Adobe RGB), as
// readJpeg reads it — its description, and for an RGB picture why the export cannot take its
// colours from it (then it is taken as sRGB) — so lists and layout can name a picture's colour
// space without reading its bytes. A row only for a picture with a profile. In a table of its
// own, as the total ink is (009): columns added to `images` would come after the bytes, and
// SQLite reaches those only through the BLOB's overflow pages. Pictures stored before are read
// here, a few at a time (blobs are big).
import { readJpeg } from '../../../../shared/images/jpeg';
import type { Migration } from './index';

export const m010ImageProfiles: Migration = {
  version: 10,
  name: 'image-profiles',
  up(db) {
    db.exec(`
      CREATE TABLE image_profiles (
        ref         TEXT PRIMARY KEY REFERENCES images (ref) ON DELETE CASCADE,
        description TEXT,
        problem     TEXT
      ) STRICT;
    `);
    const page = db.prepare('SELECT rowid, ref, bytes FROM images WHERE rowid > ? ORDER BY rowid LIMIT 16');
    const insert = db.prepare('INSERT INTO image_profiles (ref, description, problem) VALUES (?, ?, ?)');
    for (let last = 0; ; ) {
      const rows = page.all(last) as { rowid: number; ref: string; bytes: Buffer }[];
      if (rows.length === 0) break;
      for (const r of rows) {
        let profile: ReturnType<typeof readJpeg>['profile'] = null;
        try {
          profile = readJpeg(r.bytes).profile;
        } catch {
          // A row readJpeg refuses is for `check` to report; it keeps no profile.
        }
        if (profile) insert.run(r.ref, profile.description, profile.problem);
      }
      last = rows[rows.length - 1].rowid;
    }
  },
};
