// Editing verbs: until the composer window exists, how a desk changes an edition. Each verb
// sends one command of shared/edition/commands.ts through the library (one transaction,
// logged with its inverse, so `undo` and `redo` work across processes), then reports in the
// desk's terms — page labels, headlines — what it did, which jump lines now read differently,
// which pages print a new number, and the preflight errors the edit brought (or cleared).
//
// The preflight run after an edit is the one that needs no layout (parts, pages, overlaps,
// labels): fast enough for every edit. Overset and empty continuations need the layout:
// `pasteup preflight` runs it.
import { applyCommand, CommandError, type Command } from '../../../shared/edition/commands';
import { printedJumps } from '../../../shared/edition/jumps';
import { preflight, type Issue } from '../../../shared/edition/preflight';
import type { Article } from '../../../shared/model';
import { pageLabel, type Edition, type Frame, type Template } from '../../../shared/model/edition';
import { placedArticles, placedImages } from '../../services/editions/layout';
import type { Library } from '../../services/library';
import { PictureFileError, readPictureFile } from '../../services/import/pictures';
import { CliError, countOf, defineVerb, positiveInt, printJson, required, type Io, type Verb } from '../cli';
import { editionId, frameIssues, issueLine, jsonOption, libraryOption, PlanFrameSchema, frameCommand } from './edition';
import { headlineText, pictureColours, withLibrary } from './library';

const editionOptions = { ...libraryOption, ...jsonOption, edition: { type: 'string' } } as const;
const boxOptions = { col: { type: 'string' }, span: { type: 'string' }, top: { type: 'string' }, height: { type: 'string' } } as const;

const AFTER_EDIT = `After the edit it prints what it did, the jump lines that now read differently
(（下转第3版） → （下转第2版）), the pages that print a new number, and warns on stderr of the
preflight errors the edit leaves (those that need no layout; \`pasteup preflight\` runs them all).
--json prints {"edition", "done", "command", "pages": [{"page", "before", "after"}], "jumps":
[{"frame", "article", "title", "part", "page", "line": "in"|"out", "before", "after"}],
"preflight": {"errors", "new": [Issue], "cleared": [Issue]}}. \`pasteup undo\` takes it back.`;

const PAGE_HELP = `A page is named as it prints: its label (A3, 第4版), or the number of an unlabelled
page; a number no page prints is its position; #N is always position N.`;

const GRID_HELP = `Grid units as in plans: --col and --top count columns and body lines from 0,
--span and --height are how many; messages count from 1 (col 7 is "column 8").`;

// ---------------------------------------------------------------------------------------
// Naming pages, frames and articles as the desk does

type Titles = (article: number) => string;
type Articles = (article: number) => Article | null;

/** The library's articles by id, each read once. */
function articlesOf(lib: Library): Articles {
  const seen = new Map<number, Article | null>();
  return (id) => {
    if (!seen.has(id)) seen.set(id, lib.articles.get(id));
    return seen.get(id) ?? null;
  };
}

/** Articles named by their headline and id: 相知可抵云海深 (#3). */
function titlesOf(lib: Library, article: Articles = articlesOf(lib)): Titles {
  return (id) => {
    const a = article(id);
    return a ? `${headlineText(a)} (#${id})` : `article #${id} (not in the library)`;
  };
}

/** The jump lines the frames print, each in its article's language (as layout sets them). */
function jumpsOf(e: Edition, template: Template, article: Articles) {
  return printedJumps(e, template, (id) => article(id)?.language);
}

/** "page 3", or "page A3 (position 3)" when the label is not the position. */
function pageName(e: Edition, index: number): string {
  const label = pageLabel(e, index);
  return label === String(index + 1) ? `page ${label}` : `page ${label} (position ${index + 1})`;
}

/**
 * The page a desk names with --page: by what it prints (its label, or the number of an
 * unlabelled page), a number no page prints as a position, #N always as position N.
 */
