// The painter: turns one page of the engine's EditionLayout into a PDF content stream.
// It draws exactly the engine's glyphs (by glyph id, two-byte CIDs through Identity-H) at the
// engine's positions with its own operators — BT, Tf, Tm, TJ — and never lays text out or
// shapes (DESIGN.md, "The one idea"). Text and rules are 100 % K and overprint; photo
// placeholders are light grey K; nothing is RGB.
//
// Coordinates: the engine measures from the trim's top-left corner, y downward; the content
// stream works in the MediaBox with y upward. One `cm` moves the origin to the trim's
// bottom-left corner, and every y is flipped as `trimHeight - y`.
import type { AdBoxLayout, PageLayout } from '../../../shared/layout/edition';
import type { LaidLine, PhotoBox } from '../../../shared/layout/types';
import type { FontId } from '../../../shared/text/font';
import type { SetLine } from '../../../shared/text/lines';
import { addLineGlyphs, GlyphUsage } from './glyphs';
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
  /** The content stream, uncompressed. */
  ops: string;
  glyphs: GlyphUsage;
  /** Uses the Separation /All colour space (registration marks). */
  usesAll: boolean;
  /** Glyphs that are .notdef (missing in the font), by font. */
  notdef: number;
}

/** Sets a one-line label (photo placeholder, ad box) with the engine; null when there is nothing to set. */
export type LabelSetter = (text: string, size: number, measure: number) => SetLine | null;

/** A label line placed on the page (trim coordinates, baseline y). */
export interface PlacedLabel {
  line: SetLine;
  x: number;
  y: number;
}

export interface PaintOptions {
  /** Metrics of every font the page uses: the widths of /W, which the TJ offsets are computed against. */
  fonts: ReadonlyMap<FontId, TrueTypeInfo>;
  /** Crop and registration marks outside the bleed; null for none (MediaBox = BleedBox). */
  marks: MarksGeometry | null;
  /** Labels of photo placeholders and ad boxes (pageLabels); none when omitted. */
  labels?: readonly PlacedLabel[];
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

const HEX: string[] = [];
function hex4(g: number): string {
  let h = HEX[g];
  if (h === undefined) HEX[g] = h = g.toString(16).toUpperCase().padStart(4, '0');
  return h;
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
  private readonly out: string[];
  private font = '';
  private size = -1;
  /** The current character spacing as written ('0' at BT: Tc is reset by the q/Q around the text). */
  private tc = '0';
  notdef = 0;

  constructor(
    out: string[],
    private readonly fonts: ReadonlyMap<FontId, TrueTypeInfo>,
    private readonly glyphs: GlyphUsage,
    private readonly height: number,
  ) {
    this.out = out;
  }

  line(line: LaidLine | SetLine, x: number, y: number): void {
    addLineGlyphs(this.glyphs, line);
    const runs = line.runs;
    for (let r = 0; r < runs.length; r++) {
      const run = runs[r];
      const n = run.ids.length;
      if (n === 0) continue;
      const info = this.fonts.get(run.font);
      if (!info) throw new Error(`font ${run.font} was not loaded for export`);
      const name = fontResource(run.font);
      if (name !== this.font || run.size !== this.size) {
        this.out.push(`/${name} ${num(run.size)} Tf\n`);
        this.font = name;
        this.size = run.size;
      }
      const size = run.size;
      const ids = run.ids;
      const xs = run.xs;
      const adv = info.advances;
      const k = 1000 / info.unitsPerEm;
      const scale = 1000 / size;
      const x0 = xs[0];
      // A justified line spaces its glyphs evenly: that spacing goes into Tc (added to every
      // glyph's advance), and TJ carries only what differs from it (punctuation squeezed,
      // Han–Latin gaps).
      const tc = n > 2 ? commonSpacing(ids, xs, adv, k, scale) : 0;
      const tcText = num((tc * size) / 1000);
      if (tcText !== this.tc) {
        this.out.push(`${tcText} Tc\n`);
        this.tc = tcText;
      }
      const spacing = (Number(tcText) * 1000) / size;
      this.out.push(`1 0 0 1 ${num(x + x0)} ${num(this.height - y + run.dy)} Tm\n[<`);
      // Pen position in thousandths of the size from the run's start; TJ numbers move the
      // next glyph left by n/1000 of the size. Whole units: at most 0.0005 em off, never
      // accumulating (the pen follows what was written).
      let pen = 0;
      let s = '';
      for (let i = 0; i < n; i++) {
        const gid = ids[i];
        if (gid === 0) this.notdef++;
        if (i > 0) {
          const adj = Math.round(pen - (xs[i] - x0) * scale);
          if (adj !== 0) {
            s += '>' + adj + '<';
            pen -= adj;
          }
        }
        s += hex4(gid);
        pen += (gid < adv.length ? adv[gid] * k : 0) + spacing;
      }
      this.out.push(s, '>]TJ\n');
    }
  }
}

/**
 * The spacing (thousandths of an em) most gaps of a run have beyond the glyph advances, when
 * more than half of them share it; 0 otherwise.
 */
function commonSpacing(ids: readonly number[], xs: readonly number[], adv: Uint16Array, k: number, scale: number): number {
  const n = ids.length;
  let best = 0;
  let bestCount = 0;
  // Boyer–Moore majority vote over the rounded gaps, then a count to confirm it.
  let candidate = 0;
  let votes = 0;
  for (let i = 0; i + 1 < n; i++) {
    const g = Math.round((xs[i + 1] - xs[i]) * scale - (ids[i] < adv.length ? adv[ids[i]] * k : 0));
    if (votes === 0) {
      candidate = g;
      votes = 1;
    } else votes += g === candidate ? 1 : -1;
  }
  for (let i = 0; i + 1 < n; i++) {
    const g = Math.round((xs[i + 1] - xs[i]) * scale - (ids[i] < adv.length ? adv[ids[i]] * k : 0));
    if (g === candidate) bestCount++;
  }
  if (bestCount * 2 > n - 1) best = candidate;
  return best;
}

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
  const out: string[] = [];
  const glyphs = new GlyphUsage();
  const m = boxes.trim[0];
  out.push(`q\n1 0 0 1 ${num(m)} ${num(m)} cm\n`);

