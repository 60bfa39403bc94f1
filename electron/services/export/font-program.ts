// One font as the PDF embeds it: the hb-subset TrueType program (glyph ids kept), the
// subset tag derived from the glyph set, /W widths and the ToUnicode CMap. Built once per
// export and shared by every file that uses the font (the Flate-compressed bytes too).
import { createHash } from 'node:crypto';
import { deflate as deflateCb, deflateSync } from 'node:zlib';
import type { FontId } from '../../../shared/text/font';
import type { FontFile } from '../fonts/font-file';
import type { ExportFont } from './fonts';
import type { GlyphUse } from './glyphs';
import { glyphWidth, num } from './paint';
import { subsetTrueType } from './subset';
import type { TrueTypeInfo } from './ttf';

export interface FontProgram {
  id: FontId;
  info: TrueTypeInfo;
  /** ABCDEF+PostScriptName. */
  baseFont: string;
  /** Glyph ids used (ascending). */
  gids: number[];
  /** The subset program, Flate-compressed, and its length before compression (/Length1). */
  program: Uint8Array;
  programLength: number;
  /** The ToUnicode CMap, Flate-compressed. */
  toUnicode: Uint8Array;
  /** The /W array's content, e.g. "3 [250 333] 17 [500]". */
  widths: string;
  /** Glyphs without a text (nothing to copy for them). */
  unmapped: number;
  conflicts: number;
}

/**
 * zlib level 2 (zlib's fast strategy): on the broadsheet bench's streams it does the Flate
 * work of level 6 in 57 % of the time (16 against 28 ms of CPU) for output 5 % (font
 * programs) to 10 % (content streams) larger — a few hundred KB on an 8-page edition, which
 * no printing plant notices; the time is on the critical path of every export.
 */
export const DEFLATE_LEVEL = 2;

export function deflate(data: Uint8Array | string): Uint8Array {
  return deflateSync(typeof data === 'string' ? Buffer.from(data, 'latin1') : data, { level: DEFLATE_LEVEL });
}

/**
 * Flate in libuv's thread pool: the main thread paints and assembles meanwhile. The output
 * buffer holds the whole result (deflate's worst case is the input plus 5 bytes per 16 KB
 * block): with zlib's default 16 KB chunks every chunk goes back to the main thread for the
 * next one, so the compression stalled for as long as the main thread was busy painting.
 * The bytes are the same whatever the chunk size.
 */
export function deflateAsync(data: Uint8Array | string): Promise<Uint8Array> {
  const input = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  // Small inputs (ToUnicode maps, small fonts) compress here in less time than a trip
  // through the thread pool and back through the event loop takes.
  if (input.byteLength < SYNC_BELOW) return Promise.resolve(deflate(input));
  const chunkSize = Math.max(64 * 1024, input.byteLength + (input.byteLength >> 10) + 64);
  return new Promise((resolve, reject) => deflateCb(input, { level: DEFLATE_LEVEL, chunkSize }, (err, out) => (err ? reject(err) : resolve(out))));
}

const SYNC_BELOW = 32 * 1024;

/** Six capital letters from the font and its glyph set: the same subset always gets the same tag. */
export function subsetTag(id: FontId, gids: readonly number[]): string {
  const h = createHash('sha256');
  h.update(id);
  h.update(new Uint8Array(new Uint32Array(gids).buffer));
  // The digest as a binary (Latin-1) string, one character per byte, not a Buffer: the
  // first Buffer Node's C++ makes in a process (a digest()) throws away V8's optimised code
  // of every function that reads typed arrays (--trace-deopt: 16 of the engine's and the
  // painter's, in the middle of an export).
  const d = h.digest('binary');
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (d.charCodeAt(i) % 26));
  return tag;
}

function utf16Hex(s: string): string {
  let h = '';
  for (let i = 0; i < s.length; i++) h += s.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return h;
}

