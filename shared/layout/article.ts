// An article's text flowing through its frames (its parts): the headline deck across the
// first frame's columns, body text column to column and frame to frame on the line grid,
// jump lines reserved at the end of a part and the start of the next, overset counted.
// The part where the text ends has balanced columns (see `balance`): when the rest of the text
// fits, its columns are made as even as the keep rules allow instead of filling the first
// ones to the foot; a part that jumps on, and a part with overset, fill top to bottom.
import type { PictureShape } from '../images/cover';
import type { ArticleContent, Mark } from '../model';
import type { FontId, FontProvider } from '../text/font';
import { glyphRun, setLine, setParagraph, type SetLine } from '../text/lines';
import { Brk, prepareParagraph, type PreparedParagraph } from '../text/prepare';
import { CharKind } from '../text/punct';
import { textStyle, type TextStyle } from '../text/style';
import { defaultArticleStyles, type ArticleStyles } from './article-styles';
import type { ArticleLayout, ClosingKind, ColumnLayout, FrameBox, FrameLayout, Grid, LaidLine, LayoutWarning, LineRole, LostText } from './types';

export interface PartInput {
  frame: FrameBox;
  /** The grid of the part's page when it differs from the input's (left and right pages). */
  grid?: Grid;
  /** Text of the jump-in line opening this part (parts after the first), e.g. （上接第1版）. */
  jumpIn?: string | null;
  /** Text of the jump-out line closing this part (parts before the last), e.g. （下转第4版）. */
  jumpOut?: string | null;
  /** Jump head over a continuation, by default the headline. */
  jumpHead?: string[] | null;
  /**
   * Grid lines left empty at the top of the frame (deck and text start lower) and at its foot
   * (text ends higher): the white space between frames stacked in the same columns, which
   * edition layout decides (layout/edition.ts, `frameSpacing`). The frame's rectangle is unchanged.
   */
  spaceAbove?: number;
  spaceBelow?: number;
  /**
   * The frame opens with a head right under another frame's content, which gives it no line of
   * white since the head's own white is near a gutter (layout/edition.ts, `opensWithHeadAir`):
   * the deck is set lower in its grid lines, by up to half a line, until a gutter of white
   * stands over the head (`dropHead`). Text stays on the grid.
   */
  headAir?: boolean;
}

export interface LayoutArticleInput {
  article: ArticleContent;
  parts: PartInput[];
  grid: Grid;
  styles?: ArticleStyles;
  /**
   * A photo frame (the page's picture, no story around it): its picture takes every line its
   * caption leaves, as the editor sized the frame. Otherwise a picture takes its own shape
   * (storyPhotoLines).
   */
  pictureFills?: boolean;
  /**
   * The shapes of the pictures the article's photos show, by asset reference (`sha256:…`):
   * given by callers that have the library (electron/services/editions/layout.ts). A photo
   * whose picture is not here is 0.7 of its width tall.
   */
  pictures?: ReadonlyMap<string, PictureShape>;
}

/** Set text: a paragraph's lines, each taking `span` grid lines (several lines of type larger than the body: see `stack`). */
interface TextItem {
  kind: 'text';
  role: LineRole;
  block: number;
  paragraph: number;
  lines: SetLine[];
  span: number;
  /**
   * For type that takes more than one grid line a line (a US crosshead: 10.45 pt on 10.5 pt
   * lines): its line spacing, 1.15 × its size, in grid lines. Its lines are set that far apart
   * and centred together in the whole grid lines they need, not each in `span` lines (two lines
   * 21 pt apart read as double spaced). 0 for text on the grid.
   */
  stack: number;
  size: number;
  /** Grid lines of space before, dropped at the top of a column. */
  spaceBefore: number;
  /** Keep the item's lines together and with the first line of what follows. */
  keepWithNext: boolean;
  /** Sets the paragraph again with line `k` not ending in a hyphen (null: lines that cannot be re-set, e.g. with a credit tail). */
  reset: ((k: number) => SetLine[]) | null;
  /** Where the text printed so far ends (UTF-16 offset; the frames' flow sets it): the next line printed must start there. */
  printedTo?: number;
  /** Closing lines (a credit, sign-off, tagline): the item's text from `from` on (0: all of it; a credit run on after the last paragraph starts later). */
  closing?: { kind: ClosingKind; text: string; from: number };
}

interface PhotoItem {
  kind: 'photo';
  block: number;
  asset: string | null;
  /** Height in grid lines. */
  span: number;
  /** The fewest lines it may be cut to at the foot of a column (shorter, it goes on to the next one): storyPhotoLines. */
  least: number;
  /** Grid lines of space above the picture, dropped at the top of a column. */
  spaceBefore: number;
}

type FlowItem = TextItem | PhotoItem;

/** Lines a line of this size takes on the grid (one at the body size or smaller; larger type at least 1.15 × its size tall). */
export function gridSpan(size: number, grid: Grid): number {
  // Text no larger than the body sits on the body's own grid, whatever its leading: a US
  // broadsheet sets 9.5 pt on 10.5 (× 1.105), and the 1.15 rule for larger type would put
  // every body line two grid lines apart.
  if (size <= grid.bodySize + 1e-9) return 1;
  return Math.max(1, Math.ceil((size * 1.15) / grid.leading - 1e-9));
}

/**
 * Baseline of text in grid lines [t, t + span) of the page: on the body grid for one-line
 * text (crossheads, captions, jump lines share the body's baselines), centred for taller type.
 */
function baselineY(grid: Grid, t: number, span: number, size: number): number {
  const s = span === 1 ? grid.bodySize : size;
  return grid.top + t * grid.leading + (span * grid.leading - s) / 2 + s * 0.88;
}

function frameRect(grid: Grid, f: FrameBox): { x: number; y: number; width: number; height: number } {
  return {
    x: grid.left + f.col * (grid.columnWidth + grid.gutter),
    y: grid.top + f.top * grid.leading,
    width: f.span * grid.columnWidth + (f.span - 1) * grid.gutter,
    height: f.height * grid.leading,
  };
}

/** Grid lines a text item takes: `span` a line, or its stacked lines' whole grid lines. */
function itemSpan(it: TextItem): number {
  return it.stack > 0 ? Math.max(1, Math.ceil(it.lines.length * it.stack - 1e-9)) : it.lines.length * it.span;
}

/** Grid lines line `i` of a text item advances: its lines share the item's grid lines. */
function lineSpan(it: TextItem, i: number): number {
  if (it.stack === 0) return it.span;
  const n = it.lines.length;
  const total = itemSpan(it);
  return Math.floor(((i + 1) * total) / n) - Math.floor((i * total) / n);
}

/** Baseline of line `i` of a text item that reached grid line `t`: stacked lines centred together in the item's grid lines. */
function lineY(grid: Grid, it: TextItem, i: number, t: number): number {
  if (it.stack === 0) return baselineY(grid, t, it.span, it.size);
  const n = it.lines.length;
  const top = t - Math.floor((i * itemSpan(it)) / n);
  const pitch = it.stack * grid.leading;
  return grid.top + top * grid.leading + (itemSpan(it) * grid.leading - ((n - 1) * pitch + it.size)) / 2 + i * pitch + it.size * 0.88;
}

/** Lines of text that must follow a crosshead or brief title in the same column. */
const KEEP_WITH_NEXT_LINES = 2;

/** Grid lines of the caption (and credit) under the photo at `items[k]`: the text items of its block that follow it. */
function captionSpan(items: FlowItem[], k: number): number {
  const block = items[k].block;
  let span = 0;
  for (let i = k + 1; i < items.length; i++) {
    const next = items[i];
    if (next.kind !== 'text' || next.block !== block) break;
    span += itemSpan(next);
  }
  return span;
}

/**
 * Grid lines a crosshead or brief title at `items[k]` needs below it in its column: two lines of
 * text, or when a photo follows it the photo as small as it may be cut, with its white above and
 * its caption (a crosshead at a column's foot with its photo atop the next column heads nothing).
 */
function keptBelow(items: FlowItem[], k: number): number {
  const next = items[k + 1];
  if (next?.kind !== 'photo') return KEEP_WITH_NEXT_LINES;
  return next.spaceBefore + Math.min(next.span, next.least) + captionSpan(items, k + 1);
}

function nonSpaceLength(s: string): number {
  let n = 0;
  for (const ch of s) if (!/\s/u.test(ch)) n++;
  return n;
}

class Setter {
  readonly missing = new Map<number, number>();
  readonly fonts = new Set<FontId>();
  constructor(private readonly provider: FontProvider) {}

  set(text: string, style: TextStyle, measure: number, marks?: readonly Mark[], noHyphenLine = -1): SetLine[] {
    const p = prepareParagraph(this.provider, { text, marks, style });
    for (const m of p.missing) this.missing.set(m.codePoint, m.offset);
    const lines = setParagraph(p, measure, noHyphenLine);
    for (const l of lines) for (const r of l.runs) this.fonts.add(r.font);
    return lines;
  }

  /** The text prepared once, for lines set from chosen ranges of it (`line`). */
  prepare(text: string, style: TextStyle, marks?: readonly Mark[]): PreparedParagraph {
    const p = prepareParagraph(this.provider, { text, marks, style });
    for (const m of p.missing) this.missing.set(m.codePoint, m.offset);
    return p;
  }

  /** Clusters a..e of `p` set as one line to `measure` (the paragraph's last when e is its last cluster). */
  line(p: PreparedParagraph, a: number, e: number, measure: number): SetLine {
    const l = setLine(p, a, e, measure, a === 0, e === p.n - 1, false);
    for (const r of l.runs) this.fonts.add(r.font);
    return l;
  }
}

/**
 * `s` in capitals, character for character: a capital that takes more UTF-16 units than its
 * letter (ß → SS, ﬁ → FI) is not taken, so offsets into the text as stored still hold.
 */
export function capitals(s: string): string {
  let out = '';
  for (const ch of s) {
    const up = ch.toUpperCase();
    out += up.length === ch.length ? up : ch;
  }
  return out;
}

/**
 * The narrowest measure, from `measure / n` up in steps of a quarter em, that sets the text in
 * the `n` lines of `first` (the text set to `measure`): a title of two lines flush left breaks
 * into lines of even length ("Library extends | summer hours"), not a long line and a stub
 * ("…summer | hours"). Each of its lines ends where a line may end, or where `first` cut a word
 * wider than the column: narrower, a compound the column cut at its hyphen (Whitcombe- |
 * Achterberg) was cut between two letters, no hyphen drawn ("Main for Whit" | "combe-…").
 */
