// Edition verbs: templates, editions, edition new, plan apply, layout, preflight (the edits are in edit.ts).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as z from '../../../shared/zod';
import { CommandError, type Command } from '../../../shared/edition/commands';
import { normalisePunctuation } from '../../../shared/import';
import { CalendarDateSchema, isCalendarDate, type Template } from '../../../shared/model/edition';
import { MIN_COLUMN_EMS } from '../../../shared/layout/grid';
import { SHIPPED_TEMPLATES } from '../../../shared/model/templates';
import { reportIssues, type Issue } from '../../../shared/edition/preflight';
import { preflightEdition, type EditionCheck } from '../../services/editions/check';
import { layoutForEdition } from '../../services/editions/layout';
import type { Library } from '../../services/library';
import { PictureFileError, readPictureFile, type PictureFile } from '../../services/import/pictures';
import { CliError, countOf, defineVerb, positiveInt, printJson, required, type Io } from '../cli';
import { inkNote, openCliLibrary, pictureColours, rehearseOnNewLibrary, withLibrary } from './library';

export const libraryOption = { library: { type: 'string', short: 'l' } } as const;
export const jsonOption = { json: { type: 'boolean' } } as const;

export function editionId(values: Record<string, unknown>): number {
  return positiveInt(required(values, 'edition'), '--edition');
}

const templatesVerb = defineVerb({
  name: 'templates',
  summary: 'List the page templates of a library (shipped and your own).',
  usage: '--library LIB [--json]',
  help: `--json prints {"templates": [Template]}: id, name, language, trim {width, height} and bleed,
margins and gutter in mm; columns; bodySize and leading in pt; folio; jumps {out, in, head}.
Add your own with \`pasteup templates add TEMPLATE.json\`.`,
  options: { ...libraryOption, ...jsonOption },
  run({ values }, io) {
    return withLibrary(values, (lib) => {
      const templates = lib.templates.list();
      if (values.json) printJson(io, { templates });
      else for (const t of templates) io.out(`${t.id.padEnd(16)} ${t.name}  ${t.trim.width}×${t.trim.height} mm, ${t.columns} columns${t.builtIn ? '' : '  (yours)'}\n`);
      return 0;
    }, { create: false });
  },
});

const templatesAddVerb = defineVerb({
  name: 'templates add',
  summary: 'Add your own page template to a library (a JSON file, as templates --json prints one).',
  usage: 'TEMPLATE.json --library LIB [--json]',
  help: `TEMPLATE.json is one template as \`templates --json\` prints them: {"id", "name", "language",
"trim": {"width", "height"}, "bleed", "margins": {"top", "bottom", "inside", "outside"}, "columns",
"gutter", "bodySize", "leading", "folio": {"publication", "pageFormat", "size"}, "jumps": {"out",
"in", "head"}}; lengths in mm, sizes in pt. Copy a shipped one and change what differs. A
template that makes no page for the plant is refused, every problem named: columns that do not
fit the type area (each at least ${MIN_COLUMN_EMS} ems of the body), a gutter wider than a
column or narrower than half an em, margins as wide or as tall as the page, a bleed of 0,
leading tighter than the body, a top margin without room for the folio, a folio or jump line
format without {page}. An id already in the library is refused. Prints the id (--json:
{"template": Template}).`,
  options: { ...libraryOption, ...jsonOption },
  positionals: true,
  run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new CliError('give exactly one TEMPLATE.json', 2);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(positionals[0], 'utf8'));
    } catch (e) {
      throw new CliError(`${positionals[0]}: ${(e as Error).message}`);
    }
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new CliError(`${positionals[0]}: not a template: give one JSON object`);
    const add = (lib: Library) => lib.templates.add(raw as Template);
    rehearseOnNewLibrary(values, add);
    return withLibrary(values, (lib) => {
      const t = add(lib);
      if (values.json) printJson(io, { template: t });
      else io.out(`${t.id}\n`);
      return 0;
    }, { write: true });
  },
});

