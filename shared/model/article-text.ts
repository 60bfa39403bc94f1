// Derived views of an article: plain text for search and checks, counts for lists.
import type { Article, ArticleContent, ArticleSummary, Block } from './article';

/** The text of one body block as it reads (titles and captions included). */
export function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
    case 'subhead':
      return block.text;
    case 'photo':
      return block.credit ? `${block.caption} ${block.credit}` : block.caption;
    case 'brief':
      return [block.title, ...block.paragraphs.map((p) => p.text)].join('\n');
  }
}

/** Body text, one block per line. */
export function bodyText(content: Pick<ArticleContent, 'body'>): string {
  return content.body.map(blockText).join('\n');
}

/** Everything searchable: headline deck, bylines and body. */
export function searchText(content: ArticleContent): string {
  return [
    content.kicker,
    content.headline.join(''),
    content.subhead,
    content.byline,
    content.credit,
    bodyText(content),
  ]
    .filter((s): s is string => !!s)
    .join('\n');
}

/** Paragraphs of running text: body paragraphs plus the paragraphs of each brief. */
export function paragraphCount(content: Pick<ArticleContent, 'body'>): number {
  let n = 0;
  for (const b of content.body) {
    if (b.type === 'paragraph') n++;
    else if (b.type === 'brief') n += b.paragraphs.length;
  }
  return n;
}

/** Characters of body text without whitespace: the length editors count in. */
export function charCount(content: Pick<ArticleContent, 'body'>): number {
  let n = 0;
  for (const ch of bodyText(content)) if (!/\s/u.test(ch)) n++;
  return n;
}

/** Deterministic JSON (sorted keys) for hashing and golden files. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** The part of the content that identifies an article's text (not its workflow state). */
export function hashableContent(content: ArticleContent): unknown {
  const { status: _status, priority: _priority, section: _section, ...rest } = content;
  return rest;
}

export function summarize(article: Article): ArticleSummary {
  return {
    id: article.id,
    slug: article.slug,
    kind: article.kind,
    language: article.language,
    status: article.status,
    headline: article.headline,
    byline: article.byline,
    credit: article.credit,
    continuedFrom: article.continuedFrom,
    paragraphs: paragraphCount(article),
    chars: charCount(article),
    revision: article.revision,
    updatedAt: article.updatedAt,
  };
}
