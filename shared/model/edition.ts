// Templates, editions, pages and frames (DESIGN.md, "Model"). Plain data validated with zod.
// Lengths a person types (trim, margins, gutter, bleed) are in millimetres; type sizes in
// points; positions of frames in grid units (columns and body lines).
import * as z from '../zod';
import { LanguageSchema } from './article';

export const JumpTextsSchema = z.object({
  /** Closing the part that continues elsewhere, e.g. （下转第{page}版） or Continued on page {page}. */
  out: z.string(),
  /** Opening a continuation, e.g. （上接第{page}版） or Continued from page {page}. */
  in: z.string(),
  /** Set the headline again over a continuation (the jump head). */
  head: z.boolean(),
});
export type JumpTexts = z.infer<typeof JumpTextsSchema>;

export const FolioSchema = z.object({
  /** Name printed in the folio line, e.g. 太原日报. */
  publication: z.string(),
  /** How page labels read in the folio: {page} is the label, e.g. 第{page}版 or Page {page}. */
  pageFormat: z.string(),
  /** Folio size in pt. */
  size: z.positiveNumber(),
});
export type Folio = z.infer<typeof FolioSchema>;

export const TemplateSchema = z.object({
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/)),
  name: z.string(),
  language: LanguageSchema,
  /** Trim size, mm. */
  trim: z.object({ width: z.positiveNumber(), height: z.positiveNumber() }),
  /** Bleed beyond the trim on every side, mm. */
  bleed: z.nonnegativeNumber(),
  /** Margins from the trim to the type area, mm. */
  margins: z.object({ top: z.nonnegativeNumber(), bottom: z.nonnegativeNumber(), inside: z.nonnegativeNumber(), outside: z.nonnegativeNumber() }),
  columns: z.positiveInt(),
  /** Space between columns, mm. */
  gutter: z.nonnegativeNumber(),
  /** Body size and line pitch, pt: the line grid. */
  bodySize: z.positiveNumber(),
  leading: z.positiveNumber(),
  folio: FolioSchema,
  jumps: JumpTextsSchema,
  builtIn: z.boolean(),
});
export type Template = z.infer<typeof TemplateSchema>;

/** A rectangle on the page's grid: `span` columns from `col`, `height` lines from `top` (all 0-based). */
export const GridBoxSchema = z.object({
  col: z.nonnegativeInt(),
  span: z.positiveInt(),
  top: z.nonnegativeInt(),
  height: z.positiveInt(),
});
export type GridBox = z.infer<typeof GridBoxSchema>;

export const ArticleFrameSchema = z.extend(GridBoxSchema, {
  id: z.string(),
  kind: z.literal('article'),
  article: z.positiveInt(),
  /** 0 is the start of the article, 1.. its continuations in order. */
  part: z.nonnegativeInt(),
});
export const PhotoFrameSchema = z.extend(GridBoxSchema, {
  id: z.string(),
  kind: z.literal('photo'),
  caption: z.string(),
  credit: z.nullable(z.string()),
  asset: z.nullable(z.string()),
});
export const AdFrameSchema = z.extend(GridBoxSchema, {
  id: z.string(),
  kind: z.literal('ad'),
  /** Who or what the space is reserved for. */
  label: z.string(),
});
export const FrameSchema = z.discriminatedUnion('kind', [ArticleFrameSchema, PhotoFrameSchema, AdFrameSchema]);
export type ArticleFrame = z.infer<typeof ArticleFrameSchema>;
export type PhotoFrame = z.infer<typeof PhotoFrameSchema>;
export type AdFrame = z.infer<typeof AdFrameSchema>;
export type Frame = z.infer<typeof FrameSchema>;

export const PageSchema = z.object({
  id: z.string(),
  /** Printed label (A2, 要闻二); null: numbered by position, so moving the page renumbers it. */
  label: z.nullable(z.string()),
  /** Section name, e.g. 要闻 or Sports. */
  section: z.nullable(z.string()),
  frames: z.array(FrameSchema),
});
export type Page = z.infer<typeof PageSchema>;