function balancedMeasure(setter: Setter, text: string, style: TextStyle, measure: number, first: SetLine[], marks?: Mark[]): number {
  const n = first.length;
  if (n <= 1) return measure;
  const p = setter.prepare(text, style, marks);
  const ends = new Set(first.map((l) => l.end));
  for (let c = 0; c < p.n; c++) if (p.breakAfter[c] !== Brk.None) ends.add(p.end[c]);
  for (let m = measure / n; m < measure; m += style.size / 4) {
    const set = setter.set(text, style, m, marks);
    if (set.length <= n && set.every((l) => ends.has(l.end))) return m;
  }
  return measure;
}

/** A picture's height, in grid lines, that takes all the room its frame has. */
const FILL_FRAME = 1_000_000;

/** White between a picture's box and its caption, in grid lines: the box ends this far above the lines it takes. */
const PHOTO_GAP = 0.3;

/**
 * The house limits of a photo inside a story's text, in one place. Without its picture's shape
 * (a placeholder, a picture the caller did not give, the engine in the browser) the block is
 * `placeholder` × its width tall, as it always was. With it, the box takes the picture's
 * proportions, within these limits:
 * - `tallest`: a portrait is at most 1.5 × its width tall. A one-column 2:3 portrait (a head and
 *   shoulders) is a normal newspaper picture; a taller one (a 1:3 strip, a phone's 9:16) would
 *   push a column's text a page's worth down, and is cropped to 2:3 (a 1:3 strip shows half of
 *   itself; preflight's picture-cropped speaks below a third, LEAST_SHOWN, which this leaves
 *   quiet for any picture up to 1:4.5).
 * - `least`: a panorama is at least 3 grid lines tall, the least a block ever was (with its
 *   line of white above and its caption under, less reads as a rule, not a picture).
 * - `kept`: at the foot of a column a block gives up lines to fit what room is left (as it
 *   always did, down to `least`); a picture of known shape keeps at least half of its, else it
 *   goes on to the next column. Cut to 3 lines, a one-column 3:4 portrait showed a quarter of
 *   itself, a strip across the eyes (preflight: picture-cropped); half shows half, the head.
 */
export const STORY_PHOTO = { placeholder: 0.7, tallest: 1.5, least: 3, kept: 0.5 } as const;

/**
 * Grid lines of a story photo `measure` wide (`span`): its picture's height at that width (the
 * printed box, the lines less PHOTO_GAP, as near it as whole lines come), within STORY_PHOTO's
 * limits; and the fewest it may be cut to at a column's foot (`least`).
 */
export function storyPhotoLines(measure: number, grid: Grid, shape?: PictureShape): { span: number; least: number } {
  if (!shape || !(shape.across > 0) || !(shape.down > 0)) {
    const span = Math.max(STORY_PHOTO.least, Math.round((measure * STORY_PHOTO.placeholder) / grid.leading));
    return { span, least: STORY_PHOTO.least };
  }
  const tall = Math.min(shape.down / shape.across, STORY_PHOTO.tallest);
  const span = Math.max(STORY_PHOTO.least, Math.round((measure * tall) / grid.leading + PHOTO_GAP));
  return { span, least: Math.max(STORY_PHOTO.least, Math.ceil(span * STORY_PHOTO.kept)) };
}

function flowItems(article: ArticleContent, styles: ArticleStyles, setter: Setter, measure: number, grid: Grid, fills = false, pictures?: ReadonlyMap<string, PictureShape>): FlowItem[] {
  const zh = article.language === 'zh';
  const items: FlowItem[] = [];
  // Set after a photo's caption: the text that follows is set off from it by a line of white.
  let afterPhoto = false;
  const text = (role: LineRole, block: number, paragraph: number, raw: string, style: TextStyle, o: { marks?: Mark[]; spaceBefore?: number; keepWithNext?: boolean; tail?: string; tailKind?: ClosingKind; tailStyle?: TextStyle; balance?: boolean; capitals?: boolean; closing?: ClosingKind } = {}) => {
    if (!raw) return;
    const t = o.capitals ? capitals(raw) : raw;
    const spaceBefore = Math.max(o.spaceBefore ?? 0, afterPhoto ? 1 : 0);
    afterPhoto = false;
    let lines = setter.set(o.tail ? t + o.tail : t, style, measure, o.marks);
    // An English crosshead or brief title of two lines or more breaks where a head may
    // (englishHeadCuts, the most even such way): "Paying for the | $310 million plan" ended a
    // line on "the". Else it is balanced by measure.
    const phrased = o.balance && !zh && !o.tail && lines.length > 1 ? englishLines(setter, t, style, measure, lines.length, o.marks) : null;
    if (phrased) lines = phrased;
    const width = o.balance && !o.tail && !phrased ? balancedMeasure(setter, t, style, measure, lines, o.marks) : measure;
    if (width !== measure) {
      lines = setter.set(t, style, width, o.marks);
      // Broken at the narrower measure, a centred line (a crosshead) is still centred in the column.
      const shift = style.align === 'center' ? (measure - width) / 2 : 0;
      if (shift > 0) for (const l of lines) l.x += shift;
    }
    // A Chinese crosshead or brief title a little too long for its line is set up to 10 %
    // smaller, as a deck line is condensed (a 9 pt title stays above 六号): ■太原中北高新技术
    // 产业园 came out with 园 alone on a second line. Longer, it is broken like a head, between
    // its phrases or into even lines (热力公司：|已启动管网平衡调节, not 热力公司：已启动管网|平衡调节).
    // A byline breaks between its names, a role word opening a line (…王志刚|通讯员 李明, not 通讯|员).
    if (zh && lines.length > 1 && (role === 'crosshead' || role === 'brief-title')) {
      const one = condensed(setter, t, style, measure, TITLE_MIN_SCALE, o.marks);
      if (one) {
        lines = one.set;
        style = one.style;
      } else lines = headLines(setter, t, style, measure, lines, o.marks);
    }
    // An English one breaks after its comma and before its "and": By Priya Raghunathan,|Staff
    // Writer, not By Priya Raghunathan, Staff|Writer.
    if (lines.length > 1 && role === 'byline') lines = bylineLines(setter, setter.prepare(t, style, o.marks), measure) ?? lines;
    // A credit or photo byline at the end is never broken across lines: when it would be,
    // it goes on a line of its own, flush right.
    let tailLine: SetLine[] = [];
    const tailStyle = o.tailStyle ?? styles.credit;
    if (o.tail && lines.length > 1 && lines[lines.length - 1].start > t.length) {
      lines = setter.set(t, style, measure, o.marks);
      tailLine = setter.set(o.tail.trim(), tailStyle, measure);
    }
    // What a reader would lose with these lines when they do not fit: a run-on credit is the credit.
    const tailKind = o.tailKind ?? 'credit';
    const closing = o.closing ? { kind: o.closing, text: t, from: 0 } : o.tail && !tailLine.length ? { kind: tailKind, text: o.tail.trim(), from: t.length } : undefined;
    items.push({
      kind: 'text',
      role,
      block,
      paragraph,
      lines,
      span: gridSpan(style.size, grid),
      stack: gridSpan(style.size, grid) > 1 ? (style.size * 1.15) / grid.leading : 0,
      size: style.size,
      spaceBefore,
      keepWithNext: o.keepWithNext ?? false,
      // A narrowed title (长体) is one line, never hyphenated: it is not set again.
      reset: o.tail || lines[0]?.hscale !== undefined ? null : (k) => setter.set(t, style, width, o.marks, k),
      ...(closing ? { closing } : {}),
    });
    if (tailLine.length && o.tail) {
      items.push({ kind: 'text', role: 'credit', block, paragraph, lines: tailLine, span: gridSpan(tailStyle.size, grid), stack: 0, size: tailStyle.size, spaceBefore: 0, keepWithNext: false, reset: null, closing: { kind: tailKind, text: o.tail.trim(), from: 0 } });
    }
  };
  if (article.byline) text('byline', -1, 0, article.byline, styles.byline);
  const lastParagraph = article.body.map((b) => b.type).lastIndexOf('paragraph');
  const taglines = taglineBlocks(article);
  let leadDone = false;
  article.body.forEach((b, i) => {
    switch (b.type) {
      case 'paragraph': {
        let t = b.text;
        let marks: Mark[] = [...(b.marks ?? [])];
        if (!leadDone && article.lead) {
          const prefix = zh ? `${article.lead}\u3000` : `${article.lead} `;
          marks = marks.map((m) => ({ ...m, start: m.start + prefix.length, end: m.end + prefix.length }));
          marks.unshift({ type: 'bold', start: 0, end: article.lead.length });
          t = prefix + t;
        }
        leadDone = true;
        const tail = i === lastParagraph && article.credit ? (zh ? `（${article.credit}）` : ` (${article.credit})`) : undefined;
        text('body', i, 0, t, styles.body, { marks, tail, closing: taglines.has(i) ? 'tagline' : undefined });
        break;
      }
      case 'subhead':
        // An English crosshead of two lines or more is broken into even lines, as a brief's title
        // is: "The police | overtime fight", not "The police overtime | fight".
        text('crosshead', i, 0, b.text, styles.crosshead, { spaceBefore: 1, keepWithNext: true, balance: !zh });
        break;
      case 'brief':
        // Chinese briefs run on under their ■ titles; English ones are set apart by a line of
        // white above each bold title line, as a US briefs column is (none at a column's top).
        text('brief-title', i, 0, zh ? `■${b.title}` : b.title, styles.briefTitle, { keepWithNext: true, spaceBefore: zh ? 0 : 1, balance: !zh });
        b.paragraphs.forEach((p, j) => text('body', i, j, p.text, styles.body, { marks: p.marks }));
        break;
      case 'photo': {
        // A photo frame's picture takes every line its caption leaves (pictureFills); a story's takes its picture's shape.
        const { span, least } = fills ? { span: FILL_FRAME, least: STORY_PHOTO.least } : storyPhotoLines(measure, grid, b.asset === null ? undefined : pictures?.get(b.asset));
        afterPhoto = false;
        items.push({ kind: 'photo', block: i, asset: b.asset, span, least, spaceBefore: 1 });
        if (zh) {
          // Chinese practice: the credit (牛晨阳 摄) runs on after the caption, an ideographic
          // space between, and goes on a line of its own, flush right, only rather than be broken:
          // in the caption's face and size still (set as a story's closing credit, it printed in
          // the body's Song, larger than the Hei caption it belongs to).
          text('caption', i, 0, b.caption, styles.caption, { tail: b.credit ? `　${b.credit}` : undefined, tailKind: 'photo-credit', tailStyle: b.credit ? { ...styles.caption, align: 'right', lastAlign: 'right' } : undefined });
        } else {
          // US practice: the credit is a line of its own under the caption, flush right, small
          // capitals of the sans — never run on in the caption's style.
          text('caption', i, 0, b.caption, styles.caption);
          if (b.credit?.trim()) text('credit', i, 1, b.credit.trim(), styles.photoCredit, { capitals: true, closing: 'photo-credit' });
        }
        afterPhoto = true;
        break;
      }
    }
  });
  if (lastParagraph < 0 && article.credit) text('credit', -1, 0, zh ? `（${article.credit}）` : `(${article.credit})`, styles.credit, { closing: 'credit' });
  if (article.editorCredit) {
    const t = editorCreditText(article.language, article.editorCredit);
    text('credit', -1, 0, t, zh ? styles.credit : styles.signOff, { marks: zh ? undefined : [{ type: 'italic', start: 0, end: t.length }], closing: 'sign-off' });
  }
  return items;
}

