// A second thread for the engine, used where there are more than two CPUs (see wanted()).
// The engine worker (worker.ts) loads its own HarfBuzz and
// fonts as soon as it starts, then
//  - lays out articles of an edition alongside the main thread: both take the next article
//    from a shared counter (Atomics), so whichever thread is free takes the next one, and
//    the edition is assembled in article order — the same layout as on one thread, because
//    an article's layout depends on its own input only (tests/services/engine-worker);
//  - makes an export's font subsets (hb-subset) while the main thread paints the pages.
// If the worker fails, the main thread does its share itself.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { assembleEdition, layoutArticle, planEdition, type ArticleLayout, type EditionLayout, type EditionLayoutInput } from '../../../shared/layout';
import { unpackArticleLayouts } from '../../../shared/layout/pack';
import type { FontProvider } from '../../../shared/text/font';
import { APP_ROOT } from '../app-root';
import { subsetHere, type Subsetter } from '../export/font-program';
import type { WorkerReply, WorkerRequest } from './worker';

/** Set by scripts/bundle.mjs in the bundles: the worker is dist/engine-worker.cjs then. */
declare const __PASTEUP_BUNDLE__: boolean | undefined;

/**
 * From the TypeScript sources (tests, or a checkout without esbuild): a worker that
 * registers tsx and imports worker.ts (a worker's own --import tsx comes too late for its
 * entry module on Node 20).
 */
function sourceWorker(): string {
  // tsx's ES module API (its CommonJS one cannot register from an eval'd worker).
  const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
  const api = (JSON.parse(readFileSync(pkg, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api'].import.default;
  const tsx = pathToFileURL(join(dirname(pkg), api)).href;
  const entry = new URL('./worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
}

type Pending = { resolve: (r: WorkerReply) => void; reject: (e: Error) => void };

export class EngineWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failed: Error | null = null;
  /** The worker has loaded its fonts. */
  ready = false;

  private constructor() {
    const bundled = typeof __PASTEUP_BUNDLE__ !== 'undefined' && __PASTEUP_BUNDLE__;
    // Loaded here, not imported: node:worker_threads costs a process ~4 ms to load, and on
    // two CPUs no worker is started (wanted()).
    const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
    this.worker = bundled
      ? new Worker(join(APP_ROOT, 'scripts', 'engine-worker.mjs'), { workerData: { bundle: join(dirname(fileURLToPath(import.meta.url)), 'engine-worker.cjs') } })
      : new Worker(sourceWorker(), { eval: true, workerData: { source: true } });
    this.worker.unref(); // never keeps the process alive
    this.worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'ready') {
        this.ready = true;
        return;
      }
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.type === 'error') p.reject(new Error(`engine worker: ${reply.message}`));
      else p.resolve(reply);
    });
    const fail = (err: Error) => {
      this.failed ??= err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`engine worker exited (${code})`)));
  }

  /** Starts the worker; it begins loading fonts at once. */
  static start(): EngineWorker {
    return new EngineWorker();
  }

  /**
   * Whether a second engine thread is worth starting here: PASTEUP_ENGINE_WORKER=on|off, else
   * only with more than two logical CPUs. On the 2-vCPU machine the benchmarks run on, V8's
   * own background threads (concurrent compilation and marking, Flate in the thread pool)
   * already keep the second CPU ~60 % busy in a cold process, and the worker made both a cold
   * and a warm export slower (docs/pdf.md, Speed); more cores were not available to measure.
   */
  static wanted(env: NodeJS.ProcessEnv = process.env): boolean {
    if (env.PASTEUP_ENGINE_WORKER === 'on') return true;
    if (env.PASTEUP_ENGINE_WORKER === 'off') return false;
    return availableParallelism() > 2;
  }

  /** A started worker when wanted(), else null. */
  static startIfWanted(): EngineWorker | null {
    return EngineWorker.wanted() ? EngineWorker.start() : null;
  }

  private request(req: WorkerRequest, transfer: ArrayBuffer[] = []): Promise<WorkerReply> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.pending.set(req.id, { resolve, reject });
      this.worker.postMessage(req, transfer);
    });
  }

  /** Lays out jobs[k] for every k the worker claims from `counter`; resolves with what it laid out. */
  async layout(jobs: EditionLayoutJobs, counter: SharedArrayBuffer): Promise<[number, ArticleLayout][]> {
    const reply = await this.request({ type: 'layout', id: this.nextId++, jobs, counter });
    return reply.type === 'layout' ? unpackArticleLayouts(reply.results) : [];
  }

  /** hb-subset programs of the fonts at `path` for `gids` (glyph ids kept), in order. */
  async subset(fonts: { id: string; path: string; gids: number[] }[]): Promise<Uint8Array[]> {
    const reply = await this.request({ type: 'subset', id: this.nextId++, fonts });
    if (reply.type !== 'subset') throw new Error('engine worker: unexpected reply');
    return reply.programs;
  }

  /**
   * A Subsetter for exportEdition: the subsets are made on the worker once it is ready (its
   * fonts loaded); before that, or if it fails, here.
   */
  subsetter(): Subsetter {
    return (font, gids) => {
      if (!this.ready) return Promise.resolve(subsetHere(font, gids));
      return this.subset([{ id: font.id, path: font.file.path, gids }])
        .then((p) => p[0])
        .catch(() => subsetHere(font, gids));
    };
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

type EditionLayoutJobs = Extract<WorkerRequest, { type: 'layout' }>['jobs'];

/**
 * layoutEdition on two threads: the main thread and `worker` take articles from a shared
 * counter. Without a worker (or if it fails) the main thread lays out everything.
 */
export async function layoutEditionShared(provider: FontProvider, input: EditionLayoutInput, worker: EngineWorker | null): Promise<EditionLayout> {
  const plan = planEdition(provider, input);
  const n = plan.jobs.length;
  const results: (ArticleLayout | undefined)[] = new Array(n);
  if (worker && n > 1) {
    const shared = new SharedArrayBuffer(4);
    const counter = new Int32Array(shared);
    const remote = worker.layout(
      plan.jobs.map((j) => j.input),
      shared,
    ).catch(() => [] as [number, ArticleLayout][]);
    let mine = 0;
    for (;;) {
      const k = Atomics.add(counter, 0, 1);
      if (k >= n) break;
      results[k] = layoutArticle(provider, plan.jobs[k].input);
      mine++;
    }
    // Wait for the worker only if it took articles (a worker still starting up took none,
    // and will find the counter past the end).
    if (mine < n) for (const [k, r] of await remote) results[k] = r;
  }
  // Whatever is missing (no worker, or a worker that failed after claiming articles).
  for (let k = 0; k < n; k++) results[k] ??= layoutArticle(provider, plan.jobs[k].input);
  return assembleEdition(provider, plan, results as ArticleLayout[]);
}
