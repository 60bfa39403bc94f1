// Schema 9: the ICC profile a picture carries (APP2 chunks: a photographer's Adobe RGB), as
// readJpeg reads it — whether there is one, its description, and for an RGB picture why the
// export cannot take its colours from it (then it is taken as sRGB) — beside the other facts,
// so lists and layout can name a picture's colour space without reading its bytes. Existing
// rows are read once, a few at a time (blobs are big).
import { readJpeg } from '../../../../shared/images/jpeg';
import type { Migration } from './index';

export const m009ImageProfiles: Migration = {
  version: 9,
  name: 'image-profiles',
  up(db) {
    db.exec(`
      ALTER TABLE images ADD COLUMN has_profile INTEGER NOT NULL DEFAULT 0 CHECK (has_profile IN (0, 1));
      ALTER TABLE images ADD COLUMN profile_description TEXT;
      ALTER TABLE images ADD COLUMN profile_problem TEXT;
    `);
    const page = db.prepare('SELECT rowid, bytes FROM images WHERE rowid > ? ORDER BY rowid LIMIT 16');
    const set = db.prepare('UPDATE images SET has_profile = 1, profile_description = ?, profile_problem = ? WHERE rowid = ?');
    for (let last = 0; ; ) {
      const rows = page.all(last) as { rowid: number; bytes: Buffer }[];
      if (rows.length === 0) break;
      for (const r of rows) {
        let profile: ReturnType<typeof readJpeg>['profile'] = null;
        try {
          profile = readJpeg(r.bytes).profile;
        } catch {
          // A row readJpeg refuses is for `check` to report; it keeps no profile.
        }
        if (profile) set.run(profile.description, profile.problem, r.rowid);
      }
      last = rows[rows.length - 1].rowid;
    }
  },
};
