// Which glyphs can an OpenType GSUB/GPOS table touch? Used by the HarfBuzz provider's fast
// path (hb-provider.ts): an ideograph whose glyph no active lookup can match — as input,
// as context, as the second glyph of a pair, as a mark base — is shaped by HarfBuzz to its
// cmap glyph with its hmtx advance, whatever surrounds it, so it may bypass HarfBuzz.
//
// The answer is conservative (it may claim more glyphs than HarfBuzz would really touch,
// never fewer):
// - lookups of every feature whose tag is active are taken, in every script and language
//   system of the table (HarfBuzz picks one; we take the union);
// - every glyph in any Coverage table, explicit glyph sequence or non-zero ClassDef class
//   of those lookups is "touched";
// - where a lookup can match *any* glyph — a class-based context rule using class 0 after
//   the first position, a class pair (PairPos format 2) with a non-zero value for class 0,
//   a multi-glyph lookup that skips base glyphs, FeatureVariations, an unknown lookup
//   type, a malformed table — the result is `wildcard`, and the caller must not bypass.
//
// Pure: reads bytes, no I/O.

export interface LayoutGlyphUse {
  /** Bitmap over glyph ids 0..65535: bit set when some active lookup may touch the glyph. */
  touched: Uint8Array;
  /** Some active lookup may touch any glyph at all: no glyph may bypass shaping. */
  wildcard: boolean;
  /** Why `wildcard` is set (for diagnostics and tests). */
  reasons: string[];
}

export function emptyGlyphUse(): LayoutGlyphUse {
  return { touched: new Uint8Array(8192), wildcard: false, reasons: [] };
}

export function isTouched(use: LayoutGlyphUse, glyph: number): boolean {
  return use.wildcard || (use.touched[glyph >> 3] & (1 << (glyph & 7))) !== 0;
}

/**
 * OpenType features HarfBuzz does NOT apply to horizontal text unless asked. Every other
 * feature tag is assumed on (conservative: an unknown tag counts as active).
 */
export const OFF_BY_DEFAULT: ReadonlySet<string> = new Set([
  'aalt', 'afrc', 'c2pc', 'c2sc', 'case', 'chws', 'cpct', 'cpsp', 'cswh', 'dlig', 'expt', 'falt',
  'frac', 'fwid', 'halt', 'hist', 'hkna', 'hlig', 'hngl', 'hojo', 'hwid', 'ital', 'jalt', 'jp04',
  'jp78', 'jp83', 'jp90', 'lfbd', 'lnum', 'mgrk', 'nalt', 'nlck', 'onum', 'opbd', 'ordn', 'ornm',
  'palt', 'pcap', 'pkna', 'pnum', 'pwid', 'qwid', 'rtbd', 'ruby', 'salt', 'sinf', 'size', 'smcp',
  'smpl', 'subs', 'sups', 'swsh', 'titl', 'tnum', 'trad', 'twid', 'unic', 'valt', 'vchw', 'vert',
  'vhal', 'vjmo', 'vkna', 'vkrn', 'vpal', 'vrt2', 'vrtr', 'zero',
  // Stylistic sets and character variants.
  ...Array.from({ length: 20 }, (_, i) => `ss${String(i + 1).padStart(2, '0')}`),
  ...Array.from({ length: 99 }, (_, i) => `cv${String(i + 1).padStart(2, '0')}`),
]);

/** Is `tag` applied, given HarfBuzz's defaults and the caller's on/off switches? */
export function featureActive(tag: string, features: Record<string, boolean> | undefined): boolean {
  const asked = features?.[tag];
  if (asked !== undefined) return asked;
  return !OFF_BY_DEFAULT.has(tag);
}

class Reader {
  constructor(readonly d: Uint8Array) {}
  u16(o: number): number {
    if (o < 0 || o + 2 > this.d.length) throw new RangeError('offset out of table');
    return (this.d[o] << 8) | this.d[o + 1];
  }
  i16(o: number): number {
    const v = this.u16(o);
    return v >= 0x8000 ? v - 0x10000 : v;
  }
  u32(o: number): number {
    return this.u16(o) * 0x10000 + this.u16(o + 2);
  }
  tag(o: number): string {
    if (o < 0 || o + 4 > this.d.length) throw new RangeError('offset out of table');
    return String.fromCharCode(this.d[o], this.d[o + 1], this.d[o + 2], this.d[o + 3]);
  }
}

const GSUB_MULTI = new Set([4, 5, 6, 8]);
const GPOS_MULTI = new Set([2, 3, 4, 5, 6, 7, 8]);
const LOOKUP_IGNORE_BASE = 0x0002;

/**
 * Glyphs that the active lookups of a GSUB or GPOS table may touch.
 * @param table the raw table (undefined when the font has none: nothing is touched)
 * @param kind which table it is
 * @param isActive decides, per feature tag, whether HarfBuzz applies it
 */
