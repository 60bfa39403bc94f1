// One cold process: load fonts, lay out the broadsheet edition once, print the times as JSON.
// bench/engine.ts bundles it and runs it the way `pasteup` runs (bench/cold-run.cjs).
import { loadNodeFontProvider } from '../electron/services/fonts/node-fonts';
import { layoutArticle } from '../shared/layout';
import { broadsheetEdition } from './broadsheet';

export async function run(): Promise<void> {
  const t0 = performance.now();
  const provider = await loadNodeFontProvider();
  const t1 = performance.now();
  const { inputs } = broadsheetEdition();
  const t2 = performance.now();
  let lines = 0;
  for (const input of inputs) for (const f of layoutArticle(provider, input).frames) for (const c of f.columns) lines += c.lines.length;
  const t3 = performance.now();
  process.stdout.write(JSON.stringify({ start: t0, fonts: t1 - t0, build: t2 - t1, layout: t3 - t2, lines, sinceStart: performance.now() }) + '\n');
}
