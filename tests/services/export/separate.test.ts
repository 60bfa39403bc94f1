// RGB pictures separated with a CMYK output profile, against Ghostscript's own conversion
// (lcms2, perceptual, no black point compensation) through the same profile: Ghostscript's
// default_cmyk.icc stands in for the plant's profile (a version 2 CMYK output profile with
// Lab tables, as newspaper profiles are).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { averageBlocks, decodeRgb, pcsToCmyk, separatePicture, separatePixels, separationTable, srgbToLab } from '../../../electron/services/export/separate';
import { plateImages } from '../../../electron/services/export/images';
import { imageRef, readJpeg } from '../../../shared/images/jpeg';
import { gsJpeg, makeJpeg } from '../../helpers/jpeg';
import { GS_CMYK_PROFILE, run } from './tools';


/** Eight RGB patches of 10 × 20 pt: red, green, blue, mid grey, a skin tone, near black, white, a dark green. */
const PATCHES: [number, number, number][] = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
  [0.5, 0.5, 0.5],
  [0.9, 0.7, 0.55],
  [0.1, 0.1, 0.15],
  [1, 1, 1],
  [0.2, 0.5, 0.3],
];
const PATCHES_PS = `<< /PageSize [80 20] >> setpagedevice
${PATCHES.map(([r, g, b], k) => `${r} ${g} ${b} setrgbcolor ${k * 10} 0 10 20 rectfill`).join('\n')}
showpage
`;

describe('sRGB to Lab', () => {
  it('gives the D50 white, black and the primaries as the ICC sRGB profile has them', () => {
    const close = (got: number[], want: number[]) => got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 0));
    close(srgbToLab(1, 1, 1), [100, 0, 0]);
    close(srgbToLab(0, 0, 0), [0, 0, 0]);
    close(srgbToLab(1, 0, 0), [54.29, 80.8, 69.89]);
    close(srgbToLab(0, 0, 1), [29.57, 68.3, -112.03]);
  });
});

describe('interpolating in the separation lattice', () => {
  it('is exact for a lattice that is linear in R, G and B, whichever order the fractions come in', () => {
    // Tetrahedral interpolation reproduces any linear function exactly; a wrong corner or
    // weight in any of the six cases would not.
    const G = 33;
    const ink = (r: number, g: number, b: number) => [2 * (r + g + b), 3 * (32 - r) + 2 * g, 7 * b, 4 * g + r];
    const lattice = new Uint8Array(G ** 3 * 4);
    for (let r = 0; r < G; r++) for (let g = 0; g < G; g++) for (let b = 0; b < G; b++) lattice.set(ink(r, g, b), ((r * G + g) * G + b) * 4);
    const n = 5000;
    const rgb = new Uint8Array(n * 3);
    let seed = 7;
    for (let i = 0; i < rgb.length; i++) rgb[i] = (seed = (seed * 1103515245 + 12345) % 2147483648) % 256;
    const cmyk = separatePixels(rgb, n, lattice);
    for (let p = 0; p < n; p++) {
      const want = ink((rgb[p * 3] * 32) / 255, (rgb[p * 3 + 1] * 32) / 255, (rgb[p * 3 + 2] * 32) / 255);
      for (let c = 0; c < 4; c++) expect(Math.abs(cmyk[p * 4 + c] - want[c]), `pixel ${[...rgb.subarray(p * 3, p * 3 + 3)]}`).toBeLessThanOrEqual(0.5 + 1e-9);
    }
  });
});

