// Shaping with the bundled fonts through the HarfBuzz provider: what the layout engine
// relies on, measured on the real fonts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FONTS_DIR, loadHarfBuzz, loadNodeFontProvider, type HarfBuzzModule } from '../../../electron/services/fonts/node-fonts';
import { shapeWithFallback } from '../../../shared/text/fallback';
import type { ShapeOptions } from '../../../shared/text/font';
import type { HbFontProvider } from '../../../shared/text/hb-provider';
import { setParagraph } from '../../../shared/text/lines';
import { prepareParagraph } from '../../../shared/text/prepare';
import { bodyStyle, HEI_FACE, textStyle } from '../../../shared/text/style';

const SERIF_SC = 'NotoSerifSC-Regular';
const SANS_SC = 'NotoSansSC-Regular';
const CJK = [SERIF_SC, 'NotoSerifSC-Bold', SANS_SC, 'NotoSansSC-Bold'];
const SERIF = 'NotoSerif-Regular';
const zh: ShapeOptions = { script: 'Hani', language: 'zh-Hans' };
const en: ShapeOptions = { script: 'Latn', language: 'en' };

let p: HbFontProvider;
let hb: HarfBuzzModule;
beforeAll(async () => {
  p = await loadNodeFontProvider();
  hb = await loadHarfBuzz();
});

const hbFonts = new Map<string, InstanceType<HarfBuzzModule['Font']>>();

/** Ink box of a glyph in em, straight from HarfBuzz. */
function ink(font: string, glyph: number): { left: number; right: number; top: number; bottom: number } {
  let f = hbFonts.get(font);
  if (!f) {
    f = new hb.Font(new hb.Face(new hb.Blob(readFileSync(join(FONTS_DIR, `${font}.ttf`)))));
    hbFonts.set(font, f);
  }
  const e = f.glyphExtents(glyph)!;
  return { left: e.xBearing / 1000, right: (e.xBearing + e.width) / 1000, top: e.yBearing / 1000, bottom: (e.yBearing + e.height) / 1000 };
}

