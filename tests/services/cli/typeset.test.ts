import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cannotStartLine } from '../../../shared/text/kinsoku';
import { runCli } from './run-cli';

const dir = mkdtempSync(join(tmpdir(), 'pasteup-typeset-'));
const zh = join(dir, 'zh.txt');
writeFileSync(
  zh,
  '省政府支持太原打造成为辐射效应强、爆款产品多、游客体验好、影响范围广的旅游热点门户。到2028年底，太原进入国内著名国际知名旅游城市行列。\n\n“潜力巨大，喜欢山西，看好太原。”去年11月7日中午，国家会展中心（上海）的5.1馆B2-01进博会欧美工商会国际会议区。\n',
);
const en = join(dir, 'en.txt');
writeFileSync(en, 'The printing plant accepts the pages only when every font is embedded and every colour is process black, so the exporter checks each file.\n');

interface Line {
  text: string;
  width: number;
  measure: number;
  last: boolean;
  justified: boolean;
  x: number;
  paragraph: number;
}

describe('pasteup typeset', () => {
  it('sets Chinese paragraphs to the measure in points, by clreq', async () => {
    const r = await runCli(['typeset', zh, '--measure', '12', '--size', '9', '--json']);
    expect(r.code).toBe(0);
    const { lines } = JSON.parse(r.out) as { lines: Line[] };
    expect(new Set(lines.map((l) => l.paragraph))).toEqual(new Set([0, 1]));
    // First line of each paragraph: 2 em indent, 10 em measure; the others 12 em.
    for (const l of lines) expect(l.measure).toBe(l.x > 0 ? 90 : 108);
    for (const l of lines.filter((x) => !x.last)) expect(Math.abs(l.width - l.measure)).toBeLessThan(0.01);
    for (const l of lines.slice(1)) expect(cannotStartLine([...l.text][0], 'basic')).toBe(false);
    expect(lines.filter((l) => l.last)).toHaveLength(2);
    expect(lines.filter((l) => l.paragraph === 0).map((l) => l.text).join('')).toBe('省政府支持太原打造成为辐射效应强、爆款产品多、游客体验好、影响范围广的旅游热点门户。到2028年底，太原进入国内著名国际知名旅游城市行列。');
  });

  it('honours --kinsoku none (a comma may start a line)', async () => {
    const f = join(dir, 'k.txt');
    writeFileSync(f, '一二三四五六，七八九十甲乙丙丁戊己');
    // 8 em measure, 6 em after the indent: the comma does not fit after 六.
    const basic = JSON.parse((await runCli(['typeset', f, '--measure', '8', '--json'])).out) as { lines: Line[] };
    const none = JSON.parse((await runCli(['typeset', f, '--measure', '8', '--kinsoku', 'none', '--json'])).out) as { lines: Line[] };
    expect(basic.lines.map((l) => l.text)[1].startsWith('六，')).toBe(true);
    expect(none.lines.map((l) => l.text)[1].startsWith('，')).toBe(true);
  });

  it('sets English with Knuth–Plass', async () => {
    const r = await runCli(['typeset', en, '--measure', '20', '--lang', 'en', '--json']);
    const { lines } = JSON.parse(r.out) as { lines: Line[] };
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines.filter((x) => !x.last)) expect(Math.abs(l.width - l.measure)).toBeLessThan(0.01);
  });

  it('keeps hyphen ladders short: the shortest run a tolerance gives, never four in a row', async () => {
    const file = join(dir, 'ladder.txt');
    writeFileSync(
      file,
      'The project must still clear a comprehensive environmental review, which is expected to take at least eighteen months. Decades of industrial activity left portions of the waterfront contaminated with heavy metals, petroleum byproducts and polychlorinated biphenyls, and state regulators have said that extensive remediation will be required before any construction can begin.\n',
    );
    const r = await runCli(['typeset', file, '--measure', '14', '--json']);
    const lines = (JSON.parse(r.out) as { lines: (Line & { hyphenated: boolean })[] }).lines;
    let run = 0;
    let longest = 0;
    for (const l of lines) longest = Math.max(longest, (run = l.hyphenated ? run + 1 : 0));
    // tolerance 2 makes eigh-/in-/… four in a row; tolerance 20 three
    expect(longest).toBeLessThanOrEqual(3);
  });

  it('prints readable lines without --json', async () => {
    const r = await runCli(['typeset', zh, '--measure', '12']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('measure 12 em × 9 pt = 108 pt');
    expect(r.out).toContain('省政府支持太原');
  });

  it('rejects a missing --measure and bad options with usage errors on stderr', async () => {
    for (const args of [['typeset', zh], ['typeset', zh, '--measure', '-3'], ['typeset', zh, '--measure', '10', '--kinsoku', 'loose'], ['typeset', '--measure', '10']]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/pasteup typeset:/);
      expect(r.out).toBe('');
    }
  });

  it('names the file when it cannot be read', async () => {
    const r = await runCli(['typeset', join(dir, 'missing.txt'), '--measure', '10']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('missing.txt');
  });

  it('has --help', async () => {
    const r = await runCli(['typeset', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: pasteup typeset FILE --measure EM');
  });
});
