// The benchmark edition: an 8-page Chinese broadsheet (8 columns, 9 pt body) of about
// 46,000 Han characters built from the fixture's articles. Each copy of an article is
// rotated so no two paragraphs are the same text (no cache can hit across copies).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importText } from '../shared/import';
import type { Grid, LayoutArticleInput } from '../shared/layout';
import type { ArticleContent, Block } from '../shared/model';

export const FIXTURE = fileURLToPath(new URL('../../shared/fixtures/taiyuan-daily-2024-01.txt', import.meta.url));

/** 对开 broadsheet type area: 8 columns of 11.5 em at 9 pt, 4 mm gutters, 103 lines of 12.6 pt. */
export const BROADSHEET_GRID: Grid = {
  columns: 8,
  columnWidth: 103.5,
  gutter: 11.34,
  bodySize: 9,
  leading: 12.6,
  lines: 103,
  left: 42.5,
  top: 56.7,
};

function countHan(s: string): number {
  let n = 0;
  for (const ch of s) if (/\p{Script=Han}/u.test(ch)) n++;
  return n;
}

function rotate(text: string, k: number): string {
  const chars = [...text];
  if (chars.length < 2) return text;
  const r = k % chars.length;
  return chars.slice(r).join('') + chars.slice(0, r).join('');
}

/** Fixture paragraphs, recombined into `count` stories of about `han` Han characters each. */
export function benchArticles(count: number, han: number, fixtureText = readFileSync(FIXTURE, 'utf8'), variant = 0): ArticleContent[] {
  const source = importText(fixtureText).articles.map((a) => a.content);
  const paragraphs = source.flatMap((a) => a.body.flatMap((b) => (b.type === 'paragraph' ? [b.text] : b.type === 'brief' ? b.paragraphs.map((p) => p.text) : [])));
  const stories = source.filter((a) => a.kind === 'story' && a.headline.length > 0);
  const out: ArticleContent[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    const model = stories[i % stories.length];
    const body: Block[] = [];
    let n = 0;
    while (n < han) {
      const text = rotate(paragraphs[p % paragraphs.length], 7 * (1 + Math.floor(p / paragraphs.length)) + i + 101 * variant);
      p++;
      body.push({ type: 'paragraph', text });
      n += countHan(text);
      if (body.length % 5 === 0) body.push({ type: 'subhead', text: `第${i + 1}篇小标题${body.length}` });
    }
    out.push({ ...model, headline: model.headline.map((h) => `${h}（${i + 1}）`), body, continuedFrom: null });
  }
  return out;
}

/**
 * One input per article: pages of four 4-column frames (two rows of two), 32 frames in all.
 * Each `variant` rotates every paragraph differently: the same amount of text, none of it
 * the same as another variant's.
 */
export function broadsheetEdition(fixtureText?: string, variant = 0): { inputs: LayoutArticleInput[]; han: number } {
  const articles = benchArticles(32, 1440, fixtureText, variant);
  const inputs: LayoutArticleInput[] = articles.map((article, i) => {
    const slot = i % 4;
    return {
      article,
      grid: BROADSHEET_GRID,
      parts: [{ frame: { id: `p${Math.floor(i / 4) + 1}-f${slot + 1}`, col: (slot % 2) * 4, span: 4, top: Math.floor(slot / 2) * 51, height: 51 } }],
    };
  });
  const han = articles.reduce((n, a) => n + a.body.reduce((m, b) => m + (b.type === 'paragraph' ? countHan(b.text) : 0), 0), 0);
  return { inputs, han };
}
