// RGB pictures separated with a CMYK output profile, against Ghostscript's own conversion
// (lcms2, perceptual, no black point compensation) through the same profile: Ghostscript's
// default_cmyk.icc stands in for the plant's profile (a version 2 CMYK output profile with
// Lab tables, as newspaper profiles are).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { averageBlocks, decodeRgb, pcsToCmyk, separatePicture, separatePixels, separationTable, sourceSpace, srgbToLab } from '../../../electron/services/export/separate';
import { plateImages } from '../../../electron/services/export/images';
import { imageRef, readJpeg } from '../../../shared/images/jpeg';
import { ADOBE_RGB, DISPLAY_P3, matrixProfile, tableProfile, type Curve } from '../../helpers/icc';
import { gsJpeg, makeJpeg, withIccChunks, withoutProfile, withProfile } from '../../helpers/jpeg';
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

/** The patches and two more of what Adobe RGB holds beyond sRGB: cyan and a grass green. */
const WIDE = [...PATCHES, [0, 1, 1], [0.3, 0.8, 0.2]] as [number, number, number][];
const WIDE_W = WIDE.length * 10;
const WIDE_PS = `<< /PageSize [${WIDE_W} 20] >> setpagedevice
${WIDE.map(([r, g, b], k) => `${r} ${g} ${b} setrgbcolor ${k * 10} 0 10 20 rectfill`).join('\n')}
showpage
`;
const GS_ICC = '/usr/share/color/icc/ghostscript';

/** Each patch's inks (0-255) at its centre in a CMYK raster of WIDE_W × 20 pixels. */
function patchInks(cmyk: Uint8Array): number[][] {
  return WIDE.map((_, k) => [...cmyk.subarray((10 * WIDE_W + k * 10 + 5) * 4, (10 * WIDE_W + k * 10 + 5) * 4 + 4)]);
}

/** The inks of each patch as the export separates the picture for the PDF (plateImages: what goes into the image XObject). */
async function ourInks(bytes: Uint8Array): Promise<{ inks: number[][]; data: Uint8Array; assumedSrgb: { ref: string; why: string }[] }> {
  const ref = imageRef('cd'.repeat(32));
  const picture = { ...readJpeg(bytes), ref, bytes };
  const { images, assumedSrgb } = await plateImages([{ x: 0, y: 0, width: WIDE_W, height: 20, asset: ref }], () => picture, new Uint8Array(readFileSync(GS_CMYK_PROFILE)));
  const data = new Uint8Array(inflateSync(images.get(ref)!.data));
  return { inks: patchInks(data), data, assumedSrgb };
}

