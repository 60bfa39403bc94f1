// The conservative "which glyphs can the layout tables touch" analysis behind the shaping
// fast path, on small hand-built GSUB/GPOS tables.
import { describe, expect, it } from 'vitest';
import { collectLayoutGlyphs, featureActive, isTouched, type LayoutGlyphUse } from '../../../shared/text/ot-layout';

const u16 = (...v: number[]) => v.flatMap((x) => [(x >> 8) & 0xff, x & 0xff]);
const u32 = (v: number) => [...u16(Math.floor(v / 65536)), ...u16(v & 0xffff)];
const tag = (t: string) => [...t].map((c) => c.charCodeAt(0));

/** A GSUB/GPOS table with one feature `featureTag` → one lookup of `type` with one subtable. */
function table(featureTag: string, type: number, subtable: number[], flag = 0): Uint8Array {
  const scriptList = u16(0); // at 10
  const featureList = [...u16(1), ...tag(featureTag), ...u16(8), ...u16(0, 1, 0)]; // at 12, 14 bytes
  const lookupList = [...u16(1, 4), ...u16(type, flag, 1, 8), ...subtable]; // at 26
  return new Uint8Array([...u16(1, 0, 10, 12, 26), ...scriptList, ...featureList, ...lookupList]);
}

function analyse(kind: 'GSUB' | 'GPOS', t: Uint8Array, features?: Record<string, boolean>): LayoutGlyphUse {
  return collectLayoutGlyphs(t, kind, (f) => featureActive(f, features));
}

/** The touched glyphs; fails when the analysis gave up, which these tests do not expect. */
function touchedList(use: LayoutGlyphUse): number[] {
  expect(use.reasons).toEqual([]);
  const out: number[] = [];
  for (let g = 0; g < 65536; g++) if (use.touched[g >> 3] & (1 << (g & 7))) out.push(g);
  return out;
}

// Single substitution, format 1: glyph 5 → 5 + 100.
const singleSubst = u16(1, 6, 100, /* coverage */ 1, 1, 5);
// Ligature 10 + 11 → 99.
const ligature = u16(1, 8, 1, 14, /* coverage */ 1, 1, 10, /* set */ 1, 4, /* ligature */ 99, 2, 11);

/** PairPos format 2: first glyph 7; class 1 of the second glyph = {8}; value of class 0 given. */
function classPair(class0Value: number): number[] {
  return u16(2, 20, 4, 0, 26, 30, 1, 2, class0Value & 0xffff, 0xffec, /* coverage */ 1, 1, 7, /* cd1 */ 2, 0, /* cd2 */ 1, 8, 1, 1);
}

describe('featureActive', () => {
  it('follows HarfBuzz defaults unless the caller switches a feature', () => {
    expect(featureActive('kern', undefined)).toBe(true);
    expect(featureActive('locl', undefined)).toBe(true);
    expect(featureActive('halt', undefined)).toBe(false);
    expect(featureActive('vert', undefined)).toBe(false);
    expect(featureActive('ss01', undefined)).toBe(false);
    expect(featureActive('halt', { halt: true })).toBe(true);
    expect(featureActive('kern', { kern: false })).toBe(false);
    // Unknown tags count as active: the analysis must over-approximate.
    expect(featureActive('zzzz', undefined)).toBe(true);
  });
});

describe('collectLayoutGlyphs', () => {
  it('touches nothing without a table', () => {
    const use = collectLayoutGlyphs(undefined, 'GSUB', () => true);
    expect(use.wildcard).toBe(false);
    expect(touchedList(use)).toEqual([]);
  });

  it('collects the coverage of a single substitution of an active feature', () => {
    const use = analyse('GSUB', table('locl', 1, singleSubst));
    expect(use.wildcard).toBe(false);
    expect(touchedList(use)).toEqual([5]);
    expect(isTouched(use, 5)).toBe(true);
    expect(isTouched(use, 6)).toBe(false);
  });

  it('ignores lookups of features that are off', () => {
    expect(touchedList(analyse('GSUB', table('aalt', 1, singleSubst)))).toEqual([]);
    expect(touchedList(analyse('GSUB', table('aalt', 1, singleSubst), { aalt: true }))).toEqual([5]);
    expect(touchedList(analyse('GSUB', table('liga', 4, ligature), { liga: false }))).toEqual([]);
  });

  it('collects every ligature component', () => {
    expect(touchedList(analyse('GSUB', table('liga', 4, ligature)))).toEqual([10, 11]);
  });

  it('follows extension lookups', () => {
    const ext = [...u16(1, 1), ...u32(8), ...singleSubst];
    expect(touchedList(analyse('GSUB', table('ccmp', 7, ext)))).toEqual([5]);
  });

  it('collects all coverages of a chained context rule (format 3)', () => {
    // backtrack {1}, input {2}, lookahead {3}, no nested lookups.
    const sub = [...u16(3, 1, 16, 1, 22, 1, 28, 0), ...u16(1, 1, 1), ...u16(1, 1, 2), ...u16(1, 1, 3)];
    const use = analyse('GSUB', table('calt', 6, sub));
    expect(use.reasons).toEqual([]);
    expect(touchedList(use)).toEqual([1, 2, 3]);
  });

  /** Chained context format 2: input class 1 = {20}, then lookahead class `ahead` ({21} is class 2). */
  function chainByClass(ahead: number): number[] {
    return u16(2, 16, 0, 22, 30, 2, 0, 38, /* coverage */ 1, 1, 20, /* input cd */ 1, 20, 1, 1, /* lookahead cd */ 1, 21, 1, 2,
      /* rule set */ 1, 4, /* rule */ 0, 1, 1, ahead, 0);
  }

  it('collects the class definitions of a class-based chained rule', () => {
    expect(touchedList(analyse('GSUB', table('calt', 6, chainByClass(2))))).toEqual([20, 21]);
  });

  it('gives up when a class-based rule matches class 0, i.e. any glyph', () => {
    const use = analyse('GSUB', table('calt', 6, chainByClass(0)));
    expect(use.wildcard).toBe(true);
    expect(use.reasons.join()).toMatch(/class 0/);
  });

  it('collects coverage ranges (format 2)', () => {
    const sub = u16(1, 6, 1, /* coverage */ 2, 1, 300, 302, 0);
    expect(touchedList(analyse('GSUB', table('locl', 1, sub)))).toEqual([300, 301, 302]);
  });

  it('collects both glyphs of a class pair and accepts a zero class-0 value', () => {
    const use = analyse('GPOS', table('kern', 2, classPair(0)));
    expect(use.wildcard).toBe(false);
    expect(touchedList(use)).toEqual([7, 8]);
  });

  it('gives up (wildcard) when a class pair kerns against class 0, i.e. any glyph', () => {
    const use = analyse('GPOS', table('kern', 2, classPair(-50)));
    expect(use.wildcard).toBe(true);
    expect(use.reasons.join()).toMatch(/class 0/);
    expect(isTouched(use, 12345)).toBe(true);
  });

  it('gives up when a multi-glyph lookup skips base glyphs', () => {
    const use = analyse('GSUB', table('liga', 4, ligature, 0x0002));
    expect(use.wildcard).toBe(true);
  });

  it('gives up on a malformed table instead of throwing', () => {
    const t = table('liga', 4, ligature).slice(0, 40);
    const use = analyse('GSUB', t);
    expect(use.wildcard).toBe(true);
    expect(use.reasons.join()).toMatch(/malformed/);
  });

  it('gives up on lookup types it does not know', () => {
    expect(analyse('GPOS', table('kern', 42, u16(1, 0))).wildcard).toBe(true);
  });
});
