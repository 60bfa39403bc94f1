// `pasteup export`: print-ready PDF of an edition — one file per page and one for the edition.
import { readFileSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { exportEdition, ExportError, prepareExport, type ExportedFile, type ExportProgress, type ExportReport } from '../../services/export';
import { checkLaidOut } from '../../services/editions/check';
import { layoutForEdition, type LaidOutEdition } from '../../services/editions/layout';
import { EngineWorker } from '../../services/engine-worker';
import { loadNodeFontProvider } from '../../services/fonts/node-fonts';
import type { Library } from '../../services/library';
import { isCalendarDate } from '../../../shared/model/edition';
import type { ImageAsset } from '../../../shared/images/jpeg';
import { checkWritableDir } from '../../services/make-dirs';
import { CliError, countOf, defineVerb, positiveInt, printJson, required, type Io } from '../cli';
import { printCheck } from './edition';
import { openCliLibrary } from './library';

/** A folder this user cannot write in fails now, not after the layout and the PDFs (export, demo, start). */
export function checkOutDir(outDir: string): void {
  try {
    checkWritableDir(outDir);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}

/**
 * An exact moment: YYYY-MM-DD, or YYYY-MM-DDTHH:MM[:SS[.sss]] with Z or ±HH:MM. `new Date()`
 * read a time without a zone as local time (the "fixed" date then moved with the machine's
 * zone) and rolled 2024-02-30 over to March 1; this refuses both.
 */
export function parseTimestamp(text: string, what: string): Date {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/i.exec(text.trim());
  const [h, min, sec] = m ? [m[2], m[3], m[4]].map((x) => Number(x ?? 0)) : [];
  const zone = m?.[6];
  const zoneOk = !zone || /^z$/i.test(zone) || (Number(zone.slice(1, 3)) <= 23 && Number(zone.slice(4, 6)) <= 59);
  if (!m || !isCalendarDate(m[1]) || h > 23 || min > 59 || sec > 59 || !zoneOk) {
    throw new CliError(`${what} must be YYYY-MM-DDTHH:MM:SSZ (or with an offset such as +08:00, or a date alone), got '${text}'`, 2);
  }
  const date = new Date(m[2] === undefined ? `${m[1]}T00:00:00Z` : `${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}${m[5] ?? ''}${zone!.toUpperCase()}`);
  // The moment in UTC is what the files hold: 9999-12-31T23:00-05:00 is in the year 10000.
  const year = date.getUTCFullYear();
  if (year < 1 || year > 9999) throw new CliError(`${what} must fall in the years 1 to 9999 in UTC, got '${text}'`, 2);
  return date;
}

export interface ExportRequest {
  outDir: string;
  pattern?: string;
  combined?: boolean;
  pdfx?: 'x1a' | 'x4';
  icc?: Uint8Array;
  marks?: boolean;
  /** Export in spite of preflight errors (and replace files, as overwrite does). */
  force?: boolean;
  /** Replace files that exist; preflight errors still stop the export. */
  overwrite?: boolean;
  creationDate?: Date;
  /** The {version} token: the plate version of a page sent again (default 1). */
  plateVersion?: string;
  /** --json: preflight errors that stop the export are printed as JSON ({"preflight": EditionCheck}), stdout stays JSON. */
  json?: boolean;
}

/**
 * Progress on a terminal: one bar, redrawn; elsewhere plain lines. `end()` ends the bar's line
 * whatever came last: without the combined file (or when the export failed) the next line,
 * the list of files or the error, was printed onto the bar.
 */
function progressPrinter(io: Io): { onProgress: (p: ExportProgress) => void; end: () => void } {
  let open = false;
  return {
    onProgress: (p) => {
      const what = p.kind === 'combined' ? 'edition' : `page ${p.page}/${p.total}`;
      if (io.isTTY) {
        const width = 24;
        const done = Math.round((p.page / p.total) * width);
        io.err(`\r[${'#'.repeat(done)}${'-'.repeat(width - done)}] ${what} ${p.file}\u001b[K`);
        open = true;
      } else io.err(`${what}: ${p.file}\n`);
    },
    end: () => {
      if (open) io.err('\n');
      open = false;
    },
  };
}

const STOPPING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs `work` with SIGINT (Ctrl-C), SIGTERM and SIGHUP turned into an abort: an export stopped
 * that way removes its temporary files and never renames half its files into place (the
 * default action killed the process and left a hidden .tmp file of every PDF built so far in
 * the plate folder). A second signal ends the process at once, as usual.
 */
async function stoppable<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const stop = (sig: NodeJS.Signals) => {
    off();
    controller.abort(new CliError(`stopped by ${sig}: no file was written or replaced`, 128 + (osConstants.signals[sig] ?? 0)));
  };
  const off = () => {
    for (const sig of STOPPING_SIGNALS) process.removeListener(sig, stop);
  };
  for (const sig of STOPPING_SIGNALS) process.once(sig, stop);
  try {
    return await work(controller.signal);
  } finally {
    off();
  }
}

/** Lays out, preflights and exports an edition of a library. Preflight errors block unless forced. */
export async function exportFromLibrary(lib: Library, id: number, req: ExportRequest, io: Io | null): Promise<{ files: ExportedFile[]; report: ExportReport }> {
  // hb-subset compiles in the background while the edition is laid out, and the engine's
  // fonts and HarfBuzz start loading (its WebAssembly compiles in the background) while the
  // library is read; layoutForEdition awaits the same provider (and reports a failure).
  void prepareExport();
  loadNodeFontProvider().catch(() => undefined);
  // With more than two CPUs, a second thread lays out articles too and makes the subsets.
  const worker = EngineWorker.startIfWanted();
  try {
    return await exportLaidOut(await layoutForEdition(lib, id, worker), req, io, worker, (ref) => lib.images.get(ref)); // read once per picture: plateImages asks once per reference
  } finally {
    await worker?.close();
  }
}

async function exportLaidOut(laid: LaidOutEdition, req: ExportRequest, io: Io | null, worker: EngineWorker | null, images: (ref: string) => ImageAsset | null): Promise<{ files: ExportedFile[]; report: ExportReport }> {
  // RGB pictures are separated with the plant's profile when it has tables Pasteup reads (loaded only then).
  const iccProblem = req.icc ? (await import('../../services/export/separate')).separationProblem(req.icc) : null;
  const check = checkLaidOut(laid, !!req.icc && iccProblem === null);
  if (!check.ok && !req.force) {
    if (io && req.json) printJson(io, { preflight: check });
    else if (io) printCheck(io, check, false);
    // rgb-image tells the desk to export with --icc: one given that cannot separate says why.
    const why = iccProblem !== null && check.issues.some((i) => i.code === 'rgb-image') ? `; the --icc profile cannot separate the RGB pictures: ${iccProblem}` : '';
    throw new CliError(`preflight found ${check.errors} error(s): nothing exported (use --force to export anyway)${why}`);
  }
  const { edition } = laid;
  const progress = io ? progressPrinter(io) : null;
  try {
    // Signals are taken over from here on only: the layout before writes nothing, and a Ctrl-C
    // there should end the process at once.
    return await stoppable((signal) =>
      exportEdition(
        laid.layout,
        { publication: edition.publication, edition: edition.name, date: edition.date, language: edition.language, version: req.plateVersion },
        {
          outDir: req.outDir,
          pattern: req.pattern,
          combined: req.combined ?? true,
          pdfx: req.pdfx,
          icc: req.icc,
          marks: req.marks,
          force: req.force,
          overwrite: req.overwrite || req.force,
          creationDate: req.creationDate,
          preflight: check.issues,
          images,
          subsetter: worker?.subsetter(),
          onProgress: progress?.onProgress,
          signal,
        },
      ),
    );
  } catch (e) {
    if (e instanceof ExportError && e.code === 'exists') {
      // The export's own words (files that exist, or folders in the way), in the CLI's terms.
      throw new CliError(`${e.message.replace('export with overwrite to replace', '--overwrite replaces them')}:\n  ${e.details.join('\n  ')}`);
    }
    // Another export holds the folder: whose, since when, and what to do, in the CLI's terms.
    if (e instanceof ExportError && e.code === 'busy') throw new CliError(e.message.replaceAll('with overwrite', 'with --overwrite'));
    throw e;
  } finally {
    progress?.end();
  }
}

export const exportVerb = defineVerb({
  name: 'export',
  summary: 'Write print-ready PDF: one file per page and one for the edition.',
  usage: '--library LIB --edition E --out DIR [--pattern P] [--combined|--no-combined] [--pdfx x1a|x4 --icc FILE] [--marks] [--overwrite] [--force] [--plate-version V] [--creation-date D] [--json]',
  help: `
PDF/X-1a:2001 by default (CMYK, fonts embedded and subset, TrimBox/BleedBox, output intent
for ISO 12647-3 newsprint); --pdfx x4 --icc FILE embeds the plant's CMYK profile instead.
Files are named by --pattern (default {date}_{label}.pdf; tokens {publication} {edition}
{date} {index} {label} {version}; --plate-version V sets {version}, default 1, for a page
sent again under a new name); the edition file is {date}_{edition}.pdf. Files are
written atomically and never replace existing files without --overwrite. The edition
preflight runs first: errors (overset, broken jumps) stop the export unless --force, which
also replaces files and lists each error it let through as a warning; the preflight
warnings it passes are listed after the files ("preflight warning: …"). Progress goes to
stderr (a bar on a terminal). --creation-date YYYY-MM-DDTHH:MM:SSZ (or an offset such as
+08:00 for Z; a date alone is its midnight UTC) fixes the date in the files: identical bytes
on every export, on any machine.
--json prints {"files": [{"path", "pages", "bytes", "kind", "sha256"}], "report": {...}}; when
preflight errors stop the export, it prints {"preflight": {"ok", "errors", "warnings", "issues"}}
(as preflight --json) and exits 1.`,
  options: {
    library: { type: 'string', short: 'l' },
    edition: { type: 'string' },
    out: { type: 'string' },
    pattern: { type: 'string' },
    combined: { type: 'boolean' },
    'no-combined': { type: 'boolean' },
    pdfx: { type: 'string' },
    icc: { type: 'string' },
    marks: { type: 'boolean' },
    force: { type: 'boolean' },
    overwrite: { type: 'boolean' },
    'plate-version': { type: 'string' },
    'creation-date': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values }, io) {
    // `--out /Volumes/Plant Share` unquoted would export into /Volumes/Plant; `--marks no` would mark.
    const id = positiveInt(required(values, 'edition'), '--edition');
    const outDir = required(values, 'out');
    if (values.combined && values['no-combined']) throw new CliError('give --combined or --no-combined, not both', 2);
    const pdfx = values.pdfx as string | undefined;
    if (pdfx !== undefined && pdfx !== 'x1a' && pdfx !== 'x4') throw new CliError(`--pdfx must be x1a or x4, got '${pdfx}'`, 2);
    if (pdfx === 'x4' && !values.icc) throw new CliError("--pdfx x4 needs --icc FILE (the plant's CMYK output profile)", 2);
    let icc: Uint8Array | undefined;
    if (values.icc) {
      try {
        icc = readFileSync(values.icc as string);
      } catch (e) {
        throw new CliError(`cannot read --icc ${values.icc}: ${(e as Error).message}`);
      }
    }
    const plateVersion = values['plate-version'] as string | undefined;
    if (plateVersion !== undefined && !/^[0-9A-Za-z]{1,16}$/.test(plateVersion)) throw new CliError(`--plate-version must be 1 to 16 letters or digits (2, B), got '${plateVersion}'`, 2);
    const creationDate = values['creation-date'] === undefined ? undefined : parseTimestamp(values['creation-date'] as string, '--creation-date');
    checkOutDir(outDir);
    const lib = openCliLibrary(values, { create: false });
    try {
      const result = await exportFromLibrary(
        lib,
        id,
        { outDir, pattern: values.pattern as string | undefined, combined: !values['no-combined'], pdfx: (pdfx as 'x1a' | 'x4' | undefined) ?? (icc ? 'x4' : undefined), icc, marks: !!values.marks, force: !!values.force, overwrite: !!values.overwrite, plateVersion, creationDate, json: !!values.json },
        io,
      );
      if (values.json) printJson(io, result);
      else {
        for (const f of result.files) io.out(`${f.path}  (${countOf(f.pages, 'page')}, ${Math.round(f.bytes / 1024)} KB)\n`);
        for (const w of result.report.warnings) io.err(`warning: ${w}\n`);
        // Preflight's warnings passed to the plant with the files (preflight lists them in full).
        for (const w of result.report.preflightWarnings) io.err(`preflight warning: ${w}\n`);
      }
      return 0;
    } finally {
      lib.close();
    }
  },
});
