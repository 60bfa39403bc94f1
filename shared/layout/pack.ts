// Article layouts as flat typed arrays, for handing them from one thread to another.
//
// postMessage's structured clone writes every object with its property names and every
// number of every glyph array one by one: the 16 articles of half a broadsheet (2,600 lines,
// 3,400 glyph runs, 28,000 glyphs) took 15–35 ms to serialise on the engine worker and
// 25–80 ms to read back on the main thread — more than laying them out. Packed, the lines
// and runs are rows of numbers in Float64Arrays, the glyphs three typed arrays, the texts one
// array of strings, and the few remaining objects (frames, photos, warnings) a small
// skeleton in which each line is its row number. The arrays are transferred, not copied.
//
// unpackArticleLayouts builds the lines with the same factories as the engine (laidLine,
// glyphRun), so the objects have the engine's hidden classes and field representations.
import type { FontId } from '../text/font';
import { glyphRun, type GlyphRun, type SetLine } from '../text/lines';
import { laidLine } from './article';
import type { ArticleLayout, ColumnLayout, FrameLayout, LaidLine, LineRole } from './types';

/** A line's row in `lines`; -1 for none. */
type LineRef = number;

interface PackedFrame extends Omit<FrameLayout, 'deck' | 'columns' | 'jumpIn' | 'jumpOut'> {
  deck: LineRef[];
  columns: (Omit<ColumnLayout, 'lines'> & { lines: LineRef[] })[];
  jumpIn: LineRef;
  jumpOut: LineRef;
}

interface PackedArticle extends Omit<ArticleLayout, 'frames'> {
  frames: PackedFrame[];
}

export interface PackedLayouts {
  /** The articles' keys (job numbers) and layouts, lines replaced by their rows. */
  articles: [number, PackedArticle][];
  /** LINE numbers per line: see the L_ offsets. */
  lines: Float64Array;
  /** RUN numbers per run: font (index into strings), size, dy, glyph count. */
  runs: Float64Array;
  ids: Uint16Array;
  xs: Float64Array;
  clusters: Int32Array;
  /** Line texts, roles and font ids, referred to by index. */
  strings: string[];
}

const LINE = 15;
const L_ROLE = 0;
const L_TEXT = 1;
const L_X = 2;
const L_Y = 3;
const L_WIDTH = 4;
const L_MEASURE = 5;
const L_FLAGS = 6;
const L_BLOCK = 7;
const L_PARAGRAPH = 8;
const L_START = 9;
const L_END = 10;
const L_RUNS = 11;
const L_WORD_SPACE = 12;
const L_LETTER_SPACE = 13;
/** The line's hscale (长体), 0 when it has none. */
const L_HSCALE = 14;
const RUN = 4;
const F_JUSTIFIED = 1;
const F_LAST = 2;
const F_HYPHENATED = 4;

/** The buffers of `p` (to pass as postMessage's transfer list). */
export function packedBuffers(p: PackedLayouts): ArrayBuffer[] {
  return [p.lines, p.runs, p.ids, p.xs, p.clusters].map((a) => a.buffer as ArrayBuffer);
}

