// Font-wide vertical metrics read straight from the OpenType tables (OS/2, hhea, BASE), in
// font units. Pure: reads bytes, no I/O.

export interface RawMetrics {
  /** OS/2 sTypoAscender / sTypoDescender / sTypoLineGap (hhea when there is no OS/2). */
  typoAscender: number;
  typoDescender: number;
  typoLineGap: number;
  /** hhea ascender/descender: what HarfBuzz reports as font extents; the clipping box. */
  hheaAscender: number;
  hheaDescender: number;
  /** OS/2 sCapHeight / sxHeight (version ≥ 2), else undefined. */
  capHeight?: number;
  xHeight?: number;
  /** BASE table, horizontal axis, Han script: ideographic em box top ('idtp') and bottom ('ideo'). */
  ideoTop?: number;
  ideoBottom?: number;
}

function view(t: Uint8Array): DataView {
  return new DataView(t.buffer, t.byteOffset, t.byteLength);
}

export function readRawMetrics(tables: { os2?: Uint8Array; hhea?: Uint8Array; base?: Uint8Array }): RawMetrics {
  let hheaAscender = 0;
  let hheaDescender = 0;
  let hheaLineGap = 0;
  if (tables.hhea && tables.hhea.length >= 10) {
    const h = view(tables.hhea);
    hheaAscender = h.getInt16(4);
    hheaDescender = h.getInt16(6);
    hheaLineGap = h.getInt16(8);
  }
  const out: RawMetrics = {
    typoAscender: hheaAscender,
    typoDescender: hheaDescender,
    typoLineGap: hheaLineGap,
    hheaAscender,
    hheaDescender,
  };
  if (tables.os2 && tables.os2.length >= 78) {
    const o = view(tables.os2);
    out.typoAscender = o.getInt16(68);
    out.typoDescender = o.getInt16(70);
    out.typoLineGap = o.getInt16(72);
    if (o.getUint16(0) >= 2 && tables.os2.length >= 90) {
      out.xHeight = o.getInt16(86);
      out.capHeight = o.getInt16(88);
    }
  }
  if (tables.base) {
    try {
      Object.assign(out, readIdeographicBox(tables.base));
    } catch {
      // A malformed BASE table only costs the optional em-box values.
    }
  }
  return out;
}

/** Horizontal-axis 'idtp' and 'ideo' baselines of the 'hani' script (else the first script). */
function readIdeographicBox(base: Uint8Array): { ideoTop?: number; ideoBottom?: number } {
  const d = view(base);
  const axis = d.getUint16(4);
  if (!axis) return {};
  const tagList = axis + d.getUint16(axis);
  const scriptList = axis + d.getUint16(axis + 2);
  if (tagList === axis || scriptList === axis) return {};
  const tags: string[] = [];
  const nTags = d.getUint16(tagList);
  for (let i = 0; i < nTags; i++) {
    const o = tagList + 2 + 4 * i;
    tags.push(String.fromCharCode(base[o], base[o + 1], base[o + 2], base[o + 3]));
  }
  const nScripts = d.getUint16(scriptList);
  let script = -1;
  for (let i = 0; i < nScripts; i++) {
    const o = scriptList + 2 + 6 * i;
    const tag = String.fromCharCode(base[o], base[o + 1], base[o + 2], base[o + 3]);
    if (tag === 'hani' || script < 0) script = scriptList + d.getUint16(o + 4);
    if (tag === 'hani') break;
  }
  if (script < 0) return {};
  const valuesOffset = d.getUint16(script);
  if (!valuesOffset) return {};
  const values = script + valuesOffset;
  const nCoords = d.getUint16(values + 2);
  const coord = (i: number) => {
    if (i < 0 || i >= nCoords) return undefined;
    const o = values + d.getUint16(values + 4 + 2 * i);
    return d.getInt16(o + 2);
  };
  return { ideoTop: coord(tags.indexOf('idtp')), ideoBottom: coord(tags.indexOf('ideo')) };
}
