// The small framework every `pasteup` verb is written in: option parsing (node:util
// parseArgs), --help, errors to stderr with a non-zero exit code, JSON or text output.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseEncoding, TEXT_ENCODINGS, type TextEncoding } from '../services/import/encoding';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** True when stdout is a terminal (progress bars, colours). */
  isTTY: boolean;
}

let pipesGuarded = false;
/** stderr's reader went away: progress and warnings are no longer written (the work goes on). */
let stderrGone = false;

/**
 * `pasteup articles | head`: when the reader goes away, writing fails with EPIPE, which Node
 * reports as an unhandled 'error' event (a crash with a stack trace). The reader of stdout has
 * all it wanted, so end quietly instead, as other Unix tools do. stderr carries progress and
 * warnings, not the result: when its reader goes away the command goes on without them
 * (`pasteup export … 2>&1 | head -1` exited 0 at its second progress line, with nothing
 * exported and a hidden temporary file of every PDF built left in the plate folder).
 */
function guardPipes(): void {
  if (pipesGuarded) return;
  pipesGuarded = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit();
    throw e;
  });
  process.stderr.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') stderrGone = true;
    else throw e;
  });
}

export const processIo: Io = {
  out: (t) => {
    guardPipes();
    process.stdout.write(t);
  },
  err: (t) => {
    guardPipes();
    if (!stderrGone) process.stderr.write(t);
  },
  isTTY: !!process.stdout.isTTY,
};

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Verb<O extends Options = Options> {
  /** One or two words: 'import', 'edition new'. */
  name: string;
  summary: string;
  /** Usage line after `pasteup <name>`. */
  usage: string;
  /** Extra help text: options, JSON shape. */
  help: string;
  options: O;
  /**
   * The verb takes words besides its options (a FILE, an ID) and checks them itself. Without
   * it a stray word is a usage error: `--out /Volumes/Plant Share` typed without quotes must
   * not export to /Volumes/Plant, nor `layout … 3` ignore the 3.
   */
  positionals?: true;
  /** Exit code. */
  run(args: { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] }, io: Io): Promise<number> | number;
}

/** An error meant for the user: printed without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function defineVerb<O extends Options>(verb: Verb<O>): Verb {
  return verb as unknown as Verb;
}

export function verbHelp(verb: Verb): string {
  return `Usage: pasteup ${verb.name} ${verb.usage}\n\n${verb.summary}\n${verb.help ? `\n${verb.help.trim()}\n` : ''}`;
}

export async function runVerb(verb: Verb, argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...verb.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    io.err(`pasteup ${verb.name}: ${(e as Error).message}\nTry 'pasteup ${verb.name} --help'.\n`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(verbHelp(verb));
    return 0;
  }
  if (!verb.positionals && parsed.positionals.length > 0) {
    io.err(`pasteup ${verb.name}: unexpected argument '${parsed.positionals[0]}'\nTry 'pasteup ${verb.name} --help'.\n`);
    return 2;
  }
  try {
    return await verb.run(parsed as never, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`pasteup ${verb.name}: ${e.message}\n`);
      return e.exitCode;
    }
    const err = e as Error;
    io.err(`pasteup ${verb.name}: ${err.message}\n`);
    if (process.env.PASTEUP_DEBUG) io.err(`${err.stack}\n`);
    return 1;
  }
}

/** Reads a required string option or throws a usage error. */
export function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new CliError(`--${name} is required`, 2);
  return v;
}

export function positiveInt(text: string, what: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new CliError(`${what} must be a positive whole number, got '${text}'`, 2);
  return Number(text);
}

/** --encoding: auto when not given; a usage error naming the choices when unknown. */
export function encodingOption(values: Record<string, unknown>): TextEncoding | 'auto' {
  const given = values.encoding as string | undefined;
  if (given === undefined) return 'auto';
  const encoding = parseEncoding(given);
  if (!encoding) throw new CliError(`--encoding must be auto or one of ${TEXT_ENCODINGS.join(', ')}, got '${given}'`, 2);
  return encoding;
}

export function printJson(io: Io, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** `1 page`, `2 pages`: a count and its noun, plural unless one. */
export function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
