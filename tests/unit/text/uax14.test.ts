import { describe, expect, it } from 'vitest';
import { markBreaks } from '../../helpers/breaks';
import { breakOpportunities, lineBreakClass, type Opportunity, type Tailoring } from '../../../shared/text/uax14';

/** The text with `|` at every allowed break and `!` at every required one (the final one omitted). */
function show(text: string, opps: Opportunity[] = breakOpportunities(text)): string {
  return markBreaks(text, opps);
}

describe('lineBreakClass', () => {
  it('reads the Unicode 15.0 Line_Break property', () => {
    expect(lineBreakClass(0x41)).toBe('AL');
    expect(lineBreakClass(0x20)).toBe('SP');
    expect(lineBreakClass(0x0a)).toBe('LF');
    expect(lineBreakClass(0x4e2d)).toBe('ID'); // 中
    expect(lineBreakClass(0x3002)).toBe('CL'); // 。
    expect(lineBreakClass(0x300c)).toBe('OP'); // 「
    expect(lineBreakClass(0x201c)).toBe('QU'); // “
    expect(lineBreakClass(0x2014)).toBe('B2'); // —
    expect(lineBreakClass(0x2026)).toBe('IN'); // …
    expect(lineBreakClass(0x00b7)).toBe('AI'); // ·
    expect(lineBreakClass(0x0e01)).toBe('SA'); // Thai
    expect(lineBreakClass(0x05d0)).toBe('HL'); // Hebrew
    expect(lineBreakClass(0x1f1e6)).toBe('RI');
    expect(lineBreakClass(0x1f466)).toBe('EB'); // 👦
    expect(lineBreakClass(0x1f3fb)).toBe('EM');
    expect(lineBreakClass(0x20000)).toBe('ID'); // Extension B
    expect(lineBreakClass(0x3fffd)).toBe('ID'); // unassigned, plane 3 default
    expect(lineBreakClass(0xe0001)).toBe('CM');
    expect(lineBreakClass(0x10ffff)).toBe('XX');
  });

  it('derives Hangul LV/LVT syllables', () => {
    expect(lineBreakClass(0xac00)).toBe('H2'); // 가
    expect(lineBreakClass(0xac01)).toBe('H3'); // 각
    expect(lineBreakClass(0xac1c)).toBe('H2'); // 개
    expect(lineBreakClass(0xd7a3)).toBe('H3');
  });
});

describe('breakOpportunities', () => {
  it('breaks after spaces, not inside words', () => {
    expect(show('The quick brown fox.')).toBe('The |quick |brown |fox.');
    expect(breakOpportunities('')).toEqual([]);
    expect(breakOpportunities('a')).toEqual([{ pos: 1, required: true }]);
  });

  it('reports mandatory breaks (LB4, LB5) and the end of text (LB3)', () => {
    expect(show('a\nb\r\nc\u2028d\u000be')).toBe('a\n!b\r\n!c\u2028!d\u000b!e');
    const o = breakOpportunities('ab');
    expect(o[o.length - 1]).toEqual({ pos: 2, required: true });
  });

  it('keeps punctuation with the preceding word (LB13) and opening brackets with the next (LB14)', () => {
    expect(show('Hello, world! (Really?) [yes]')).toBe('Hello, |world! |(Really?) |[yes]');
    expect(show('( a')).toBe('( a');
  });

  it('breaks after hyphens but not before (LB21), keeps HL hyphen HL together (LB21a)', () => {
    expect(show('well-known e-mail')).toBe('well-|known |e-|mail');
    expect(show('\u05d0-\u05d1')).toBe('\u05d0-\u05d1');
  });

  it('keeps numbers together with prefixes and postfixes (LB25 regex form)', () => {
    expect(show('$1,234.56 and 50% or -3.5 and (12)% and 1/2')).toBe('$1,234.56 |and |50% |or |-3.5 |and |(12)% |and |1/2');
    expect(show('$(12)')).toBe('$(12)');
    expect(show('$(a')).toBe('$|(a');
  });

  it('breaks between ideographs but not before closing punctuation', () => {
    expect(show('中文排版。')).toBe('中|文|排|版。');
    expect(show('「中文」')).toBe('「中|文」');
  });

  it('treats X CM* as X (LB9) and a stray CM as AL (LB10)', () => {
    expect(show('e\u0301te')).toBe('e\u0301te');
    expect(show('a \u0301b')).toBe('a |\u0301b');
  });

  it('does not break after ZWJ (LB8a) nor inside emoji modifier sequences (LB30b)', () => {
    expect(show('👩\u200d👩')).toBe('👩\u200d👩');
    expect(show('👦🏻👦')).toBe('👦🏻|👦');
    expect(show('\u{1FAF9}🏻')).toBe('\u{1FAF9}🏻'); // unassigned Extended_Pictographic × EM
  });

  it('pairs regional indicators (LB30a)', () => {
    expect(show('🇨🇳🇺🇸🇫')).toBe('🇨🇳|🇺🇸|🇫');
  });

  it('breaks after ZW even before spaces (LB8) and never at WJ/GL (LB11, LB12)', () => {
    expect(show('a\u200b  b')).toBe('a\u200b  |b');
    expect(show('a\u2060b c\u00a0d')).toBe('a\u2060b |c\u00a0d');
  });

  it('keeps quotes with their neighbours (LB19) and applies LB15 "QU SP* × OP"', () => {
    expect(show('say "hi" now')).toBe('say |"hi" |now');
    expect(show('" (')).toBe('" (');
  });

  it('offers the LB15a/LB15b quotation rules as a tailoring', () => {
    const paired: Tailoring = { pairedQuotes: true };
    // LB15b: no break before a final quote followed by a space.
    expect(show('a ” b', breakOpportunities('a ” b', paired))).toBe('a ” |b');
    expect(show('a ” b')).toBe('a |” |b');
    // LB15a: no break after an initial quote at the start of text, even after spaces.
    expect(show('“ a', breakOpportunities('“ a', paired))).toBe('“ a');
    expect(show('“ a')).toBe('“ |a');
  });

  it('applies class overrides from a tailoring', () => {
    const t: Tailoring = { classes: new Map([[0x201c, 'OP'], [0x201d, 'CL']]) };
    expect(show('说“你好”他', breakOpportunities('说“你好”他', t))).toBe('说|“你|好”|他');
    expect(show('说“你好”他')).toBe('说“你|好”他');
  });

  it('resolves SA by general category (LB1): Thai marks stay with their base', () => {
    // No dictionary: SA letters are AL, so a Thai run is one unbreakable word.
    expect(show('ภาษาไทย ok')).toBe('ภาษาไทย |ok');
  });

  it('handles unpaired surrogates', () => {
    expect(() => breakOpportunities('a\ud800b\udc00c')).not.toThrow();
  });

  it('is linear: a 200k-character paragraph takes well under a second', () => {
    const chunk = '中文排版，“引号”与English words、数字3.14和——破折号……';
    const text = chunk.repeat(Math.ceil(200_000 / chunk.length));
    const t0 = performance.now();
    const n = breakOpportunities(text).length;
    const ms = performance.now() - t0;
    expect(n).toBeGreaterThan(text.length / 3);
    expect(ms).toBeLessThan(1000);
  });
});
