// Print-ready PDF (issue 5): what the printing plant receives. One PDF per page named by a
// pattern, plus one combined edition PDF, PDF/X-1a:2001 by default (PDF/X-4 with the
// plant's ICC profile). See docs/pdf.md for what is written and why.
//
// Nothing is written until every file has been built and checked in memory; then all files
// go to temporary names in the output folder, are fsynced and renamed into place. Existing
// files are never overwritten without `force`.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EditionLayout } from '../../../shared/layout/edition';
import { isCalendarDate } from '../../../shared/model/edition';
import type { ImageAsset } from '../../../shared/images/jpeg';
import type { FontId, FontProvider } from '../../../shared/text/font';
import { setParagraph } from '../../../shared/text/lines';
import { prepareParagraph } from '../../../shared/text/prepare';
import { bodyStyle, HEI_FACE } from '../../../shared/text/style';
import { APP_ROOT } from '../app-root';
import { loadNodeFontProvider } from '../fonts/node-fonts';
import { makeDirs } from '../make-dirs';
import { commitStaged, DEFAULT_COMBINED_PATTERN, DEFAULT_PAGE_PATTERN, discardStaged, exists, fileName, NamesTaken, ReplacedMeanwhile, stageFile, strayPageFiles, sweepLeftovers, syncStaged, unreplaceable, type NameTokens, type StagedFile } from './files';
import { finishFontProgram, subsetFont, type FontProgram, type SubsetFont, type Subsetter } from './font-program';
import { prepareSubsetter } from './subset';
import { loadExportFonts, type ExportFont } from './fonts';
import { GlyphUsage } from './glyphs';
import { checkOutputProfile } from './icc';
import { readIcc, type IccInfo } from '../../../shared/images/icc';
import { FolderBusy, lockFolder, type FolderLock } from './lock';
import { metadataText } from './xmp';
import { marksGeometry } from './marks';
import { pageGlyphIds, pageLabels, paintPage, type GlyphSet, type LabelSetter, type PaintedPage } from './paint';
import { buildPdf, pageContent, PDF_VERSION, type OutputIntentSpec } from './pdf';
import type { TrueTypeInfo } from './ttf';
import { imageResource, plateImages } from './images';
import { checkPdf, pdfTitle, type FileCheck } from './verify';

export { paintPage, pageBoxes, pageLabels, type PaintedPage, type PageBoxes, type PaintOptions, type LabelSetter, type PlacedLabel } from './paint';
export { buildPdf, type BuildPdfInput, type OutputIntentSpec } from './pdf';
export { buildFontProgram, type FontProgram, type Subsetter } from './font-program';
export { fileName, sanitizeComponent, writeFileAtomic, DEFAULT_PAGE_PATTERN, DEFAULT_COMBINED_PATTERN } from './files';
export { marksGeometry } from './marks';
export { checkPdf, type FileCheck } from './verify';
export { loadExportFonts } from './fonts';

/**
 * Starts, in the background, the work an export will need whatever the edition: compiling
 * hb-subset. Call it as soon as an export is known to be coming (before laying the edition
 * out); exportEdition waits for it.
 */
export function prepareExport(): Promise<void> {
  return prepareSubsetter();
}

export interface ExportMeta {
  publication: string;
  /** Edition name, e.g. 早版 or City. */
  edition: string;
  /** Publication date, YYYY-MM-DD. */
  date: string;
  language: 'zh' | 'en';
  /** Document title; `{publication} {date} {edition}` when omitted. */
  title?: string;
  /** Plate version for the {version} token (re-sends of a page), default 1. */
  version?: string | number;
}

/** A registered characterization (ICC Characterization Data Registry, http://www.color.org). */
export interface OutputCondition {
  identifier: string;
  condition: string;
  info?: string;
  /** Where `identifier` is registered; http://www.color.org unless a profile is embedded. */
  registryName?: string | null;
}

