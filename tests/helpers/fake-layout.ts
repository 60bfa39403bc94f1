// The article-flow tests' page: the fake font (Han 1 em) on a grid of 10 pt body, 14 pt
// leading and four 100 pt (10 em) columns — a paragraph of n Han takes 1 + ⌈(n − 8) / 10⌉
// lines under the 2 em indent.
import { defaultArticleStyles, type Grid } from '../../shared/layout';
import { emptyContent, type ArticleContent } from '../../shared/model';
import { createFakeProvider, FAKE_FACE } from './fake-font';

export const provider = createFakeProvider();

export const grid: Grid = { columns: 4, columnWidth: 100, gutter: 10, bodySize: 10, leading: 14, lines: 40, left: 20, top: 30 };

/** The article styles for a frame `span` columns wide, every one in the fake face. */
export function styles(span: number, language: 'zh' | 'en' = 'zh', bodySize = 10) {
  const s = defaultArticleStyles(language, bodySize, span);
  for (const k of Object.keys(s) as (keyof typeof s)[]) s[k] = { ...s[k], face: FAKE_FACE };
  return s;
}

/** A paragraph of n characters. */
export const para = (n: number, ch = '文') => ch.repeat(n);

/** A Chinese story with no headline: these paragraphs. */
export const story = (paragraphs: string[]): ArticleContent => ({ ...emptyContent('zh'), headline: [], body: paragraphs.map((text) => ({ type: 'paragraph' as const, text })) });

/** The two parts of an article that starts on page 1 and jumps to page 4, with their jump lines. */
export function jumpFromPage1To4(start: { span: number; height: number }, next: { span: number; height: number }, language: 'zh' | 'en' = 'zh') {
  return [
    { frame: { id: 'p1', col: 0, top: 0, ...start }, jumpOut: language === 'zh' ? '（下转第4版）' : 'Continued on page 4' },
    { frame: { id: 'p4', col: 0, top: 0, ...next }, jumpIn: language === 'zh' ? '（上接第1版）' : 'Continued from page 1' },
  ];
}
