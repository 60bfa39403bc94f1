// Runs `pasteup` in-process with captured output (fast), or as a real child process.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../../electron/cli/main';

export interface CliResult {
  code: number;
  out: string;
  err: string;
  /** The signal that ended the child process (spawnCli only; null when it exited). */
  signal?: NodeJS.Signals | null;
}

export async function runCli(args: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t), isTTY: false });
  return { code, out, err };
}

export const BIN = fileURLToPath(new URL('../../../bin/pasteup.js', import.meta.url));

/** The repository root (where package.json and its `bin` live). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The real command, as a user runs it (`npx pasteup` resolves to bin/pasteup.js). */
export function spawnCli(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; timeout?: number } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
    cwd: opts.cwd,
    timeout: opts.timeout,
    // spawnSync's default (1 MB) would cut off `show --json` of a big article.
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr, signal: r.signal };
}
