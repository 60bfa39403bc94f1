// The FontProvider in Chromium (the renderer, Playwright): the same HarfBuzz provider as
// on the Node side (shared/text/hb-provider.ts), with fonts.json and the .ttf files fetched
// over HTTP from `baseUrl` (the web host serves resources/fonts there).
//
// HarfBuzz: harfbuzzjs 1.x is an ES module that fetches its wasm by itself, from
// `new URL('harfbuzz.wasm', import.meta.url)` — next to its own harfbuzz.js. So either the
// renderer is bundled (Vite recognises that pattern and emits the wasm as an asset), or the
// host serves node_modules/harfbuzzjs/dist/ as one directory (index.mjs, harfbuzz.js,
// harfbuzz.wasm; electron/services/fonts/node-fonts.ts: harfbuzzDistDir()) and the page
// maps the 'harfbuzzjs' specifier to it (import map) or passes `harfbuzz` below, e.g.
// `() => import('/vendor/harfbuzzjs/index.mjs')`.
import type { FontId } from '../../shared/text/font';
import { parseFontManifest, selectFonts } from '../../shared/text/font-manifest';
import { createHbFontProvider, type HarfBuzzLike, type HbFaceLike, type HbFontProvider, type HbProviderOptions } from '../../shared/text/hb-provider';

export interface BrowserFontOptions<Face extends HbFaceLike = HbFaceLike> extends HbProviderOptions {
  /** Loads the harfbuzzjs module (default: `import('harfbuzzjs')`). */
  harfbuzz?: () => Promise<HarfBuzzLike<Face>>;
  /** The fetch to use (default: the global one). */
  fetch?: (url: string) => Promise<Response>;
}

const providers = new Map<string, Promise<HbFontProvider>>();

/** `base` + `file`, with exactly one slash between them. */
function join(base: string, file: string): string {
  return base.endsWith('/') ? base + file : `${base}/${file}`;
}

async function fetchOk(fetchFn: (url: string) => Promise<Response>, url: string): Promise<Response> {
  const res = await fetchFn(url);
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${res.statusText}`);
  return res;
}

/**
 * A HarfBuzz FontProvider over the fonts `ids` (all of fonts.json when omitted), fetched
 * from `baseUrl` (the URL of the fonts directory). Cached per page, per base URL and ids;
 * a failed load is not cached.
 */
export function loadBrowserFontProvider<Face extends HbFaceLike = HbFaceLike>(
  baseUrl: string,
  ids?: FontId[],
  options: BrowserFontOptions<Face> = {},
): Promise<HbFontProvider> {
  const key = JSON.stringify([baseUrl, ids ?? null, options.fastPath ?? true, options.segmentCacheSize ?? null, options.segmentCacheMaxLength ?? null]);
  let provider = providers.get(key);
  if (!provider) {
    provider = (async () => {
      const fetchFn = options.fetch ?? ((url: string) => fetch(url));
      const manifest = parseFontManifest(await (await fetchOk(fetchFn, join(baseUrl, 'fonts.json'))).json());
      const entries = selectFonts(manifest, ids);
      const fontsPromise = Promise.all(
        entries.map(async (e) => ({ id: e.id, data: new Uint8Array(await (await fetchOk(fetchFn, join(baseUrl, e.file))).arrayBuffer()) })),
      );
      if (options.harfbuzz) {
        const [hb, fonts] = await Promise.all([options.harfbuzz(), fontsPromise]);
        return createHbFontProvider(hb, fonts, options);
      }
      const [hb, fonts] = await Promise.all([import('harfbuzzjs'), fontsPromise]);
      return createHbFontProvider(hb, fonts, options);
    })();
    providers.set(key, provider);
    provider.catch(() => providers.delete(key));
  }
  return provider;
}