/** A ToUnicode CMap (Adobe-Identity-UCS) for two-byte CIDs. */
export function toUnicodeCMap(gids: readonly number[], text: (gid: number) => string | undefined): string {
  const entries: string[] = [];
  for (const g of gids) {
    const t = text(g);
    if (t) entries.push(`<${g.toString(16).toUpperCase().padStart(4, '0')}> <${utf16Hex(t)}>`);
  }
  const out: string[] = [
    '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n',
    '/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n',
    '1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n',
  ];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    out.push(`${chunk.length} beginbfchar\n${chunk.join('\n')}\nendbfchar\n`);
  }
  out.push('endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n');
  return out.join('');
}

/** /W entries for glyphs whose width differs from /DW 1000, grouped in runs of consecutive ids. */
export function widthArray(info: TrueTypeInfo, gids: readonly number[]): string {
  const parts: string[] = [];
  let start = -1;
  let prev = -2;
  let run: string[] = [];
  const flush = () => {
    if (run.length) parts.push(`${start} [${run.join(' ')}]`);
    run = [];
  };
  for (const g of gids) {
    const w = glyphWidth(info, g);
    if (w === 1000) continue;
    if (g !== prev + 1) {
      flush();
      start = g;
    }
    run.push(num(w));
    prev = g;
  }
  flush();
  return parts.join(' ');
}

/** A font subset whose program is being made and compressed; the ToUnicode CMap comes later. */
export interface SubsetFont {
  font: ExportFont;
  gids: number[];
  baseFont: string;
  /** The Flate-compressed program and its length before compression. */
  program: Promise<{ data: Uint8Array; length: number }>;
}

/** Makes hb-subset programs elsewhere (the engine worker): font, glyph ids → TrueType bytes. */
export type Subsetter = (font: ExportFont, gids: number[]) => Promise<Uint8Array>;

/** hb-subset of `file` for `gids`, given the font with only those glyphs' outlines (FontFile.withGlyphs), built in hb-subset's memory. */
export function subsetFontFile(id: string, file: FontFile, gids: number[]): Uint8Array {
  return subsetTrueType(id, (into) => file.withGlyphs(gids, into), gids);
}

/** hb-subset on this thread. */
export function subsetHere(font: ExportFont, gids: number[]): Uint8Array {
  return subsetFontFile(font.id, font.file, gids);
}

/**
 * Subsets the font to `gids` (ascending) — here, synchronously, or by `subsetter` — and
 * compresses the program in the thread pool.
 */
export function subsetFont(font: ExportFont, gids: number[], subsetter?: Subsetter): SubsetFont {
  const name = font.info.postScriptName ?? font.id.replace(/[^A-Za-z0-9-]/g, '');
  return { font, gids, baseFont: `${subsetTag(font.id, gids)}+${name}`, program: subsetter ? subsetter(font, gids).then(compressProgram) : compressProgram(subsetHere(font, gids)) };
}

/**
 * Starts Flate of a font program now. (Through a promise's then(), made here, the
 * compression would start only when the caller's synchronous work — painting every page —
 * was over: the thread pool sat idle while the main thread painted.)
 */
function compressProgram(bytes: Uint8Array): Promise<{ data: Uint8Array; length: number }> {
  return deflateAsync(bytes).then((data) => ({ data, length: bytes.byteLength }));
}

/** Completes a subset with the texts of its glyphs as painted (`use` may hold fewer glyphs). */
export async function finishFontProgram(sub: SubsetFont, use: GlyphUse): Promise<FontProgram> {
  const { font, gids } = sub;
  const inSubset = new Set(gids);
  for (const g of use.gids()) if (!inSubset.has(g)) throw new Error(`font ${font.id}: glyph ${g} was painted but is not in the subset`);
  let unmapped = 0;
  for (const g of gids) if (!use.text(g)) unmapped++;
  const [program, toUnicode] = await Promise.all([sub.program, deflateAsync(toUnicodeCMap(gids, (g) => use.text(g)))]);
  return {
    id: font.id,
    info: font.info,
    baseFont: sub.baseFont,
    gids,
    program: program.data,
    programLength: program.length,
    toUnicode,
    widths: widthArray(font.info, gids),
    unmapped,
    conflicts: use.conflicts,
  };
}

/** Subset, compress and map one font for the glyphs `use` holds. */
export function buildFontProgram(font: ExportFont, use: GlyphUse): Promise<FontProgram> {
  return finishFontProgram(subsetFont(font, use.gids()), use);
}
