// The token side of search: gram documents (schema 4) against a plain reference, and the
// FTS expressions built from query terms.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  gramDocument,
  gramExpression,
  gramsOf,
  HEADLINE_MARK,
  searchFields,
  trigramExpression,
} from '../../../electron/services/library/search-text';
import { fixtureArticles } from './helpers';

/** Reference: every gram of either column (schema 2's gramsOf), then the headline's behind the mark. */
function reference(headline: string, body: string): { plain: Set<string>; marked: Set<string> } {
  const grams = (s: string) => gramsOf(s).split(' ').filter(Boolean);
  return {
    plain: new Set([...grams(headline), ...grams(body)]),
    marked: new Set(grams(headline).map((g) => HEADLINE_MARK + g)),
  };
}

function split(doc: string): { plain: string[]; marked: string[] } {
  const tokens = doc.split(' ').filter(Boolean);
  return { plain: tokens.filter((t) => !t.startsWith(HEADLINE_MARK)), marked: tokens.filter((t) => t.startsWith(HEADLINE_MARK)) };
}

describe('gramDocument', () => {
  it('holds each gram of the text once, and each headline gram once more behind the mark', () => {
    expect(gramDocument({ headline: '太原市', body: 'pm10 太原' })).toBe('太原 原市 市 pm m1 10 0 原 §太原 §原市 §市');
    expect(gramDocument({ headline: '', body: '' })).toBe('');
    expect(gramDocument({ headline: '“清单”', body: '，。' })).toBe('清单 单 §清单 §单');
  });

  it('equals the reference for the fixture articles (no gram written twice)', () => {
    for (const a of fixtureArticles(40, 5)) {
      const f = searchFields(a);
      const got = split(gramDocument(f));
      const want = reference(f.headline, f.body);
      expect(new Set(got.plain)).toEqual(want.plain);
      expect(new Set(got.marked)).toEqual(want.marked);
      expect(got.plain.length).toBe(want.plain.size);
      expect(got.marked.length).toBe(want.marked.size);
    }
  });

  it('equals the reference as a set for any text (surrogates, lone halves, long documents)', () => {
    const text = fc
      .array(fc.oneof(fc.constantFrom('太', '原', '市', 'a', 'B', '1', ' ', '，', '𠀀', '𠀁', '\ud800', '\udc00', 'é', '§'), fc.string({ unit: 'binary', maxLength: 4 })), {
        maxLength: 60,
      })
      .map((xs) => xs.join(''));
    fc.assert(
      fc.property(text, text, (headline, body) => {
        const got = split(gramDocument({ headline, body }));
        const want = reference(headline, body);
        expect(new Set(got.plain)).toEqual(want.plain);
        expect(new Set(got.marked)).toEqual(want.marked);
      }),
      { numRuns: 500 },
    );
    // More distinct grams than the first table holds.
    const many = Array.from({ length: 3000 }, (_, i) => String.fromCharCode(0x4e00 + i)).join('');
    const got = split(gramDocument({ headline: '', body: many }));
    expect(new Set(got.plain)).toEqual(reference('', many).plain);
    expect(got.plain.length).toBe(reference('', many).plain.size);
  });

  it('writes the grams of a long article with over 65,536 distinct pairs, at the speed of a short one', () => {
    // 200,000 characters drawn from 2,000 Han characters: ~190,000 distinct pairs, as a long
    // Chinese text has. The set's slots once came from 16 bits of the hash, so past ~32,000
    // keys every lookup probed a long run: 67 s for this text, where it now takes ~0.1 s
    // (the 20 s limit below is a guard against that, not a speed goal).
    let seed = 12345;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const body = Array.from({ length: 200_000 }, () => String.fromCharCode(0x4e00 + (next() >>> 8) % 2000)).join('');
    const got = split(gramDocument({ headline: '', body }));
    const want = reference('', body).plain;
    expect(want.size).toBeGreaterThan(150_000);
    expect(got.plain.length).toBe(want.size);
    expect(new Set(got.plain)).toEqual(want);
  }, 20_000);
});

describe('FTS expressions', () => {
  it('cut a 3+ character term into all its trigrams (each one token, quotes doubled)', () => {
    expect(trigramExpression('太原市')).toBe('"太原市"');
    expect(trigramExpression('招商引资')).toBe('("招商引" AND "商引资")');
    expect(trigramExpression('a"bc')).toBe('("a""b" AND """bc")');
    expect(trigramExpression('𠀀𠀁𠀂')).toBe('"𠀀𠀁𠀂"');
    expect(() => trigramExpression('太原')).toThrow(RangeError);
  });

  it('cut a term into grams, marked ones for the headline', () => {
    expect(gramExpression('太原')).toBe('"太原"');
    expect(gramExpression('晋')).toBe('"晋"*');
    expect(gramExpression('晋', true)).toBe(`"${HEADLINE_MARK}晋"*`);
    expect(gramExpression('招商引资', true)).toBe(`("${HEADLINE_MARK}招商" AND "${HEADLINE_MARK}商引" AND "${HEADLINE_MARK}引资")`);
    expect(gramExpression('“')).toBeNull();
  });
});