/**
 * An English story's taglines: its last one or two paragraphs in italic from end to end, as
 * the import sets "— Staff writer Sam Green" or "Contact the writer at …" (never its first).
 */
function taglineBlocks(article: ArticleContent): Set<number> {
  const out = new Set<number>();
  if (article.language !== 'en') return out;
  for (let i = article.body.length - 1; i >= Math.max(1, article.body.length - 2); i--) {
    const b = article.body[i];
    if (b.type !== 'paragraph' || !b.text.trim() || !b.marks?.some((m) => m.type === 'italic' && m.start <= 0 && m.end >= b.text.length)) break;
    out.add(i);
  }
  return out;
}

/** The lines from `from` on, which found no place in the frames: what the reader loses. Null when none. */
function lostText(items: FlowItem[], from: FlowPosition): LostText {
  const lost: LostText = { lines: 0, first: '', opens: false, byline: false, text: false, closing: [] };
  for (let i = from.item; i < items.length; i++) {
    const it = items[i];
    if (it.kind !== 'text') {
      lost.photos = (lost.photos ?? 0) + 1;
      continue;
    }
    for (let j = i === from.item ? from.line : 0; j < it.lines.length; j++) {
      const l = it.lines[j];
      const c = it.closing;
      // The first line's own words, without the credit run on after them (quoted apart).
      if (lost.lines === 0) {
        lost.first = c && c.from > l.start && c.from < l.end ? l.text.slice(0, c.from - l.start) : l.text;
        lost.opens = j === 0;
      }
      lost.lines++;
      // A line holds the closing text from c.from on, and the story's own words before it.
      if (c && l.end > c.from && !lost.closing.some((x) => x.kind === c.kind && x.text === c.text)) lost.closing.push({ kind: c.kind, text: c.text });
      if (!c || l.start < c.from) {
        if (it.role === 'byline') lost.byline = true;
        else lost.text = true;
      }
    }
  }
  return lost;
}

/**
 * A column's editor credit as it prints. Chinese: in brackets, flush right, （以上由王勇编辑整理）.
 * English: a sign-off in italic, flush left as a tagline is, never bracketed — "— From staff
 * reports", "— From staff and wire reports"; "Compiled by Jane Doe" needs no dash.
 */
export function editorCreditText(language: 'zh' | 'en', credit: string): string {
  if (language === 'zh') return `（${credit}）`;
  const t = credit.trim();
  return /^(?:[\u2014\u2013-]|compiled by\b)/iu.test(t) ? t : `\u2014 ${t}`;
}

function laid(role: LineRole, line: SetLine, x: number, y: number, block: number, paragraph: number): LaidLine {
  return laidLine(role, line, x + line.x, y, line.justified, line.last, line.hyphenated, block, paragraph);
}

/**
 * A LaidLine made in one place, its coordinates stored as doubles from the start (one
 * hidden class in V8, no deoptimisation when a fractional x follows whole ones: see
 * glyphRun in text/lines.ts).
 */
export function laidLine(role: LineRole, line: SetLine, x: number, y: number, justified: boolean, last: boolean, hyphenated: boolean, block: number, paragraph: number): LaidLine {
  const out: LaidLine = {
    role,
    text: line.text,
    x: 0.5,
    y: 0.5,
    width: 0.5,
    measure: 0.5,
    justified,
    last,
    hyphenated,
    wordSpace: 0.5,
    letterSpace: 0.5,
    block,
    paragraph,
    start: line.start,
    end: line.end,
    runs: line.runs,
  };
  out.x = x;
  out.y = y;
  out.width = line.width;
  out.measure = line.measure;
  out.wordSpace = line.wordSpace;
  out.letterSpace = line.letterSpace;
  // Only a Chinese head line narrowed to fit (长体) has it; every other line leaves it out.
  if (line.hscale !== undefined) out.hscale = line.hscale;
  return out;
}

/** Sets a stack of centred deck lines (headline, kicker…) across a frame; returns the lines and grid lines used. */
function setDeck(setter: Setter, grid: Grid, rect: { x: number; width: number }, top: number, entries: { role: LineRole; text: string; style: TextStyle; marks?: Mark[] }[]): { lines: LaidLine[]; used: number } {
  const lines: LaidLine[] = [];
  let t = top;
  // One block per part of the deck: the kicker, the headline (all its lines, hard-broken by the
  // desk or broken here), the 副题.
  const blocks: { role: LineRole; set: SetLine[]; size: number }[] = [];
  for (const e of entries) {
    if (!e.text) continue;
    // An English deck is set no wider than a comfortable line (DECK_MAX_EMS); in one line across
    // six columns it ran 100 characters, wider than the head over it.
    const width = e.role === 'subhead' && e.style.language === 'en' ? Math.min(rect.width, DECK_MAX_EMS * e.style.size) : rect.width;
    const { set, style } = fitDeckLine(setter, grid, e.text, e.style, width, e.marks);
    const last = blocks[blocks.length - 1];
    if (last?.role === e.role) {
      last.set.push(...set);
      last.size = Math.max(last.size, style.size);
    } else blocks.push({ role: e.role, set: [...set], size: style.size });
  }
  for (const { role, set, size } of blocks) {
    const span = gridSpan(size, grid);
    const x = (l: SetLine) => rect.x + (rect.width - l.measure) / 2;
    if (set.length === 1 || span === 1) {
      for (const l of set) {
        lines.push(deckLine(role, l, x(l), baselineY(grid, t, span, size)));
        t += span;
      }
      continue;
    }
    // The lines of a block stand at the head's own line pitch — each on the grid lines one line
    // of its size takes, a three-line 副题 of 14.7 pt stood on 30 pt, twice its size, and read as
    // three decks — centred in the whole grid lines the block needs (deckBlockLines).
    const pitch = Math.min(span * grid.leading, size * DECK_LINE_PITCH);
    const used = deckBlockLines(size, set.length, grid);
    const first = grid.top + t * grid.leading + (used * grid.leading - (set.length - 1) * pitch - size) / 2 + size * 0.88;
    set.forEach((l, i) => lines.push(deckLine(role, l, x(l), first + i * pitch)));
    t += used;
  }
  return { lines, used: t - top };
}

/**
 * A head right under another frame's content (PartInput.headAir), lowered in its grid lines
 * until a gutter of white stands between the descenders of the line above the frame and the
 * head's em box: the head's own white is (leading − body)/2 + 0.12 body + (n·leading − size)/2,
 * which the edition takes for near enough a gutter, and which came to 6.5 pt over a two-column
 * head on the tabloid and 7.4 pt over a four-column head on the US broadsheet, 0.55 of a
 * gutter: the head stood closer to the story above than to its own text, a line further below
 * it. At most half a line, so the head stays nearer its own text.
 */
function dropHead(lines: LaidLine[], grid: Grid, top: number): void {
  const first = lines[0];
  if (!first) return;
  const size = first.runs[0]?.size ?? grid.bodySize;
  const above = grid.top + top * grid.leading - (grid.leading - grid.bodySize) / 2;
  const drop = Math.min(grid.leading / 2, grid.gutter - (first.y - 0.88 * size - above));
  if (drop > 0) for (const l of lines) l.y += drop;
}

/**
 * A line of a deck. Its text ends at its last word: a head broken between words read "Council "
 * in the layout's JSON, the space it broke at kept. (Body lines keep theirs: their text is the
 * paragraph from `start` to `end`, and trimming them would be work on every line.)
 */
function deckLine(role: LineRole, line: SetLine, x: number, y: number): LaidLine {
  const out = laid(role, line, x, y, -1, 0);
  out.text = out.text.trimEnd();
  return out;
}

/** Baseline to baseline in a deck block of two lines or more, × its size (never more than its grid lines). */
const DECK_LINE_PITCH = 1.25;

/**
 * Grid lines a deck block of `count` lines of `size` takes (setDeck): one line's grid lines
 * each when its lines are one grid line apart or it has one line; else those of its first line
 * and enough for the others at the head's own pitch.
 */
function deckBlockLines(size: number, count: number, grid: Grid): number {
  const span = gridSpan(size, grid);
  if (count === 1 || span === 1) return span * count;
  const pitch = Math.min(span * grid.leading, size * DECK_LINE_PITCH);
  return span + Math.ceil(((count - 1) * pitch) / grid.leading - 1e-9);
}

/**
 * The longest line of an English deck (the subhead under the head), in ems of its size: about 65
 * characters, the long end of a comfortable line (45–75, Bringhurst). The US broadsheet's
 * six-column lead set its 100-character deck in one line, edge to edge, wider than the head's
 * lines over it; it is now two even lines. Decks of four columns and fewer are narrower than
 * this already. A Chinese 副题 is set across the frame as before: it is short, and may be wider
 * than a short 主题.
 */
const DECK_MAX_EMS = 32;

/** Smallest size a deck line may be condensed to so that it stays on one line. */
const DECK_MIN_SCALE = 0.85;

/** The scales a deck line is tried at, largest first, in steps of 2.5 %. */
const DECK_SCALES: readonly number[] = (() => {
  const out: number[] = [];
  for (let scale = 0.975; scale >= DECK_MIN_SCALE - 1e-9; scale -= 0.025) out.push(Math.round(scale * 1000) / 1000);
  return out;
})();

/**
 * A headline line the editor wrote as one line stays one line if setting it up to 15 %
 * smaller makes it fit; otherwise it breaks into lines of even length (never a long line and
 * a stub), centred.
 */
