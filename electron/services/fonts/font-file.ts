// A TrueType file read by its tables, not as a whole.
//
// A bundled CJK font is 10–15 MB, and 97 % of it is outlines (glyf + loca). Neither user of
// the font needs them all:
//  - shaping (HarfBuzz) reads cmap, hmtx, GSUB, GPOS, GDEF, OS/2… and never an outline
//    (Pasteup asks HarfBuzz for no glyph extents), so the shaping face is the font without
//    glyf and loca: 330 KB instead of 14.5 MB;
//  - the PDF needs the outlines of the glyphs an edition prints (a few thousand of 65,000),
//    so hb-subset is given the font with only those outlines (glyph ids kept) instead of
//    all of them.
// Reading and copying 60 MB of fonts into wasm twice (once for shaping, once for hb-subset)
// was 40 % of a cold export (bench/export.ts); tables are read with positional reads and
// kept, the outlines are read per export, glyph by glyph.
import { closeSync, openSync, readSync } from 'node:fs';

export interface TableRecord {
  tag: string;
  offset: number;
  length: number;
}

/** Tables that only draw outlines: the shaping face goes without them. */
const OUTLINE_TABLES = new Set(['glyf', 'loca', 'cvt ', 'fpgm', 'prep', 'hdmx', 'LTSH', 'VDMX', 'gasp', 'DSIG']);

/** Tables a PDF renderer never reads (hb-subset is told to drop them too: see export/subset.ts). */
export const NON_PDF_TABLES = ['GSUB', 'GPOS', 'GDEF', 'BASE', 'JSTF', 'MATH', 'STAT', 'vhea', 'vmtx', 'VORG', 'DSIG', 'morx', 'kerx', 'kern'];

// Composite glyph flags (OpenType glyf table).
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** Glyph ranges closer than this are read in one go. */
const READ_GAP = 4096;

/** At most this many bytes of glyph outlines are kept between exports (then they are dropped and read again). */
const GLYPH_CACHE_BYTES = 32 << 20;

export class FontFile {
  private readonly cache = new Map<string, Uint8Array>();
  /** Outlines read for earlier subsets, by glyph id: the next export of the day reads only new glyphs. */
  private readonly glyphCache = new Map<number, Uint8Array>();
  private glyphCacheBytes = 0;

  private constructor(
    readonly path: string,
    readonly tables: ReadonlyMap<string, TableRecord>,
  ) {}

  /** Reads the table directory of a TrueType (glyf) font; throws for anything else. */
  static open(path: string): FontFile {
    return withFile(path, (fd) => {
      const header = view(readAt(fd, 0, 12, path));
      const sfnt = header.getUint32(0);
      if (sfnt === 0x4f54544f) throw new Error(`${path}: a CFF (OTF) font; only TrueType (glyf) fonts are supported`);
      if (sfnt === 0x74746366) throw new Error(`${path}: a font collection (TTC); give a single TrueType font`);
      if (sfnt !== 0x00010000 && sfnt !== 0x74727565) throw new Error(`${path}: not a TrueType font`);
      const tables = tableDirectory(readAt(fd, 0, 12 + 16 * header.getUint16(4), path));
      if (!tables.has('glyf') || !tables.has('loca')) throw new Error(`${path}: not a TrueType (glyf) font`);
      return new FontFile(path, tables);
    });
  }

  has(tag: string): boolean {
    return this.tables.has(tag);
  }

  /** The bytes of one table (read once, then kept), or undefined when the font has none. */
  table(tag: string): Uint8Array | undefined {
    const hit = this.cache.get(tag);
    if (hit) return hit;
    const rec = this.tables.get(tag);
    if (!rec) return undefined;
    const bytes = withFile(this.path, (fd) => readAt(fd, rec.offset, rec.length, this.path));
    this.cache.set(tag, bytes);
    return bytes;
  }

  /** Several tables with one open of the file. */
  preload(tags: Iterable<string>): void {
    const missing = [...tags].map((t) => this.tables.get(t)).filter((r): r is TableRecord => !!r && !this.cache.has(r.tag));
    if (missing.length === 0) return;
    withFile(this.path, (fd) => {
      for (const r of missing) this.cache.set(r.tag, readAt(fd, r.offset, r.length, this.path));
    });
  }

