// What a JPEG file is, read from its markers without decoding a pixel: enough to decide
// whether the PDF may carry it as it is (DCTDecode), how to place it (size, EXIF
// orientation) and what its colours are (components, Adobe's inverted CMYK, the ICC profile
// embedded in APP2 chunks). Pure: bytes in, facts out (shared/images/README.md).
import { embeddedProfileFacts, type EmbeddedProfileFacts } from './icc';

/** A picture the plate can carry: its file's bytes are embedded unchanged. */
export interface JpegInfo {
  format: 'jpeg';
  /** Pixels as stored (before the EXIF orientation is applied). */
  width: number;
  height: number;
  /** 1 gray, 3 YCbCr/RGB, 4 CMYK/YCCK. */
  components: 1 | 3 | 4;
  /** Progressive (SOF2) rather than sequential (SOF0/SOF1). */
  progressive: boolean;
  /**
   * The Adobe APP14 marker's colour transform (0 none, 1 YCbCr, 2 YCCK), or null without the
   * marker. Photoshop writes CMYK with the marker and its samples inverted (0 = full ink),
   * which the PDF undoes with a /Decode array (adobeInverted).
   */
  adobeTransform: number | null;
  /** EXIF orientation 1-8 (1: as stored). A camera's upright photo of a portrait is often 6. */
  orientation: number;
  /**
   * The ICC profile embedded in the file (APP2 `ICC_PROFILE` chunks), or null when there is
   * none: its description (Adobe RGB (1998)) and, for an RGB picture, why its colours cannot be
   * taken from it (chunks missing, a table-based profile…: the export then takes it as sRGB).
   */
  profile: EmbeddedProfileFacts | null;
}

/** A file the plate cannot carry, with what to tell the desk. */
export class ImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageError';
  }
}

const SOF_NAMES: Readonly<Record<number, string>> = {
  0xc3: 'lossless JPEG',
  0xc5: 'hierarchical JPEG',
  0xc6: 'hierarchical JPEG',
  0xc7: 'hierarchical JPEG',
  0xc9: 'arithmetic-coded JPEG',
  0xca: 'arithmetic-coded JPEG',
  0xcb: 'arithmetic-coded JPEG',
  0xcd: 'arithmetic-coded JPEG',
  0xce: 'arithmetic-coded JPEG',
  0xcf: 'arithmetic-coded JPEG',
};

/** Whether the bytes start as a JPEG file does (SOI and a marker). */
export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** A marker segment: its marker code and its payload [start, end); the next segment starts at `end`. */
export interface JpegSegment {
  marker: number;
  start: number;
  end: number;
}

/**
 * The marker segment at `i` (fill bytes before the marker skipped): the one walker of a JPEG's
 * markers, readJpeg's and the ink measure's (jpeg-ink.ts). Markers without a length (SOI, EOI,
 * RSTn, TEM) have an empty payload. Null when no marker stands at `i`; a length running past
 * the file's end throws ImageError (truncated). A scan's entropy-coded data follows its SOS
 * segment and is not skipped here.
 */
export function segmentAt(bytes: Uint8Array, i: number): JpegSegment | null {
  while (i + 1 < bytes.length && bytes[i] === 0xff && bytes[i + 1] === 0xff) i++;
  if (i + 2 > bytes.length || bytes[i] !== 0xff) return null;
  const marker = bytes[i + 1];
  if ((marker >= 0xd0 && marker <= 0xd9) || marker === 0x01) return { marker, start: i + 2, end: i + 2 };
  const length = i + 4 <= bytes.length ? (bytes[i + 2] << 8) | bytes[i + 3] : 0;
  const end = i + 2 + length;
  if (length < 2 || end > bytes.length) throw new ImageError('the JPEG file is truncated');
  return { marker, start: i + 4, end };
}

/**
 * Reads a JPEG's frame header, Adobe marker and EXIF orientation. Throws ImageError for what
 * a PDF's DCTDecode cannot show or a plate should not get: not a JPEG, a truncated file (its
 * picture data without its end marker included),
 * 12-bit or lossless, arithmetic-coded or hierarchical frames, 2 components.
 */
export function readJpeg(bytes: Uint8Array): JpegInfo {
  const { info, icc } = readMarkers(bytes);
  if (icc.length === 0) return { ...info, profile: null };
  let profile: Uint8Array;
  try {
    profile = joinIccChunks(icc);
  } catch (err) {
    return { ...info, profile: { description: null, problem: (err as Error).message } };
  }
  return { ...info, profile: embeddedProfileFacts(profile, info.components) };
}