export function pageIndex(e: Edition, given: string, flag = '--page'): number {
  const n = e.pages.length;
  const range = `edition ${e.id} has ${countOf(n, 'page')} (positions 1–${n})`;
  const pos = /^#(\d+)$/.exec(given);
  if (pos) {
    const i = Number(pos[1]) - 1;
    if (i < 0 || i >= n) throw new CliError(`${flag} ${given}: no such position: ${range}`, 2);
    return i;
  }
  const printing = e.pages.map((_, i) => i).filter((i) => pageLabel(e, i) === given);
  if (printing.length === 1) return printing[0];
  if (printing.length > 1) throw new CliError(`${flag} ${given}: ${printing.length} pages print that label (positions ${printing.map((i) => i + 1).join(', ')}); name one by position, e.g. ${flag} '#${printing[0] + 1}'`, 2);
  if (/^\d+$/.test(given) && Number(given) >= 1 && Number(given) <= n) return Number(given) - 1;
  throw new CliError(`${flag} ${given}: no page prints that label; the pages print ${e.pages.map((_, i) => pageLabel(e, i)).join(', ')}`, 2);
}

function frameAt(e: Edition, id: string): { page: number; frame: Frame } | null {
  for (let page = 0; page < e.pages.length; page++) {
    const frame = e.pages[page].frames.find((f) => f.id === id);
    if (frame) return { page, frame };
  }
  return null;
}

function clip(text: string): string {
  return text.length > 24 ? `${text.slice(0, 24)}…` : text;
}

/** frame f3 (相知可抵云海深 (#3), part 1); frame f4 (photo “1月27日…”); frame f5 (ad “广告”). */
function frameName(f: Frame, title: Titles): string {
  const what = f.kind === 'article' ? `${title(f.article)}${f.part ? `, part ${f.part}` : ''}` : f.kind === 'photo' ? `photo “${clip(f.caption)}”` : `ad “${f.label}”`;
  return `frame ${f.id} (${what})`;
}

function span(first: number, count: number, noun: string): string {
  return count === 1 ? `${noun} ${first + 1}` : `${noun}s ${first + 1}–${first + count}`;
}

/** A box as people count it: columns 1–4, lines 1–60. */
function boxText(b: { col: number; span: number; top: number; height: number }): string {
  return `${span(b.col, b.span, 'column')}, ${span(b.top, b.height, 'line')}`;
}

/** What a command does to `doc` (the edition before it), in the desk's words. */
export function describe(cmd: Command, doc: Edition, title: Titles, template: Template): string {
  const at = (id: string) => doc.pages.findIndex((p) => p.id === id);
  const frame = (id: string) => {
    const f = frameAt(doc, id);
    return f ? { name: frameName(f.frame, title), page: f.page, frame: f.frame } : { name: `frame ${id}`, page: -1, frame: null };
  };
  switch (cmd.type) {
    case 'addPage':
      return `Added an empty page at position ${cmd.at + 1}${cmd.label ? `, labelled ${cmd.label}` : ''}${cmd.section ? `, section ${cmd.section}` : ''}`;
    case 'deletePage': {
      const i = at(cmd.page);
      const frames = doc.pages[i].frames;
      return `Deleted ${pageName(doc, i)}${frames.length ? ` and its ${countOf(frames.length, 'frame')}: ${frames.map((f) => frameName(f, title)).join('; ')}` : ' (it was empty)'}`;
    }
    case 'insertPage':
      return `Put back page ${cmd.page.label ?? cmd.at + 1} at position ${cmd.at + 1} with ${countOf(cmd.page.frames.length, 'frame')}`;
    case 'movePage':
      return `Moved ${pageName(doc, cmd.from)} to position ${cmd.to + 1}`;
    case 'setPage': {
      const i = at(cmd.page);
      const p = doc.pages[i];
      const changes = [
        ...(cmd.label !== undefined && cmd.label !== p.label ? [`label ${p.label ?? 'none (numbered by position)'} → ${cmd.label ?? 'none (numbered by position)'}`] : []),
        ...(cmd.section !== undefined && cmd.section !== p.section ? [`section ${p.section ?? 'none'} → ${cmd.section ?? 'none'}`] : []),
      ];
      return `${pageName(doc, i).replace(/^p/, 'P')}: ${changes.join('; ') || 'unchanged'}`;
    }
    case 'placeArticle':
      return `Placed ${title(cmd.article)} on ${pageName(doc, at(cmd.page))}, ${boxText(cmd)}`;
    case 'placePhoto':
      return `Placed a photo “${clip(cmd.caption)}” on ${pageName(doc, at(cmd.page))}, ${boxText(cmd)}`;
    case 'placeAd':
      return `Placed ad “${cmd.label}” on ${pageName(doc, at(cmd.page))}, ${boxText(cmd)}`;
    case 'continueArticle': {
      const part = Math.max(-1, ...doc.pages.flatMap((p) => p.frames).flatMap((f) => (f.kind === 'article' && f.article === cmd.article ? [f.part] : []))) + 1;
      return `Continued ${title(cmd.article)} on ${pageName(doc, at(cmd.page))} as part ${part}, ${boxText(cmd)}`;
    }
    case 'moveFrame': {
      const f = frame(cmd.frame);
      const to = cmd.page === undefined ? f.page : at(cmd.page);
      const where = to === f.page ? `on ${pageName(doc, to)}` : `from ${pageName(doc, f.page)} to ${pageName(doc, to)}`;
      return `Moved ${f.name} ${where}, ${boxText({ col: cmd.col, top: cmd.top, span: f.frame?.span ?? 1, height: f.frame?.height ?? 1 })}`;
    }
    case 'resizeFrame': {
      const f = frame(cmd.frame);
      return `Resized ${f.name} on ${pageName(doc, f.page)} to ${countOf(cmd.span, 'column')} × ${countOf(cmd.height, 'line')} (was ${f.frame?.span} × ${f.frame?.height})`;
    }
    case 'removeFrame': {
      const f = frame(cmd.frame);
      return `Removed ${f.name} from ${pageName(doc, f.page)}`;
    }
    case 'unlinkContinuation': {
      const f = frame(cmd.frame);
      return `Unlinked ${f.name} from ${pageName(doc, f.page)}: its text flows back into the parts before`;
    }
    case 'insertFrame':
      return `Put back ${frameName(cmd.frame, title)} on ${pageName(doc, at(cmd.page))}`;
    case 'reorderParts':
      return `Reordered the parts of ${title(cmd.article)}: ${cmd.order.map((id, i) => `${id} is part ${cmd.parts?.[i] ?? i}`).join(', ')}`;
    case 'batch': {
      let cur = doc;
      const each = cmd.commands.map((c) => {
        const d = describe(c, cur, title, template);
        cur = applyCommand(cur, c, template).doc;
        return d;
      });
      const shown = each.slice(0, 3).join('; ');
      return `${countOf(each.length, 'change')} as one: ${shown}${each.length > 3 ? `; and ${each.length - 3} more` : ''}`;
    }
  }
}

