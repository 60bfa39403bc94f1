// Every edit of an edition is a command (DESIGN.md, "Model"): plain JSON data, validated by
// zod, applied by one pure reducer that returns the new document and the command that undoes
// it. The renderer applies commands for instant feedback and undo, the main side applies the
// same commands in one SQLite transaction, `plan apply` applies a batch of them.
//
//   apply(doc, cmd, ctx) → { doc, inverse }
//
// - Pure: the input document is never mutated (untouched pages and frames are shared).
// - Deterministic: new ids come from doc.nextId (`p<N>` for pages, `f<N>` for frames, one
//   counter); inverses give the counter back, so apply then apply(inverse) returns a document
//   deep-equal to the original.
// - A command that cannot be applied throws a CommandError (code + zh/en message) and changes
//   nothing. Overlapping frames are not an error here (editors overlap frames while working):
//   preflight reports them.
//
// Commands come in two groups. The editing verbs (addPage … batch) are what the editor, the
// CLI and plans send. Three restoring verbs (insertPage, insertFrame, and the `nextId` /
// `renumber` options of deletePage and removeFrame) exist so that every inverse is itself a
// plain, storable command; they are valid to send but rarely useful by hand.
import * as z from '../zod';
import { pageGeometry } from '../layout/grid';
import { FrameSchema, PageSchema, type ArticleFrame, type Edition, type Frame, type Page, type Template } from '../model/edition';

// ---------------------------------------------------------------------------------------
// Commands

/** A rectangle on the grid, in columns and body lines (0-based col and top). */
export interface BoxFields {
  col: number;
  span: number;
  top: number;
  height: number;
}

/** Insert a new empty page at position `at` (0-based; `at` = pages.length appends). */
export interface AddPageCommand {
  type: 'addPage';
  at: number;
  /** Printed label (A2); null or absent: numbered by position. */
  label?: string | null;
  section?: string | null;
}
/** Delete a page and every frame on it. Other parts of its articles keep their part numbers. */
export interface DeletePageCommand {
  type: 'deletePage';
  page: string;
  /** Restoring: set the id counter afterwards (inverses of addPage use it). */
  nextId?: number;
}
/** Restoring: put a whole page (ids and frames intact) back at position `at`. */
export interface InsertPageCommand {
  type: 'insertPage';
  at: number;
  page: Page;
  /** Set the id counter afterwards; default: unchanged, or past the highest restored id. */
  nextId?: number;
}
/** Move the page at position `from` to position `to` (0-based, both within the edition). */
export interface MovePageCommand {
  type: 'movePage';
  from: number;
  to: number;
}
/** Change a page's label or section. Absent: unchanged; null: cleared (label → numbered by position). */
export interface SetPageCommand {
  type: 'setPage';
  page: string;
  label?: string | null;
  section?: string | null;
}
/** Place the start (part 0) of an article. */
export interface PlaceArticleCommand extends BoxFields {
  type: 'placeArticle';
  page: string;
  article: number;
}
export interface PlacePhotoCommand extends BoxFields {
  type: 'placePhoto';
  page: string;
  caption: string;
  credit?: string | null;
  asset?: string | null;
}
export interface PlaceAdCommand extends BoxFields {
  type: 'placeAd';
  page: string;
  label: string;
}
/**
 * Move a frame to (col, top), on another page when `page` is given. `index` is its position
 * in the target page's frame list (drawing order); default: kept on the same page, last on
 * another page.
 */
export interface MoveFrameCommand {
  type: 'moveFrame';
  frame: string;
  page?: string;
  index?: number;
  col: number;
  top: number;
}
export interface ResizeFrameCommand {
  type: 'resizeFrame';
  frame: string;
  span: number;
  height: number;
}
/**
 * Remove one frame. Other parts of its article keep their numbers (removing a start or a
 * middle part leaves a gap that preflight reports) unless `renumber`: then the later parts
 * move down by one and the text flows on (what unlinkContinuation does).
 */
export interface RemoveFrameCommand {
  type: 'removeFrame';
  frame: string;
  renumber?: boolean;
  /** Restoring: set the id counter afterwards (inverses of the place commands use it). */
  nextId?: number;
}
/**
 * Restoring: put a frame (id intact) back on a page at position `index` of its frame list.
 * With `renumber`, parts of the same article numbered ≥ frame.part first move up by one.
 */
