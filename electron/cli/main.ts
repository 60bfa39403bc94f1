// `pasteup` — the product without a window (DESIGN.md, "The `pasteup` command").
import { processIo, runVerb, verbHelp, type Io, type Verb } from './cli';
import { articleVerbs } from './verbs/article';
import { demoVerb } from './verbs/demo';
import { editVerbs } from './verbs/edit';
import { editionVerbs } from './verbs/edition';
import { exportVerb } from './verbs/export';
import { libraryVerbs } from './verbs/library';
import { startVerb } from './verbs/start';
import { typesetVerb } from './verbs/typeset';

export const verbs: Verb[] = [...libraryVerbs, ...articleVerbs, typesetVerb, ...editionVerbs, ...editVerbs, exportVerb, demoVerb, startVerb];

function topHelp(): string {
  const width = Math.max(...verbs.map((v) => v.name.length));
  const lines = verbs.map((v) => `  ${v.name.padEnd(width)}  ${v.summary}`);
  return `Usage: pasteup <verb> [options]\n\nVerbs:\n${lines.join('\n')}\n\nEvery verb takes --help. Errors go to stderr with a non-zero exit code.\n`;
}

/** Finds the verb for argv (longest match: 'edition new' before 'edition'). */
export function findVerb(argv: string[]): { verb: Verb; rest: string[] } | null {
  const sorted = [...verbs].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const verb of sorted) {
    const words = verb.name.split(' ');
    if (words.every((w, i) => argv[i] === w)) return { verb, rest: argv.slice(words.length) };
  }
  return null;
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  if (argv.length === 0) {
    // A usage error like any other: the help goes to stderr, so nothing lands in a pipe.
    io.err(topHelp());
    return 2;
  }
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    if (argv[0] === 'help' && argv.length > 1) {
      const target = findVerb(argv.slice(1));
      if (!target) {
        io.err(`pasteup help: unknown verb '${argv.slice(1).join(' ')}'\nTry 'pasteup --help'.\n`);
        return 2;
      }
      io.out(verbHelp(target.verb));
      return 0;
    }
    io.out(topHelp());
    return 0;
  }
  const found = findVerb(argv);
  if (!found) {
    io.err(`pasteup: unknown verb '${argv[0]}'\nTry 'pasteup --help'.\n`);
    return 2;
  }
  return runVerb(found.verb, found.rest, io);
}
