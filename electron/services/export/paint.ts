// The painter: turns one page of the engine's EditionLayout into a PDF content stream.
// It draws exactly the engine's glyphs (by glyph id, two-byte CIDs through Identity-H) at the
// engine's positions with its own operators — BT, Tf, Tm, TJ — and never lays text out or
// shapes (DESIGN.md, "The one idea"). Text and rules are 100 % K and overprint; a photo box
// prints its picture (gray or CMYK, images.ts) or a light grey K placeholder; nothing is RGB.
//
// Coordinates: the engine measures from the trim's top-left corner, y downward; the content
// stream works in the MediaBox with y upward. One `cm` moves the origin to the trim's
// bottom-left corner, and every y is flipped as `trimHeight - y`.
import type { AdBoxLayout, PageLayout } from '../../../shared/layout/edition';
import type { LaidLine, PhotoBox } from '../../../shared/layout/types';
import type { FontId } from '../../../shared/text/font';
import type { SetLine } from '../../../shared/text/lines';
import { addLineGlyphs, GlyphUsage } from './glyphs';
import { pictureOps, type PictureLookup, type PlateImage } from './images';
import { cropMarks, type MarksGeometry } from './marks';
import type { TrueTypeInfo } from './ttf';

/** Resource names every page uses. */
export const GS_OVERPRINT = 'GSop';
export const GS_KNOCKOUT = 'GSko';
export const CS_ALL = 'CSall';

export interface PageBoxes {
  media: [number, number, number, number];
  bleed: [number, number, number, number];
  trim: [number, number, number, number];
}

export interface PaintedPage {
  index: number;
  label: string;
  boxes: PageBoxes;
  /** The content stream, uncompressed (ASCII bytes). */
  ops: Uint8Array;
  /** Where the page recorded the glyphs it paints: PaintOptions.usage (shared with other pages) or its own. */
  glyphs: GlyphUsage;
  /** The fonts the page paints with, in a stable order (its /Font resources). */
  fonts: FontId[];
  /** Uses the Separation /All colour space (registration marks). */
  usesAll: boolean;
  /** Glyphs that are .notdef (missing in the font), by font. */
  notdef: number;
  /** The pictures the page draws, by ref (its /XObject resources). */
  images: PlateImage[];
}

/** Sets a label (photo placeholder, ad box) with the engine: its lines at `size` in `measure`, none when there is nothing to set. */
export type LabelSetter = (text: string, size: number, measure: number) => readonly SetLine[];

/** A label line placed on the page (trim coordinates, baseline y). */
export interface PlacedLabel {
  line: SetLine;
  x: number;
  y: number;
  /** On the last line placed of a label its box could not hold whole: the label. */
  cut?: string;
}

export interface PaintOptions {
  /** Metrics of every font the page uses: the widths of /W, which the TJ offsets are computed against. */
  fonts: ReadonlyMap<FontId, TrueTypeInfo>;
  /** Crop and registration marks outside the bleed; null for none (MediaBox = BleedBox). */
  marks: MarksGeometry | null;
  /** Labels of photo placeholders and ad boxes (pageLabels); none when omitted. */
  labels?: readonly PlacedLabel[];
  /**
   * Where to record the glyphs painted and their texts (for the ToUnicode maps): pages whose
   * files share one subset per font share one, so no page keeps tables of its own and none
   * are merged. A page records into its own when omitted.
   */
  usage?: GlyphUsage;
  /** The pictures of photo boxes (PhotoBox.asset, plateImages); a box without one gets the placeholder. */
  images?: PictureLookup;
}

/** The picture a photo box prints, or null: it prints a placeholder. */
function boxPicture(box: PhotoBox, images: PictureLookup | undefined): PlateImage | null {
  return box.asset && images ? images(box.asset) : null;
}

/** A PDF number: at most 3 decimals, no exponent, no "-0". */
export function num(x: number): string {
  const r = Math.round(x * 1000) / 1000;
  return r === 0 ? '0' : String(r);
}

const resourceNames = new Map<FontId, string>();

/** The resource name of a font: its id, which is already a valid PDF name. */
export function fontResource(id: FontId): string {
  let name = resourceNames.get(id);
  if (name === undefined) resourceNames.set(id, (name = 'F' + id.replace(/[^A-Za-z0-9_.-]/g, '_')));
  return name;
}

const HEX_DIGITS = new Uint8Array([48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 65, 66, 67, 68, 69, 70]);

