// A user's template is checked as a whole before it is stored (templateProblems): values the
// schema takes one by one but that together make no page — columns that do not fit, a gutter
// wider than a column, margins wider than the page, no bleed — are refused, each named.
import { describe, expect, it } from 'vitest';
import { MIN_COLUMN_EMS, pageGeometry, templateProblems } from '../../../shared/layout/grid';
import type { Template } from '../../../shared/model/edition';
import { SHIPPED_TEMPLATES } from '../../../shared/model/templates';

const tabloid = SHIPPED_TEMPLATES.find((t) => t.id === 'tabloid-zh')!;
const en = (t: Template) => templateProblems(t).map((p) => p.en);

describe('templateProblems', () => {
  it('finds nothing wrong with the shipped templates', () => {
    for (const t of SHIPPED_TEMPLATES) expect(templateProblems(t)).toEqual([]);
  });

  it('refuses columns that do not fit the type area, naming the width each would get', () => {
    // 40 columns of the tabloid's 226 mm: 1.7 mm each, the body set a character a line.
    const problems = en({ ...tabloid, columns: 40 });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^40 columns with 4 mm gutters do not fit the type area \(226 mm wide\): each column would be 1\.7 mm/);
    // Gutters of 60 mm leave columns of negative width.
    expect(en({ ...tabloid, gutter: 60 })[0]).toMatch(/each column would be -2\.8 mm/);
    // A body too large for the measure is the same fault, said with its size.
    expect(en({ ...tabloid, bodySize: 40, leading: 44 })[0]).toMatch(new RegExp(`narrower than ${MIN_COLUMN_EMS} ems of the 40 pt body`));
  });

  it('accepts a column of exactly the narrowest measure and refuses one a hair narrower', () => {
    const g = pageGeometry(tabloid, 0).grid;
    const exact = { ...tabloid, bodySize: g.columnWidth / MIN_COLUMN_EMS, leading: 30 };
    expect(templateProblems(exact)).toEqual([]);
    expect(en({ ...exact, bodySize: exact.bodySize * 1.001 })).toHaveLength(1);
  });

  it('refuses a gutter wider than a column, and one too narrow to part two columns', () => {
    // Two columns of 63 mm with a 100 mm gutter between them: they fit, but read as two pages.
    expect(en({ ...tabloid, columns: 2, gutter: 100 })).toEqual(['the gutter (100 mm) is wider than a column (63 mm)']);
    expect(en({ ...tabloid, gutter: 0 })).toEqual(['the gutter (0 mm) is narrower than half an em of the body (1.9 mm): the lines of neighbouring columns would read as one']);
  });

  it('refuses margins that leave no type area, and a type area that holds no line', () => {
    expect(en({ ...tabloid, margins: { ...tabloid.margins, top: 200, bottom: 200 } })).toEqual([
      'the top and bottom margins (200 + 200 mm) are as tall as the page (350 mm): no type area is left',
    ]);
    expect(en({ ...tabloid, margins: { ...tabloid.margins, inside: 130, outside: 130 } })).toEqual([
      'the inside and outside margins (130 + 130 mm) are as wide as the page (250 mm): no type area is left',
    ]);
    expect(en({ ...tabloid, margins: { ...tabloid.margins, top: 200, bottom: 145 } })).toEqual(['the type area (5 mm tall) holds no line of 15 pt']);
  });

  it('refuses a bleed of 0, leading tighter than the body, a top margin without room for the folio', () => {
    expect(en({ ...tabloid, bleed: 0 })).toEqual(['the bleed is 0: the plant needs a bleed beyond the trim (3 mm is usual)']);
    expect(en({ ...tabloid, leading: 8 })).toEqual(['the leading (8 pt) is less than the body size (10.5 pt): lines would print over each other']);
    expect(en({ ...tabloid, margins: { ...tabloid.margins, top: 3 } })).toEqual(['the top margin (3 mm) cannot hold the 9 pt folio (it needs 6.4 mm)']);
  });

  it('refuses a folio or jump line format without the page', () => {
    expect(en({ ...tabloid, folio: { ...tabloid.folio, pageFormat: '版' }, jumps: { out: '（下转）', in: '（上接第{page}版）', head: true } })).toEqual([
      'folio.pageFormat "版" has no {page}: it would print without the page',
      'jumps.out "（下转）" has no {page}: it would print without the page',
    ]);
  });

  it('words every problem in Chinese too', () => {
    const all = templateProblems({ ...tabloid, bleed: 0, gutter: 60, leading: 8, margins: { ...tabloid.margins, top: 3 }, jumps: { ...tabloid.jumps, in: '（上接）' } });
    expect(all).toHaveLength(5);
    for (const p of all) expect(p.zh).toMatch(/\p{Script=Han}/u);
  });
});
