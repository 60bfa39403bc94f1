// The total ink of CMYK JPEGs measured from their blocks' DC coefficients, against what
// Ghostscript prints from the same files: its DCTDecode (which undoes YCCK itself), with
// /Decode [1 0 …] for Adobe's inverted CMYK as the export writes it, rendered by bitcmyk one
// device pixel per picture pixel, then averaged over the same 8 × 8 blocks and windows of
// INK_WINDOW_BLOCKS² blocks. The files are made with Ghostscript's DCTEncode filter (known
// fills, sampling, YCCK) and rewritten losslessly by jpegtran (progressive, restart intervals).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImageError, readJpeg } from '../../../shared/images/jpeg';
import { INK_WINDOW_BLOCKS, measureInk, NEWSPRINT_INK_LIMIT, readPicture, type PictureInk } from '../../../shared/images/jpeg-ink';
import { dctJpeg, gsCmykPixels, gsJpeg, jpegtran, makeJpeg, withoutAdobe } from '../../helpers/jpeg';

/**
 * Percent of total ink the measure may differ from Ghostscript's pixels, block-averaged alike:
 * a block's DC is the mean of its pixels before they are clamped to 0-255 (ringing at a
 * patch's edge), quantised by Q0/8 levels. Components sampled more coarsely are spread over
 * the finer blocks as they are, where a decoder's upsampling blends neighbouring samples
 * across a patch's edge: up to 4 % then (measured: 3.1 %).
 */
const TOLERANCE = 2;
const SUBSAMPLED_TOLERANCE = 4;

type Fill = [number, number, number, number];

/** Samples (Adobe inverted: 255 − ink) of a picture `fill(x, y)` paints in inks 0-100 %. */
function picture(width: number, height: number, fill: (x: number, y: number) => Fill): Uint8Array {
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) fill(x, y).forEach((v, k) => (out[(y * width + x) * 4 + k] = 255 - Math.round((v / 100) * 255)));
  return out;
}

/** What Ghostscript prints of the file, averaged over 8 × 8 blocks and then windows, as measureInk does. */
function printed(jpeg: Uint8Array): PictureInk {
  const info = readJpeg(jpeg);
  const { width, height } = info;
  const px = gsCmykPixels(jpeg, width, height, info.adobeTransform !== null);
  const gw = Math.ceil(width / 8);
  const gh = Math.ceil(height / 8);
  const block: number[][] = [];
  for (let by = 0; by < gh; by++) {
    block.push([]);
    for (let bx = 0; bx < gw; bx++) {
      let sum = 0;
      let n = 0;
      for (let y = by * 8; y < Math.min(height, by * 8 + 8); y++)
        for (let x = bx * 8; x < Math.min(width, bx * 8 + 8); x++, n++) for (let k = 0; k < 4; k++) sum += px[(y * width + x) * 4 + k];
      block[by].push((sum / n / 255) * 100);
    }
  }
  const wx = Math.min(INK_WINDOW_BLOCKS, gw);
  const wy = Math.min(INK_WINDOW_BLOCKS, gh);
  const means: number[] = [];
  for (let y = 0; y + wy <= gh; y++)
    for (let x = 0; x + wx <= gw; x++) means.push(block.slice(y, y + wy).flatMap((row) => row.slice(x, x + wx)).reduce((a, b) => a + b, 0) / (wx * wy));
  return { most: Math.max(...means), over: means.filter((m) => m > NEWSPRINT_INK_LIMIT).length / means.length };
}

function expectLikePrinted(jpeg: Uint8Array, label: string, tolerance = TOLERANCE): PictureInk {
  const measured = measureInk(jpeg, readJpeg(jpeg))!;
  const reference = printed(jpeg);
  expect(Math.abs(measured.most - reference.most), `${label}: most ${measured.most} vs ${reference.most}`).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(measured.over - reference.over), `${label}: over ${measured.over} vs ${reference.over}`).toBeLessThanOrEqual(0.05);
  return measured;
}

const RICH_BLACK: Fill = [60, 40, 40, 100];
const ALL_FOUR: Fill = [100, 100, 100, 100];
const TINT: Fill = [20, 0, 0, 0];

/** 100 × 75: a 20 % cyan tint, a rich black (240 %) and a four-colour black (400 %) patch, a gradient strip. */
const SCENE = picture(100, 75, (x, y) => {
  if (y >= 60) return [x, (x * 7) % 100, 100 - x, x / 2];
  if (x >= 8 && x < 40 && y >= 8 && y < 48) return RICH_BLACK;
  if (x >= 56 && x < 96 && y >= 16 && y < 56) return ALL_FOUR;
  return TINT;
});