/**
 * The ICC profile embedded in a JPEG: its APP2 `ICC_PROFILE` chunks joined in the order of
 * their sequence numbers; null when it has none. Throws ImageError for chunks that do not make
 * one profile (one missing or twice, counts that disagree), saying which: nothing is guessed.
 */
export function jpegProfile(bytes: Uint8Array): Uint8Array | null {
  const { icc } = readMarkers(bytes);
  return icc.length === 0 ? null : joinIccChunks(icc);
}

const ICC_CHUNK = 'ICC_PROFILE\0';

/** Chunks (each: sequence number, count, data; ICC.1 annex B.4) → the profile's bytes. */
function joinIccChunks(chunks: Uint8Array[]): Uint8Array {
  const bad = (why: string) => new ImageError(why);
  if (chunks.some((c) => c.length < 2)) throw bad('an APP2 ICC_PROFILE chunk is empty');
  const count = chunks[0][1];
  const parts: (Uint8Array | undefined)[] = new Array(count);
  for (const c of chunks) {
    if (c[1] !== count) throw bad(`its APP2 chunks disagree on how many there are (${count} and ${c[1]})`);
    if (c[0] < 1 || c[0] > count) throw bad(`an APP2 chunk is numbered ${c[0]} of ${count}`);
    if (parts[c[0] - 1]) throw bad(`APP2 chunk ${c[0]} of ${count} is there twice`);
    parts[c[0] - 1] = c.subarray(2);
  }
  const missing = [...parts.keys()].filter((k) => !parts[k]).map((k) => k + 1);
  if (count === 0 || missing.length > 0) throw bad(count === 0 ? 'its APP2 chunks say there are none' : `APP2 chunk${missing.length === 1 ? '' : 's'} ${missing.join(', ')} of ${count} ${missing.length === 1 ? 'is' : 'are'} missing`);
  const out = new Uint8Array(parts.reduce((n, p) => n + p!.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p!, at);
    at += p!.length;
  }
  return out;
}

/** The facts of readJpeg but the profile, and the payloads (after the identifier) of its APP2 ICC_PROFILE chunks in file order. */
function readMarkers(bytes: Uint8Array): { info: Omit<JpegInfo, 'profile'>; icc: Uint8Array[] } {
  if (!isJpeg(bytes)) throw new ImageError('not a JPEG file');
  const icc: Uint8Array[] = [];
  const before: AppFacts = {};
  let i = 2;
  for (;;) {
    const seg = segmentAt(bytes, i);
    if (!seg) throw new ImageError(i + 4 > bytes.length ? 'the JPEG file is truncated (no frame header)' : 'the JPEG file is damaged (a marker is missing)');
    const { marker, start, end } = seg;
    if (marker === 0xd9 || marker === 0xda) throw new ImageError('the JPEG file has no frame header');
    const length = end - start + 2;
    appSegment(bytes, seg, before, icc);
    if (marker in SOF_NAMES) throw new ImageError(`${SOF_NAMES[marker]} cannot go into a PDF: save the picture as a baseline or progressive JPEG`);
    if (marker === 0xc0 || marker === 0xc1 || marker === 0xc2) {
      if (length < 8) throw new ImageError('the JPEG file is damaged (short frame header)');
      const precision = bytes[start];
      const height = (bytes[start + 1] << 8) | bytes[start + 2];
      const width = (bytes[start + 3] << 8) | bytes[start + 4];
      const components = bytes[start + 5];
      if (precision !== 8) throw new ImageError(`a ${precision}-bit JPEG cannot go into a PDF for print: save it with 8 bits per channel`);
      if (width === 0 || height === 0) throw new ImageError('the JPEG file gives no picture size');
      if (components !== 1 && components !== 3 && components !== 4) throw new ImageError(`a JPEG of ${components} channels is neither gray, RGB nor CMYK`);
      // The markers that matter stand before the frame header (APP segments come first), but
      // EXIF and Adobe markers after it are read too: keep walking to the scan.
      const rest = tail(bytes, end, icc);
      const info: Omit<JpegInfo, 'profile'> = {
        format: 'jpeg',
        width,
        height,
        components,
        progressive: marker === 0xc2,
        adobeTransform: rest.adobe ?? before.adobe ?? null,
        orientation: rest.orientation ?? before.orientation ?? 1,
      };
      return { info, icc };
    }
    i = end;
  }
}