/** Writes integer `v` in decimal into `buf` at `o` (room for it is the caller's); returns the end. */
function writeInt(buf: Uint8Array, o: number, v: number): number {
  if (v < 0) {
    buf[o++] = 45; // -
    v = -v;
  }
  let end = o + 1;
  for (let t = v; t >= 10; t = Math.floor(t / 10)) end++;
  for (let i = end; ; ) {
    buf[--i] = 48 + (v % 10);
    v = Math.floor(v / 10);
    if (v === 0) break;
  }
  return end;
}

/**
 * A content stream written as bytes: the text of a broadsheet page is 70,000 bytes of glyph
 * ids and numbers, and building it as strings (one per TJ, joined, then encoded for Flate)
 * cost twice the time and made a string per glyph run.
 */
export class ContentWriter {
  private buf = new Uint8Array(1 << 16);
  private n = 0;

  private room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.n + k));
    next.set(this.buf.subarray(0, this.n));
    this.buf = next;
  }

  /** ASCII text (operators, names: never beyond U+007F). */
  text(s: string): void {
    this.room(s.length);
    const buf = this.buf;
    let n = this.n;
    for (let i = 0; i < s.length; i++) buf[n++] = s.charCodeAt(i);
    this.n = n;
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.n++] = b;
  }

  /** An integer in decimal. */
  int(v: number): void {
    this.room(24);
    this.n = writeInt(this.buf, this.n, v);
  }

  /** A PDF number as num() writes it: at most 3 decimals, no exponent, no "-0". */
  num(x: number): void {
    let r = Math.round(x * 1000);
    if (r === 0) return this.byte(48);
    if (r < 0) {
      this.byte(45);
      r = -r;
    }
    const whole = Math.floor(r / 1000);
    let frac = r - whole * 1000;
    this.int(whole);
    if (frac === 0) return;
    this.room(4);
    const buf = this.buf;
    buf[this.n++] = 46; // .
    for (let unit = 100; frac > 0; unit /= 10) {
      const d = Math.floor(frac / unit);
      buf[this.n++] = 48 + d;
      frac -= d * unit;
    }
  }

  /**
   * The glyphs of a run inside TJ's brackets: each id as four hex digits, and where the pen
   * (thousandths of the size, advancing by the font's advance plus `spacing`) is not at the
   * glyph's x, a `>n<` moving it. Whole units: at most 0.0005 em off, never accumulating (the
   * pen follows what was written). One loop writing straight into the buffer: it runs for
   * every glyph of an edition, and in a cold process a call per glyph costs (a pen move,
   * which only some glyphs have, is written by writeInt). Returns the
   * number of .notdef glyphs.
   */
  tjGlyphs(ids: readonly number[], xs: readonly number[], scale: number, adv: Uint16Array, k: number, spacing: number): number {
    const n = ids.length;
    this.room(17 * n + 16); // 4 hex digits, and at most '>', a sign, 10 digits and '<'
    const buf = this.buf;
    let o = this.n;
    let notdef = 0;
    let pen = 0;
    const x0 = xs[0];
    for (let i = 0; i < n; i++) {
      const gid = ids[i];
      if (gid === 0) notdef++;
      if (i > 0) {
        const adj = Math.round(pen - (xs[i] - x0) * scale);
        if (adj !== 0) {
          pen -= adj;
          buf[o++] = 62; // >
          o = writeInt(buf, o, adj);
          buf[o++] = 60; // <
        }
      }
      buf[o] = HEX_DIGITS[(gid >> 12) & 15];
      buf[o + 1] = HEX_DIGITS[(gid >> 8) & 15];
      buf[o + 2] = HEX_DIGITS[(gid >> 4) & 15];
      buf[o + 3] = HEX_DIGITS[gid & 15];
      o += 4;
      pen += (gid < adv.length ? adv[gid] * k : 0) + spacing;
    }
    this.n = o;
    return notdef;
  }

  /** The bytes written (a copy of exactly that length). */
  bytes(): Uint8Array {
    return this.buf.slice(0, this.n);
  }
}

/** Width of a glyph in thousandths of an em (as written in /W). */
export function glyphWidth(info: TrueTypeInfo, gid: number): number {
  const adv = gid < info.advances.length ? info.advances[gid] : 0;
  return info.unitsPerEm === 1000 ? adv : Math.round((adv * 1000 * 1000) / info.unitsPerEm) / 1000;
}

