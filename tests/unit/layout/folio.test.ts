// The folio line over every page: page label and section on the outside edge, the
// publication and the date on the inside (shared/layout/edition.ts).
import { describe, expect, it } from 'vitest';
import { preflight, preflightLayout } from '../../../shared/edition/preflight';
import { layoutEdition } from '../../../shared/layout/edition';
import type { Edition } from '../../../shared/model/edition';
import { createFakeProvider } from '../../helpers/fake-font';
import { blank, EN, ZH } from '../edition/fixtures';

const provider = createFakeProvider();
const folioText = (doc: Edition, template = ZH, p = provider) => layoutEdition(p, { edition: doc, template, articles: new Map() }).pages.map((page) => page.folio.map((l) => l.text).join(' | '));

describe('folio', () => {
  it('prints the edition’s publication, not the template’s', () => {
    const doc: Edition = { ...blank(2, EN), publication: 'The Evening Post' };
    const [right, left] = folioText(doc, EN);
    expect(right).toBe('The Evening Post  Monday, January 15, 2024 | Page 1');
    expect(left).toBe('Page 2 | The Evening Post  Monday, January 15, 2024');
    expect(folioText({ ...blank(1), publication: '太原晚报' })[0]).toContain('太原晚报　2024年1月15日');
    // No publication name: the date alone, without a separator before it.
    expect(folioText({ ...blank(1), publication: '' })[0]).toBe('2024年1月15日　星期一 | 第1版');
  });

  it('checks the publication it prints for characters no font has', () => {
    const missing = createFakeProvider({ missing: '𠀀' });
    const doc: Edition = { ...blank(2), publication: '𠀀报' };
    const layout = layoutEdition(missing, { edition: doc, template: ZH, articles: new Map() });
    const issues = preflight(doc, { template: ZH, layout: preflightLayout(layout) }).filter((i) => i.code === 'missing-glyph');
    expect(issues.map((i) => [i.page, i.frame])).toEqual([[1, null], [2, null]]);
    // The template's name is not what is printed: its characters are not reported.
    const template = { ...ZH, folio: { ...ZH.folio, publication: '𠀀' } };
    const clean = layoutEdition(missing, { edition: blank(1), template, articles: new Map() });
    expect(preflight(blank(1), { template, layout: preflightLayout(clean) }).filter((i) => i.code === 'missing-glyph')).toEqual([]);
  });
});
