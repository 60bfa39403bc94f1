// `pasteup typeset`: set a text file in the default body font to a measure and print the
// lines — the engine, inspectable from a shell.
import { readImportFile } from '../../services/import/read-file';
import { loadNodeFontProvider } from '../../services/fonts/node-fonts';
import { setParagraph } from '../../../shared/text/lines';
import { prepareParagraph } from '../../../shared/text/prepare';
import { bodyStyle, type KinsokuLevel } from '../../../shared/text/style';
import { CliError, defineVerb, encodingOption, printJson } from '../cli';

function positiveNumber(text: string | undefined, what: string, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new CliError(`${what} must be a positive number, got '${text}'`, 2);
  return n;
}

export const typesetVerb = defineVerb({
  name: 'typeset',
  summary: 'Set a text file to a measure with the layout engine and print the lines.',
  usage: 'FILE --measure EM [--size PT] [--lang zh|en] [--kinsoku none|basic|strict] [--encoding E] [--json]',
  help: `
Paragraphs are separated by blank lines. The file is read as import reads it (--encoding:
auto, utf-8, gb18030, big5, utf-16le, utf-16be, windows-1252). The text is set in the default body face
(Noto Serif SC / Noto Serif) to a measure of EM ems of --size points (default 9).
Chinese follows clreq (kinsoku, punctuation squeezing, Han–Latin spacing, 2 em indent);
English uses Knuth–Plass with Liang hyphenation.

--json prints {"lines": [{"text", "width", "measure", "last", "justified", "hyphenated", "x", "paragraph"}]},
widths in points; "last" is true for a paragraph's final line; "hyphenated" when the line ends
in a hyphen that is not in the text (drawn, as the text mode shows it).`,
  options: {
    measure: { type: 'string' },
    size: { type: 'string' },
    lang: { type: 'string' },
    kinsoku: { type: 'string' },
    encoding: { type: 'string' },
    json: { type: 'boolean' },
  },
  positionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new CliError('give exactly one FILE', 2);
    if (values.measure === undefined) throw new CliError('--measure is required', 2);
    const measureEm = positiveNumber(values.measure as string, '--measure', 0);
    const size = positiveNumber(values.size as string | undefined, '--size', 9);
    const { text } = readImportFile(positionals[0], { encoding: encodingOption(values) });
    const hasHan = /\p{Script=Han}/u.test(text);
    const lang = (values.lang as string | undefined) ?? (hasHan ? 'zh' : 'en');
    if (lang !== 'zh' && lang !== 'en') throw new CliError(`--lang must be zh or en, got '${lang}'`, 2);
    const kinsoku = (values.kinsoku as string | undefined) ?? 'basic';
    if (!['none', 'basic', 'strict'].includes(kinsoku)) throw new CliError(`--kinsoku must be none, basic or strict, got '${kinsoku}'`, 2);
    const provider = await loadNodeFontProvider();
    const style = bodyStyle(lang, size, { kinsoku: kinsoku as KinsokuLevel });
    const measure = measureEm * size;
    const paragraphs = text
      .split(/\n\s*\n/)
      .map((p) => p.replace(/\s*\n\s*/g, lang === 'zh' ? '' : ' ').trim())
      .filter(Boolean);
    const lines = paragraphs.flatMap((p, i) =>
      setParagraph(prepareParagraph(provider, { text: p, style }), measure).map((l) => ({
        text: l.text,
        width: round(l.width),
        measure: round(l.measure),
        last: l.last,
        justified: l.justified,
        hyphenated: l.hyphenated,
        x: round(l.x),
        paragraph: i,
      })),
    );
    if (values.json) printJson(io, { lines });
    else {
      const ruler = '─'.repeat(Math.max(4, Math.round(measureEm)));
      io.out(`${ruler}  measure ${measureEm} em × ${size} pt = ${round(measure)} pt\n`);
      for (const l of lines) io.out(`${l.x > 0 ? '　'.repeat(Math.round(l.x / size)) : ''}${l.text.trimEnd()}${l.hyphenated ? '-' : ''}${l.justified || l.last ? '' : '  ⟵ ragged'}\n${l.last ? '\n' : ''}`);
    }
    return 0;
  },
});

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
