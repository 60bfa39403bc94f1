// Schema 9: a CMYK picture's total ink (shared/images/jpeg-ink.ts), measured once when it is
// stored and kept beside its other facts, so preflight reads two numbers and never a blob.
// Pictures stored before are measured here, from their bytes: a migration runs once per
// library, and the export's and preflight's paths stay free of JPEG decoding (measuring takes
// ~0.1-0.3 s for a 15 MP CMYK file). Gray and RGB pictures keep NULL; a CMYK picture whose
// data cannot be measured (damaged after its end marker was checked) keeps NULL too, which
// preflight reports.
import type { Migration } from './index';
import { ImageError } from '../../../../shared/images/jpeg';
import { measureInk } from '../../../../shared/images/jpeg-ink';

export const m009PictureInk: Migration = {
  version: 9,
  name: 'picture-ink',
  up(db) {
    db.exec(`
      ALTER TABLE images ADD COLUMN ink_most REAL CHECK (ink_most BETWEEN 0 AND 400);
      ALTER TABLE images ADD COLUMN ink_over REAL CHECK (ink_over BETWEEN 0 AND 1);
    `);
    const rows = db.prepare('SELECT ref, adobe_transform, bytes FROM images WHERE components = 4').iterate() as IterableIterator<{ ref: string; adobe_transform: number | null; bytes: Buffer }>;
    const set = db.prepare('UPDATE images SET ink_most = ?, ink_over = ? WHERE ref = ?');
    const measured: [number, number, string][] = [];
    for (const r of rows) {
      try {
        const ink = measureInk(new Uint8Array(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength), { components: 4, adobeTransform: r.adobe_transform });
        if (ink) measured.push([ink.most, ink.over, r.ref]);
      } catch (e) {
        if (!(e instanceof ImageError)) throw e;
      }
    }
    for (const m of measured) set.run(...m);
  },
};
