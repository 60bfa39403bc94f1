// readJpeg on real files (Ghostscript's JPEG devices) and on the damage a desk's files carry.
import { describe, expect, it } from 'vitest';
import { ImageError, imageRef, isJpeg, readJpeg, turnsQuarter } from '../../../shared/images/jpeg';
import { makeJpeg, withOrientation } from '../../helpers/jpeg';

/** The bytes with the frame header's marker (SOF0) replaced by `marker`. */
function withFrameMarker(jpeg: Uint8Array, marker: number): Uint8Array {
  const out = new Uint8Array(jpeg);
  for (let i = 2; i + 1 < out.length; i++) {
    if (out[i] === 0xff && (out[i + 1] === 0xc0 || out[i + 1] === 0xc2)) {
      out[i + 1] = marker;
      return out;
    }
  }
  throw new Error('no frame header');
}

/** The offset of the frame header's marker. */
function frameAt(jpeg: Uint8Array): number {
  for (let i = 2; i + 1 < jpeg.length; i++) if (jpeg[i] === 0xff && jpeg[i + 1] === 0xc0) return i;
  throw new Error('no frame header');
}

describe('readJpeg', () => {
  it('reads size and channels of gray, RGB and CMYK files', () => {
    expect(readJpeg(makeJpeg('gray', 40, 30))).toEqual({ format: 'jpeg', width: 40, height: 30, components: 1, progressive: false, adobeTransform: null, orientation: 1 });
    expect(readJpeg(makeJpeg('rgb', 41, 17))).toMatchObject({ width: 41, height: 17, components: 3, orientation: 1 });
    // Ghostscript writes CMYK as Photoshop does: an Adobe marker, no transform, inverted samples.
    expect(readJpeg(makeJpeg('cmyk', 24, 60))).toMatchObject({ width: 24, height: 60, components: 4, adobeTransform: 0 });
  });

  it('reads the EXIF orientation in either byte order; none is 1', () => {
    const gray = makeJpeg('gray');
    expect(readJpeg(withOrientation(gray, 6)).orientation).toBe(6);
    expect(readJpeg(withOrientation(gray, 8, 'II')).orientation).toBe(8);
    expect(readJpeg(withOrientation(gray, 3)).orientation).toBe(3);
    // Out of range: as stored.
    expect(readJpeg(withOrientation(gray, 9)).orientation).toBe(1);
    // Stored pixels are what width and height give, whatever the orientation.
    expect(readJpeg(withOrientation(gray, 6))).toMatchObject({ width: 40, height: 30 });
  });

  it('tells a progressive frame from a baseline one', () => {
    expect(readJpeg(withFrameMarker(makeJpeg('gray'), 0xc2)).progressive).toBe(true);
  });

  it('refuses what a PDF cannot carry, saying why', () => {
    const gray = makeJpeg('gray');
    expect(() => readJpeg(new TextEncoder().encode('GIF89a....'))).toThrow(new ImageError('not a JPEG file'));
    expect(() => readJpeg(withFrameMarker(gray, 0xc3))).toThrow(/lossless JPEG cannot go into a PDF/);
    expect(() => readJpeg(withFrameMarker(gray, 0xc9))).toThrow(/arithmetic-coded JPEG/);
    const twelveBit = new Uint8Array(gray);
    twelveBit[frameAt(gray) + 4] = 12;
    expect(() => readJpeg(twelveBit)).toThrow(/a 12-bit JPEG cannot go into a PDF for print/);
    const twoChannels = new Uint8Array(gray);
    twoChannels[frameAt(gray) + 9] = 2;
    expect(() => readJpeg(twoChannels)).toThrow(/2 channels is neither gray, RGB nor CMYK/);
    const noSize = new Uint8Array(gray);
    noSize.fill(0, frameAt(gray) + 5, frameAt(gray) + 9);
    expect(() => readJpeg(noSize)).toThrow(/gives no picture size/);
  });

  it('refuses a file cut short before its picture data', () => {
    const gray = makeJpeg('gray');
    expect(() => readJpeg(gray.subarray(0, frameAt(gray)))).toThrow(/truncated/);
    expect(() => readJpeg(gray.subarray(0, frameAt(gray) + 6))).toThrow(/truncated/);
    expect(() => readJpeg(gray.subarray(0, frameAt(gray) + 19))).toThrow(/truncated/);
    expect(() => readJpeg(gray.subarray(0, 3))).toThrow(new ImageError('not a JPEG file'));
  });

  it('refuses a file cut short in its picture data (no end marker), and takes data after the end', () => {
    const rgb = makeJpeg('rgb', 400, 300);
    expect(() => readJpeg(rgb.subarray(0, Math.floor(rgb.length * 0.6)))).toThrow(new ImageError('the JPEG file is truncated (its picture data does not end)'));
    expect(() => readJpeg(rgb.subarray(0, rgb.length - 1))).toThrow(/its picture data does not end/);
    // Some cameras append their own data after the end marker: the picture is whole.
    const trailing = new Uint8Array(rgb.length + 64);
    trailing.set(rgb);
    expect(readJpeg(trailing)).toMatchObject({ width: 400, height: 300, components: 3 });
  });
});

describe('image helpers', () => {
  it('isJpeg looks at the first bytes only', () => {
    expect(isJpeg(makeJpeg('rgb'))).toBe(true);
    expect(isJpeg(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBe(false);
  });

  it('orientations 5-8 turn a quarter (width and height swap), 1-4 do not', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(turnsQuarter)).toEqual([false, false, false, false, true, true, true, true]);
  });

  it('a reference is sha256: and the lower-case hex digest', () => {
    expect(imageRef('ABCDEF')).toBe('sha256:abcdef');
  });
});