const editionsVerb = defineVerb({
  name: 'editions',
  summary: 'List the editions of a library.',
  usage: '--library LIB [--json]',
  help: `--json prints {"editions": [{"id", "name", "publication", "date", "template", "pages", "revision", "updatedAt"}]}.`,
  options: { ...libraryOption, ...jsonOption },
  run({ values }, io) {
    return withLibrary(values, (lib) => {
      const editions = lib.editions.list();
      if (values.json) printJson(io, { editions });
      else if (!editions.length) io.out('No editions.\n');
      else for (const e of editions) io.out(`${String(e.id).padStart(4)}  ${e.date}  ${e.name}  (${countOf(e.pages, 'page')}, ${e.template})\n`);
      return 0;
    }, { create: false });
  },
});

const editionNewVerb = defineVerb({
  name: 'edition new',
  summary: 'Create an edition of empty pages.',
  usage: '--library LIB --name N --date YYYY-MM-DD --template T --pages K [--publication P] [--json]',
  help: `--publication P is the name every page's folio prints (default: the template's
folio.publication, as \`templates --json\` shows it). Prints the new edition's id (--json: {"edition": id}).`,
  options: { ...libraryOption, ...jsonOption, name: { type: 'string' }, date: { type: 'string' }, template: { type: 'string' }, pages: { type: 'string' }, publication: { type: 'string' } },
  run({ values }, io) {
    const date = required(values, 'date');
    if (!isCalendarDate(date)) throw new CliError(`--date must be a date of the calendar, YYYY-MM-DD, got '${date}'`, 2);
    const pages = positiveInt(required(values, 'pages'), '--pages');
    blankPublication(values.publication, '--publication');
    newLibraryHasTemplate(values, required(values, 'template'));
    const create = (lib: Library) => lib.editions.create({ name: required(values, 'name'), date, template: required(values, 'template'), pages, publication: values.publication as string | undefined });
    rehearseOnNewLibrary(values, create);
    return withLibrary(values, (lib) => {
      const e = create(lib);
      if (values.json) printJson(io, { edition: e.id });
      else io.out(`${e.id}\n`);
      return 0;
    }, { write: true });
  },
});

/** A publication given blank would print a folio without its name, and preflight would not say so. */
function blankPublication(publication: unknown, what: string): void {
  if (typeof publication === 'string' && publication.trim() === '') throw new CliError(`${what} is blank: give the publication's name, or leave it out for the template's`, 2);
}

/**
 * A library this verb would create has only the shipped templates: an unknown one is refused
 * before the library is made (it was left behind, new and empty, by the failed command).
 */
function newLibraryHasTemplate(values: Record<string, unknown>, template: string): void {
  if (existsSync(resolve(required(values, 'library')))) return;
  if (SHIPPED_TEMPLATES.some((t) => t.id === template)) return;
  throw new CliError(`no template '${template}' (a new library has the shipped ones: ${SHIPPED_TEMPLATES.map((t) => t.id).join(', ')})`);
}

// Strict: a frame that names an article and a photo (or carries a misspelt key) is a mistake
// to report, not a photo to drop quietly.
export const PlanFrameSchema = z.union([
  z.strictObject({ article: z.positiveInt(), part: z._default(z.nonnegativeInt(), 0), col: z.int(), span: z.int(), top: z.int(), height: z.int() }),
  z.strictObject({ photo: z.object({ caption: z.string(), credit: z._default(z.nullable(z.string()), null) }), image: z.optional(z.string().check(z.minLength(1))), col: z.int(), span: z.int(), top: z.int(), height: z.int() }),
  z.strictObject({ ad: z.string(), col: z.int(), span: z.int(), top: z.int(), height: z.int() }),
]);

const FRAME_KINDS = ['article', 'photo', 'ad'] as const;

/**
 * One validation issue as the plan's author needs it. A frame matches none of the three
 * shapes: say which shape its key asks for and what is wrong with it (zod's union says only
 * "Invalid input"), or that it names more than one.
 */