export function packArticleLayouts(articles: readonly [number, ArticleLayout][]): PackedLayouts {
  // Sizes first, so that every array is allocated once.
  let lineCount = 0;
  let runCount = 0;
  let glyphCount = 0;
  const count = (l: LaidLine | null) => {
    if (!l) return;
    lineCount++;
    runCount += l.runs.length;
    for (const r of l.runs) glyphCount += r.ids.length;
  };
  for (const [, a] of articles) for (const f of a.frames) eachLine(f, count);

  const lines = new Float64Array(lineCount * LINE);
  const runs = new Float64Array(runCount * RUN);
  const ids = new Uint16Array(glyphCount);
  const xs = new Float64Array(glyphCount);
  const clusters = new Int32Array(glyphCount);
  const strings: string[] = [];
  const interned = new Map<string, number>();
  const intern = (s: string) => {
    let i = interned.get(s);
    if (i === undefined) {
      interned.set(s, (i = strings.length));
      strings.push(s);
    }
    return i;
  };
  let li = 0;
  let ri = 0;
  let gi = 0;
  const put = (l: LaidLine | null): LineRef => {
    if (!l) return -1;
    const row = li / LINE;
    lines[li + L_ROLE] = intern(l.role);
    lines[li + L_TEXT] = strings.push(l.text) - 1;
    lines[li + L_X] = l.x;
    lines[li + L_Y] = l.y;
    lines[li + L_WIDTH] = l.width;
    lines[li + L_MEASURE] = l.measure;
    lines[li + L_FLAGS] = (l.justified ? F_JUSTIFIED : 0) | (l.last ? F_LAST : 0) | (l.hyphenated ? F_HYPHENATED : 0);
    lines[li + L_BLOCK] = l.block;
    lines[li + L_PARAGRAPH] = l.paragraph;
    lines[li + L_START] = l.start;
    lines[li + L_END] = l.end;
    lines[li + L_RUNS] = l.runs.length;
    lines[li + L_WORD_SPACE] = l.wordSpace;
    lines[li + L_LETTER_SPACE] = l.letterSpace;
    lines[li + L_HSCALE] = l.hscale ?? 0;
    li += LINE;
    for (const r of l.runs) {
      const n = r.ids.length;
      runs[ri] = intern(r.font);
      runs[ri + 1] = r.size;
      runs[ri + 2] = r.dy;
      runs[ri + 3] = n;
      ri += RUN;
      for (let k = 0; k < n; k++, gi++) {
        ids[gi] = r.ids[k];
        xs[gi] = r.xs[k];
        clusters[gi] = r.clusters[k];
      }
    }
    return row;
  };
  // The same walk as eachLine, in the same order: rows are numbered as they are written.
  const packed = articles.map(([key, a]): [number, PackedArticle] => [
    key,
    {
      ...a,
      frames: a.frames.map((f) => ({
        ...f,
        deck: f.deck.map(put),
        jumpIn: put(f.jumpIn),
        columns: f.columns.map((c) => ({ ...c, lines: c.lines.map(put) })),
        jumpOut: put(f.jumpOut),
      })),
    },
  ]);
  return { articles: packed, lines, runs, ids, xs, clusters, strings };
}

export function unpackArticleLayouts(p: PackedLayouts): [number, ArticleLayout][] {
  const { lines, runs, ids, xs, clusters, strings } = p;
  const out: LaidLine[] = new Array<LaidLine>(lines.length / LINE);
  let ri = 0;
  let gi = 0;
  for (let row = 0; row < out.length; row++) {
    const li = row * LINE;
    const runCount = lines[li + L_RUNS];
    const lineRuns: GlyphRun[] = [];
    for (let r = 0; r < runCount; r++, ri += RUN) {
      const n = runs[ri + 3];
      const rIds = new Array<number>(n);
      const rXs = new Array<number>(n);
      const rClusters = new Array<number>(n);
      for (let k = 0; k < n; k++, gi++) {
        rIds[k] = ids[gi];
        rXs[k] = xs[gi];
        rClusters[k] = clusters[gi];
      }
      lineRuns.push(glyphRun(strings[runs[ri]] as FontId, runs[ri + 1], runs[ri + 2], rIds, rXs, rClusters));
    }
    const flags = lines[li + L_FLAGS];
    const set = { text: strings[lines[li + L_TEXT]], start: lines[li + L_START], end: lines[li + L_END], width: lines[li + L_WIDTH], measure: lines[li + L_MEASURE], wordSpace: lines[li + L_WORD_SPACE], letterSpace: lines[li + L_LETTER_SPACE], runs: lineRuns } as SetLine;
    if (lines[li + L_HSCALE] !== 0) set.hscale = lines[li + L_HSCALE];
    const l = laidLine(strings[lines[li + L_ROLE]] as LineRole, set, lines[li + L_X], lines[li + L_Y], (flags & F_JUSTIFIED) !== 0, (flags & F_LAST) !== 0, (flags & F_HYPHENATED) !== 0, lines[li + L_BLOCK], lines[li + L_PARAGRAPH]);
    out[row] = l;
  }
  const line = (ref: LineRef) => (ref < 0 ? null : out[ref]);
  return p.articles.map(([key, a]) => [
    key,
    {
      ...a,
      frames: a.frames.map((f) => ({
        ...f,
        deck: f.deck.map((r) => out[r]),
        jumpIn: line(f.jumpIn),
        columns: f.columns.map((c) => ({ ...c, lines: c.lines.map((r) => out[r]) })),
        jumpOut: line(f.jumpOut),
      })),
    },
  ]);
}

/** Every line of a frame, in the order packArticleLayouts numbers them. */
function eachLine(f: FrameLayout, fn: (l: LaidLine | null) => void): void {
  for (const l of f.deck) fn(l);
  fn(f.jumpIn);
  for (const c of f.columns) for (const l of c.lines) fn(l);
  fn(f.jumpOut);
}