  /**
   * The font without its outlines: everything HarfBuzz shapes with. Table checksums are not
   * recomputed (HarfBuzz never reads them; summing 2.6 MB of tables for the eight bundled
   * fonts cost ~5 ms of every cold start).
   */
  shapingFont(): Uint8Array {
    const tags = [...this.tables.keys()].filter((t) => !OUTLINE_TABLES.has(t));
    this.preload(tags);
    return buildSfnt(tags.map((t) => [t, this.table(t)!]), { checksums: false });
  }

  /** numGlyphs + 1 glyph offsets into glyf. */
  loca(): Uint32Array {
    const { numGlyphs, at } = this.locaReader();
    const out = new Uint32Array(numGlyphs + 1);
    for (let g = 0; g <= numGlyphs; g++) out[g] = at(g);
    return out;
  }

  private locaReader(): { numGlyphs: number; long: boolean; at: (g: number) => number } {
    const long = view(this.required('head')).getInt16(50) === 1;
    const numGlyphs = view(this.required('maxp')).getUint16(4);
    const raw = view(this.required('loca'));
    const entries = raw.byteLength / (long ? 4 : 2);
    if (entries < numGlyphs + 1) throw new Error(`${this.path}: loca has ${entries} entries for ${numGlyphs} glyphs`);
    return { numGlyphs, long, at: long ? (g) => raw.getUint32(4 * g) : (g) => raw.getUint16(2 * g) * 2 };
  }

