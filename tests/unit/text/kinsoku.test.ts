// clreq kinsoku and the Chinese tailoring of UAX #14 (shared/text/kinsoku.ts).
//
// Deliberate tailorings tested here (T-numbers as in kinsoku.ts):
//  T1 “ ‘ open and ” ’ close (not QU): `说：“你` may break before “.
//  T2 · never starts a line.
//  T3 …… may start a line at 'basic' (clreq: strict only).
//  T4 fullwidth digits and letters are never split.
//  T5 the not-at-line-start / not-at-line-end sets of the level.
//  T6 —— and …… are never split.
//  T7 an apostrophe inside a Latin word (or before one: ’90s) does not end a line.
//  T8 level 'none' lifts all prohibitions between Chinese characters and punctuation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cannotEndLine,
  cannotStartLine,
  cjkBreakOpportunities,
  KINSOKU_LEVELS,
  NOT_AT_LINE_END,
  NOT_AT_LINE_START,
  type KinsokuLevel,
} from '../../../shared/text/kinsoku';
import { markBreaks } from '../../helpers/breaks';

function show(text: string, level: KinsokuLevel = 'basic'): string {
  return mark(text, cjkBreakOpportunities(text, level));
}

const mark = markBreaks;

/** Break positions strictly inside the text. */
function inner(text: string, level: KinsokuLevel): number[] {
  return cjkBreakOpportunities(text, level)
    .map((o) => o.pos)
    .filter((p) => p < text.length);
}

const START_BASIC = '、，。．：；！？‼⁇”’」』）》〉】〗〕］｝～-–·・‧/／';
const END_BASIC = '“‘「『（《〈【〖〔［｛';

describe('prohibition sets', () => {
  it('export the clreq sets with their levels', () => {
    const starts = NOT_AT_LINE_START.filter((s) => s.level === 'basic').map((s) => s.chars).join('');
    expect([...starts].sort()).toEqual([...START_BASIC].sort());
    expect(NOT_AT_LINE_START.filter((s) => s.level === 'strict').map((s) => s.chars).join('')).toBe('—…⋯⸺');
    expect(NOT_AT_LINE_END.filter((s) => s.level === 'basic').map((s) => s.chars).join('')).toBe(END_BASIC);
    // clreq's GB level adds the solidus at line end; strict includes it
    expect(NOT_AT_LINE_END.filter((s) => s.level === 'strict').map((s) => s.chars).join('')).toBe('/／');
  });

  it('levels none/basic/strict: cannotStartLine and cannotEndLine', () => {
    for (const ch of START_BASIC) {
      expect(cannotStartLine(ch, 'none'), ch).toBe(false);
      expect(cannotStartLine(ch, 'basic'), ch).toBe(true);
      expect(cannotStartLine(ch, 'strict'), ch).toBe(true);
    }
    for (const ch of '—…⋯⸺') {
      expect(cannotStartLine(ch, 'basic'), ch).toBe(false);
      expect(cannotStartLine(ch, 'strict'), ch).toBe(true);
    }
    for (const ch of END_BASIC) {
      expect(cannotEndLine(ch, 'none'), ch).toBe(false);
      expect(cannotEndLine(ch, 'basic'), ch).toBe(true);
      expect(cannotEndLine(ch, 'strict'), ch).toBe(true);
    }
    for (const ch of '/／') {
      expect(cannotEndLine(ch, 'basic'), ch).toBe(false);
      expect(cannotEndLine(ch, 'strict'), ch).toBe(true);
      // in Chinese (公里/小时) only: between letters or digits (a URL, 2024/25) a line may end there
      expect(cannotEndLine(ch, 'strict', '里'.codePointAt(0), '小'.codePointAt(0)), ch).toBe(true);
      expect(cannotEndLine(ch, 'strict', 'm'.codePointAt(0), 'n'.codePointAt(0)), ch).toBe(false);
      expect(cannotEndLine(ch, 'strict', '4'.codePointAt(0), '2'.codePointAt(0)), ch).toBe(false);
    }
    expect(cannotStartLine('中', 'strict')).toBe(false);
    expect(cannotEndLine('中', 'strict')).toBe(false);
    expect(cannotEndLine('”', 'strict')).toBe(false);
    expect(cannotStartLine(0x3002, 'basic')).toBe(true); // code points work too
  });
});