export function frameIssues(raw: unknown, issue: z.ZodError['issues'][number]): string[] {
  if (issue.code !== 'invalid_union') return [`${planPlace(issue.path)}: ${issue.message}`];
  let frame: unknown = raw;
  for (const k of issue.path) frame = (frame as Record<PropertyKey, unknown> | undefined)?.[k as string];
  const kinds = frame && typeof frame === 'object' ? FRAME_KINDS.filter((k) => k in frame) : [];
  if (kinds.length !== 1) return [`${planPlace(issue.path)}: a frame names exactly one of "article", "photo" or "ad"${kinds.length ? `, not ${kinds.map((k) => `"${k}"`).join(' and ')}` : ''}`];
  const branch = (issue as { errors?: { path: PropertyKey[]; message: string }[][] }).errors?.[FRAME_KINDS.indexOf(kinds[0])] ?? [];
  return branch.length ? branch.map((i) => `${planPlace([...issue.path, ...i.path])}: ${i.message}`) : [`${planPlace(issue.path)}: ${issue.message}`];
}

/** A plan's place as people count: pages.1.frames.2.part → page 2 (pages[1]), frame 3 (frames[2]), part. */
function planPlace(path: readonly PropertyKey[]): string {
  const at = path.map(String);
  if (at[0] !== 'pages' || at.length < 2) return at.join('.');
  let out = `page ${Number(at[1]) + 1} (pages[${at[1]}])`;
  if (at[2] === 'frames' && at.length >= 4) out += `, frame ${Number(at[3]) + 1} (frames[${at[3]}])${at.length > 4 ? ` ${at.slice(4).join('.')}` : ''}`;
  else if (at.length > 2) out += ` ${at.slice(2).join('.')}`;
  return out;
}

export const PlanSchema = z.object({
  edition: z.object({ name: z.string(), date: CalendarDateSchema, template: z.string(), language: z.optional(z.enum(['zh', 'en'])), publication: z.optional(z.string()) }),
  pages: z.array(z.object({ label: z.optional(z.nullable(z.string())), section: z.optional(z.nullable(z.string())), frames: z._default(z.array(PlanFrameSchema), []) })).check(z.minLength(1)),
});
export type Plan = z.infer<typeof PlanSchema>;
export type PlanFrame = z.infer<typeof PlanFrameSchema>;

/**
 * The command that puts a plan's frame on a page: an article's start (part 0) or its next
 * part, a photo, an ad. A caption typed into a plan is copy like an imported one: the same
 * punctuation rules (typographic quotes in English, full-width marks in Chinese), or
 * "Sunday's" prints straight.
 */
export function frameCommand(page: string, f: PlanFrame, language: 'zh' | 'en', asset: string | null = null): Command {
  const copy = (text: string) => normalisePunctuation(text, undefined, language === 'en').text;
  const box = { col: f.col, span: f.span, top: f.top, height: f.height };
  if ('article' in f) return { type: f.part === 0 ? 'placeArticle' : 'continueArticle', page, article: f.article, ...box };
  if ('photo' in f) return { type: 'placePhoto', page, caption: copy(f.photo.caption), credit: f.photo.credit === null ? null : copy(f.photo.credit), asset, ...box };
  return { type: 'placeAd', page, label: f.ad, ...box };
}

/**
 * Reads the pictures of a plan's photo frames (`"image"`, relative to the plan's folder), each
 * once, before anything is stored: a missing file or one the plate cannot carry is an error
 * naming the frame, and the plan creates nothing.
 */
export function readPlanPictures(plan: Plan, planFile: string): Map<string, PictureFile> {
  const base = dirname(resolve(planFile));
  const files = new Map<string, PictureFile>();
  plan.pages.forEach((page, i) =>
    page.frames.forEach((f, k) => {
      if (!('image' in f) || f.image === undefined || files.has(f.image)) return;
      try {
        files.set(f.image, readPictureFile(f.image, base));
      } catch (e) {
        if (e instanceof PictureFileError) throw new CliError(`${planFile}: ${planPlace(['pages', i, 'frames', k])}: picture ${e.message}`);
        throw e;
      }
    }),
  );
  return files;
}

/**
 * Creates the edition of a plan and applies the plan as one batch of commands: labels and
 * sections, then every frame; continuations (part > 0) after all starts, in part order. The
 * photo frames' pictures (readPlanPictures) are stored in the library first.
 */
