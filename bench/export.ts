// Export benchmark (issue 5): the 8-page broadsheet of bench/broadsheet.ts laid out with
// layoutEdition (folios, rules, 32 article frames) and exported as print-ready PDF — eight
// page files and the combined file, PDF/X-1a, fonts subset with hb-subset, every file
// checked by reading it back, written atomically to a temporary folder.
//   node --import tsx bench/export.ts          (or: npm run bench export)
// Warm and cold runs are processes of their own running a bundle (bench/export-warm.ts,
// bench/export-cold.ts, built like dist/cli.cjs): the code the `pasteup` command runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineWorker } from '../electron/services/engine-worker';
import type { ExportReport } from '../electron/services/export';
import { exportBenchEdition, FIXED, META } from './export-job';
import type { WarmRun } from './export-warm';
import { ms, percentile, type BenchRow } from './table';

function median(xs: number[]): number {
  return percentile([...xs].sort((a, b) => a - b), 50);
}

/**
 * A bench entry bundled into dist/NAME.cjs like dist/cli.cjs (with dist/cli.cjs and the
 * engine worker's bundle); returns the argv that runs it as `pasteup` runs.
 */
export async function coldProcess(entry: string, name: string): Promise<string[]> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const { buildBundle } = (await import(new URL('../scripts/bundle.mjs', import.meta.url).href)) as { buildBundle: (entry?: string, out?: string) => Promise<void> };
  await buildBundle();
  await buildBundle(join(root, 'bench', entry), join(root, 'dist', `${name}.cjs`));
  return [join(root, 'bench', 'cold-run.cjs'), name];
}

