// `pasteup start`: what `npm start` runs. Until the composer window exists (a later issue) it
// opens the user's library — filling it with the bundled demo page when it is empty — and
// lists what is in it.
import { existsSync } from 'node:fs';
import { defineVerb, noPositionals, type Io } from '../cli';
import { demoTextFile, defaultLibraryPath } from '../paths';
import { openLibrary } from '../../services/library';
import { importOneFile, headlineText } from './library';

export const startVerb = defineVerb({
  name: 'start',
  summary: 'Open your library (the bundled demo when you have none) and list it.',
  usage: '[--library LIB]',
  help: `Without --library, uses $PASTEUP_LIBRARY or ~/.local/share/pasteup/library.pasteup.
An empty or missing library gets the bundled demo page imported first.`,
  options: { library: { type: 'string', short: 'l' } },
  run({ values, positionals }, io: Io) {
    noPositionals(positionals);
    const path = (values.library as string | undefined) ?? defaultLibraryPath();
    const fresh = !existsSync(path);
    const lib = openLibrary(path, { create: true });
    try {
      if (lib.articles.list({ limit: 1 }).length === 0) {
        const report = importOneFile(lib, demoTextFile);
        io.out(`${fresh ? 'Created' : 'Filled'} ${path} with the demo page: ${report.imported.length} articles, ${report.warnings.length} import warnings.\n`);
        for (const w of report.warnings) io.out(`  line ${w.line}: ${w.message}\n`);
      }
      const articles = lib.articles.list({ limit: 1000 });
      io.out(`\nLibrary ${path} — ${articles.length} articles\n`);
      for (const a of articles) io.out(`  #${a.id} ${headlineText(a.headline)}  (${a.chars} chars, ${a.paragraphs} paragraphs)\n`);
      io.out(`\nTry: npx pasteup show ${articles[0]?.id ?? 1} --library ${path}\n     npx pasteup articles --library ${path} --search 太原\n`);
      return 0;
    } finally {
      lib.close();
    }
  },
});