/**
 * The default output condition: ISO 12647-3 coldset offset on standard newsprint, registered
 * by IFRA as "IFRA26" (the data ISOnewspaper26v4.icc is built from). PDF/X-1a may name a
 * registered characterization without embedding a profile.
 */
export const NEWSPRINT_IFRA26: OutputCondition = {
  identifier: 'IFRA26',
  condition: 'Coldset offset on standard newsprint (ISO 12647-3:2004), IFRA26',
  info: 'ISO 12647-3:2004 coldset offset, standard newsprint (IFRA26; profile ISOnewspaper26v4)',
  registryName: 'http://www.color.org',
};

export interface ExportProgress {
  /** 1-based page number just finished (built and checked), or `total` for the combined file. */
  page: number;
  total: number;
  /** The final path the file is written to. */
  file: string;
  kind: 'page' | 'combined';
}

/**
 * A preflight finding, shaped like shared/edition/preflight.ts's Issue (its output can be
 * passed as is): only severity 'error' (or no severity) blocks the export.
 */
export interface PreflightIssue {
  code?: string;
  severity?: 'error' | 'warning';
  message: string | { zh: string; en: string };
  /** 1-based page position. */
  page?: number | null;
}

export interface ExportOptions {
  outDir: string;
  /** Page file pattern; tokens {publication} {edition} {date} {index} {label} {version}. */
  pattern?: string;
  /** Write one PDF per page (default true). */
  pages?: boolean;
  /** Write the combined edition PDF (default true). */
  combined?: boolean;
  combinedPattern?: string;
  /** 'x1a' (default) or 'x4'; an ICC profile without `pdfx` means 'x4'. */
  pdfx?: 'x1a' | 'x4';
  /** The plant's ICC output profile (CMYK, class prtr): embedded as DestOutputProfile. */
  icc?: Uint8Array;
  /** Output condition when no profile is given (default NEWSPRINT_IFRA26), or the name of the given one. */
  outputCondition?: OutputCondition;
  /** Crop and registration marks outside the bleed (default false). */
  marks?: boolean;
  /**
   * Export in spite of preflight errors (each is listed in `report.warnings` and
   * `report.overriddenPreflight`); also replaces existing files unless `overwrite` says otherwise.
   */
  force?: boolean;
  /** Replace files that exist under the final names (default: `force`); preflight errors still refuse the export. */
  overwrite?: boolean;
  /** Fixed creation date (for reproducible files); now when omitted. */
  creationDate?: Date;
  onProgress?: (p: ExportProgress) => void;
  /**
   * Stops the export (its reason thrown, every temporary file removed) when aborted before the
   * renames; once they have begun they finish, all or none, and the export returns.
   */
  signal?: AbortSignal;
  /** The edition's preflight findings: any error refuses the export unless `force` (warnings pass). */
  preflight?: readonly (string | PreflightIssue)[];
  /**
   * 'edition' (default): each font is subset once with the glyphs of the whole edition and
   * that subset goes into every file; 'page': each page file gets its own smaller subset.
   */
  subset?: 'edition' | 'page';
  /**
   * The pictures of the photo boxes (PhotoBox.asset → ImageAsset, from the library). A box
   * whose asset it does not know, or one without an asset, prints the placeholder.
   */
  images?: (ref: string) => ImageAsset | null;
  /** Sets placeholder and ad labels; the bundled fonts' provider when omitted. */
  provider?: FontProvider;
  fontsDir?: string;
  /** Parse every file back and check it (default true). */
  verify?: boolean;
  /** Makes the font subsets elsewhere (the engine worker) while this thread paints; here when omitted. */
  subsetter?: Subsetter;
}

export interface ExportedFile {
  path: string;
  pages: number;
  bytes: number;
  kind: 'page' | 'combined';
  /** SHA-256 of the file as written (hex, as `sha256sum` prints it). */
  sha256: string;
}