  /**
   * The font with the outlines of `gids` only (and of .notdef and every component of a
   * composite glyph): same glyph ids, other glyphs empty, the cmap cut to the kept glyphs,
   * and without the tables no PDF needs. hb-subset makes the same subset of it as of the
   * whole font (tests/services/fonts/font-file.test.ts), at a fraction of the cost.
   * Checksums are not computed (hb-subset neither reads nor keeps them).
   *
   * `into(size)` gives the buffer to build the font in (the subsetter passes its own wasm
   * memory, so the font is not built in JavaScript and then copied); by default a new one.
   * Every byte of it is written.
   */
  withGlyphs(gids: Iterable<number>, into?: (size: number) => Uint8Array): Uint8Array {
    const { numGlyphs, long, at } = this.locaReader();
    const start = (g: number) => at(g);
    const end = (g: number) => Math.max(at(g), at(g + 1));
    const glyf = this.tables.get('glyf')!;
    const keep = new Map<number, Uint8Array>();
    let pending = [0, ...gids].filter((g) => g >= 0 && g < numGlyphs);
    if (this.glyphCacheBytes > GLYPH_CACHE_BYTES) {
      this.glyphCache.clear();
      this.glyphCacheBytes = 0;
    }
    const keepGlyph = (g: number, bytes: Uint8Array) => {
      keep.set(g, bytes);
      for (const c of components(bytes)) if (c < numGlyphs && !keep.has(c)) pending.push(c);
    };
    let fd = -1;
    try {
      while (pending.length > 0) {
        const round = new Set(pending);
        pending = []; // keepGlyph adds the components found now, for the next round
        const want: number[] = [];
        let wanted = 0;
        for (const g of round) {
          if (keep.has(g)) continue;
          const cached = this.glyphCache.get(g);
          if (cached) keepGlyph(g, cached);
          else {
            want.push(g);
            wanted += end(g) - start(g);
          }
        }
        if (want.length === 0) continue;
        want.sort((a, b) => a - b);
        if (fd < 0) fd = openFont(this.path);
        // The round's outlines go into one buffer of exactly their size (kept as the cache's
        // entries); each read goes into a scratch buffer used again for the next, so the gaps
        // read between neighbouring glyphs never take fresh memory (first-touched memory costs
        // ~0.8 ms a MB here: docs/pdf.md, "Speed").
        const outlines = new Uint8Array(wanted);
        let put = 0;
        // Coalesce neighbouring glyphs into one read.
        for (let i = 0; i < want.length; ) {
          let j = i;
          while (j + 1 < want.length && start(want[j + 1]) - end(want[j]) < READ_GAP) j++;
          const from = start(want[i]);
          const chunk = readScratch(fd, glyf.offset + from, Math.max(from, end(want[j])) - from, this.path);
          for (let k = i; k <= j; k++) {
            const g = want[k];
            const length = end(g) - start(g);
            const bytes = outlines.subarray(put, put + length);
            bytes.set(chunk.subarray(start(g) - from, end(g) - from));
            put += length;
            this.glyphCache.set(g, bytes);
            this.glyphCacheBytes += length;
            keepGlyph(g, bytes);
          }
          i = j + 1;
        }
      }
    } finally {
      if (fd >= 0) closeSync(fd);
    }
    // New glyf and loca, written straight into the font; the loca format stays the font's
    // (head says which), and each glyph keeps its exact bytes (a short loca needs even
    // offsets, and has them in the font).
    const kept = [...keep.keys()].sort((a, b) => a - b);
    let size = 0;
    for (const g of kept) size += keep.get(g)!.length;
    const newGlyf: LazyTable = {
      length: size,
      write: (out, offset) => {
        for (const g of kept) {
          const b = keep.get(g)!;
          out.set(b, offset);
          offset += b.length;
        }
      },
    };
    const newLoca: LazyTable = {
      length: (numGlyphs + 1) * (long ? 4 : 2),
      write: (out, offset) => {
        // Runs of equal offsets between kept glyphs are filled natively (typed-array fill of
        // the big-endian value), not entry by entry: a CJK font has 65,000 entries.
        const aligned = (out.byteOffset + offset) % 4 === 0;
        const bytes = aligned ? out.subarray(offset, offset + newLoca.length) : new Uint8Array(newLoca.length);
        const entries = long ? new Uint32Array(bytes.buffer, bytes.byteOffset, numGlyphs + 1) : new Uint16Array(bytes.buffer, bytes.byteOffset, numGlyphs + 1);
        const be = (x: number) => (long ? swap32(x) : swap16(x / 2));
        let glyfAt = 0;
        let next = 0; // first loca entry not yet written
        for (const g of kept) {
          entries.fill(be(glyfAt), next, g + 1); // entries next..g: everything before glyph g ends here
          glyfAt += keep.get(g)!.length;
          next = g + 1;
        }
        entries.fill(be(glyfAt), next, numGlyphs + 1);
        if (!aligned) out.set(bytes, offset);
      },
    };
    const drop = new Set([...NON_PDF_TABLES, 'glyf', 'loca', 'cmap']);
    const tags = [...this.tables.keys()].filter((t) => !drop.has(t));
    this.preload(tags);
    const out: [string, Uint8Array | LazyTable][] = [...tags.map((t) => [t, this.table(t)!] as [string, Uint8Array]), ['glyf', newGlyf], ['loca', newLoca]];
    // The cmap with only the kept glyphs' characters: hb-subset walks every mapping of the
    // cmap it is given (28,000 in a CJK font: 25 ms a font), and keeps just these.
    const cmap = this.table('cmap');
    if (cmap) out.push(['cmap', thinCmap(cmap, (g) => keep.has(g), kept)]);
    return buildSfnt(out, { checksums: false, into });
  }

  private required(tag: string): Uint8Array {
    const t = this.table(tag);
    if (!t) throw new Error(`${this.path}: font has no ${tag} table`);
    return t;
  }
}

const files = new Map<string, FontFile>();

/** The FontFile of `path`, opened once per process. */
export function fontFile(path: string): FontFile {
  let f = files.get(path);
  if (!f) {
    f = FontFile.open(path);
    files.set(path, f);
  }
  return f;
}

/** Component glyph ids of a composite glyph (none for a simple or empty one). */
export function components(glyph: Uint8Array): number[] {
  if (glyph.length < 10 || glyph[0] < 0x80) return []; // numberOfContours ≥ 0: a simple glyph
  const v = view(glyph);
  const out: number[] = [];
  let o = 10;
  for (;;) {
    if (o + 4 > glyph.length) break;
    const flags = v.getUint16(o);
    out.push(v.getUint16(o + 2));
    o += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) o += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) o += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) o += 8;
    if (!(flags & MORE_COMPONENTS)) break;
  }
  return out;
}

