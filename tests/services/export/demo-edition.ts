// The test edition: two pages of the broadsheet-zh template built from the fixture, with an
// article jumping from page 1 to page 2, a photo frame and an ad frame, so the exporter
// meets every kind of thing the layout holds.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadNodeFontProvider } from '../../../electron/services/fonts/node-fonts';
import { importText } from '../../../shared/import';
import { layoutEdition, type EditionLayout } from '../../../shared/layout';
import { SHIPPED_TEMPLATES, type Edition, type Template } from '../../../shared/model';

export const FIXTURE = fileURLToPath(new URL('../../../../shared/fixtures/taiyuan-daily-2024-01.txt', import.meta.url));

export const TEMPLATE: Template = SHIPPED_TEMPLATES.find((t) => t.id === 'broadsheet-zh')!;

export const EDITION: Edition = {
  id: 1,
  publication: '太原日报',
  date: '2024-01-15',
  name: '早版',
  template: 'broadsheet-zh',
  language: 'zh',
  nextId: 100,
  pages: [
    {
      id: 'p1',
      label: null,
      section: '要闻',
      frames: [
        { id: 'f1', kind: 'article', article: 3, part: 0, col: 0, span: 4, top: 0, height: 50 },
        { id: 'f2', kind: 'article', article: 2, part: 0, col: 4, span: 4, top: 0, height: 60 },
        { id: 'f3', kind: 'photo', caption: '图为游客在晋祠博物馆参观。', credit: '记者 王磊 摄', asset: null, col: 4, span: 4, top: 60, height: 25 },
        { id: 'f4', kind: 'article', article: 4, part: 0, col: 0, span: 4, top: 50, height: 30 },
        { id: 'f5', kind: 'ad', label: '广告　太原银行', col: 0, span: 4, top: 80, height: 23 },
        { id: 'f6', kind: 'article', article: 1, part: 0, col: 4, span: 4, top: 85, height: 18 },
      ],
    },
    {
      id: 'p2',
      label: null,
      section: '综合',
      frames: [
        { id: 'f7', kind: 'article', article: 3, part: 1, col: 0, span: 5, top: 0, height: 60 },
        { id: 'f8', kind: 'article', article: 8, part: 0, col: 5, span: 3, top: 0, height: 103 },
        { id: 'f9', kind: 'article', article: 5, part: 0, col: 0, span: 5, top: 60, height: 43 },
      ],
    },
  ],
};

export const META = { publication: '太原日报', edition: '早版', date: '2024-01-15', language: 'zh' as const };

/** A fixed creation date: exports are byte-for-byte reproducible. */
export const FIXED_DATE = new Date('2024-01-14T20:30:00Z');

export async function demoLayout(): Promise<EditionLayout> {
  const provider = await loadNodeFontProvider();
  const drafts = importText(readFileSync(FIXTURE, 'utf8')).articles;
  const articles = new Map(drafts.map((a, i) => [i + 1, a.content]));
  return layoutEdition(provider, { edition: EDITION, template: TEMPLATE, articles });
}