describe('cjkBreakOpportunities', () => {
  it('allows a break between any two Han ideographs', () => {
    expect(show('新闻报纸排版')).toBe('新|闻|报|纸|排|版');
    expect(show('𠀀𠀁中')).toBe('𠀀|𠀁|中');
  });

  it('no line starts with 、，。．：；！？‼⁇ or a closing mark ”’」』）》〉】〗〕］｝ (basic)', () => {
    for (const ch of START_BASIC) {
      const text = `中${ch}文`;
      expect(inner(text, 'basic'), text).not.toContain(1);
      expect(inner(text, 'strict'), text).not.toContain(1);
    }
  });

  it('no line ends with “‘「『（《〈【〖〔［｛ (basic)', () => {
    for (const ch of END_BASIC) {
      const text = `中${ch}文`;
      expect(inner(text, 'basic'), text).not.toContain(2);
      expect(inner(text, 'basic'), text).toContain(1); // the mark goes down with the next character
    }
  });

  it('treats “” as Chinese opening/closing quotes: 说：“你 breaks before “ (T1)', () => {
    expect(show('他说：“你好。”我们走吧。')).toBe('他|说：|“你|好。”|我|们|走|吧。');
    expect(show('‘甲’乙')).toBe('‘甲’|乙');
  });

  it('an opening mark followed by an ideographic space may not end a line either (T5): the space hangs, the mark would end it', () => {
    for (const level of ['basic', 'strict'] as const) {
      expect(show('本报（　记者李静）', level), level).not.toMatch(/[（｛‘〈「][　]\|/u);
      for (const open of '（｛‘〈「《') expect(show(`甲${open}　乙`, level), `${open} ${level}`).toBe(`甲|${open}　乙`);
    }
    // a closing mark before the space still may (the space hangs after it)
    expect(show('甲）　乙')).toBe('甲）　|乙');
  });

  it('· may not start a line (T2)', () => {
    expect(show('让·雅克·卢梭')).toBe('让·|雅|克·|卢|梭');
  });

  it('—— is never split', () => {
    for (const level of KINSOKU_LEVELS) {
      const text = '他说——好的';
      expect(inner(text, level), level).not.toContain(3);
      expect(inner('甲⸺⸺乙', level), level).not.toContain(2); // ⸺ is itself a 2-em dash
    }
    expect(show('他说——好的', 'basic')).toBe('他|说|——|好|的');
    expect(show('他说——好的', 'strict')).toBe('他|说——|好|的');
  });

  it('…… is never split', () => {
    for (const level of KINSOKU_LEVELS) {
      expect(inner('等等……好', level), level).not.toContain(3);
      expect(inner('等等⋯⋯好', level), level).not.toContain(3);
    }
    expect(show('等等……好', 'basic')).toBe('等|等|……|好'); // T3
    expect(show('等等……好', 'strict')).toBe('等|等……|好');
  });

  it('Latin words and numbers are never split', () => {
    const text = '使用iPhone拍摄了3.14米，2024年GDP增长5.2%，价格$1,299.00元，２０２４年。';
    expect(show(text)).toBe('使|用|iPhone|拍|摄|了|3.14|米，|2024|年|GDP|增|长|5.2%，|价|格|$1,299.00|元，|２０２４|年。');
    for (const level of KINSOKU_LEVELS) {
      const opps = inner(text, level);
      for (const word of ['iPhone', '3.14', '2024', 'GDP', '5.2%', '$1,299.00', '２０２４']) {
        const at = text.indexOf(word);
        for (let k = at + 1; k < at + word.length; k++) expect(opps, `${word} at ${level}`).not.toContain(k);
      }
    }
    expect(show('it’s Apple’s ’90s', 'basic')).toBe('it’s |Apple’s ’90s'); // T7 (’ never starts a line)
  });

  it('allows breaks between Han and Latin letters or digits', () => {
    expect(show('用Word写第3版')).toBe('用|Word|写|第|3|版');
  });

  it('keeps ASCII punctuation inside Chinese text by UAX #14', () => {
    expect(show('(上接第1版)记者, 李静')).toBe('(上|接|第|1|版)|记|者, |李|静');
  });

  it('levels none/basic/strict', () => {
    const text = '他说：“你好，——再见……”';
    expect(show(text, 'none')).toBe('他|说|：|“|你|好|，|——|再|见|……|”');
    expect(show(text, 'basic')).toBe('他|说：|“你|好，|——|再|见|……”');
    expect(show(text, 'strict')).toBe('他|说：|“你|好，——|再|见……”');
    // Every level keeps the mandatory breaks.
    for (const level of KINSOKU_LEVELS) expect(show('甲\n乙', level)).toBe('甲\n!乙');
  });

  it('property: at basic no break follows a not-at-line-end char or precedes a not-at-line-start char', () => {
    const han = fc.constantFrom(...'中文报纸新闻排版的一是了我不人在他有这个上们来到时大地为子'.split(''));
    const punct = fc.constantFrom(...(START_BASIC + END_BASIC + '—…⋯⸺').split(''));
    const latin = fc.stringMatching(/^[A-Za-z]{1,8}$/);
    const digits = fc.stringMatching(/^[0-9]{1,5}(\.[0-9]{1,2})?$/);
    const space = fc.constant(' ');
    const piece = fc.oneof({ arbitrary: han, weight: 5 }, { arbitrary: punct, weight: 4 }, latin, digits, space);
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        for (const p of inner(text, 'basic')) {
          const before = String.fromCodePoint(text.codePointAt(p - 1) ?? 0);
          const after = String.fromCodePoint(text.codePointAt(p) ?? 0);
          if (cannotEndLine(before, 'basic') || cannotStartLine(after, 'basic')) return false;
          // —— and …… are never split.
          if ((before === '—' && after === '—') || (before === '…' && after === '…')) return false;
        }
        return true;
      }),
      { numRuns: 2000, seed: 14 },
    );
  });

  it('is fast on a long Chinese paragraph', () => {
    const chunk = '记者从市统计局获悉，2024年全市地区生产总值增长5.2%，“十四五”规划——稳步推进……（下转第2版）';
    const text = chunk.repeat(Math.ceil(50_000 / chunk.length));
    cjkBreakOpportunities(text, 'basic'); // warm up
    const t0 = performance.now();
    const rounds = 10;
    let count = 0;
    for (let r = 0; r < rounds; r++) count += cjkBreakOpportunities(text, 'basic').length;
    const s = (performance.now() - t0) / 1000;
    console.log(
      `cjkBreakOpportunities: ${text.length} chars, ${count / rounds} opportunities, ` +
        `${((s / rounds) * 1000).toFixed(1)} ms per paragraph, ${Math.round(count / s).toLocaleString('en')} opportunities/s`,
    );
    expect(s / rounds).toBeLessThan(0.5);
  });
});
