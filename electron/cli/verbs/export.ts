// `pasteup export`: print-ready PDF of an edition — one file per page and one for the edition.
import { readFileSync } from 'node:fs';
import { exportEdition, ExportError, prepareExport, type ExportedFile, type ExportProgress, type ExportReport } from '../../services/export';
import { checkLaidOut } from '../../services/editions/check';
import { layoutForEdition, type LaidOutEdition } from '../../services/editions/layout';
import { EngineWorker } from '../../services/engine-worker';
import { loadNodeFontProvider } from '../../services/fonts/node-fonts';
import type { Library } from '../../services/library';
import { CliError, defineVerb, positiveInt, printJson, required, type Io } from '../cli';
import { printCheck } from './edition';

export interface ExportRequest {
  outDir: string;
  pattern?: string;
  combined?: boolean;
  pdfx?: 'x1a' | 'x4';
  icc?: Uint8Array;
  marks?: boolean;
  force?: boolean;
  creationDate?: Date;
}

/** Progress on a terminal: one bar, redrawn; elsewhere plain lines. */
function progressPrinter(io: Io): (p: ExportProgress) => void {
  return (p) => {
    const what = p.kind === 'combined' ? 'edition' : `page ${p.page}/${p.total}`;
    if (io.isTTY) {
      const width = 24;
      const done = Math.round((p.page / p.total) * width);
      io.err(`\r[${'#'.repeat(done)}${'-'.repeat(width - done)}] ${what} ${p.file}\u001b[K${p.kind === 'combined' ? '\n' : ''}`);
    } else io.err(`${what}: ${p.file}\n`);
  };
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
    return await exportLaidOut(await layoutForEdition(lib, id, worker), req, io, worker);
  } finally {
    await worker?.close();
  }
}

async function exportLaidOut(laid: LaidOutEdition, req: ExportRequest, io: Io | null, worker: EngineWorker | null): Promise<{ files: ExportedFile[]; report: ExportReport }> {
  const check = checkLaidOut(laid);
  if (!check.ok && !req.force) {
    if (io) printCheck(io, check, false);
    throw new CliError(`preflight found ${check.errors} error(s): nothing exported (use --force to export anyway)`);
  }
  const { edition } = laid;
  try {
    return await exportEdition(
      laid.layout,
      { publication: edition.publication, edition: edition.name, date: edition.date, language: edition.language },
      {
        outDir: req.outDir,
        pattern: req.pattern,
        combined: req.combined ?? true,
        pdfx: req.pdfx,
        icc: req.icc,
        marks: req.marks,
        force: req.force,
        creationDate: req.creationDate,
        preflight: check.issues,
        subsetter: worker?.subsetter(),
        onProgress: io ? progressPrinter(io) : undefined,
      },
    );
  } catch (e) {
    if (e instanceof ExportError && e.code === 'exists') {
      throw new CliError(`${e.details.length} file(s) already exist, nothing was written (--force replaces them):\n  ${e.details.join('\n  ')}`);
    }
    throw e;
  }
}

export const exportVerb = defineVerb({
  name: 'export',
  summary: 'Write print-ready PDF: one file per page and one for the edition.',
  usage: '--library LIB --edition E --out DIR [--pattern P] [--combined|--no-combined] [--pdfx x1a|x4 --icc FILE] [--marks] [--force] [--json]',
  help: `
PDF/X-1a:2001 by default (CMYK, fonts embedded and subset, TrimBox/BleedBox, output intent
for ISO 12647-3 newsprint); --pdfx x4 --icc FILE embeds the plant's CMYK profile instead.
Files are named by --pattern (default {date}_{label}.pdf; tokens {publication} {edition}
{date} {index} {label} {version}); the edition file is {date}_{edition}.pdf. Files are
written atomically and never overwritten without --force. The edition preflight runs
first: errors (overset, broken jumps) stop the export unless --force. Progress goes to
stderr (a bar on a terminal). --creation-date YYYY-MM-DDTHH:MM:SSZ fixes the date in the
files (identical bytes on every export).
--json prints {"files": [{"path", "pages", "bytes", "kind", "sha256"}], "report": {...}}.`,
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
    'creation-date': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values }, io) {
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
    let creationDate: Date | undefined;
    if (values['creation-date']) {
      creationDate = new Date(values['creation-date'] as string);
      if (Number.isNaN(creationDate.getTime())) throw new CliError(`--creation-date is not a date: '${values['creation-date']}'`, 2);
    }
    const { openLibrary } = await import('../../services/library');
    const lib = openLibrary(required(values, 'library'), { create: false });
    try {
      const result = await exportFromLibrary(
        lib,
        id,
        { outDir, pattern: values.pattern as string | undefined, combined: !values['no-combined'], pdfx: (pdfx as 'x1a' | 'x4' | undefined) ?? (icc ? 'x4' : undefined), icc, marks: !!values.marks, force: !!values.force, creationDate },
        io,
      );
      if (values.json) printJson(io, result);
      else {
        for (const f of result.files) io.out(`${f.path}  (${f.pages} page${f.pages === 1 ? '' : 's'}, ${Math.round(f.bytes / 1024)} KB)\n`);
        for (const w of result.report.warnings) io.err(`warning: ${w}\n`);
      }
      return 0;
    } finally {
      lib.close();
    }
  },
});
