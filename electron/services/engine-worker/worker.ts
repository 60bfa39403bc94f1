// The engine worker's side (see index.ts): a second thread with its own HarfBuzz and fonts
// that lays out the articles of an edition alongside the main thread and makes the font
// subsets of an export while the main thread paints the pages.
import { parentPort, workerData } from 'node:worker_threads';
import type { ArticleLayout, LayoutArticleInput } from '../../../shared/layout';
import { packArticleLayouts, packedBuffers, type PackedLayouts } from '../../../shared/layout/pack';
import { layoutArticle } from '../../../shared/layout/article';
import { fontFile } from '../fonts/font-file';
import { loadNodeFontProvider } from '../fonts/node-fonts';
import { subsetFontFile } from '../export/font-program';

export type WorkerRequest =
  | { type: 'layout'; id: number; jobs: LayoutArticleInput[]; counter: SharedArrayBuffer }
  | { type: 'subset'; id: number; fonts: { id: string; path: string; gids: number[] }[] };

export type WorkerReply =
  | { type: 'layout'; id: number; results: PackedLayouts }
  | { type: 'subset'; id: number; programs: Uint8Array[] }
  | { type: 'error'; id: number; message: string }
  | { type: 'ready'; id: 0 };

/** Starts serving requests; the fonts start loading at once. `afterFirst` runs after the first reply (the bundle runner saves its code cache there). */
export function startWorker(afterFirst?: () => void): void {
  const port = parentPort;
  if (!port) throw new Error('engine worker: not in a worker thread');
  const provider = loadNodeFontProvider();
  void provider.then(() => port.postMessage({ type: 'ready', id: 0 } satisfies WorkerReply));
  let first = true;
  port.on('message', (req: WorkerRequest) => {
    void (async () => {
      try {
        if (req.type === 'layout') {
          const p = await provider;
          const counter = new Int32Array(req.counter);
          const results: [number, ArticleLayout][] = [];
          for (;;) {
            const k = Atomics.add(counter, 0, 1);
            if (k >= req.jobs.length) break;
            results.push([k, layoutArticle(p, req.jobs[k])]);
          }
          // Packed and transferred: a structured clone of the layouts cost more than making them.
          const packed = packArticleLayouts(results);
          port.postMessage({ type: 'layout', id: req.id, results: packed } satisfies WorkerReply, packedBuffers(packed));
        } else {
          const programs = req.fonts.map((f) => subsetFontFile(f.id, fontFile(f.path), f.gids));
          port.postMessage({ type: 'subset', id: req.id, programs } satisfies WorkerReply, programs.map((b) => b.buffer as ArrayBuffer));
        }
      } catch (err) {
        port.postMessage({ type: 'error', id: req.id, message: (err as Error).stack ?? String(err) } satisfies WorkerReply);
      }
      if (first) {
        first = false;
        afterFirst?.();
      }
    })();
  });
}

// Run as a worker from the TypeScript sources (index.ts starts this file through tsx); the
// bundled worker is started by scripts/engine-worker.mjs.
if (parentPort && (workerData as { source?: boolean } | null)?.source === true) startWorker();