export interface InsertFrameCommand {
  type: 'insertFrame';
  page: string;
  index: number;
  frame: Frame;
  renumber?: boolean;
  nextId?: number;
}
/** Continue a placed article on another page: the new part is max part + 1. */
export interface ContinueArticleCommand extends BoxFields {
  type: 'continueArticle';
  article: number;
  page: string;
}
/** Remove a continuation (part > 0): its text flows back into the other parts; later parts are renumbered. */
export interface UnlinkContinuationCommand {
  type: 'unlinkContinuation';
  frame: string;
}
/**
 * Give an article's frames new part numbers: `order` lists every frame of the article, first
 * to last; they become parts 0..n-1, or `parts[i]` when given (inverses use it to restore gaps).
 */
export interface ReorderPartsCommand {
  type: 'reorderParts';
  article: number;
  order: string[];
  parts?: number[];
}
/** Apply commands in order, all or nothing. Its inverse is the batch of inverses in reverse order. */
export interface BatchCommand {
  type: 'batch';
  commands: Command[];
}

export type Command =
  | AddPageCommand
  | DeletePageCommand
  | InsertPageCommand
  | MovePageCommand
  | SetPageCommand
  | PlaceArticleCommand
  | PlacePhotoCommand
  | PlaceAdCommand
  | MoveFrameCommand
  | ResizeFrameCommand
  | RemoveFrameCommand
  | InsertFrameCommand
  | ContinueArticleCommand
  | UnlinkContinuationCommand
  | ReorderPartsCommand
  | BatchCommand;
export type CommandType = Command['type'];

// Sizes and positions are only checked to be integers here: apply() checks ranges against the
// page's grid and reports them with bilingual messages.
const Int = z.int();
const Id = z.string().check(z.minLength(1));
const Label = z.optional(z.nullable(z.string()));
const box = { col: Int, span: Int, top: Int, height: Int };

export const CommandSchema: z.ZodType<Command> = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('addPage'), at: Int, label: Label, section: Label }),
  z.strictObject({ type: z.literal('deletePage'), page: Id, nextId: z.optional(Int) }),
  z.strictObject({ type: z.literal('insertPage'), at: Int, page: PageSchema, nextId: z.optional(Int) }),
  z.strictObject({ type: z.literal('movePage'), from: Int, to: Int }),
  z.strictObject({ type: z.literal('setPage'), page: Id, label: Label, section: Label }),
  z.strictObject({ type: z.literal('placeArticle'), page: Id, article: Int, ...box }),
  z.strictObject({ type: z.literal('placePhoto'), page: Id, caption: z.string(), credit: Label, asset: Label, ...box }),
  z.strictObject({ type: z.literal('placeAd'), page: Id, label: z.string(), ...box }),
  z.strictObject({ type: z.literal('moveFrame'), frame: Id, page: z.optional(Id), index: z.optional(Int), col: Int, top: Int }),
  z.strictObject({ type: z.literal('resizeFrame'), frame: Id, span: Int, height: Int }),
  z.strictObject({ type: z.literal('removeFrame'), frame: Id, renumber: z.optional(z.boolean()), nextId: z.optional(Int) }),
  z.strictObject({ type: z.literal('insertFrame'), page: Id, index: Int, frame: FrameSchema, renumber: z.optional(z.boolean()), nextId: z.optional(Int) }),
  z.strictObject({ type: z.literal('continueArticle'), article: Int, page: Id, ...box }),
  z.strictObject({ type: z.literal('unlinkContinuation'), frame: Id }),
  z.strictObject({ type: z.literal('reorderParts'), article: Int, order: z.array(Id), parts: z.optional(z.array(Int)) }),
  z.strictObject({ type: z.literal('batch'), commands: z.array(z.lazy(() => CommandSchema)) }),
]);

// ---------------------------------------------------------------------------------------
// Errors

export interface Bilingual {
  zh: string;
  en: string;
}

