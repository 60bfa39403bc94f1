// `pasteup export` hands the painter the library's pictures: exportEdition is replaced by a
// recorder here (the PDF side has its own tests), and the lookup it was given is asked for
// the pictures the edition places.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExportOptions } from '../../../electron/services/export';
import type { EditionLayout } from '../../../shared/layout/edition';
import type { ImageAsset } from '../../../shared/images/jpeg';
import { refOf } from '../../../electron/services/library';
import { makeJpeg } from '../../helpers/jpeg';
import { tempDir } from './library-helpers';
import { runCli } from './run-cli';

const UNKNOWN = `sha256:${'0'.repeat(64)}`;
/** What exportEdition was given, and what its lookup answered while it ran (the library is open only then). */
const calls: { layout: EditionLayout; opts: ExportOptions; answers: Map<string, ImageAsset | null> }[] = [];

vi.mock('../../../electron/services/export', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/services/export')>();
  return {
    ...real,
    exportEdition: (layout: EditionLayout, _meta: unknown, opts: ExportOptions) => {
      const refs = [...layout.pages.flatMap((p) => p.frames.flatMap((f) => f.photos.map((b) => b.asset ?? ''))), UNKNOWN];
      calls.push({ layout, opts, answers: new Map(refs.map((ref) => [ref, opts.images?.(ref) ?? null])) });
      return Promise.resolve({ files: [], report: { warnings: [] } });
    },
  };
});

afterEach(() => {
  calls.length = 0;
});

describe('export and pictures', () => {
  it('passes the library\'s lookup: each placed picture with its bytes and facts, null for one it does not hold', async () => {
    const dir = tempDir('export-images');
    const cmyk = makeJpeg('cmyk', 1600, 1200);
    writeFileSync(join(dir, 'dam.jpg'), cmyk);
    writeFileSync(join(dir, 'plan.json'), JSON.stringify({
      edition: { name: '早版', date: '2024-01-27', template: 'broadsheet-zh' },
      pages: [{ frames: [{ photo: { caption: '水库', credit: '牛晨阳 摄' }, image: 'dam.jpg', col: 0, span: 4, top: 0, height: 30 }] }],
    }));
    const library = join(dir, 'desk.pasteup');
    expect((await runCli(['plan', 'apply', join(dir, 'plan.json'), '--library', library])).code).toBe(0);
    const r = await runCli(['export', '--library', library, '--edition', '1', '--out', join(dir, 'pdf'), '--json']);
    expect(r.code, r.err).toBe(0);
    expect(calls).toHaveLength(1);
    const { layout, opts, answers } = calls[0];
    const boxes = layout.pages.flatMap((p) => p.frames.flatMap((f) => f.photos));
    expect(boxes.map((b) => b.asset)).toEqual([refOf(cmyk)]);
    const image = answers.get(refOf(cmyk))!;
    expect(image).toMatchObject({ ref: refOf(cmyk), format: 'jpeg', width: 1600, height: 1200, components: 4, adobeTransform: 0, orientation: 1 });
    expect(Buffer.from(image.bytes).equals(Buffer.from(cmyk))).toBe(true);
    expect(answers.get(UNKNOWN)).toBeNull();
    // No picture problems reached the painter: the CMYK picture prints at 200+ ppi.
    expect((opts.preflight ?? []).map((i) => (typeof i === 'string' ? i : i.code))).not.toContain('low-resolution');
  });
});