/**
 * The code point → glyph mappings of a cmap's best Unicode subtable (format 12, else
 * format 4) whose glyph passes `kept`, in code point order. Format 12 groups are tested
 * against the kept glyphs as ranges, not expanded (a CJK cmap maps 28,000 characters).
 */
export function cmapEntries(cmap: Uint8Array, kept: (gid: number) => boolean = () => true, keptSorted?: readonly number[]): [number, number][] {
  const v = view(cmap);
  const n = v.getUint16(2);
  let f12 = -1;
  let f4 = -1;
  for (let i = 0; i < n; i++) {
    const platform = v.getUint16(4 + 8 * i);
    const encoding = v.getUint16(6 + 8 * i);
    const offset = v.getUint32(8 + 8 * i);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode || offset + 2 > cmap.length) continue;
    const format = v.getUint16(offset);
    if (format === 12 && f12 < 0) f12 = offset;
    if (format === 4 && f4 < 0) f4 = offset;
  }
  const out: [number, number][] = [];
  if (f12 >= 0) {
    const groups = v.getUint32(f12 + 12);
    for (let i = 0; i < groups; i++) {
      const o = f12 + 16 + 12 * i;
      const start = v.getUint32(o);
      const end = v.getUint32(o + 4);
      const glyph = v.getUint32(o + 8);
      if (keptSorted) {
        // The kept glyphs inside [glyph, glyph + end - start], by binary search.
        let lo = 0;
        let hi = keptSorted.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (keptSorted[mid] < glyph) lo = mid + 1;
          else hi = mid;
        }
        for (let k = lo; k < keptSorted.length && keptSorted[k] <= glyph + end - start; k++) out.push([start + keptSorted[k] - glyph, keptSorted[k]]);
      } else {
        for (let c = start; c <= end; c++) if (kept(glyph + c - start)) out.push([c, glyph + c - start]);
      }
    }
    return out;
  }
  if (f4 >= 0) {
    const segX2 = v.getUint16(f4 + 6);
    const ends = f4 + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const ranges = deltas + segX2;
    for (let s = 0; s < segX2; s += 2) {
      const start = v.getUint16(starts + s);
      const end = v.getUint16(ends + s);
      const delta = v.getUint16(deltas + s);
      const rangeOffset = v.getUint16(ranges + s);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let g: number;
        if (rangeOffset === 0) g = (c + delta) & 0xffff;
        else {
          const at = ranges + s + rangeOffset + 2 * (c - start);
          g = at + 2 <= cmap.length ? v.getUint16(at) : 0;
          if (g !== 0) g = (g + delta) & 0xffff;
        }
        if (g !== 0 && kept(g)) out.push([c, g]);
      }
    }
  }
  return out;
}

/**
 * A cmap with the mappings of `cmap` whose glyph is kept: format 4 (BMP) and format 12
 * subtables under the records the font had, and its format 14 (variation sequences) as is.
 */
