// FontProvider on HarfBuzz (harfbuzzjs ≥ 1.0). Pure: the HarfBuzz module and the font bytes
// are injected by the host (electron/services/fonts/node-fonts.ts in Node,
// renderer/fonts/browser-fonts.ts in Chromium), so the same code gives the same numbers in
// both.
//
// Conventions (see font.ts): advances and offsets in em (font units / unitsPerEm);
// clusters are UTF-16 offsets into the shaped string. harfbuzzjs' Buffer.addText() feeds
// HarfBuzz with hb_buffer_add_utf16, so HarfBuzz's clusters already are UTF-16 offsets
// (checked by tests/services/fonts/shaping.test.ts with U+2C317 and U+20000).
//
// Fast path. HarfBuzz in wasm shapes ~3M glyphs/s here on whole lines but only ~0.3M/s
// when called per character (bench/shaping.ts), and most of a Chinese edition is Han
// ideographs, which OpenType fonts almost never substitute or position. So for each font we
// work out (ot-layout.ts) which glyphs the active GSUB/GPOS lookups could touch at all; an
// ideograph whose glyph is untouched, and whose neighbours cannot join its cluster (marks,
// variation selectors, ZWJ…), is set straight from a per-font cache code point → {glyph,
// advance} (filled from HarfBuzz itself the first time). The text is split into maximal
// runs of such ideographs and the rest; the rest goes through HarfBuzz (with a small LRU
// cache of segments: punctuation and digits repeat endlessly) and the clusters are stitched
// back. Because no active lookup can see an untouched base glyph, the result is identical to
// shaping the whole string with HarfBuzz; tests/services/fonts/fast-path.test.ts compares
// both over the whole fixture. With script 'Zyyy' (HarfBuzz guesses the script from the
// whole string) or a font the analysis cannot vouch for, everything goes through HarfBuzz.
//
// Memory: one hb Buffer per provider is reused for every call (reset, never re-created), so
// shaping allocates nothing in wasm that outlives the call; harfbuzzjs frees the temporary
// UTF-16 copy of the text itself. (harfbuzzjs 1.x has no destroy(): its objects are freed by
// a FinalizationRegistry, far too late for a buffer per call — 100k calls would hold
// ~150 MB.) Blob/Face/Font objects (the font bytes are copied into wasm) live as long as
// the provider.
import { GlyphBuffer, type FontId, type FontMetrics, type FontProvider, type ShapedGlyph, type ShapeOptions } from './font';
import { collectLayoutGlyphs, emptyGlyphUse, featureActive, isTouched, type LayoutGlyphUse } from './ot-layout';
import { readRawMetrics } from './ot-metrics';

// ---------------------------------------------------------------------------------------
// The part of the harfbuzzjs 1.x API this module uses. `import * as hb from 'harfbuzzjs'`
// satisfies it; shared/ may not import harfbuzzjs itself (lint), so hosts inject it.

export interface HbBlobLike {
  readonly ptr: number;
}
export interface HbFaceLike {
  readonly upem: number;
  /** Raw bytes of an OpenType table, or undefined when the font has none. */
  referenceTable(table: string): Uint8Array | undefined;
}
export interface HbFontLike {
  nominalGlyph(unicode: number): number | undefined;
  getMetricPositionWithFallback(metricsTag: number): number;
}
export interface HbGlyphInfoLike {
  /** The glyph id after shaping. */
  codepoint: number;
  cluster: number;
}
export interface HbGlyphPositionLike {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}
export interface HbBufferLike {
  reset(): void;
  addText(text: string): void;
  setDirection(dir: 4): void;
  setScript(script: string): void;
  setLanguage(language: string): void;
  guessSegmentProperties(): void;
  getGlyphInfos(): HbGlyphInfoLike[];
  getGlyphPositions(): HbGlyphPositionLike[];
}
export interface HbFeatureLike {
  tag: string;
  value: number;
}
/**
 * The harfbuzzjs module. Generic in its Face class because a constructor parameter must
 * match exactly: `hb.Font` accepts harfbuzzjs' own Face, not any HbFaceLike.
 */
