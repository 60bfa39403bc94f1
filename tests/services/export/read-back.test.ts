// A file that does not read back as it was built (a failing disk, a full or flaky network
// share) never reaches its final name: the export stops before any rename, as it does for a
// file failing its own check. It used to be renamed into place with a warning and exit 0.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { exportEdition, ExportError } from '../../../electron/services/export';
import { demoLayout, FIXED_DATE, META } from './demo-edition';

vi.mock('../../../electron/services/export/files', async (importOriginal) => {
  const files = await importOriginal<typeof import('../../../electron/services/export/files')>();
  return {
    ...files,
    // The disk gives back other bytes for page 2's file.
    stageFile: async (...args: Parameters<typeof files.stageFile>) => {
      const staged = await files.stageFile(...args);
      if (args[0].endsWith('_2.pdf')) staged.intact = false;
      return staged;
    },
  };
});

const dir = mkdtempSync(join(tmpdir(), 'pasteup-read-back-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reading staged files back', () => {
  it('a file that differs on disk stops the export before any file gets its final name', async () => {
    const out = join(dir, 'out');
    const err = await exportEdition(await demoLayout(), META, { outDir: out, creationDate: FIXED_DATE }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExportError);
    expect(err).toMatchObject({ code: 'check' });
    expect((err as Error).message).toContain(join(out, '2024-01-15_2.pdf'));
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});
