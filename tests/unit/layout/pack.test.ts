// Packing article layouts for the engine worker's reply (shared/layout/pack.ts): what comes
// out on the other side is the layout that went in, every kind of line included.
import { readFileSync } from 'node:fs';
import { serialize } from 'node:v8';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNodeFontProvider } from '../../../electron/services/fonts/node-fonts';
import { importText } from '../../../shared/import';
import { layoutArticle, planEdition, type ArticleLayout, type LaidLine } from '../../../shared/layout';
import { packArticleLayouts, packedBuffers, unpackArticleLayouts } from '../../../shared/layout/pack';
import { emptyContent, SHIPPED_TEMPLATES, type ArticleContent, type Edition } from '../../../shared/model';
import { EDITION, FIXTURE, TEMPLATE } from '../../services/export/demo-edition';

let results: [number, ArticleLayout][];

const ENGLISH: ArticleContent = {
  ...emptyContent('en'),
  kicker: 'City hall',
  headline: ['Council approves the riverside plan'],
  byline: 'By A. Reporter',
  body: [
    { type: 'paragraph', text: 'Notwithstanding extraordinarily comprehensive counterarguments, the municipal administration’s infrastructure commission unanimously recommended reconstruction of the waterfront.' },
    { type: 'photo', caption: 'The riverside as it is today.', credit: 'Staff photo', asset: null },
    { type: 'subhead', text: 'What happens next' },
    { type: 'paragraph', text: 'Construction begins in spring, the 2nd phase a year later; H₂O quality monitoring continues.' },
  ],
};

beforeAll(async () => {
  const provider = await loadNodeFontProvider();
  const drafts = importText(readFileSync(FIXTURE, 'utf8')).articles;
  const zh = planEdition(provider, { edition: EDITION, template: TEMPLATE, articles: new Map(drafts.map((a, i) => [i + 1, a.content])) });
  const us = SHIPPED_TEMPLATES.find((t) => t.id === 'broadsheet-us')!;
  const en: Edition = { ...EDITION, template: us.id, language: 'en', pages: [{ id: 'e1', label: null, section: null, frames: [{ id: 'e1', kind: 'article', article: 1, part: 0, col: 0, span: 2, top: 0, height: 60 }] }] };
  const enPlan = planEdition(provider, { edition: en, template: us, articles: new Map([[1, ENGLISH]]) });
  results = [...zh.jobs, ...enPlan.jobs].map((j, k): [number, ArticleLayout] => [k * 3 + 1, layoutArticle(provider, j.input)]);
}, 60_000);

function allLines(r: readonly [number, ArticleLayout][]): LaidLine[] {
  return r.flatMap(([, a]) => a.frames.flatMap((f) => [...f.deck, ...(f.jumpIn ? [f.jumpIn] : []), ...f.columns.flatMap((c) => c.lines), ...(f.jumpOut ? [f.jumpOut] : [])]));
}

describe('packed article layouts', () => {
  it('the layouts cover every kind of line (so the round trip below means something)', () => {
    const lines = allLines(results);
    const roles = new Set(lines.map((l) => l.role));
    for (const role of ['kicker', 'headline', 'byline', 'body', 'crosshead', 'brief-title', 'caption', 'credit', 'jump-head', 'jump-in', 'jump-out'] as const) expect(roles, role).toContain(role);
    expect(lines.some((l) => l.hyphenated)).toBe(true);
    expect(lines.some((l) => l.justified) && lines.some((l) => !l.justified)).toBe(true);
    expect(lines.some((l) => l.last) && lines.some((l) => l.block < 0)).toBe(true);
    expect(lines.some((l) => l.runs.some((r) => r.dy !== 0))).toBe(true);
    // A Chinese head narrowed to fit (长体): the 4-column 省政府支持太原打造为旅游热点门户城市.
    expect(lines.some((l) => l.hscale !== undefined)).toBe(true);
    expect(results.some(([, a]) => a.frames.some((f) => f.photos.length > 0))).toBe(true);
    expect(results.some(([, a]) => a.frames.some((f) => f.jumpIn === null))).toBe(true);
  });

  it('unpack(transfer(pack(x))) equals x, keys included', () => {
    const packed = packArticleLayouts(results);
    const moved = structuredClone(packed, { transfer: packedBuffers(packed) });
    expect(packed.lines.byteLength).toBe(0); // transferred, not copied
    const back = unpackArticleLayouts(moved);
    expect(back).toEqual(results);
    expect(back.map(([k]) => k)).toEqual(results.map(([k]) => k));
    // Lines are objects of their own, not shared between places.
    expect(new Set(allLines(back)).size).toBe(allLines(results).length);
  });

  it('is far smaller for the structured clone than the layouts themselves', () => {
    const packed = packArticleLayouts(results);
    const skeleton = serialize({ ...packed, lines: null, runs: null, ids: null, xs: null, clusters: null }).byteLength;
    expect(skeleton * 3).toBeLessThan(serialize(results).byteLength);
  });
});