  // Placeholders: a light grey box (12 % K, knocking out), a 50 % K cross, a 100 % K outline.
  const photos: PhotoBox[] = page.frames.flatMap((f) => f.photos);
  if (photos.length > 0) {
    out.push(`q\n/${GS_KNOCKOUT} gs\n0 0 0 0.12 k\n`);
    for (const p of photos) out.push(rect(p.x, p.y, p.width, p.height, H), ' f\n');
    out.push(`0 0 0 0.5 K\n0.25 w\n`);
    for (const p of photos) {
      const x1 = num(p.x), x2 = num(p.x + p.width), y1 = num(H - p.y), y2 = num(H - p.y - p.height);
      out.push(`${x1} ${y1} m ${x2} ${y2} l ${x1} ${y2} m ${x2} ${y1} l S\n`);
    }
    out.push('Q\n');
  }
  // Rules and outlines: 100 % K, overprinting.
  const rules = page.rules;
  if (rules.length > 0 || photos.length > 0 || page.ads.length > 0) {
    out.push(`q\n/${GS_OVERPRINT} gs\n0 0 0 1 K\n0 J 0 j\n`);
    let width = -1;
    const setWidth = (w: number) => {
      if (w !== width) out.push(`${num(w)} w\n`);
      width = w;
    };
    for (const r of rules) {
      setWidth(r.width);
      out.push(`${num(r.x1)} ${num(H - r.y1)} m ${num(r.x2)} ${num(H - r.y2)} l S\n`);
    }
    for (const p of photos) {
      setWidth(0.5);
      out.push(rect(p.x, p.y, p.width, p.height, H), ' S\n');
    }
    for (const a of page.ads) {
      setWidth(0.75);
      out.push(rect(a.x, a.y, a.width, a.height, H), ' S\n');
    }
    out.push('Q\n');
  }

  // Text: 100 % K, overprinting.
  const text = new TextWriter(out, opts.fonts, glyphs, H);
  out.push(`q\n/${GS_OVERPRINT} gs\n0 0 0 1 k\nBT\n`);
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
  out.push('ET\nQ\n');

  let usesAll = false;
  if (opts.marks) {
    out.push(cropMarks(page.width, page.height, opts.marks, CS_ALL));
    usesAll = true;
  }
  out.push('Q\n');
  return { index: page.index, label: page.label, boxes, ops: out.join(''), glyphs, usesAll, notdef: text.notdef };
}

/** The labels of a page's photo placeholders (`photoLabel`, e.g. 图片) and ad boxes, set by the engine. */
export function pageLabels(page: PageLayout, label: LabelSetter, photoLabel: string): PlacedLabel[] {
  const out: PlacedLabel[] = [];
  for (const f of page.frames) for (const p of f.photos) labelBox(out, label, photoLabel, p, 9);
  for (const a of page.ads) labelBox(out, label, a.label, a, 12);
  return out;
}

/** A label centred in a box, set by the engine in one line (shrunk to fit when long). */
function labelBox(out: PlacedLabel[], label: LabelSetter, value: string, box: PhotoBox | AdBoxLayout, size: number): void {
  if (!value.trim()) return;
  const measure = Math.max(box.width - 12, 20);
  let s = Math.min(size, Math.max(4, box.height * 0.4));
  let line = label(value, s, measure);
  // Shrink until it fits (the engine breaks long labels; we only take one line).
  while (line && line.end < value.length && s > 5) {
    s = Math.max(5, s * 0.8);
    line = label(value, s, measure);
  }
  if (!line) return;
  out.push({ line, x: box.x + (box.width - measure) / 2 + line.x, y: box.y + box.height / 2 + s * 0.35 });
}

/** Every glyph id a page will paint, per font (for subsetting before painting). */
export function pageGlyphIds(page: PageLayout, labels: readonly PlacedLabel[], into: Map<FontId, Uint8Array> = new Map()): Map<FontId, Uint8Array> {
  const add = (l: { runs: readonly { font: FontId; ids: readonly number[] }[] } | null) => {
    if (!l) return;
    for (const r of l.runs) {
      let set = into.get(r.font);
      if (!set) into.set(r.font, (set = new Uint8Array(65536)));
      for (const g of r.ids) set[g] = 1;
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

/** The ids set in a pageGlyphIds bitmap, ascending. */
export function idList(set: Uint8Array): number[] {
  const out: number[] = [];
  for (let g = 0; g < set.length; g++) if (set[g] === 1) out.push(g);
  return out;
}
