// A fake FontProvider with fixed advances, for rule tests: every Han character and
// full-width mark is 1 em, Latin letters and digits ½ em, a space ¼ em. With `halt`,
// full-width marks are ½ em; opening marks move their glyph left by ½ em (their blank is
// on the left), as real zh-Hans fonts do.
import type { FontMetrics, FontProvider, ShapedGlyph, ShapeOptions } from '../../shared/text/font';
import { CharKind, charKind } from '../../shared/text/punct';
import type { TypeFace } from '../../shared/text/style';

export const FAKE_CJK = 'FakeCJK';
export const FAKE_LATIN = 'FakeLatin';

/** A type face of the fake fonts in every style. */
export const FAKE_FACE: TypeFace = {
  regular: { cjk: [FAKE_CJK], latin: [FAKE_LATIN] },
  bold: { cjk: [FAKE_CJK], latin: [FAKE_LATIN] },
  italic: { cjk: [FAKE_CJK], latin: [FAKE_LATIN] },
  boldItalic: { cjk: [FAKE_CJK], latin: [FAKE_LATIN] },
};

export function fakeAdvance(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  // Full-width forms (／％～), the ideographic space and the wave dash: 1 em, whatever their kind.
  if ((cp >= 0xff01 && cp <= 0xff5e) || cp === 0x3000 || cp === 0x301c) return 1;
  const k = charKind(ch);
  if (k === CharKind.Space) return 0.25;
  if (k === CharKind.Latin || k === CharKind.Digit || k === CharKind.Other) return 0.5;
  return 1;
}

export function createFakeProvider(opts: { missing?: string } = {}): FontProvider {
  const metrics: FontMetrics = { unitsPerEm: 1000, ascender: 0.88, descender: -0.12, capHeight: 0.7, xHeight: 0.5 };
  return {
    fonts: () => [FAKE_CJK, FAKE_LATIN],
    metrics: () => metrics,
    hasGlyph: (_font, cp) => !(opts.missing ?? '').includes(String.fromCodePoint(cp)),
    shape(_font: string, text: string, options: ShapeOptions): ShapedGlyph[] {
      const out: ShapedGlyph[] = [];
      let i = 0;
      for (const ch of text) {
        const missing = (opts.missing ?? '').includes(ch);
        const k = charKind(ch);
        let advance = fakeAdvance(ch);
        let xOffset = 0;
        if (options.features?.halt && k >= CharKind.Opening && k <= CharKind.Middle) {
          advance = 0.5;
          if (k === CharKind.Opening) xOffset = -0.5;
          if (k === CharKind.Middle) xOffset = -0.25;
        }
        out.push({ glyph: missing ? 0 : (ch.codePointAt(0) ?? 0), cluster: i, advance, xOffset, yOffset: 0 });
        i += ch.length;
      }
      return out;
    },
  };
}