export interface HarfBuzzLike<Face extends HbFaceLike = HbFaceLike> {
  Blob: new (data: Uint8Array) => HbBlobLike;
  Face: new (blob: HbBlobLike, index?: number) => Face;
  Font: new (face: Face) => HbFontLike;
  Buffer: new () => HbBufferLike;
  Feature: new (tag: string, value?: number) => HbFeatureLike;
  shape(font: HbFontLike, buffer: HbBufferLike, features?: HbFeatureLike[]): void;
}

/** A glyph as the ideograph cache can hold it: the nominal glyph, its own cluster, no offset, an integral advance. */
function plainGlyph(info: HbGlyphInfoLike, p: HbGlyphPositionLike, nominal: number, cluster: number): boolean {
  return info.codepoint === nominal && info.cluster === cluster && p.xOffset === 0 && p.yOffset === 0 && Number.isInteger(p.xAdvance) && p.xAdvance >= 0 && p.xAdvance < 65536;
}

/** hb_direction_t HB_DIRECTION_LTR. */
const HB_DIRECTION_LTR = 4;
const hbTag = (s: string) => ((s.charCodeAt(0) << 24) | (s.charCodeAt(1) << 16) | (s.charCodeAt(2) << 8) | s.charCodeAt(3)) >>> 0;
const METRIC_CAP_HEIGHT = hbTag('cpht');
const METRIC_X_HEIGHT = hbTag('xhgt');

// ---------------------------------------------------------------------------------------
// Character classes for the fast path.

/** Han ideographs: CJK Unified Ideographs and extensions A–I, compatibility ideographs. */
export function isIdeograph(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x323af) // Ext B–I and the Compatibility Supplement (2F800–2FA1F)
  );
}

/**
 * Characters that can never join an ideograph's HarfBuzz cluster or change how it is
 * shaped: no combining marks, variation selectors, joiners, grapheme extenders. An
 * ideograph goes the fast way only when both its neighbours are ideographs, text edges,
 * or in this list; otherwise HarfBuzz sees it with its neighbours.
 */
function isInertNeighbour(cp: number): boolean {
  if (cp < 0x0300) return true; // ASCII, Latin-1, Latin Extended, IPA: no marks below U+0300
  if (isIdeograph(cp)) return true;
  if (cp >= 0x2010 && cp <= 0x2027) return true; // dashes, quotes, ellipsis (not ZWJ 200D)
  if (cp >= 0x2030 && cp <= 0x205e) return true; // per mille, primes, ※ … (not 2060–206F)
  if (cp >= 0x3000 && cp <= 0x3029) return true; // CJK symbols and punctuation (302A–302F are marks)
  if (cp >= 0x3030 && cp <= 0x3098) return true; // … and hiragana (3099–309A are marks)
  if (cp >= 0x309b && cp <= 0x30ff) return true; // katakana
  if (cp >= 0xfe10 && cp <= 0xfe19) return true; // vertical forms (FE00–FE0F are variation selectors)
  if (cp >= 0xfe30 && cp <= 0xfe4f) return true; // CJK compatibility forms (FE20–FE2F are marks)
  if (cp >= 0xff01 && cp <= 0xff9d) return true; // fullwidth forms (FF9E–FF9F extend graphemes)
  if (cp >= 0xffa0 && cp <= 0xffee) return true;
  return false;
}

// ---------------------------------------------------------------------------------------

export interface HbProviderOptions {
  /** Bypass HarfBuzz for untouched Han ideographs (default true). */
  fastPath?: boolean;
  /** Entries in the (approximately LRU) cache of HarfBuzz-shaped segments, per font and options (default 8192; 0 disables). */
  segmentCacheSize?: number;
  /** Longest segment (UTF-16 units) worth caching (default 256). */
  segmentCacheMaxLength?: number;
}

export interface HbShapingStats {
  /** Calls into HarfBuzz and the glyphs they produced. */
  hbCalls: number;
  hbGlyphs: number;
  /** Glyphs set from the per-font ideograph cache. */
  fastGlyphs: number;
  segmentHits: number;
  segmentMisses: number;
}

