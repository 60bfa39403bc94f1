// Real JPEG files for tests, made by Ghostscript (installed here and by .ci/run): gray, CMYK
// (with Photoshop's Adobe marker) or RGB, of any size or drawn by any PostScript, and an
// EXIF orientation spliced in.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type JpegKind = 'gray' | 'cmyk' | 'rgb';

const DEVICE: Record<JpegKind, 'jpeggray' | 'jpegcmyk' | 'jpeg'> = { gray: 'jpeggray', cmyk: 'jpegcmyk', rgb: 'jpeg' };
const made = new Map<string, Uint8Array>();

/** 40 × 30 pt: the top-left quadrant 100 % cyan, the bottom-right 50 % K, the rest white. */
export const QUADRANTS_PS = `<< /PageSize [40 30] >> setpagedevice
1 setgray 0 0 40 30 rectfill
1 0 0 0 setcmykcolor 0 15 20 15 rectfill
0 0 0 0.5 setcmykcolor 20 0 20 15 rectfill
showpage
`;

/** Renders PostScript with one of Ghostscript's JPEG devices at `dpi` (72: a pixel a point), JPEG quality `quality`. */
export function gsJpeg(device: 'jpegcmyk' | 'jpeggray' | 'jpeg', ps = QUADRANTS_PS, dpi = 72, quality = 75): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'pasteup-jpeg-'));
  try {
    writeFileSync(join(dir, 'in.ps'), ps);
    const out = join(dir, 'out.jpg');
    execFileSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', `-sDEVICE=${device}`, `-r${dpi}`, `-dJPEGQ=${quality}`, `-sOutputFile=${out}`, join(dir, 'in.ps')]);
    return new Uint8Array(readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A JPEG of `width`×`height` pixels: a grey square and a red one on white (cached per kind and size). */
export function makeJpeg(kind: JpegKind, width = 40, height = 30): Uint8Array {
  const key = `${kind} ${width}x${height}`;
  let bytes = made.get(key);
  if (!bytes) {
    const w = width / 2;
    const h = height / 2;
    bytes = gsJpeg(DEVICE[kind], `%!PS\n<< /PageSize [${width} ${height}] >> setpagedevice\n0.5 setgray 0 0 ${w} ${h} rectfill 1 0 0 setrgbcolor ${w} ${h} ${w} ${h} rectfill showpage\n`);
    made.set(key, bytes);
  }
  return bytes;
}

/**
 * The JPEG with an EXIF APP1 segment right after SOI whose IFD0 holds Orientation = `orientation`
 * (a camera's portrait is often 6: turn a quarter clockwise to show it upright).
 */
export function withOrientation(jpeg: Uint8Array, orientation: number, byteOrder: 'II' | 'MM' = 'MM'): Uint8Array {
  const little = byteOrder === 'II';
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  const u16 = (v: number, at: number) => (little ? tiff.writeUInt16LE(v, at) : tiff.writeUInt16BE(v, at));
  const u32 = (v: number, at: number) => (little ? tiff.writeUInt32LE(v, at) : tiff.writeUInt32BE(v, at));
  tiff.write(byteOrder, 0, 'latin1');
  u16(42, 2);
  u32(8, 4); // IFD0 right after the header
  u16(1, 8); // one entry
  u16(0x0112, 10); // Orientation
  u16(3, 12); // SHORT
  u32(1, 14); // one value
  u16(orientation, 18); // the value, left-justified in the 4-byte field
  u32(0, 22); // no next IFD
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.alloc(4);
  app1.writeUInt16BE(0xffe1, 0);
  app1.writeUInt16BE(body.length + 2, 2);
  return new Uint8Array(Buffer.concat([jpeg.subarray(0, 2), app1, body, jpeg.subarray(2)]));
}

/** One APP2 ICC_PROFILE chunk as written: its sequence number, the count it claims, its part of the profile. */
export interface IccChunk {
  seq: number;
  count: number;
  data: Uint8Array;
}

/** The JPEG without its APP2 ICC_PROFILE segments (Ghostscript embeds the profile it wrote with). */
export function withoutProfile(jpeg: Uint8Array): Uint8Array {
  return withIccChunks(jpeg, []);
}

/**
 * The JPEG with its own APP2 ICC_PROFILE segments replaced by these chunks, in this order,
 * right after its first segment (APP0 JFIF stays first when there is one).
 */
export function withIccChunks(jpeg: Uint8Array, chunks: IccChunk[]): Uint8Array {
  const kept: Buffer[] = [];
  let i = 2;
  let first = true;
  // After APP0 (JFIF) when the file starts with it, else right after SOI.
  let insertAt = 0;
  // Walk the segments before the scan; everything from the scan on is kept as it is.
  while (jpeg[i] === 0xff && jpeg[i + 1] !== 0xda) {
    const length = (jpeg[i + 2] << 8) | jpeg[i + 3];
    const isIcc = jpeg[i + 1] === 0xe2 && Buffer.from(jpeg.subarray(i + 4, i + 16)).toString('latin1') === 'ICC_PROFILE\0';
    if (!isIcc) kept.push(Buffer.from(jpeg.subarray(i, i + 2 + length)));
    if (first && jpeg[i + 1] === 0xe0) insertAt = 1;
    first = false;
    i += 2 + length;
  }
  const segments = chunks.map((c) => {
    const head = Buffer.alloc(4 + 12 + 2);
    head.writeUInt16BE(0xffe2, 0);
    head.writeUInt16BE(2 + 12 + 2 + c.data.length, 2);
    head.write('ICC_PROFILE\0', 4, 'latin1');
    head[16] = c.seq;
    head[17] = c.count;
    return Buffer.concat([head, c.data]);
  });
  kept.splice(insertAt, 0, ...segments);
  return new Uint8Array(Buffer.concat([Buffer.from(jpeg.subarray(0, 2)), ...kept, Buffer.from(jpeg.subarray(i))]));
}

/**
 * The JPEG with `profile` embedded in `pieces` APP2 chunks of about equal size (in place of its
 * own); more when a segment's 64 KB would not hold them.
 */
export function withProfile(jpeg: Uint8Array, profile: Uint8Array, pieces = 1): Uint8Array {
  pieces = Math.max(pieces, Math.ceil(profile.length / 65000));
  const size = Math.ceil(profile.length / pieces);
  return withIccChunks(jpeg, Array.from({ length: pieces }, (_, k) => ({ seq: k + 1, count: pieces, data: profile.subarray(k * size, (k + 1) * size) })));
}