/** What the APP segments say: the Adobe marker's transform, the EXIF orientation (the last of each wins). */
interface AppFacts {
  adobe?: number;
  orientation?: number;
}

/** Reads one segment into `into` when it is an Adobe (APP14) or EXIF (APP1) marker, and adds it to `icc` when it is an ICC_PROFILE chunk (APP2). */
function appSegment(bytes: Uint8Array, { marker, start, end }: JpegSegment, into: AppFacts, icc: Uint8Array[]): void {
  if (marker === 0xee && end - start + 2 >= 14 && ascii(bytes, start, 5) === 'Adobe') into.adobe = bytes[start + 11];
  if (marker === 0xe1 && ascii(bytes, start, 6) === 'Exif\0\0') into.orientation = exifOrientation(bytes, start + 6, end);
  if (marker === 0xe2 && ascii(bytes, start, 12) === ICC_CHUNK) icc.push(bytes.subarray(start + 12, end));
}

/** Adobe and EXIF markers after the frame header, up to the first scan; ICC chunks there are added to `icc`. */
function tail(bytes: Uint8Array, i: number, icc: Uint8Array[]): AppFacts {
  const out: AppFacts = {};
  for (let seg = segmentAt(bytes, i); seg && seg.marker !== 0xda && seg.marker !== 0xd9; seg = segmentAt(bytes, i)) {
    appSegment(bytes, seg, out, icc);
    i = seg.end;
  }
  if (i + 4 > bytes.length) throw new ImageError('the JPEG file is truncated (no image data)');
  // The picture data ends with EOI (FF D9). In the entropy-coded data a 0xFF is always followed
  // by 0x00 or a restart marker, so a file without FF D9 after its first scan was cut short
  // there (a copy interrupted): the plate would print the picture's lower part grey or not at all.
  if (!endsImage(bytes, i)) throw new ImageError('the JPEG file is truncated (its picture data does not end)');
  return out;
}

/** Whether an EOI marker (FF D9) stands at or after `from`; searched from the end (data may follow EOI). */
function endsImage(bytes: Uint8Array, from: number): boolean {
  for (let k = bytes.length - 2; k >= from; k--) if (bytes[k] === 0xff && bytes[k + 1] === 0xd9) return true;
  return false;
}

function ascii(bytes: Uint8Array, at: number, n: number): string {
  let s = '';
  for (let k = 0; k < n && at + k < bytes.length; k++) s += String.fromCharCode(bytes[at + k]);
  return s;
}

/** The Orientation tag (0x0112) of IFD0 of a TIFF block in [at, end); 1 when absent or unreadable. */
function exifOrientation(bytes: Uint8Array, at: number, end: number): number {
  if (at + 8 > end) return 1;
  const little = bytes[at] === 0x49 && bytes[at + 1] === 0x49;
  if (!little && !(bytes[at] === 0x4d && bytes[at + 1] === 0x4d)) return 1;
  const u16 = (p: number) => (little ? bytes[p] | (bytes[p + 1] << 8) : (bytes[p] << 8) | bytes[p + 1]);
  const u32 = (p: number) => (little ? (bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16)) + bytes[p + 3] * 0x1000000 : bytes[p] * 0x1000000 + ((bytes[p + 1] << 16) | (bytes[p + 2] << 8) | bytes[p + 3]));
  const ifd = at + u32(at + 4);
  if (ifd + 2 > end) return 1;
  const count = u16(ifd);
  for (let k = 0; k < count; k++) {
    const e = ifd + 2 + k * 12;
    if (e + 12 > end) return 1;
    if (u16(e) === 0x0112) {
      const v = u16(e + 8);
      return v >= 1 && v <= 8 ? v : 1;
    }
  }
  return 1;
}

/** Whether the orientation turns the picture a quarter (width and height swap on the page). */
export function turnsQuarter(orientation: number): boolean {
  return orientation >= 5 && orientation <= 8;
}

/** A picture from the library: its reference (`sha256:` and the hex digest of its bytes), facts and bytes. */
export interface ImageAsset extends JpegInfo {
  ref: string;
  bytes: Uint8Array;
}

/** The reference a photo's `asset` holds for a picture whose bytes have this SHA-256 (hex). */
export function imageRef(sha256Hex: string): string {
  return `sha256:${sha256Hex.toLowerCase()}`;
}