function fitDeckLine(setter: Setter, grid: Grid, text: string, style: TextStyle, width: number, marks?: Mark[]): { set: SetLine[]; style: TextStyle } {
  const first = setter.set(text, style, width, marks);
  if (first.length <= 1) return { set: first, style };
  const oneLine = condensed(setter, text, style, width, DECK_MIN_SCALE, marks);
  if (oneLine) return oneLine;
  // Chinese breaks between the head's own phrases when it can (phraseLines), at its size or
  // condensed as a one-line head may be: 相知可抵云海深——|太原市招商引资工作综述 at 95 % rather
  // than 相知可抵云海深——太|原市… at 100 %. A smaller size may take fewer lines.
  // A head with no phrase to break at, or none that fits, breaks where Han meets a Latin word
  // or a number (2024年太原|GDP突破|5800亿元, not 2024年太|原GDP突破).
  if (style.language === 'zh') {
    const p0 = setter.prepare(text, style, marks);
    const phrases = phraseCuts(p0, 'phrases');
    const words = phraseCuts(p0, 'words');
    for (const cuts of words.length > phrases.length ? [phrases, words] : [phrases]) {
      // Line counts the cuts can give at all, whatever the size, with no line of one character
      // or word: none, and no size is prepared (省政府…城市（1）: its one cut leaves （1） alone).
      const counts: number[] = [];
      for (let count = 2; count <= first.length; count++) if (splittable(p0, cuts, count)) counts.push(count);
      if (counts.length === 0) continue;
      // Where Han meets a number or a Latin word is a word edge like the dictionary's: even lines
      // between the head's words at its size come before a smaller size for such an edge. The
      // tabloid's 我市老旧小区加装电梯超过300部 was 我市老旧小区加装电梯超过|300部 at 20.5 pt under
      // a 24 pt line, a stub, where 我市老旧小区加装|电梯超过300部 fits at 24.
      const edges = cuts !== phrases;
      const found = edges
        ? cutHead(setter, p0, marks, cuts, width, counts, false, [1]) || wordHead(setter, p0, width, counts) || cutHead(setter, p0, marks, cuts, width, counts, false, DECK_SCALES)
        : cutHead(setter, p0, marks, cuts, width, counts, false, HEAD_SCALES);
      if (found) return found;
    }
    // Else even lines at the head's size, between its words when it can (charLines), never
    // between a number and its measure word (省城地铁|2号线一期|工程通过|竣工验收, not 省城地铁2|号线一期).
    // When those cut a word the dictionary knows, its words are tried a little smaller, as a
    // phrase head is condensed, as long as the deck keeps its grid lines: a 1-column
    // 全国铁路春运今日启动 half a point too wide at 17 pt is 全国铁路|春运今日启动 at 16.5, not
    // 全国铁路春|运今日启动.
    // The smaller head's lines stay as even as those, give or take a character: 我市三个|县区入选|
    // 全国百强 (三个|县区, where the dictionary has two words of one character) is not made
    // 我市三个县区|入选|全国百强.
    const set = charLines(setter, p0, width, first.length);
    if (set && cutsWord(p0, set)) {
      const height = deckBlockLines(style.size, first.length, grid);
      const shortest = shortestLine(p0, set);
      for (const scale of DECK_SCALES) {
        const a = atScale(style, width, scale);
        if (deckBlockLines(a.style.size, first.length, grid) !== height) break; // smaller sizes take fewer lines still
        const p = a.style === style ? p0 : setter.prepare(text, a.style, marks);
        const words = wordLines(setter, p, a.width, first.length);
        if (words && shortestLine(p, words) >= shortest - 1) return { set: narrowed(words, a.hscale), style: a.style };
      }
    }
    if (set) return { set, style };
  }
  // English breaks where a copy desk lets a head line end (englishHeadCuts): not after an
  // article, a preposition or a conjunction, nor between a number and its million; at the head's
  // size, else condensed as a Chinese head is. Balanced by measure alone, the US broadsheet
  // printed "plan to rebuild the | Riverton line" and "backs $310 | million plan". A head
  // with no such way is balanced as before.
  if (style.language === 'en') {
    const p0 = setter.prepare(text, style, marks);
    const cuts = englishHeadCuts(p0);
    const counts: number[] = [];
    for (let count = 2; count <= Math.min(first.length, cuts.length + 1); count++) counts.push(count);
    const found = counts.length > 0 && cutHead(setter, p0, marks, cuts, width, counts, true, HEAD_SCALES);
    if (found) return found;
  }
  return { set: balancedLines(setter, text, style, width, first, marks), style };
}

/** The head's own size, then the sizes a deck line may be condensed to: cutHead's scales. */
const HEAD_SCALES: readonly number[] = [1, ...DECK_SCALES];

/**
 * The head of `p0` broken only at `cuts` (phraseLines) into one of `counts` lines, fewest
 * first, at the largest of `scales` × its size (1: its own) that has such a way; false when
 * none has.
 */
function cutHead(setter: Setter, p0: PreparedParagraph, marks: Mark[] | undefined, cuts: number[], width: number, counts: readonly number[], loneWord: boolean, scales: readonly number[]): { set: SetLine[]; style: TextStyle } | false {
  for (const scale of scales) {
    const a = atScale(p0.style, width, scale);
    const p = a.style === p0.style ? p0 : setter.prepare(p0.text, a.style, marks);
    for (const count of counts) {
      const set = phraseLines(setter, p, cuts, a.width, count, loneWord);
      if (set) return { set: narrowed(set, a.hscale), style: a.style };
    }
  }
  return false;
}

/**
 * Words an English head line does not end with (copy desks call it a split head): articles and
 * possessives, prepositions, conjunctions, and a title before its name (Gov. | Healey).
 */
const HEAD_SPLIT_WORDS = new Set(
  (
    'a an the its his their our your my of on in to for at by with from into onto over as than via per amid after before about ' +
    'against among between during without through toward towards under upon across near despite and or but nor & if vs vs. v. ' +
    'gov. sen. rep. dr. mr. mrs. ms. gen. lt. sgt. capt. col. maj. prof. rev. pres. supt. atty.'
  ).split(' '),
);

/** What follows a number as its own unit: $310 million, 4.2 billion, 58 percent. */
const NUMBER_UNIT = /^(?:million|billion|trillion|thousand|hundred|percent|pct\.?)(?![\p{L}\p{N}])/iu;

/**
 * Where an English head may break: at its word spaces (phraseCuts' 'spaces'), but not after a
 * word of HEAD_SPLIT_WORDS (“the”, “of”, “and”…, a quote before it aside) nor between a number
 * and its unit (NUMBER_UNIT).
 */