export interface ExportReport {
  pdfx: 'PDF/X-1a:2001' | 'PDF/X-4';
  pdfVersion: string;
  outputCondition: string;
  profile: { description: string | null; version: string; components: number } | null;
  pages: number;
  fonts: { id: FontId; baseFont: string; glyphs: number; bytes: number; unmapped: number; conflicts: number }[];
  /** Per file: what reading it back found. */
  checks: (FileCheck & { file: string; writtenIntact: boolean })[];
  /** Glyph id 0 (.notdef) painted: characters no font has. */
  missingGlyphs: number;
  /** Preflight errors exported anyway (force). */
  overriddenPreflight: string[];
  /**
   * The preflight warnings the export passed (they never stop it): placeholders the plate
   * prints grey, a picture's ink or resolution, a hole on a page. Shown with the files, so the
   * desk sees at the export what went to the plant with it.
   */
  preflightWarnings: string[];
  warnings: string[];
  /** RGB pictures separated into CMYK with the plant's profile. */
  separatedPictures: number;
  /** Timings: checks, names and glyph sets before any work; hb-subset (main thread), painting, completing the fonts (waiting for Flate), assembling, checking, writing. */
  ms: { prepare: number; subset: number; paint: number; fonts: number; build: number; check: number; write: number; total: number };
}

/** `busy`: another export holds the output folder (its lock); the message says whose and what to do. */
export type ExportErrorCode = 'exists' | 'preflight' | 'options' | 'check' | 'busy';