export function pageBoxes(page: Pick<PageLayout, 'width' | 'height' | 'bleed'>, marks: MarksGeometry | null): PageBoxes {
  const m = marks ? marks.margin : page.bleed;
  const r = (a: number, b: number, c: number, d: number): [number, number, number, number] => [Number(num(a)), Number(num(b)), Number(num(c)), Number(num(d))];
  return {
    media: r(0, 0, page.width + 2 * m, page.height + 2 * m),
    bleed: r(m - page.bleed, m - page.bleed, m + page.width + page.bleed, m + page.height + page.bleed),
    trim: r(m, m, m + page.width, m + page.height),
  };
}

class TextWriter {
  private font = '';
  private size = -1;
  /** The current character spacing as written (0 at BT: Tc is reset by the q/Q around the text). */
  private tc = 0;
  notdef = 0;
  /** The fonts of the lines' runs. */
  readonly used = new Set<FontId>();

  constructor(
    private readonly out: ContentWriter,
    private readonly fonts: ReadonlyMap<FontId, TrueTypeInfo>,
    private readonly glyphs: GlyphUsage,
    private readonly height: number,
  ) {}

  line(line: LaidLine | SetLine, x: number, y: number): void {
    addLineGlyphs(this.glyphs, line);
    const out = this.out;
    const runs = line.runs;
    // A Chinese head line narrowed to fit (长体) is drawn with the text state's horizontal
    // scaling, Tz (percent): PDF scales every glyph's displacement, TJ's numbers and Tc by it
    // (PDF 32000-1 9.4.4), so its page positions (the engine's xs, already narrowed) are written
    // as thousandths of the narrowed size, and each run's origin is at its x as before. Set back
    // to 100 after the line: every other line has none.
    const h = line.hscale ?? 1;
    if (h !== 1) {
      out.num(h * 100);
      out.text(' Tz\n');
    }
    for (let r = 0; r < runs.length; r++) {
      const run = runs[r];
      this.used.add(run.font);
      const n = run.ids.length;
      if (n === 0) continue;
      const info = this.fonts.get(run.font);
      if (!info) throw new Error(`font ${run.font} was not loaded for export`);
      const name = fontResource(run.font);
      if (name !== this.font || run.size !== this.size) {
        out.text(`/${name} `);
        out.num(run.size);
        out.text(' Tf\n');
        this.font = name;
        this.size = run.size;
      }
      const size = run.size;
      const ids = run.ids;
      const xs = run.xs;
      const adv = info.advances;
      const k = 1000 / info.unitsPerEm;
      const scale = 1000 / (size * h);
      const x0 = xs[0];
      // A justified line spaces its glyphs evenly: that spacing goes into Tc (added to every
      // glyph's advance), and TJ carries only what differs from it (punctuation squeezed,
      // Han–Latin gaps). Tc is rounded as written, and the pen follows what was written.
      const tc = Math.round(((n > 2 ? commonSpacing(ids, xs, adv, k, scale) : 0) * size) / 1000 * 1000) / 1000;
      if (tc !== this.tc) {
        out.num(tc);
        out.text(' Tc\n');
        this.tc = tc;
      }
      const spacing = (tc * 1000) / size;
      out.text('1 0 0 1 ');
      out.num(x + x0);
      out.byte(32);
      out.num(this.height - y + run.dy);
      out.text(' Tm\n[<');
      // TJ numbers move the next glyph left by n/1000 of the size.
      this.notdef += out.tjGlyphs(ids, xs, scale, adv, k, spacing);
      out.text('>]TJ\n');
    }
    if (h !== 1) out.text('100 Tz\n');
  }
}

/**
 * The spacing (thousandths of an em) most gaps of a run have beyond the glyph advances, when
 * more than half of them share it; 0 otherwise.
 */
function commonSpacing(ids: readonly number[], xs: readonly number[], adv: Uint16Array, k: number, scale: number): number {
  const n = ids.length;
  if (gapScratch.length < n) gapScratch = new Int32Array(2 * n);
  const gaps = gapScratch;
  // Boyer–Moore majority vote over the rounded gaps, then a count to confirm it.
  let candidate = 0;
  let votes = 0;
  for (let i = 0; i + 1 < n; i++) {
    const g = Math.round((xs[i + 1] - xs[i]) * scale - (ids[i] < adv.length ? adv[ids[i]] * k : 0));
    gaps[i] = g;
    if (votes === 0) {
      candidate = g;
      votes = 1;
    } else votes += g === candidate ? 1 : -1;
  }
  let count = 0;
  for (let i = 0; i + 1 < n; i++) if (gaps[i] === candidate) count++;
  return count * 2 > n - 1 ? candidate : 0;
}

