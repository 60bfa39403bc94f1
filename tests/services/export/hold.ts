// An export in another process that holds its folder's lock until told to go on (hold-child.ts):
// the two sides of a concurrent export driven step by step, with no timing in between.
import { execFileSync, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./hold-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface Holder {
  pid: number;
  /** Lets the export go on; resolves with its exit code and what it printed. */
  finish(): Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Starts an export of the demo edition into `dir` and resolves once it holds the lock, mid-export. `gate` is a path for the FIFO. */
export function holdExport(dir: string, gate: string): Promise<Holder> {
  execFileSync('mkfifo', [gate]);
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, gate], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
      if (stdout.startsWith('holding\n')) resolve({ pid: child.pid!, finish: async () => (await writeFile(gate, 'go'), { code: await exited, stdout, stderr }) });
    });
    void exited.then((code) => reject(new Error(`the holding export ended before holding (${code}): ${stderr}`)));
  });
}
