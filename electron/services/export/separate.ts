// RGB pictures separated into CMYK with the plant's ICC output profile, as a prepress
// application does before a PDF/X-1a plate: the picture's RGB values → CIE Lab (D50) → the
// profile's perceptual PCS-to-CMYK table (B2A0), which holds the plant's ink limit and black
// generation. The RGB values are what the picture's embedded profile says (a matrix/TRC
// profile: Adobe RGB (1998), ProPhoto, Display P3), sRGB when it has none or one that cannot
// be used. Without the plant's profile nothing is separated (FACTS.md: no CMYK newsprint
// profile can be shipped) and preflight's `rgb-image` stops the export.
//
// The profile's table is sampled once per export and source space on a 33-point RGB grid
// (what a CMM's device link does), and each pixel is interpolated from that grid (tetrahedral
// interpolation). tests/services/export/separate.test.ts compares the result with
// Ghostscript's own conversion (lcms2) through the same profiles.
import { createHash } from 'node:crypto';
import { decode } from 'jpeg-js';
import { readIcc, rgbMatrixProfile, type RgbMatrixProfile } from '../../../shared/images/icc';
import { jpegProfile, type ImageAsset } from '../../../shared/images/jpeg';

/** A PCS-to-CMYK table ready to evaluate: Lab (D50, L 0-100, a/b ±128) → CMYK 0-1 each. */
interface PcsToCmyk {
  (L: number, a: number, b: number, out: Float64Array): void;
}

const GRID = 33;

/** sRGB (IEC 61966-2-1) primaries adapted to D50 (Bradford), as the ICC's sRGB profile has them. */
const SRGB_D50 = [0.4360747, 0.3850649, 0.1430804, 0.2225045, 0.7168786, 0.0606169, 0.0139322, 0.0971045, 0.7141733];
const D50 = [0.9642, 1, 0.8249];

function srgbLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function labF(t: number): number {
  return t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116;
}

