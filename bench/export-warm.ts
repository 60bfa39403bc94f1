// One warm process of the export bench, run from a bundle (bench/export.ts builds it like
// dist/cli.cjs) so that it measures the code the product runs, not tsx's transform of the
// sources (which wraps every closure in a naming helper: 5-10 % slower here). Unlike the
// cold runs it is a long-lived process: WebAssembly tiers up as in the app.
//   node bench/cold-run.cjs --long-lived bench-export-warm MODE   (MODE: one | worker)
// Prints {early, steady} as JSON: runs 4-10 and 11-17 after three warm-up runs, each on
// text no earlier run has laid out.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineWorker, layoutEditionShared } from '../electron/services/engine-worker';
import { exportEdition, type ExportReport } from '../electron/services/export';
import { loadNodeFontProvider } from '../electron/services/fonts/node-fonts';
import { layoutEdition, type EditionLayout } from '../shared/layout';
import type { FontProvider } from '../shared/text/font';
import { exportBenchEdition, FIXED, META, TEMPLATE } from './export-job';

export interface WarmRun {
  layout: number;
  export: number;
  ms: ExportReport['ms'];
  bytes: number;
}

async function once(provider: FontProvider, variant: number, worker: EngineWorker | null): Promise<WarmRun> {
  const dir = mkdtempSync(join(tmpdir(), 'pasteup-bench-export-'));
  // The input is made before the clock starts: the articles as the library hands them over.
  const { edition, articles } = exportBenchEdition(variant);
  try {
    const t0 = performance.now();
    const l: EditionLayout = worker ? await layoutEditionShared(provider, { edition, template: TEMPLATE, articles }, worker) : layoutEdition(provider, { edition, template: TEMPLATE, articles });
    const t1 = performance.now();
    const { files, report } = await exportEdition(l, META, { outDir: dir, creationDate: FIXED, subsetter: worker?.subsetter() });
    const t2 = performance.now();
    return { layout: t1 - t0, export: t2 - t1, ms: report.ms, bytes: files.reduce((n, f) => n + f.bytes, 0) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run([mode]: string[]): Promise<void> {
  const provider = await loadNodeFontProvider();
  const worker = mode === 'worker' ? EngineWorker.start() : null;
  while (worker && !worker.ready) await new Promise((r) => setTimeout(r, 20));
  try {
    for (let v = 1; v <= 3; v++) await once(provider, 100 + v, worker);
    const early: WarmRun[] = [];
    for (let v = 1; v <= 7; v++) early.push(await once(provider, 50 + v, worker));
    const steady: WarmRun[] = [];
    for (let v = 1; v <= 7; v++) steady.push(await once(provider, v, worker));
    process.stdout.write(JSON.stringify({ early, steady }) + '\n');
  } finally {
    await worker?.close();
  }
}
