// The browser loader, run in Node against a local HTTP server serving resources/fonts: it
// must fetch fonts.json and the fonts and give the same shaping as the Node loader.
import { copyFileSync, createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FONTS_DIR, harfbuzzWasmPath, loadHarfBuzz, loadNodeFontProvider } from '../../../electron/services/fonts/node-fonts';
import { loadBrowserFontProvider } from '../../../renderer/fonts/browser-fonts';

let server: Server;
let base: string;
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(url.pathname);
    const file = url.pathname.startsWith('/fonts/') ? join(FONTS_DIR, url.pathname.slice('/fonts/'.length)) : '';
    if (!file || file.includes('..') || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': file.endsWith('.json') ? 'application/json' : 'font/ttf' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fonts/`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const IDS = ['NotoSerifSC-Regular', 'NotoSerif-Regular'];
const zh = { script: 'Hani', language: 'zh-Hans' } as const;

describe('loadBrowserFontProvider', () => {
  it('fetches fonts.json and the fonts asked for, and shapes like the Node provider', async () => {
    requests.length = 0;
    const browser = await loadBrowserFontProvider(base, IDS);
    expect(browser.fonts()).toEqual(IDS);
    expect(requests.sort()).toEqual(['/fonts/NotoSerif-Regular.ttf', '/fonts/NotoSerifSC-Regular.ttf', '/fonts/fonts.json']);
    const node = await loadNodeFontProvider(IDS);
    const text = '省政府支持太原打造“大唐不夜城”，到2028年底。';
    expect(browser.shape(IDS[0], text, zh)).toEqual(node.shape(IDS[0], text, zh));
    expect(browser.metrics(IDS[1])).toEqual(node.metrics(IDS[1]));
  });

  it('caches the provider per base URL and ids', async () => {
    const a = loadBrowserFontProvider(base, IDS);
    expect(loadBrowserFontProvider(base, IDS)).toBe(a);
    const b = loadBrowserFontProvider(base.slice(0, -1), ['NotoSerif-Regular']);
    expect(b).not.toBe(a);
    expect((await b).fonts()).toEqual(['NotoSerif-Regular']);
  });

  it('accepts an injected fetch and HarfBuzz', async () => {
    const fetched: string[] = [];
    const provider = await loadBrowserFontProvider(base, ['NotoSerif-Regular'], {
      fetch: (url) => {
        fetched.push(url);
        return fetch(url);
      },
      harfbuzz: loadHarfBuzz,
      segmentCacheSize: 16,
    });
    expect(fetched).toEqual([`${base}fonts.json`, `${base}NotoSerif-Regular.ttf`]);
    expect(provider.shape('NotoSerif-Regular', 'fi', { script: 'Latn', language: 'en' })).toHaveLength(1);
  });

  it('fails with the URL on HTTP errors and unknown ids, without caching the failure', async () => {
    await expect(loadBrowserFontProvider(`${base}nowhere/`)).rejects.toThrow(/GET .*nowhere\/fonts\.json: 404/);
    await expect(loadBrowserFontProvider(base, ['Nope'])).rejects.toThrow(/unknown font Nope/);
    const again = loadBrowserFontProvider(base, ['Nope']);
    await expect(again).rejects.toThrow(/unknown font Nope/);
  });
});

describe('node-fonts helpers', () => {
  it('find the harfbuzz wasm a host must serve next to harfbuzzjs', () => {
    expect(existsSync(harfbuzzWasmPath())).toBe(true);
  });

  it('share one provider per set of ids and explain a missing font file', async () => {
    expect(loadNodeFontProvider(IDS)).toBe(loadNodeFontProvider(IDS));
    const dir = mkdtempSync(join(tmpdir(), 'pasteup-fonts-'));
    try {
      copyFileSync(join(FONTS_DIR, 'fonts.json'), join(dir, 'fonts.json'));
      await expect(loadNodeFontProvider(['NotoSerif-Regular'], { dir })).rejects.toThrow(/NotoSerif-Regular\.ttf is missing; run `node scripts\/fonts\.mjs`/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