let gapScratch = new Int32Array(256);

function rect(x: number, y: number, w: number, h: number, height: number): string {
  return `${num(x)} ${num(height - y - h)} ${num(w)} ${num(h)} re`;
}

/**
 * Paints one page. `ops` draws, in order: photo placeholders and ad boxes, rules, then all
 * text in reading order (folio, then frame by frame: deck, jump-in line, columns, jump-out
 * line; then captions and labels), then marks outside the bleed.
 */
export function paintPage(page: PageLayout, opts: PaintOptions): PaintedPage {
  const boxes = pageBoxes(page, opts.marks);
  const H = page.height;
  const w = new ContentWriter();
  const glyphs = opts.usage ?? new GlyphUsage();
  const m = boxes.trim[0];
  w.text(`q\n1 0 0 1 ${num(m)} ${num(m)} cm\n`);

  // Pictures, knocking out what is below them; placeholders for the boxes without one: a
  // light grey box (12 % K, knocking out), a 50 % K cross, a 100 % K outline.
  const inBoxes: PhotoBox[] = page.frames.flatMap((f) => f.photos);
  const pictures = new Map<string, PlateImage>();
  const photos: PhotoBox[] = [];
  for (const p of inBoxes) {
    const asset = boxPicture(p, opts.images);
    if (!asset) {
      photos.push(p);
      continue;
    }
    if (pictures.size === 0) w.text(`q\n/${GS_KNOCKOUT} gs\n`);
    pictures.set(asset.ref, asset);
    w.text(pictureOps(p, asset, H, num));
  }
  if (pictures.size > 0) w.text('Q\n');
  if (photos.length > 0) {
    w.text(`q\n/${GS_KNOCKOUT} gs\n0 0 0 0.12 k\n`);
    for (const p of photos) w.text(rect(p.x, p.y, p.width, p.height, H) + ' f\n');
    w.text(`0 0 0 0.5 K\n0.25 w\n`);
    for (const p of photos) {
      const x1 = num(p.x), x2 = num(p.x + p.width), y1 = num(H - p.y), y2 = num(H - p.y - p.height);
      w.text(`${x1} ${y1} m ${x2} ${y2} l ${x1} ${y2} m ${x2} ${y1} l S\n`);
    }
    w.text('Q\n');
  }
  // Rules and outlines: 100 % K, overprinting.
  const rules = page.rules;
  if (rules.length > 0 || photos.length > 0 || page.ads.length > 0) {
    w.text(`q\n/${GS_OVERPRINT} gs\n0 0 0 1 K\n0 J 0 j\n`);
    let width = -1;
    const setWidth = (lw: number) => {
      if (lw !== width) w.text(`${num(lw)} w\n`);
      width = lw;
    };
    for (const r of rules) {
      setWidth(r.width);
      w.text(`${num(r.x1)} ${num(H - r.y1)} m ${num(r.x2)} ${num(H - r.y2)} l S\n`);
    }
    for (const p of photos) {
      setWidth(0.5);
      w.text(rect(p.x, p.y, p.width, p.height, H) + ' S\n');
    }
    for (const a of page.ads) {
      setWidth(0.75);
      w.text(rect(a.x, a.y, a.width, a.height, H) + ' S\n');
    }
    w.text('Q\n');
  }

  // Text: 100 % K, overprinting.
  const text = new TextWriter(w, opts.fonts, glyphs, H);
  w.text(`q\n/${GS_OVERPRINT} gs\n0 0 0 1 k\nBT\n`);
  const draw = (l: LaidLine | null) => {
    if (l && l.runs.length > 0) text.line(l, l.x, l.y);
  };
  for (const l of page.folio) draw(l);
  for (const f of page.frames) {
    for (const l of f.deck) draw(l);
    draw(f.jumpIn);
    for (const c of f.columns) for (const l of c.lines) draw(l);
    draw(f.jumpOut);
  }
  for (const l of opts.labels ?? []) text.line(l.line, l.x, l.y);
  w.text('ET\nQ\n');

  let usesAll = false;
  if (opts.marks) {
    w.text(cropMarks(page.width, page.height, opts.marks, CS_ALL));
    usesAll = true;
  }
  w.text('Q\n');
  const images = [...pictures.values()].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  return { index: page.index, label: page.label, boxes, ops: w.bytes(), glyphs, fonts: [...text.used].sort(), usesAll, notdef: text.notdef, images };
}

