// What the PDF font dictionaries need from a TrueType file: units per em, advances (for /W),
// bounding box, ascent and descent, cap height, italic angle and the PostScript name. Read
// straight from the tables (head, hhea, hmtx, maxp, OS/2, post, name); no shaping here.

export interface TrueTypeInfo {
  unitsPerEm: number;
  numGlyphs: number;
  /** Advance of each glyph in font units. */
  advances: Uint16Array;
  /** xMin, yMin, xMax, yMax in font units. */
  bbox: [number, number, number, number];
  ascent: number;
  descent: number;
  capHeight: number;
  italicAngle: number;
  fixedPitch: boolean;
  /** usWeightClass (400 when the font has no OS/2). */
  weight: number;
  /** name ID 6, e.g. NotoSerifSC-Regular; null when absent. */
  postScriptName: string | null;
  /** sFamilyClass high byte 1..7 are serif classes. */
  serif: boolean;
}

interface TableRecord {
  offset: number;
  length: number;
}

export function tableDirectory(data: Uint8Array): Map<string, TableRecord> {
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const sfnt = v.getUint32(0);
  if (sfnt !== 0x00010000 && sfnt !== 0x74727565) throw new Error('not a TrueType (glyf) font');
  const n = v.getUint16(4);
  const out = new Map<string, TableRecord>();
  for (let i = 0; i < n; i++) {
    const o = 12 + 16 * i;
    const tag = String.fromCharCode(data[o], data[o + 1], data[o + 2], data[o + 3]);
    out.set(tag, { offset: v.getUint32(o + 8), length: v.getUint32(o + 12) });
  }
  return out;
}

function required(tables: Map<string, TableRecord>, tag: string): TableRecord {
  const t = tables.get(tag);
  if (!t) throw new Error(`font has no ${tag} table`);
  return t;
}

export function readTrueType(data: Uint8Array): TrueTypeInfo {
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const tables = tableDirectory(data);
  if (!tables.has('glyf')) throw new Error('not a TrueType (glyf) font: CFF fonts are not supported');
  const head = required(tables, 'head').offset;
  const unitsPerEm = v.getUint16(head + 18);
  const bbox: [number, number, number, number] = [v.getInt16(head + 36), v.getInt16(head + 38), v.getInt16(head + 40), v.getInt16(head + 42)];
  const hhea = required(tables, 'hhea').offset;
  let ascent = v.getInt16(hhea + 4);
  let descent = v.getInt16(hhea + 6);
  const numberOfHMetrics = v.getUint16(hhea + 34);
  const numGlyphs = v.getUint16(required(tables, 'maxp').offset + 4);
  const hmtx = required(tables, 'hmtx').offset;
  const advances = new Uint16Array(numGlyphs);
  let last = 0;
  for (let g = 0; g < numGlyphs; g++) {
    if (g < numberOfHMetrics) last = v.getUint16(hmtx + 4 * g);
    advances[g] = last;
  }
  let capHeight = ascent;
  let weight = 400;
  let serif = false;
  const os2 = tables.get('OS/2');
  if (os2) {
    const o = os2.offset;
    const version = v.getUint16(o);
    weight = v.getUint16(o + 4);
    const familyClass = v.getInt16(o + 30) >> 8;
    serif = familyClass >= 1 && familyClass <= 7;
    ascent = v.getInt16(o + 68);
    descent = v.getInt16(o + 70);
    if (version >= 2 && os2.length >= 90) capHeight = v.getInt16(o + 88) || ascent;
  }
  let italicAngle = 0;
  let fixedPitch = false;
  const post = tables.get('post');
  if (post) {
    italicAngle = v.getInt32(post.offset + 4) / 65536;
    fixedPitch = v.getUint32(post.offset + 12) !== 0;
  }
  return { unitsPerEm, numGlyphs, advances, bbox, ascent, descent, capHeight, italicAngle, fixedPitch, weight, postScriptName: postScriptName(data, tables), serif };
}

function postScriptName(data: Uint8Array, tables: Map<string, TableRecord>): string | null {
  const name = tables.get('name');
  if (!name) return null;
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const o = name.offset;
  const count = v.getUint16(o + 2);
  const strings = o + v.getUint16(o + 4);
  for (let i = 0; i < count; i++) {
    const r = o + 6 + 12 * i;
    const platform = v.getUint16(r);
    const nameId = v.getUint16(r + 6);
    if (nameId !== 6) continue;
    const len = v.getUint16(r + 8);
    const off = strings + v.getUint16(r + 10);
    let s = '';
    if (platform === 3 || platform === 0) for (let k = 0; k + 1 < len; k += 2) s += String.fromCharCode(v.getUint16(off + k));
    else for (let k = 0; k < len; k++) s += String.fromCharCode(data[off + k]);
    // A PDF name: printable ASCII without delimiters.
    s = s.replace(/[^\x21-\x7e]|[()<>[\]{}/%#]/g, '');
    if (s) return s;
  }
  return null;
}
