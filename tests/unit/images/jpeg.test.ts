// readJpeg on real files (Ghostscript's JPEG devices) and on the damage a desk's files carry.
import { describe, expect, it } from 'vitest';
import { ImageError, imageRef, isJpeg, jpegProfile, readJpeg, turnsQuarter } from '../../../shared/images/jpeg';
import { ADOBE_RGB, DISPLAY_P3, matrixProfile, tableProfile } from '../../helpers/icc';
import { makeJpeg, withIccChunks, withOrientation, withoutProfile, withProfile } from '../../helpers/jpeg';

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
    expect(readJpeg(makeJpeg('gray', 40, 30))).toEqual({ format: 'jpeg', width: 40, height: 30, components: 1, progressive: false, adobeTransform: null, orientation: 1, profile: { description: 'Artifex Software sGray ICC Profile', problem: null } });
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

describe('the ICC profile embedded in a JPEG', () => {
  const rgb = withoutProfile(makeJpeg('rgb'));
  const adobe = matrixProfile(ADOBE_RGB);

  it('is read from its APP2 chunks, joined in the order of their numbers, and named by its description', () => {
    expect(jpegProfile(rgb)).toBeNull();
    expect(readJpeg(rgb).profile).toBeNull();
    expect(jpegProfile(withProfile(rgb, adobe))).toEqual(adobe);
    expect(jpegProfile(withProfile(rgb, adobe, 3))).toEqual(adobe);
    const backwards = withIccChunks(rgb, [3, 1, 2].map((seq) => ({ seq, count: 3, data: adobe.subarray((seq - 1) * 200, seq * 200) })));
    expect(jpegProfile(backwards)).toEqual(adobe);
    expect(readJpeg(backwards).profile).toEqual({ description: 'Adobe RGB (1998)', problem: null });
    // Version 4: the description is an mluc tag.
    expect(readJpeg(withProfile(rgb, matrixProfile(DISPLAY_P3))).profile).toEqual({ description: 'Display P3', problem: null });
    // A chunk after the frame header counts too.
    const sof = [...rgb.keys()].find((i) => rgb[i] === 0xff && rgb[i + 1] === 0xc0)!;
    const length = (rgb[sof + 2] << 8) | rgb[sof + 3];
    const chunk = withProfile(new Uint8Array([0xff, 0xd8]), adobe).subarray(2);
    const late = new Uint8Array([...rgb.subarray(0, sof + 2 + length), ...chunk, ...rgb.subarray(sof + 2 + length)]);
    expect(jpegProfile(late)).toEqual(adobe);
  });

  it('says why an RGB picture cannot take its colours from it: not RGB, table-based, damaged', () => {
    expect(readJpeg(withProfile(rgb, tableProfile())).profile).toEqual({ description: 'Table RGB', problem: expect.stringMatching(/^it is a table-based \(A2B0\) RGB profile/) });
    expect(readJpeg(withProfile(rgb, matrixProfile({ ...ADOBE_RGB, without: ['gTRC'] }))).profile?.problem).toMatch(/neither the colorants and tone curves of a matrix\/TRC profile nor a table/);
    expect(readJpeg(withProfile(rgb, adobe.subarray(0, 100))).profile).toEqual({ description: null, problem: 'too short' });
    // A gray or CMYK picture prints as it is: its profile is only named.
    expect(readJpeg(makeJpeg('cmyk')).profile).toEqual({ description: 'Artifex CMYK SWOP Profile', problem: null });
  });

  it('is unreadable, not guessed, when its chunks do not make one profile', () => {
    const parts = [adobe.subarray(0, 200), adobe.subarray(200, 400), adobe.subarray(400)];
    const cases: [{ seq: number; count: number; data: Uint8Array }[], string][] = [
      [[{ seq: 1, count: 3, data: parts[0] }, { seq: 2, count: 3, data: parts[1] }], 'APP2 chunk 3 of 3 is missing'],
      [[{ seq: 1, count: 3, data: parts[0] }, { seq: 2, count: 2, data: parts[1] }, { seq: 3, count: 3, data: parts[2] }], 'its APP2 chunks disagree on how many there are (3 and 2)'],
      [[{ seq: 2, count: 2, data: parts[0] }, { seq: 2, count: 2, data: parts[1] }], 'APP2 chunk 2 of 2 is there twice'],
      [[{ seq: 4, count: 3, data: parts[0] }], 'an APP2 chunk is numbered 4 of 3'],
      [[{ seq: 0, count: 0, data: parts[0] }], 'an APP2 chunk is numbered 0 of 0'],
    ];
    for (const [chunks, why] of cases) {
      const bytes = withIccChunks(rgb, chunks);
      expect(readJpeg(bytes).profile).toEqual({ description: null, problem: why });
      expect(() => jpegProfile(bytes)).toThrow(ImageError);
      expect(() => jpegProfile(bytes)).toThrow(why);
      // The picture itself is as readable as before.
      expect(readJpeg(bytes)).toMatchObject({ width: 40, height: 30, components: 3 });
    }
  });
});
