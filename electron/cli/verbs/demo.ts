// `pasteup demo`: the demo library — the fixture page imported and laid out as a 2-page
// edition in which the stories the page shows as (上接第1版) start on page 1 and jump to page
// 2, as they did in print.
import { dirname, join, resolve } from 'node:path';
import { openLibrary, type Library } from '../../services/library';
import { defineVerb, printJson, required } from '../cli';
import { demoTextFile } from '../paths';
import { applyPlan, type Plan } from './edition';
import { checkOutDir, exportFromLibrary } from './export';
import { importOneFile, type ImportFileReport } from './library';

/** Imports the demo page (articles already in the library are recognised, not duplicated). */
export function demoImportReport(lib: Library): ImportFileReport {
  return importOneFile(lib, demoTextFile);
}

/** The demo's articles, in the order the page prints them, by their import line. */
function demoArticles(lib: Library): number[] {
  const report = demoImportReport(lib);
  const byLine = new Map<number, number>();
  for (const a of report.imported) {
    const full = lib.articles.get(a.id);
    if (full?.source) byLine.set(full.source.line, a.id);
  }
  for (const d of report.duplicates) byLine.set(d.line, d.existingId);
  return [...byLine.entries()].sort((a, b) => a[0] - b[0]).map(([, id]) => id);
}

/**
 * The 2-page plan on the 对开 broadsheet (8 columns × 103 lines). Page 1 holds the starts of
 * the three continued pieces (and an ad); page 2 is the printed page: its own stories and the
 * continuations, in the places the fixture's reading order suggests. Each frame is sized to its
 * text (preflight's `underfull` warns of a frame 3 or more lines deeper than its text), and the
 * ads take what is left.
 */
export function demoPlan(ids: number[]): Plan {
  const [gateway, property, friends, industry, air, briefsA, photo, briefsB] = ids;
  const box = (col: number, span: number, top: number, height: number) => ({ col, span, top, height });
  return {
    edition: { name: '演示版', date: '2024-01-27', template: 'broadsheet-zh', language: 'zh' },
    pages: [
      {
        label: null,
        section: '要闻',
        frames: [
          { article: friends, part: 0, ...box(0, 4, 0, 40) },
          { article: air, part: 0, ...box(4, 4, 0, 5) },
          { article: briefsB, part: 0, ...box(4, 4, 5, 10) },
          { photo: { caption: '（图片新闻待定）', credit: null }, ...box(4, 4, 15, 25) },
          { ad: '广告', ...box(0, 8, 40, 63) },
        ],
      },
      {
        label: null,
        section: '综合新闻',
        frames: [
          { article: gateway, part: 0, ...box(0, 4, 0, 28) },
          { article: friends, part: 1, ...box(0, 4, 28, 23) },
          { article: industry, part: 0, ...box(0, 4, 51, 20) },
          { ad: '广告', ...box(0, 4, 71, 32) },
          { article: property, part: 0, ...box(4, 4, 0, 37) },
          { article: photo, part: 0, ...box(4, 4, 37, 21) },
          { article: briefsA, part: 0, ...box(4, 2, 58, 25) },
          { article: air, part: 1, ...box(4, 2, 83, 6) },
          { article: briefsB, part: 1, ...box(6, 2, 58, 31) },
          { ad: '分类广告', ...box(4, 4, 89, 14) },
        ],
      },
    ],
  };
}

/** Builds (or rebuilds) the demo edition in `lib`; returns its id. */
export function buildDemo(lib: Library): number {
  return lib.transaction(() => applyPlan(lib, demoPlan(demoArticles(lib))));
}

export const demoVerb = defineVerb({
  name: 'demo',
  summary: 'Build the demo library: the fixture page laid out as a 2-page edition, exported to PDF.',
  usage: '--library LIB [--out DIR] [--json]',
  help: `Imports the bundled page (once), creates a new 2-page edition from it and exports it as
print-ready PDF into DIR (default: a folder named pasteup-demo-pdf next to the library),
overwriting earlier demo files. Prints the edition id and the files
(--json: {"edition": id, "articles": [ids], "pdf": {"dir", "files": [paths]}}).`,
  options: { library: { type: 'string', short: 'l' }, out: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    const path = required(values, 'library');
    const outDir = (values.out as string | undefined) ?? join(dirname(resolve(path)), 'pasteup-demo-pdf');
    checkOutDir(outDir); // before the library and the edition are made
    const lib = openLibrary(path, { create: true });
    try {
      const id = buildDemo(lib);
      const edition = lib.editions.require(id);
      const articles = [...new Set(edition.pages.flatMap((p) => p.frames.flatMap((f) => (f.kind === 'article' ? [f.article] : []))))];
      const { files } = await exportFromLibrary(lib, id, { outDir, force: true }, null);
      if (values.json) printJson(io, { edition: id, articles, pdf: { dir: outDir, files: files.map((f) => f.path) } });
      else {
        io.out(`Demo edition #${id}: ${edition.pages.length} pages, ${articles.length} articles.\nPDF in ${outDir}:\n`);
        for (const f of files) io.out(`  ${f.path}\n`);
        io.out(`Try: npx pasteup layout --library ${path} --edition ${id}\n     npx pasteup preflight --library ${path} --edition ${id}\n`);
      }
      return 0;
    } finally {
      lib.close();
    }
  },
});