export function thinCmap(cmap: Uint8Array, kept: (gid: number) => boolean, keptSorted?: readonly number[]): Uint8Array {
  const entries = cmapEntries(cmap, kept, keptSorted);
  // Runs of consecutive code points with consecutive glyphs.
  const runs: [number, number, number][] = [];
  for (const [c, g] of entries) {
    const last = runs[runs.length - 1];
    if (last && c === last[1] + 1 && g === last[2] + (c - last[0])) last[1] = c;
    else runs.push([c, c, g]);
  }
  // Format 4: BMP runs, split where a run crosses 0xFFFF, plus the final 0xFFFF segment.
  const bmp = runs.filter((r) => r[0] <= 0xfffe).map(([a, b, g]): [number, number, number] => [a, Math.min(b, 0xfffe), g]);
  bmp.push([0xffff, 0xffff, 1]);
  const segs = bmp.length;
  const f4 = new Uint8Array(16 + 8 * segs);
  const v4 = view(f4);
  let pow = 1;
  let log = 0;
  while (pow * 2 <= segs) {
    pow *= 2;
    log++;
  }
  v4.setUint16(0, 4);
  v4.setUint16(2, f4.length);
  v4.setUint16(6, 2 * segs);
  v4.setUint16(8, 2 * pow);
  v4.setUint16(10, log);
  v4.setUint16(12, 2 * segs - 2 * pow);
  bmp.forEach(([a, b, g], i) => {
    v4.setUint16(14 + 2 * i, b);
    v4.setUint16(16 + 2 * segs + 2 * i, a);
    v4.setUint16(16 + 4 * segs + 2 * i, (g - a) & 0xffff);
    v4.setUint16(16 + 6 * segs + 2 * i, 0);
  });
  const f12 = new Uint8Array(16 + 12 * runs.length);
  const v12 = view(f12);
  v12.setUint16(0, 12);
  v12.setUint32(4, f12.length);
  v12.setUint32(12, runs.length);
  runs.forEach(([a, b, g], i) => {
    v12.setUint32(16 + 12 * i, a);
    v12.setUint32(20 + 12 * i, b);
    v12.setUint32(24 + 12 * i, g);
  });
  // The records, in the font's order, pointing at the new subtables; format 14 copied.
  const v = view(cmap);
  const records: [number, number, number][] = [];
  let f14: Uint8Array | null = null;
  for (let i = 0; i < v.getUint16(2); i++) {
    const platform = v.getUint16(4 + 8 * i);
    const encoding = v.getUint16(6 + 8 * i);
    const offset = v.getUint32(8 + 8 * i);
    const format = v.getUint16(offset);
    if (format === 14) {
      f14 = cmap.subarray(offset, offset + v.getUint32(offset + 2));
      records.push([platform, encoding, 14]);
    } else if (platform === 0 || platform === 3) {
      const wide = format === 12 || (platform === 0 && encoding >= 4) || (platform === 3 && encoding === 10);
      if (!records.some((r) => r[0] === platform && r[1] === encoding)) records.push([platform, encoding, wide ? 12 : 4]);
    }
  }
  if (!records.some((r) => r[2] === 4)) records.push([3, 1, 4]);
  const headerLength = 4 + 8 * records.length;
  const at4 = headerLength;
  const at12 = at4 + f4.length;
  const at14 = at12 + f12.length;
  const out = new Uint8Array(at14 + (f14?.length ?? 0));
  const vo = view(out);
  vo.setUint16(2, records.length);
  records.forEach(([p, e, fmt], i) => {
    vo.setUint16(4 + 8 * i, p);
    vo.setUint16(6 + 8 * i, e);
    vo.setUint32(8 + 8 * i, fmt === 4 ? at4 : fmt === 12 ? at12 : at14);
  });
  out.set(f4, at4);
  out.set(f12, at12);
  if (f14) out.set(f14, at14);
  return out;
}

