// The plant's ICC output profile, given by the user: read its header and tag table to embed
// it correctly (N from the colour space) and to refuse what cannot be an output intent (not
// an output profile, not CMYK, not ICC.1 version 2 or 4, truncated, tags outside the file,
// no CMYK↔PCS tables), before a RIP finds out: Ghostscript stops on such a profile.

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
  /** Tag signature → the tag's type signature and its input/output channels (for LUT types). */
  tags: Map<string, { type: string; inputs: number; outputs: number }>;
}

const COMPONENTS: Record<string, number> = { 'GRAY': 1, 'RGB ': 3, 'CMYK': 4, 'Lab ': 3 };

function ascii(b: Uint8Array, o: number, n: number): string {
  return String.fromCharCode(...b.subarray(o, o + n));
}

/** A four-byte signature as messages show it: its letters, or hex when they are not printable. */
function signature(b: Uint8Array, o: number): string {
  const s = ascii(b, o, 4);
  return /^[\x20-\x7e]{4}$/.test(s) ? s : `0x${Buffer.from(b.subarray(o, o + 4)).toString('hex')}`;
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
  const tags = new Map<string, { type: string; inputs: number; outputs: number }>();
  const where = new Map<string, { off: number; len: number }>();
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
    tags.set(sig, { type, inputs: lut ? data[off + 8] : 0, outputs: lut ? data[off + 9] : 0 });
    where.set(sig, { off, len });
  }
  const desc = where.get('desc');
  return { n, colorSpace: colorSpace.trim(), deviceClass, version, major, description: desc ? description(data, v, desc.off, desc.len) : null, tags };
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
    return ascii(data, off + 12, Math.max(0, Math.min(n, len - 12) - 1)).replace(/\0+$/, '') || null;
  }
  if (type === 'mluc' && len >= 28) {
    if (v.getUint32(off + 8) < 1) return null;
    const sl = v.getUint32(off + 16 + 4);
    const so = v.getUint32(off + 16 + 8);
    if (so > len || sl > len - so) throw new Error(`ICC profile: its description tag is damaged (a ${sl}-byte record at ${so} in a ${len}-byte tag)`);
    let s = '';
    for (let k = 0; k + 1 < sl; k += 2) s += String.fromCharCode(v.getUint16(off + so + k));
    return s.replace(/\0+$/, '') || null;
  }
  return null;
}

/** Checks a profile for use as the PDF/X output intent of CMYK pages. */
export function checkOutputProfile(info: IccInfo, pdfx: 'x1a' | 'x4'): void {
  if (info.deviceClass !== 'prtr') throw new Error(`ICC profile: class '${info.deviceClass}' is not an output (printer) profile`);
  if (info.colorSpace !== 'CMYK') throw new Error(`ICC profile: the plant's profile must be CMYK, this one is ${info.colorSpace}`);
  if (pdfx === 'x1a' && info.major >= 4) throw new Error(`ICC profile: version ${info.version} profiles need PDF 1.6 (PDF/X-4); PDF/X-1a:2001 takes version 2 profiles`);
  // An output profile converts both ways: AToB0 (CMYK → PCS, 4 in, 3 out), BToA0 (PCS → CMYK).
  for (const [sig, inputs, outputs, what] of [
    ['A2B0', 4, 3, 'CMYK to PCS'],
    ['B2A0', 3, 4, 'PCS to CMYK'],
  ] as const) {
    const tag = info.tags.get(sig);
    if (!tag) throw new Error(`ICC profile: it has no ${sig} tag (the ${what} table an output profile needs)`);
    if (tag.inputs !== inputs || tag.outputs !== outputs) {
      throw new Error(`ICC profile: its ${sig} tag (${what}) is not a table of ${inputs} inputs and ${outputs} outputs (type '${tag.type}', ${tag.inputs} → ${tag.outputs})`);
    }
  }
  if (!info.tags.has('desc')) throw new Error('ICC profile: it has no description (desc) tag');
}