describe('Chinese text', () => {
  it('gives one glyph per ideograph, 1 em wide, clusters at each character', () => {
    const text = '省政府支持太原打造为旅游热点门户城市';
    for (const font of CJK) {
      const glyphs = p.shape(font, text, zh);
      expect(glyphs).toHaveLength(text.length);
      expect(glyphs.map((g) => g.cluster)).toEqual([...text].map((_, i) => i));
      for (const g of glyphs) {
        expect(g.glyph).toBeGreaterThan(0);
        expect(g.advance).toBe(1);
        expect(g.xOffset).toBe(0);
        expect(g.yOffset).toBe(0);
      }
    }
  });

  it('makes —— one 2-em glyph with zh-Hans (locl), and — a 1-em dash', () => {
    for (const font of CJK) {
      const two = p.shape(font, '——', zh);
      expect(two, font).toHaveLength(1);
      expect(two[0].advance).toBe(2);
      expect(two[0].cluster).toBe(0);
      const one = p.shape(font, '—', zh);
      expect(one[0].advance).toBe(1);
      // In context too: 他说——不
      const ctx = p.shape(font, '他说——不', zh);
      expect(ctx.map((g) => [g.cluster, g.advance])).toEqual([[0, 1], [1, 1], [2, 2], [4, 1]]);
    }
  });

  it('does not give the 2-em form without zh-Hans (measured: a 1.692-em ligature in Noto Serif SC)', () => {
    const two = p.shape(SERIF_SC, '——', { script: 'Hani', language: 'en' });
    expect(two).toHaveLength(1);
    expect(two[0].advance).toBe(1.692);
    expect(p.shape(SERIF_SC, '—', { script: 'Hani', language: 'en' })[0].advance).toBe(0.89);
  });

  it('keeps …… as two 1-em glyphs', () => {
    expect(p.shape(SERIF_SC, '……', zh).map((g) => g.advance)).toEqual([1, 1]);
  });

  it('uses the simplified-Chinese forms of ，。“”: marks in the corner, quotes hugging the text', () => {
    for (const font of [SERIF_SC, SANS_SC]) {
      const [comma, stop, open, close] = p.shape(font, '，。“”', zh);
      for (const g of [comma, stop, open, close]) expect(g.advance).toBe(1);
      // ，。 sit in the lower left quarter of the em box (not centred as in zh-Hant).
      for (const g of [comma, stop]) {
        const box = ink(font, g.glyph);
        expect(box.right, font).toBeLessThan(0.5);
        expect(box.top, font).toBeLessThan(0.3);
      }
      // “ in the right half (next to the text it opens), ” in the left half.
      expect(ink(font, open.glyph).left).toBeGreaterThan(0.5);
      expect(ink(font, close.glyph).right).toBeLessThan(0.5);
    }
  });

  it('halves full-width punctuation with halt', () => {
    for (const font of CJK) {
      const [comma, stop, open, close] = p.shape(font, '，。“”', { ...zh, features: { halt: true } });
      expect([comma, stop, open, close].map((g) => g.advance)).toEqual([0.5, 0.5, 0.5, 0.5]);
      // The opening quote's blank is on its left: halt moves the glyph left by ½ em.
      expect(open.xOffset).toBe(-0.5);
      expect(comma.xOffset).toBe(0);
    }
  });

  it('applies chws (contextual half-width spacing) in Noto Serif SC; Noto Sans SC has none', () => {
    const text = '你，“你”。）（';
    const serif = p.shape(SERIF_SC, text, { ...zh, features: { chws: true } }).map((g) => g.advance);
    expect(serif).toEqual([1, 0.5, 1, 1, 0.5, 0.5, 0.5, 1]);
    const sans = p.shape(SANS_SC, text, { ...zh, features: { chws: true } }).map((g) => g.advance);
    expect(sans).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(p.shape(SERIF_SC, text, zh).map((g) => g.advance)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('sets Latin quotes full width in the CJK fonts (why Latin runs use Noto Serif)', () => {
    expect(p.shape(SERIF_SC, '“a”', en).map((g) => g.advance)).toEqual([1, 0.557, 1]);
    const latin = p.shape(SERIF, '“a”', en).map((g) => g.advance);
    expect(latin[0]).toBeLessThan(0.5);
    expect(latin[2]).toBeLessThan(0.5);
  });
});

describe('clusters are UTF-16 offsets', () => {
  it('counts an astral character as two code units, covered (𬌗 U+2C317) or not (𠀀 U+20000)', () => {
    expect(p.hasGlyph(SERIF_SC, 0x2c317)).toBe(true);
    expect(p.hasGlyph(SERIF_SC, 0x20000)).toBe(false);
    const text = '𬌗a中𠀀b';
    for (const shape of [p.shape, p.shapeHarfBuzz]) {
      const glyphs = shape(SERIF_SC, text, zh);
      expect(glyphs.map((g) => g.cluster)).toEqual([0, 2, 3, 4, 6]);
      expect(glyphs[0].glyph).toBeGreaterThan(0);
      expect(glyphs[0].advance).toBe(1);
      expect(glyphs[3].glyph).toBe(0);
    }
  });

  it('keeps a base and its combining mark in one cluster', () => {
    const glyphs = p.shape(SERIF, 'e\u0301x', en);
    expect(glyphs.every((g) => g.cluster === 0 || g.cluster === 2)).toBe(true);
    expect(glyphs.at(-1)!.cluster).toBe(2);
  });
});

describe('Latin text in Noto Serif', () => {
  it('forms the fi and ffi ligatures unless liga is off', () => {
    const fi = p.shape(SERIF, 'fi', en);
    expect(fi).toHaveLength(1);
    expect(fi[0].cluster).toBe(0);
    const office = p.shape(SERIF, 'office', en);
    expect(office.map((g) => g.cluster)).toEqual([0, 1, 4, 5]);
    expect(p.shape(SERIF, 'office', { ...en, features: { liga: false } })).toHaveLength(6);
  });

  it('kerns AV and To unless kern is off', () => {
    const kerned = p.shape(SERIF, 'AV', en);
    const plain = p.shape(SERIF, 'AV', { ...en, features: { kern: false } });
    expect(kerned[0].advance).toBeLessThan(plain[0].advance);
    expect(plain[0].advance).toBe(0.705);
    expect(kerned[0].advance).toBe(0.625);
    expect(p.shape(SERIF, 'To', en)[0].advance).toBeLessThan(p.shape(SERIF, 'To', { ...en, features: { kern: false } })[0].advance);
  });
});

describe('English set in the Hei face (Noto Sans SC\'s Latin)', () => {
  it('gets proportional quotes and apostrophes: By Kevin O’Donnell, not O’ Donnell', () => {
    // What the engine sets for an English byline, deck or subhead in the Hei face
    const style = textStyle({ ...bodyStyle('en', 10), face: HEI_FACE, indent: 0 });
    const prepared = prepareParagraph(p, { text: 'By Kevin O’Donnell: “isn’t enough”', style });
    const line = setParagraph(prepared, 1000)[0];
    const at = (ch: string, from = 0) => {
      const i = 'By Kevin O’Donnell: “isn’t enough”'.indexOf(ch, from);
      return line.runs.flatMap((r) => r.clusters.map((c, k) => ({ c, x: r.xs[k], font: r.font }))).find((g) => g.c === i)!;
    };
    // ’ is narrow (about a quarter em), not the font's default full-width form
    expect((at('D').x - at('’').x) / 10).toBeLessThan(0.35);
    expect((at('i').x - at('“').x) / 10).toBeLessThan(0.55);
    // Chinese in the same face keeps its full-width marks
    const zhLine = setParagraph(prepareParagraph(p, { text: '他说：“好。”', style: textStyle({ ...bodyStyle('zh', 10), face: HEI_FACE, indent: 0 }) }), 1000)[0];
    expect(zhLine.width).toBeGreaterThan(50);
  });
});

describe('shapeWithFallback on the bundled fonts', () => {
  it('takes Latin letters the CJK font lacks from Noto Serif', () => {
    expect(p.hasGlyph(SERIF_SC, 'Ą'.codePointAt(0)!)).toBe(false);
    const r = shapeWithFallback(p, [SERIF_SC, SERIF], '波兰Ą字', zh);
    expect(r.missing).toEqual([]);
    expect(r.runs.map((run) => [run.font, run.glyphs.map((g) => g.cluster)])).toEqual([
      [SERIF_SC, [0, 1]],
      [SERIF, [2]],
      [SERIF_SC, [3]],
    ]);
  });

  it('sets ≠ in English text with a font that has it: Noto Serif would draw = with the slash beside it', async () => {
    // Noto Serif has no ≠; HarfBuzz draws it from = and U+0338, whose ink starts 0.55 em right
    // of the = it should cross (no mark positioning for it).
    expect(p.hasGlyph(SERIF, 0x2260)).toBe(false);
    expect(p.shape(SERIF, '≠', en).map((g) => g.cluster)).toEqual([0, 0]);
    const r = shapeWithFallback(p, [SERIF, SERIF_SC], 'a ≠ b', en);
    expect(r.missing).toEqual([]);
    expect(r.runs.map((run) => [run.font, run.glyphs.map((g) => g.cluster)])).toEqual([
      [SERIF, [0, 1]],
      [SERIF_SC, [2]],
      [SERIF, [3, 4]],
    ]);
    // And through the engine, on its fast path (the first font's glyphs in typed arrays).
    const prep = prepareParagraph(p, { text: 'x ≠ y', style: bodyStyle('en', 9.5) });
    const line = setParagraph(prep, 200)[0];
    expect(line.runs.map((run) => run.font)).toContain(SERIF_SC);
  });

  it('reports private-use and uncovered astral characters, keeping a .notdef for each', () => {
    const text = '中\uE000文𠀀';
    const r = shapeWithFallback(p, [SERIF_SC, SANS_SC, SERIF], text, zh);
    expect(r.missing).toEqual([
      { cluster: 1, codePoint: 0xe000 },
      { cluster: 3, codePoint: 0x20000 },
    ]);
    const all = r.runs.flatMap((run) => run.glyphs);
    expect(all.map((g) => g.cluster)).toEqual([0, 1, 2, 3]);
    expect(all.filter((g) => g.glyph === 0)).toHaveLength(2);
    expect(r.runs.every((run) => run.font === SERIF_SC)).toBe(true);
  });
});

describe('the provider', () => {
  it('refuses unknown fonts and bad feature tags', () => {
    expect(() => p.shape('Comic-Sans', 'x', en)).toThrow(/unknown font Comic-Sans/);
    expect(() => p.shape(SERIF, 'x', { ...en, features: { toolong: true } })).toThrow(/feature tag/);
  });

  it('shapes the empty string to nothing', () => {
    expect(p.shape(SERIF_SC, '', zh)).toEqual([]);
  });

  it('hands out copies: mutating a result does not change the next one', () => {
    const a = p.shape(SERIF_SC, '，中', zh);
    a[0].advance = 99;
    a.length = 0;
    expect(p.shape(SERIF_SC, '，中', zh).map((g) => g.advance)).toEqual([1, 1]);
  });
});

describe('opening fonts', () => {
  it('reads a font and opens it in HarfBuzz when it is first used, once', async () => {
    const { createHbFontProvider } = await import('../../../shared/text/hb-provider');
    const { fontFile } = await import('../../../electron/services/fonts/font-file');
    const reads = new Map<string, number>();
    const fonts = [SERIF_SC, SERIF].map((id) => ({
      id,
      data: () => {
        reads.set(id, (reads.get(id) ?? 0) + 1);
        return fontFile(join(FONTS_DIR, `${id}.ttf`)).shapingFont();
      },
    }));
    const lazy = createHbFontProvider(hb, fonts);
    expect(lazy.fonts()).toEqual([SERIF_SC, SERIF]);
    expect(reads.size).toBe(0);
    const glyphs = lazy.shape(SERIF_SC, '太原日报', zh);
    expect(glyphs).toEqual(p.shape(SERIF_SC, '太原日报', zh));
    lazy.shape(SERIF_SC, '省政府', zh);
    expect(lazy.metrics(SERIF_SC)).toEqual(p.metrics(SERIF_SC));
    expect([...reads]).toEqual([[SERIF_SC, 1]]); // the Latin font is never read
    expect(() => lazy.shape('NotoSans-Regular', 'x', en)).toThrow(/unknown font NotoSans-Regular; this provider has NotoSerifSC-Regular, NotoSerif-Regular/);
  });
});

describe('long runs of dashes and ellipses in a narrow column (the font sets ——— as one 3-em glyph)', () => {
  it('keeps every line within the measure at the none and basic levels, losing no mark', async () => {
    const { prepareParagraph } = await import('../../../shared/text/prepare');
    const { setParagraph } = await import('../../../shared/text/lines');
    const { bodyStyle } = await import('../../../shared/text/style');
    for (const kinsoku of ['none', 'basic'] as const) {
      for (const text of ['等待————————完了。', '等待…………………………完了。']) {
        const para = prepareParagraph(p, { text, style: bodyStyle('zh', 9, { kinsoku }) });
        for (let m = 3; m <= 11; m++) {
          const lines = setParagraph(para, m * 9);
          expect(lines.map((l) => l.text).join('')).toBe(text);
          for (const l of lines) expect(l.width, `${kinsoku} ${m} em: ${lines.map((x) => x.text).join('|')}`).toBeLessThanOrEqual(m * 9 + 1e-6);
        }
      }
    }
  });
});

describe('the interpunct of foreign names in Chinese (间隔号)', () => {
  it('sets 让·雅克·卢梭 with full-width dots through the engine (U+00B7 alone is a third of an em here); the text keeps U+00B7', async () => {
    const { prepareParagraph } = await import('../../../shared/text/prepare');
    const { setParagraph } = await import('../../../shared/text/lines');
    const { bodyStyle } = await import('../../../shared/text/style');
    const style = bodyStyle('zh', 10, { indent: 0, avoidRunt: false });
    // The fonts' own U+00B7 is narrow: what the engine used to set.
    expect(p.shape(SERIF_SC, '·', zh)[0].advance).toBeLessThan(0.5);
    const [line] = setParagraph(prepareParagraph(p, { text: '让·雅克·卢梭', style }), 300);
    expect(line.text).toBe('让·雅克·卢梭');
    expect(line.width).toBeCloseTo(70, 3); // five Han and two dots, 1 em each at 10 pt
    // Between Latin letters the dot is left as it is.
    const [latin] = setParagraph(prepareParagraph(p, { text: 'Ph·D', style }), 300);
    expect(latin.width).toBeLessThan(25);
  });

  it('sets J·K·罗琳 with one kind of dot, and never squeezes a narrow dot over its neighbours', async () => {
    const { prepareParagraph } = await import('../../../shared/text/prepare');
    const { setParagraph } = await import('../../../shared/text/lines');
    const { bodyStyle } = await import('../../../shared/text/style');
    const style = bodyStyle('zh', 9);
    const text = '英国作家J·K·罗琳、法国思想家让·雅克·卢梭、美国总统乔治·华盛顿……这些名字大家都不陌生。';
    const para = prepareParagraph(p, { text, style });
    const dots = [...text].flatMap((ch, i) => (ch === '·' ? [i] : []));
    // every dot of these names is full width: one em of advance
    for (const at of dots) {
      const c = [...Array(para.n).keys()].find((k) => para.start[k] === at)!;
      expect(para.width[c], `dot at ${at}`).toBeCloseTo(9, 3);
    }
    // Squeezed lines (the measures where J·K·罗琳 must squeeze): the letter after a dot starts
    // after the letter before it ends (K used to start inside J: the narrow dot was squeezed
    // to a negative width).
    const after = (q: typeof para, lines: ReturnType<typeof setParagraph>, first: number, second: number) => {
      for (const l of lines) {
        const x = new Map(l.runs.flatMap((r) => r.xs.map((v, i) => [r.clusters[i], v] as const)));
        if (!x.has(first) || !x.has(second)) continue;
        const c = [...Array(q.n).keys()].find((k) => q.start[k] === first)!;
        expect(x.get(second)!, `${l.text}`).toBeGreaterThanOrEqual(x.get(first)! + q.width[c] - 1e-6);
      }
    };
    for (let m = 6; m <= 20; m += 0.5) after(para, setParagraph(para, m * 9), text.indexOf('J'), text.indexOf('K'));
    // A dot that is no name's (it opens the paragraph, before a bracket) keeps its narrow
    // glyph, with no blank to squeeze: 「 was set 0.6 em left of the line's start.
    const odd = prepareParagraph(p, { text: '·「我」为不学说个「主也们」', style: bodyStyle('zh', 10.5, { indent: 0 }) });
    expect(odd.blankL[0] + odd.blankR[0]).toBe(0);
    for (let m = 4; m <= 12; m += 0.5) after(odd, setParagraph(odd, m * 10.5), 0, 2);
  });
});

describe('English ladders, with the real Latin face', () => {
  it("counts a word's own hyphen at a line end toward a ladder (fail- elec- mid- pre- in a row)", async () => {
    const { prepareParagraph } = await import('../../../shared/text/prepare');
    const { setParagraph } = await import('../../../shared/text/lines');
    const { bodyStyle } = await import('../../../shared/text/style');
    const text =
      'The building, designed in 1962 by the architect Walter Gropius-Schmidt, had been closed since March 2022 because of a failing roof and outdated electrical systems. Its mid-century facade was preserved.';
    const para = prepareParagraph(p, { text, style: bodyStyle('en', 9.5) });
    const longestRun = (m: number) => {
      let n = 0;
      let max = 0;
      for (const l of setParagraph(para, m * 9.5).slice(0, -1)) max = Math.max(max, (n = l.hyphenated || l.text.endsWith('-') ? n + 1 : 0));
      return max;
    };
    // The US broadsheet's column: four in a row before.
    expect(longestRun(12.85)).toBeLessThanOrEqual(2);
    // Where a ladder cannot be avoided (11.25 em: de-|ar-|Gropius-), it stays the shortest.
    for (let m = 11; m <= 16; m += 0.125) expect(longestRun(m), `${m} em`).toBeLessThanOrEqual(3);
  });
});
