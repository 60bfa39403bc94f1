// Shaping through a font fallback chain: the text is shaped with the first font; every
// cluster that comes back with a .notdef glyph is shaped again with the next font, and so
// on down the chain. Clusters no font can set stay in the result as the FIRST font's
// .notdef (so the line keeps a visible box of a sensible width) and are reported in
// `missing` — never dropped silently.
//
// Clusters follow HarfBuzz (a base and its marks, a ligature), so a character is never
// separated from its combining marks or variation selector when it falls back.
//
// A font that lacks a character but has the pieces of its canonical decomposition gets no
// .notdef from HarfBuzz: it draws the pieces (≠ in Noto Serif is = and U+0338, the slash
// standing beside the = for want of mark positioning). Such a cluster is `synthetic`: the
// next fonts are tried on it, and the first that has the character itself sets it; when none
// does, the pieces stay (not missing: the text prints).
import type { FontId, FontProvider, ShapedGlyph, ShapedRun, ShapeOptions } from './font';

export interface MissingChar {
  /** UTF-16 offset of the character in the shaped text. */
  cluster: number;
  codePoint: number;
}

export interface FallbackResult {
  /** Glyph runs in text order, one per change of font; clusters are offsets into `text`. */
  runs: ShapedRun[];
  missing: MissingChar[];
}

interface Group {
  start: number;
  end: number;
  font: FontId;
  glyphs: ShapedGlyph[];
  missing: boolean;
  /** Several glyphs, and a character of the cluster not in the font's cmap (see above). */
  synthetic: boolean;
}

/** Shapes text.slice(start, end) and cuts the glyphs into clusters (absolute offsets). */
function shapeGroups(provider: FontProvider, font: FontId, text: string, start: number, end: number, options: ShapeOptions, shaped?: ShapedGlyph[]): Group[] {
  const piece = start === 0 && end === text.length ? text : text.slice(start, end);
  const glyphs = shaped ?? provider.shape(font, piece, options);
  const groups: Group[] = [];
  for (const g of glyphs) {
    const glyph = start === 0 ? g : { ...g, cluster: g.cluster + start };
    const last = groups[groups.length - 1];
    if (last && last.start === glyph.cluster) {
      last.glyphs.push(glyph);
      last.missing ||= glyph.glyph === 0;
    } else {
      groups.push({ start: glyph.cluster, end: end, font, glyphs: [glyph], missing: glyph.glyph === 0, synthetic: false });
    }
  }
  // Left-to-right clusters are monotone: each cluster ends where the next one starts.
  groups.sort((a, b) => a.start - b.start);
  for (let i = 0; i + 1 < groups.length; i++) groups[i].end = groups[i + 1].start;
  if (groups.length > 0) groups[0].start = Math.min(groups[0].start, start);
  for (const g of groups) g.synthetic = !g.missing && g.glyphs.length > 1 && lacksACharacter(provider, font, text, g.start, g.end);
  return groups;
}

/** True when the font's cmap lacks a (printing) character of text[start, end). */
function lacksACharacter(provider: FontProvider, font: FontId, text: string, start: number, end: number): boolean {
  for (let i = start; i < end; ) {
    const cp = text.codePointAt(i)!;
    if (!isDefaultIgnorable(cp) && !provider.hasGlyph(font, cp)) return true;
    i += cp > 0xffff ? 2 : 1;
  }
  return false;
}

/** True when every glyph is real and no two share a cluster: nothing to look at closer. */
function plain(glyphs: readonly ShapedGlyph[]): boolean {
  for (let k = 0; k < glyphs.length; k++) if (glyphs[k].glyph === 0 || (k > 0 && glyphs[k].cluster === glyphs[k - 1].cluster)) return false;
  return true;
}

function isDefaultIgnorable(cp: number): boolean {
  return (
    cp === 0x00ad || cp === 0x034f || cp === 0x061c || (cp >= 0x115f && cp <= 0x1160) || (cp >= 0x17b4 && cp <= 0x17b5) ||
    (cp >= 0x180b && cp <= 0x180f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x206f) || cp === 0x3164 || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0xfeff ||
    cp === 0xffa0 || (cp >= 0xfff0 && cp <= 0xfff8) || (cp >= 0x1bca0 && cp <= 0x1bca3) ||
    (cp >= 0x1d173 && cp <= 0x1d17a) || (cp >= 0xe0000 && cp <= 0xe0fff)
  );
}

/**
 * Shapes `text` through the fallback chain `chain` (first font preferred). Clusters in the
 * result are UTF-16 offsets into `text`. `first`: the text already shaped with chain[0], when
 * the caller has it (it is not shaped again).
 */
export function shapeWithFallback(provider: FontProvider, chain: FontId[], text: string, options: ShapeOptions, first?: ShapedGlyph[]): FallbackResult {
  if (chain.length === 0) throw new Error('shapeWithFallback: empty font chain');
  if (text.length === 0) return { runs: [], missing: [] };

  // The common case: the first font sets everything. No grouping needed.
  const direct = first ?? provider.shape(chain[0], text, options);
  if (plain(direct)) return { runs: [{ font: chain[0], glyphs: direct }], missing: [] };

  const retry = (g: Group): boolean => g.missing || g.synthetic;
  let groups = shapeGroups(provider, chain[0], text, 0, text.length, options, direct);
  for (let k = 1; k < chain.length && groups.some(retry); k++) {
    const next: Group[] = [];
    for (let i = 0; i < groups.length; ) {
      if (!retry(groups[i])) {
        next.push(groups[i++]);
        continue;
      }
      // A maximal range of missing (or synthetic) clusters: try the next font on it.
      let j = i;
      while (j < groups.length && retry(groups[j])) j++;
      const old = groups.slice(i, j);
      const fresh = shapeGroups(provider, chain[k], text, old[0].start, old[old.length - 1].end, options);
      // Take the new font's clusters that it can set and that line up with old cluster
      // boundaries — a synthetic one only in place of missing ones; keep the old clusters
      // everywhere else.
      let o = 0;
      for (const f of fresh) {
        while (o < old.length && old[o].end <= f.start) next.push(old[o++]);
        const aligned = o < old.length && old[o].start === f.start && old.some((g) => g.end === f.end);
        if (!f.missing && aligned && (!f.synthetic || old.every((g) => g.end <= f.start || g.start >= f.end || g.missing))) {
          next.push(f);
          while (o < old.length && old[o].start < f.end) o++;
        }
      }
      while (o < old.length) next.push(old[o++]);
      i = j;
    }
    groups = next;
  }

  const runs: ShapedRun[] = [];
  const missing: MissingChar[] = [];
  for (const g of groups) {
    const last = runs[runs.length - 1];
    if (last && last.font === g.font) last.glyphs.push(...g.glyphs);
    else runs.push({ font: g.font, glyphs: [...g.glyphs] });
    if (!g.missing) continue;
    const chars: MissingChar[] = [];
    for (let i = g.start; i < g.end; ) {
      const cp = text.codePointAt(i)!;
      if (!isDefaultIgnorable(cp) && chain.every((f) => !provider.hasGlyph(f, cp))) chars.push({ cluster: i, codePoint: cp });
      i += cp > 0xffff ? 2 : 1;
    }
    // Every character exists somewhere, but not together in one font: report the cluster.
    if (chars.length === 0) chars.push({ cluster: g.start, codePoint: text.codePointAt(g.start)! });
    missing.push(...chars);
  }
  return { runs, missing };
}
