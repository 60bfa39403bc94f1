// Shaping throughput on the fixture text (warm): the HarfBuzz provider's ideograph fast
// path against plain HarfBuzz, per line and per character (how a line breaker that
// measures cluster by cluster would call it). Run alone: node --import tsx bench/shaping.ts
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadNodeFontProvider } from '../electron/services/fonts/node-fonts';
import type { ShapedGlyph, ShapeOptions } from '../shared/text/font';
import { ms, printTable, type BenchRow } from './table';

const FONT = 'NotoSerifSC-Regular';
const zh: ShapeOptions = { script: 'Hani', language: 'zh-Hans' };

/** Glyphs per second of `shape` over `texts`, best of 3 rounds of at least `minMs` each. */
function throughput(texts: string[], shape: (text: string) => ShapedGlyph[], minMs = 400): number {
  for (const t of texts) shape(t); // warm up: caches, JIT
  let best = 0;
  for (let round = 0; round < 3; round++) {
    let glyphs = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      for (const t of texts) glyphs += shape(t).length;
      elapsed = performance.now() - start;
    } while (elapsed < minMs);
    best = Math.max(best, glyphs / (elapsed / 1000));
  }
  return best;
}

const rate = (x: number) => `${(x / 1e6).toFixed(2)} M glyphs/s`;

export async function benchShaping(): Promise<BenchRow[]> {
  const fixture = readFileSync(new URL('../../shared/fixtures/taiyuan-daily-2024-01.txt', import.meta.url), 'utf8');
  const lines = fixture.split('\n').filter((l) => l.length > 0);
  const chars = [...fixture.replace(/\n/g, '')];

  const t0 = performance.now();
  const p = await loadNodeFontProvider([FONT, 'NotoSerif-Regular']);
  const loadMs = performance.now() - t0;

  const fastLines = throughput(lines, (t) => p.shape(FONT, t, zh));
  const hbLines = throughput(lines, (t) => p.shapeHarfBuzz(FONT, t, zh));
  const fastChars = throughput(chars, (t) => p.shape(FONT, t, zh));
  const hbChars = throughput(chars, (t) => p.shapeHarfBuzz(FONT, t, zh));

  // An edition: 16 broadsheet pages of ~6k Han characters each, shaped line by line once.
  const edition = 96_000;
  const editionMs = (edition / fastLines) * 1000;

  return [
    { name: 'shaping: load HarfBuzz + 2 fonts (cold)', value: ms(loadMs), goal: '< 1000 ms' },
    { name: 'shaping: fixture by line, fast path', value: rate(fastLines), goal: '≥ 3× HarfBuzz' },
    { name: 'shaping: fixture by line, HarfBuzz only', value: rate(hbLines), goal: '(reference)' },
    { name: 'shaping: fast path / HarfBuzz, by line', value: `${(fastLines / hbLines).toFixed(1)}×`, goal: '≥ 3×' },
    { name: 'shaping: fixture by character, fast path', value: rate(fastChars), goal: '≥ 1 M glyphs/s' },
    { name: 'shaping: fixture by character, HarfBuzz only', value: rate(hbChars), goal: '(reference)' },
    { name: 'shaping: 96k-glyph edition by line, fast path', value: ms(editionMs), goal: '< 100 ms' },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printTable(await benchShaping());
}
