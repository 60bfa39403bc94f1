// Engine benchmarks (issue 3): the 8-page broadsheet laid out cold and warm, and the
// re-layout of one article after a frame resize.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadNodeFontProvider } from '../electron/services/fonts/node-fonts';
import { layoutArticle, type LayoutArticleInput } from '../shared/layout';
import { broadsheetEdition, BROADSHEET_GRID } from './broadsheet';
import { coldProcess } from './export';
import { ms, percentile, type BenchRow } from './table';

function median(xs: number[]): number {
  return percentile([...xs].sort((a, b) => a - b), 50);
}

export async function benchEngine(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  // Cold: a fresh process started from a bundle as `pasteup` starts (start-up included in
  // "process", not in "layout"); run 0 writes the code cache and is not counted.
  const runner = await coldProcess('engine-cold.ts', 'bench-engine-cold');
  const cold: { fonts: number; layout: number; sinceStart: number }[] = [];
  for (let i = 0; i <= 3; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, runner, { encoding: 'utf8' });
    const wall = performance.now() - t;
    if (r.status !== 0) throw new Error(r.stderr);
    if (i > 0) cold.push({ ...JSON.parse(r.stdout), sinceStart: wall });
  }
  const provider = await loadNodeFontProvider();
  const { inputs, han } = broadsheetEdition();
  // Warm: fonts loaded and the JIT warmed on other text; every measured run lays out text
  // no earlier layout has seen (a fresh variant of the edition), so no cache can help.
  for (let v = 1; v <= 6; v++) for (const input of broadsheetEdition(undefined, 100 + v).inputs) layoutArticle(provider, input);
  const warm: number[] = [];
  for (let v = 1; v <= 7; v++) {
    const fresh = broadsheetEdition(undefined, v).inputs;
    const t = performance.now();
    for (const input of fresh) layoutArticle(provider, input);
    warm.push(performance.now() - t);
  }
  for (const input of inputs) layoutArticle(provider, input);
  // Resize one article's frame: re-break and re-flow, no re-shaping.
  const one = inputs[5];
  const resize: number[] = [];
  for (let i = 0; i < 50; i++) {
    const f = one.parts[0].frame;
    const resized: LayoutArticleInput = { ...one, parts: [{ frame: { ...f, span: i % 2 ? 3 : 4, height: f.height - (i % 7) } }] };
    const t = performance.now();
    layoutArticle(provider, resized);
    resize.push(performance.now() - t);
  }
  rows.push({ name: `engine: 8-page broadsheet, ${han} Han chars, cold process (wall)`, value: ms(median(cold.map((c) => c.sinceStart))), goal: 'report' });
  rows.push({ name: 'engine:   of which font loading', value: ms(median(cold.map((c) => c.fonts))), goal: 'report' });
  rows.push({ name: 'engine:   of which layout (cold JIT)', value: ms(median(cold.map((c) => c.layout))), goal: 'report' });
  rows.push({ name: `engine: 8-page broadsheet warm (${BROADSHEET_GRID.columns} cols, 9 pt), median of 7`, value: ms(median(warm)), goal: '≤ 100 ms' });
  rows.push({ name: 'engine: re-layout one article after a frame resize, median', value: ms(median(resize)), goal: '≤ 8 ms' });
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { printTable } = await import('./table');
  printTable(await benchEngine());
}
