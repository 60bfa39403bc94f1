// Pictures (schema 8): the JPEG files photos print, kept in the library under the reference a
// photo's `asset` holds (`sha256:<hex of the bytes>`), one row per distinct picture.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type Database from 'better-sqlite3';
import { ImageError, imageRef, type ImageAsset, type JpegInfo } from '../../../shared/images/jpeg';
import { readPicture, type PictureFacts, type PictureInk } from '../../../shared/images/jpeg-ink';
import { LibraryError } from './errors';

/** A stored picture without its bytes: what lists, preflight and `check` read. */
export interface ImageSummary extends JpegInfo {
  ref: string;
  /** A CMYK picture's total ink (schema 9, measured when stored); null for gray and RGB, and for CMYK data that cannot be measured. */
  ink: PictureInk | null;
  /** The file's name (no folder) when it first came in. */
  fileName: string;
  /** Size of the file, bytes. */
  size: number;
  addedAt: string;
}

/** What add() did: the picture as stored, and whether this call stored it (false: it was there already). */
export interface AddedImage {
  image: ImageSummary;
  added: boolean;
}

/** A file the plate cannot carry (not a JPEG, 12-bit, lossless…): readJpeg's reason, naming the file. */
export class InvalidImageError extends LibraryError {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/** A row of `images` without its bytes, with its profile (image_profiles) and ink (image_ink) joined. */
export interface ImageRow {
  ref: string;
  format: 'jpeg';
  width: number;
  height: number;
  components: 1 | 3 | 4;
  progressive: number;
  adobe_transform: number | null;
  orientation: number;
  has_profile: number;
  profile_description: string | null;
  profile_problem: string | null;
  file_name: string;
  byte_count: number;
  added_at: string;
  /** From image_ink (schema 9): null without a row there. */
  ink_most: number | null;
  ink_over: number | null;
}

const SUMMARY_COLUMNS = 'ref, format, width, height, components, progressive, adobe_transform, orientation, file_name, byte_count, added_at';
/**
 * A picture's facts with its total ink and its embedded profile, without its bytes (never read
 * past them: see migration 009; the profile is in a table of its own for the same reason).
 */
const selectSummary = (extra = '') =>
  `SELECT ${SUMMARY_COLUMNS}, ink_most, ink_over, image_profiles.ref IS NOT NULL AS has_profile, ` +
  `image_profiles.description AS profile_description, image_profiles.problem AS profile_problem${extra} ` +
  'FROM images LEFT JOIN image_ink USING (ref) LEFT JOIN image_profiles USING (ref)';
const SELECT_SUMMARY = selectSummary();

function summaryOf(r: ImageRow): ImageSummary {
  return {
    ref: r.ref,
    format: r.format,
    width: r.width,
    height: r.height,
    components: r.components,
    progressive: r.progressive === 1,
    adobeTransform: r.adobe_transform,
    orientation: r.orientation,
    profile: r.has_profile === 1 ? { description: r.profile_description, problem: r.profile_problem } : null,
    fileName: r.file_name,
    size: r.byte_count,
    addedAt: r.added_at,
    ink: r.ink_most === null ? null : { most: r.ink_most, over: r.ink_over! },
  };
}

/** The reference of a picture's bytes: `sha256:` and their digest. */
export function refOf(bytes: Uint8Array): string {
  return imageRef(createHash('sha256').update(bytes).digest('hex'));
}

/**
 * Reads a picture's facts (a CMYK picture's total ink measured), or throws InvalidImageError
 * naming `file` with readPicture's reason. add()'s check; callers that check files before a
 * transaction (a plan's, a Markdown file's, --image) use readPictureFile
 * (services/import/pictures.ts), which reads the file too and hands its facts to add().
 */
function readImageFile(bytes: Uint8Array, file: string): PictureFacts {
  try {
    return readPicture(bytes);
  } catch (e) {
    if (e instanceof ImageError) throw new InvalidImageError(file, e.message);
    throw e;
  }
}

export class ImageRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => string,
  ) {}

  /**
   * Stores a picture (one transaction) and returns it. `file` is the file as the caller names
   * it: its base name is kept, and an error names it whole. The same bytes stored again keep
   * the first row (its file name and time). A file DCTDecode cannot carry is refused
   * (InvalidImageError) and nothing is stored. `facts`: what readPicture read of these bytes
   * already (readPictureFile's), so a large CMYK picture is not measured twice.
   */
  add(bytes: Uint8Array, file: string, facts?: PictureFacts): AddedImage {
    const info = facts ?? readImageFile(bytes, file);
    const ref = refOf(bytes);
    return this.db
      .transaction((): AddedImage => {
        const existing = this.info(ref);
        if (existing) return { image: existing, added: false };
        this.db
          .prepare(`INSERT INTO images (${SUMMARY_COLUMNS}, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(ref, info.format, info.width, info.height, info.components, info.progressive ? 1 : 0, info.adobeTransform, info.orientation, basename(file), bytes.length, this.now(), bytes);
        if (info.ink) this.db.prepare('INSERT INTO image_ink (ref, ink_most, ink_over) VALUES (?, ?, ?)').run(ref, info.ink.most, info.ink.over);
        if (info.profile) this.db.prepare('INSERT INTO image_profiles (ref, description, problem) VALUES (?, ?, ?)').run(ref, info.profile.description, info.profile.problem);
        return { image: this.info(ref)!, added: true };
      })
      .immediate();
  }

  /** The picture with its bytes, as the export embeds it; null when the library has none under `ref`. */
  get(ref: string): ImageAsset | null {
    const row = this.db.prepare(`${selectSummary(', bytes')} WHERE ref = ?`).get(ref) as (ImageRow & { bytes: Buffer }) | undefined;
    if (!row) return null;
    const s = summaryOf(row);
    const facts: JpegInfo = { format: s.format, width: s.width, height: s.height, components: s.components, progressive: s.progressive, adobeTransform: s.adobeTransform, orientation: s.orientation, profile: s.profile };
    return { ...facts, ref: s.ref, bytes: new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) };
  }

  /** The picture's facts without its bytes, or null. */
  info(ref: string): ImageSummary | null {
    const row = this.db.prepare(`${SELECT_SUMMARY} WHERE ref = ?`).get(ref) as ImageRow | undefined;
    return row ? summaryOf(row) : null;
  }

  /** The facts of those of `refs` the library holds (the others are simply absent). */
  facts(refs: Iterable<string>): Map<string, ImageSummary> {
    const out = new Map<string, ImageSummary>();
    for (const ref of new Set(refs)) {
      const i = this.info(ref);
      if (i) out.set(ref, i);
    }
    return out;
  }

  /** Every picture, oldest first, without bytes. */
  list(): ImageSummary[] {
    const rows = this.db.prepare(`${SELECT_SUMMARY} ORDER BY added_at, ref`).all() as ImageRow[];
    return rows.map(summaryOf);
  }
}