/** Linear R, G, B through a row-major RGB → XYZ (D50) matrix, then to Lab (D50). */
function linearToLab(m: ArrayLike<number>, R: number, G: number, B: number): [number, number, number] {
  const fx = labF((m[0] * R + m[1] * G + m[2] * B) / D50[0]);
  const fy = labF((m[3] * R + m[4] * G + m[5] * B) / D50[1]);
  const fz = labF((m[6] * R + m[7] * G + m[8] * B) / D50[2]);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** sRGB 0-1 → Lab (D50). */
export function srgbToLab(r: number, g: number, b: number): [number, number, number] {
  return linearToLab(SRGB_D50, srgbLinear(r), srgbLinear(g), srgbLinear(b));
}

/** RGB 0-1 → Lab (D50) through a matrix/TRC profile (shared/images/icc.ts). */
export function profileToLab(p: RgbMatrixProfile): (r: number, g: number, b: number) => [number, number, number] {
  const [cr, cg, cb] = p.curves;
  return (r, g, b) => linearToLab(p.matrix, cr(r), cg(g), cb(b));
}

/**
 * Whether a matrix/TRC profile is sRGB: the colorants of IEC 61966-2-1 (adapted to D50) within
 * 0.002 and each tone curve within 0.002 of sRGB's at every 8-bit value — what the sRGB
 * profiles of cameras, Photoshop, HP/Microsoft and Ghostscript hold, apart from the rounding
 * of their numbers. Such a picture is separated exactly as an untagged one.
 */
export function isSrgb(p: RgbMatrixProfile): boolean {
  if (p.matrix.some((v, k) => Math.abs(v - SRGB_D50[k]) > 0.002)) return false;
  for (let i = 0; i <= 255; i++) if (p.curves.some((c) => Math.abs(c(i / 255) - srgbLinear(i / 255)) > 0.002)) return false;
  return true;
}

/** The RGB space a picture's pixels are separated from. */
export interface SourceSpace {
  /** 'sRGB', or the SHA-256 of the embedded profile used (one separation table each). */
  key: string;
  toLab: (r: number, g: number, b: number) => [number, number, number];
  /** Why an embedded profile is not used and the picture is taken as sRGB, or null. */
  why: string | null;
}

const SRGB: SourceSpace = { key: 'sRGB', toLab: srgbToLab, why: null };

/**
 * The colour space of an RGB picture's values: its embedded matrix/TRC profile; sRGB when it
 * has none or an sRGB one; sRGB with the reason when its profile cannot be used (its chunks
 * do not make one profile, table-based, not RGB, damaged).
 */
export function sourceSpace(asset: Pick<ImageAsset, 'bytes'>): SourceSpace {
  let profile: Uint8Array | null;
  let name: string | null = null;
  try {
    profile = jpegProfile(asset.bytes);
    if (!profile) return SRGB;
    const info = readIcc(profile);
    name = info.description;
    const p = rgbMatrixProfile(profile, info);
    if (isSrgb(p)) return SRGB;
    return { key: createHash('sha256').update(profile).digest('hex'), toLab: profileToLab(p), why: null };
  } catch (err) {
    const why = (err as Error).message.replace(/^ICC profile: /, '');
    return { ...SRGB, why: `its embedded ICC profile${name ? ` “${name}”` : ''} cannot be used (${why})` };
  }
}

/** Piecewise-linear lookup of x (0-1) in a table of n entries scaled to 0-1 by `max`. */
function curve(table: ArrayLike<number>, at: number, n: number, x: number, max: number): number {
  const p = Math.min(Math.max(x, 0), 1) * (n - 1);
  const i = Math.min(Math.floor(p), n - 2);
  const f = p - i;
  return (table[at + i] * (1 - f) + table[at + i + 1] * f) / max;
}

/**
 * The perceptual B2A0 table of a CMYK output profile whose connection space is Lab, as a
 * function. Reads lut8 (mft1) and lut16 (mft2) tables, as version 2 profiles (all PDF/X-1a
 * takes) hold them. Throws for what it cannot evaluate.
 */
export function pcsToCmyk(profile: Uint8Array): PcsToCmyk {
  const v = new DataView(profile.buffer, profile.byteOffset, profile.byteLength);
  const info = readIcc(profile);
  if (info.pcs !== 'Lab') throw new Error(`the profile's connection space is ${info.pcs}, not Lab`);
  const b2a0 = info.tags.get('B2A0');
  if (!b2a0) throw new Error('the profile has no B2A0 table');
  const off = b2a0.offset;
  const type = b2a0.type;
  if (type !== 'mft1' && type !== 'mft2') throw new Error(`the profile's B2A0 table is of type ${type.trim()}, which Pasteup does not read (lut8 and lut16 only)`);
  const inputs = profile[off + 8];
  const outputs = profile[off + 9];
  const g = profile[off + 10];
  if (inputs !== 3 || outputs !== 4) throw new Error('the profile\'s B2A0 table is not Lab → CMYK');
  const wide = type === 'mft2';
  const inN = wide ? v.getUint16(off + 48) : 256;
  const outN = wide ? v.getUint16(off + 50) : 256;
  const start = off + (wide ? 52 : 48);
  const count = 3 * inN + g ** 3 * 4 + 4 * outN;
  const t = new Float64Array(count);
  for (let k = 0; k < count; k++) t[k] = wide ? v.getUint16(start + 2 * k) : profile[start + k];
  const max = wide ? 65535 : 255;
  const clut = 3 * inN;
  const outAt = clut + g ** 3 * 4;
  // Lab as the table's inputs: lut16 uses the legacy 16-bit encoding (L 100 = 0xFF00,
  // a/b 0 = 0x8000), lut8 L 100 = 255 and a/b 0 = 128.
  const kL = wide ? 652.8 / 65535 : 1 / 100;
  const kAB = wide ? 256 / 65535 : 1 / 255;
  // Strides of the grid: the first input varies slowest.
  const s0 = g * g * 4, s1 = g * 4, s2 = 4;
  return (L, a, b, out) => {
    const x0 = curve(t, 0, inN, L * kL, max) * (g - 1);
    const x1 = curve(t, inN, inN, (a + 128) * kAB, max) * (g - 1);
    const x2 = curve(t, 2 * inN, inN, (b + 128) * kAB, max) * (g - 1);
    const i0 = Math.min(Math.floor(x0), g - 2), i1 = Math.min(Math.floor(x1), g - 2), i2 = Math.min(Math.floor(x2), g - 2);
    const f0 = x0 - i0, f1 = x1 - i1, f2 = x2 - i2;
    const base = clut + i0 * s0 + i1 * s1 + i2 * s2;
    for (let o = 0; o < 4; o++) {
      // Trilinear interpolation in the grid.
      const p = base + o;
      const c00 = t[p] * (1 - f2) + t[p + s2] * f2;
      const c01 = t[p + s1] * (1 - f2) + t[p + s1 + s2] * f2;
      const c10 = t[p + s0] * (1 - f2) + t[p + s0 + s2] * f2;
      const c11 = t[p + s0 + s1] * (1 - f2) + t[p + s0 + s1 + s2] * f2;
      const c = ((c00 * (1 - f1) + c01 * f1) * (1 - f0) + (c10 * (1 - f1) + c11 * f1) * f0) / max;
      out[o] = curve(t, outAt + o * outN, outN, c, max);
    }
  };
}

/** Why RGB pictures cannot be separated with this profile, or null when they can. */
export function separationProblem(profile: Uint8Array): string | null {
  try {
    pcsToCmyk(profile);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** An RGB JPEG's pixels, R G B per pixel (jpeg-js). */
export function decodeRgb(asset: ImageAsset): { data: Uint8Array; width: number; height: number } {
  return decode(asset.bytes, { useTArray: true, formatAsRGBA: false, maxResolutionInMP: 200, maxMemoryUsageInMB: 2048 });
}

/**
 * RGB → CMYK on a GRID³ lattice of the RGB cube, 0-255 inks, for tetrahedral interpolation:
 * the RGB in the space `toLab` reads it in (sRGB unless a picture's profile says otherwise).
 */
export function separationTable(profile: Uint8Array, toLab: SourceSpace['toLab'] = srgbToLab): Uint8Array {
  const f = pcsToCmyk(profile);
  const lattice = new Uint8Array(GRID ** 3 * 4);
  const out = new Float64Array(4);
  for (let r = 0; r < GRID; r++)
    for (let g = 0; g < GRID; g++)
      for (let b = 0; b < GRID; b++) {
        const [L, A, B] = toLab(r / (GRID - 1), g / (GRID - 1), b / (GRID - 1));
        f(L, A, B, out);
        const at = ((r * GRID + g) * GRID + b) * 4;
        for (let o = 0; o < 4; o++) lattice[at + o] = Math.round(Math.min(Math.max(out[o], 0), 1) * 255);
      }
  return lattice;
}

/**
 * The most ink the table puts down for any RGB colour, in percent (C+M+Y+K): the profile's
 * total ink limit as it separates. A newsprint profile keeps it near 220 % (FACTS.md).
 */
export function latticeTotalInk(lattice: Uint8Array): number {
  let most = 0;
  for (let i = 0; i < lattice.length; i += 4) most = Math.max(most, lattice[i] + lattice[i + 1] + lattice[i + 2] + lattice[i + 3]);
  return (most * 100) / 255;
}

/**
 * An RGB JPEG's pixels as CMYK (8 bits, C M Y K per pixel, 0 = no ink), through a
 * separation table, each `step`×`step` block of pixels averaged into one first (1: every
 * pixel). Rows and columns stay as stored: the EXIF orientation still applies.
 */
export function separatePicture(asset: ImageAsset, lattice: Uint8Array, step = 1): { data: Uint8Array; width: number; height: number } {
  if (asset.components !== 3) throw new Error(`picture ${asset.ref} is not RGB`);
  const decoded = decodeRgb(asset);
  if (decoded.width !== asset.width || decoded.height !== asset.height) throw new Error(`picture ${asset.ref} decodes to ${decoded.width}×${decoded.height}, not ${asset.width}×${asset.height}`);
  const { data, width, height } = step > 1 ? averageBlocks(decoded, step) : decoded;
  return { data: separatePixels(data, width * height, lattice), width, height };
}

/**
 * RGB pixels with each `step`×`step` block averaged into one pixel; a block at the right or
 * bottom edge averages the pixels it has (the picture keeps its proportions).
 */
export function averageBlocks(picture: { data: Uint8Array; width: number; height: number }, step: number): { data: Uint8Array; width: number; height: number } {
  const { data, width: w, height: h } = picture;
  const width = Math.ceil(w / step);
  const height = Math.ceil(h / step);
  const out = new Uint8Array(width * height * 3);
  const sums = new Float64Array(width * 3);
  const counts = new Float64Array(width);
  for (let oy = 0; oy < height; oy++) {
    sums.fill(0);
    counts.fill(0);
    for (let y = oy * step; y < Math.min(h, (oy + 1) * step); y++) {
      for (let x = 0, q = y * w * 3; x < w; x++, q += 3) {
        const o = (x / step) | 0;
        sums[o * 3] += data[q];
        sums[o * 3 + 1] += data[q + 1];
        sums[o * 3 + 2] += data[q + 2];
        counts[o]++;
      }
    }
    for (let o = 0; o < width; o++) for (let c = 0; c < 3; c++) out[(oy * width + o) * 3 + c] = Math.round(sums[o * 3 + c] / counts[o]);
  }
  return { data: out, width, height };
}

/** RGB pixels (R G B, 8 bits each) → CMYK through a separationTable lattice. */
export function separatePixels(data: Uint8Array, n: number, lattice: Uint8Array): Uint8Array {
  const cmyk = new Uint8Array(n * 4);
  const s = (GRID - 1) / 255;
  const G2 = GRID * GRID * 4, G1 = GRID * 4;
  const far = G2 + G1 + 4;
  for (let p = 0, q = 0; p < n; p++, q += 3) {
    const rx = data[q] * s, gx = data[q + 1] * s, bx = data[q + 2] * s;
    const r0 = Math.min(rx | 0, GRID - 2), g0 = Math.min(gx | 0, GRID - 2), b0 = Math.min(bx | 0, GRID - 2);
    const fr = rx - r0, fg = gx - g0, fb = bx - b0;
    const base = r0 * G2 + g0 * G1 + b0 * 4;
    // Tetrahedral interpolation: the cube's corners 000 and 111 and the two corners on the
    // path between them that the order of the fractions chooses.
    // Corner offsets (d1, d2) and weights: [first, second, largest-fraction minus next, …].
    let d1: number, d2: number, a: number, b: number, c: number;
    if (fr >= fg && fg >= fb) {
      d1 = G2;
      d2 = G2 + G1;
      a = fr;
      b = fg;
      c = fb;
    } else if (fr >= fb && fb > fg) {
      d1 = G2;
      d2 = G2 + 4;
      a = fr;
      b = fb;
      c = fg;
    } else if (fb > fr && fr >= fg) {
      d1 = 4;
      d2 = G2 + 4;
      a = fb;
      b = fr;
      c = fg;
    } else if (fb >= fg && fg > fr) {
      d1 = 4;
      d2 = G1 + 4;
      a = fb;
      b = fg;
      c = fr;
    } else if (fg > fb && fb >= fr) {
      d1 = G1;
      d2 = G1 + 4;
      a = fg;
      b = fb;
      c = fr;
    } else {
      d1 = G1;
      d2 = G2 + G1;
      a = fg;
      b = fr;
      c = fb;
    }
    const w0 = 1 - a, w1 = a - b, w2 = b - c, w3 = c;
    const out = p * 4;
    for (let o = 0; o < 4; o++) cmyk[out + o] = lattice[base + o] * w0 + lattice[base + d1 + o] * w1 + lattice[base + d2 + o] * w2 + lattice[base + far + o] * w3 + 0.5;
  }
  return cmyk;
}