/** The labels of a page's photo placeholders (`photoLabel`, e.g. 图片) and ad boxes, set by the engine. */
export function pageLabels(page: PageLayout, label: LabelSetter, photoLabel: string, images?: PictureLookup): PlacedLabel[] {
  const out: PlacedLabel[] = [];
  for (const f of page.frames) for (const p of f.photos) if (!boxPicture(p, images)) labelBox(out, label, photoLabel, p, 9);
  for (const a of page.ads) labelBox(out, label, a.label, a, 12);
  return out;
}

/** Line spacing of a label of several lines, in ems. */
const LABEL_LEADING = 1.2;

/**
 * A label centred in a box, set by the engine: on one line, shrunk to fit (down to 5 pt);
 * a label too long for that on as many lines as it needs, as large as the box holds them.
 * Only what the box cannot hold at 5 pt is left out, and the last line placed says so
 * (`cut`). (Only the first line was taken: an ad's label longer than one line at 5 pt was
 * printed cut on the plate, and nothing said so.)
 */
function labelBox(out: PlacedLabel[], label: LabelSetter, value: string, box: PhotoBox | AdBoxLayout, size: number): void {
  if (!value.trim()) return;
  const measure = Math.max(box.width - 12, 20);
  const first = Math.min(size, Math.max(4, box.height * 0.4));
  let s = first;
  let lines = label(value, s, measure);
  while (lines.length > 1 && s > 5) {
    s = Math.max(5, s * 0.8);
    lines = label(value, s, measure);
  }
  const room = box.height - 4;
  if (lines.length > 1) {
    s = first;
    lines = label(value, s, measure);
    while (lines.length * s * LABEL_LEADING > room && s > 5) {
      s = Math.max(5, s * 0.8);
      lines = label(value, s, measure);
    }
  }
  if (lines.length === 0) return;
  const lead = s * LABEL_LEADING;
  const n = lines.length > 1 ? Math.max(1, Math.min(lines.length, Math.floor(room / lead))) : 1;
  const y0 = box.y + box.height / 2 + s * 0.35 - ((n - 1) * lead) / 2;
  for (let k = 0; k < n; k++) {
    const line = lines[k];
    out.push({ line, x: box.x + (box.width - measure) / 2 + line.x, y: y0 + k * lead, ...(k === n - 1 && n < lines.length ? { cut: value } : {}) });
  }
}

/** A set of glyph ids of one font: a 65,536-slot bitmap for membership, a list for the members. */
export class GlyphSet {
  private readonly bits = new Uint8Array(65536);
  private readonly list: number[] = [];

  /** Adds the ids of `ids` (one loop, no call per glyph: it runs for every glyph of an edition). */
  addAll(ids: readonly number[]): void {
    const bits = this.bits;
    for (let i = 0; i < ids.length; i++) {
      const g = ids[i];
      if (bits[g] === 0) {
        bits[g] = 1;
        this.list.push(g);
      }
    }
  }

  /** The ids, ascending. */
  ids(): number[] {
    return this.list.slice().sort((a, b) => a - b);
  }
}

/** Every glyph id a page will paint, per font (for subsetting before painting). */
export function pageGlyphIds(page: PageLayout, labels: readonly PlacedLabel[], into: Map<FontId, GlyphSet> = new Map()): Map<FontId, GlyphSet> {
  const add = (l: { runs: readonly { font: FontId; ids: readonly number[] }[] } | null) => {
    if (!l) return;
    const runs = l.runs;
    for (let r = 0; r < runs.length; r++) {
      const run = runs[r];
      let set = into.get(run.font);
      if (!set) into.set(run.font, (set = new GlyphSet()));
      set.addAll(run.ids);
    }
  };
  for (const l of page.folio) add(l);
  for (const f of page.frames) {
    for (const l of f.deck) add(l);
    add(f.jumpIn);
    add(f.jumpOut);
    for (const c of f.columns) for (const l of c.lines) add(l);
  }
  for (const l of labels) add(l.line);
  return into;
}
