// Edition benchmark (issue 4): a 16-page broadsheet edition with 20 jumped articles, laid out
// whole (folios, jump lines resolved from page labels, every frame).
import { fileURLToPath } from 'node:url';
import { loadNodeFontProvider } from '../electron/services/fonts/node-fonts';
import { layoutEdition } from '../shared/layout/edition';
import type { ArticleContent } from '../shared/model/article';
import type { Edition, Frame } from '../shared/model/edition';
import { SHIPPED_TEMPLATES } from '../shared/model/templates';
import { benchArticles } from './broadsheet';
import { ms, percentile, type BenchRow } from './table';

const template = SHIPPED_TEMPLATES.find((t) => t.id === 'broadsheet-zh')!;

/**
 * 16 pages. Pages 1–8 each hold four stories in 4-column frames (two rows of two); on every
 * page, the top-left and bottom-right stories (and on pages 1–4 also the top-right one) are
 * cut short and continue on pages 9–16. 20 jumps in all.
 */
export function jumpedEdition(variant: number): { edition: Edition; articles: Map<number, ArticleContent>; jumps: number } {
  const contents = benchArticles(32, 1500, undefined, variant);
  const articles = new Map(contents.map((c, i) => [i + 1, c] as const));
  const pages: Edition['pages'] = Array.from({ length: 16 }, (_, i) => ({ id: `p${i + 1}`, label: null, section: null, frames: [] as Frame[] }));
  let id = 1;
  let jumps = 0;
  const cont: number[] = Array(16).fill(0);
  for (let a = 0; a < 32; a++) {
    const page = Math.floor(a / 4);
    const slot = a % 4;
    const jumped = jumps < 20 && (slot === 0 || slot === 3 || (slot === 1 && page < 4));
    const box = { col: (slot % 2) * 4, span: 4, top: Math.floor(slot / 2) * 51, height: jumped ? 30 : 51 };
    pages[page].frames.push({ id: `f${id++}`, kind: 'article', article: a + 1, part: 0, ...box });
    if (jumped) {
      const to = 8 + (jumps % 8);
      const k = cont[to]++;
      pages[to].frames.push({ id: `f${id++}`, kind: 'article', article: a + 1, part: 1, col: (k % 2) * 4, span: 4, top: Math.floor(k / 2) * 34, height: 34 });
      jumps++;
    }
  }
  const edition: Edition = { id: 1, publication: '太原日报', date: '2024-01-27', name: 'bench', template: template.id, language: 'zh', pages, nextId: id };
  return { edition, articles, jumps };
}

export async function benchEdition(): Promise<BenchRow[]> {
  const provider = await loadNodeFontProvider();
  for (let v = 0; v < 4; v++) layoutEdition(provider, { ...jumpedEdition(200 + v), template });
  const times: number[] = [];
  let jumps = 0;
  let pages = 0;
  for (let v = 1; v <= 7; v++) {
    const input = jumpedEdition(v);
    jumps = input.jumps;
    const t = performance.now();
    const layout = layoutEdition(provider, { ...input, template });
    times.push(performance.now() - t);
    pages = layout.pages.length;
  }
  times.sort((a, b) => a - b);
  return [{ name: `edition: ${pages}-page broadsheet with ${jumps} jumps, warm layout, median of 7`, value: ms(percentile(times, 50)), goal: '≤ 150 ms' }];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { printTable } = await import('./table');
  printTable(await benchEdition());
}
