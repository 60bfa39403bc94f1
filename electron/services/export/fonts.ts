// The exporter's fonts: the TrueType files of the engine's FontIds, found in resources/fonts
// through the manifest (fonts.json), with the metrics the PDF needs. A font is read table by
// table (fonts/font-file.ts), never whole: the metrics tables once per process, the outlines
// of the glyphs an export prints when it subsets.
import type { FontId } from '../../../shared/text/font';
import { selectFonts } from '../../../shared/text/font-manifest';
import type { FontFile } from '../fonts/font-file';
import { FONTS_DIR, openFontFile, readFontManifest } from '../fonts/node-fonts';
import { readTrueType, type TrueTypeInfo } from './ttf';

export interface ExportFont {
  id: FontId;
  file: FontFile;
  info: TrueTypeInfo;
}

const cache = new Map<string, Promise<ExportFont>>();

export function loadExportFont(id: FontId, dir: string = FONTS_DIR): Promise<ExportFont> {
  const key = `${dir}\u0000${id}`;
  let font = cache.get(key);
  if (!font) {
    font = (async () => {
      const [entry] = selectFonts(await readFontManifest(dir), [id]);
      const file = openFontFile(dir, entry.file, id);
      return { id, file, info: readTrueType(file) };
    })();
    cache.set(key, font);
    font.catch(() => cache.delete(key));
  }
  return font;
}

export function loadExportFonts(ids: readonly FontId[], dir?: string): Promise<Map<FontId, ExportFont>> {
  return Promise.all(ids.map((id) => loadExportFont(id, dir))).then((fonts) => new Map(fonts.map((f) => [f.id, f])));
}