export type CommandErrorCode =
  | 'invalid-command'
  | 'page-not-found'
  | 'frame-not-found'
  | 'not-an-article-frame'
  | 'not-a-continuation'
  | 'article-not-placed'
  | 'already-placed'
  | 'same-page'
  | 'bad-size'
  | 'outside-grid'
  | 'bad-position'
  | 'last-page'
  | 'bad-label'
  | 'bad-order'
  | 'duplicate-part'
  | 'duplicate-id'
  | 'bad-next-id';

export class CommandError extends Error {
  readonly code: CommandErrorCode;
  readonly messages: Bilingual;
  /** Where in nested batches the failing command sits (indices, outermost first); [] at the top. */
  readonly path: number[];
  constructor(code: CommandErrorCode, messages: Bilingual, path: number[] = []) {
    super(messages.en);
    this.name = 'CommandError';
    this.code = code;
    this.messages = messages;
    this.path = path;
  }
}

function fail(code: CommandErrorCode, zh: string, en: string): never {
  throw new CommandError(code, { zh, en });
}

/** Parse a command from JSON-like data (IPC, stored plans); a malformed one is a CommandError. */
export function parseCommand(data: unknown): Command {
  const r = CommandSchema.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue ? issue.path.join('.') : '';
    fail('invalid-command', `命令格式错误：${where} ${issue?.message ?? ''}`.trim(), `Malformed command: ${where} ${issue?.message ?? ''}`.trim());
  }
  return r.data;
}

// ---------------------------------------------------------------------------------------
// Context

/**
 * What validation needs beyond the document: the grid of the page at a position (columns
 * and body lines of the type area). Build it from a template with commandContext().
 */
export interface CommandContext {
  grid(pageIndex: number): { columns: number; lines: number };
}

export function commandContext(template: Template): CommandContext {
  return {
    grid(pageIndex) {
      const g = pageGeometry(template, pageIndex).grid;
      return { columns: g.columns, lines: g.lines };
    },
  };
}

// ---------------------------------------------------------------------------------------
// Helpers

interface FrameAt {
  pageIndex: number;
  frameIndex: number;
  frame: Frame;
}

function findPage(doc: Edition, id: string): number {
  const i = doc.pages.findIndex((p) => p.id === id);
  if (i < 0) fail('page-not-found', `找不到版面 ${id}`, `No page ${id}`);
  return i;
}

function findFrame(doc: Edition, id: string): FrameAt {
  for (let p = 0; p < doc.pages.length; p++) {
    const f = doc.pages[p].frames.findIndex((fr) => fr.id === id);
    if (f >= 0) return { pageIndex: p, frameIndex: f, frame: doc.pages[p].frames[f] };
  }
  fail('frame-not-found', `找不到框 ${id}`, `No frame ${id}`);
}

function articleFrames(doc: Edition, article: number): { frame: ArticleFrame; page: number }[] {
  const out: { frame: ArticleFrame; page: number }[] = [];
  doc.pages.forEach((page, index) => {
    for (const f of page.frames) if (f.kind === 'article' && f.article === article) out.push({ frame: f, page: index });
  });
  return out;
}

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);

function checkPosition(n: number, max: number, what: Bilingual): void {
  if (!isInt(n) || n < 0 || n > max) fail('bad-position', `${what.zh}位置 ${n} 无效（应为 0–${max}）`, `Invalid ${what.en} position ${n} (0–${max})`);
}