describe.skipIf(!existsSync(GS_CMYK_PROFILE))('separating an RGB picture with a CMYK output profile', () => {
  it("gives the inks Ghostscript's conversion through the same profile gives, within 2 % of each ink", () => {
    const dir = mkdtempSync(join(tmpdir(), 'pasteup-separate-'));
    try {
      const bytes = gsJpeg('jpeg', PATCHES_PS, 72, 100);
      const picture = { ...readJpeg(bytes), ref: 'sha256:0', bytes };
      const ours = separatePicture(picture, separationTable(new Uint8Array(readFileSync(GS_CMYK_PROFILE)))).data;
      writeFileSync(join(dir, 'p.ps'), PATCHES_PS);
      const out = join(dir, 'p.cmyk');
      const r = run('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=bitcmyk', '-dGrayValues=256', '-r72', '-dRenderIntent=0', '-dBlackPtComp=0', `-sOutputICCProfile=${GS_CMYK_PROFILE}`, `-sOutputFile=${out}`, join(dir, 'p.ps')]);
      expect(r.status).toBe(0);
      const theirs = readFileSync(out);
      for (let k = 0; k < PATCHES.length; k++) {
        const i = (10 * 80 + k * 10 + 5) * 4;
        const a = [...ours.subarray(i, i + 4)];
        const b = [...theirs.subarray(i, i + 4)];
        for (let c = 0; c < 4; c++) expect(Math.abs(a[c] - b[c]), `patch ${k} (${PATCHES[k].join(' ')}), ink ${'CMYK'[c]}: ${a} against ${b}`).toBeLessThanOrEqual(5);
      }
      // White stays paper; pure red is magenta and yellow only.
      expect([...ours.subarray((10 * 80 + 65) * 4, (10 * 80 + 65) * 4 + 4)]).toEqual([0, 0, 0, 0]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("interpolates pixels close to the profile's own answer for their colours (a 33-point lattice)", () => {
    // A picture of 64 × 48 pixels running through the RGB cube: every order of the three
    // channels' fractions, so each of the six tetrahedra of the interpolation is used.
    const ps = `<< /PageSize [64 48] >> setpagedevice
0 1 63 { /x exch def 0 1 47 { /y exch def x 63 div y 47 div x y add 110 div setrgbcolor x y 1 1 rectfill } for } for
showpage`;
    const bytes = gsJpeg('jpeg', ps, 72, 100);
    const picture = { ...readJpeg(bytes), ref: 'sha256:0', bytes };
    const profile = pcsToCmyk(new Uint8Array(readFileSync(GS_CMYK_PROFILE)));
    const ours = separatePicture(picture, separationTable(new Uint8Array(readFileSync(GS_CMYK_PROFILE)))).data;
    const { data } = decodeRgb(picture);
    const want = new Float64Array(4);
    const errors: number[] = [];
    for (let p = 0; p < picture.width * picture.height; p++) {
      profile(...srgbToLab(data[p * 3] / 255, data[p * 3 + 1] / 255, data[p * 3 + 2] / 255), want);
      for (let c = 0; c < 4; c++) errors.push(Math.abs(ours[p * 4 + c] - want[c] * 255));
    }
    errors.sort((a, b) => a - b);
    // Measured: median 0.75, 99th percentile 3.5, worst 6 of 255 (where black generation bends the table).
    expect(errors[Math.floor(errors.length / 2)]).toBeLessThanOrEqual(1);
    expect(errors[Math.floor(errors.length * 0.99)]).toBeLessThanOrEqual(4.5);
    expect(errors[errors.length - 1]).toBeLessThanOrEqual(8);
  });

  it('refuses a profile whose tables it cannot read, naming why', () => {
    const rgbProfile = new Uint8Array(readFileSync('/usr/share/color/icc/ghostscript/srgb.icc'));
    expect(() => separationTable(rgbProfile)).toThrow(/connection space is XYZ, not Lab/);
  });

  it('prints the placeholder, naming the picture, for an RGB JPEG whose pixels cannot be decoded', async () => {
    // Cut short in its scan (a copy interrupted): readJpeg refuses it now, but a library may
    // hold one stored before it did, and the decoder may refuse what the markers pass.
    const full = makeJpeg('rgb', 400, 300);
    const bytes = full.slice(0, Math.floor(full.length * 0.6));
    const ref = imageRef('ab'.repeat(32));
    const picture = { ...readJpeg(full), ref, bytes };
    const { images, unprintable } = await plateImages([{ x: 0, y: 0, width: 100, height: 75, asset: ref }], () => picture, new Uint8Array(readFileSync(GS_CMYK_PROFILE)));
    expect(images.size).toBe(0);
    expect(unprintable).toEqual([{ ref, why: expect.stringMatching(/^RGB, and its JPEG data cannot be decoded \(.+\)$/) }]);
  });
});

describe('averaging blocks of pixels', () => {
  it('averages each step × step block into one pixel, the blocks at the edges over the pixels they have', () => {
    // 5 × 3 pixels, R = column × 10, G = row × 10, B = 7.
    const data = new Uint8Array(5 * 3 * 3);
    for (let y = 0; y < 3; y++) for (let x = 0; x < 5; x++) data.set([x * 10, y * 10, 7], (y * 5 + x) * 3);
    const out = averageBlocks({ data, width: 5, height: 3 }, 2);
    expect([out.width, out.height]).toEqual([3, 2]);
    const px = (x: number, y: number) => [...out.data.subarray((y * 3 + x) * 3, (y * 3 + x) * 3 + 3)];
    expect(px(0, 0)).toEqual([5, 5, 7]);
    expect(px(1, 0)).toEqual([25, 5, 7]);
    expect(px(2, 0)).toEqual([40, 5, 7]);
    expect(px(2, 1)).toEqual([40, 20, 7]);
  });
});
