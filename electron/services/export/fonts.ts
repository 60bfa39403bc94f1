// The exporter's fonts: the TrueType bytes of the engine's FontIds, read from
// resources/fonts through the manifest (fonts.json), with the metrics the PDF needs.
// Cached per process: a 15 MB CJK font is read and parsed once.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FontId } from '../../../shared/text/font';
import { selectFonts } from '../../../shared/text/font-manifest';
import { FONTS_DIR, readFontManifest } from '../fonts/node-fonts';
import { readTrueType, type TrueTypeInfo } from './ttf';

export interface ExportFont {
  id: FontId;
  data: Uint8Array;
  info: TrueTypeInfo;
}

const cache = new Map<string, Promise<ExportFont>>();

export function loadExportFont(id: FontId, dir: string = FONTS_DIR): Promise<ExportFont> {
  const key = `${dir}\u0000${id}`;
  let font = cache.get(key);
  if (!font) {
    font = (async () => {
      const [entry] = selectFonts(await readFontManifest(dir), [id]);
      let data: Uint8Array;
      try {
        data = new Uint8Array(await readFile(join(dir, entry.file)));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`font ${id}: ${join(dir, entry.file)} is missing; run \`node scripts/fonts.mjs\``);
        throw err;
      }
      return { id, data, info: readTrueType(data) };
    })();
    cache.set(key, font);
    font.catch(() => cache.delete(key));
  }
  return font;
}

export function loadExportFonts(ids: readonly FontId[], dir?: string): Promise<Map<FontId, ExportFont>> {
  return Promise.all(ids.map((id) => loadExportFont(id, dir))).then((fonts) => new Map(fonts.map((f) => [f.id, f])));
}