/** A frame box must be whole grid units, at least one column and one line, inside the page's grid. */
function checkBox(b: BoxFields, ctx: CommandContext, pageIndex: number): void {
  if (![b.col, b.span, b.top, b.height].every(isInt) || b.col < 0 || b.top < 0 || b.span < 1 || b.height < 1) {
    // Columns and lines counted from 1, as in every other message (outside-grid, preflight).
    const why = ![b.col, b.span, b.top, b.height].every(isInt)
      ? { zh: '位置和大小须为整栏、整行', en: 'positions and sizes are whole columns and lines' }
      : b.col < 0
        ? { zh: '起点在第1栏左边', en: 'it starts left of column 1' }
        : b.top < 0
          ? { zh: '起点在第1行上面', en: 'it starts above line 1' }
          : { zh: '至少要 1 栏宽、1 行高', en: 'a frame is at least 1 column wide and 1 line tall' };
    fail('bad-size', `框的位置或大小无效（第${b.col + 1}栏起 ${b.span} 栏，第${b.top + 1}行起 ${b.height} 行）：${why.zh}`, `Invalid frame box (${b.span} column${b.span === 1 ? '' : 's'} from column ${b.col + 1}, ${b.height} line${b.height === 1 ? '' : 's'} from line ${b.top + 1}): ${why.en}`);
  }
  const g = ctx.grid(pageIndex);
  if (b.col + b.span > g.columns) {
    fail('outside-grid', `框超出版心：第${b.col + 1}–${b.col + b.span}栏，版面只有 ${g.columns} 栏`, `Frame outside the type area: columns ${b.col + 1}–${b.col + b.span} of ${g.columns}`);
  }
  if (b.top + b.height > g.lines) {
    fail('outside-grid', `框超出版心：第${b.top + 1}–${b.top + b.height}行，版面只有 ${g.lines} 行`, `Frame outside the type area: lines ${b.top + 1}–${b.top + b.height} of ${g.lines}`);
  }
}

/** The words of a page format around {page}: 第…版, Page, p. (A string: the bundle is ASCII, and esbuild escapes strings only.) */
const FORMAT_WORDS = new RegExp('[第版]|\\bpage\\b|\\bp\\.', 'giu');

function checkLabel(label: string | null | undefined, section?: string | null): void {
  if (typeof label === 'string' && label.trim() === '') fail('bad-label', '版名不能为空（用 null 按位置编号）', 'A page label cannot be empty (use null to number the page by position)');
  // Jump lines and the folio print the label as the page's name: one of dashes, dots or
  // invisible characters (a zero-width space pasted in) printed （下转第​版）, no page at all.
  if (typeof label === 'string' && !/[\p{L}\p{N}]/u.test(label)) {
    fail('bad-label', `版名没有字母或数字，转版说明会印不出版次：${JSON.stringify(label)}`, `A page label needs a letter or a number: jump lines naming the page would print no page (${JSON.stringify(label)})`);
  }
  // Only the words a page format puts around the number (第版, 版, "Page"): the page has no
  // name, and the format wraps the words in themselves, （下转第版版）, "Continued on page Page".
  if (typeof label === 'string' && /[\p{L}\p{N}]/u.test(label) && !/[\p{L}\p{N}]/u.test(label.replace(FORMAT_WORDS, ''))) {
    fail('bad-label', `版名只有“第”“版”这样的字，没有版次，转版说明会印成（下转第版版）：${JSON.stringify(label)}`, `A page label needs more than the words of the page format, a number or a name: jump lines would print no page (${JSON.stringify(label)})`);
  }
  // A control character (a BEL pasted in) has no glyph in any font: the folio would print a blank.
  for (const [what, s] of [['版名', label], ['栏目', section]] as const) {
    if (typeof s === 'string' && /[\u0000-\u001f\u007f-\u009f]/.test(s)) {
      fail('bad-label', `${what}含有控制字符（印出来是空白）：${JSON.stringify(s)}`, `A page ${what === '版名' ? 'label' : 'section'} cannot hold a control character (it would print blank): ${JSON.stringify(s)}`);
    }
  }
}

function checkArticleId(article: number): void {
  if (!isInt(article) || article < 1) fail('invalid-command', `稿件编号无效：${article}`, `Invalid article id: ${article}`);
}

const GENERATED = /^[pf](\d+)$/;

/** The highest N of the generated ids (p<N>, f<N>) among these pages and frames, 0 if none. */
function highestId(pages: readonly Page[], frames: readonly Frame[] = []): number {
  let max = 0;
  const see = (id: string) => {
    const m = GENERATED.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  };
  for (const p of pages) {
    see(p.id);
    for (const f of p.frames) see(f.id);
  }
  for (const f of frames) see(f.id);
  return max;
}

function allIds(doc: Edition): Set<string> {
  const ids = new Set<string>();
  for (const p of doc.pages) {
    ids.add(p.id);
    for (const f of p.frames) ids.add(f.id);
  }
  return ids;
}