// ---------------------------------------------------------------------------------------
// What an edit did

export interface JumpChange {
  frame: string;
  article: number;
  title: string;
  part: number;
  /** The page (as it prints after the edit) whose frame sets the line. */
  page: string;
  line: 'in' | 'out';
  before: string | null;
  after: string | null;
}

/** The jump lines of the frames on the pages after the edit that read differently from before. */
function jumpChanges(before: Edition, after: Edition, template: Template, title: Titles, article: Articles): JumpChange[] {
  const was = jumpsOf(before, template, article);
  const now = jumpsOf(after, template, article);
  const out: JumpChange[] = [];
  after.pages.forEach((page, index) => {
    for (const f of page.frames) {
      if (f.kind !== 'article') continue;
      for (const line of ['in', 'out'] as const) {
        const key = line === 'out' ? 'jumpOut' : 'jumpIn';
        const b = was.get(f.id)?.[key] ?? null;
        const a = now.get(f.id)?.[key] ?? null;
        if (a !== b) out.push({ frame: f.id, article: f.article, title: title(f.article), part: f.part, page: pageLabel(after, index), line, before: b, after: a });
      }
    }
  });
  return out;
}

/** Pages (in both editions) that print another label after the edit: unlabelled pages renumbered, labels set. */
function relabelled(before: Edition, after: Edition): { page: string; before: string; after: string }[] {
  return after.pages.flatMap((p, i) => {
    const j = before.pages.findIndex((q) => q.id === p.id);
    if (j < 0 || pageLabel(before, j) === pageLabel(after, i)) return [];
    return [{ page: p.id, before: pageLabel(before, j), after: pageLabel(after, i) }];
  });
}

/** Preflight without a layout: what the edition's pages and parts say (no overset: that needs the layout). */
function quickCheck(lib: Library, e: Edition, template: Template): Issue[] {
  return preflight(e, { template, articles: placedArticles(lib, e), images: placedImages(lib, e) }).filter((i) => i.severity === 'error');
}

