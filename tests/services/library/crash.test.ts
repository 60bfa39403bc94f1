// Crash safety: a process killed with SIGKILL in the middle of a big import leaves a library
// that opens, passes its integrity checks, and holds none of that import (all or nothing).
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openLibrary } from '../../../electron/services/library';
import { cleanupDirs, fakeClock, sha256, tempDir, zh } from './helpers';

afterEach(cleanupDirs);

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const COUNT = 30_000;
const SIGNAL_AT = 15_000; // half-way: well past the page cache, so uncommitted pages are in the WAL

interface ChildResult {
  stdout: string;
  stderr: string;
  signal: NodeJS.Signals | null;
  code: number | null;
  walBytesAtKill: number;
}

/** Runs the child and SIGKILLs it as soon as it reports that the import has begun. */
function runAndKill(path: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, path, String(COUNT), String(SIGNAL_AT)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let walBytesAtKill = -1;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (walBytesAtKill < 0 && /^begun \d+$/m.test(stdout)) {
        walBytesAtKill = existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0;
        child.kill('SIGKILL');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ stdout, stderr, code, signal, walBytesAtKill }));
  });
}

describe('crash safety', () => {
  it('a SIGKILL in the middle of an import leaves a sound library without any of it', async () => {
    const path = join(tempDir(), 'crash.pasteup');
    const lib = openLibrary(path, { clock: fakeClock() });
    const before = lib.importDrafts({
      fileName: 'before.txt',
      fileHash: sha256('before'),
      drafts: [zh(['之前'], ['已提交一']), zh(['之前'], ['已提交二']), zh(['之前'], ['已提交三'])].map((content, i) => ({ content, line: i + 1 })),
    });
    lib.close();

    const child = await runAndKill(path);
    expect(child.stdout, child.stderr).toContain(`ready ${COUNT}`);
    expect(child.stdout, child.stderr).toContain(`begun ${SIGNAL_AT}`);
    // Killed inside the transaction, with uncommitted pages already written to the WAL.
    expect(child.signal).toBe('SIGKILL');
    expect(child.stdout).not.toContain('committed');
    expect(child.walBytesAtKill).toBeGreaterThan(0);

    const after = openLibrary(path, { clock: fakeClock() });
    const report = after.check();
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    // All or nothing — and since it never committed: nothing.
    expect(report.counts.articles).toBe(before.imported.length);
    expect(report.counts.imports).toBe(1);
    expect(after.articles.list({ search: '之前' }).map((s) => s.id).sort((a, b) => a - b)).toEqual(before.imported.map((a) => a.id));
    // The library goes on working.
    expect(after.articles.create(zh(['之后'], ['正文'])).id).toBeGreaterThan(0);
    after.close();
  }, 240_000);
});