/** A fresh id `prefix<N>` from the counter (skipping ids a hand-edited document already uses). */
function freshId(doc: Edition, prefix: 'p' | 'f'): { id: string; nextId: number } {
  const used = allIds(doc);
  let n = doc.nextId;
  while (used.has(`${prefix}${n}`)) n++;
  return { id: `${prefix}${n}`, nextId: n + 1 };
}

/**
 * An explicit counter must be a positive integer. It may be at or below ids in use (restoring
 * a hand-edited document): freshId() skips ids in use, so nothing is ever issued twice.
 */
function checkNextId(nextId: number): void {
  if (!isInt(nextId) || nextId < 1) fail('bad-next-id', `编号计数器 ${nextId} 无效`, `Invalid id counter ${nextId}`);
}

function withPage(pages: readonly Page[], index: number, page: Page): Page[] {
  const out = pages.slice();
  out[index] = page;
  return out;
}

function withFrame(doc: Edition, at: FrameAt, frame: Frame): Edition {
  const page = doc.pages[at.pageIndex];
  const frames = page.frames.slice();
  frames[at.frameIndex] = frame;
  return { ...doc, pages: withPage(doc.pages, at.pageIndex, { ...page, frames }) };
}

/** Renumber the parts of one article with `f(part)`. */
function renumber(pages: readonly Page[], article: number, f: (part: number) => number): Page[] {
  return pages.map((page) => {
    let changed = false;
    const frames = page.frames.map((fr) => {
      if (fr.kind !== 'article' || fr.article !== article) return fr;
      const part = f(fr.part);
      if (part === fr.part) return fr;
      changed = true;
      return { ...fr, part };
    });
    return changed ? { ...page, frames } : page;
  });
}

function pageWord(i: number): Bilingual {
  return { zh: `第${i + 1}个版面`, en: `page ${i + 1}` };
}

// ---------------------------------------------------------------------------------------
// The reducer

export interface Applied {
  doc: Edition;
  inverse: Command;
}

/**
 * Apply one command. Throws a CommandError (and changes nothing) when it cannot be applied.
 * The command's shape is trusted: parse data from outside (IPC, files) with parseCommand first.
 */