export async function benchExport(): Promise<BenchRow[]> {
  const runner = await coldProcess('export-cold.ts', 'bench-export-cold');
  const work = mkdtempSync(join(tmpdir(), 'pasteup-bench-cold-'));
  type Cold = { wall: number; sinceStart: number; imports: number; read: number; fonts: number; layout: number; export: number; ms: ExportReport['ms'] };
  const cold: Cold[] = [];
  const coldOther: Cold[] = [];
  const coldNoCa: Cold[] = [];
  const nodeAlone: number[] = [];
  const nodeAloneNoCa: number[] = [];
  const otherMode = EngineWorker.wanted() ? 'off' : 'on';
  // NODE_EXTRA_CA_CERTS (this machine sets it, for its npm proxy) makes Node 20 build its
  // root certificate store and parse that file at every start, before any of our code runs
  // (nodejs/node#40524): ~60 ms here. Nothing in pasteup opens a TLS connection, but a
  // process started with it pays that, so the goal row keeps the environment as it is, and
  // the same process without it is measured alongside, to tell the two apart.
  const caSet = process.env.NODE_EXTRA_CA_CERTS !== undefined;
  const noCa = { ...process.env };
  delete noCa.NODE_EXTRA_CA_CERTS;
  try {
    const { edition, articles } = exportBenchEdition(0);
    const input = join(work, 'edition.json');
    writeFileSync(input, JSON.stringify({ edition, articles: [...articles], meta: META, creationDate: FIXED.toISOString() }));
    // Run 0 writes the code cache (as a user's first export does) and is not counted; the
    // other engine-worker mode and the run without NODE_EXTRA_CA_CERTS are interleaved, and
    // so is node alone (`node -e 0`), each way.
    const variants: { env: NodeJS.ProcessEnv; into: Cold[] }[] = [
      { env: process.env, into: cold },
      { env: { ...process.env, PASTEUP_ENGINE_WORKER: otherMode }, into: coldOther },
      ...(caSet ? [{ env: noCa, into: coldNoCa }] : []),
    ];
    const nodeVariants: { env: NodeJS.ProcessEnv; into: number[] }[] = [{ env: process.env, into: nodeAlone }, ...(caSet ? [{ env: noCa, into: nodeAloneNoCa }] : [])];
    for (let i = 0; i <= 5; i++) {
      for (const [k, v] of variants.entries()) {
        if (k > 0 && i === 0) continue;
        const out = join(work, `out-${i}-${k}`);
        const t = performance.now();
        const r = spawnSync(process.execPath, [...runner, input, out], { encoding: 'utf8', env: v.env });
        const wall = performance.now() - t;
        if (r.status !== 0) throw new Error(r.stderr);
        if (i > 0) v.into.push({ ...JSON.parse(r.stdout), wall });
      }
      if (i === 0) continue;
      for (const v of nodeVariants) {
        const t = performance.now();
        const r = spawnSync(process.execPath, ['-e', '0'], { env: v.env });
        if (r.status !== 0) throw new Error(String(r.stderr));
        v.into.push(performance.now() - t);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  // Warm: in a process of its own running the bundle (bench/export-warm.ts), fonts loaded,
  // JIT and subsetter warmed on other variants; each measured run lays out and exports text
  // no earlier run has seen. V8 keeps tiering the engine up for about ten runs (runs 4-10
  // averaged 219 ms, runs 11-30 152 ms, over three processes), so the goal is measured at
  // that steady state: runs 11-17; runs 4-10 are reported as well. Measured as the product
  // runs here (an engine worker only with more than two CPUs: EngineWorker.wanted()) and,
  // in another process, the other way, for comparison.
  const useWorker = EngineWorker.wanted();
  const warmRunner = await coldProcess('export-warm.ts', 'bench-export-warm');
  const warmProcess = (worker: boolean): { early: WarmRun[]; steady: WarmRun[] } => {
    const r = spawnSync(process.execPath, [warmRunner[0], '--long-lived', ...warmRunner.slice(1), worker ? 'worker' : 'one'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout) as { early: WarmRun[]; steady: WarmRun[] };
  };
  const runs = warmProcess(useWorker);
  const warm = runs.steady;
  const other = warmProcess(!useWorker).steady;
  const mode = useWorker ? 'two threads' : 'one thread';
  const { han } = exportBenchEdition();
  const w = (f: (r: WarmRun) => number) => median(warm.map(f));
  const c = (f: (r: (typeof cold)[number]) => number) => median(cold.map(f));
  const last = warm[warm.length - 1];
  return [
    { name: `export: 8-page broadsheet (${han} Han chars) layout + export, warm, ${mode}, median of runs 11-17`, value: ms(w((r) => r.layout + r.export)), goal: '≤ 130 ms' },
    { name: 'export:   the fastest of the 7 (this machine swings by ±30 % from minute to minute)', value: ms(Math.min(...warm.map((r) => r.layout + r.export))), goal: 'report' },
    { name: 'export:   the median of runs 4-10 (V8 still optimising the engine)', value: ms(median(runs.early.map((r) => r.layout + r.export))), goal: 'report' },
    { name: 'export:   of which layoutEdition', value: ms(w((r) => r.layout)), goal: 'report' },
    { name: `export:   of which hb-subset of 5 fonts${useWorker ? ' (started; made on the worker)' : ''}`, value: ms(w((r) => r.ms.subset)), goal: 'report' },
    { name: 'export:   of which painting (content streams)', value: ms(w((r) => r.ms.paint)), goal: 'report' },
    { name: 'export:   of which waiting for Flate (thread pool) and ToUnicode', value: ms(w((r) => r.ms.fonts)), goal: 'report' },
    { name: 'export:   of which PDF assembly (pdf-lib save, 9 files)', value: ms(w((r) => r.ms.build)), goal: 'report' },
    { name: 'export:   of which reading every file back (check)', value: ms(w((r) => r.ms.check)), goal: 'report' },
    { name: 'export:   of which the last writes and fsyncs, hashing, renames, read-back', value: ms(w((r) => r.ms.write)), goal: 'report' },
    { name: `export: the same ${useWorker ? 'on one thread' : 'with an engine worker (second thread)'}, median of runs 11-17`, value: ms(median(other.map((r) => r.layout + r.export))), goal: 'report' },
    { name: `export: output, 8 page files + combined`, value: `${(last.bytes / 1e6).toFixed(2)} MB`, goal: 'report' },
    { name: `export: cold process, layout + export (wall: node start to exit), ${mode}, median of 5`, value: ms(c((r) => r.wall)), goal: '≤ 700 ms' },
    { name: 'export:   the fastest of the 5', value: ms(Math.min(...cold.map((r) => r.wall))), goal: 'report' },
    { name: 'export:   of which node start and loading the bundle', value: ms(c((r) => r.imports)), goal: 'report' },
    { name: `export:     node alone, \`node -e 0\` start to exit, median of 5${caSet ? ' (NODE_EXTRA_CA_CERTS set)' : ''}`, value: ms(median(nodeAlone)), goal: 'report' },
    { name: 'export:   of which reading the edition (JSON)', value: ms(c((r) => r.read)), goal: 'report' },
    { name: 'export:   of which font loading (HarfBuzz provider)', value: ms(c((r) => r.fonts)), goal: 'report' },
    { name: 'export:   of which layoutEdition (cold JIT)', value: ms(c((r) => r.layout)), goal: 'report' },
    { name: 'export:   of which exportEdition (cold: wasm, font files, JIT)', value: ms(c((r) => r.export)), goal: 'report' },
    { name: `export: the same cold process ${otherMode === 'on' ? 'with an engine worker' : 'on one thread'}, median of 5`, value: ms(median(coldOther.map((r) => r.wall))), goal: 'report' },
    ...(caSet
      ? [
          { name: 'export: the same cold process without NODE_EXTRA_CA_CERTS (Node 20 reads it at every start: nodejs/node#40524), median of 5', value: ms(median(coldNoCa.map((r) => r.wall))), goal: 'report' },
          { name: 'export:   node alone without it, median of 5', value: ms(median(nodeAloneNoCa)), goal: 'report' },
        ]
      : []),
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { printTable } = await import('./table');
  printTable(await benchExport());
}