/** A day of the calendar as YYYY-MM-DD (2024-02-29 yes, 2023-02-29 and 2024-13-45 no). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  // No year 0 in the Gregorian calendar (the folio would read 0年).
  return y >= 1 && days !== undefined && d >= 1 && d <= days;
}
/** A publication date: a real day, YYYY-MM-DD. */
export const CalendarDateSchema = z.string().check(z.refine(isCalendarDate, { message: 'must be a date of the calendar, YYYY-MM-DD' }));

export const EditionSchema = z.object({
  id: z.positiveInt(),
  publication: z.string(),
  /** Publication date, YYYY-MM-DD. */
  date: CalendarDateSchema,
  name: z.string(),
  template: z.string(),
  language: LanguageSchema,
  pages: z.array(PageSchema),
  /** Next number for generated page and frame ids (ids stay stable through undo). */
  nextId: z.positiveInt(),
});
export type Edition = z.infer<typeof EditionSchema>;

export const MM = 72 / 25.4;

/** The page's printed label: its own, or its position (1-based). */
export function pageLabel(edition: Pick<Edition, 'pages'>, index: number): string {
  return edition.pages[index]?.label ?? String(index + 1);
}

/** A page number as printed: 3, ３ (full width) or 三/十二 (Chinese numerals); 0 when it is none of these. */
export function parsePageNumber(s: string): number {
  // Full-width digits ０-９.
  const ascii = s.replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (/^\d+$/.test(ascii)) return Number(ascii);
  const digits: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else current = digits[ch] ?? 0;
  }
  return total + current;
}

const PAGE_TOKEN = '{page}';
/** Chinese numerals and the words of 第…版: what a page number may be written with. (A string: the bundle is ASCII, and esbuild escapes strings only.) */
const ORDINAL_WORDS = new RegExp('[〇零一二三四五六七八九十百第版]', 'gu');

/**
 * The label without the words the format puts around it: a page labelled "第3版" in
 * "（下转第{page}版）" is "3", "Page 3" in "Continued on page {page}" is "3". The words are
 * the Han character right before and after {page}, or the Latin word before it.
 */
export function pageLabelCore(format: string, label: string): string {
  const at = format.indexOf(PAGE_TOKEN);
  if (at < 0) return label;
  const pre = /(?:\p{Script=Han}|\p{L}+ )$/u.exec(format.slice(0, at))?.[0] ?? '';
  const post = /^(?:\p{Script=Han}| \p{L}+)/u.exec(format.slice(at + PAGE_TOKEN.length))?.[0] ?? '';
  let core = label;
  if (pre && core.length > pre.length && core.slice(0, pre.length).toLowerCase() === pre.toLowerCase()) core = core.slice(pre.length);
  if (post && core.length > post.length && core.slice(-post.length).toLowerCase() === post.toLowerCase()) core = core.slice(0, -post.length);
  // "第 1 版" as typed with spaces: the number is "1".
  return core === label ? label : core.trim() || core;
}

/** The page number a label prints as in a format ("第3版", "第三版" and "3" in 第{page}版 are 3); 0 for none ("A2"). */
export function labelPageNumber(format: string, label: string): number {
  return parsePageNumber(pageLabelCore(format, label));
}

/**
 * A page format — a folio's 第{page}版, a jump line's （下转第{page}版） or "Continued on page
 * {page}" — filled with a page's label. A label that already carries the format's words
 * ("第3版") is not wrapped in them twice.
 */
export function fillPageFormat(format: string, label: string): string {
  const core = pageLabelCore(format, label);
  // 第 is an ordinal: it goes before a page number (3, 十二, A4), not before a page named by
  // a word (要闻二, 体育1): （下转要闻二版）, not （下转第要闻二版）.
  const at = format.indexOf(PAGE_TOKEN);
  const named = at > 0 && format[at - 1] === '第' && /\p{Script=Han}/u.test(core.replace(ORDINAL_WORDS, ''));
  return (named ? format.slice(0, at - 1) + format.slice(at) : format).split(PAGE_TOKEN).join(core);
}
