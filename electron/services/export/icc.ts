// The plant's ICC output profile, given by the user: read just enough of its header to
// embed it correctly (N from the colour space) and to refuse what cannot be an output
// intent (not an output profile, not CMYK, truncated).

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
}

const COMPONENTS: Record<string, number> = { 'GRAY': 1, 'RGB ': 3, 'CMYK': 4, 'Lab ': 3 };

function ascii(b: Uint8Array, o: number, n: number): string {
  return String.fromCharCode(...b.subarray(o, o + n));
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
  return { n, colorSpace: colorSpace.trim(), deviceClass, version, major, description: description(data, v) };
}

function description(data: Uint8Array, v: DataView): string | null {
  const count = v.getUint32(128);
  for (let i = 0; i < count && 132 + 12 * i + 12 <= data.byteLength; i++) {
    const o = 132 + 12 * i;
    if (ascii(data, o, 4) !== 'desc') continue;
    const off = v.getUint32(o + 4);
    const len = v.getUint32(o + 8);
    if (off + len > data.byteLength || len < 12) return null;
    const type = ascii(data, off, 4);
    if (type === 'desc') {
      const n = v.getUint32(off + 8);
      return ascii(data, off + 12, Math.max(0, Math.min(n, len - 12) - 1)).replace(/\0+$/, '') || null;
    }
    if (type === 'mluc') {
      const records = v.getUint32(off + 8);
      if (records < 1) return null;
      const sl = v.getUint32(off + 16 + 4);
      const so = v.getUint32(off + 16 + 8);
      let s = '';
      for (let k = 0; k + 1 < sl; k += 2) s += String.fromCharCode(v.getUint16(off + so + k));
      return s.replace(/\0+$/, '') || null;
    }
  }
  return null;
}

/** Checks a profile for use as the PDF/X output intent of CMYK pages. */
export function checkOutputProfile(info: IccInfo, pdfx: 'x1a' | 'x4'): void {
  if (info.deviceClass !== 'prtr') throw new Error(`ICC profile: class '${info.deviceClass}' is not an output (printer) profile`);
  if (info.colorSpace !== 'CMYK') throw new Error(`ICC profile: the plant's profile must be CMYK, this one is ${info.colorSpace}`);
  if (pdfx === 'x1a' && info.major >= 4) throw new Error(`ICC profile: version ${info.version} profiles need PDF 1.6 (PDF/X-4); PDF/X-1a:2001 takes version 2 profiles`);
}
