// Browser entry of the engine-parity test (tests/e2e/engine-parity.test.ts): bundled by
// esbuild with 'harfbuzzjs' left external (the page maps it to the served
// node_modules/harfbuzzjs/dist/index.mjs with an import map, so harfbuzz.js finds its wasm next
// to itself). Exposes one function that loads the bundled fonts over HTTP, lays out the fixture
// with the same pure function as the Node side and returns the whole result as JSON.
import { loadBrowserFontProvider } from '../../renderer/fonts/browser-fonts';
import { fixtureLayouts } from '../golden/fixture-layout';

export interface ParityTimings {
  fontsMs: number;
  layoutMs: number;
}

declare global {
  interface Window {
    /** Lays out the fixture in this page; resolves to [JSON of fixtureLayouts(), timings]. */
    pasteupParity: (fontsUrl: string, fixtureUrl: string) => Promise<[string, ParityTimings]>;
  }
}

window.pasteupParity = async (fontsUrl, fixtureUrl) => {
  const t0 = performance.now();
  const [provider, text] = await Promise.all([
    loadBrowserFontProvider(fontsUrl),
    fetch(fixtureUrl).then((res) => {
      if (!res.ok) throw new Error(`GET ${fixtureUrl}: ${res.status}`);
      return res.text();
    }),
  ]);
  const t1 = performance.now();
  const json = JSON.stringify(fixtureLayouts(provider, text));
  return [json, { fontsMs: t1 - t0, layoutMs: performance.now() - t1 }];
};
