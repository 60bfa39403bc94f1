// Two exports taking over one dead export's lock at the same moment: each judged it dead, and
// the other one's fresh lock must not be removed in its place. The moment is made exact by a
// rename that lets the other export take the lock over first.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FolderBusy, LOCK_NAME, lockFolder } from '../../../electron/services/export/lock';

/** The other export's lock, written over the dead one just before this export renames it aside. */
const other = { host: hostname(), pid: process.pid, user: 'wang', edition: '太原日报 2024-01-15 晚版', started: new Date().toISOString() };
let interleave = true;

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const renameSync: typeof fs.renameSync = (from, to) => {
    if (interleave && basename(String(from)) === LOCK_NAME) {
      interleave = false;
      fs.unlinkSync(from); // the other export removes the dead lock…
      fs.writeFileSync(from, JSON.stringify(other), { flag: 'wx' }); // …and takes its own
    }
    fs.renameSync(from, to);
  };
  return { ...fs, renameSync, default: { ...fs, renameSync } };
});

const dir = mkdtempSync(join(tmpdir(), 'pasteup-lock-race-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('taking over a dead lock', () => {
  it('when another export took it over first, its lock is put back and this export is refused', () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const path = join(dir, LOCK_NAME);
    writeFileSync(path, JSON.stringify({ ...other, pid: dead, user: 'li' }));
    let err: unknown = null;
    try {
      lockFolder(dir, '太原日报 2024-01-15 早版', false);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FolderBusy);
    expect((err as FolderBusy).owner).toEqual(other);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(other);
    expect(readdirSync(dir)).toEqual([LOCK_NAME]);
    unlinkSync(path);
  });
});
