// What the PDF font dictionaries need from a TrueType file: units per em, advances (for /W),
// bounding box, ascent and descent, cap height, italic angle and the PostScript name. Read
// straight from the tables (head, hhea, hmtx, maxp, OS/2, post, name); no shaping here.
import { tableDirectory, view } from '../fonts/font-file';

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

/** Where the tables come from: a whole file in memory, or a FontFile read table by table. */
export interface TableSource {
  has(tag: string): boolean;
  table(tag: string): Uint8Array | undefined;
}

/** A TableSource over a whole font file in memory. */
export function memoryTables(data: Uint8Array): TableSource {
  const dir = tableDirectory(data);
  return {
    has: (tag) => dir.has(tag),
    table: (tag) => {
      const r = dir.get(tag);
      return r ? data.subarray(r.offset, r.offset + r.length) : undefined;
    },
  };
}

function required(src: TableSource, tag: string): DataView {
  const t = src.table(tag);
  if (!t) throw new Error(`font has no ${tag} table`);
  return view(t);
}

export function readTrueType(font: Uint8Array | TableSource): TrueTypeInfo {
  const src = font instanceof Uint8Array ? memoryTables(font) : font;
  if (!src.has('glyf')) throw new Error('not a TrueType (glyf) font: CFF fonts are not supported');
  const head = required(src, 'head');
  const unitsPerEm = head.getUint16(18);
  const bbox: [number, number, number, number] = [head.getInt16(36), head.getInt16(38), head.getInt16(40), head.getInt16(42)];
  const hhea = required(src, 'hhea');
  let ascent = hhea.getInt16(4);
  let descent = hhea.getInt16(6);
  const numberOfHMetrics = hhea.getUint16(34);
  const numGlyphs = required(src, 'maxp').getUint16(4);
  const advances = readAdvances(required(src, 'hmtx'), numberOfHMetrics, numGlyphs);
  let capHeight = ascent;
  let weight = 400;
  let serif = false;
  const os2Bytes = src.table('OS/2');
  if (os2Bytes) {
    const os2 = view(os2Bytes);
    const version = os2.getUint16(0);
    weight = os2.getUint16(4);
    const familyClass = os2.getInt16(30) >> 8;
    serif = familyClass >= 1 && familyClass <= 7;
    ascent = os2.getInt16(68);
    descent = os2.getInt16(70);
    if (version >= 2 && os2Bytes.length >= 90) capHeight = os2.getInt16(88) || ascent;
  }
  let italicAngle = 0;
  let fixedPitch = false;
  const postBytes = src.table('post');
  if (postBytes) {
    const post = view(postBytes);
    italicAngle = post.getInt32(4) / 65536;
    fixedPitch = post.getUint32(12) !== 0;
  }
  return { unitsPerEm, numGlyphs, advances, bbox, ascent, descent, capHeight, italicAngle, fixedPitch, weight, postScriptName: postScriptName(src.table('name')), serif };
}

/**
 * Advance widths of every glyph (hmtx; glyphs past numberOfHMetrics repeat the last). Its
 * own function: V8 optimises this loop while it runs (tens of thousands of glyphs), and
 * code after it in the same function, not yet run, deoptimised that code once per font.
 */
function readAdvances(hmtx: DataView, numberOfHMetrics: number, numGlyphs: number): Uint16Array {
  const advances = new Uint16Array(numGlyphs);
  let last = 0;
  for (let g = 0; g < numGlyphs; g++) {
    if (g < numberOfHMetrics) last = hmtx.getUint16(4 * g);
    advances[g] = last;
  }
  return advances;
}

function postScriptName(name: Uint8Array | undefined): string | null {
  if (!name) return null;
  const v = view(name);
  const count = v.getUint16(2);
  const strings = v.getUint16(4);
  for (let i = 0; i < count; i++) {
    const r = 6 + 12 * i;
    const platform = v.getUint16(r);
    const nameId = v.getUint16(r + 6);
    if (nameId !== 6) continue;
    const len = v.getUint16(r + 8);
    const off = strings + v.getUint16(r + 10);
    let s = '';
    if (platform === 3 || platform === 0) for (let k = 0; k + 1 < len; k += 2) s += String.fromCharCode(v.getUint16(off + k));
    else for (let k = 0; k < len; k++) s += String.fromCharCode(name[off + k]);
    // A PDF name: printable ASCII without delimiters.
    s = s.replace(/[^\x21-\x7e]|[()<>[\]{}/%#]/g, '');
    if (s) return s;
  }
  return null;
}
