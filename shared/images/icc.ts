// ICC profiles: the plant's output profile the user gives (its header and tag table read to
// embed it correctly, N from the colour space, and to refuse what cannot be an output intent:
// not ICC.1 version 2 or 4, truncated, tags outside the file, damaged tables; the output-intent
// checks are electron/services/export/icc.ts), and the profile a picture carries in its JPEG
// (jpeg.ts), whose RGB → XYZ matrix and tone curves the export separates it through.
// Pure: bytes in, facts out.

export interface IccInfo {
  /** Number of colour components: 4 for CMYK. */
  n: number;
  colorSpace: string;
  deviceClass: string;
  /** Major.minor version, e.g. 2.1 or 4.3. */
  version: string;
  major: number;
  /** The profile's description tag (desc / mluc), when readable. */
  description: string | null;
  /** The profile connection space: XYZ or Lab. */
  pcs: string;
  /** Tag signature → the tag's type signature, its input/output channels (for LUT types) and where it lies. */
  tags: Map<string, IccTag>;
}

export interface IccTag {
  type: string;
  inputs: number;
  outputs: number;
  offset: number;
  length: number;
}

const COMPONENTS: Record<string, number> = { 'GRAY': 1, 'RGB ': 3, 'CMYK': 4, 'Lab ': 3 };

function ascii(b: Uint8Array, o: number, n: number): string {
  return String.fromCharCode(...b.subarray(o, o + n));
}

/** A four-byte signature as messages show it: its letters, or hex when they are not printable. */
function signature(b: Uint8Array, o: number): string {
  const s = ascii(b, o, 4);
  return /^[\x20-\x7e]{4}$/.test(s) ? s : `0x${[...b.subarray(o, o + 4)].map((x) => x.toString(16).padStart(2, '0')).join('')}`;
}

export function readIcc(data: Uint8Array): IccInfo {
  if (data.byteLength < 132) throw new Error('ICC profile: too short');
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (ascii(data, 36, 4) !== 'acsp') throw new Error("ICC profile: no 'acsp' signature (not an ICC profile)");
  const size = v.getUint32(0);
  if (size !== data.byteLength) throw new Error(`ICC profile: header says ${size} bytes, the data has ${data.byteLength}`);
  const deviceClass = ascii(data, 12, 4);
  const colorSpace = ascii(data, 16, 4);
  const n = COMPONENTS[colorSpace];
  if (!n) throw new Error(`ICC profile: unsupported colour space '${colorSpace}'`);
  const major = data[8];
  const version = `${major}.${data[9] >> 4}`;
  const pcs = ascii(data, 20, 4);
  if (pcs !== 'XYZ ' && pcs !== 'Lab ') throw new Error(`ICC profile: its connection space is '${pcs.trim()}', not XYZ or Lab`);
  // ICC.1 is versions 2 and 4 (there was no 3); 5 is iccMAX, which PDF cannot take.
  if (major !== 2 && major !== 4) throw new Error(`ICC profile: version ${version} is not an ICC.1 profile (version 2 or 4)`);
  const count = v.getUint32(128);
  const tableEnd = 132 + 12 * count;
  if (tableEnd > data.byteLength) throw new Error(`ICC profile: its tag table (${count} tags) runs past the end of the file`);
  const tags = new Map<string, IccTag>();
  for (let i = 0; i < count; i++) {
    const o = 132 + 12 * i;
    const sig = signature(data, o);
    const off = v.getUint32(o + 4);
    const len = v.getUint32(o + 8);
    if (off < tableEnd || len < 8 || off + len > data.byteLength) {
      throw new Error(`ICC profile: tag '${sig}' (${len} bytes at ${off}) lies outside the profile's data`);
    }
    const type = ascii(data, off, 4);
    const lut = len >= 10 && ['mft1', 'mft2', 'mAB ', 'mBA '].includes(type);
    if (lut) lutFits(data, v, sig, type, off, len);
    tags.set(sig, { type, inputs: lut ? data[off + 8] : 0, outputs: lut ? data[off + 9] : 0, offset: off, length: len });
  }
  const desc = tags.get('desc');
  return { n, colorSpace: colorSpace.trim(), deviceClass, version, major, description: desc ? description(data, v, desc.offset, desc.length) : null, pcs: pcs.trim(), tags };
}

/**
 * Checks that a LUT tag holds the table its header describes: mft1/mft2 by their sizes (input
 * tables, grid^inputs × outputs entries, output tables), mAB/mBA by their element offsets, and
 * that the table is not all zeros (every colour black).
 */