describe('measureInk', () => {
  it('gives the total ink of uniform fills: 400 %, the 240 % rich black, a 20 % tint', () => {
    for (const [fill, total] of [[ALL_FOUR, 400], [RICH_BLACK, 240], [TINT, 20]] as const) {
      const jpeg = dctJpeg(picture(48, 40, () => fill), 48, 40, 4);
      const ink = expectLikePrinted(jpeg, `${total} %`);
      expect(ink.most).toBeCloseTo(total, 0);
      if (Math.abs(total - NEWSPRINT_INK_LIMIT) > TOLERANCE) expect(ink.over).toBe(total > NEWSPRINT_INK_LIMIT ? 1 : 0);
    }
  });

  it('agrees with Ghostscript on a picture of patches: inverted (Adobe) and plain CMYK, YCCK, subsampled', () => {
    const inverted = dctJpeg(SCENE, 100, 75, 4);
    expect(readJpeg(inverted).adobeTransform).toBe(0);
    const ink = expectLikePrinted(inverted, 'Adobe CMYK');
    // The 400 % patch is 5 × 5 blocks: its inner windows are all four-colour black.
    expect(ink.most).toBeGreaterThan(395);
    expect(ink.over).toBeGreaterThan(0.1);
    expect(ink.over).toBeLessThan(0.5);

    // Without the marker the same samples are plain CMYK: 255 − the inks, read as ink.
    const plain = withoutAdobe(inverted);
    expect(readJpeg(plain).adobeTransform).toBeNull();
    expect(expectLikePrinted(plain, 'plain CMYK').most).toBeGreaterThan(300); // the inverted tint: 80 % C, 100 % M Y K

    const ycck = dctJpeg(SCENE, 100, 75, 4, { colorTransform: 1 });
    expect(readJpeg(ycck).adobeTransform).toBe(2);
    expect(expectLikePrinted(ycck, 'YCCK').most).toBeGreaterThan(390);

    // Components sampled more coarsely (2 × 2 blocks of C and K per block of M and Y; YCCK with
    // its chroma halved across) are spread over the finest block grid.
    const sub = dctJpeg(SCENE, 100, 75, 4, { hSamples: [2, 1, 1, 2], vSamples: [2, 1, 1, 2] });
    expect(expectLikePrinted(sub, 'subsampled CMYK', SUBSAMPLED_TOLERANCE).most).toBeGreaterThan(380);
    const subYcck = dctJpeg(SCENE, 100, 75, 4, { colorTransform: 1, hSamples: [2, 1, 1, 2], vSamples: [1, 1, 1, 1] });
    expectLikePrinted(subYcck, 'subsampled YCCK', SUBSAMPLED_TOLERANCE);
  });

  it('reads progressive files and restart intervals to the same figures', () => {
    // A flat fill whose DCs are odd: the last bit of a progressive file's DC comes in its
    // refinement scan (jpegtran's first DC scan has Al = 1).
    const odd = dctJpeg(picture(48, 40, () => [37, 53, 61, 71]), 48, 40, 4, { qFactor: 0.19 });
    for (const base of [odd, dctJpeg(SCENE, 100, 75, 4), dctJpeg(SCENE, 100, 75, 4, { colorTransform: 1, hSamples: [2, 1, 1, 2], vSamples: [2, 1, 1, 2] })]) {
      const sequential = measureInk(base, readJpeg(base));
      // One scan per component (sequential, not interleaved: each in its own raster order).
      const dir = mkdtempSync(join(tmpdir(), 'pasteup-scans-'));
      const scans = join(dir, 'scans.txt');
      writeFileSync(scans, '0;\n1;\n2;\n3;\n');
      for (const args of [['-progressive'], ['-restart', '3B'], ['-restart', '1'], ['-progressive', '-restart', '2B'], ['-scans', scans]]) {
        const other = jpegtran(base, ...args);
        const info = readJpeg(other);
        expect(info.progressive).toBe(args.includes('-progressive'));
        // Lossless rewriting: the same coefficients, so the same figures exactly (the DC
        // refinement scans of a progressive file are read, so no bit is lost).
        expect(measureInk(other, info), args.join(' ')).toEqual(sequential);
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads Ghostscript's jpegcmyk device: the 100 % cyan quadrant", () => {
    // 288 dpi: the quadrant is 80 × 60 pixels, 10 × 7 blocks, windows fit inside it.
    const ink = expectLikePrinted(gsJpeg('jpegcmyk', undefined, 288), 'jpegcmyk');
    expect(Math.abs(ink.most - 100)).toBeLessThanOrEqual(TOLERANCE);
    expect(ink.over).toBe(0);
  });

  it('reports a truncated or damaged picture data, and measures no gray or RGB picture', () => {
    for (const jpeg of [dctJpeg(SCENE, 100, 75, 4), jpegtran(dctJpeg(SCENE, 100, 75, 4), '-restart', '2B'), jpegtran(dctJpeg(SCENE, 100, 75, 4), '-progressive')]) {
      const info = readJpeg(jpeg);
      // Cut in the middle of the (first) scan, with an end marker put back: readJpeg passes it.
      const sos = jpeg.findIndex((b, i) => b === 0xff && jpeg[i + 1] === 0xda);
      const cut = new Uint8Array([...jpeg.subarray(0, sos + 40), 0xff, 0xd9]);
      expect(() => readJpeg(cut)).not.toThrow();
      expect(() => measureInk(cut, info)).toThrow(ImageError);
      expect(() => measureInk(cut, info)).toThrow(/truncated or damaged/);
    }
    // A frame header claiming 60000 × 60000 pixels over a few hundred bytes: refused, not allocated.
    const huge = dctJpeg(SCENE, 100, 75, 4);
    const sof = huge.findIndex((b, i) => b === 0xff && huge[i + 1] === 0xc0);
    huge.set([0xea, 0x60, 0xea, 0x60], sof + 5);
    expect(() => measureInk(huge, readJpeg(huge))).toThrow(/truncated or damaged/);
    expect(measureInk(makeJpeg('gray'), readJpeg(makeJpeg('gray')))).toBeNull();
    expect(readPicture(makeJpeg('rgb')).ink).toBeNull();
    expect(readPicture(makeJpeg('cmyk')).ink).not.toBeNull();
  });
});