export interface HbFontProvider extends FontProvider {
  /** Shapes with HarfBuzz alone (no fast path, no cache): the reference the fast path must equal. */
  shapeHarfBuzz(font: FontId, text: string, options: ShapeOptions): ShapedGlyph[];
  /** Whether the fast path may run for this font and these options, and if not, why. */
  fastPathStatus(font: FontId, options: ShapeOptions): { enabled: boolean; reasons: string[] };
  stats(): HbShapingStats;
  resetStats(): void;
}

interface FontRecord {
  id: FontId;
  face: HbFaceLike;
  font: HbFontLike;
  upem: number;
  metrics: FontMetrics;
  tables: { gsub?: Uint8Array; gpos?: Uint8Array };
  /** Tables HarfBuzz prefers over or adds to GSUB/GPOS (AAT, legacy kern): no fast path. */
  unsafeTables: string[];
  /** code point → glyph and advance of ideographs known to be fast. */
  ideographs: IdeographCache;
  /** Per active-feature key: which glyphs the lookups may touch. */
  glyphUse: Map<string, LayoutGlyphUse>;
  /**
   * Per script + language + features: a list, found by comparing the three (a font sees a
   * few such sets; a key string made and hashed for each of the ~3,000 shaping calls of a
   * broadsheet edition cost a cold export a few milliseconds).
   */
  states: ShapingState[];
}

/** Everything that depends on one font and one set of shaping options. */
interface ShapingState {
  options: ShapeOptions;
  /** featureKey(options.features). */
  fkey: string;
  features: HbFeatureLike[];
  /** Glyphs the active lookups may touch; undefined when the fast path cannot run at all. */
  use: LayoutGlyphUse | undefined;
  /** Recently used HarfBuzz-shaped segments (clusters relative to the segment). */
  segments: SegmentCache;
}

const BMP_FIRST = 0x3400;
const BMP_LAST = 0xfaff;

/**
 * Per font: code point → glyph * 65536 + advance in font units; -1 when the ideograph
 * never goes the fast way in this font; undefined when not yet known. The BMP ideograph
 * blocks (U+3400–FAFF) live in typed arrays (250 KB per font), the rest in a Map.
 */
class IdeographCache {
  /** By cp - BMP_FIRST: 0 unknown, 1 fast, 2 never (read directly by shapeTo's loop). */
  readonly state = new Uint8Array(BMP_LAST - BMP_FIRST + 1);
  readonly glyph = new Uint16Array(BMP_LAST - BMP_FIRST + 1);
  readonly advance = new Uint16Array(BMP_LAST - BMP_FIRST + 1);
  private readonly astral = new Map<number, number>();

  get(cp: number): number | undefined {
    if (cp >= BMP_FIRST && cp <= BMP_LAST) {
      const i = cp - BMP_FIRST;
      const st = this.state[i];
      return st === 1 ? this.glyph[i] * 65536 + this.advance[i] : st === 2 ? -1 : undefined;
    }
    return this.astral.get(cp);
  }

  set(cp: number, entry: number): void {
    if (cp >= BMP_FIRST && cp <= BMP_LAST) {
      const i = cp - BMP_FIRST;
      if (entry < 0) this.state[i] = 2;
      else {
        this.state[i] = 1;
        this.glyph[i] = Math.floor(entry / 65536);
        this.advance[i] = entry & 0xffff;
      }
    } else {
      this.astral.set(cp, entry);
    }
  }
}

/**
 * A segment's text, or its UTF-16 code when it is one code unit (most segments: the
 * punctuation between ideographs), which needs no string cut from the text and hashed.
 */
type SegmentKey = string | number;

/**
 * An approximate LRU in two generations: hits in the old generation move to the young one;
 * when the young one is full it becomes the old one (and the old one is dropped).
 */
class SegmentCache {
  private young = new Map<SegmentKey, ShapedGlyph[]>();
  private old = new Map<SegmentKey, ShapedGlyph[]>();
  constructor(private readonly capacity: number) {}

  get(key: SegmentKey): ShapedGlyph[] | undefined {
    const hit = this.young.get(key);
    if (hit) return hit;
    const old = this.old.get(key);
    if (old) this.set(key, old);
    return old;
  }

  set(key: SegmentKey, value: ShapedGlyph[]): void {
    this.young.set(key, value);
    if (this.young.size >= this.capacity / 2) {
      this.old = this.young;
      this.young = new Map();
    }
  }
}