function lutFits(data: Uint8Array, v: DataView, sig: string, type: string, off: number, len: number): void {
  const inputs = data[off + 8];
  const outputs = data[off + 9];
  const bad = (why: string) => new Error(`ICC profile: its ${sig} table (${type.trim()}) ${why}`);
  if (type === 'mft1' || type === 'mft2') {
    const grid = data[off + 10];
    const cells = grid ** inputs * outputs;
    const header = type === 'mft1' ? 48 : 52;
    if (len < header) throw bad(`is ${len} bytes long, shorter than its header`);
    const need = type === 'mft1' ? 48 + 256 * inputs + cells + 256 * outputs : 52 + 2 * (inputs * v.getUint16(off + 48) + cells + outputs * v.getUint16(off + 50));
    if (inputs === 0 || outputs === 0 || grid < 2 || need > len) throw bad(`needs ${need} bytes for ${inputs} inputs, ${outputs} outputs and a ${grid}-point grid, and has ${len}`);
  } else {
    if (len < 32) throw bad(`is ${len} bytes long, shorter than its header`);
    for (let k = 12; k <= 28; k += 4) {
      const at = v.getUint32(off + k);
      if (at !== 0 && (at < 32 || at >= len)) throw bad(`points outside itself (an element at ${at} of ${len} bytes)`);
    }
  }
  let nonzero = false;
  for (let i = off + 12; i < off + len && !nonzero; i++) nonzero = data[i] !== 0;
  if (!nonzero) throw bad('is all zeros');
}

/** The text of a desc (v2) or mluc (v4) tag, or null when it holds none. Throws when it is damaged. */
function description(data: Uint8Array, v: DataView, off: number, len: number): string | null {
  if (len < 12) return null;
  const type = ascii(data, off, 4);
  if (type === 'desc') {
    const n = v.getUint32(off + 8);
    return ascii(data, off + 12, Math.max(0, Math.min(n, len - 12) - 1)).replace(/[\0 ]+$/, '') || null;
  }
  if (type === 'mluc' && len >= 28) {
    if (v.getUint32(off + 8) < 1) return null;
    const sl = v.getUint32(off + 16 + 4);
    const so = v.getUint32(off + 16 + 8);
    if (so > len || sl > len - so) throw new Error(`ICC profile: its description tag is damaged (a ${sl}-byte record at ${so} in a ${len}-byte tag)`);
    let s = '';
    for (let k = 0; k + 1 < sl; k += 2) s += String.fromCharCode(v.getUint16(off + so + k));
    return s.replace(/[\0 ]+$/, '') || null;
  }
  return null;
}

/**
 * An RGB profile of the matrix/TRC kind (what cameras, Photoshop and phones embed: Adobe RGB
 * (1998), ProPhoto, Display P3, sRGB): each channel through its tone curve, then the 3 × 3
 * matrix of the colorants to XYZ. ICC.1 (v2 and v4 alike) stores the colorants (rXYZ, gXYZ,
 * bXYZ) already adapted to the D50 connection space, so the matrix gives PCS XYZ directly for
 * every intent but absolute colorimetric (the only one the media white point and a v4
 * profile's `chad` adaptation matrix serve), as lcms2 does.
 */
export interface RgbMatrixProfile {
  /** Row-major: X = m[0]·R + m[1]·G + m[2]·B, and so on; its columns are rXYZ, gXYZ, bXYZ. */
  matrix: number[];
  /** R, G and B 0-1 → linear 0-1. */
  curves: [(x: number) => number, (x: number) => number, (x: number) => number];
}

/** Parameters of each `para` function type (ICC.1 10.18). */
const PARA_PARAMS = [1, 3, 4, 5, 7];

/**
 * The matrix and curves of a matrix/TRC RGB profile. Throws, saying why, for a profile that is
 * not one: not RGB, its connection space Lab, its curves or colorants missing or damaged
 * (a table-based RGB profile, A2B0 only, among them). A profile with both a table and the
 * matrix tags is read by its matrix (the colorimetric path; a CMM would use the table for the
 * perceptual intent).
 */
