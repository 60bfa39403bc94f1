// UAX #14 conformance: every case of Unicode's LineBreakTest.txt (Debian package
// unicode-data) through the default, untailored breakOpportunities.
// `÷` = break allowed, `×` = no break. The file uses the number tailoring of UAX #14 §8.2
// Example 7 (LB25 regex form), which is what uax14.ts implements by default.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { breakOpportunities, lineBreakClass, UNICODE_VERSION } from '../../../shared/text/uax14';

const FILE = '/usr/share/unicode/auxiliary/LineBreakTest.txt';

interface Case {
  line: number;
  text: string;
  breaks: number[];
  source: string;
}

function parse(content: string): Case[] {
  const cases: Case[] = [];
  content.split('\n').forEach((raw, idx) => {
    const body = raw.replace(/#.*/, '').trim();
    if (!body) return;
    let text = '';
    const breaks: number[] = [];
    for (const tok of body.split(/\s+/)) {
      if (tok === '÷') {
        if (text.length > 0) breaks.push(text.length);
      } else if (tok !== '×') {
        text += String.fromCodePoint(parseInt(tok, 16));
      }
    }
    cases.push({ line: idx + 1, text, breaks, source: raw });
  });
  return cases;
}

describe('UAX #14 conformance (LineBreakTest.txt)', () => {
  it('passes at least 99 % of the cases with the default rules', () => {
    if (!existsSync(FILE)) {
      throw new Error(`${FILE} is missing: install the Debian package unicode-data (apt-get install unicode-data) to run the UAX #14 conformance test`);
    }
    const content = readFileSync(FILE, 'utf8');
    const version = /LineBreakTest-(\d+\.\d+\.\d+)/.exec(content)?.[1];
    const cases = parse(content);
    expect(cases.length).toBeGreaterThan(7000);

    const failures: string[] = [];
    for (const c of cases) {
      const got = breakOpportunities(c.text).map((o) => o.pos);
      if (got.join(',') !== c.breaks.join(',')) {
        failures.push(`line ${c.line}: got [${got.join(',')}] want [${c.breaks.join(',')}]  ${c.source.slice(0, 160)}`);
      }
    }
    const passed = cases.length - failures.length;
    const rate = (100 * passed) / cases.length;
    console.log(
      `UAX #14 conformance: ${passed}/${cases.length} cases pass (${rate.toFixed(2)} %), ` +
        `LineBreakTest ${version ?? '?'}, data ${UNICODE_VERSION}`,
    );
    if (failures.length) console.log(failures.slice(0, 20).join('\n'));
    expect(version, 'LineBreakTest.txt and the generated data should be the same Unicode version').toBe(UNICODE_VERSION);
    expect(rate).toBeGreaterThanOrEqual(99);
  });

  it('with the 15.1 quotation rules (pairedQuotes) differs only on cases with quotation marks', () => {
    if (!existsSync(FILE)) throw new Error(`${FILE} is missing: install the Debian package unicode-data`);
    const cases = parse(readFileSync(FILE, 'utf8'));
    const differing = cases.filter(
      (c) => breakOpportunities(c.text, { pairedQuotes: true }).map((o) => o.pos).join(',') !== c.breaks.join(','),
    );
    console.log(`UAX #14 with LB15a/LB15b: ${differing.length} of ${cases.length} cases differ from the 15.0 data`);
    for (const c of differing) expect(lineBreakClasses(c.text), c.source).toContain('QU');
    expect(differing.length).toBeLessThan(20);
  });
});

function lineBreakClasses(text: string): string[] {
  return [...text].map((ch) => lineBreakClass(ch.codePointAt(0) ?? 0));
}
