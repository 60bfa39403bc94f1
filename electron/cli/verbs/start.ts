// `pasteup start`: what `npm start` runs. Until the composer window exists (a later issue) it
// opens the user's library — building the demo in it when it is empty: the bundled page
// imported, laid out as a 2-page edition and exported to PDF — and shows what is in it.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openLibrary } from '../../services/library';
import { countOf, defineVerb, type Io } from '../cli';
import { defaultLibraryPath } from '../paths';
import { buildDemo, demoImportReport } from './demo';
import { checkOutDir, exportFromLibrary } from './export';
import { headlineText } from './library';

export const startVerb = defineVerb({
  name: 'start',
  summary: 'Open your library (the bundled demo when you have none) and show it.',
  usage: '[--library LIB]',
  help: `Without --library, uses $PASTEUP_LIBRARY or ~/.local/share/pasteup/library.pasteup.
An empty or missing library gets the demo: the bundled page imported, laid out as a 2-page
edition, and exported as print-ready PDF into pasteup-demo-pdf next to the library.`,
  options: { library: { type: 'string', short: 'l' } },
  async run({ values }, io: Io) {
    const path = (values.library as string | undefined) ?? defaultLibraryPath();
    const fresh = !existsSync(path);
    const outDir = join(dirname(path), 'pasteup-demo-pdf');
    if (fresh) checkOutDir(outDir); // before the library is made
    const lib = openLibrary(path, { create: true });
    try {
      if (lib.articles.list({ limit: 1 }).length === 0) {
        checkOutDir(outDir);
        const report = demoImportReport(lib);
        io.out(`${fresh ? 'Created' : 'Filled'} ${path} with the demo page: ${report.imported.length} articles, ${report.warnings.length} import warnings.\n`);
        for (const w of report.warnings) io.out(`  line ${w.line}: ${w.message}\n`);
        const edition = buildDemo(lib);
        const { files } = await exportFromLibrary(lib, edition, { outDir, force: true }, null);
        io.out(`Laid it out as edition #${edition} and exported it to ${outDir}:\n`);
        for (const f of files) io.out(`  ${f.path}\n`);
      }
      const articles = lib.articles.list({ limit: 1000 });
      io.out(`\nLibrary ${path} — ${articles.length} articles\n`);
      for (const a of articles) io.out(`  #${a.id} ${headlineText(a)}  (${a.chars} chars, ${a.paragraphs} paragraphs)\n`);
      const editions = lib.editions.list();
      if (editions.length) {
        io.out(`\nEditions\n`);
        for (const e of editions) io.out(`  ${e.id}: ${e.date} ${e.name} (${countOf(e.pages, 'page')}, ${e.template})\n`);
      }
      const first = editions[0];
      io.out(
        `\nTry: npx pasteup show ${articles[0]?.id ?? 1} --library ${path}\n     npx pasteup articles --library ${path} --search 太原\n` +
          (first ? `     npx pasteup layout --library ${path} --edition ${first.id}\n     npx pasteup export --library ${path} --edition ${first.id} --out DIR\n` : ''),
      );
      return 0;
    } finally {
      lib.close();
    }
  },
});
