import { describe, expect, it } from 'vitest';
import { shapeWithFallback } from '../../../shared/text/fallback';
import type { FontProvider, ShapedGlyph, ShapeOptions } from '../../../shared/text/font';

/**
 * Fonts that cover given characters: one glyph per code point (id = code point), 1 em,
 * except a combining mark (U+0301, U+0338), which joins the cluster of the character before
 * it, like HarfBuzz does. A character a font lacks but whose `decompositions` it has comes
 * back as those glyphs in one cluster, as HarfBuzz draws ≠ from = and U+0338.
 */
function provider(coverage: Record<string, string>, decompositions: Record<string, string> = {}): FontProvider & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    fonts: () => Object.keys(coverage),
    metrics: () => ({ unitsPerEm: 1000, ascender: 0.88, descender: -0.12, capHeight: 0.7, xHeight: 0.5 }),
    hasGlyph: (font, cp) => [...coverage[font]].some((c) => c.codePointAt(0) === cp),
    shape(font: string, text: string, _options: ShapeOptions): ShapedGlyph[] {
      calls.push(`${font}:${text}`);
      const out: ShapedGlyph[] = [];
      let cluster = 0;
      for (let i = 0; i < text.length; ) {
        const cp = text.codePointAt(i)!;
        const mark = cp === 0x301 || cp === 0x338;
        if (!mark) cluster = i;
        const covers = (c: number) => [...coverage[font]].some((x) => x.codePointAt(0) === c);
        const pieces = [...(decompositions[String.fromCodePoint(cp)] ?? '')].map((c) => c.codePointAt(0)!);
        if (!covers(cp) && pieces.length > 0 && pieces.every(covers)) for (const q of pieces) out.push({ glyph: q, cluster, advance: q === 0x338 ? 0 : 1, xOffset: 0, yOffset: 0 });
        else out.push({ glyph: covers(cp) ? cp : 0, cluster, advance: mark ? 0 : 1, xOffset: 0, yOffset: 0 });
        i += cp > 0xffff ? 2 : 1;
      }
      return out;
    },
  };
}

const opts: ShapeOptions = { script: 'Hani', language: 'zh-Hans' };

describe('shapeWithFallback', () => {
  it('uses the first font when it has everything', () => {
    const p = provider({ A: '中文', B: 'x' });
    const r = shapeWithFallback(p, ['A', 'B'], '中文', opts);
    expect(r.missing).toEqual([]);
    expect(r.runs).toHaveLength(1);
    expect(r.runs[0].font).toBe('A');
    expect(r.runs[0].glyphs.map((g) => g.cluster)).toEqual([0, 1]);
    expect(p.calls).toEqual(['A:中文']);
  });

  it('shapes what the first font lacks with the next one, keeping text order and clusters', () => {
    const p = provider({ A: '中文', B: 'Ąb' });
    const r = shapeWithFallback(p, ['A', 'B'], '中Ąb文', opts);
    expect(r.missing).toEqual([]);
    expect(r.runs.map((run) => [run.font, run.glyphs.map((g) => g.cluster)])).toEqual([
      ['A', [0]],
      ['B', [1, 2]],
      ['A', [3]],
    ]);
    // Only the missing range went to B, in one piece.
    expect(p.calls).toEqual(['A:中Ąb文', 'B:Ąb']);
  });

  it('sets a character the first font only draws from its decomposition (≠ as = and U+0338) with a font that has it', () => {
    const NE = { '≠': '=\u0338' };
    const p = provider({ A: 'a=\u0338', B: '≠' }, NE);
    const r = shapeWithFallback(p, ['A', 'B'], 'a≠a', opts);
    expect(r.missing).toEqual([]);
    expect(r.runs.map((run) => [run.font, run.glyphs.map((g) => [g.glyph, g.cluster])])).toEqual([
      ['A', [[0x61, 0]]],
      ['B', [[0x2260, 1]]],
      ['A', [[0x61, 2]]],
    ]);
    // No font has it: the pieces stay, and nothing is missing (the text prints).
    const alone = shapeWithFallback(provider({ A: 'a=\u0338', B: 'b' }, NE), ['A', 'B'], 'a≠', opts);
    expect(alone.missing).toEqual([]);
    expect(alone.runs.map((run) => [run.font, run.glyphs.map((g) => g.glyph)])).toEqual([['A', [0x61, 0x3d, 0x338]]]);
    // A base and a mark typed as such, both in the first font: its own cluster, kept.
    const typed = shapeWithFallback(provider({ A: 'x\u0301', B: 'x\u0301' }), ['A', 'B'], 'x\u0301', opts);
    expect(typed.runs.map((run) => run.font)).toEqual(['A']);
    // A later font that only synthesises it too does not replace a first font's pieces.
    const both = shapeWithFallback(provider({ A: '=\u0338', B: '=\u0338', C: '≠' }, NE), ['A', 'B', 'C'], '≠', opts);
    expect(both.runs.map((run) => run.font)).toEqual(['C']);
  });

  it('walks the whole chain', () => {
    const p = provider({ A: 'a', B: 'b', C: 'c' });
    const r = shapeWithFallback(p, ['A', 'B', 'C'], 'abc', opts);
    expect(r.missing).toEqual([]);
    expect(r.runs.map((run) => run.font)).toEqual(['A', 'B', 'C']);
  });

  it('reports characters no font has, keeping them as the first font’s .notdef', () => {
    const p = provider({ A: '中', B: 'x' });
    const text = '中\uE000x\u{20000}';
    const r = shapeWithFallback(p, ['A', 'B'], text, opts);
    expect(r.missing).toEqual([
      { cluster: 1, codePoint: 0xe000 },
      { cluster: 3, codePoint: 0x20000 },
    ]);
    const glyphs = r.runs.flatMap((run) => run.glyphs.map((g) => ({ font: run.font, glyph: g.glyph, cluster: g.cluster })));
    expect(glyphs).toEqual([
      { font: 'A', glyph: 0x4e2d, cluster: 0 },
      { font: 'A', glyph: 0, cluster: 1 },
      { font: 'B', glyph: 0x78, cluster: 2 },
      { font: 'A', glyph: 0, cluster: 3 },
    ]);
  });

  it('moves a base and its combining mark together', () => {
    const p = provider({ A: 'e', B: 'e\u0301' });
    const r = shapeWithFallback(p, ['A', 'B'], 'e\u0301', opts);
    // A has the base but not the mark: the whole cluster falls back to B.
    expect(r.missing).toEqual([]);
    expect(r.runs).toHaveLength(1);
    expect(r.runs[0].font).toBe('B');
    expect(r.runs[0].glyphs.map((g) => g.cluster)).toEqual([0, 0]);
  });

  it('reports a cluster whose characters exist only in different fonts', () => {
    const p = provider({ A: 'e', B: '\u0301' });
    const r = shapeWithFallback(p, ['A', 'B'], 'e\u0301', opts);
    expect(r.missing).toEqual([{ cluster: 0, codePoint: 0x65 }]);
  });

  it('returns nothing for empty text and refuses an empty chain', () => {
    const p = provider({ A: 'a' });
    expect(shapeWithFallback(p, ['A'], '', opts)).toEqual({ runs: [], missing: [] });
    expect(() => shapeWithFallback(p, [], 'a', opts)).toThrow(/empty font chain/);
  });
});
