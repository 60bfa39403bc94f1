// ICC profiles for tests, written from their parts: matrix/TRC RGB profiles (version 2 with a
// desc tag or version 4 with mluc and chad), whose tone curves are curv gammas or tables or para
// functions of any type, and a table-based one. Ghostscript reads them as lcms2 does
// (-sDefaultRGBProfile), so our separation through them can be checked against its own.

export type Curve = { gamma: number } | { table: number[] } | { para: number; params: number[] };

export interface MatrixProfileSpec {
  version: 2 | 4;
  description: string;
  /** rXYZ, gXYZ, bXYZ: the colorants adapted to D50. */
  colorants: [number[], number[], number[]];
  curves: [Curve, Curve, Curve];
  /** Tags to add as they are (signature → the tag's bytes). */
  extra?: Record<string, Uint8Array>;
  /** Leave these tags out. */
  without?: string[];
}

function s15(v: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(Math.round(v * 65536), 0);
  return b;
}

function xyz(v: number[]): Buffer {
  return Buffer.concat([Buffer.from('XYZ \0\0\0\0', 'latin1'), ...v.map(s15)]);
}

function curveTag(c: Curve): Buffer {
  if ('gamma' in c) {
    const b = Buffer.alloc(14);
    b.write('curv', 0, 'latin1');
    b.writeUInt32BE(1, 8);
    b.writeUInt16BE(Math.round(c.gamma * 256), 12);
    return b;
  }
  if ('table' in c) {
    const b = Buffer.alloc(12 + 2 * c.table.length);
    b.write('curv', 0, 'latin1');
    b.writeUInt32BE(c.table.length, 8);
    c.table.forEach((v, k) => b.writeUInt16BE(Math.round(v * 65535), 12 + 2 * k));
    return b;
  }
  const head = Buffer.alloc(12);
  head.write('para', 0, 'latin1');
  head.writeUInt16BE(c.para, 8);
  return Buffer.concat([head, ...c.params.map(s15)]);
}

function descTag(version: 2 | 4, text: string): Buffer {
  if (version === 4) {
    const utf16 = Buffer.from(text, 'utf16le').swap16();
    const b = Buffer.alloc(28);
    b.write('mluc', 0, 'latin1');
    b.writeUInt32BE(1, 8);
    b.writeUInt32BE(12, 12);
    b.write('enUS', 16, 'latin1');
    b.writeUInt32BE(utf16.length, 20);
    b.writeUInt32BE(28, 24);
    return Buffer.concat([b, utf16]);
  }
  const ascii = Buffer.from(`${text}\0`, 'latin1');
  const b = Buffer.alloc(12);
  b.write('desc', 0, 'latin1');
  b.writeUInt32BE(ascii.length, 8);
  // No Unicode or ScriptCode text: their counts are zero (4 + 4 + 2 + 1 + 67 bytes).
  return Buffer.concat([b, ascii, Buffer.alloc(78)]);
}

/** A profile of `colorSpace` ('RGB ') of class `cls` from its tags, with a correct header and tag table. */
export function iccProfile(version: 2 | 4, tags: [string, Uint8Array][], colorSpace = 'RGB ', pcs = 'XYZ ', cls = 'mntr'): Uint8Array {
  const pad = (b: Uint8Array) => Buffer.concat([Buffer.from(b), Buffer.alloc((4 - (b.length % 4)) % 4)]);
  const tableEnd = 128 + 4 + 12 * tags.length;
  const table = Buffer.alloc(4 + 12 * tags.length);
  table.writeUInt32BE(tags.length, 0);
  const bodies: Buffer[] = [];
  let at = tableEnd;
  tags.forEach(([sig, data], k) => {
    table.write(sig, 4 + 12 * k, 'latin1');
    table.writeUInt32BE(at, 8 + 12 * k);
    table.writeUInt32BE(data.length, 12 + 12 * k);
    const p = pad(data);
    bodies.push(p);
    at += p.length;
  });
  const header = Buffer.alloc(128);
  header.writeUInt32BE(at, 0);
  header[8] = version;
  header[9] = version === 4 ? 0x30 : 0x10;
  header.write(cls, 12, 'latin1');
  header.write(colorSpace, 16, 'latin1');
  header.write(pcs, 20, 'latin1');
  header.write('acsp', 36, 'latin1');
  [0.9642, 1, 0.8249].forEach((v, k) => s15(v).copy(header, 68 + 4 * k));
  return new Uint8Array(Buffer.concat([header, table, ...bodies]));
}