export function applyPlan(lib: Library, plan: Plan, pictures: ReadonlyMap<string, PictureFile> = new Map()): number {
  /** Where a frame is in the plan, for messages: page 2 (pages[1]), frame 3 (frames[2]). */
  const at = (i: number, k: number) => `page ${i + 1} (pages[${i}]), frame ${k + 1} (frames[${k}])`;
  const parts = new Map<number, { part: number; where: string }[]>();
  plan.pages.forEach((page, i) =>
    page.frames.forEach((f, k) => {
      if (!('article' in f)) return;
      if (!lib.articles.get(f.article)) throw new CliError(`${at(i, k)}: the plan places article #${f.article}, which is not in the library`);
      parts.set(f.article, [...(parts.get(f.article) ?? []), { part: f.part, where: at(i, k) }]);
    }),
  );
  // An article's parts are 0, 1, 2… each once: a gap or a repeat is a mistake in the plan, not
  // something to renumber quietly.
  for (const [article, list] of parts) {
    const sorted = [...list].sort((a, b) => a.part - b.part);
    sorted.forEach((p, n) => {
      if (p.part === n) return;
      const what = p.part < n ? `part ${p.part} is placed twice` : `part ${n} is missing (the next part placed is ${p.part})`;
      throw new CliError(`${p.where}: article #${article}: ${what}; its parts must be numbered 0, 1, 2… each once`);
    });
  }
  const refs = new Map<string, string>();
  for (const [image, file] of pictures) refs.set(image, lib.images.add(file.bytes, file.file, file.info).image.ref);
  const e = lib.editions.create({ name: plan.edition.name, date: plan.edition.date, template: plan.edition.template, pages: plan.pages.length, language: plan.edition.language, publication: plan.edition.publication });
  const commands: { cmd: Command; where: string }[] = [];
  const continuations: { part: number; cmd: Command; where: string }[] = [];
  plan.pages.forEach((page, i) => {
    const pageId = e.pages[i].id;
    if (page.label != null || page.section != null) commands.push({ cmd: { type: 'setPage', page: pageId, label: page.label ?? null, section: page.section ?? null }, where: `page ${i + 1} (pages[${i}])` });
    page.frames.forEach((f, k) => {
      const asset = 'image' in f && f.image !== undefined ? refs.get(f.image) : undefined;
      if ('image' in f && f.image !== undefined && asset === undefined) throw new CliError(`${at(i, k)}: the picture ${f.image} was not read`);
      const placed = { cmd: frameCommand(pageId, f, e.language, asset ?? null), where: at(i, k) };
      if ('article' in f && f.part > 0) continuations.push({ part: f.part, ...placed });
      else commands.push(placed);
    });
  });
  continuations.sort((a, b) => a.part - b.part);
  commands.push(...continuations);
  try {
    if (commands.length) lib.editions.apply(e.id, { type: 'batch', commands: commands.map((c) => c.cmd) });
  } catch (err) {
    // The batch says which command failed; the plan's author needs the page and frame.
    if (err instanceof CommandError && err.path.length > 0) throw new CliError(`${commands[err.path[0]].where}: ${err.message}`);
    throw err;
  }
  return e.id;
}

