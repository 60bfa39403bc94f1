// JPEG files for tests, made by Ghostscript (installed here and by .ci/run): a picture whose
// quadrants tell how it was placed and turned, and an EXIF orientation spliced in.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
    const r = spawnSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', `-sDEVICE=${device}`, `-r${dpi}`, `-dJPEGQ=${quality}`, `-sOutputFile=${out}`, join(dir, 'in.ps')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`gs ${device} failed: ${r.stderr}`);
    return new Uint8Array(readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The JPEG with an APP1 EXIF segment right after SOI whose IFD0 holds Orientation `o` (big-endian TIFF). */
export function withExifOrientation(jpeg: Uint8Array, o: number): Uint8Array {
  const tiff = [0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, o, 0, 0, 0, 0, 0, 0];
  const body = [...Buffer.from('Exif\0\0', 'latin1'), ...tiff];
  const len = body.length + 2;
  return Uint8Array.from([0xff, 0xd8, 0xff, 0xe1, len >> 8, len & 0xff, ...body, ...jpeg.subarray(2)]);
}