/** An error is the same one before and after an edit when its rule, article and frames are (page labels may change). */
const issueKey = (i: Issue) => `${i.code}|${i.article ?? ''}|${i.frames.join(',')}`;

interface Edited {
  edition: number;
  done: string;
  command: Command;
  before: Edition;
  after: Edition;
}

/** Prints what an edit did (stdout) and the preflight errors it leaves (stderr). Exit code 0: the edit is on disk. */
function report(io: Io, values: Record<string, unknown>, lib: Library, t: Edited): number {
  const template = lib.editions.templateOf(t.after);
  const article = articlesOf(lib);
  const title = titlesOf(lib, article);
  const pages = relabelled(t.before, t.after);
  const jumps = jumpChanges(t.before, t.after, template, title, article);
  const was = quickCheck(lib, t.before, template);
  const now = quickCheck(lib, t.after, template);
  const wasKeys = new Set(was.map(issueKey));
  const nowKeys = new Set(now.map(issueKey));
  const fresh = now.filter((i) => !wasKeys.has(issueKey(i)));
  const cleared = was.filter((i) => !nowKeys.has(issueKey(i)));
  if (values.json) {
    printJson(io, { edition: t.edition, done: t.done, command: t.command, pages, jumps, preflight: { errors: now.length, new: fresh, cleared } });
    return 0;
  }
  io.out(`${t.done}.\n`);
  if (pages.length) io.out(`Pages now print: ${pages.map((p) => `${p.before} → ${p.after}`).join(', ')}.\n`);
  // A frame the edit placed or put back (undo of a delete) has lines, not changed ones.
  const existed = new Set(t.before.pages.flatMap((p) => p.frames.map((f) => f.id)));
  const changed = jumps.filter((j) => existed.has(j.frame));
  const placed = jumps.filter((j) => !existed.has(j.frame));
  const where = (j: JumpChange) => `page ${j.page}, ${j.title}${j.part ? ` part ${j.part}` : ''}`;
  io.out(changed.length ? `${countOf(changed.length, 'jump line')} changed:\n` : 'No jump line changed.\n');
  for (const j of changed) io.out(`  ${where(j)}: ${j.before ?? '(none)'} → ${j.after ?? '(none)'}\n`);
  if (placed.length) io.out(`${countOf(placed.length, 'jump line')} on frames the edit placed or put back:\n`);
  for (const j of placed) io.out(`  ${where(j)}: ${j.after}\n`);
  if (cleared.length) io.out(`Cleared ${countOf(cleared.length, 'preflight error')}: ${cleared.map((i) => i.message.en).join('; ')}\n`);
  if (fresh.length) {
    io.err(`warning: the edition now has ${countOf(fresh.length, 'new preflight error')} (pasteup undo takes the edit back):\n`);
    for (const i of fresh) io.err(`  ${issueLine(i)}\n`);
  }
  const older = now.length - fresh.length;
  if (older) io.err(`warning: ${countOf(older, 'preflight error')} from before ${older === 1 ? 'is' : 'are'} still there (pasteup preflight lists them)\n`);
  return 0;
}

/** The library applies the command; the model's own error (zh and en) is what the desk reads. */
function applyEdit(lib: Library, id: number, command: Command): Edition {
  try {
    return lib.editions.apply(id, command).edition;
  } catch (e) {
    if (e instanceof CommandError) throw new CliError(`${e.messages.en} / ${e.messages.zh}`);
    throw e;
  }
}

interface EditSpec {
  name: string;
  summary: string;
  usage: string;
  help: string;
  options: Record<string, { type: 'string' | 'boolean' }>;
  /** The command for these options, on the edition as it is. */
  command(values: Record<string, unknown>, edition: Edition, lib: Library): Command;
}

/** What `cmd` does to `doc`, in the desk's words (describe() with the library's titles and template). */
function say(lib: Library, cmd: Command, doc: Edition): string {
  return describe(cmd, doc, titlesOf(lib), lib.editions.templateOf(doc));
}

/** Runs one edit of --edition (`edit` changes it and says what it did) and reports it. */
function runEdit(
  { values }: { values: Record<string, unknown> },
  io: Io,
  edit: (lib: Library, before: Edition, id: number) => { done: string; command: Command; after: Edition },
): number {
  return withEdition(values, (lib, before, id) => report(io, values, lib, { edition: id, before, ...edit(lib, before, id) }), { write: true });
}