export function collectLayoutGlyphs(
  table: Uint8Array | undefined,
  kind: 'GSUB' | 'GPOS',
  isActive: (tag: string) => boolean,
  into: LayoutGlyphUse = emptyGlyphUse(),
): LayoutGlyphUse {
  if (!table || table.length === 0) return into;
  const r = new Reader(table);
  const wild = (why: string) => {
    into.wildcard = true;
    into.reasons.push(`${kind}: ${why}`);
  };
  const add = (g: number) => {
    into.touched[g >> 3] |= 1 << (g & 7);
  };
  const addRange = (a: number, b: number) => {
    for (let g = a; g <= b && g < 65536; g++) add(g);
  };
  const coverage = (o: number) => {
    const format = r.u16(o);
    if (format === 1) {
      const n = r.u16(o + 2);
      for (let i = 0; i < n; i++) add(r.u16(o + 4 + 2 * i));
    } else if (format === 2) {
      const n = r.u16(o + 2);
      for (let i = 0; i < n; i++) addRange(r.u16(o + 4 + 6 * i), r.u16(o + 6 + 6 * i));
    } else {
      wild(`unknown Coverage format ${format}`);
    }
  };
  /** Adds the glyphs of every non-zero class. */
  const classDef = (o: number) => {
    if (o === 0) return;
    const format = r.u16(o);
    if (format === 1) {
      const start = r.u16(o + 2);
      const n = r.u16(o + 4);
      for (let i = 0; i < n; i++) if (r.u16(o + 6 + 2 * i) !== 0) add(start + i);
    } else if (format === 2) {
      const n = r.u16(o + 2);
      for (let i = 0; i < n; i++) {
        const rec = o + 4 + 6 * i;
        if (r.u16(rec + 4) !== 0) addRange(r.u16(rec), r.u16(rec + 2));
      }
    } else {
      wild(`unknown ClassDef format ${format}`);
    }
  };
  const glyphs = (o: number, n: number) => {
    for (let i = 0; i < n; i++) add(r.u16(o + 2 * i));
  };
  const classesUseZero = (o: number, n: number): boolean => {
    for (let i = 0; i < n; i++) if (r.u16(o + 2 * i) === 0) return true;
    return false;
  };
  const valueSize = (format: number) => {
    let n = 0;
    for (let f = format & 0xff; f; f >>= 1) n += f & 1;
    return 2 * n;
  };
  const valueNonZero = (o: number, format: number) => {
    const size = valueSize(format);
    for (let i = 0; i < size; i += 2) if (r.u16(o + i) !== 0) return true;
    return false;
  };

  // Sequence context (GSUB 5 / GPOS 7) and chained sequence context (GSUB 6 / GPOS 8).
  /** Calls `rule` with the offset of every rule of the rule sets whose count is at `countAt` (offsets follow it). */
  const eachRule = (s: number, countAt: number, rule: (o: number) => void) => {
    const nSets = r.u16(countAt);
    for (let i = 0; i < nSets; i++) {
      const set = r.u16(countAt + 2 + 2 * i);
      if (!set) continue;
      const so = s + set;
      const nRules = r.u16(so);
      for (let j = 0; j < nRules; j++) rule(so + r.u16(so + 2 + 2 * j));
    }
  };
  /** The backtrack, input (without its first) and lookahead sequences of a chained rule at `o`; true if `part` was for any. */
  const chainParts = (o: number, part: (at: number, n: number) => boolean) => {
    const nBack = r.u16(o);
    let any = part(o + 2, nBack);
    o += 2 + 2 * nBack;
    const nIn = r.u16(o);
    any = part(o + 2, nIn - 1) || any;
    o += 2 + 2 * (nIn - 1);
    return part(o + 2, r.u16(o)) || any;
  };
  const context = (s: number) => {
    const format = r.u16(s);
    if (format === 1) {
      coverage(s + r.u16(s + 2));
      eachRule(s, s + 4, (ro) => glyphs(ro + 4, r.u16(ro) - 1));
    } else if (format === 2) {
      coverage(s + r.u16(s + 2));
      classDef(s + r.u16(s + 4));
      eachRule(s, s + 6, (ro) => {
        if (classesUseZero(ro + 4, r.u16(ro) - 1)) wild('class-based context rule matches class 0');
      });
    } else if (format === 3) {
      const n = r.u16(s + 2);
      for (let i = 0; i < n; i++) coverage(s + r.u16(s + 6 + 2 * i));
    } else {
      wild(`unknown context format ${format}`);
    }
  };
  const chainContext = (s: number) => {
    const format = r.u16(s);
    if (format === 1) {
      coverage(s + r.u16(s + 2));
      eachRule(s, s + 4, (o) =>
        chainParts(o, (at, n) => {
          glyphs(at, n);
          return false;
        }),
      );
    } else if (format === 2) {
      coverage(s + r.u16(s + 2));
      const back = r.u16(s + 4);
      const input = r.u16(s + 6);
      const ahead = r.u16(s + 8);
      classDef(back ? s + back : 0);
      classDef(input ? s + input : 0);
      classDef(ahead ? s + ahead : 0);
      eachRule(s, s + 10, (o) => {
        if (chainParts(o, classesUseZero)) wild('class-based chained context rule matches class 0');
      });
    } else if (format === 3) {
      let o = s + 2;
      for (let part = 0; part < 3; part++) {
        const n = r.u16(o);
        for (let i = 0; i < n; i++) coverage(s + r.u16(o + 2 + 2 * i));
        o += 2 + 2 * n;
      }
    } else {
      wild(`unknown chained context format ${format}`);
    }
  };

  const gsubSubtable = (type: number, s: number) => {
    switch (type) {
      case 1: case 2: case 3:
        coverage(s + r.u16(s + 2));
        return;
      case 4: {
        coverage(s + r.u16(s + 2));
        const nSets = r.u16(s + 4);
        for (let i = 0; i < nSets; i++) {
          const so = s + r.u16(s + 6 + 2 * i);
          const nLig = r.u16(so);
          for (let j = 0; j < nLig; j++) {
            const lo = so + r.u16(so + 2 + 2 * j);
            glyphs(lo + 4, r.u16(lo + 2) - 1);
          }
        }
        return;
      }
      case 5: context(s); return;
      case 6: chainContext(s); return;
      case 8: {
        coverage(s + r.u16(s + 2));
        let o = s + 4;
        for (let part = 0; part < 2; part++) {
          const n = r.u16(o);
          for (let i = 0; i < n; i++) coverage(s + r.u16(o + 2 + 2 * i));
          o += 2 + 2 * n;
        }
        return;
      }
      default: wild(`unknown GSUB lookup type ${type}`);
    }
  };
  const gposSubtable = (type: number, s: number) => {
    switch (type) {
      case 1: case 3:
        coverage(s + r.u16(s + 2));
        return;
      case 2: {
        const format = r.u16(s);
        coverage(s + r.u16(s + 2));
        const vf1 = r.u16(s + 4);
        const vf2 = r.u16(s + 6);
        if (format === 1) {
          const nSets = r.u16(s + 8);
          const rec = 2 + valueSize(vf1) + valueSize(vf2);
          for (let i = 0; i < nSets; i++) {
            const po = s + r.u16(s + 10 + 2 * i);
            const n = r.u16(po);
            for (let j = 0; j < n; j++) add(r.u16(po + 2 + j * rec));
          }
        } else if (format === 2) {
          classDef(s + r.u16(s + 8));
          classDef(s + r.u16(s + 10));
          const n1 = r.u16(s + 12);
          const n2 = r.u16(s + 14);
          const rec = valueSize(vf1) + valueSize(vf2);
          for (let c1 = 0; c1 < n1; c1++) {
            const o = s + 16 + (c1 * n2) * rec; // class2 = 0 of this class1 record
            if (valueNonZero(o, vf1) || valueNonZero(o + valueSize(vf1), vf2)) {
              wild('class pair adjustment with a non-zero value for class 0');
              break;
            }
          }
        } else {
          wild(`unknown PairPos format ${format}`);
        }
        return;
      }
      case 4: case 5: case 6:
        coverage(s + r.u16(s + 2));
        coverage(s + r.u16(s + 4));
        return;
      case 7: context(s); return;
      case 8: chainContext(s); return;
      default: wild(`unknown GPOS lookup type ${type}`);
    }
  };

  try {
    const minor = r.u16(2);
    if (minor >= 1 && r.u32(10) !== 0) wild('FeatureVariations present');
    const featureList = r.u16(6);
    const lookupList = r.u16(8);
    const lookups = new Set<number>();
    const nFeatures = r.u16(featureList);
    for (let i = 0; i < nFeatures; i++) {
      const rec = featureList + 2 + 6 * i;
      if (!isActive(r.tag(rec))) continue;
      const fo = featureList + r.u16(rec + 4);
      const n = r.u16(fo + 2);
      for (let j = 0; j < n; j++) lookups.add(r.u16(fo + 4 + 2 * j));
    }
    const nLookups = r.u16(lookupList);
    const extType = kind === 'GSUB' ? 7 : 9;
    const multi = kind === 'GSUB' ? GSUB_MULTI : GPOS_MULTI;
    for (const index of [...lookups].sort((a, b) => a - b)) {
      if (index >= nLookups) continue;
      const lo = lookupList + r.u16(lookupList + 2 + 2 * index);
      const lookupType = r.u16(lo);
      const flag = r.u16(lo + 2);
      const nSub = r.u16(lo + 4);
      for (let k = 0; k < nSub; k++) {
        let s = lo + r.u16(lo + 6 + 2 * k);
        let type = lookupType;
        if (type === extType) {
          type = r.u16(s + 2);
          s += r.u32(s + 4);
        }
        if (flag & LOOKUP_IGNORE_BASE && multi.has(type)) wild(`lookup ${index} skips base glyphs`);
        if (kind === 'GSUB') gsubSubtable(type, s);
        else gposSubtable(type, s);
      }
    }
  } catch (err) {
    wild(`malformed table (${err instanceof Error ? err.message : String(err)})`);
  }
  return into;
}