const planApplyVerb = defineVerb({
  name: 'plan apply',
  summary: 'Create an edition from a plan file (pages and frames on the grid).',
  usage: 'PLAN.json --library LIB [--json]',
  help: `A plan: {"edition": {"name","date","template","language","publication"}, "pages": [{"label","section",
"frames": [{"article": ID, "part": 0, "col": 0, "span": 4, "top": 0, "height": 60}]}]}.
"language" and "publication" (the name the folios print) default to the template's.
Grid units: columns and body lines, 0-based. "part" > 0 places a continuation. "label" and
"section" are optional; unlabelled pages are numbered by position. A frame may instead be
{"photo": {"caption", "credit"}, "image": "photos/dam.jpg", …} (the picture: a JPEG, relative
to the plan's folder, stored in the library; without "image" the photo is a placeholder) or
{"ad": "label", …}. Prints the edition id (--json: {"edition": id}). A plan with an error
(a picture missing or not a JPEG the plate can carry among them) creates nothing.`,
  options: { ...libraryOption, ...jsonOption },
  positionals: true,
  run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new CliError('give exactly one PLAN.json', 2);
    let plan: Plan;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(positionals[0], 'utf8'));
      plan = PlanSchema.parse(raw);
    } catch (e) {
      const msg = e instanceof z.ZodError ? e.issues.flatMap((i) => frameIssues(raw, i)).join('; ') : (e as Error).message;
      throw new CliError(`${positionals[0]}: not a valid plan: ${msg}`);
    }
    blankPublication(plan.edition.publication, `${positionals[0]}: edition.publication`);
    newLibraryHasTemplate(values, plan.edition.template);
    const pictures = readPlanPictures(plan, positionals[0]);
    rehearseOnNewLibrary(values, (lib) => applyPlan(lib, plan, pictures));
    return withLibrary(values, (lib) => {
      const id = lib.transaction(() => applyPlan(lib, plan, pictures));
      if (values.json) printJson(io, { edition: id });
      else io.out(`${id}\n`);
      return 0;
    }, { write: true });
  },
});

const layoutVerb = defineVerb({
  name: 'layout',
  summary: 'Lay an edition out and print every line of every frame.',
  usage: '--library LIB --edition E [--json]',
  help: `--json prints {"pages": [{"label", "section", "frames": [{"frame", "kind", "article", "part",
"jumpIn", "jumpOut", "overset", "lines": [{"role", "text", "x", "y", "width", "measure", "last",
"justified", "hyphenated", "column"}], "photos": [{"x", "y", "width", "height", "asset", "profile"}]}]}]};
jumpIn/jumpOut are the jump lines' text or null; photos are the frame's picture boxes (a photo
frame's, or a story's photo blocks), asset the picture's reference or null for a placeholder,
profile the ICC profile embedded in the picture, {"description", "problem"}, or null (none, or no
picture): an RGB picture is separated from it, or as sRGB without one or when problem says why
it cannot be used (the text mode names an RGB picture's colour space); a CMYK picture's box
also has "ink", its total ink as the library measured it ({"most": %,
"over": the share of the picture over newsprint's 240 %}, preflight's picture-ink);
"hyphenated" when the line ends in a drawn hyphen that is not in the text (the text mode
prints it); overset counts
characters; x, y (baseline) and widths are in pt from the page's trim top-left; column is -1
for headline lines spanning the frame. A Chinese head line narrowed to fit (长体) also has
"hscale", the horizontal scale its glyphs print at (0.85-0.975); its x and widths are as printed.`,
  options: { ...libraryOption, ...jsonOption, edition: { type: 'string' } },
  async run({ values }, io) {
    const id = editionId(values);
    const lib = await openFor(values);
    try {
      const { layout, images } = await layoutForEdition(lib, id);
      const inkOf = (asset: string | null) => {
        const ink = asset === null ? null : images.get(asset)?.ink;
        return ink ? { ink: { most: Math.round(ink.most * 10) / 10, over: Math.round(ink.over * 1000) / 1000 } } : {};
      };
      const pages = layout.pages.map((p) => ({
        label: p.label,
        section: p.section,
        frames: p.frames.map((f) => ({
          frame: f.frame,
          kind: f.kind,
          article: f.article,
          part: f.part,
          jumpIn: f.jumpIn?.text ?? null,
          jumpOut: f.jumpOut?.text ?? null,
          overset: f.overset,
          // Photos of the text that found no room (on the last part): not printed, and without a caption no character of overset says so.
          ...(f.lost?.photos ? { oversetPhotos: f.lost.photos } : {}),
          lines: [
            ...f.deck.map((l) => ({ l, column: -1 })),
            ...(f.jumpIn ? [{ l: f.jumpIn, column: 0 }] : []),
            ...f.columns.flatMap((c, ci) => c.lines.map((l) => ({ l, column: ci }))),
            ...(f.jumpOut ? [{ l: f.jumpOut, column: f.columns.length - 1 }] : []),
          ].map(({ l, column }) => ({ role: l.role, text: l.text, x: round(l.x), y: round(l.y), width: round(l.width), measure: round(l.measure), last: l.last, justified: l.justified, hyphenated: l.hyphenated, column, ...(l.hscale !== undefined ? { hscale: l.hscale } : {}) })),
          photos: f.photos.map((b) => ({ x: round(b.x), y: round(b.y), width: round(b.width), height: round(b.height), asset: b.asset, profile: (b.asset ? images.get(b.asset)?.profile : null) ?? null, ...inkOf(b.asset) })),
        })),
      }));
      if (values.json) printJson(io, { pages });
      else {
        for (const p of pages) {
          io.out(`== page ${p.label}${p.section ? ` ${p.section}` : ''}\n`);
          for (const f of p.frames) {
            io.out(`-- ${f.kind} ${f.article ?? ''} part ${f.part}${f.overset ? `, overset ${f.overset}` : ''}${f.oversetPhotos ? `, ${f.oversetPhotos} photo${f.oversetPhotos > 1 ? 's' : ''} overset` : ''}\n`);
            for (const b of f.photos) {
              const facts = b.asset ? images.get(b.asset) : undefined;
              // An RGB picture says which colour space the export separates it from; a CMYK one its total ink.
              const colours = facts?.components === 3 ? ` (${pictureColours(facts)})` : '';
              const ink = facts?.components === 4 && facts.ink ? inkNote(facts.ink) : '';
              io.out(`[${b.asset ? `picture ${b.asset.slice(0, 19)}…${colours}` : 'photo placeholder'}, ${Math.round(b.width / MM)} × ${Math.round(b.height / MM)} mm${ink}]\n`);
            }
            for (const l of f.lines) io.out(`${l.text.trimEnd()}${l.hyphenated ? '-' : ''}\n`);
          }
        }
      }
      return 0;
    } finally {
      lib.close();
    }
  },
});