/** A matrix/TRC RGB display profile. */
export function matrixProfile(spec: MatrixProfileSpec): Uint8Array {
  const tags: [string, Uint8Array][] = [
    ['desc', descTag(spec.version, spec.description)],
    ['wtpt', xyz([0.9642, 1, 0.8249])],
    ['rXYZ', xyz(spec.colorants[0])],
    ['gXYZ', xyz(spec.colorants[1])],
    ['bXYZ', xyz(spec.colorants[2])],
    ['rTRC', curveTag(spec.curves[0])],
    ['gTRC', curveTag(spec.curves[1])],
    ['bTRC', curveTag(spec.curves[2])],
    ...Object.entries(spec.extra ?? {}),
  ];
  // Bradford D65 → D50, as a v4 profile of a D65 display carries it (it serves absolute colorimetry only).
  const chad = [1.0479, 0.0229, -0.0502, 0.0296, 0.9904, -0.0171, -0.0092, 0.0151, 0.7519];
  if (spec.version === 4) tags.push(['chad', Buffer.concat([Buffer.from('sf32\0\0\0\0', 'latin1'), ...chad.map(s15)])]);
  return iccProfile(spec.version, tags.filter(([sig]) => !spec.without?.includes(sig)));
}

/** Display P3 (DCI-P3 primaries, D65 white, sRGB's curve) as Apple's phones embed it: version 4, para type 3, chad. */
export const DISPLAY_P3: MatrixProfileSpec = {
  version: 4,
  description: 'Display P3',
  colorants: [
    [0.515102, 0.241182, -0.001053],
    [0.291965, 0.692236, 0.041885],
    [0.157153, 0.066582, 0.784104],
  ],
  curves: [0, 1, 2].map(() => ({ para: 3, params: [2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045] })) as [Curve, Curve, Curve],
};

/** Adobe RGB (1998) as Adobe's own AdobeRGB1998.icc holds it: version 2, a gamma of 563/256. */
export const ADOBE_RGB: MatrixProfileSpec = {
  version: 2,
  description: 'Adobe RGB (1998)',
  colorants: [
    [0.60974, 0.31111, 0.01947],
    [0.20528, 0.62567, 0.06087],
    [0.14919, 0.06322, 0.74457],
  ],
  curves: [0, 1, 2].map(() => ({ gamma: 563 / 256 })) as [Curve, Curve, Curve],
};

/**
 * A table-based RGB profile: A2B0 a lut16 of 3 inputs and outputs on a 2-point grid (the
 * identity), no colorants or tone curves — as the ICC's sRGB v4 "preference" profile is made.
 */
export function tableProfile(): Uint8Array {
  const lut = Buffer.alloc(52 + 2 * (3 * 2 + 8 * 3 + 3 * 2));
  lut.write('mft2', 0, 'latin1');
  lut[8] = 3;
  lut[9] = 3;
  lut[10] = 2;
  [1, 0, 0, 0, 1, 0, 0, 0, 1].forEach((v, k) => lut.writeInt32BE(v * 65536, 12 + 4 * k));
  lut.writeUInt16BE(2, 48);
  lut.writeUInt16BE(2, 50);
  const values = [0, 65535, 0, 65535, 0, 65535];
  for (let r = 0; r < 2; r++) for (let g = 0; g < 2; g++) for (let b = 0; b < 2; b++) values.push(r * 65535, g * 65535, b * 65535);
  values.push(0, 65535, 0, 65535, 0, 65535);
  values.forEach((v, k) => lut.writeUInt16BE(v, 52 + 2 * k));
  return iccProfile(2, [['desc', descTag(2, 'Table RGB')], ['wtpt', xyz([0.9642, 1, 0.8249])], ['A2B0', lut]]);
}