export class ExportError extends Error {
  constructor(
    readonly code: ExportErrorCode,
    message: string,
    /** The files concerned (existing names for 'exists'), or the issues. */
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

function versions(): { app: string; pdfLib: string } {
  const require = createRequire(import.meta.url);
  const read = (p: string) => {
    try {
      return String((JSON.parse(readFileSync(p, 'utf8')) as { version?: string }).version ?? '?');
    } catch {
      return '?';
    }
  };
  let pdfLib = '?';
  try {
    pdfLib = read(require.resolve('pdf-lib/package.json'));
  } catch {
    /* not resolvable as a file: keep '?' */
  }
  return { app: read(join(APP_ROOT, 'package.json')), pdfLib };
}

let versionCache: { app: string; pdfLib: string } | undefined;

/** A preflight finding as one line: the page by its label (as preflight prints it: `page A1`, not its position), code, message. */
function issueText(i: string | PreflightIssue, language: 'zh' | 'en', layout: EditionLayout): string {
  if (typeof i === 'string') return i;
  const message = typeof i.message === 'string' ? i.message : i.message[language];
  return [i.page != null ? `page ${layout.pages[i.page - 1]?.label ?? i.page}` : null, i.code, message].filter(Boolean).join(': ');
}

function pageTitle(title: string, label: string, language: 'zh' | 'en'): string {
  if (language === 'zh') return /^\d+$/.test(label) ? `${title} 第${label}版` : `${title} ${label}`;
  return `${title}, page ${label}`;
}

function engineLabels(provider: FontProvider, language: 'zh' | 'en'): LabelSetter {
  return (text, size, measure) => {
    const style = bodyStyle(language, size, { face: HEI_FACE, indent: 0, align: 'center', lastAlign: 'center', avoidRunt: false, hyphenate: false });
    return setParagraph(prepareParagraph(provider, { text, style }), measure);
  };
}

function sha256(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

function fileNameOrNull(pattern: string, tokens: NameTokens): string | null {
  try {
    return fileName(pattern, tokens);
  } catch {
    return null;
  }
}

interface Planned {
  path: string;
  kind: 'page' | 'combined';
  pages: PaintedPage[];
  title: string;
}

export async function exportEdition(layout: EditionLayout, meta: ExportMeta, opts: ExportOptions): Promise<{ files: ExportedFile[]; report: ExportReport }> {
  const t0 = performance.now();
  const pdfx = opts.pdfx ?? (opts.icc ? 'x4' : 'x1a');
  if (pdfx !== 'x1a' && pdfx !== 'x4') throw new ExportError('options', `unknown PDF/X flavour ${String(pdfx)}; use 'x1a' or 'x4'`);
  if (pdfx === 'x4' && !opts.icc) throw new ExportError('options', "PDF/X-4 needs the plant's ICC output profile (icc)");
  if (!isCalendarDate(meta.date)) throw new ExportError('options', `date must be a date of the calendar, YYYY-MM-DD, got "${meta.date}"`);
  if (layout.pages.length === 0) throw new ExportError('options', 'the edition has no pages');
  let icc: IccInfo | null = null;
  if (opts.icc) {
    try {
      icc = readIcc(opts.icc);
      checkOutputProfile(icc, pdfx);
    } catch (err) {
      throw new ExportError('options', (err as Error).message);
    }
  }
  const wantPages = opts.pages ?? true;
  const wantCombined = opts.combined ?? true;
  if (!wantPages && !wantCombined) throw new ExportError('options', 'nothing to export: both page files and the combined file are off');

  // Preflight: blocking errors refuse the export unless forced.
  const preflight = (opts.preflight ?? []).filter((i) => typeof i === 'string' || i.severity !== 'warning').map((i) => issueText(i, meta.language, layout));
  if (preflight.length > 0 && !opts.force) {
    throw new ExportError('preflight', `preflight found ${preflight.length} blocking problem${preflight.length === 1 ? '' : 's'}; fix them or export with force`, preflight);
  }

  // File names first: refuse before doing any work if they clash or exist.
  const overwrite = opts.overwrite ?? opts.force ?? false;
  const outDir = resolve(opts.outDir);
  const version = String(meta.version ?? 1);
  const base: NameTokens = { publication: meta.publication, edition: meta.edition, date: meta.date, index: null, label: null, version };
  const title = metadataText(meta.title ?? [meta.publication, meta.date, meta.edition].filter(Boolean).join(' '));
  const pageNames: string[] = [];
  let combinedName: string | null = null;
  try {
    if (wantPages) layout.pages.forEach((p, i) => pageNames.push(fileName(opts.pattern ?? DEFAULT_PAGE_PATTERN, { ...base, index: i + 1, label: p.label })));
    if (wantCombined) combinedName = fileName(opts.combinedPattern ?? DEFAULT_COMBINED_PATTERN, base);
  } catch (err) {
    throw new ExportError('options', (err as Error).message);
  }
  const all = [...pageNames, ...(combinedName ? [combinedName] : [])];
  const seen = new Map<string, number>();
  // Which file: "page 3 (A3)" or "the edition file" (the combined one comes after the pages).
  const which = (i: number) => (i < pageNames.length ? `page ${i + 1} (${layout.pages[i].label})` : 'the edition file');
  for (const [i, n] of all.entries()) {
    const key = n.normalize('NFC').toLowerCase();
    const j = seen.get(key);
    if (j !== undefined) {
      const names = all[j] === n ? `would both be named "${n}"` : `would be named "${all[j]}" and "${n}", one name on the case-insensitive disks of Mac and Windows`;
      throw new ExportError('options', `${which(j)} and ${which(i)} ${names}; add {index} to the pattern`, [all[j], n]);
    }
    seen.set(key, i);
  }
  const paths = all.map((n) => join(outDir, n));
  // One export at a time into a folder: its lock is taken before anything is written there
  // (the folder made first) and removed however the export ends (docs/pdf.md, Files).
  makeDirs(outDir);
  let lock: FolderLock;
  try {
    lock = lockFolder(outDir, title, overwrite);
  } catch (err) {
    throw err instanceof FolderBusy ? new ExportError('busy', err.message, [err.path]) : err;
  }
  try {
    const result = await writeEdition(layout, meta, opts, { t0, pdfx, icc, wantPages, preflight, overwrite, outDir, base, title, pageNames, combinedName, all, paths });
    if (lock.tookOver) result.report.warnings.unshift(lock.tookOver);
    return result;
  } finally {
    lock.release();
  }
}

/** What exportEdition checked and named before taking the folder's lock. */
interface Job {
  t0: number;
  pdfx: 'x1a' | 'x4';
  icc: IccInfo | null;
  wantPages: boolean;
  /** The blocking preflight findings, as text (exported anyway: force). */
  preflight: string[];
  overwrite: boolean;
  outDir: string;
  base: NameTokens;
  title: string;
  pageNames: string[];
  combinedName: string | null;
  /** Every file name, the pages' then the edition file's, and their paths. */
  all: string[];
  paths: string[];
}

/** The export once the folder is this export's: checks the names there, builds, writes. */
async function writeEdition(layout: EditionLayout, meta: ExportMeta, opts: ExportOptions, job: Job): Promise<{ files: ExportedFile[]; report: ExportReport }> {
  const { t0, pdfx, icc, wantPages, preflight, overwrite, outDir, base, title, pageNames, combinedName, all, paths } = job;
  // Hidden files of an export killed before its end, for these names (docs/pdf.md, Files).
  await sweepLeftovers(outDir, all);
  const blocked = (await Promise.all(paths.map(async (p) => ((await unreplaceable(p)) ? p : null)))).filter((p) => p !== null);
  if (blocked.length > 0) {
    throw new ExportError('exists', `${blocked.length} final name${blocked.length === 1 ? ' is' : 's are'} taken by a folder (or another thing that is not a file), which an export never replaces; nothing was written`, blocked);
  }
  if (!overwrite) {
    const found = await Promise.all(paths.map(exists));
    const existing = paths.filter((_, i) => found[i]);
    if (existing.length > 0) throw new ExportError('exists', `${existing.length} file${existing.length === 1 ? '' : 's'} already exist${existing.length === 1 ? 's' : ''}; nothing was written (export with overwrite to replace)`, existing);
  }

  // Labels of placeholders and ads (set by the engine), then every glyph id the pages use.
  const hasLabels = layout.pages.some((p) => p.ads.length > 0 || p.frames.some((f) => f.photos.length > 0));
  const label = hasLabels ? engineLabels(opts.provider ?? (await loadNodeFontProvider()), meta.language) : undefined;
  const photoLabel = meta.language === 'zh' ? '图片' : 'Photo';
  // Pictures: RGB ones separated with the plant's profile when there is one.
  const placed = layout.pages.flatMap((p) => p.frames.flatMap((f) => f.photos.filter((b) => b.asset !== null)));
  const plates = placed.length > 0 ? await plateImages(placed, opts.images, opts.icc) : null;
  const pictures = plates ? (ref: string) => plates.images.get(ref) ?? null : undefined;
  const labels = layout.pages.map((p) => (label ? pageLabels(p, label, photoLabel, pictures) : []));
  const unionIds = new Map<FontId, GlyphSet>();
  layout.pages.forEach((p, i) => pageGlyphIds(p, labels[i], unionIds));
  const fontIds = [...unionIds.keys()].sort();
  let exportFonts: Map<FontId, ExportFont>;
  try {
    exportFonts = await loadExportFonts(fontIds, opts.fontsDir);
  } catch (err) {
    throw new ExportError('options', (err as Error).message);
  }
  const infos = new Map<FontId, TrueTypeInfo>([...exportFonts].map(([id, f]) => [id, f.info]));

  // Subset first: hb-subset runs now, the programs are compressed in the thread pool while
  // the pages are painted (and their content streams compressed) here.
  if (!opts.subsetter) await prepareSubsetter();
  const tSubset = performance.now();
  const editionSubsets = new Map<FontId, SubsetFont>(fontIds.map((id) => [id, subsetFont(exportFonts.get(id)!, unionIds.get(id)!.ids(), opts.subsetter)]));
  const tPaint = performance.now();
  // The glyphs painted and their texts, for the ToUnicode maps: one record for the edition,
  // which every page paints into, unless each page file gets a subset of its own.
  const perPage = opts.subset === 'page';
  const usage = new GlyphUsage();
  const painted = layout.pages.map((p, i) => {
    const page = paintPage(p, { fonts: infos, marks: opts.marks ? marksGeometry(p.bleed) : null, labels: labels[i], usage: perPage ? undefined : usage, images: pictures });
    void pageContent(page); // starts compressing it in the thread pool
    return page;
  });
  if (perPage) for (const p of painted) usage.merge(p.glyphs);
  const tFonts = performance.now();

  // Fonts: each subset completed with the ToUnicode texts the painter found.
  const finish = async (subsets: Map<FontId, SubsetFont>, use: GlyphUsage) =>
    new Map<FontId, FontProgram>(await Promise.all(use.ids().map(async (id) => [id, await finishFontProgram(subsets.get(id)!, use.font(id))] as const)));
  const editionFonts = await finish(editionSubsets, usage);
  const tBuild = performance.now();

  // Build every file in memory.
  const created = opts.creationDate ?? new Date();
  versionCache ??= versions();
  const docInfo = (t: string) => ({
    title: t,
    creator: `Pasteup ${versionCache!.app}`,
    producer: `Pasteup ${versionCache!.app} (pdf-lib ${versionCache!.pdfLib}, HarfBuzz hb-subset)`,
    created,
    modified: created,
    language: meta.language === 'zh' ? 'zh-Hans' : 'en',
  });
  const condition = opts.outputCondition ?? (icc ? { identifier: icc.description ?? 'Custom', condition: icc.description ?? 'Custom output profile' } : NEWSPRINT_IFRA26);
  const outputIntent: OutputIntentSpec = {
    identifier: condition.identifier,
    condition: condition.condition,
    registryName: condition.registryName !== undefined ? condition.registryName : icc ? null : 'http://www.color.org',
    info: condition.info ?? condition.condition,
    profile: opts.icc && icc ? { data: opts.icc, n: icc.n } : null,
  };
  const plan: Planned[] = [];
  if (wantPages) painted.forEach((p, i) => plan.push({ path: join(outDir, pageNames[i]), kind: 'page', pages: [p], title: pageTitle(title, p.label, meta.language) }));
  if (combinedName) plan.push({ path: join(outDir, combinedName), kind: 'combined', pages: painted, title });
  const verify = opts.verify ?? true;
  const expectedVersion = PDF_VERSION[pdfx];
  const built: { plan: Planned; bytes: Uint8Array; check: FileCheck | null }[] = new Array(plan.length);
  let checkMs = 0;
  // The combined file, the largest, is built first: its write and fsync then overlap building
  // the page files instead of ending the export. Progress still reports it last.
  const buildOrder = plan.map((_, i) => i);
  if (combinedName) buildOrder.unshift(buildOrder.pop()!);
  const progress = (item: Planned) => opts.onProgress?.({ page: item.kind === 'page' ? item.pages[0].index + 1 : painted.length, total: painted.length, file: item.path, kind: item.kind });
  const pageFonts = new Map<PaintedPage, Map<FontId, FontProgram>>();
  // Each file goes to a temporary name next to its final one (written and read back in the
  // thread pool while the next file is built); all are fsynced together, then renamed into
  // place. A crash or a failure before the renames leaves only temporary files (removed on
  // failure); after, each final name holds a complete file.
  const staging: Promise<StagedFile>[] = [];
  const stagedPlan: number[] = []; // the plan index of staging[j]
  const staged: StagedFile[] = new Array(plan.length);
  const sums: string[] = [];
  let tWrite: number;
  try {
    for (const k of buildOrder) {
      opts.signal?.throwIfAborted();
      const item = plan[k];
      let fonts = editionFonts;
      if (perPage && item.kind === 'page') {
        const p = item.pages[0];
        let f = pageFonts.get(p);
        if (!f) {
          const ids = pageGlyphIds(layout.pages[p.index], labels[p.index]);
          const subsets = new Map<FontId, SubsetFont>(p.fonts.map((id) => [id, subsetFont(exportFonts.get(id)!, ids.get(id)!.ids(), opts.subsetter)]));
          pageFonts.set(p, (f = await finish(subsets, p.glyphs)));
        }
        fonts = f;
      }
      const usedIds = new Set(item.pages.flatMap((p) => p.fonts));
      const bytes = await buildPdf({ pages: item.pages, fonts: new Map([...fonts].filter(([id]) => usedIds.has(id))), info: docInfo(item.title), pdfx, outputIntent });
      let check: FileCheck | null = null;
      if (verify) {
        const tc = performance.now();
        check = await checkPdf(bytes, { version: expectedVersion, pdfx, boxes: item.pages.map((p) => p.boxes), images: item.pages.map((p) => p.images.map((a) => imageResource(a.ref))) });
        checkMs += performance.now() - tc;
        if (!check.ok) throw new ExportError('check', `${item.path}: the PDF failed its own check; nothing was written`, check.problems);
      }
      const stage = stageFile(item.path, bytes, true);
      stage.catch(() => undefined); // settled below, after the other files
      staging.push(stage);
      stagedPlan.push(k);
      built[k] = { plan: item, bytes, check };
      if (item.kind === 'page') progress(item);
    }
    for (const item of plan) if (item.kind === 'combined') progress(item);
    tWrite = performance.now();
    const results = await Promise.allSettled(staging);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    results.forEach((r, j) => (staged[stagedPlan[j]] = (r as PromiseFulfilledResult<StagedFile>).value));
    // A file that did not read back as built never gets its final name (it used to, with a warning and exit 0).
    const damaged = staged.filter((f) => f.intact !== true).map((f) => f.path);
    if (damaged.length > 0) throw new ExportError('check', `${damaged.join(', ')}: the file on disk differs from what was written; nothing was written`, damaged);
    // Every fsync at once (one journal commit), in the thread pool; the main thread hashes
    // the files meanwhile, one per turn of the event loop so that each fsync's close follows.
    const syncing = syncStaged(staged);
    syncing.catch(() => undefined); // awaited below
    for (const b of built) {
      await nextTurn();
      sums.push(sha256(b.bytes));
    }
    await syncing;
    opts.signal?.throwIfAborted();
    // Without overwrite, a name that another export (or anything) took meanwhile is never replaced.
    await commitStaged(staged, overwrite).catch((e: unknown) => {
      if (e instanceof NamesTaken) throw new ExportError('exists', `${e.paths.length} file(s) appeared while exporting; nothing was written`, e.paths);
      if (e instanceof ReplacedMeanwhile) {
        throw new ExportError('exists', `${e.paths.length} of the ${staged.length} files this export wrote were replaced at the same moment by another export into the same folder (it may hold pages of both); export again`, e.paths);
      }
      throw e;
    });
  } catch (err) {
    // Nothing renamed yet (or a rename failed): remove every temporary file that was made.
    const results = await Promise.allSettled(staging);
    await discardStaged(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])));
    throw err;
  }
  const files: ExportedFile[] = [];
  const checks: ExportReport['checks'] = [];
  for (const [i, b] of built.entries()) {
    files.push({ path: b.plan.path, pages: b.plan.pages.length, bytes: b.bytes.byteLength, kind: b.plan.kind, sha256: sums[i] });
    // Every file read back intact through its staged handle (the renamed file is the same): checked before the renames.
    const c = b.check ?? { ok: true, version: expectedVersion, pages: b.plan.pages.length, fonts: [], problems: [] };
    checks.push({ ...c, file: b.plan.path, writtenIntact: true });
  }
  // Pages of an earlier export this one did not replace (a page deleted or relabelled since).
  // (The edition file's name is no page's, written this time or not.)
  const editionName = combinedName ?? fileNameOrNull(opts.combinedPattern ?? DEFAULT_COMBINED_PATTERN, base);
  // A file is this edition's when its title says so (pageTitle: the edition's title, then the page).
  const ours = async (path: string) => {
    const t = pdfTitle(await readFile(path));
    return t !== null && (t === title || t.startsWith(`${title} `) || t.startsWith(`${title},`));
  };
  const strays = wantPages ? await strayPageFiles(outDir, opts.pattern ?? DEFAULT_PAGE_PATTERN, base, editionName ? [...all, editionName] : all, ours) : [];
  const tEnd = performance.now();