/** Runs `fn` on --edition of --library. */
function withEdition<T>(values: Record<string, unknown>, fn: (lib: Library, edition: Edition, id: number) => T, opts: { write?: boolean } = {}): T {
  const id = editionId(values);
  return withLibrary(values, (lib) => fn(lib, lib.editions.require(id), id), { create: false, ...opts });
}

function editVerb(spec: EditSpec): Verb {
  return defineVerb({
    name: spec.name,
    summary: spec.summary,
    usage: `--library LIB --edition E ${spec.usage} [--json]`,
    help: `${spec.help}\n\n${AFTER_EDIT}`,
    options: { ...editionOptions, ...spec.options },
    run(args, io) {
      // One transaction: what the command stores on its way (a photo's picture) goes with it.
      return runEdit(args, io, (lib, before, id) =>
        lib.transaction(() => {
          const command = spec.command(args.values, before, lib);
          return { command, after: applyEdit(lib, id, command), done: say(lib, command, before) };
        }),
      );
    },
  });
}

function stepVerb(way: 'undo' | 'redo'): Verb {
  return defineVerb({
    name: way,
    summary: way === 'undo' ? 'Take back the last edit of an edition (again: the one before).' : 'Apply again the edit undo took back.',
    usage: '--library LIB --edition E [--json]',
    help: `${way === 'undo' ? 'Every edit is kept with its inverse in the library, so undo works after a restart, edit after edit back to the empty edition' : 'Redo applies undone edits again, oldest first; a new edit after an undo drops them'}. Exits 1 when there is nothing to ${way}.\n\n${AFTER_EDIT.replace(' `pasteup undo` takes it back.', '')}`,
    options: editionOptions,
    run(args, io) {
      return runEdit(args, io, (lib, before, id) => {
        const step = way === 'undo' ? lib.editions.undoStep(id) : lib.editions.redoStep(id);
        if (!step) throw new CliError(`edition ${id} has nothing to ${way}`);
        // The command as first applied, described on the edition it was applied to.
        const done = say(lib, step.command, way === 'undo' ? step.edition : before);
        return { command: step.command, after: step.edition, done: `${way === 'undo' ? 'Undone' : 'Redone'}: ${done}` };
      });
    },
  });
}

// ---------------------------------------------------------------------------------------
// Options

/** A whole number of grid units (may be negative: the model says "starts left of column 1"). */
function gridNumber(values: Record<string, unknown>, name: string): number | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^-?\d+$/.test(v)) throw new CliError(`--${name} must be a whole number of ${name === 'col' || name === 'span' ? 'columns' : 'lines'}, got '${String(v)}'`, 2);
  return Number(v);
}

function requiredGrid(values: Record<string, unknown>, name: string): number {
  required(values, name);
  return gridNumber(values, name) as number;
}

/** A 1-based position between 1 and `max`, as --from and --to of pages move. */
function position(values: Record<string, unknown>, name: string, max: number, e: Edition): number {
  const p = positiveInt(required(values, name), `--${name}`);
  const n = e.pages.length;
  if (p > max) throw new CliError(`--${name} ${p} is past the last page: edition ${e.id} has ${countOf(n, 'page')} (1–${n}${max > n ? `; --${name} ${max} adds one after them` : ''})`, 2);
  return p - 1;
}

/**
 * The options of a frame to place, read as a plan's frame ({"article", "part", "col", "span",
 * "top", "height"} or "photo", "ad") and checked by the plan's schema; the plan's command.
 */
