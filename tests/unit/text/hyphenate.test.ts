import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { HYPHEN_VERSION } from '../../../shared/text/data/hyphen-en-us';
import { enUsPatterns, hyphenate, hyphenationPoints } from '../../../shared/text/hyphenate';

const dash = (w: string, opts?: { leftMin?: number; rightMin?: number }) => hyphenate(w, '-', opts);

describe('Liang hyphenation (en-US)', () => {
  it('has the patterns of the installed hyphen package (else run scripts/gen-hyphen-data.mjs)', () => {
    const require = createRequire(import.meta.url);
    expect(HYPHEN_VERSION).toBe((require('hyphen/package.json') as { version: string }).version);
    expect(enUsPatterns()).toEqual(require('hyphen/patterns/en-us.js'));
  });

  it('hyphenates the classic examples', () => {
    expect(dash('hyphenation')).toBe('hy-phen-ation');
    expect(hyphenationPoints('hyphenation')).toEqual([2, 6]);
    expect(dash('newspaper')).toBe('news-pa-per');
    expect(dash('typesetting')).toBe('type-set-ting');
    expect(dash('algorithm')).toBe('al-go-rithm');
    expect(dash('information')).toBe('in-for-ma-tion');
    expect(dash('encyclopedia')).toBe('en-cy-clo-pe-dia');
  });

  it('uses the exception list of the patterns', () => {
    expect(hyphenationPoints('present')).toEqual([]);
    expect(hyphenationPoints('project')).toEqual([]);
    expect(dash('table', { rightMin: 2 })).toBe('ta-ble');
  });

  it('ignores case and keeps offsets in the original word', () => {
    expect(dash('Newspaper')).toBe('News-pa-per');
    expect(dash('NEWSPAPER')).toBe('NEWS-PA-PER');
  });

  it('respects leftMin and rightMin', () => {
    // Without limits (1/1) the patterns allow news-pa-per; rightMin 3 keeps "per", 4 drops it.
    expect(hyphenationPoints('newspaper', { leftMin: 1, rightMin: 1 })).toContain(6);
    expect(hyphenationPoints('newspaper', { rightMin: 4 })).toEqual([4]);
    expect(hyphenationPoints('newspaper', { leftMin: 5 })).toEqual([6]);
    expect(hyphenationPoints('hyphenation', { leftMin: 3 })).toEqual([6]);
    // Default rightMin is 3: "computer" → com-put-er only with rightMin 2.
    expect(dash('computer')).toBe('com-puter');
    expect(dash('computer', { rightMin: 2 })).toBe('com-put-er');
    for (const w of ['hyphenation', 'newspaper', 'typesetting', 'extraordinary']) {
      for (const p of hyphenationPoints(w)) {
        expect(p).toBeGreaterThanOrEqual(2);
        expect(w.length - p).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('returns nothing for short words and never a point next to a non-letter', () => {
    expect(hyphenationPoints('cat')).toEqual([]);
    expect(hyphenationPoints('')).toEqual([]);
    for (const p of hyphenationPoints("o'clockwork")) expect(p).toBeGreaterThan(2);
  });

  it('caches per word: repeated calls return equal, independent arrays', () => {
    const a = hyphenationPoints('typesetting');
    a.push(99);
    expect(hyphenationPoints('typesetting')).toEqual([4, 7]);
  });
});