  const missing = painted.reduce((n, p) => n + p.notdef, 0);
  // A forced export says what it let through, wherever its report is shown.
  const warnings: string[] = opts.force ? preflight.map((t) => `exported in spite of a preflight error: ${t}`) : [];
  if (missing > 0) warnings.push(`${missing} glyph${missing === 1 ? '' : 's'} missing from the fonts: printed as .notdef (blank in the bundled fonts), copied as U+FFFD`);
  layout.pages.forEach((p, i) => {
    for (const l of labels[i]) if (l.cut) warnings.push(`page ${p.label}: the label “${l.cut}” does not fit its box even at 5 pt: printed cut to what fits`);
  });
  if (strays.length > 0) {
    warnings.push(`${outDir} also holds ${strays.length === 1 ? 'a file' : `${strays.length} files`} named as this export names its pages that it did not write, left from an earlier export (a page deleted, moved or relabelled since?); remove ${strays.length === 1 ? 'it' : 'them'} before the folder goes to the plant: ${strays.join(', ')}`);
  }
  for (const f of editionFonts.values()) if (f.conflicts > 0) warnings.push(`${f.id}: ${f.conflicts} glyph(s) stand for more than one text; copy/search gives one of them`);
  warnings.push(...(plates?.warnings ?? []));
  // A picture named as the desk finds it: its reference's start and the pages it is on.
  const picture = (ref: string) => `the picture ${ref.slice(0, 19)}… (page ${layout.pages.filter((p) => p.frames.some((f) => f.photos.some((b) => b.asset === ref))).map((p) => p.label).join(', ')})`;
  for (const u of plates?.unprintable ?? []) warnings.push(`${picture(u.ref)} is ${u.why}: its box prints the placeholder`);
  for (const u of plates?.assumedSrgb ?? []) warnings.push(`${picture(u.ref)}: ${u.why}, so it was separated as sRGB and its colours may print off (save it in sRGB or Adobe RGB and place it again)`);
  const separated = [...(plates?.images.values() ?? [])].filter((i) => i.separated).length;
  const report: ExportReport = {
    pdfx: pdfx === 'x1a' ? 'PDF/X-1a:2001' : 'PDF/X-4',
    pdfVersion: expectedVersion,
    outputCondition: outputIntent.identifier,
    profile: icc ? { description: icc.description, version: icc.version, components: icc.n } : null,
    pages: painted.length,
    fonts: [...editionFonts.values()].map((f) => ({ id: f.id, baseFont: f.baseFont, glyphs: f.gids.length, bytes: f.program.byteLength, unmapped: f.unmapped, conflicts: f.conflicts })),
    checks,
    missingGlyphs: missing,
    overriddenPreflight: opts.force ? preflight : [],
    preflightWarnings: (opts.preflight ?? []).filter((i) => typeof i !== 'string' && i.severity === 'warning').map((i) => issueText(i, meta.language, layout)),
    warnings,
    separatedPictures: separated,
    ms: { prepare: tSubset - t0, subset: tPaint - tSubset, paint: tFonts - tPaint, fonts: tBuild - tFonts, build: tWrite - tBuild - checkMs, check: checkMs, write: tEnd - tWrite, total: tEnd - t0 },
  };
  return { files, report };
}
