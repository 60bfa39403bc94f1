// Shared helpers for the library tests: temp folders, a fake clock, article builders.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyContent, type ArticleContent, type Block } from '../../../shared/model';
import { prng } from '../../../bench/library';
import type { RawDatabase } from '../../../electron/services/library/testing';
import { contentParams } from '../../../electron/services/library/rows';
import { SearchIndexWriter } from '../../../electron/services/library/search-index';

const dirs: string[] = [];

/** A fresh temp folder, removed by cleanupDirs(). */
export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'pasteup-library-test-'));
  dirs.push(d);
  return d;
}

export function cleanupDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Deterministic clock: 2024-01-27T08:00:00Z, then one second later on every call. */
export function fakeClock(start = Date.UTC(2024, 0, 27, 8, 0, 0), stepMs = 1000): () => Date {
  let t = start - stepMs;
  return () => new Date((t += stepMs));
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function sidecars(path: string): string[] {
  return ['-wal', '-shm', '-journal'].filter((s) => existsSync(path + s));
}

export function zh(headline: string[], paragraphs: string[], extra: Partial<ArticleContent> = {}): ArticleContent {
  return {
    ...emptyContent('zh'),
    headline,
    body: paragraphs.map((text): Block => ({ type: 'paragraph', text })),
    ...extra,
  };
}

export function en(headline: string[], paragraphs: string[], extra: Partial<ArticleContent> = {}): ArticleContent {
  return { ...zh(headline, paragraphs, extra), language: 'en', ...extra };
}

export const FIXTURE = new URL('../../../../shared/fixtures/taiyuan-daily-2024-01.txt', import.meta.url);

/** The fixture page's paragraphs (blank-line separated, headings and short lines left out). */
export function fixtureParagraphs(): string[] {
  return readFileSync(FIXTURE, 'utf8')
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter((b) => !b.startsWith('## ') && [...b].length >= 30)
    .map((b) => b.replace(/\s*\n\s*/g, ''));
}

/** The fixture page's headings ("## ..." lines). */
export function fixtureHeadings(): string[] {
  return readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('## '))
    .map((l) => l.slice(3).trim());
}

/** Small seeded PRNG for test corpora (the benchmark's, so both build the same kind of corpus). */
export { prng };

/** `n` articles recombined from the fixture's paragraphs; headlines are fixture headings. */
export function fixtureArticles(n: number, seed = 1): ArticleContent[] {
  const paras = fixtureParagraphs();
  const heads = fixtureHeadings();
  const rnd = prng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  return Array.from({ length: n }, (_, i) =>
    zh(
      [pick(heads)],
      Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => pick(paras)),
      { byline: rnd() < 0.5 ? `记者 ${pick(['李静', '贺娟芳', '任晓明', '牛晨阳'])}` : null, priority: i % 3 },
    ),
  );
}

/**
 * Stores an article in a library at schema 2 or 3 the way that code did (the row, then schema 2's
 * trigram and gram indexes), on a raw connection: for upgrade tests. Returns its id.
 */
export function insertSchema3Article(raw: RawDatabase, content: ArticleContent, slug: string, now = '2024-01-27T08:00:00.000Z'): number {
  const p = contentParams(content);
  const cols = Object.keys(p);
  const id = Number(
    raw
      .prepare(
        `INSERT INTO articles (slug, ${cols.join(', ')}, revision, created_at, updated_at) ` +
          `VALUES (@slug, ${cols.map((c) => `@${c}`).join(', ')}, 1, @now, @now)`,
      )
      .run({ ...p, slug, now }).lastInsertRowid,
  );
  new SearchIndexWriter(raw).add(id, { headline: p.search_headline, body: p.search_body });
  return id;
}

export interface WriteLockHolder {
  /** True while the holder still has its transaction open (not released, not timed out). */
  stillHeld(): boolean;
  /** Rolls the transaction back and ends the holder. */
  release(): Promise<void>;
}

/**
 * Another connection, on another thread, holding a write transaction (BEGIN IMMEDIATE with an
 * uncommitted row) on the library at `path`, as another process's import does. The thread lets
 * go by itself after `safetyMs` so a test that waits on the lock cannot hang; stillHeld() then
 * says false: whatever completed after that did so only because the lock was released.
 */
export async function holdWriteLock(path: string, safetyMs = 10_000): Promise<WriteLockHolder> {
  const state = new Int32Array(new SharedArrayBuffer(4)); // 0 starting, 1 held, 2 let go
  const worker = new Worker(
    `const { workerData, parentPort } = require('node:worker_threads');
     const Database = require(workerData.driver);
     const state = new Int32Array(workerData.state);
     const db = new Database(workerData.path);
     db.exec('BEGIN IMMEDIATE');
     db.prepare("INSERT INTO meta (key, value) VALUES ('held-by-test', 'x')").run();
     Atomics.store(state, 0, 1);
     const letGo = () => { if (Atomics.load(state, 0) === 1) { db.exec('ROLLBACK'); db.close(); Atomics.store(state, 0, 2); } };
     const timer = setTimeout(letGo, workerData.safetyMs);
     parentPort.on('message', () => { clearTimeout(timer); letGo(); parentPort.postMessage('released'); parentPort.close(); });
     parentPort.postMessage('held');`,
    { eval: true, workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), path, state: state.buffer, safetyMs } },
  );
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  return {
    stillHeld: () => Atomics.load(state, 0) === 1,
    release: async () => {
      const done = new Promise((resolve) => worker.once('message', resolve));
      worker.postMessage('release');
      await done;
      await worker.terminate();
    },
  };
}
