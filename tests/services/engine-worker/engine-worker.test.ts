// The engine worker: an edition laid out on two threads is the edition laid out on one, and
// subsets made on the worker are the subsets made here; a failed worker costs only time.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineWorker, layoutEditionShared } from '../../../electron/services/engine-worker';
import { exportEdition } from '../../../electron/services/export';
import { loadExportFont } from '../../../electron/services/export/fonts';
import { subsetHere } from '../../../electron/services/export/font-program';
import { loadNodeFontProvider } from '../../../electron/services/fonts/node-fonts';
import { importText } from '../../../shared/import';
import { layoutEdition, type EditionLayoutInput } from '../../../shared/layout';
import type { HbFontProvider } from '../../../shared/text/hb-provider';
import { EDITION, FIXED_DATE, FIXTURE, META, TEMPLATE } from '../export/demo-edition';

let provider: HbFontProvider;
let input: EditionLayoutInput;
let worker: EngineWorker;
let tmp: string;

/** Waits until the worker has loaded its fonts (it says so once). */
async function whenReady(w: EngineWorker): Promise<void> {
  for (let i = 0; i < 600 && !w.ready; i++) await new Promise((r) => setTimeout(r, 50));
  expect(w.ready).toBe(true);
}

beforeAll(async () => {
  worker = EngineWorker.start();
  provider = await loadNodeFontProvider();
  const drafts = importText(readFileSync(FIXTURE, 'utf8')).articles;
  input = { edition: EDITION, template: TEMPLATE, articles: new Map(drafts.map((a, i) => [i + 1, a.content])) };
  tmp = mkdtempSync(join(tmpdir(), 'pasteup-worker-'));
  await whenReady(worker);
}, 60_000);
afterAll(async () => {
  await worker.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('engine worker', () => {
  it('lays out an edition on two threads exactly as on one, the worker taking its share', async () => {
    const one = layoutEdition(provider, input);
    // Many articles: the demo edition's articles placed over and over on extra pages, so
    // both threads certainly take some.
    const pages = Array.from({ length: 6 }, (_, p) => ({
      id: `x${p}`,
      label: null,
      section: null,
      frames: [1, 2, 3, 4].map((a, i) => ({ id: `x${p}-${i}`, kind: 'article' as const, article: 10 * (p + 1) + a, part: 0, col: 2 * i, span: 2, top: 0, height: 103 })),
    }));
    // Their copies each with a portrait in the text, whose shape the worker must get too.
    const portrait = 'sha256:portrait';
    const articles = new Map(input.articles);
    for (const page of pages)
      for (const f of page.frames) {
        const a = input.articles.get((f.article % 10) + 1)!;
        articles.set(f.article, { ...a, body: [a.body[0], { type: 'photo', caption: '人像', credit: null, asset: portrait }, ...a.body.slice(1)] });
      }
    const big: EditionLayoutInput = { ...input, edition: { ...input.edition, pages: [...input.edition.pages, ...pages] }, articles, pictures: new Map([[portrait, { across: 3, down: 4 }]]) };
    const seq = layoutEdition(provider, big);
    const portraits = seq.pages.flatMap((p) => p.frames.flatMap((f) => f.photos.filter((b) => b.asset === portrait)));
    expect(portraits.length).toBeGreaterThan(0);
    for (const b of portraits) expect(b.height).toBeGreaterThan(b.width);
    const counts = { worker: 0 };
    const original = worker.layout.bind(worker);
    worker.layout = async (jobs, counter) => {
      const r = await original(jobs, counter);
      counts.worker = r.length;
      return r;
    };
    try {
      const par = await layoutEditionShared(provider, big, worker);
      expect(par).toEqual(seq);
      expect(counts.worker).toBeGreaterThan(0);
    } finally {
      worker.layout = original;
    }
    expect(await layoutEditionShared(provider, input, worker)).toEqual(one);
  }, 120_000);

  it('makes the same subsets as this thread, and the same PDFs', async () => {
    const font = await loadExportFont('NotoSerifSC-Regular');
    const gids = [3, 100, 2000, 3001, 40000];
    const here = subsetHere(font, gids);
    const there = await worker.subsetter()(font, gids);
    expect(Buffer.from(there).equals(Buffer.from(here))).toBe(true);
    const layout = layoutEdition(provider, input);
    const a = await exportEdition(layout, META, { outDir: join(tmp, 'a'), creationDate: FIXED_DATE });
    const b = await exportEdition(layout, META, { outDir: join(tmp, 'b'), creationDate: FIXED_DATE, subsetter: worker.subsetter() });
    expect(b.files.map((f) => f.sha256)).toEqual(a.files.map((f) => f.sha256));
  }, 120_000);

  it('a worker that is gone: the main thread lays out and subsets everything itself', async () => {
    const dead = EngineWorker.start();
    await dead.close();
    const font = await loadExportFont('NotoSerif-Regular');
    expect(Buffer.from(await dead.subsetter()(font, [5, 6, 7])).equals(Buffer.from(subsetHere(font, [5, 6, 7])))).toBe(true);
    dead.ready = true; // even one that said it was ready
    expect(Buffer.from(await dead.subsetter()(font, [5, 6, 7])).equals(Buffer.from(subsetHere(font, [5, 6, 7])))).toBe(true);
    expect(await layoutEditionShared(provider, input, dead)).toEqual(layoutEdition(provider, input));
  }, 120_000);
});
