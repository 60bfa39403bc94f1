// Engine parity: the golden frames (tests/golden/fixture-layout.ts) laid out in Chromium and in
// Node must be identical, glyph for glyph (DESIGN.md: one deterministic engine; what the editor
// sees is what the plant prints).
//
// The browser side: tests/e2e/parity-entry.ts bundled with esbuild (ESM, platform browser,
// 'harfbuzzjs' external) into a temporary directory, and a throwaway HTTP server on 127.0.0.1
// (ephemeral port) serving the page, the bundle, the fixture text, resources/fonts and
// node_modules/harfbuzzjs/dist as is (harfbuzz.js fetches harfbuzz.wasm next to itself; the page
// maps the 'harfbuzzjs' specifier there with an import map). Chromium is Debian's
// (/usr/bin/chromium, or CHROMIUM_PATH), driven with playwright-core; a missing browser is a
// failure, not a skip. This file runs in Node under vitest, in the default `npx vitest run`.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FONTS_DIR, harfbuzzDistDir, loadNodeFontProvider } from '../../electron/services/fonts/node-fonts';
import { fixtureLayouts } from '../golden/fixture-layout';
import type { ParityTimings } from './parity-entry';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURE = join(here, '..', '..', '..', 'shared', 'fixtures', 'taiyuan-daily-2024-01.txt');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Pasteup engine parity</title><link rel="icon" href="data:,">
<script type="importmap">{"imports":{"harfbuzzjs":"/harfbuzzjs/index.mjs"}}</script>
<script type="module" src="/parity.js"></script>
</head><body></body></html>`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

let workDir: string;
let server: Server | undefined;
let base = '';
let browser: Browser | undefined;
const served: string[] = [];
const notFound: string[] = [];

/** `file` inside `dir`, or null when the request tries to leave it. */
function inside(dir: string, file: string): string | null {
  const p = normalize(join(dir, decodeURIComponent(file)));
  return p.startsWith(dir + sep) ? p : null;
}

function startServer(bundle: string): Promise<void> {
  const hbDir = harfbuzzDistDir();
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    served.push(path);
    let file: string | null = null;
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'content-type': TYPES['.html'] }).end(PAGE);
      return;
    }
    if (path === '/parity.js') file = bundle;
    else if (path === '/fixture.txt') file = FIXTURE;
    else if (path.startsWith('/fonts/')) file = inside(FONTS_DIR, path.slice('/fonts/'.length));
    else if (path.startsWith('/harfbuzzjs/')) file = inside(hbDir, path.slice('/harfbuzzjs/'.length));
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      notFound.push(path);
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}`);
      return;
    }
    const ext = file.slice(file.lastIndexOf('.'));
    res.writeHead(200, { 'content-type': TYPES[ext] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve, reject) => {
    server!.once('error', reject);
    server!.listen(0, '127.0.0.1', () => {
      base = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
      resolve();
    });
  });
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'pasteup-parity-'));
  const outfile = join(workDir, 'parity.js');
  await build({
    entryPoints: [join(here, 'parity-entry.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external: ['harfbuzzjs'],
    logLevel: 'silent',
  });
  await startServer(outfile);
}, 120_000);

/** Launches Chromium; throws (fails the test, never skips it) when there is none. */
async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: the engine-parity test needs Debian's chromium (apt-get install chromium) or CHROMIUM_PATH; it does not skip.`);
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000 });
  return browser;
}

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise((resolve) => server!.close(resolve));
  if (workDir) rmSync(workDir, { recursive: true, force: true });
}, 60_000);

/** Path and values of the first place where two JSON values differ, or null. */
function firstDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (Object.is(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${path}: browser ${JSON.stringify(a)} ≠ node ${JSON.stringify(b)}`;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const k of new Set([...Object.keys(ao), ...Object.keys(bo)])) {
    const d = firstDifference(ao[k], bo[k], `${path}.${k}`);
    if (d) return d;
  }
  return null;
}

describe('engine parity: Chromium and Node', () => {
  it('lays out every fixture article identically, glyph for glyph', async () => {
    const page = await (await launch()).newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    try {
      await page.goto(`${base}/`, { waitUntil: 'load', timeout: 60_000 });
      await page.waitForFunction(() => typeof window.pasteupParity === 'function', undefined, { timeout: 30_000 });
      const [browserJson, timings] = (await page.evaluate(([fonts, fixture]) => window.pasteupParity(fonts, fixture), [`${base}/fonts/`, `${base}/fixture.txt`])) as [string, ParityTimings];
      expect({ problems, notFound }, 'errors in the page, requests the server could not answer').toEqual({ problems: [], notFound: [] });

      const t0 = performance.now();
      const provider = await loadNodeFontProvider();
      const nodeJson = JSON.stringify(fixtureLayouts(provider, readFileSync(FIXTURE, 'utf8')));
      console.info(`engine parity: Chromium fonts ${timings.fontsMs.toFixed(0)} ms, layout ${timings.layoutMs.toFixed(0)} ms; Node fonts+layout ${(performance.now() - t0).toFixed(0)} ms; ${(nodeJson.length / 1e6).toFixed(1)} MB of JSON`);

      // The browser really shaped with HarfBuzz from the served dist and fetched the fonts.
      expect(served).toContain('/harfbuzzjs/harfbuzz.wasm');
      expect(served.filter((p) => p.endsWith('.ttf')).length).toBeGreaterThanOrEqual(8);

      const fromBrowser = JSON.parse(browserJson) as ReturnType<typeof fixtureLayouts>;
      const fromNode = JSON.parse(nodeJson) as ReturnType<typeof fixtureLayouts>;
      // Not vacuous: eight articles, thousands of glyphs.
      expect(fromNode).toHaveLength(8);
      const glyphs = fromNode.flatMap((l) => l.layout.frames.flatMap((f) => [...f.deck, ...f.columns.flatMap((c) => c.lines)])).reduce((n, l) => n + l.runs.reduce((m, r) => m + r.ids.length, 0), 0);
      expect(glyphs).toBeGreaterThan(5000);

      expect(firstDifference(fromBrowser, fromNode), 'first difference between the Chromium and the Node layout').toBeNull();
      for (let i = 0; i < fromNode.length; i++) expect(fromBrowser[i], fromNode[i].name).toEqual(fromNode[i]);
      // Same JSON text: the same doubles to the last bit.
      expect(browserJson === nodeJson, 'the JSON texts are identical').toBe(true);
    } finally {
      await page.close();
    }
  }, 180_000);
});