function englishHeadCuts(p: PreparedParagraph): number[] {
  return phraseCuts(p, 'spaces').filter((i) => {
    const before = /\S+$/u.exec(p.text.slice(0, p.start[i]).trimEnd())?.[0] ?? '';
    const after = p.text.slice(p.end[i]);
    const word = before.replace(/^[\u201C\u2018"'(\[]+/u, '').toLowerCase();
    return !HEAD_SPLIT_WORDS.has(word) && !(/\d/.test(before) && NUMBER_UNIT.test(after));
  });
}

/** The head of `p0` at its size in one of `counts` lines, fewest first, between its dictionary words (wordLines); false when there is no such way. */
function wordHead(setter: Setter, p0: PreparedParagraph, width: number, counts: readonly number[]): { set: SetLine[]; style: TextStyle } | false {
  for (const count of counts) {
    const set = wordLines(setter, p0, width, count);
    if (set) return { set, style: p0.style };
  }
  return false;
}

/** `text` in `count` lines broken only where an English head may break (englishHeadCuts), each at its natural width, as even as such lines can be; null when there is no such way. */
function englishLines(setter: Setter, text: string, style: TextStyle, measure: number, count: number, marks?: Mark[]): SetLine[] | null {
  const p = setter.prepare(text, style, marks);
  return phraseLines(setter, p, englishHeadCuts(p), measure, count, true);
}

/** `style` at `scale` × its size, to a quarter point. */
function scaledStyle(style: TextStyle, scale: number): TextStyle {
  return textStyle({ ...style, size: Math.round(style.size * scale * 4) / 4 });
}

/**
 * A head at `scale` (DECK_SCALES): English at that fraction of its size on the measure; Chinese
 * at its own size on the measure ÷ `scale`, its lines then narrowed to `scale` (长体, `narrowed`),
 * as a Chinese desk condenses a head — a head's lines keep one size and their height. Latin type
 * is not scaled horizontally: an English head is set smaller.
 */
function atScale(style: TextStyle, width: number, scale: number): { style: TextStyle; width: number; hscale: number } {
  if (scale === 1) return { style, width, hscale: 1 };
  return style.language === 'zh' ? { style, width: width / scale, hscale: scale } : { style: scaledStyle(style, scale), width, hscale: 1 };
}

/**
 * Lines set at their size on the measure ÷ `hscale`, narrowed to `hscale` (长体): their x,
 * width, measure and glyph positions are what they take on the page, and `hscale` tells the
 * painter to draw each glyph that much narrower (PDF's Tz). New lines and runs: the set lines
 * may be a memo's.
 */
function narrowed(set: SetLine[], hscale: number): SetLine[] {
  if (hscale === 1) return set;
  return set.map((l) => ({
    ...l,
    x: l.x * hscale,
    width: l.width * hscale,
    measure: l.measure * hscale,
    hscale,
    runs: l.runs.map((r) =>
      glyphRun(
        r.font,
        r.size,
        r.dy,
        r.ids,
        r.xs.map((x) => x * hscale),
        r.clusters,
      ),
    ),
  }));
}

/** The text on one line at the largest of the deck's scales down to `min` (atScale) that holds it, or null. */
function condensed(setter: Setter, text: string, style: TextStyle, width: number, min: number, marks?: Mark[]): { set: SetLine[]; style: TextStyle } | null {
  const scales = DECK_SCALES.filter((s) => s >= min - 1e-9);
  const at = (scale: number) => {
    const a = atScale(style, width, scale);
    return { set: setter.set(text, a.style, a.width, marks), style: a.style, hscale: a.hscale };
  };
  // Every width of a line scales with its size, so a line that is too long at the smallest
  // scale is too long at every scale above it (narrowed, its measure grows as much): that
  // scale is tried first (an English size is shaped anew), and those between only when it fits.
  const smallest = at(scales[scales.length - 1]);
  if (smallest.set.length !== 1) return null;
  for (let k = 0; k < scales.length - 1; k++) {
    const one = at(scales[k]);
    if (one.set.length === 1) return { set: narrowed(one.set, one.hscale), style: one.style };
  }
  return { set: narrowed(smallest.set, smallest.hscale), style: smallest.style };
}

/**
 * `first` (the text set to `width`, more than one line) balanced: the narrowest measure that
 * still gives as many lines.
 */
function balancedLines(setter: Setter, text: string, style: TextStyle, width: number, first: SetLine[], marks?: Mark[]): SetLine[] {
  // Balance: the narrowest measure that still gives the same number of lines. In English,
  // each line at its natural width too: the narrowest measure at all cut a centred line's
  // word spaces to two thirds in a frame with room to spare. Measures are tried from the
  // narrowest up in steps of a quarter em (the breaker's choices are not monotone in the
  // measure, so no bisection); when none is natural, the narrowest with as many lines is
  // taken. (A centred line is `justified` only when squeezed to its measure.) Chinese keeps
  // the narrowest measure: its squeeze is punctuation compression, which clreq allows in
  // any line, and a wider measure only moves the break within a word (政务服|务).
  if (style.language === 'en') {
    const natural = (set: SetLine[], measure: number) => set.every((l) => !l.justified && l.width <= measure + 1e-6);
    for (let m = width / first.length; m < width; m += style.size / 4) {
      const set = setter.set(text, style, m, marks);
      if (set.length <= first.length && natural(set, m)) return set;
    }
    if (natural(first, width)) return first;
  }
  let lo = width / first.length;
  let hi = width;
  let best = first;
  for (let i = 0; i < 12; i++) {
    const mid = (lo + hi) / 2;
    const set = setter.set(text, style, mid, marks);
    if (set.length <= first.length) {
      best = set;
      hi = mid;
    } else lo = mid;
  }
  return best;
}

/**
 * A Chinese crosshead or brief title (`first`: set to the column, two lines or more) broken as
 * a head is — between its phrases, or balanced — a crosshead's lines centred in the column.
 */
function headLines(setter: Setter, text: string, style: TextStyle, measure: number, first: SetLine[], marks?: Mark[]): SetLine[] {
  const p = setter.prepare(text, style, marks);
  const lines =
    phraseLines(setter, p, phraseCuts(p, 'phrases'), measure, first.length) ??
    phraseLines(setter, p, phraseCuts(p, 'words'), measure, first.length) ??
    charLines(setter, p, measure, first.length) ??
    balancedLines(setter, text, style, measure, first, marks);
  for (const l of lines) {
    if (style.align === 'center') l.x += (measure - l.measure) / 2;
    l.measure = measure;
  }
  return lines;
}

/** Smallest size, as a fraction of its own, a crosshead or brief title is set at to stay on one line. */
const TITLE_MIN_SCALE = 0.9;

/** Words that open a byline's credit: 记者, 本报记者, 通讯员, 实习生… */
// A string, not a regex literal: the bundle is ASCII, and esbuild escapes strings only.
const BYLINE_ROLE = new RegExp('^(?:本报|本報|新华社|新華社|中新社|特约|特約|见习|見習|首席|摄影|攝影)*(?:记者|記者|通讯员|通訊員|实习生|實習生)', 'u');

/**
 * Where an English byline's parts start: its second writer (and MARY CLARE JALONICK), a wire
 * agency written without its comma (By JANE DOE Associated Press) and, after a comma, the title
 * or agency (Staff Writer, Associated Press).
 */
const BYLINE_PART = /^(?:(?:and|&)\s|(?:The\s+)?Associated\s+Press\b|Reuters\b|Bloomberg\b|Agence\s+France-Presse\b)/;

/**
 * A byline too long for its column, broken between its words: each line as long as it can be
 * up to a role word (记者 张晓燕 王志刚|通讯员 李明) or, in English, up to the start of a part
 * (By LISA MASCARO|and MARY CLARE JALONICK,|Associated Press), else up to a name. Null when
 * one word alone is wider than the column (it is then broken as text is).
 */
function bylineLines(setter: Setter, p: PreparedParagraph, measure: number): SetLine[] | null {
  const words = phraseCuts(p, 'spaces');
  const next = (e: number) => p.text.slice(p.start[e + 1], p.start[e + 1] + 24);
  const roles = words.filter((e) => BYLINE_ROLE.test(next(e)) || BYLINE_PART.test(next(e)) || p.text.slice(0, p.start[e + 1]).trimEnd().endsWith(','));
  const lines: SetLine[] = [];
  let a = 0;
  for (;;) {
    const rest = setter.line(p, a, p.n - 1, measure);
    if (rest.width <= measure + 1e-6) return [...lines, rest];
    let next = -1;
    for (const cuts of [roles, words]) {
      for (let j = cuts.length - 1; j >= 0 && cuts[j] >= a && next < 0; j--) {
        const l = setter.line(p, a, cuts[j], measure);
        if (l.width <= measure + 1e-6) {
          lines.push(l);
          next = cuts[j] + 1;
        }
      }
      if (next >= 0) break;
    }
    if (next < 0) return null;
    a = next;
  }
}

/** The bars a desk puts between a head's label and its head (两会时间｜代表委员热议…): a phrase ends after one. */
const HEAD_BARS = '｜|丨';

/**
 * Cluster indices a Chinese head may end a line on between its phrases: a space between
 * Chinese words (the desk's own phrase separator: 今年计划改造小区326个 惠及居民5.2万户),
 * after a pause, stop or closing mark or a bar (《…发展规划》|正式发布, 两会时间｜|代表委员…),
 * either side of a dash (云海深——|太原市), and before an opening mark (冬季供暖为何|“冷热不均”？).
 * Each is a break the kinsoku rules allow. `spaces`: the spaces alone (a byline's words);
 * `words`: the phrases' breaks and those where the script changes between Han and a Latin word
 * or a number (太原|GDP|突破|5800亿元: a word's edge), but not after a number (5800|亿元,
 * 2|号线: a number and its measure word are one); `chars`: every break but those after a number.
 */
function phraseCuts(p: PreparedParagraph, level: 'spaces' | 'phrases' | 'words' | 'chars'): number[] {
  const blank = (k: number) => k === CharKind.Space || k === CharKind.IdeoSpace;
  const word = isWordKind;
  /** Where the script changes from `a` to `b`: Han to a Latin word or number, a Latin word (not a number) to Han. */
  const scriptEdge = (a: number, b: number) => (a === CharKind.Han && (b === CharKind.Latin || b === CharKind.Digit)) || (a === CharKind.Latin && b === CharKind.Han);
  const cuts: number[] = [];
  for (let i = 0; i < p.n - 1; i++) {
    if (p.breakAfter[i] !== Brk.Allowed) continue;
    const k = p.kind[i];
    const next = p.kind[i + 1];
    if (level === 'chars') {
      if (!(k === CharKind.Digit && next === CharKind.Han) && !blank(next)) cuts.push(i);
      continue;
    }
    if (blank(k)) {
      if (blank(next)) continue;
      // A space between Chinese words is the desk's phrase separator; beside a Latin word or a
      // number it is a word space (iPhone 16, Mate 60 Pro, and the writers who space out
      // 增长 5.2%), a break only where the script changes, as one without a space.
      let b = i - 1;
      while (b >= 0 && blank(p.kind[b])) b--;
      const before = b >= 0 ? p.kind[b] : CharKind.Han;
      if (level === 'spaces' || (!word(before) && !word(next)) || (level === 'words' && scriptEdge(before, next))) cuts.push(i);
      continue;
    }
    if (level === 'spaces' || blank(next)) continue;
    if (k === CharKind.Pause || k === CharKind.Stop || k === CharKind.Closing || next === CharKind.Opening || (k === CharKind.Dash) !== (next === CharKind.Dash) || HEAD_BARS.includes(p.text[p.start[i]])) cuts.push(i);
    else if (level === 'words' && scriptEdge(k, next)) cuts.push(i);
  }
  return cuts;
}

/**
 * A Chinese head in `count` even lines broken wherever the characters allow (phraseCuts'
 * 'chars': not between a number and its measure word), the last resort before balancing by
 * measure, preferring its word boundaries (wordCuts): 省政府支持|太原打造|为旅游热点|门户城市,
 * not 省政府支|持太原打|造为旅游热|点门户城市. Null as phraseLines.
 */
function charLines(setter: Setter, p: PreparedParagraph, width: number, count: number): SetLine[] | null {
  return wordLines(setter, p, width, count) ?? phraseLines(setter, p, phraseCuts(p, 'chars'), width, count, true);
}

/** charLines' preference alone: `count` even lines broken only between the head's words (wordCuts), or null (none fits, or no dictionary). */
function wordLines(setter: Setter, p: PreparedParagraph, width: number, count: number): SetLine[] | null {
  const words = wordCuts(p, phraseCuts(p, 'chars'));
  return words && phraseLines(setter, p, words, width, count, true);
}

/** Heads the runtime's word segmenter must split as a dictionary does before a head's breaks follow it (headSegmenter). */
const SEGMENTER_CANARY: readonly (readonly string[])[] = [
  ['小区', '改造'],
  ['省城', '地铁'],
];

let segmenterCtor: unknown = null;
let segmenter: Intl.Segmenter | null = null;

/**
 * The runtime's Chinese word segmenter (Intl.Segmenter: ICU's dictionary in Node and in
 * Chromium), or null when it has none or it does not segment by a dictionary (a small-icu
 * build, or one that splits every Han character: SEGMENTER_CANARY). A head then breaks as
 * before, at any character. Looked at again only when Intl.Segmenter is another (tests).
 */
function headSegmenter(): Intl.Segmenter | null {
  const Ctor = typeof Intl === 'object' ? Intl.Segmenter : undefined;
  if (Ctor === segmenterCtor) return segmenter;
  segmenterCtor = Ctor;
  segmenter = null;
  if (typeof Ctor !== 'function') return null;
  try {
    const s = new Ctor('zh', { granularity: 'word' });
    if (SEGMENTER_CANARY.every((words) => [...s.segment(words.join(''))].map((w) => w.segment).join('|') === words.join('|'))) segmenter = s;
  } catch {
    segmenter = null;
  }
  return segmenter;
}

/**
 * The cuts of `cuts` (a head's 'chars' cuts) that fall between two of its words by the
 * runtime's dictionary (headSegmenter), and not between two words of one Han character each:
 * the dictionary leaves a name, an idiom or a word it does not know in single characters
 * (王|志|刚, 一|鼓|作|气, 招|商|引|资), and a break between two of them may cut it (表彰王|志刚,
 * 全市上下一|鼓作气). Nor after a Han numeral before Han, which the dictionary splits as it
 * likes (二百|八|十五|亿|斤, 三|个, 十二|万人|次): a number and its measure word are one, as
 * with digits. Null without a dictionary, or when it leaves out none of `cuts`. A cut inside a
 * word (老旧小|区, 太|原) is never one of them.
 */
function wordCuts(p: PreparedParagraph, cuts: readonly number[]): number[] | null {
  const edges = wordEdges(p);
  if (!edges) return null;
  const numeral = (i: number) => HAN_NUMERALS.includes(p.text[p.start[i]]) && p.kind[i + 1] === CharKind.Han;
  const words = cuts.filter((i) => edges.get(p.start[i + 1]) === false && !numeral(i));
  return words.length < cuts.length ? words : null;
}

/**
 * The head's words by the runtime's dictionary (headSegmenter): UTF-16 offset where a word
 * starts → whether it and the word before are one Han character each. Null without a dictionary.
 */
function wordEdges(p: PreparedParagraph): ReadonlyMap<number, boolean> | null {
  const seg = headSegmenter();
  if (!seg) return null;
  // A head asks again for the same text: whether its lines cut a word, and at each smaller size.
  if (lastEdges?.seg === seg && lastEdges.text === p.text) return lastEdges.edges;
  const edges = new Map<number, boolean>();
  let single = false;
  for (const w of seg.segment(p.text)) {
    const one = HAN.test(w.segment);
    if (w.index > 0) edges.set(w.index, single && one);
    single = one;
  }
  lastEdges = { seg, text: p.text, edges };
  return edges;
}

/** The last head's words (wordEdges), kept for its next question. */
let lastEdges: { seg: Intl.Segmenter; text: string; edges: ReadonlyMap<number, boolean> } | null = null;

/**
 * Whether a line of `lines` may end inside a word: not between two words of the dictionary's
 * (wordCuts), but inside one (老旧小|区) or between two of one Han character each, which may be a
 * word it does not know (ICU has 春|运).
 */
function cutsWord(p: PreparedParagraph, lines: readonly SetLine[]): boolean {
  const edges = wordEdges(p);
  return !!edges && lines.some((l, i) => i > 0 && edges.get(l.start) !== false);
}

/** The characters (headUnits) of the shortest of a head's `lines`. */
function shortestLine(p: PreparedParagraph, lines: readonly SetLine[]): number {
  const first = lines.map((l) => p.start.indexOf(l.start));
  return Math.min(...first.map((a, i) => headUnits(p, a, i + 1 < first.length ? first[i + 1] - 1 : p.n - 1)));
}

/** Han numerals: digits, tens to hundred millions, 两 and 〇. */
const HAN_NUMERALS = '〇零一二三四五六七八九十百千万亿两';

/** One Han character, the whole string. */
const HAN = /^\p{Script=Han}$/u;

/** Letters, digits and the ASCII marks between them (5.2%, AR/VR): one word of a head. */
function isWordKind(k: number): boolean {
  return k === CharKind.Latin || k === CharKind.Digit || k === CharKind.Other;
}

/** Characters of clusters a..e that count against a lone character: Han, and each Latin word or number as one (PM2.5, 5.2%, AR/VR). */
function headUnits(p: PreparedParagraph, a: number, e: number): number {
  const word = isWordKind;
  let units = 0;
  for (let i = a; i <= e; i++) {
    const k = p.kind[i];
    if (k === CharKind.Han || (word(k) && !(i > a && word(p.kind[i - 1])))) units++;
  }
  return units;
}

/**
 * Whether `cuts` can break the text into `count` lines none of which holds one character or
 * one word alone (phraseLines' rule without widths: what no size can change).
 */
function splittable(p: PreparedParagraph, cuts: readonly number[], count: number): boolean {
  if (count < 2 || cuts.length < count - 1) return false;
  const last = cuts.length;
  const start = (i: number) => (i === 0 ? 0 : cuts[i - 1] + 1);
  const end = (j: number) => (j === last ? p.n - 1 : cuts[j]);
  // reach[k]: the cut indices i a line may start after (i lines of k already made).
  let from = new Set([0]);
  for (let k = 1; k < count; k++) {
    const next = new Set<number>();
    for (const i of from) for (let j = i; j < last; j++) if (headUnits(p, start(i), end(j)) >= 2) next.add(j + 1);
    from = next;
  }
  for (const i of from) if (i <= last && headUnits(p, start(i), end(last)) >= 2) return true;
  return false;
}

function hasHan(p: PreparedParagraph, a: number, e: number): boolean {
  for (let i = a; i <= e; i++) if (p.kind[i] === CharKind.Han) return true;
  return false;
}

/**
 * A Chinese head in `count` lines broken only at `cuts` (phraseCuts), every line within
 * `width` and none holding one character alone (孤字), nor one Latin word or number unless
 * `loneWord` (a long one may have to stand alone): of those, the one whose longest line is
 * shortest, then whose shortest is longest. Null when there is none: the head is then balanced
 * by measure (balancedLines), which breaks wherever the even lines fall, inside a word too.
 * A reader takes a head in phrases; 相知可抵云海深——太|原市招商引资工作综述 and
 * 今年计划改造小区326|个 惠及居民5.2万户 (its own space ignored) cut a name and a number.
 */
function phraseLines(setter: Setter, p: PreparedParagraph, cuts: number[], width: number, count: number, loneWord = false): SetLine[] | null {
  if (count < 2 || cuts.length < count - 1) return null;
  /** Clusters a..e as a line; `ok` when within the width (`wide` when not) and no lone character. */
  const memo = new Map<number, { line: SetLine; wide: boolean; ok: boolean }>();
  const fit = (a: number, e: number) => {
    const key = a * (p.n + 1) + e;
    let f = memo.get(key);
    if (!f) {
      const line = setter.line(p, a, e, width);
      // An English line only at its natural width: its word spaces are not cut to fit (balancedLines).
      const wide = line.width > width + 1e-6 || (line.justified && p.style.language === 'en');
      const units = headUnits(p, a, e);
      f = { line, wide, ok: !wide && (units >= 2 || (loneWord && units === 1 && !hasHan(p, a, e))) };
      memo.set(key, f);
    }
    return f;
  };
  // Line i..j: from the start after cut i − 1 (0 for i = 0) to cut j (the text's end for
  // j = cuts.length). Two passes of dynamic programming over (first cut, lines left), memoised:
  // the smallest longest line, then, among the ways within it, the largest shortest line.
  const last = cuts.length;
  const start = (i: number) => (i === 0 ? 0 : cuts[i - 1] + 1);
  const end = (j: number) => (j === last ? p.n - 1 : cuts[j]);
  const key = (i: number, k: number) => i * (count + 1) + k;
  /** The ends j a line from start i may take when k lines are left (the last line ends the text). */
  const each = (i: number, k: number, f: (j: number, line: SetLine) => void) => {
    for (let j = k === 1 ? last : i; j <= (k === 1 ? last : last - 1); j++) {
      const l = fit(start(i), end(j));
      if (l.wide) break; // a longer line is wider still
      if (l.ok) f(j, l.line);
    }
  };
  const longest = new Map<number, number>();
  const minLongest = (i: number, k: number): number => {
    if (k === 0) return i > last ? 0 : Infinity;
    if (i > last) return Infinity;
    let m = longest.get(key(i, k));
    if (m === undefined) {
      m = Infinity;
      const found = (j: number, line: SetLine) => {
        m = Math.min(m as number, Math.max(line.width, minLongest(j + 1, k - 1)));
      };
      each(i, k, found);
      longest.set(key(i, k), m);
    }
    return m;
  };
  const bound = minLongest(0, count);
  if (bound === Infinity) return null;
  const shortest = new Map<number, { min: number; j: number }>();
  const maxShortest = (i: number, k: number): number => {
    if (k === 0) return i > last ? Infinity : -Infinity;
    if (i > last) return -Infinity;
    let s = shortest.get(key(i, k));
    if (s === undefined) {
      const best = { min: -Infinity, j: -1 };
      each(i, k, (j, line) => {
        if (line.width > bound + 1e-6) return;
        const m = Math.min(line.width, maxShortest(j + 1, k - 1));
        if (m > best.min) {
          best.min = m;
          best.j = j;
        }
      });
      s = best;
      shortest.set(key(i, k), s);
    }
    return s.min;
  };
  if (maxShortest(0, count) === -Infinity) return null;
  const lines: SetLine[] = [];
  for (let i = 0, k = count; k > 0; k--) {
    const j = shortest.get(key(i, k))?.j ?? -1;
    if (j < 0) return null;
    lines.push(fit(start(i), end(j)).line);
    i = j + 1;
  }
  return lines;
}

/** A column of a part: its x, the grid line under the deck, where text starts (under a jump-in line) and ends (above a jump-out line). */
interface ColumnBounds {
  x: number;
  width: number;
  top: number;
  start: number;
  end: number;
  /** The last column of a part that jumps on: a crosshead does not end it, even at its top. */
  beforeJump: boolean;
}

/** Column heights for balanced text (grid lines from the column's top), and whether a paragraph's last line may stand alone atop a column. */
interface ColumnShape {
  heights: number[];
  widows: boolean;
}

interface FlowPosition {
  item: number;
  line: number;
}

interface FlowResult extends FlowPosition {
  /** Heights given to the photos, in grid lines, in order. */
  photos: number[];
  /** Grid lines each column fills from its top (jump-in line included). */
  used: number[];
  /** Columns after the first that open with the last line of a paragraph begun in the column before. */
  widows: number;
}

/**
 * Flows items from `from` through a part's columns, top to bottom, one column after the other.
 * With a `shape` (balancing), each column is cut at its height and a crosshead or brief title
 * is kept off the foot of a column even at its top. A paragraph does not leave its last line
 * alone at the top of the next column or part (unless `shape.widows`, or without a shape
 * `widows`). Without `out` it only measures: nothing is allocated.
 */
function flowColumns(items: FlowItem[], from: FlowPosition, bounds: ColumnBounds[], shape: ColumnShape | null, out: { grid: Grid; layout: FrameLayout; broken: string[] } | null, widows = false): FlowResult {
  let item = from.item;
  let lineInItem = from.line;
  const photos: number[] = [];
  const used: number[] = [];
  let widowCount = 0;
  for (let c = 0; c < bounds.length; c++) {
    const b = bounds[c];
    let bottom = b.start;
    // Lines set in this column since a crosshead or brief title (which they must stay with).
    let sinceKeep = KEEP_WITH_NEXT_LINES;
    const column: ColumnLayout | null = out ? { x: b.x, width: b.width, lines: [] } : null;
    if (out && column) out.layout.columns.push(column);
    let t = b.start;
    const end = shape ? Math.min(b.end, b.top + shape.heights[c]) : b.end;
    // Widows are kept off the top of every column the text goes on from: the next column of the
    // part, and the next part after the last column of a part that jumps (balanced or filled top
    // to bottom). Not after the last column of the last part: what does not fit there is overset.
    const widowGuard = !(shape ? shape.widows : widows) && (c < bounds.length - 1 || b.beforeJump);
    while (item < items.length && t < end) {
      const it = items[item];
      const atTop = t === b.top || t === b.start;
      if (it.kind === 'photo') {
        // The caption stays under its picture: the picture gives up height for it.
        const caption = captionSpan(items, item);
        // A line of white between the text above and the picture's frame (none at a column's top).
        // A jump-in line (上接第1版) is text above: the picture hugged its baseline, 4 pt under it.
        const before = t === b.top ? 0 : it.spaceBefore;
        const room = end - t - before - caption;
        if (room < Math.min(it.span, it.least) && !atTop) break;
        t += before;
        const h = Math.max(1, Math.min(it.span, room));
        if (out && column) {
          const { grid } = out;
          out.layout.photos.push({ x: b.x, y: grid.top + t * grid.leading, width: column.width, height: h * grid.leading - grid.leading * PHOTO_GAP, block: it.block, asset: it.asset });
        }
        photos.push(h);
        t += h;
        bottom = t;
        item++;
        lineInItem = 0;
        continue;
      }
      if (lineInItem === 0) {
        let before = atTop ? 0 : it.spaceBefore;
        // Crossheads and brief titles are not left at a column foot: two lines must follow. At a
        // column's top it stays (it could go nowhere better), unless the column ends in a jump
        // line: then the next part is a better place than a crosshead alone above (下转).
        const need = it.keepWithNext ? itemSpan(it) + keptBelow(items, item) : 0;
        if (it.keepWithNext && (!atTop || shape || b.beforeJump) && t + before + need > end) {
          // Moved on, it would leave its space, itself and a line empty: at the foot of a column
          // filled to its end it gives its line of space up instead, when that is enough. (A
          // balanced column has no fixed foot: the balancing finds heights that keep the space.)
          if (shape || t + need > end) break;
          before = 0;
        }
        t += before;
        if (t >= end) break;
      }
      if (t + lineSpan(it, lineInItem) > end) break;
      // Widow: the paragraph's last line would open the next column alone; its last two go there
      // (unless that parts them from a crosshead).
      if (widowGuard && it.role === 'body' && lineInItem === it.lines.length - 2 && !atTop && sinceKeep >= KEEP_WITH_NEXT_LINES && t + 2 * it.span > end) break;
      if (c > 0 && t === b.start && it.role === 'body' && lineInItem > 0 && lineInItem === it.lines.length - 1) widowCount++;
      if (out && column) {
        const line = it.lines[lineInItem];
        // Every part prints on from where the one before stopped: a line that does not start
        // there repeats or skips words (a paragraph set again after part of it was printed).
        if (line.start !== (it.printedTo ?? it.lines[0].start)) out.broken.push(out.layout.frame);
        it.printedTo = line.end;
        column.lines.push(laid(it.role, line, b.x, lineY(out.grid, it, lineInItem, t), it.block, it.paragraph));
      }
      t += lineSpan(it, lineInItem);
      bottom = t;
      sinceKeep = it.keepWithNext ? 0 : sinceKeep + 1;
      lineInItem++;
      if (lineInItem >= it.lines.length) {
        item++;
        lineInItem = 0;
      }
    }
    used.push(bottom - b.top);
  }
  return { item, line: lineInItem, photos, used, widows: widowCount };
}

/** Taller column heights tried past the smallest that fits, when that one gives uneven columns. */
const BALANCE_SLACK = 3;

/**
 * Balanced columns for the part where the text ends. When the rest of the text fits the part,
 * the smallest column height H it still fits in; then shapes with the first k columns at H and
 * the others at H − 1 (and, if none comes out even, the same with H a few lines taller), and
 * the one whose columns come out most even wins: no later column longer than an earlier one
 * and no two more than a line apart (the first columns at most a line longer than the later
 * ones), then the shortest, then the fewest columns at H. Photos keep the height they have
 * unbalanced. No column is left without text before one with text (a jump-in line alone atop
 * the first column is no text). Between uneven shapes: a column longer than the one before
 * (a hole in mid-story) costs three lines of spread, a paragraph's last line alone atop a
 * column (a widow) two and a half. So a widow is accepted only when every shape without one
 * has a rise or columns four lines apart: a short last column, even an empty one, is the
 * lesser evil, and the two lines of a short continuation stay under their jump-in line rather
 * than put the paragraph's last line alone beside it. Null (fill top to bottom, as before)
 * when the text does not fit, or there is nothing to balance. Each try is a dry run of
 * flowColumns (no allocation), a few dozen per article at most.
 */
function balance(items: FlowItem[], from: FlowPosition, bounds: ColumnBounds[]): ColumnShape | null {
  if (bounds.length < 2 || from.item >= items.length) return null;
  // Filled top to bottom, widows allowed: whether the text fits at all.
  const plain = flowColumns(items, from, bounds, null, null, true);
  if (plain.item < items.length) return null;
  const run = (shape: ColumnShape): FlowResult | null => {
    const r = flowColumns(items, from, bounds, shape, null);
    // Everything placed, and no photo smaller than when filled top to bottom.
    if (r.item < items.length || !r.photos.every((h, i) => h >= plain.photos[i])) return null;
    // No column without text before one with text. A jump-in line (上接第1版) is not text: it
    // counts in its column's height, and a shape of one line per column left it alone above an
    // empty column, the text starting beside it.
    let empty = false;
    for (let c = 0; c < bounds.length; c++) {
      const text = r.used[c] - (bounds[c].start - bounds[c].top);
      if (text > 0 && empty) return null;
      if (text <= 0) empty = true;
    }
    return r;
  };
  const full = Math.max(...bounds.map((b) => b.end - b.top));
  const uniform = (h: number, widows: boolean): ColumnShape => ({ heights: bounds.map(() => h), widows });
  /** Smallest uniform column height the text fits in, or null when it does not fit the part. */
  const smallest = (widows: boolean): number | null => {
    if (!run(uniform(full, widows))) return null;
    let lo = 0; // does not fit
    let hi = full; // fits
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (run(uniform(mid, widows))) hi = mid;
      else lo = mid;
    }
    return hi;
  };
  // Below EVEN: no column longer than the one before, none more than a line shorter than another.
  const EVEN = 100;
  // A paragraph's last line alone atop a column.
  const WIDOW = 250;
  // A column longer than the one before: a hole in mid-story, worse than a widow.
  const RISE = 300;
  const loosest = smallest(true);
  if (loosest === null) return null;
  let best: { shape: ColumnShape; score: number } | null = null;
  for (const widows of [false, true]) {
    const hi = widows ? loosest : smallest(false);
    if (hi === null) continue;
    for (let h = hi; h <= Math.min(full, hi + BALANCE_SLACK); h++) {
      for (let k = 1; k <= bounds.length; k++) {
        const shape = { heights: bounds.map((_, c) => (c < k ? h : h - 1)), widows };
        const r = run(shape);
        if (!r) continue;
        let rise = 0;
        for (let c = 1; c < r.used.length; c++) rise += Math.max(0, r.used[c] - r.used[c - 1]);
        const spread = Math.max(...r.used) - Math.min(...r.used);
        const score = rise * RISE + Math.max(0, spread - 1) * EVEN + r.widows * WIDOW + (h - loosest) * 10 + spread;
        if (!best || score < best.score) best = { shape, score };
      }
      if (best && best.score < EVEN) break;
    }
    // Shapes that let a widow stand are tried only when none without is within 2½ lines of even.
    if (best && best.score < WIDOW) break;
  }
  return best?.shape ?? null;
}

/**
 * When the last line a part places (the flow stopped at `end`; it started at `from`) ends in a
 * drawn hyphen, sets its paragraph again with that line ending on a whole word — same line
 * number, so the part still ends on it — when the paragraph allows (Knuth–Plass; the lines
 * before keep their count). The next part then starts on a whole word. Lines an earlier part
 * has printed (the paragraph began there) must come out the same, or the new setting is not
 * taken: the parts would repeat or lose the words between them.
 */
function unhyphenateBeforeJump(items: FlowItem[], from: FlowPosition, end: FlowPosition): void {
  const at = end.line > 0 ? { item: end.item, line: end.line - 1 } : end.item > 0 ? { item: end.item - 1, line: -1 } : null;
  if (!at || at.item < from.item) return;
  const it = items[at.item];
  if (it?.kind !== 'text' || !it.reset) return;
  const k = at.line < 0 ? it.lines.length - 1 : at.line;
  if (!it.lines[k]?.hyphenated) return;
  const again = it.reset(k);
  if (again.length <= k || again[k].hyphenated) return;
  const printed = at.item === from.item ? from.line : 0;
  for (let i = 0; i < printed; i++) {
    if (again[i].start !== it.lines[i].start || again[i].end !== it.lines[i].end || again[i].hyphenated !== it.lines[i].hyphenated) return;
  }
  it.lines = again;
}

/** Empty grid lines at the foot of an article's last frame that make a hole worth a warning. */
export const UNDERFULL_LINES = 3;

/** Smallest size, as a fraction of the style's, a jump line may be set at to stay on one line. */
const JUMP_MIN_SCALE = 0.8;

/**
 * A jump line on one line: at its size, or smaller — down to JUMP_MIN_SCALE — when a long page
 * label makes it wider than the column. Broken, it would lose its page number (Continued on
 * page Business / 12): when even the smallest size is too wide, its first line is kept and a
 * `jump-line-cut` warning (a preflight error) says so.
 */
function jumpLine(setter: Setter, text: string, style: TextStyle, measure: number, marks: Mark[] | undefined, frame: string, jump: 'in' | 'out', warnings: LayoutWarning[]): { line: SetLine; size: number } {
  let lines = setter.set(text, style, measure, marks);
  if (lines.length <= 1) return { line: lines[0], size: style.size };
  for (let scale = 0.95; scale >= JUMP_MIN_SCALE - 1e-9; scale -= 0.05) {
    const size = style.size * scale;
    lines = setter.set(text, textStyle({ ...style, size }), measure, marks);
    if (lines.length === 1) return { line: lines[0], size };
  }
  warnings.push({ code: 'jump-line-cut', frame, jump, message: `the jump line ${text} does not fit on one line of the column, even at ${Math.round(JUMP_MIN_SCALE * 100)} % of its size` });
  return { line: lines[0], size: style.size * JUMP_MIN_SCALE };
}

export function layoutArticle(provider: FontProvider, input: LayoutArticleInput): ArticleLayout {
  const { article, parts } = input;
  const firstGrid = parts[0]?.grid ?? input.grid;
  const styles = input.styles ?? defaultArticleStyles(article.language, input.grid.bodySize, parts[0]?.frame.span ?? 1);
  const setter = new Setter(provider);
  const warnings: LayoutWarning[] = [];
  // A news photo (图片新闻) spans its frame: picture and caption across all its columns.
  const wide = article.kind === 'photo';
  const measure = wide && parts[0] ? frameRect(firstGrid, parts[0].frame).width : firstGrid.columnWidth;
  // Its picture takes the lines its caption leaves, as a photo frame's does: the editor sized
  // the frame for it. At 0.7 of its width it left a hole under the caption of a taller frame.
  const fills = input.pictureFills === true || wide;
  const items = flowItems(article, styles, setter, measure, firstGrid, fills, input.pictures);
  const hyphenated = items.some((it) => it.kind === 'text' && it.lines.some((l) => l.hyphenated));
  const italic = (t: string): Mark[] | undefined => (article.language === 'en' ? [{ type: 'italic', start: 0, end: t.length }] : undefined);

  // Each part's deck, jump lines and columns, then the text flowed through them.
  const frames = parts.map((part, partIndex) => {
    const f = part.frame;
    const grid = part.grid ?? input.grid;
    const rect = frameRect(grid, f);
    const hasNext = partIndex < parts.length - 1;
    // The white space to frames above and below comes off the frame's lines (a frame keeps at least one).
    const below = Math.max(0, Math.min(part.spaceBelow ?? 0, f.height - 1));
    const above = Math.max(0, Math.min(part.spaceAbove ?? 0, f.height - 1 - below));
    const top = f.top + above;
    const height = f.height - above - below;
    const deckEntries =
      partIndex === 0
        ? [
            { role: 'kicker' as const, text: article.kicker ?? '', style: styles.kicker },
            ...article.headline.map((h) => ({ role: 'headline' as const, text: h, style: styles.headline })),
            { role: 'subhead' as const, text: article.subhead ?? '', style: styles.deckSubhead },
          ]
        : (part.jumpHead ?? []).map((h) => ({ role: 'jump-head' as const, text: h, style: styles.jumpHead }));
    const deck = setDeck(setter, grid, rect, top, deckEntries);
    if (part.headAir) dropHead(deck.lines, grid, top);
    // A line of air under a deck, when there is one.
    let deckLines = deck.used > 0 ? deck.used + 1 : 0;
    if (deckLines >= height) {
      // More lines than the frame has: the deck prints over whatever is below the frame.
      const over = above + deck.used > f.height;
      const spaced = above + below > 0 ? ` besides its space to the frames ${above && below ? 'above and below' : above ? 'above' : 'below'}` : '';
      warnings.push({ code: 'deck-too-tall', frame: f.id, message: `the headline needs ${deck.used} lines${over ? '' : ' and a line of air'}, the frame has ${height}${spaced}`, outside: over });
      deckLines = Math.min(deckLines, height);
    }
    let jumpIn: LaidLine | null = null;
    let jumpOut: LaidLine | null = null;
    const columnTop = top + deckLines;
    const columns = wide ? 1 : f.span;
    const bounds: ColumnBounds[] = [];
    for (let c = 0; c < columns; c++) {
      const x = grid.left + (f.col + c) * (grid.columnWidth + grid.gutter);
      let start = columnTop;
      let end = top + height;
      if (c === 0 && partIndex > 0 && part.jumpIn) {
        if (start < end) {
          const j = jumpLine(setter, part.jumpIn, styles.jumpIn, measure, italic(part.jumpIn), f.id, 'in', warnings);
          jumpIn = laid('jump-in', j.line, x, baselineY(grid, start, 1, j.size), -1, 0);
          start += 1;
        } else warnings.push({ code: 'jump-line-missing', frame: f.id, jump: 'in', message: `no line is left for the jump line ${part.jumpIn}` });
      }
      if (c === columns - 1 && hasNext && part.jumpOut) {
        if (end > start) {
          end -= 1;
          const j = jumpLine(setter, part.jumpOut, styles.jumpOut, measure, italic(part.jumpOut), f.id, 'out', warnings);
          jumpOut = laid('jump-out', j.line, x, baselineY(grid, end, 1, j.size), -1, 0);
        } else warnings.push({ code: 'jump-line-missing', frame: f.id, jump: 'out', message: `no line is left for the jump line ${part.jumpOut}` });
      }
      bounds.push({ x, width: wide ? rect.width : grid.columnWidth, top: columnTop, start, end, beforeJump: c === columns - 1 && hasNext });
    }
    const deckTooTall = warnings.some((w) => w.code === 'deck-too-tall' && w.frame === f.id);
    return { id: f.id, partIndex, grid, rect, deck: deck.lines, jumpIn, jumpOut, bounds, hasNext, deckTooTall };
  });

  /** The text through every part; `widows`: a paragraph's last line may stand alone atop a column when filling top to bottom. */
  const flow = (widows: boolean) => {
    let item = 0;
    let lineInItem = 0;
    const broken: string[] = [];
    for (const it of items) if (it.kind === 'text') it.printedTo = undefined;
    const laidOut = frames.map((p) => {
      const layout: FrameLayout = { frame: p.id, part: p.partIndex, ...p.rect, deck: p.deck, columns: [], photos: [], jumpIn: p.jumpIn, jumpOut: p.jumpOut, overset: 0 };
      const from = { item, line: lineInItem };
      // A part that jumps does not end in a hyphenated word: the reader would turn pages in mid-word.
      // (A dry run of the flow finds where it ends; most Chinese articles draw no hyphen at all.)
      if (p.hasNext && hyphenated) unhyphenateBeforeJump(items, from, flowColumns(items, from, p.bounds, null, null, widows));
      // The part where the text ends is balanced: the shortest columns it still fits in.
      const shape = p.hasNext ? null : balance(items, from, p.bounds);
      const done = flowColumns(items, from, p.bounds, shape, { grid: p.grid, layout, broken }, widows);
      item = done.item;
      lineInItem = done.line;
      return layout;
    });
    // Overset: every character that found no line, and every photo that found no room.
    let overset = 0;
    let photos = 0;
    for (let i = item; i < items.length; i++) {
      const it = items[i];
      if (it.kind === 'text') for (let j = i === item ? lineInItem : 0; j < it.lines.length; j++) overset += nonSpaceLength(it.lines[j].text);
      else photos++;
    }
    return { frames: laidOut, overset, photos, broken, lost: overset > 0 || photos > 0 ? lostText(items, { item, line: lineInItem }) : null };
  };
  // Widows are kept off the tops of columns unless that is what makes the text overrun its last
  // part: a widow is a blemish, lost text an error. (The second flow starts from the lines as
  // set: the first one's unhyphenation at its jumps is undone.)
  const set = items.map((it) => (it.kind === 'text' ? it.lines : null));
  const asSet = () =>
    items.forEach((it, i) => {
      if (it.kind === 'text') it.lines = set[i] ?? it.lines;
    });
  /** Filled with widows kept off, and again with them allowed when that overruns; `again`: the lines as set first (an earlier flow unhyphenated some). */
  const flowBoth = (again: boolean) => {
    if (again) asSet();
    const tight = flow(false);
    if (tight.overset === 0 && tight.photos === 0) return tight;
    asSet();
    const loose = flow(true);
    return loose.photos < tight.photos || (loose.photos === tight.photos && loose.overset < tight.overset) ? loose : tight;
  };
  let laidOut = flowBoth(false);
  // Overset with story photos: the photos give up lines, a line at a time and down to what they
  // may be cut to at a column's foot (least), when that is what lets the whole story fit. A desk
  // crops a picture a line before it cuts the story's last paragraph. (Only here: an article
  // that fits pays nothing; a photo frame's picture already takes what its caption leaves.)
  const cuttable = laidOut.overset > 0 && !fills ? items.filter((it): it is PhotoItem => it.kind === 'photo' && it.span > it.least) : [];
  if (cuttable.length) {
    const spans = cuttable.map((it) => it.span);
    const most = Math.max(...cuttable.map((it) => it.span - it.least));
    let fit: typeof laidOut | null = null;
    for (let cut = 1; cut <= most && !fit; cut++) {
      cuttable.forEach((it, k) => (it.span = Math.max(it.least, spans[k] - cut)));
      const r = flowBoth(true);
      if (r.overset === 0 && r.photos === 0) fit = r;
    }
    if (fit) laidOut = fit;
    else cuttable.forEach((it, k) => (it.span = spans[k]));
  }
  const overset = laidOut.overset;
  const result = laidOut.frames;
  frames.forEach((p, i) => {
    // A start that jumps with none of the story in it: headline, byline and (下转) only.
    if (p.partIndex === 0 && p.hasNext && !p.deckTooTall && !result[i].columns.some((c) => c.lines.some((l) => l.role === 'body'))) {
      warnings.push({ code: 'start-without-text', frame: p.id, message: 'the start holds none of the story: only its headline, byline and jump line fit' });
    }
  });

  // Never expected: the engine's own check that the parts print the text once, in order.
  for (const frame of new Set(laidOut.broken)) {
    warnings.push({ code: 'text-broken', frame, message: 'a line does not start where the text printed before it ended: words are repeated or lost here' });
  }
  // A hole: the text ends well above the foot of its last frame (the frame is too tall for it).
  // Not when a photo found no room there: the frame is too short for it, not too tall.
  const lastPart = frames[frames.length - 1];
  const lastLaid = result[result.length - 1];
  if (lastPart && lastLaid && overset === 0 && laidOut.photos === 0 && lastLaid.columns.some((c) => c.lines.length > 0)) {
    const g = lastPart.grid;
    const rowOf = (bottom: number) => Math.ceil((bottom - g.top) / g.leading - 1e-6);
    let deepest = 0;
    for (const c of lastLaid.columns) for (const l of c.lines) deepest = Math.max(deepest, rowOf(l.y + 0.12 * (l.runs[0]?.size ?? g.bodySize)));
    for (const ph of lastLaid.photos) deepest = Math.max(deepest, rowOf(ph.y + ph.height));
    const empty = Math.max(...lastPart.bounds.map((b) => b.end)) - deepest;
    if (empty >= UNDERFULL_LINES) warnings.push({ code: 'underfull', frame: lastPart.id, lines: empty, message: `the text ends ${empty} lines above the frame's foot` });
  }
  if (result.length) result[result.length - 1].overset = overset;
  if (result.length && laidOut.lost) result[result.length - 1].lost = laidOut.lost;
  if (overset > 0 || laidOut.photos > 0) {
    const photos = laidOut.photos === 1 ? '1 photo' : `${laidOut.photos} photos`;
    const message = [overset > 0 ? `${overset} characters` : '', laidOut.photos > 0 ? photos : ''].filter(Boolean).join(' and ');
    warnings.push({ code: 'overset', frame: result[result.length - 1]?.frame ?? '', message: `${message} ${overset === 0 && laidOut.photos === 1 ? 'does' : 'do'} not fit` });
  }
  for (const [cp] of setter.missing) {
    warnings.push({ code: 'missing-glyph', frame: parts[0]?.frame.id ?? '', message: `no bundled font has U+${cp.toString(16).toUpperCase().padStart(4, '0')}`, codePoint: cp });
  }
  return { frames: result, overset, warnings, fonts: [...setter.fonts].sort() };
}