function placeCommand(values: Record<string, unknown>, e: Edition, lib: Library, part: number): Command {
  const page = e.pages[pageIndex(e, required(values, 'page'))].id;
  const raw: Record<string, unknown> = { col: requiredGrid(values, 'col'), span: requiredGrid(values, 'span'), top: requiredGrid(values, 'top'), height: requiredGrid(values, 'height') };
  if (values.article !== undefined) raw.article = positiveInt(values.article as string, '--article');
  if (values.article !== undefined && part) raw.part = part;
  if (values.credit !== undefined && values.photo === undefined) throw new CliError('--credit is a photo’s credit: give it with --photo', 2);
  if (values.image !== undefined && values.photo === undefined) throw new CliError('--image is a photo’s picture: give it with --photo', 2);
  if (values.photo !== undefined) raw.photo = { caption: values.photo, credit: values.credit ?? null };
  if (values.image !== undefined) raw.image = values.image;
  if (values.ad !== undefined) raw.ad = values.ad;
  const parsed = PlanFrameSchema.safeParse(raw);
  if (!parsed.success) throw new CliError(parsed.error.issues.flatMap((i) => frameIssues(raw, i)).map((m) => m.replace(/^: /, '').replace(/"(article|photo|ad|image)"/g, '--$1')).join('; '), 2);
  const f = parsed.data;
  if ('article' in f && !lib.articles.get(f.article)) throw new CliError(`--article ${f.article}: there is no article #${f.article} in the library (pasteup articles lists them)`);
  // The picture is stored in the edit's transaction (editVerb): a refused edit stores none.
  let asset: string | null = null;
  if ('image' in f && f.image !== undefined) {
    try {
      const file = readPictureFile(f.image);
      asset = lib.images.add(file.bytes, file.file, file.info).image.ref;
    } catch (err) {
      if (err instanceof PictureFileError) throw new CliError(`--image ${err.message}`);
      throw err;
    }
  }
  return frameCommand(page, f, e.language, asset);
}

function frameId(values: Record<string, unknown>): string {
  return required(values, 'frame');
}

// ---------------------------------------------------------------------------------------
// The verbs

const pagesAddVerb = editVerb({
  name: 'pages add',
  summary: 'Add an empty page; the pages after it are renumbered, and jump lines follow.',
  usage: '[--at N] [--label L] [--section S]',
  help: `--at N is the position the new page takes (1-based; default: after the last page).
Without --label the page is numbered by its position.`,
  options: { at: { type: 'string' }, label: { type: 'string' }, section: { type: 'string' } },
  command: (values, e) => ({
    type: 'addPage',
    at: values.at === undefined ? e.pages.length : position(values, 'at', e.pages.length + 1, e),
    ...(values.label !== undefined ? { label: values.label as string } : {}),
    ...(values.section !== undefined ? { section: values.section as string } : {}),
  }),
});

const pagesDeleteVerb = editVerb({
  name: 'pages delete',
  summary: 'Delete a page and its frames; jump lines skip to where the text goes on.',
  usage: '--page P',
  help: `${PAGE_HELP}
The parts of articles on other pages keep their numbers: deleting a start or a middle part
leaves a gap that preflight reports (part-missing); deleting a last part leaves its text overset.`,
  options: { page: { type: 'string' } },
  command: (values, e) => ({ type: 'deletePage', page: e.pages[pageIndex(e, required(values, 'page'))].id }),
});

const pagesLabelVerb = editVerb({
  name: 'pages label',
  summary: 'Set or clear a page’s label and section; jump lines naming it follow.',
  usage: '--page P [--label L | --no-label] [--section S | --no-section]',
  help: `${PAGE_HELP}
--no-label numbers the page by its position again; --no-section clears the section.`,
  options: { page: { type: 'string' }, label: { type: 'string' }, section: { type: 'string' }, 'no-label': { type: 'boolean' }, 'no-section': { type: 'boolean' } },
  command(values, e) {
    for (const what of ['label', 'section']) {
      if (values[what] !== undefined && values[`no-${what}`]) throw new CliError(`give --${what} or --no-${what}, not both`, 2);
    }
    if (values.label === undefined && values.section === undefined && !values['no-label'] && !values['no-section']) throw new CliError('give --label, --section, --no-label or --no-section', 2);
    const field = (what: string) => (values[`no-${what}`] ? { [what]: null } : values[what] !== undefined ? { [what]: values[what] as string } : {});
    return { type: 'setPage', page: e.pages[pageIndex(e, required(values, 'page'))].id, ...field('label'), ...field('section') };
  },
});

const pagesMoveVerb = editVerb({
  name: 'pages move',
  summary: 'Move a page to another position; every jump line follows.',
  usage: '--from I --to J',
  help: 'Positions are 1-based. Unlabelled pages are numbered by position, so moving renumbers them.',
  options: { from: { type: 'string' }, to: { type: 'string' } },
  command: (values, e) => ({ type: 'movePage', from: position(values, 'from', e.pages.length, e), to: position(values, 'to', e.pages.length, e) }),
});

