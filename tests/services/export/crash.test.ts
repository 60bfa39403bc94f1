// A crash never leaves half a PDF under its final name: a child process exporting the demo
// edition is killed with SIGKILL the moment a temporary file appears in the output folder
// (it is writing), and every PDF there under a final name is complete — byte for byte the
// reference export, since exports with a fixed date are reproducible.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportEdition } from '../../../electron/services/export';
import { LOCK_NAME } from '../../../electron/services/export/lock';
import { demoLayout, FIXED_DATE, META } from './demo-edition';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let dir: string;
const reference = new Map<string, Buffer>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pasteup-export-crash-'));
  const { files } = await exportEdition(await demoLayout(), META, { outDir: join(dir, 'reference'), creationDate: FIXED_DATE });
  for (const f of files) reference.set(f.path.slice(f.path.lastIndexOf('/') + 1), readFileSync(f.path));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs the child into `out` and kills it at the `nth` file-system event on a temporary file
 * (counting from 1) of export round `round` (0 = the first, later rounds replace files).
 */
function killWhileWriting(out: string, round: number, nth: number): Promise<{ killed: boolean; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, out, '20'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let seen = 0;
    let killed = false;
    const roundsDone = () => (stdout.match(/^round \d+$/gm) ?? []).length;
    const watcher = watch(out, (_event, name) => {
      if (killed || !name || !String(name).endsWith('.tmp') || roundsDone() < round) return;
      if (++seen >= nth) killed = child.kill('SIGKILL');
    });
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      watcher.close();
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`child failed (${code}): ${stderr}`));
      else resolve({ killed: signal === 'SIGKILL', stdout });
    });
  });
}

function finalPdfs(out: string): string[] {
  return readdirSync(out).filter((n) => n.endsWith('.pdf') && !n.startsWith('.'));
}

describe('crash safety of the writes', () => {
  it.each([
    [0, 1],
    [0, 4],
    [1, 1],
    [1, 5],
    [2, 9],
  ])('killed in export round %i at the %i. event on a temporary file: every final name holds a complete PDF', async (round, nth) => {
    const out = join(dir, `run-${round}-${nth}`);
    mkdirSync(out, { recursive: true });
    const r = await killWhileWriting(out, round, nth);
    expect(r.killed).toBe(true);
    const finals = finalPdfs(out);
    // From the second round on, the files of the first are there (being replaced).
    if (round > 0) expect(finals.length).toBe(reference.size);
    for (const name of finals) {
      const want = reference.get(name);
      expect(want, name).toBeDefined();
      expect(readFileSync(join(out, name)).equals(want!), `${name} is incomplete or different`).toBe(true);
    }
    // Whatever else the crash left is a hidden temporary file (or the link kept to a file being
    // replaced), never a final name; and the folder's lock, of a process no longer running.
    const left = readdirSync(out).filter((name) => !finals.includes(name));
    for (const name of left) if (name !== LOCK_NAME) expect(name).toMatch(/^\..*\.(tmp|old)$/);
    expect(left).toContain(LOCK_NAME);
    // The next export takes that lock over (saying so), and what the crash left is gone.
    const next = await exportEdition(await demoLayout(), META, { outDir: out, creationDate: FIXED_DATE, force: true });
    expect(next.report.warnings[0]).toMatch(/^took over the export lock of .*: its process \d+ is no longer running/);
    expect(readdirSync(out).sort()).toEqual([...reference.keys()].sort());
  });
});
