// The folio line over every page: page label and section on the outside edge, the
// publication and the date on the inside (shared/layout/edition.ts).
import { describe, expect, it } from 'vitest';
import { preflight, preflightLayout } from '../../../shared/edition/preflight';
import { layoutEdition } from '../../../shared/layout/edition';
import type { Edition } from '../../../shared/model/edition';
import { SHIPPED_TEMPLATES } from '../../../shared/model/templates';
import { createFakeProvider } from '../../helpers/fake-font';
import { blank, EN, ZH } from '../edition/fixtures';

const TABLOID = SHIPPED_TEMPLATES.find((t) => t.id === 'tabloid-zh')!;

const provider = createFakeProvider();
const folioText = (doc: Edition, template = ZH, p = provider) => layoutEdition(p, { edition: doc, template, articles: new Map() }).pages.map((page) => page.folio.map((l) => l.text).join(' | '));

describe('folio', () => {
  it('prints the edition’s publication, not the template’s', () => {
    const doc: Edition = { ...blank(2, EN), publication: 'The Evening Post' };
    const [right, left] = folioText(doc, EN);
    // The paper's name and the date apart by a spaced bullet: two word spaces read as one.
    expect(right).toBe('The Evening Post \u2022 Monday, January 15, 2024 | Page 1');
    expect(left).toBe('Page 2 | The Evening Post \u2022 Monday, January 15, 2024');
    expect(folioText({ ...blank(1), publication: '太原晚报' })[0]).toContain('太原晚报　2024年1月15日');
    // No publication name: the date alone, without a separator before it.
    expect(folioText({ ...blank(1), publication: '' })[0]).toBe('2024年1月15日　星期一 | 第1版');
  });

  it('a section too long for the folio line is a folio-too-long error naming the page, not two texts printed over each other', () => {
    // Tabloid: a 640 pt type area, 71 em of the 9 pt folio. The date side takes about 17 em.
    const doc = (section: string): Edition => ({ ...blank(2, TABLOID), pages: blank(2, TABLOID).pages.map((p, i) => ({ ...p, label: `A${i + 1}`, section: i === 0 ? section : '要闻' })) });
    const check = (d: Edition) => {
      const layout = layoutEdition(provider, { edition: d, template: TABLOID, articles: new Map() });
      return preflight(d, { template: TABLOID, layout: preflightLayout(layout) }).filter((i) => i.code === 'folio-too-long');
    };
    expect(check(doc('栏'.repeat(40)))).toEqual([]);
    for (const long of ['栏'.repeat(55), '栏'.repeat(80)]) {
      // 55: beside the date it would overprint it; 80: wider than the line by itself.
      const issues = check(doc(long));
      expect(issues.map((i) => [i.severity, i.page, i.pageLabel, i.frame])).toEqual([['error', 1, 'A1', null]]);
      expect(issues[0].message.en).toBe(`The folio of page A1 does not fit on its line: the page label and section “${long}” would print over the publication and date (shorten the section name)`);
      expect(issues[0].message.zh).toBe(`第A1版的版头一行排不下：版次和栏目“${long}”会与报名、日期互相压印（缩短栏目名）`);
    }
    // What QA found: both halves on one baseline, the section's start printed over the date.
    const layout = layoutEdition(provider, { edition: doc('栏'.repeat(55)), template: TABLOID, articles: new Map() });
    const [date, label] = layout.pages[0].folio;
    expect(label.x).toBeLessThan(date.x + date.width);
  });

  it('checks the publication it prints for characters no font has', () => {
    const missing = createFakeProvider({ missing: '𠀀' });
    const doc: Edition = { ...blank(2), publication: '𠀀报' };
    const layout = layoutEdition(missing, { edition: doc, template: ZH, articles: new Map() });
    const issues = preflight(doc, { template: ZH, layout: preflightLayout(layout) }).filter((i) => i.code === 'missing-glyph');
    // Printed on every page, reported once: for the edition (page null).
    expect(issues.map((i) => [i.page, i.frame])).toEqual([[null, null]]);
    expect(issues[0].message.en).toContain('The publication name “𠀀报”');
    // The template's name is not what is printed: its characters are not reported.
    const template = { ...ZH, folio: { ...ZH.folio, publication: '𠀀' } };
    const clean = layoutEdition(missing, { edition: blank(1), template, articles: new Map() });
    expect(preflight(blank(1), { template, layout: preflightLayout(clean) }).filter((i) => i.code === 'missing-glyph')).toEqual([]);
  });
});