/** The inks of each patch as Ghostscript (lcms2) converts the same RGB from `rgbProfile` to the CMYK profile: perceptual, no black point compensation. */
function gsInks(rgbProfile: string | Uint8Array): number[][] {
  const dir = mkdtempSync(join(tmpdir(), 'pasteup-separate-'));
  try {
    let file = rgbProfile as string;
    if (typeof rgbProfile !== 'string') writeFileSync((file = join(dir, 'rgb.icc')), rgbProfile);
    writeFileSync(join(dir, 'p.ps'), WIDE_PS);
    const out = join(dir, 'p.cmyk');
    const r = run('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=bitcmyk', '-dGrayValues=256', '-r72', '-dRenderIntent=0', '-dBlackPtComp=0', `-sDefaultRGBProfile=${file}`, `-sOutputICCProfile=${GS_CMYK_PROFILE}`, `-sOutputFile=${out}`, join(dir, 'p.ps')]);
    expect(r.status).toBe(0);
    return patchInks(new Uint8Array(readFileSync(out)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function expectClose(ours: number[][], theirs: number[][], what: string) {
  for (let k = 0; k < WIDE.length; k++) {
    for (let c = 0; c < 4; c++) expect(Math.abs(ours[k][c] - theirs[k][c]), `${what}: patch ${k} (${WIDE[k].join(' ')}), ink ${'CMYK'[c]}: ${ours[k]} against ${theirs[k]}`).toBeLessThanOrEqual(5);
  }
}

describe.skipIf(!existsSync(GS_CMYK_PROFILE) || !existsSync(`${GS_ICC}/a98.icc`))('separating an RGB picture from the profile embedded in it', () => {
  // Ghostscript's JPEGs carry its sRGB profile; the same pixels without it are untagged.
  const tagged = gsJpeg('jpeg', WIDE_PS, 72, 100);
  const untagged = withoutProfile(tagged);

  it('separates an sRGB-tagged picture exactly as an untagged one, and the untagged one as before', async () => {
    expect(readJpeg(tagged).profile).toEqual({ description: 'Artifex Software sRGB ICC Profile', problem: null });
    expect(readJpeg(untagged).profile).toBeNull();
    const plain = await ourInks(untagged);
    expect(Buffer.from((await ourInks(tagged)).data).equals(Buffer.from(plain.data))).toBe(true);
    expect(Buffer.from((await ourInks(withProfile(untagged, new Uint8Array(readFileSync(`${GS_ICC}/srgb.icc`))))).data).equals(Buffer.from(plain.data))).toBe(true);
    // The sRGB path itself: the separation of every pixel through the sRGB table.
    const picture = { ...readJpeg(untagged), ref: 'sha256:0', bytes: untagged };
    expect(Buffer.from(plain.data).equals(Buffer.from(separatePicture(picture, separationTable(new Uint8Array(readFileSync(GS_CMYK_PROFILE)))).data))).toBe(true);
    expect(plain.assumedSrgb).toEqual([]);
  });

  it.each([
    ['Adobe RGB (1998), Ghostscript’s a98.icc', `${GS_ICC}/a98.icc`],
    ['ProPhoto (ROMM RGB), Ghostscript’s rommrgb.icc', `${GS_ICC}/rommrgb.icc`],
  ])("gives the inks Ghostscript gives from %s, within 2 % of each ink", async (_, file) => {
    const profile = new Uint8Array(readFileSync(file));
    const ours = await ourInks(withProfile(untagged, profile));
    expect(ours.assumedSrgb).toEqual([]);
    expectClose(ours.inks, gsInks(file), file);
  });

  it('joins a profile split over APP2 chunks, whatever their order in the file', async () => {
    const profile = new Uint8Array(readFileSync(`${GS_ICC}/a98.icc`));
    const whole = await ourInks(withProfile(untagged, profile));
    const two = await ourInks(withProfile(untagged, profile, 2));
    const reversed = await ourInks(withIccChunks(untagged, [{ seq: 2, count: 2, data: profile.subarray(300) }, { seq: 1, count: 2, data: profile.subarray(0, 300) }]));
    expect(Buffer.from(two.data).equals(Buffer.from(whole.data))).toBe(true);
    expect(Buffer.from(reversed.data).equals(Buffer.from(whole.data))).toBe(true);
  });

  // Tone curves of every kind ICC.1 has, each checked against lcms2 through Ghostscript.
  const gamma18: Curve = { gamma: 1.8 };
  const table: Curve = { table: Array.from({ length: 256 }, (_, i) => (i / 255) ** 2.0) };
  const para: Curve[] = [
    { para: 0, params: [2.6] },
    { para: 1, params: [2.0, 1.1, -0.1] },
    { para: 2, params: [2.2, 0.93, 0.05, 0.02] },
    { para: 3, params: [2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045] },
    { para: 4, params: [2.2, 0.9, 0.1, 0.08, 0.06, 0.01, 0.005] },
  ];
  it.each([
    ['Adobe RGB (1998) as Adobe writes it (version 2, curv gamma)', ADOBE_RGB],
    ['Display P3 (version 4, para type 3, chad, mluc)', DISPLAY_P3],
    ['curv gamma, curv table and para type 0', { ...ADOBE_RGB, description: 'curves', curves: [gamma18, table, para[0]] }],
    ['para types 1, 2 and 4 (version 4)', { ...DISPLAY_P3, description: 'para', curves: [para[1], para[2], para[4]] }],
  ] as const)('gives the inks Ghostscript gives from %s', async (_, spec) => {
    const profile = matrixProfile(spec as Parameters<typeof matrixProfile>[0]);
    const ours = await ourInks(withProfile(untagged, profile));
    expect(ours.assumedSrgb).toEqual([]);
    expectClose(ours.inks, gsInks(profile), spec.description);
  });

  it('prints an Adobe RGB green and cyan with more cyan and less magenta than the same pixels untagged, as lcms2 does', async () => {
    const adobe = await ourInks(withProfile(untagged, matrixProfile(ADOBE_RGB)));
    const plain = await ourInks(untagged);
    const lcmsAdobe = gsInks(matrixProfile(ADOBE_RGB));
    const lcmsPlain = gsInks(`${GS_ICC}/srgb.icc`);
    // Green (0 1 0), the dark green (0.2 0.5 0.3), cyan (0 1 1), the grass green (0.3 0.8 0.2).
    for (const k of [1, 7, 8, 9]) {
      const dc = adobe.inks[k][0] - plain.inks[k][0];
      const dm = adobe.inks[k][1] - plain.inks[k][1];
      const lcms = [lcmsAdobe[k][0] - lcmsPlain[k][0], lcmsAdobe[k][1] - lcmsPlain[k][1]];
      expect(dc, `patch ${k}: C ${adobe.inks[k][0]} tagged, ${plain.inks[k][0]} untagged (lcms2: ${lcms[0]} more)`).toBeGreaterThanOrEqual(15);
      expect(Math.abs(dc - lcms[0])).toBeLessThanOrEqual(6);
      expect(dm).toBeLessThanOrEqual(0);
      expect(Math.abs(dm - lcms[1])).toBeLessThanOrEqual(6);
    }
    // Gray and white are the same in both spaces (both white points D65, both ending at 1).
    expect(adobe.inks[6]).toEqual([0, 0, 0, 0]);
  });

  it.each([
    ['a table-based RGB profile', () => tableProfile(), /“Table RGB” cannot be used \(it is a table-based \(A2B0\) RGB profile/],
    ['a CMYK profile on an RGB picture', () => new Uint8Array(readFileSync(GS_CMYK_PROFILE)), /cannot be used \(it is a CMYK profile, not an RGB one\)/],
    ['a profile cut short', () => new Uint8Array(readFileSync(`${GS_ICC}/a98.icc`)).subarray(0, 400), /cannot be used \(header says 564 bytes, the data has 400\)/],
    ['colorants of zeros', () => matrixProfile({ ...ADOBE_RGB, colorants: [[0, 0, 0], [0, 0, 0], [0, 0, 0]] }), /“Adobe RGB \(1998\)” cannot be used \(its colorants .* add up to 0\.000\)/],
    ['a curve of a type ICC.1 does not define', () => matrixProfile({ ...ADOBE_RGB, curves: [{ para: 7, params: [1] }, { gamma: 1 }, { gamma: 1 }] }), /its rTRC tone curve is a parametric function of type 7/],
  ])('takes a picture with %s as sRGB, saying why', async (_, profile, why) => {
    const ours = await ourInks(withProfile(untagged, profile()));
    expect(Buffer.from(ours.data).equals(Buffer.from((await ourInks(untagged)).data))).toBe(true);
    expect(ours.assumedSrgb).toHaveLength(1);
    expect(ours.assumedSrgb[0].why).toMatch(why);
  });

  it('takes a picture whose profile chunks do not make one profile as sRGB, saying which chunk is wrong', async () => {
    const a98 = new Uint8Array(readFileSync(`${GS_ICC}/a98.icc`));
    const [first, second, third] = [a98.subarray(0, 200), a98.subarray(200, 400), a98.subarray(400)];
    for (const [chunks, why] of [
      [[{ seq: 1, count: 3, data: first }, { seq: 3, count: 3, data: third }], /^APP2 chunk 2 of 3 is missing$/],
      [[{ seq: 1, count: 3, data: first }, { seq: 2, count: 2, data: second }, { seq: 3, count: 3, data: third }], /disagree on how many there are \(3 and 2\)/],
      [[{ seq: 1, count: 2, data: first }, { seq: 1, count: 2, data: second }], /APP2 chunk 1 of 2 is there twice/],
      [[{ seq: 0, count: 1, data: a98 }], /an APP2 chunk is numbered 0 of 1/],
    ] as const) {
      const bytes = withIccChunks(untagged, chunks.map((c) => ({ ...c })));
      expect(readJpeg(bytes).profile).toEqual({ description: null, problem: expect.stringMatching(why) });
      const ours = await ourInks(bytes);
      expect(ours.assumedSrgb[0]?.why).toMatch(/^its embedded ICC profile cannot be used \(.+\)$/);
      expect(ours.assumedSrgb[0].why).toContain(readJpeg(bytes).profile!.problem);
      expect(sourceSpace({ bytes }).key).toBe('sRGB');
    }
  });
});
