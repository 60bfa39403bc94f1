// resources/fonts/fonts.json: the bundled fonts, read by the Node and browser font loaders
// (electron/services/fonts/node-fonts.ts, renderer/fonts/browser-fonts.ts) and by
// scripts/fonts.mjs, which copies `source` (inside node_modules) to `file`.
import * as z from '../zod';
import type { FontId } from './font';

export const FontEntrySchema = z.object({
  id: z.string().check(z.minLength(1)),
  /** File name in resources/fonts (and under the browser's fonts URL). */
  file: z.string().check(z.regex(/^[\w.-]+\.(ttf|otf)$/)),
  family: z.string(),
  weight: z.int().check(z.minimum(1), z.maximum(1000)),
  style: z.enum(['normal', 'italic']),
  /** What the engine uses it for: zh-body, zh-bold, zh-sans, zh-sans-bold, latin-body, … */
  role: z.string(),
  scripts: z.array(z.enum(['Hani', 'Latn', 'Zyyy'])),
  description: z.optional(z.string()),
  /** Where scripts/fonts.mjs copies it from: a path inside node_modules. */
  source: z.string(),
  license: z.string(),
});
export type FontEntry = z.infer<typeof FontEntrySchema>;

export const FontManifestSchema = z.object({
  version: z.literal(1),
  licenses: z.array(z.object({ file: z.string(), source: z.string(), spdx: z.string() })),
  fonts: z.array(FontEntrySchema),
});
export type FontManifest = z.infer<typeof FontManifestSchema>;

export function parseFontManifest(json: unknown): FontManifest {
  const manifest = FontManifestSchema.parse(json);
  const seen = new Set<string>();
  for (const f of manifest.fonts) {
    if (seen.has(f.id)) throw new Error(`fonts.json: font id ${f.id} appears twice`);
    seen.add(f.id);
  }
  return manifest;
}

/** The manifest entries for `ids` (all fonts when omitted), in the order asked. */
export function selectFonts(manifest: FontManifest, ids?: readonly FontId[]): FontEntry[] {
  if (!ids) return manifest.fonts;
  return ids.map((id) => {
    const entry = manifest.fonts.find((f) => f.id === id);
    if (!entry) throw new Error(`unknown font ${id}; fonts.json has ${manifest.fonts.map((f) => f.id).join(', ')}`);
    return entry;
  });
}