/** Feature switches in a canonical order: 'chws=1,halt=1,kern=0'. */
function featureKey(features: Record<string, boolean> | undefined): string {
  if (!features) return '';
  const tags = Object.keys(features);
  if (tags.length === 0) return '';
  if (tags.length === 1) return `${tags[0]}=${features[tags[0]] ? 1 : 0}`;
  return tags
    .sort()
    .map((t) => `${t}=${features[t] ? 1 : 0}`)
    .join(',');
}

/** Where the shaping loop puts glyphs: a GlyphBuffer (typed arrays) or a GlyphList (objects). */
interface GlyphSink {
  push(glyph: number, cluster: number, advance: number, xOffset: number, yOffset: number): void;
  /** A glyph with no offsets (a fast-path ideograph). */
  pushPlain(glyph: number, cluster: number, advance: number): void;
}

/** shape()'s sink: an object per glyph, made directly (no detour through typed arrays). */
class GlyphList implements GlyphSink {
  readonly glyphs: ShapedGlyph[] = [];
  push(glyph: number, cluster: number, advance: number, xOffset: number, yOffset: number): void {
    this.glyphs.push({ glyph, cluster, advance, xOffset, yOffset });
  }
  pushPlain(glyph: number, cluster: number, advance: number): void {
    this.glyphs.push({ glyph, cluster, advance, xOffset: 0, yOffset: 0 });
  }
}

