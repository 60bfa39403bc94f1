// One cold process of the export bench: read the edition document and its articles (JSON,
// as a library hands them over), load the fonts, lay out, export the nine PDFs, print the
// times as JSON. bench/export.ts bundles it and runs it the way bin/pasteup.js runs the
// `pasteup` command (scripts/bundle.mjs: one CommonJS bundle, V8 code cache, Liftoff only):
//   node bench/cold-run.cjs bench-export-cold INPUT.json OUTDIR
import { readFileSync } from 'node:fs';
import { exportEdition, prepareExport } from '../electron/services/export';
import { loadNodeFontProvider } from '../electron/services/fonts/node-fonts';
import { EngineWorker, layoutEditionShared } from '../electron/services/engine-worker';
import { SHIPPED_TEMPLATES, type ArticleContent, type Edition } from '../shared/model';

export interface ColdInput {
  edition: Edition;
  articles: [number, ArticleContent][];
  meta: { publication: string; edition: string; date: string; language: 'zh' | 'en' };
  creationDate: string;
}

export async function run([input, outDir]: string[]): Promise<void> {
  const started = performance.now(); // since process start: node, reading and evaluating the bundle
  // As `pasteup export` does: with more than two CPUs (or PASTEUP_ENGINE_WORKER=on) a second
  // thread lays out articles too and makes the subsets.
  void prepareExport(); // as `pasteup export` does: hb-subset compiles while the edition is laid out
  const worker = EngineWorker.startIfWanted();
  const fonts = loadNodeFontProvider(); // as `pasteup export` does: while the input is read
  fonts.catch(() => undefined);
  const job = JSON.parse(readFileSync(input, 'utf8')) as ColdInput;
  const t0 = performance.now();
  const provider = await fonts;
  const t1 = performance.now();
  const template = SHIPPED_TEMPLATES.find((t) => t.id === job.edition.template)!;
  const layout = await layoutEditionShared(provider, { edition: job.edition, template, articles: new Map(job.articles) }, worker);
  const t2 = performance.now();
  const { report } = await exportEdition(layout, job.meta, { outDir, creationDate: new Date(job.creationDate), subsetter: worker?.subsetter() });
  await worker?.close();
  const t3 = performance.now();
  process.stdout.write(JSON.stringify({ imports: started, read: t0 - started, fonts: t1 - t0, layout: t2 - t1, export: t3 - t2, ms: report.ms, sinceStart: t3 }) + '\n');
}
