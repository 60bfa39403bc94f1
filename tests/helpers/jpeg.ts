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

/** How Ghostscript's DCTEncode filter (PLRM 3.13) writes a JPEG: per-component sampling, colour transform, quality. */
export interface DctOptions {
  /** Per component, 1-4 (the finest has the most); default all 1. */
  hSamples?: number[];
  vSamples?: number[];
  /** 1: YCbCr (3 colours) or YCCK (4, Adobe transform 2); 0: as given. */
  colorTransform?: 0 | 1;
  /** Scales the quantisation tables: 1 is a quality of about 50, 0.25 about 85. */
  qFactor?: number;
}

/**
 * A JPEG of `samples` (interleaved, `colors` per pixel, row by row) written by Ghostscript's
 * DCTEncode filter, which writes the Adobe APP14 marker with the colour transform: 4-colour
 * samples are then read as Adobe's inverted CMYK (255 = no ink), as Photoshop writes them.
 */
export function dctJpeg(samples: Uint8Array, width: number, height: number, colors: 1 | 3 | 4, options: DctOptions = {}): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'pasteup-dct-'));
  try {
    writeFileSync(join(dir, 'in.raw'), samples);
    const list = (a: number[] | undefined) => `[${(a ?? Array.from({ length: colors }, () => 1)).join(' ')}]`;
    const ps = `/src (${join(dir, 'in.raw')}) (r) file def
/out (${join(dir, 'out.jpg')}) (w) file def
/dst out << /Columns ${width} /Rows ${height} /Colors ${colors} /HSamples ${list(options.hSamples)} /VSamples ${list(options.vSamples)} /ColorTransform ${options.colorTransform ?? 0} /QFactor ${options.qFactor ?? 0.25} >> /DCTEncode filter def
/buf 65536 string def
{ src buf readstring exch dst exch writestring not { exit } if } loop
dst closefile out closefile
`;
    writeFileSync(join(dir, 'make.ps'), ps);
    execFileSync('gs', ['-q', '-dNODISPLAY', '-dBATCH', '-dNOPAUSE', '-dNOSAFER', join(dir, 'make.ps')]);
    return new Uint8Array(readFileSync(join(dir, 'out.jpg')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A CMYK JPEG as Ghostscript prints it: its DCTDecode filter (which undoes YCCK itself), with
 * /Decode [1 0 …] for an inverted (Adobe) one as the export writes it, rendered one device
 * pixel per picture pixel by bitcmyk: C, M, Y, K per pixel, 0-255 ink.
 */
export function gsCmykPixels(jpeg: Uint8Array, width: number, height: number, inverted: boolean): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'pasteup-ink-'));
  try {
    writeFileSync(join(dir, 'in.jpg'), jpeg);
    const decode = inverted ? '/Decode [1 0 1 0 1 0 1 0]' : '';
    const ps = `<< /PageSize [${width} ${height}] >> setpagedevice
/DeviceCMYK setcolorspace ${width} ${height} scale
<< /ImageType 1 /Width ${width} /Height ${height} /BitsPerComponent 8 ${decode} /ImageMatrix [${width} 0 0 -${height} 0 ${height}] /DataSource (${join(dir, 'in.jpg')}) (r) file /DCTDecode filter >> image
showpage
`;
    writeFileSync(join(dir, 'show.ps'), ps);
    execFileSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dNOSAFER', '-sDEVICE=bitcmyk', '-dGrayValues=256', '-r72', `-sOutputFile=${join(dir, 'out.raw')}`, join(dir, 'show.ps')]);
    return new Uint8Array(readFileSync(join(dir, 'out.raw')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The JPEG losslessly rewritten by libjpeg's jpegtran (`-progressive`, `-restart 3B`…): the same coefficients in other scans. */
export function jpegtran(jpeg: Uint8Array, ...args: string[]): Uint8Array {
  return new Uint8Array(execFileSync('jpegtran', ['-copy', 'all', ...args], { input: jpeg, maxBuffer: 1 << 30 }));
}

/** The JPEG without its Adobe APP14 marker: 4-colour samples are then plain CMYK (255 = full ink). */
export function withoutAdobe(jpeg: Uint8Array): Uint8Array {
  for (let i = 2; i + 4 < jpeg.length; ) {
    const length = (jpeg[i + 2] << 8) | jpeg[i + 3];
    if (jpeg[i + 1] === 0xee) return new Uint8Array(Buffer.concat([jpeg.subarray(0, i), jpeg.subarray(i + 2 + length)]));
    if (jpeg[i + 1] === 0xda) break;
    i += 2 + length;
  }
  throw new Error('no Adobe marker before the scan');
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
