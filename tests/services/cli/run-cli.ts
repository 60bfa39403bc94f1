// Runs `pasteup` in-process with captured output (fast), or as a real child process.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../../electron/cli/main';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export async function runCli(args: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t), isTTY: false });
  return { code, out, err };
}

export const BIN = fileURLToPath(new URL('../../../bin/pasteup.js', import.meta.url));

/** The real command, as a user runs it (`npx pasteup` resolves to bin/pasteup.js). */
export function spawnCli(args: string[], opts: { env?: NodeJS.ProcessEnv } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...opts.env } });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}