export function createHbFontProvider<Face extends HbFaceLike>(
  hb: HarfBuzzLike<Face>,
  /** Each font's data, or a function that reads it when the font is first used. */
  fonts: { id: FontId; data: Uint8Array | (() => Uint8Array) }[],
  providerOptions: HbProviderOptions = {},
): HbFontProvider {
  const fastPath = providerOptions.fastPath ?? true;
  const cacheSize = providerOptions.segmentCacheSize ?? 8192;
  const cacheMaxLength = providerOptions.segmentCacheMaxLength ?? 256;

  const sources = new Map<FontId, Uint8Array | (() => Uint8Array)>();
  for (const { id, data } of fonts) {
    if (sources.has(id)) throw new Error(`font ${id} given twice`);
    sources.set(id, data);
  }

  // Fonts are opened in HarfBuzz when first used: an edition seldom uses every bundled one
  // (a Chinese paper, not the Latin bold and italics), and each costs a process 1-2 ms.
  const open = (id: FontId, data: Uint8Array): FontRecord => {
    const face = new hb.Face(new hb.Blob(data), 0);
    const font = new hb.Font(face);
    const upem = face.upem;
    if (!upem) throw new Error(`font ${id}: not a font (no unitsPerEm)`);
    const raw = readRawMetrics({ os2: face.referenceTable('OS/2'), hhea: face.referenceTable('hhea'), base: face.referenceTable('BASE') });
    const em = (v: number) => v / upem;
    // OpenType BASE: without 'idtp', the em box top is 'ideo' + 1 em.
    const ideoTop = raw.ideoTop ?? (raw.ideoBottom !== undefined ? raw.ideoBottom + upem : undefined);
    const metrics: FontMetrics = {
      unitsPerEm: upem,
      ascender: em(raw.typoAscender),
      descender: em(raw.typoDescender),
      capHeight: em(raw.capHeight ?? font.getMetricPositionWithFallback(METRIC_CAP_HEIGHT)),
      xHeight: em(raw.xHeight ?? font.getMetricPositionWithFallback(METRIC_X_HEIGHT)),
      lineGap: em(raw.typoLineGap),
      clipAscender: em(raw.hheaAscender),
      clipDescender: em(raw.hheaDescender),
      ...(ideoTop !== undefined ? { ideoTop: em(ideoTop) } : {}),
      ...(raw.ideoBottom !== undefined ? { ideoBottom: em(raw.ideoBottom) } : {}),
    };
    const gsub = face.referenceTable('GSUB');
    const gpos = face.referenceTable('GPOS');
    const unsafeTables = ['morx', 'mort', 'kerx', 'trak'].filter((t) => face.referenceTable(t));
    // HarfBuzz falls back to a legacy 'kern' table when there is no GPOS; be safe.
    if (!gpos && face.referenceTable('kern')) unsafeTables.push('kern');
    return {
      id, face, font, upem, metrics, tables: { gsub, gpos }, unsafeTables,
      ideographs: new IdeographCache(), glyphUse: new Map(), states: [],
    };
  };

  const records = new Map<FontId, FontRecord>();
  const record = (id: FontId): FontRecord => {
    let r = records.get(id);
    if (r) return r;
    const source = sources.get(id);
    if (!source) throw new Error(`unknown font ${id}; this provider has ${[...sources.keys()].join(', ') || 'no fonts'}`);
    r = open(id, typeof source === 'function' ? source() : source);
    records.set(id, r);
    return r;
  };

  const stats: HbShapingStats = { hbCalls: 0, hbGlyphs: 0, fastGlyphs: 0, segmentHits: 0, segmentMisses: 0 };
  let buffer: HbBufferLike | undefined;

  const glyphUseFor = (r: FontRecord, fkey: string, features: Record<string, boolean> | undefined): LayoutGlyphUse => {
    let use = r.glyphUse.get(fkey);
    if (!use) {
      use = emptyGlyphUse();
      const active = (tag: string) => featureActive(tag, features);
      collectLayoutGlyphs(r.tables.gsub, 'GSUB', active, use);
      collectLayoutGlyphs(r.tables.gpos, 'GPOS', active, use);
      for (const t of r.unsafeTables) {
        use.wildcard = true;
        use.reasons.push(`font has a '${t}' table`);
      }
      r.glyphUse.set(fkey, use);
    }
    return use;
  };

  const stateFor = (r: FontRecord, options: ShapeOptions): ShapingState => {
    if (options.direction && options.direction !== 'ltr') throw new Error(`unsupported direction ${options.direction}`);
    const fkey = featureKey(options.features);
    const states = r.states;
    for (let k = 0; k < states.length; k++) {
      const s = states[k];
      if (s.options.script === options.script && s.options.language === options.language && s.fkey === fkey) return s;
    }
    const features = Object.keys(options.features ?? {})
      .sort()
      .map((tag) => {
        if (!/^[\x20-\x7e]{4}$/.test(tag)) throw new Error(`bad OpenType feature tag '${tag}'`);
        return new hb.Feature(tag, options.features![tag] ? 1 : 0);
      });
    // Zyyy leaves the script to HarfBuzz's guess over the whole string, which a segment
    // could guess differently: no fast path then.
    const use = fastPath && options.script !== 'Zyyy' ? glyphUseFor(r, fkey, options.features) : undefined;
    const state: ShapingState = {
      options: { script: options.script, language: options.language, features: { ...options.features } },
      fkey,
      features,
      use: use && !use.wildcard ? use : undefined,
      segments: new SegmentCache(cacheSize),
    };
    states.push(state);
    return state;
  };

  /** HarfBuzz on the whole string, in font units; clusters relative to `text`. */
  const harfbuzzUnits = (r: FontRecord, text: string, state: ShapingState) => {
    const buf = (buffer ??= new hb.Buffer());
    buf.reset();
    buf.addText(text);
    buf.setDirection(HB_DIRECTION_LTR);
    if (state.options.script !== 'Zyyy') buf.setScript(state.options.script);
    if (state.options.language) buf.setLanguage(state.options.language);
    buf.guessSegmentProperties();
    hb.shape(r.font, buf, state.features);
    const infos = buf.getGlyphInfos();
    const positions = buf.getGlyphPositions();
    buf.reset();
    stats.hbCalls++;
    stats.hbGlyphs += infos.length;
    return { infos, positions };
  };

  /** HarfBuzz on the whole string, in em; clusters relative to `text`. */
  const harfbuzz = (r: FontRecord, text: string, state: ShapingState): ShapedGlyph[] => {
    if (text.length === 0) return [];
    const { infos, positions } = harfbuzzUnits(r, text, state);
    const upem = r.upem;
    const out: ShapedGlyph[] = new Array(infos.length);
    for (let i = 0; i < infos.length; i++) {
      const p = positions[i];
      out[i] = { glyph: infos[i].codepoint, cluster: infos[i].cluster, advance: p.xAdvance / upem, xOffset: p.xOffset / upem, yOffset: p.yOffset / upem };
    }
    return out;
  };

  /**
   * The cached {glyph, advance} of an ideograph, or -1 when it must go through HarfBuzz
   * with these options. Filled from HarfBuzz itself, and only for glyphs no active lookup
   * can touch: for those HarfBuzz's answer does not depend on options or context.
   */
  const ideographEntry = (r: FontRecord, cp: number, state: ShapingState, use: LayoutGlyphUse, text: string, at: number): number => {
    const known = r.ideographs.get(cp);
    if (known !== undefined) {
      if (known < 0 || isTouched(use, Math.floor(known / 65536))) return -1;
      return known;
    }
    // An ideograph some active lookup may touch is not cached (it may be fast under other
    // features), so it must not start a scan of the rest of the text every time it recurs.
    const nominal = r.font.nominalGlyph(cp);
    if (!nominal) {
      r.ideographs.set(cp, -1);
      return -1;
    }
    if (isTouched(use, nominal)) return -1;
    fillIdeographs(r, state, use, text, at);
    const filled = r.ideographs.get(cp);
    if (filled === undefined || filled < 0 || isTouched(use, Math.floor(filled / 65536))) return -1;
    return filled;
  };

  /**
   * Fills the ideograph cache for the unknown ideographs of text[at…] (up to 256 of them)
   * with one HarfBuzz call on the string of them all, not one call each: a cold edition
   * meets thousands of new ideographs. Each must come back as its own cluster with its
   * nominal glyph and no offset — what shaping it alone gives, because no active lookup
   * touches it; if the batch does not come back like that, each goes through HarfBuzz alone.
   */
  const fillIdeographs = (r: FontRecord, state: ShapingState, use: LayoutGlyphUse, text: string, at: number) => {
    const batch: number[] = [];
    const nominals: number[] = [];
    const seen = new Set<number>();
    for (let i = at; i < text.length && batch.length < 256; ) {
      const cp = text.codePointAt(i)!;
      i += cp > 0xffff ? 2 : 1;
      if (!isIdeograph(cp) || seen.has(cp) || r.ideographs.get(cp) !== undefined) continue;
      seen.add(cp);
      const nominal = r.font.nominalGlyph(cp);
      if (!nominal) {
        r.ideographs.set(cp, -1);
        continue;
      }
      if (isTouched(use, nominal)) continue; // undecided: maybe fast under other features
      batch.push(cp);
      nominals.push(nominal);
    }
    if (batch.length === 0) return;
    const str = String.fromCodePoint(...batch);
    const { infos, positions } = harfbuzzUnits(r, str, state);
    let ok = infos.length === batch.length;
    for (let k = 0, offset = 0; ok && k < batch.length; offset += batch[k] > 0xffff ? 2 : 1, k++) ok = plainGlyph(infos[k], positions[k], nominals[k], offset);
    if (ok) {
      for (let k = 0; k < batch.length; k++) r.ideographs.set(batch[k], nominals[k] * 65536 + positions[k].xAdvance);
      return;
    }
    for (let k = 0; k < batch.length; k++) {
      const one = harfbuzzUnits(r, String.fromCodePoint(batch[k]), state);
      const single = one.infos.length === 1 && plainGlyph(one.infos[0], one.positions[0], nominals[k], 0);
      r.ideographs.set(batch[k], single ? nominals[k] * 65536 + one.positions[0].xAdvance : -1);
    }
  };

  /** A HarfBuzz segment text.slice(start, end), through the LRU cache, appended to `out`. */
  const segment = (r: FontRecord, state: ShapingState, text: string, start: number, end: number, out: GlyphSink) => {
    const key: SegmentKey = end - start === 1 ? text.charCodeAt(start) : start === 0 && end === text.length ? text : text.slice(start, end);
    const cacheable = cacheSize > 0 && end - start <= cacheMaxLength;
    let glyphs = cacheable ? state.segments.get(key) : undefined;
    if (glyphs) {
      stats.segmentHits++;
    } else {
      glyphs = harfbuzz(r, typeof key === 'number' ? String.fromCharCode(key) : key, state);
      if (cacheable) {
        stats.segmentMisses++;
        state.segments.set(key, glyphs);
      }
    }
    for (let k = 0; k < glyphs.length; k++) {
      const g = glyphs[k];
      out.push(g.glyph, g.cluster + start, g.advance, g.xOffset, g.yOffset);
    }
  };

  /** The shaping loop, appending to a GlyphBuffer (shapeInto) or to a list of objects (shape). */
  const shapeTo = (font: FontId, text: string, options: ShapeOptions, out: GlyphSink): void => {
    const r = record(font);
    const state = stateFor(r, options);
    const n = text.length;
    if (n === 0) return;
    const use = state.use;
    if (!use) {
      segment(r, state, text, 0, n, out);
      return;
    }
    const upem = r.upem;
    const cache = r.ideographs;
    const touched = use.touched; // use.wildcard is false: stateFor gives no `use` then
    let pending = 0; // start of the text not yet shaped
    let fast = 0; // glyphs that went the fast way
    // Each code point is read and judged inert once: as the one after, then as the current
    // one, then as the one before. Ext A and the URO (most of a Chinese text) are tested
    // inline, and an ideograph already known fast is read from the cache's arrays here:
    // this loop runs once per character of an edition, as bytecode in a cold export.
    let cp = text.codePointAt(0)!;
    let prevInert = true; // the start of the text
    let inert = isInertNeighbour(cp); // once per call: the loop tests the common ranges inline
    let i = 0;
    while (i < n) {
      const next = i + (cp > 0xffff ? 2 : 1);
      const after = next < n ? text.codePointAt(next)! : -1;
      const afterInert = after < 0 || (after >= 0x4e00 && after <= 0x9fff) || (after >= 0x3400 && after <= 0x4dbf) || isInertNeighbour(after);
      if (prevInert && afterInert && isIdeograph(cp)) {
        let glyph = -1;
        let advance = 0;
        const k = cp - BMP_FIRST;
        if (cp <= BMP_LAST && cache.state[k] === 1) {
          glyph = cache.glyph[k];
          if ((touched[glyph >> 3] & (1 << (glyph & 7))) !== 0) glyph = -1;
          else advance = cache.advance[k];
        } else {
          const entry = ideographEntry(r, cp, state, use, text, i);
          if (entry >= 0) {
            glyph = Math.floor(entry / 65536);
            advance = entry & 0xffff;
          }
        }
        if (glyph >= 0) {
          if (pending < i) segment(r, state, text, pending, i, out);
          out.pushPlain(glyph, i, advance / upem);
          fast++;
          pending = next;
        }
      }
      prevInert = inert;
      inert = afterInert;
      cp = after;
      i = next;
    }
    stats.fastGlyphs += fast;
    if (pending < n) segment(r, state, text, pending, n, out);
  };

  const shapeInto = (font: FontId, text: string, options: ShapeOptions, out: GlyphBuffer): void => shapeTo(font, text, options, out);
  const shape = (font: FontId, text: string, options: ShapeOptions): ShapedGlyph[] => {
    const list = new GlyphList();
    shapeTo(font, text, options, list);
    return list.glyphs;
  };

  const fastPathStatus = (font: FontId, options: ShapeOptions) => {
    const r = record(font);
    const reasons: string[] = [];
    if (!fastPath) reasons.push('fast path switched off');
    if (options.script === 'Zyyy') reasons.push('script Zyyy: HarfBuzz guesses the script from the whole text');
    const use = glyphUseFor(r, featureKey(options.features), options.features);
    if (use.wildcard) reasons.push(...use.reasons);
    return { enabled: reasons.length === 0, reasons };
  };

  return {
    fonts: () => [...sources.keys()],
    metrics: (font) => ({ ...record(font).metrics }),
    hasGlyph: (font, codePoint) => !!record(font).font.nominalGlyph(codePoint),
    shape,
    shapeInto,
    shapeHarfBuzz: (font, text, options) => {
      const r = record(font);
      return harfbuzz(r, text, stateFor(r, options));
    },
    fastPathStatus,
    stats: () => ({ ...stats }),
    resetStats: () => {
      stats.hbCalls = stats.hbGlyphs = stats.fastGlyphs = stats.segmentHits = stats.segmentMisses = 0;
    },
  };
}