/** Points in a millimetre. */
const MM = 72 / 25.4;

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

async function openFor(values: Record<string, unknown>): Promise<Library> {
  return openCliLibrary(values, { create: false });
}

export function printCheck(io: Io, check: EditionCheck, json: boolean): void {
  if (json) printJson(io, check);
  else if (!check.issues.length) io.out('No problems.\n');
  // The placeholders of every page on one line, after the rest (--json keeps one issue a page).
  else for (const i of reportIssues(check.issues)) io.out(`${issueLine(i)}\n`);
}

/** One preflight issue as a line of text: severity, page and frame, the message in both languages. */
export function issueLine(i: Issue): string {
  // An issue of no one page (the publication's name, the placeholders of several pages) is the edition's.
  return `${i.severity === 'error' ? 'error' : 'warning'}: ${i.pageLabel === null ? 'edition' : `page ${i.pageLabel}`}${i.frame ? ` frame ${i.frame}` : ''}: ${i.message.en} / ${i.message.zh}`;
}

const preflightVerb = defineVerb({
  name: 'preflight',
  summary: 'Check an edition before it goes to the plant: overset, broken jumps, overlaps.',
  usage: '--library LIB --edition E [--json]',
  help: `Exits 1 when there are errors (warnings alone exit 0). Picture and ad placeholders
on several pages are listed on one line, after the other issues.
--json prints {"ok": boolean, "errors": N, "warnings": N, "issues": [{"code", "severity",
"page", "pageLabel", "frame", "article", "message": {"zh", "en"}}]}.`,
  options: { ...libraryOption, ...jsonOption, edition: { type: 'string' } },
  async run({ values }, io) {
    const id = editionId(values);
    const lib = await openFor(values);
    try {
      const check = await preflightEdition(lib, id);
      printCheck(io, check, !!values.json);
      return check.ok ? 0 : 1;
    } finally {
      lib.close();
    }
  },
});

export const editionVerbs = [templatesVerb, templatesAddVerb, editionsVerb, editionNewVerb, planApplyVerb, layoutVerb, preflightVerb];
