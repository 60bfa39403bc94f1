// oneShotProcess() (scripts/launch.cjs) lets a one-shot process's old generation grow to 11
// times what survived its last full GC before it does another: a full GC in the middle of a
// process that frees everything at exit is pure cost (docs/pdf.md, "Speed"). Shown on what a
// cold export does: a full GC on a small heap (hb-subset's instance forces one), then ~20 MB
// of objects and ~10 MB of ArrayBuffers kept (lines and runs, paragraph buffers). Each
// process is a fresh one, with and without oneShotProcess(), counting V8's full GCs.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './run-cli';

const SCRIPT = `
import { PerformanceObserver, constants } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
if (process.argv[1] === 'one-shot') (await import(${JSON.stringify(pathToFileURL(join(REPO_ROOT, 'scripts', 'launch.cjs')).href)})).default.oneShotProcess();
v8.setFlagsFromString('--expose-gc');
vm.runInNewContext('gc')();
let full = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) full++;
}).observe({ entryTypes: ['gc'] });
const kept = [];
for (let i = 0; i < 100000; i++) {
  kept.push({ a: i, b: [i, i + 1, i + 2] });
  if (i % 10 === 0) kept.push(new Uint8Array(1000));
}
await new Promise((resolve) => setTimeout(resolve, 20));
process.stdout.write(JSON.stringify({ full, kept: kept.length }));
`;

function fullGcs(mode: 'one-shot' | 'default'): number {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', SCRIPT, mode], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const { full, kept } = JSON.parse(r.stdout) as { full: number; kept: number };
  expect(kept).toBe(110000);
  return full;
}

describe('oneShotProcess', () => {
  it('keeps a one-shot process from doing a full GC it would do by default', () => {
    expect(fullGcs('default')).toBeGreaterThanOrEqual(1);
    expect(fullGcs('one-shot')).toBe(0);
  });
});
