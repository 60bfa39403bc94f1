// The export bench's job: the 8-page broadsheet of bench/broadsheet.ts as an edition (32
// article frames), laid out with layoutEdition and exported as print-ready PDF. Shared by the
// bench (bench/export.ts) and its bundled warm and cold processes.
import { broadsheetEdition } from './broadsheet';
import { SHIPPED_TEMPLATES, type ArticleContent, type Edition } from '../shared/model';

export const TEMPLATE = SHIPPED_TEMPLATES.find((t) => t.id === 'broadsheet-zh')!;
export const META = { publication: '太原日报', edition: '早版', date: '2024-01-15', language: 'zh' as const };
export const FIXED = new Date('2024-01-14T20:30:00Z');

/** The bench edition as an Edition: 8 pages of four 4-column frames of 51 lines. */
export function exportBenchEdition(variant = 0): { edition: Edition; articles: Map<number, ArticleContent>; han: number } {
  const { inputs, han } = broadsheetEdition(undefined, variant);
  const articles = new Map<number, ArticleContent>();
  const pages: Edition['pages'] = [];
  inputs.forEach((input, i) => {
    const page = Math.floor(i / 4);
    pages[page] ??= { id: `p${page + 1}`, label: null, section: '要闻', frames: [] };
    const f = input.parts[0].frame;
    articles.set(i + 1, input.article);
    pages[page].frames.push({ id: f.id, kind: 'article', article: i + 1, part: 0, col: f.col, span: f.span, top: f.top, height: f.height });
  });
  return { edition: { id: 1, publication: META.publication, date: META.date, name: META.edition, template: TEMPLATE.id, language: 'zh', pages, nextId: 1000 }, articles, han };
}