function checksum(b: Uint8Array): number {
  let sum = 0;
  const whole = b.length & ~3;
  const v = view(b);
  for (let i = 0; i < whole; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
  // The tail in a function of its own: its first unaligned table would otherwise deoptimise
  // this loop (no type feedback for the branch) — 38 times in one cold export.
  return (sum + tailWord(b, whole)) >>> 0;
}

/** The last 1–3 bytes of a table as a big-endian word padded with zeros (0 when aligned). */
function tailWord(b: Uint8Array, whole: number): number {
  let last = 0;
  for (let i = whole; i < b.length; i++) last |= b[i] << (24 - 8 * (i - whole));
  return last >>> 0;
}

/** A table written into the font by `write` (its `length` bytes at `offset` of `out`), not copied from a buffer of its own. */
export interface LazyTable {
  length: number;
  write(out: Uint8Array, offset: number): void;
}

/**
 * An sfnt (TrueType) file of the tables given: sorted directory, 4-byte aligned, checksums
 * and head.checkSumAdjustment right (or zero without `checksums`). Built in `into(size)`
 * when given (every byte is written: it need not be zeroed), else in a new buffer.
 */
export function buildSfnt(tables: [string, Uint8Array | LazyTable][], opts: { checksums?: boolean; into?: (size: number) => Uint8Array } = {}): Uint8Array {
  const sums = opts.checksums ?? true;
  const sorted = [...tables].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const n = sorted.length;
  let size = 12 + 16 * n;
  for (const [, t] of sorted) size += (t.length + 3) & ~3;
  const out = opts.into ? opts.into(size) : new Uint8Array(size);
  if (out.length !== size) throw new Error(`buildSfnt: given ${out.length} bytes for a ${size}-byte font`);
  const v = view(out);
  v.setUint32(0, 0x00010000);
  v.setUint16(4, n);
  let pow = 1;
  let log = 0;
  while (pow * 2 <= n) {
    pow *= 2;
    log++;
  }
  v.setUint16(6, pow * 16);
  v.setUint16(8, log);
  v.setUint16(10, n * 16 - pow * 16);
  let at = 12 + 16 * n;
  let headAt = -1;
  sorted.forEach(([tag, t], i) => {
    const o = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[o + k] = tag.charCodeAt(k);
    if (t instanceof Uint8Array) out.set(t, at);
    else t.write(out, at);
    out.fill(0, at + t.length, at + ((t.length + 3) & ~3)); // padding
    if (tag === 'head') {
      headAt = at;
      v.setUint32(at + 8, 0); // checkSumAdjustment is computed over the file with this zero
    }
    v.setUint32(o + 4, sums ? checksum(out.subarray(at, at + t.length)) : 0);
    v.setUint32(o + 8, at);
    v.setUint32(o + 12, t.length);
    at += (t.length + 3) & ~3;
  });
  if (sums && headAt >= 0) v.setUint32(headAt + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** x as a typed-array element that is stored big-endian. */
function swap32(x: number): number {
  return LITTLE_ENDIAN ? (((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) >>> 0 : x;
}

function swap16(x: number): number {
  return LITTLE_ENDIAN ? ((x & 0xff) << 8) | ((x >>> 8) & 0xff) : x;
}

/** A DataView over exactly the bytes of `b`. */
export function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

/** The table directory at the start of a TrueType font (header and records; the tables may follow or not). */
export function tableDirectory(data: Uint8Array): Map<string, TableRecord> {
  const v = view(data);
  const sfnt = v.getUint32(0);
  if (sfnt !== 0x00010000 && sfnt !== 0x74727565) throw new Error('not a TrueType (glyf) font');
  const n = v.getUint16(4);
  const out = new Map<string, TableRecord>();
  for (let i = 0; i < n; i++) {
    const o = 12 + 16 * i;
    const tag = String.fromCharCode(data[o], data[o + 1], data[o + 2], data[o + 3]);
    out.set(tag, { tag, offset: v.getUint32(o + 8), length: v.getUint32(o + 12) });
  }
  return out;
}

function openFont(path: string): number {
  try {
    return openSync(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${path} is missing; run \`node scripts/fonts.mjs\` (npm install does it)`);
    throw err;
  }
}

function withFile<T>(path: string, f: (fd: number) => T): T {
  const fd = openFont(path);
  try {
    return f(fd);
  } finally {
    closeSync(fd);
  }
}

function readAt(fd: number, position: number, length: number, path: string): Uint8Array {
  return readInto(fd, new Uint8Array(length), position, path);
}

let scratch = new Uint8Array(0);

/** The scratch buffer grows to this at most (a longer read gets a buffer of its own). */
const SCRATCH_MAX = 1 << 20;

/** `length` bytes at `position`, in a buffer that the next call may overwrite. */
function readScratch(fd: number, position: number, length: number, path: string): Uint8Array {
  if (length > SCRATCH_MAX) return readAt(fd, position, length, path);
  if (scratch.length < length) scratch = new Uint8Array(Math.min(SCRATCH_MAX, Math.max(length, 1 << 16, 2 * scratch.length)));
  return readInto(fd, scratch.subarray(0, length), position, path);
}

function readInto(fd: number, out: Uint8Array, position: number, path: string): Uint8Array {
  const length = out.length;
  let done = 0;
  while (done < length) {
    const n = readSync(fd, out, done, length - done, position + done);
    if (n === 0) throw new Error(`${path}: truncated font (wanted ${length} bytes at ${position})`);
    done += n;
  }
  return out;
}