const framesPlaceVerb = editVerb({
  name: 'frames place',
  summary: 'Place an article’s start, a photo or an ad on a page.',
  usage: '--page P (--article ID | --photo CAPTION [--credit C] [--image FILE] | --ad LABEL) --col C --span S --top T --height H',
  help: `${PAGE_HELP}
${GRID_HELP}
An article already started on a page is refused (continue it with frames continue).
--image FILE is the photo's picture: a JPEG (gray or CMYK; an RGB one prints only when
export separates it with the plant's profile, --icc, and preflight says so), stored in the
library, so the edition prints it wherever the library goes. Without it the photo is a
placeholder.`,
  options: { page: { type: 'string' }, article: { type: 'string' }, photo: { type: 'string' }, credit: { type: 'string' }, image: { type: 'string' }, ad: { type: 'string' }, ...boxOptions },
  command: (values, e, lib) => placeCommand(values, e, lib, 0),
});

const framesContinueVerb = editVerb({
  name: 'frames continue',
  summary: 'Continue a placed article on another page: its next part, with jump lines both ways.',
  usage: '--article ID --page P --col C --span S --top T --height H',
  help: `${PAGE_HELP}
${GRID_HELP}
The new frame is the article's last part; a page that holds a part of it already is refused.`,
  options: { article: { type: 'string' }, page: { type: 'string' }, ...boxOptions },
  command(values, e, lib) {
    required(values, 'article');
    return placeCommand(values, e, lib, 1);
  },
});

const framesMoveVerb = editVerb({
  name: 'frames move',
  summary: 'Move a frame on its page or to another page (its size stays).',
  usage: '--frame F [--page P] [--col C] [--top T]',
  help: `F is the frame's id, as frames list shows it (f3). ${PAGE_HELP}
${GRID_HELP} Left out, --col and --top stay as they are.`,
  options: { frame: { type: 'string' }, page: { type: 'string' }, col: { type: 'string' }, top: { type: 'string' } },
  command(values, e) {
    const f = frameAt(e, frameId(values))?.frame;
    const page = values.page === undefined ? {} : { page: e.pages[pageIndex(e, values.page as string)].id };
    return { type: 'moveFrame', frame: frameId(values), ...page, col: gridNumber(values, 'col') ?? f?.col ?? 0, top: gridNumber(values, 'top') ?? f?.top ?? 0 };
  },
});

const framesResizeVerb = editVerb({
  name: 'frames resize',
  summary: 'Change a frame’s width (columns) or depth (lines).',
  usage: '--frame F [--span S] [--height H]',
  help: `${GRID_HELP} Left out, --span and --height stay as they are.`,
  options: { frame: { type: 'string' }, span: { type: 'string' }, height: { type: 'string' } },
  command(values, e) {
    const f = frameAt(e, frameId(values))?.frame;
    if (values.span === undefined && values.height === undefined) throw new CliError('give --span, --height or both', 2);
    return { type: 'resizeFrame', frame: frameId(values), span: gridNumber(values, 'span') ?? f?.span ?? 1, height: gridNumber(values, 'height') ?? f?.height ?? 1 };
  },
});

/** A verb that names one frame (--frame F) and sends one command about it. */
function oneFrameVerb(name: string, summary: string, help: string, type: 'removeFrame' | 'unlinkContinuation'): Verb {
  return editVerb({ name, summary, usage: '--frame F', help, options: { frame: { type: 'string' } }, command: (values) => ({ type, frame: frameId(values) }) });
}

const framesRemoveVerb = oneFrameVerb(
  'frames remove',
  'Remove a frame from its page (an article’s other parts keep their numbers).',
  `Removing a start or a middle part leaves a gap that preflight reports (part-missing);
to drop a continuation and let its text flow back, use frames unlink.`,
  'removeFrame',
);

const framesUnlinkVerb = oneFrameVerb('frames unlink', 'Remove a continuation: its text flows back, the later parts move up.', 'F is a continuation (part 1 or later) as frames list shows it.', 'unlinkContinuation');

const framesReorderVerb = editVerb({
  name: 'frames reorder',
  summary: 'Put an article’s parts in another order: the frames listed become parts 0, 1, 2…',
  usage: '--article ID --order F1,F2,…',
  help: 'Every frame of the article, once each, first to last (frames list shows them).',
  options: { article: { type: 'string' }, order: { type: 'string' } },
  command: (values) => ({ type: 'reorderParts', article: positiveInt(required(values, 'article'), '--article'), order: required(values, 'order').split(',').map((s) => s.trim()) }),
});

