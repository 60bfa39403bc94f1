// The ideograph fast path must give exactly what HarfBuzz gives: compared over the whole
// fixture, per line, with several feature sets, and on the characters that could go wrong
// (variation selectors, marks, joiners, astral and compatibility ideographs).
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNodeFontProvider } from '../../../electron/services/fonts/node-fonts';
import type { ShapeOptions } from '../../../shared/text/font';
import type { HbFontProvider } from '../../../shared/text/hb-provider';

const fixture = readFileSync(new URL('../../../../shared/fixtures/taiyuan-daily-2024-01.txt', import.meta.url), 'utf8');
const lines = fixture.split('\n').filter((l) => l.length > 0);
const hanCount = [...fixture].filter((c) => /\p{sc=Han}/u.test(c)).length;

const CJK = ['NotoSerifSC-Regular', 'NotoSerifSC-Bold', 'NotoSansSC-Regular', 'NotoSansSC-Bold'];
const OPTION_SETS: ShapeOptions[] = [
  { script: 'Hani', language: 'zh-Hans' },
  { script: 'Hani', language: 'zh-Hans', features: { halt: true, chws: true, kern: true } },
  { script: 'Hani', language: 'zh-Hans', features: { palt: true } },
  { script: 'Hani', language: 'zh-Hans', features: { kern: false, liga: false, locl: false } },
  { script: 'Hani', language: 'zh-Hant' },
  { script: 'Latn', language: 'en' },
];

let p: HbFontProvider;
let plain: HbFontProvider;
beforeAll(async () => {
  p = await loadNodeFontProvider();
  plain = await loadNodeFontProvider(undefined, { fastPath: false, segmentCacheSize: 0 });
});

describe('fast path', () => {
  it('is enabled for the bundled CJK fonts with every feature set tried', () => {
    for (const font of CJK) {
      for (const options of OPTION_SETS) expect(p.fastPathStatus(font, options), `${font} ${JSON.stringify(options)}`).toEqual({ enabled: true, reasons: [] });
    }
    expect(plain.fastPathStatus(CJK[0], OPTION_SETS[0]).enabled).toBe(false);
    expect(p.fastPathStatus(CJK[0], { script: 'Zyyy', language: 'zh-Hans' }).enabled).toBe(false);
  });

  it('equals HarfBuzz over the whole fixture, as one string and line by line', () => {
    for (const font of CJK) {
      for (const options of OPTION_SETS) {
        const what = `${font} ${JSON.stringify(options)}`;
        p.resetStats();
        expect(p.shape(font, fixture, options), what).toEqual(p.shapeHarfBuzz(font, fixture, options));
        expect(p.stats().fastGlyphs, what).toBeGreaterThan(0.9 * hanCount);
        for (const line of lines) expect(p.shape(font, line, options), `${what}: ${line}`).toEqual(p.shapeHarfBuzz(font, line, options));
        // Second pass: everything comes from the caches now.
        for (const line of lines) expect(p.shape(font, line, options)).toEqual(plain.shape(font, line, options));
      }
    }
  });

  it('sends almost no ideograph through HarfBuzz once warm', () => {
    const options = OPTION_SETS[0];
    for (const line of lines) p.shape(CJK[0], line, options);
    p.resetStats();
    for (const line of lines) p.shape(CJK[0], line, options);
    const s = p.stats();
    expect(s.fastGlyphs).toBe(hanCount);
    // The rest: punctuation and Latin segments, all from the segment cache.
    expect(s.hbCalls).toBe(0);
    expect(s.segmentHits).toBeGreaterThan(500);
  });

  it('equals HarfBuzz on characters that join or change an ideograph’s cluster', () => {
    const cases = [
      '葛\u{E0100}洪', // ideographic variation sequence
      '中\uFE00国', // standardized variation selector
      '中\u0301国', // combining mark
      '中\u200D国中\u200C国', // joiners
      '中\u3099国中\u302A国', // kana voicing mark, ideographic tone mark
      '中\uFF9E国', // halfwidth voiced mark (grapheme extender)
      '中\u00AD国中\u200B国中\u2060国', // soft hyphen, zero-width space, word joiner
      '\uF900\uF901\uFA0E豈', // compatibility ideographs (F900 maps to U+8C48)
      '𬌗𫖯中𠀀国', // astral ideographs, covered and not
      '中a中1中“中”中，中。中 中\t中\n中', // ordinary neighbours
      '一', '中国', '“中”', 'a中', '中a', // edges
      '\u{2F878}\u{2F884}', // compatibility supplement
      '中\u{E0001}\u{E0020}国', // tags
    ];
    for (const font of [...CJK, 'NotoSerif-Regular']) {
      for (const options of [...OPTION_SETS, { script: 'Zyyy', language: '' } as ShapeOptions]) {
        for (const text of cases) {
          expect(p.shape(font, text, options), `${font} ${JSON.stringify(options)} ${JSON.stringify(text)}`).toEqual(p.shapeHarfBuzz(font, text, options));
        }
      }
    }
  });

  it('equals HarfBuzz on random mixtures of ideographs, punctuation, Latin and marks', () => {
    const pool = [
      ...'中国太原省政府打造旅游𬌗𫖯豈\uF900', ...'，。、“”‘’《》（）——……·！？：；', ...'aAfiV1 2.,-\'"', '\u0301', '\u200D', '\uFE00',
      '\u{E0100}', '\u3099', '\u00AD', '\u{20000}', '\uE000', '\n',
    ];
    const text = fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 24 }).map((a) => a.join(''));
    const options = fc.constantFrom(...OPTION_SETS);
    const font = fc.constantFrom(...CJK);
    fc.assert(
      fc.property(font, text, options, (f, t, o) => {
        expect(p.shape(f, t, o)).toEqual(p.shapeHarfBuzz(f, t, o));
      }),
      { numRuns: 500, seed: 20240126 },
    );
  });

  it('leaks no wasm memory over 100k calls', () => {
    const zh = OPTION_SETS[0];
    const texts = lines.slice(0, 50).map((l) => l.slice(0, 40));
    const run = (n: number) => {
      for (let i = 0; i < n; i++) {
        const text = `${texts[i % texts.length]}${i % 997}`;
        p.shape(CJK[i % 4], text, zh);
        if (i % 4 === 0) p.shapeHarfBuzz(CJK[0], text, zh);
      }
    };
    run(5_000); // warm up: fonts, caches, wasm heap
    const before = process.memoryUsage().external;
    run(100_000);
    const grown = process.memoryUsage().external - before;
    // A hb_buffer_t per call (never freed in time by harfbuzzjs' FinalizationRegistry) costs
    // ~1.5 KB: 100k calls would add ~150 MB. The wasm heap must not grow at all here.
    expect(grown).toBeLessThan(4 * 1024 * 1024);
  });
});
