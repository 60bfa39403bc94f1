// The export lock (docs/pdf.md, Files): one export at a time into a folder. A second export is
// refused before it writes anything, told whose export holds the folder; a lock left by an
// export that ended without removing it is taken over; the lock is gone however an export ends.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportEdition, ExportError } from '../../../electron/services/export';
import { LOCK_NAME, type LockOwner } from '../../../electron/services/export/lock';
import type { EditionLayout } from '../../../shared/layout';
import { demoLayout, FIXED_DATE, META } from './demo-edition';
import { holdExport } from './hold';

let layout: EditionLayout;
const dir = mkdtempSync(join(tmpdir(), 'pasteup-export-lock-'));
const PDFS = ['2024-01-15_1.pdf', '2024-01-15_2.pdf', '2024-01-15_早版.pdf'];

beforeAll(async () => {
  layout = await demoLayout();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function folder(name: string): string {
  const out = join(dir, name);
  mkdirSync(out);
  return out;
}

/** A lock file as another export would leave it, `minutes` old by its own time and its file's. */
function plantLock(out: string, owner: Partial<LockOwner>, minutes = 0): string {
  const path = join(out, LOCK_NAME);
  const at = new Date(Date.now() - minutes * 60_000);
  writeFileSync(path, JSON.stringify({ host: hostname(), pid: process.pid, user: 'lij', edition: '太原日报 2024-01-15 晚版', started: at.toISOString(), ...owner }));
  utimesSync(path, at, at);
  return path;
}

const exportInto = (out: string, extra: { overwrite?: boolean } = {}) => exportEdition(layout, META, { outDir: out, creationDate: FIXED_DATE, ...extra });
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as ExportError);
/** A process of this machine that has ended. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('the export lock', () => {
  it('a second export into a folder another export is writing into is refused at once, naming it; the first goes on whole', async () => {
    const out = folder('held');
    const holder = await holdExport(out, join(dir, 'held.gate'));
    // The first export holds the lock, a page file built and staged, nothing renamed yet.
    const lock = JSON.parse(readFileSync(join(out, LOCK_NAME), 'utf8')) as LockOwner;
    expect(lock).toMatchObject({ host: hostname(), pid: holder.pid, edition: '太原日报 2024-01-15 早版' });
    expect(Date.parse(lock.started)).toBeLessThanOrEqual(Date.now());
    const before = readdirSync(out).sort();
    const err = await refusal(exportEdition(layout, { ...META, edition: '晚版' }, { outDir: out, creationDate: FIXED_DATE, force: true }));
    expect(err).toBeInstanceOf(ExportError);
    expect(err).toMatchObject({ code: 'busy', details: [join(out, LOCK_NAME)] });
    expect(err!.message).toContain(`${out} is busy: another export is writing into it: 太原日报 2024-01-15 早版 on ${hostname()} (pid ${holder.pid}`);
    expect(err!.message).toMatch(/ since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(\d+ s ago\); nothing was written\. Try again when it has finished, or export into another folder\./);
    // The refused export touched nothing: not the lock, not the other's staged files.
    expect(readdirSync(out).sort()).toEqual(before);
    const done = await holder.finish();
    expect(done.code, done.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(PDFS);
    // Free again: the next export goes through (and finds the files there, as always).
    expect(await refusal(exportInto(out, { overwrite: true }))).toBeNull();
  });

  it('two exports in one process (two requests of one desk): the lock of this very process is live', async () => {
    const out = folder('same-process');
    plantLock(out, {});
    const err = await refusal(exportInto(out, { overwrite: true }));
    expect(err).toMatchObject({ code: 'busy', message: expect.stringContaining(`(pid ${process.pid}, user lij) since `) });
    expect(readdirSync(out)).toEqual([LOCK_NAME]);
  });

  it('takes over the lock of an export of this machine that has ended, and says so', async () => {
    const out = folder('dead');
    const pid = deadPid();
    plantLock(out, { pid }, 1);
    const r = await exportInto(out);
    expect(r.report.warnings[0]).toMatch(new RegExp(`^took over the export lock of 太原日报 2024-01-15 晚版 on ${hostname()} \\(pid ${pid}, user lij\\) since .*: its process ${pid} is no longer running`));
    expect(readdirSync(out).sort()).toEqual(PDFS);
    // Its own lock, in the folder while the stray-page check lists it, is no page of any pattern.
    const any = await exportEdition(layout, META, { outDir: out, creationDate: FIXED_DATE, overwrite: true, pattern: '{label}' });
    expect(any.report.warnings.filter((w) => w.includes('did not write'))).toEqual([expect.stringMatching(/: 2024-01-15_1\.pdf, 2024-01-15_2\.pdf$/)]);
  });

  it('takes over a lock taken before this machine last started, whatever process has its number now', async () => {
    const out = folder('before-boot');
    plantLock(out, { started: '2001-01-01T00:00:00.000Z' }, 60 * 24 * 365 * 20);
    const r = await exportInto(out);
    expect(r.report.warnings[0]).toContain('it was taken before this machine last started');
    expect(readdirSync(out).sort()).toEqual(PDFS);
  });

  it("another machine's lock is refused; once it is old, overwrite takes it over", async () => {
    const out = folder('other-host');
    const lock = plantLock(out, { host: 'desk-3', pid: 4123 }, 2);
    const young = await refusal(exportInto(out, { overwrite: true }));
    expect(young).toMatchObject({ code: 'busy' });
    expect(young!.message).toContain('another export is writing into it: 太原日报 2024-01-15 晚版 on desk-3 (pid 4123, user lij) since ');
    expect(young!.message).toContain(`If it is no longer running (desk-3 crashed or was switched off), remove ${lock} (or export with overwrite once the lock is 10 min old).`);
    plantLock(out, { host: 'desk-3', pid: 4123 }, 30);
    const old = await refusal(exportInto(out));
    expect(old!.message).toContain(`(30 min ago); nothing was written. Try again when it has finished, or export into another folder. If it is no longer running (desk-3 crashed or was switched off), export with overwrite to take its lock over, or remove ${lock}.`);
    expect(readdirSync(out)).toEqual([LOCK_NAME]);
    const r = await exportInto(out, { overwrite: true });
    expect(r.report.warnings[0]).toMatch(/^took over the export lock of 太原日报 2024-01-15 晚版 on desk-3 .*: it is 30 min old, longer than any export takes/);
    expect(readdirSync(out).sort()).toEqual(PDFS);
  });

  it('a lock of a live process of this machine is refused, and an empty one (an export starting) too', async () => {
    const out = folder('live');
    const sleeper = spawn('sleep', ['600']);
    try {
      plantLock(out, { pid: sleeper.pid }, 3);
      expect(await refusal(exportInto(out, { overwrite: true }))).toMatchObject({ code: 'busy', message: expect.stringContaining(`(pid ${sleeper.pid}, user lij) since `) });
    } finally {
      sleeper.kill();
    }
    writeFileSync(join(out, LOCK_NAME), '');
    const starting = await refusal(exportInto(out, { overwrite: true }));
    expect(starting!.message).toMatch(/is busy: another export is starting there \(its lock file .* is not yet readable, last changed \d+ s ago\); nothing was written/);
    expect(readdirSync(out)).toEqual([LOCK_NAME]);
  });

  it('is gone however the export ends: success, refused names, preflight, a failure, an abort', async () => {
    const out = join(dir, 'ends');
    await exportInto(out);
    expect(readdirSync(out).sort()).toEqual(PDFS);
    // the files are there: refused (no overwrite)
    expect(await refusal(exportInto(out))).toMatchObject({ code: 'exists' });
    expect(readdirSync(out).sort()).toEqual(PDFS);
    expect(await refusal(exportEdition(layout, META, { outDir: out, preflight: ['overset'] }))).toMatchObject({ code: 'preflight' });
    const failing = join(dir, 'ends-failing');
    const failed = await refusal(exportEdition(layout, META, { outDir: failing, onProgress: () => { throw new Error('cancelled'); } }));
    expect(failed!.message).toBe('cancelled');
    const controller = new AbortController();
    const aborted = await refusal(exportEdition(layout, META, { outDir: failing, signal: controller.signal, onProgress: () => controller.abort(new Error('stopped by SIGTERM')) }));
    expect(aborted!.message).toBe('stopped by SIGTERM');
    expect(readdirSync(failing)).toEqual([]);
    expect(existsSync(join(out, LOCK_NAME))).toBe(false);
  });
});