export function apply(doc: Edition, cmd: Command, ctx: CommandContext): Applied {
  switch (cmd.type) {
    case 'addPage': {
      checkPosition(cmd.at, doc.pages.length, { zh: '插入', en: 'insert' });
      checkLabel(cmd.label, cmd.section);
      const { id, nextId } = freshId(doc, 'p');
      const page: Page = { id, label: cmd.label ?? null, section: cmd.section ?? null, frames: [] };
      const pages = doc.pages.slice();
      pages.splice(cmd.at, 0, page);
      return { doc: { ...doc, pages, nextId }, inverse: { type: 'deletePage', page: id, nextId: doc.nextId } };
    }

    case 'deletePage': {
      const index = findPage(doc, cmd.page);
      if (doc.pages.length === 1) fail('last-page', '不能删除唯一的版面', 'Cannot delete the only page of an edition');
      const pages = doc.pages.filter((_, i) => i !== index);
      const nextId = cmd.nextId ?? doc.nextId;
      if (cmd.nextId !== undefined) checkNextId(cmd.nextId);
      const inverse: InsertPageCommand = { type: 'insertPage', at: index, page: doc.pages[index] };
      if (nextId !== doc.nextId) inverse.nextId = doc.nextId;
      return { doc: { ...doc, pages, nextId }, inverse };
    }

    case 'insertPage': {
      checkPosition(cmd.at, doc.pages.length, { zh: '插入', en: 'insert' });
      const used = allIds(doc);
      const incoming = [cmd.page.id, ...cmd.page.frames.map((f) => f.id)];
      const dup = incoming.find((id, i) => used.has(id) || incoming.indexOf(id) !== i);
      if (dup !== undefined) fail('duplicate-id', `编号 ${dup} 已被使用`, `Id ${dup} is already in use`);
      const pages = doc.pages.slice();
      pages.splice(cmd.at, 0, cmd.page);
      const nextId = cmd.nextId ?? Math.max(doc.nextId, highestId([cmd.page]) + 1);
      if (cmd.nextId !== undefined) checkNextId(cmd.nextId);
      const inverse: DeletePageCommand = { type: 'deletePage', page: cmd.page.id };
      if (nextId !== doc.nextId) inverse.nextId = doc.nextId;
      return { doc: { ...doc, pages, nextId }, inverse };
    }

    case 'movePage': {
      const max = doc.pages.length - 1;
      checkPosition(cmd.from, max, { zh: '原', en: 'source' });
      checkPosition(cmd.to, max, { zh: '目标', en: 'target' });
      const pages = doc.pages.slice();
      const [page] = pages.splice(cmd.from, 1);
      pages.splice(cmd.to, 0, page);
      return { doc: { ...doc, pages }, inverse: { type: 'movePage', from: cmd.to, to: cmd.from } };
    }

    case 'setPage': {
      const index = findPage(doc, cmd.page);
      checkLabel(cmd.label, cmd.section);
      const old = doc.pages[index];
      const page: Page = { ...old };
      const inverse: SetPageCommand = { type: 'setPage', page: old.id };
      if (cmd.label !== undefined) {
        page.label = cmd.label;
        inverse.label = old.label;
      }
      if (cmd.section !== undefined) {
        page.section = cmd.section;
        inverse.section = old.section;
      }
      return { doc: { ...doc, pages: withPage(doc.pages, index, page) }, inverse };
    }

    case 'placeArticle':
    case 'placePhoto':
    case 'placeAd': {
      const index = findPage(doc, cmd.page);
      const b: BoxFields = { col: cmd.col, span: cmd.span, top: cmd.top, height: cmd.height };
      let frame: Frame;
      const { id, nextId } = freshId(doc, 'f');
      if (cmd.type === 'placeArticle') {
        checkArticleId(cmd.article);
        const start = articleFrames(doc, cmd.article).find((p) => p.frame.part === 0);
        if (start) {
          fail('already-placed', `稿件 ${cmd.article} 已经上版（${pageWord(start.page).zh}）`, `Article ${cmd.article} is already placed (${pageWord(start.page).en})`);
        }
        checkBox(b, ctx, index);
        frame = { id, kind: 'article', article: cmd.article, part: 0, ...b };
      } else if (cmd.type === 'placePhoto') {
        checkBox(b, ctx, index);
        frame = { id, kind: 'photo', caption: cmd.caption, credit: cmd.credit ?? null, asset: cmd.asset ?? null, ...b };
      } else {
        checkBox(b, ctx, index);
        frame = { id, kind: 'ad', label: cmd.label, ...b };
      }
      const page = doc.pages[index];
      const pages = withPage(doc.pages, index, { ...page, frames: [...page.frames, frame] });
      return { doc: { ...doc, pages, nextId }, inverse: { type: 'removeFrame', frame: id, nextId: doc.nextId } };
    }

    case 'moveFrame': {
      const at = findFrame(doc, cmd.frame);
      const target = cmd.page === undefined ? at.pageIndex : findPage(doc, cmd.page);
      const f = at.frame;
      checkBox({ col: cmd.col, span: f.span, top: cmd.top, height: f.height }, ctx, target);
      const moved: Frame = { ...f, col: cmd.col, top: cmd.top };
      const inverse: MoveFrameCommand = { type: 'moveFrame', frame: f.id, col: f.col, top: f.top };
      if (target === at.pageIndex) {
        const frames = doc.pages[target].frames.slice();
        const index = cmd.index ?? at.frameIndex;
        checkPosition(index, frames.length - 1, { zh: '框的层次', en: 'frame order' });
        frames.splice(at.frameIndex, 1);
        frames.splice(index, 0, moved);
        if (index !== at.frameIndex) inverse.index = at.frameIndex;
        return { doc: { ...doc, pages: withPage(doc.pages, target, { ...doc.pages[target], frames }) }, inverse };
      }
      const dest = doc.pages[target].frames.slice();
      const index = cmd.index ?? dest.length;
      checkPosition(index, dest.length, { zh: '框的层次', en: 'frame order' });
      dest.splice(index, 0, moved);
      const source = doc.pages[at.pageIndex];
      let pages = withPage(doc.pages, at.pageIndex, { ...source, frames: source.frames.filter((_, i) => i !== at.frameIndex) });
      pages = withPage(pages, target, { ...doc.pages[target], frames: dest });
      inverse.page = source.id;
      inverse.index = at.frameIndex;
      return { doc: { ...doc, pages }, inverse };
    }

    case 'resizeFrame': {
      const at = findFrame(doc, cmd.frame);
      const f = at.frame;
      checkBox({ col: f.col, span: cmd.span, top: f.top, height: cmd.height }, ctx, at.pageIndex);
      return { doc: withFrame(doc, at, { ...f, span: cmd.span, height: cmd.height }), inverse: { type: 'resizeFrame', frame: f.id, span: f.span, height: f.height } };
    }

    case 'removeFrame':
    case 'unlinkContinuation': {
      const at = findFrame(doc, cmd.frame);
      const f = at.frame;
      const shift = cmd.type === 'unlinkContinuation' || cmd.renumber === true;
      if (cmd.type === 'unlinkContinuation') {
        if (f.kind !== 'article') fail('not-an-article-frame', `框 ${f.id} 不是稿件框`, `Frame ${f.id} holds no article`);
        if (f.part === 0) fail('not-a-continuation', `框 ${f.id} 是稿件的开头，不是转版部分`, `Frame ${f.id} is the start of its article, not a continuation`);
      }
      const page = doc.pages[at.pageIndex];
      let pages = withPage(doc.pages, at.pageIndex, { ...page, frames: page.frames.filter((_, i) => i !== at.frameIndex) });
      if (shift && f.kind === 'article') {
        const twin = articleFrames(doc, f.article).find((p) => p.frame.part === f.part && p.frame.id !== f.id);
        if (twin) fail('duplicate-part', `稿件 ${f.article} 的第${f.part}部分有两个框（${f.id}、${twin.frame.id}），请先调整顺序`, `Article ${f.article} has two frames numbered part ${f.part} (${f.id}, ${twin.frame.id}); reorder its parts first`);
        pages = renumber(pages, f.article, (p) => (p > f.part ? p - 1 : p));
      }
      const nextId = cmd.type === 'removeFrame' && cmd.nextId !== undefined ? cmd.nextId : doc.nextId;
      if (nextId !== doc.nextId) checkNextId(nextId);
      const inverse: InsertFrameCommand = { type: 'insertFrame', page: page.id, index: at.frameIndex, frame: f };
      if (shift && f.kind === 'article') inverse.renumber = true;
      if (nextId !== doc.nextId) inverse.nextId = doc.nextId;
      return { doc: { ...doc, pages, nextId }, inverse };
    }

    case 'insertFrame': {
      const index = findPage(doc, cmd.page);
      const page = doc.pages[index];
      checkPosition(cmd.index, page.frames.length, { zh: '框的层次', en: 'frame order' });
      if (allIds(doc).has(cmd.frame.id)) fail('duplicate-id', `编号 ${cmd.frame.id} 已被使用`, `Id ${cmd.frame.id} is already in use`);
      const f = cmd.frame;
      let pages: Page[] = doc.pages.slice();
      if (cmd.renumber && f.kind === 'article') pages = renumber(pages, f.article, (p) => (p >= f.part ? p + 1 : p));
      const frames = pages[index].frames.slice();
      frames.splice(cmd.index, 0, f);
      pages = withPage(pages, index, { ...pages[index], frames });
      const nextId = cmd.nextId ?? Math.max(doc.nextId, highestId([], [f]) + 1);
      if (cmd.nextId !== undefined) checkNextId(cmd.nextId);
      const inverse: RemoveFrameCommand = { type: 'removeFrame', frame: f.id };
      if (cmd.renumber && f.kind === 'article') inverse.renumber = true;
      if (nextId !== doc.nextId) inverse.nextId = doc.nextId;
      return { doc: { ...doc, pages, nextId }, inverse };
    }

    case 'continueArticle': {
      checkArticleId(cmd.article);
      const index = findPage(doc, cmd.page);
      const parts = articleFrames(doc, cmd.article);
      if (parts.length === 0) fail('article-not-placed', `稿件 ${cmd.article} 尚未上版，不能转版`, `Article ${cmd.article} is not placed, so it cannot be continued`);
      if (parts.some((p) => p.page === index)) {
        fail('same-page', `稿件 ${cmd.article} 已在${pageWord(index).zh}，不能转到同一版`, `Article ${cmd.article} already has a part on ${pageWord(index).en}: a jump to the same page`);
      }
      const b: BoxFields = { col: cmd.col, span: cmd.span, top: cmd.top, height: cmd.height };
      checkBox(b, ctx, index);
      const part = Math.max(...parts.map((p) => p.frame.part)) + 1;
      const { id, nextId } = freshId(doc, 'f');
      const page = doc.pages[index];
      const frame: ArticleFrame = { id, kind: 'article', article: cmd.article, part, ...b };
      const pages = withPage(doc.pages, index, { ...page, frames: [...page.frames, frame] });
      return { doc: { ...doc, pages, nextId }, inverse: { type: 'removeFrame', frame: id, nextId: doc.nextId } };
    }

    case 'reorderParts': {
      checkArticleId(cmd.article);
      const parts = articleFrames(doc, cmd.article);
      if (parts.length === 0) fail('article-not-placed', `稿件 ${cmd.article} 尚未上版`, `Article ${cmd.article} is not placed`);
      const ids = new Set(parts.map((p) => p.frame.id));
      const order = cmd.order;
      if (order.length !== ids.size || new Set(order).size !== order.length || !order.every((id) => ids.has(id))) {
        fail('bad-order', `新顺序必须恰好列出稿件 ${cmd.article} 的每个框：${[...ids].join('、')}`, `The order must list every frame of article ${cmd.article} exactly once: ${[...ids].join(', ')}`);
      }
      const numbers = cmd.parts ?? order.map((_, i) => i);
      if (numbers.length !== order.length || !numbers.every((n) => isInt(n) && n >= 0)) {
        fail('bad-order', '部分编号必须是与框数相同的非负整数', 'Part numbers must be non-negative integers, one per frame');
      }
      const assign = new Map(order.map((id, i) => [id, numbers[i]]));
      // The inverse lists the frames in their current order with their current numbers.
      const current = parts.slice().sort((a, b) => a.frame.part - b.frame.part || a.page - b.page);
      const inverse: ReorderPartsCommand = { type: 'reorderParts', article: cmd.article, order: current.map((p) => p.frame.id) };
      const was = current.map((p) => p.frame.part);
      if (!was.every((n, i) => n === i)) inverse.parts = was;
      const pages = doc.pages.map((page) => {
        let changed = false;
        const frames = page.frames.map((fr) => {
          const part = fr.kind === 'article' && fr.article === cmd.article ? assign.get(fr.id) : undefined;
          if (part === undefined || fr.kind !== 'article' || part === fr.part) return fr;
          changed = true;
          return { ...fr, part };
        });
        return changed ? { ...page, frames } : page;
      });
      return { doc: { ...doc, pages }, inverse };
    }

    case 'batch': {
      let cur = doc;
      const inverses: Command[] = [];
      cmd.commands.forEach((c, i) => {
        try {
          const r = apply(cur, c, ctx);
          cur = r.doc;
          inverses.push(r.inverse);
        } catch (e) {
          if (e instanceof CommandError) throw new CommandError(e.code, e.messages, [i, ...e.path]);
          throw e;
        }
      });
      return { doc: cur, inverse: { type: 'batch', commands: inverses.reverse() } };
    }

    default: {
      const type = (cmd as { type?: unknown }).type;
      return fail('invalid-command', `未知命令：${String(type)}`, `Unknown command: ${String(type)}`);
    }
  }
}

/** Apply commands in order, returning the final document and the inverses in undo order (last first). */
export function applyAll(doc: Edition, cmds: readonly Command[], ctx: CommandContext): { doc: Edition; inverses: Command[] } {
  const r = apply(doc, { type: 'batch', commands: [...cmds] }, ctx);
  return { doc: r.doc, inverses: (r.inverse as BatchCommand).commands };
}

/** apply() with the context of a template: what the library and the CLI call. */
export function applyCommand(doc: Edition, cmd: Command, template: Template): Applied {
  return apply(doc, cmd, commandContext(template));
}