/**
 * A photo's picture in a list: dam.jpg, 1600 × 1200 CMYK, up to 312 % ink (a CMYK picture's
 * total ink as the library measured it), or RGB with its colour space (Adobe RGB (1998)); no
 * picture; or the reference the library lacks.
 */
function pictureText(lib: Library, asset: string | null): string {
  if (asset === null) return 'no picture';
  const i = lib.images.info(asset);
  return i ? `${i.fileName}, ${i.width} × ${i.height} ${pictureColours(i)}` : `picture ${asset} not in the library`;
}

const framesListVerb = defineVerb({
  name: 'frames list',
  summary: 'List the pages of an edition and the frames on them, with their jump lines.',
  usage: '--library LIB --edition E [--page P] [--json]',
  help: `${PAGE_HELP}
Frames are shown in grid units as plans write them (col, span, top, height; 0-based col and top).
--json prints {"edition", "pages": [{"page", "position", "label", "section", "frames": [{"frame",
"kind", "article", "title", "part", "caption", "credit", "asset", "profile", "ad", "col", "span", "top",
"height", "jumpIn", "jumpOut"}]}]} (article fields null on photos and ads, and so on; "asset" is a
photo's picture in the library, sha256:…, or null for a placeholder; "profile" the ICC profile
embedded in the picture, {"description", "problem"}, or null when it has none: an RGB picture is
separated from it, or as sRGB without one or when "problem" says why it cannot be used).
The text names each picture's file, size and colours: RGB pictures with their colour space.`,
  options: { ...editionOptions, page: { type: 'string' } },
  run({ values }, io) {
    return withEdition(values, (lib, e, id) => {
        const article = articlesOf(lib);
        const jumps = jumpsOf(e, lib.editions.templateOf(e), article);
        const title = titlesOf(lib, article);
        const only = values.page === undefined ? null : pageIndex(e, values.page as string);
        const pages = e.pages
          .map((p, i) => ({
            page: p.id,
            position: i + 1,
            label: pageLabel(e, i),
            section: p.section,
            frames: p.frames.map((f) => ({
              frame: f.id,
              kind: f.kind,
              article: f.kind === 'article' ? f.article : null,
              title: f.kind === 'article' ? title(f.article) : null,
              part: f.kind === 'article' ? f.part : null,
              caption: f.kind === 'photo' ? f.caption : null,
              credit: f.kind === 'photo' ? f.credit : null,
              asset: f.kind === 'photo' ? f.asset : null,
              profile: f.kind === 'photo' && f.asset ? (lib.images.info(f.asset)?.profile ?? null) : null,
              ad: f.kind === 'ad' ? f.label : null,
              col: f.col,
              span: f.span,
              top: f.top,
              height: f.height,
              jumpIn: jumps.get(f.id)?.jumpIn ?? null,
              jumpOut: jumps.get(f.id)?.jumpOut ?? null,
            })),
          }))
          .filter((_, i) => only === null || i === only);
        if (values.json) printJson(io, { edition: id, pages });
        else
          for (const p of pages) {
            io.out(`${pageName(e, p.position - 1).replace(/^p/, 'P')}${p.section ? `  ${p.section}` : ''}  (${p.frames.length ? countOf(p.frames.length, 'frame') : 'empty'})\n`);
            for (const f of p.frames) {
              const what = f.kind === 'article' ? `${f.title}, part ${f.part}` : f.kind === 'photo' ? `photo “${clip(f.caption ?? '')}” (${pictureText(lib, f.asset)})` : `ad “${f.ad}”`;
              const jump = [f.jumpIn, f.jumpOut].filter((j) => j !== null).join(' … ');
              io.out(`  ${f.frame.padEnd(5)} ${what}  col ${f.col} span ${f.span} top ${f.top} height ${f.height}${jump ? `  ${jump}` : ''}\n`);
            }
          }
        return 0;
    });
  },
});

export const editVerbs: Verb[] = [
  pagesAddVerb,
  pagesDeleteVerb,
  pagesLabelVerb,
  pagesMoveVerb,
  framesListVerb,
  framesPlaceVerb,
  framesContinueVerb,
  framesMoveVerb,
  framesResizeVerb,
  framesRemoveVerb,
  framesUnlinkVerb,
  framesReorderVerb,
  stepVerb('undo'),
  stepVerb('redo'),
];
