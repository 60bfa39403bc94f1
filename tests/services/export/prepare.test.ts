// prepareExport() makes hb-subset's instance as soon as its background compile is done, so
// that the GC V8 forces for the instance's fixed 68 MB of memory (counted as external
// memory, over V8's 64 MB external limit) comes while the heap is small, not in the middle of
// an export (docs/pdf.md, "Speed"). Run in a process of its own: another test's instance
// would already be counted.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

const SCRIPT = `
import { prepareExport } from './electron/services/export/index.ts';
const before = process.memoryUsage().external;
await prepareExport();
const after = process.memoryUsage().external;
process.stdout.write(JSON.stringify({ before, after }));
`;

describe('prepareExport', () => {
  it('instantiates hb-subset before the first subset is asked for', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const { before, after } = JSON.parse(r.stdout) as { before: number; after: number };
    // hb-subset's module declares 1,040 wasm pages of 64 KiB (68 MB, minimum = maximum); the
    // GC that the instance sets off may free a little of what was counted before. Without the
    // instance (made on first use) the difference is ~1.4 MB: the wasm bytes and the module.
    expect(after - before).toBeGreaterThan(60 * 2 ** 20);
  });
});
