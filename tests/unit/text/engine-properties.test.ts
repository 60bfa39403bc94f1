// Properties of the line breaker over random Chinese and mixed paragraphs (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cannotEndLine, cannotStartLine } from '../../../shared/text/kinsoku';
import { setParagraph } from '../../../shared/text/lines';
import { prepareParagraph } from '../../../shared/text/prepare';
import { bodyStyle } from '../../../shared/text/style';
import { createFakeProvider, FAKE_FACE } from '../../helpers/fake-font';

const face = FAKE_FACE;
const provider = createFakeProvider();
const SIZE = 9;

const han = fc.constantFrom(...'的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经');
const punct = fc.constantFrom('，', '。', '、', '；', '：', '？', '！', '“', '”', '（', '）', '《', '》', '——', '……', '·');
const latinWord = fc.stringMatching(/^[A-Za-z]{1,9}$/);
const number = fc.stringMatching(/^[0-9]{1,6}(\.[0-9]{1,2})?$/);

const chinese = fc.array(fc.oneof({ weight: 12, arbitrary: han }, { weight: 3, arbitrary: punct }), { minLength: 1, maxLength: 400 }).map((a) => a.join(''));
const mixed = fc
  .array(fc.oneof({ weight: 10, arbitrary: han }, { weight: 3, arbitrary: punct }, { weight: 1, arbitrary: latinWord }, { weight: 1, arbitrary: number }), { minLength: 1, maxLength: 300 })
  .map((a) => a.join(''));

function check(text: string, measureEm: number): void {
  const style = bodyStyle('zh', SIZE, { face, kinsoku: 'basic' });
  const lines = setParagraph(prepareParagraph(provider, { text, style }), measureEm * SIZE);
  // The lines give back the paragraph exactly.
  expect(lines.map((l) => l.text).join('')).toBe(text);
  lines.forEach((l, i) => {
    const chars = [...l.text];
    if (i > 0) expect(cannotStartLine(chars[0], 'basic'), `line ${i} starts with ${chars[0]}: ${l.text}`).toBe(false);
    if (i < lines.length - 1) expect(cannotEndLine(chars[chars.length - 1], 'basic'), `line ${i} ends with ${chars[chars.length - 1]}`).toBe(false);
    if (l.justified) expect(Math.abs(l.width - l.measure)).toBeLessThan(0.01);
    // Every line but the last is justified unless it holds nothing to stretch (one unbreakable unit).
    if (!l.last && !l.justified) expect(l.runs.reduce((n, r) => n + r.ids.length, 0) <= 2 || l.width > l.measure || /^[A-Za-z0-9.]+$/.test(l.text.trim()), l.text).toBe(true);
  });
}

describe('line breaking properties (basic kinsoku)', () => {
  it('Chinese paragraphs at measures of 6–40 em', () => {
    fc.assert(
      fc.property(chinese, fc.integer({ min: 6, max: 40 }), (text, m) => check(text, m)),
      { numRuns: 400, seed: 20261127 },
    );
  });

  it('mixed Chinese, Latin and number paragraphs at measures of 6–40 em', () => {
    fc.assert(
      fc.property(mixed, fc.integer({ min: 6, max: 40 }), (text, m) => check(text, m)),
      { numRuns: 400, seed: 4242 },
    );
  });
});