export function rgbMatrixProfile(data: Uint8Array, info: IccInfo = readIcc(data)): RgbMatrixProfile {
  if (info.colorSpace !== 'RGB') throw new Error(`it is a ${info.colorSpace} profile, not an RGB one`);
  const has = (sig: string) => info.tags.has(sig);
  if (!['rXYZ', 'gXYZ', 'bXYZ', 'rTRC', 'gTRC', 'bTRC'].every(has)) {
    throw new Error(has('A2B0') ? 'it is a table-based (A2B0) RGB profile, which Pasteup does not read (matrix/TRC profiles only)' : 'it has neither the colorants and tone curves of a matrix/TRC profile nor a table');
  }
  if (info.pcs !== 'XYZ') throw new Error(`its connection space is ${info.pcs}, and a matrix/TRC profile's must be XYZ`);
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const s15 = (at: number) => v.getInt32(at) / 65536;
  const colorant = (sig: string): number[] => {
    const t = info.tags.get(sig)!;
    if (t.type !== 'XYZ ' || t.length < 20) throw new Error(`its ${sig} tag is not an XYZ value`);
    return [s15(t.offset + 8), s15(t.offset + 12), s15(t.offset + 16)];
  };
  const [r, g, b] = [colorant('rXYZ'), colorant('gXYZ'), colorant('bXYZ')];
  const matrix = [r[0], g[0], b[0], r[1], g[1], b[1], r[2], g[2], b[2]];
  // The colorants add up to the white of the PCS (D50, Y = 1); zeros or nonsense cannot.
  const white = r[1] + g[1] + b[1];
  const det = matrix[0] * (matrix[4] * matrix[8] - matrix[5] * matrix[7]) - matrix[1] * (matrix[3] * matrix[8] - matrix[5] * matrix[6]) + matrix[2] * (matrix[3] * matrix[7] - matrix[4] * matrix[6]);
  if (!(Math.abs(white - 1) < 0.05) || !(Math.abs(det) > 1e-6)) throw new Error(`its colorants (rXYZ, gXYZ, bXYZ) do not make a white of Y = 1 (they add up to ${white.toFixed(3)})`);
  const curves = (['rTRC', 'gTRC', 'bTRC'] as const).map((sig) => toneCurve(data, v, sig, info.tags.get(sig)!)) as RgbMatrixProfile['curves'];
  return { matrix, curves };
}

/** A `curv` (identity, gamma or table) or `para` (function types 0-4) tag as a function 0-1 → 0-1. */
function toneCurve(data: Uint8Array, v: DataView, sig: string, t: IccTag): (x: number) => number {
  const bad = (why: string) => new Error(`its ${sig} tone curve ${why}`);
  const clamp = (y: number) => (y > 0 ? (y < 1 ? y : 1) : 0);
  if (t.type === 'curv') {
    if (t.length < 12) throw bad('is cut short');
    const n = v.getUint32(t.offset + 8);
    if (t.length < 12 + 2 * n) throw bad(`holds ${n} entries in ${t.length} bytes`);
    if (n === 0) return clamp;
    if (n === 1) {
      const gamma = v.getUint16(t.offset + 12) / 256;
      return (x) => clamp(x) ** gamma;
    }
    const table = new Float64Array(n);
    for (let k = 0; k < n; k++) table[k] = v.getUint16(t.offset + 12 + 2 * k) / 65535;
    return (x) => {
      const p = clamp(x) * (n - 1);
      const i = Math.min(Math.floor(p), n - 2);
      return table[i] + (table[i + 1] - table[i]) * (p - i);
    };
  }
  if (t.type === 'para') {
    if (t.length < 12) throw bad('is cut short');
    const kind = v.getUint16(t.offset + 8);
    const count = PARA_PARAMS[kind];
    if (count === undefined) throw bad(`is a parametric function of type ${kind}, which ICC.1 does not define (0-4)`);
    if (t.length < 12 + 4 * count) throw bad(`has fewer than the ${count} parameters of its type ${kind}`);
    const p = Array.from({ length: 7 }, (_, k) => (k < count ? v.getInt32(t.offset + 12 + 4 * k) / 65536 : 0));
    const [g, a, b, c, d, e, f] = p;
    // As ICC.1 10.18 defines them (and lcms2 evaluates them): (aX + b)^g where aX + b > 0.
    const pow = (x: number) => (a * x + b > 0 ? (a * x + b) ** g : 0);
    const fn: ((x: number) => number)[] = [
      (x) => x ** g,
      (x) => (a !== 0 && x >= -b / a ? pow(x) : 0),
      (x) => (a !== 0 && x >= -b / a ? pow(x) + c : c),
      (x) => (x >= d ? pow(x) : c * x),
      (x) => (x >= d ? pow(x) + e : c * x + f),
    ];
    const eval_ = fn[kind];
    return (x) => clamp(eval_(clamp(x)));
  }
  throw bad(`is of type '${t.type.trim()}', not curv or para`);
}

/** What the desk is told of a picture's embedded profile: its name, and why the export cannot use it (null: it can). */
export interface EmbeddedProfileFacts {
  description: string | null;
  problem: string | null;
}

/**
 * The facts of a profile embedded in a picture of `components` channels. For an RGB picture,
 * `problem` says why its colours cannot be taken from it (the export then takes it as sRGB);
 * for gray and CMYK pictures, which print as they are, only a profile that cannot be read.
 */
export function embeddedProfileFacts(data: Uint8Array, components: number): EmbeddedProfileFacts {
  let info: IccInfo;
  try {
    info = readIcc(data);
  } catch (err) {
    return { description: null, problem: (err as Error).message.replace(/^ICC profile: /, '') };
  }
  if (components !== 3) return { description: info.description, problem: null };
  try {
    rgbMatrixProfile(data, info);
    return { description: info.description, problem: null };
  } catch (err) {
    return { description: info.description, problem: (err as Error).message };
  }
}
