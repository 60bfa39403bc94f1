// Writes that fail, and a name replaced by another export at the same moment. A final name this user may not replace (another user's file in a sticky folder such as a
// shared plate folder, or an immutable one): the renames are undone, all or none, and nothing
// of the export is left in the folder. The restore renamed the kept link back over the file it
// could not replace, failed the same way, and left the hidden .old copy beside the plates.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { commitStaged, discardStaged, ReplacedMeanwhile, stageFile } from '../../../electron/services/export/files';

/** Names no rename may write to: what the kernel answers (EPERM) for another user's file in a sticky folder. */
const LOCKED = new Set(['locked.pdf']);
/** Names another export replaces right after this one renamed its file there. */
const CONTESTED = new Set(['contested.pdf']);
/** Names whose writes fail as on a full disk. */
const FULL = new Set(['full.pdf']);

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const rename: typeof fs.rename = async (from, to) => {
    if (LOCKED.has(basename(String(to)))) throw Object.assign(new Error(`EPERM: operation not permitted, rename '${String(from)}' -> '${String(to)}'`), { code: 'EPERM' });
    await fs.rename(from, to);
    if (CONTESTED.has(basename(String(to))) && !String(from).endsWith('.other')) {
      // Another export renames its own file over this name a moment later.
      await fs.writeFile(`${String(to)}.other`, 'the other export’s page');
      await fs.rename(`${String(to)}.other`, to);
    }
  };
  // A disk that fills up while the file is written.
  const open = (async (...args: Parameters<typeof fs.open>) => {
    const fh = await fs.open(...args);
    if (!FULL.has(basename(String(args[0])).replace(/^\.(.*)\.\d+\.[0-9a-f]{8}\.tmp$/, '$1'))) return fh;
    return Object.assign(Object.create(fh) as typeof fh, {
      write: () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })),
      close: () => fh.close(),
    });
  }) as typeof fs.open;
  return { ...fs, rename, open, default: { ...fs, rename, open } };
});

const dir = mkdtempSync(join(tmpdir(), 'pasteup-commit-denied-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a final name that cannot be replaced', () => {
  it('undoes the renames, leaves no hidden file, and names the final file', async () => {
    writeFileSync(join(dir, 'locked.pdf'), 'another user’s plate');
    writeFileSync(join(dir, 'b.pdf'), 'old b');
    const staged = [];
    for (const n of ['a.pdf', 'b.pdf', 'locked.pdf']) staged.push(await stageFile(join(dir, n), Buffer.from(`new ${n}`)));
    const err = await commitStaged(staged).catch((e: unknown) => e);
    await discardStaged(staged);
    expect(readdirSync(dir).sort()).toEqual(['b.pdf', 'locked.pdf']);
    expect((err as Error).message).toBe(`cannot write ${join(dir, 'locked.pdf')}: permission denied; no file was written or replaced`);
    expect(readFileSync(join(dir, 'locked.pdf'), 'utf8')).toBe('another user’s plate');
    expect(readFileSync(join(dir, 'b.pdf'), 'utf8')).toBe('old b');
  });

  it('replacing files, a name another export replaced at the same moment is reported, not a success', async () => {
    // Two exports replacing the same names at once left each name to whichever renamed it
    // last: a folder of two editions' pages, and both reported success.
    const staged = [];
    for (const n of ['p1.pdf', 'contested.pdf']) staged.push(await stageFile(join(dir, n), Buffer.from(`new ${n}`)));
    const err = await commitStaged(staged).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReplacedMeanwhile);
    expect((err as ReplacedMeanwhile).paths).toEqual([join(dir, 'contested.pdf')]);
    await discardStaged(staged);
    expect(readFileSync(join(dir, 'contested.pdf'), 'utf8')).toBe('the other export’s page');
  });

  it('a disk that fills up: the error names the file and says nothing was written, no temporary file stays', async () => {
    const err = await stageFile(join(dir, 'full.pdf'), Buffer.from('a plate'), true).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ENOSPC', message: `cannot write ${join(dir, 'full.pdf')}: the disk is full; no file was written or replaced` });
    expect(readdirSync(dir).filter((n) => n.includes('full'))).toEqual([]);
  });
});
