// The FontProvider on the Node side (CLI, exporter, web host, tests): HarfBuzz from the
// harfbuzzjs package, fonts from resources/fonts (copied there by scripts/fonts.mjs).
//
// harfbuzzjs 1.x is an ES module that instantiates its wasm itself when first imported:
// dist/harfbuzz.js reads `new URL('harfbuzz.wasm', import.meta.url)` with node:fs, so there
// is no wasm path to pass in. harfbuzzWasmPath() tells where that file is, for hosts that
// must serve it to a browser (renderer/fonts/browser-fonts.ts).
import { readFile } from 'node:fs/promises';
import { APP_ROOT } from '../app-root';
import { fontFile, type FontFile } from './font-file';
import { importHarfBuzz } from './import-harfbuzz';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FontId, FontProvider } from '../../../shared/text/font';
import { parseFontManifest, selectFonts, type FontManifest } from '../../../shared/text/font-manifest';
import { createHbFontProvider, type HbFontProvider, type HbProviderOptions } from '../../../shared/text/hb-provider';

/** resources/fonts of this checkout or app. */
export const FONTS_DIR = join(APP_ROOT, 'resources', 'fonts');

/** The directory holding harfbuzzjs' ES module and its wasm (index.mjs, harfbuzz.js, harfbuzz.wasm). */
export function harfbuzzDistDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('harfbuzzjs/dist/harfbuzz.wasm'));
}

export function harfbuzzWasmPath(): string {
  return join(harfbuzzDistDir(), 'harfbuzz.wasm');
}

export type HarfBuzzModule = typeof import('harfbuzzjs');

let harfbuzz: Promise<HarfBuzzModule> | undefined;

/** The harfbuzzjs module, instantiated once per process. */
export function loadHarfBuzz(): Promise<HarfBuzzModule> {
  harfbuzz ??= importHarfBuzz();
  return harfbuzz;
}

const manifests = new Map<string, Promise<FontManifest>>();

/**
 * fonts.json of `dir`, read and checked once per process: the font loader and the exporter
 * (once per font) all ask for it. A failed read is not kept.
 */
export function readFontManifest(dir: string = FONTS_DIR): Promise<FontManifest> {
  let manifest = manifests.get(dir);
  if (!manifest) {
    manifest = readFile(join(dir, 'fonts.json'), 'utf8').then((text) => parseFontManifest(JSON.parse(text)));
    manifests.set(dir, manifest);
    manifest.catch(() => manifests.delete(dir));
  }
  return manifest;
}

/** The FontFile of bundled font `id` (`file` in `dir`); errors name the font. */
export function openFontFile(dir: string, file: string, id: FontId): FontFile {
  try {
    return fontFile(join(dir, file));
  } catch (err) {
    throw new Error(`font ${id}: ${(err as Error).message}`);
  }
}

const providers = new Map<string, Promise<HbFontProvider>>();

/**
 * A HarfBuzz FontProvider over the bundled fonts `ids` (all of fonts.json when omitted).
 * Cached per process and per set of ids: every caller asking for the same fonts shares one
 * provider (and its shaping caches). A failed load is not cached.
 */
export function loadNodeFontProvider(ids?: FontId[], options: HbProviderOptions & { dir?: string } = {}): Promise<HbFontProvider> {
  const dir = options.dir ?? FONTS_DIR;
  const key = JSON.stringify([dir, ids ?? null, options.fastPath ?? true, options.segmentCacheSize ?? null, options.segmentCacheMaxLength ?? null]);
  let provider = providers.get(key);
  if (!provider) {
    provider = (async () => {
      const [hb, manifest] = await Promise.all([loadHarfBuzz(), readFontManifest(dir)]);
      const entries = selectFonts(manifest, ids);
      // What HarfBuzz shapes with: each font without its outlines (font-file.ts), a CJK font
      // 330 KB of it instead of 14.5 MB, read when the font is first used. Each file is
      // opened now (its table directory), so that a missing or broken one fails the load.
      const fonts = entries.map((e) => {
        const file = openFontFile(dir, e.file, e.id);
        return { id: e.id, data: () => file.shapingFont() };
      });
      return createHbFontProvider(hb, fonts, options);
    })();
    providers.set(key, provider);
    provider.catch(() => providers.delete(key));
  }
  return provider;
}

/** The same, typed as the engine sees it. */
export function loadFontProvider(ids?: FontId[]): Promise<FontProvider> {
  return loadNodeFontProvider(ids);
}
