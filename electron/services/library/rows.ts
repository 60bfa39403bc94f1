// Rows ⇄ model. Repositories hand out shared/model types only; this is where rows become them.
import * as crypto from 'node:crypto';
import {
  ArticleContentSchema,
  ArticleSchema,
  paragraphCount,
  type Article,
  type ArticleContent,
  type ArticleKind,
  type ArticleStatus,
  type ArticleSummary,
  type Block,
  type Language,
  type Mark,
} from '../../../shared/model';
import { InvalidArticleError } from './errors';
import { searchFields } from './search-text';

export interface ArticleRow {
  id: number;
  slug: string;
  kind: string;
  language: string;
  status: string;
  section: string | null;
  priority: number;
  headline: string;
  kicker: string | null;
  subhead: string | null;
  byline: string | null;
  credit: string | null;
  lead: string | null;
  editor_credit: string | null;
  continued_from: number | null;
  char_count: number;
  paragraph_count: number;
  revision: number;
  content_hash: string;
  import_id: number | null;
  source_file: string | null;
  source_line: number | null;
  created_at: string;
  updated_at: string;
  body: string;
}

/** Columns of an Article (not the search text stored after the body). */
export const ARTICLE_COLUMNS =
  'id, slug, kind, language, status, section, priority, headline, kicker, subhead, byline, credit, lead, ' +
  'editor_credit, continued_from, char_count, paragraph_count, revision, content_hash, import_id, source_file, ' +
  'source_line, created_at, updated_at, body';

/** Columns of a summary, all stored before the (large) body column. */
export const SUMMARY_COLUMNS =
  'a.id, a.slug, a.kind, a.language, a.status, a.headline, a.byline, a.credit, a.continued_from, ' +
  'a.paragraph_count, a.char_count, a.revision, a.updated_at';

export type SummaryRow = Pick<
  ArticleRow,
  | 'id'
  | 'slug'
  | 'kind'
  | 'language'
  | 'status'
  | 'headline'
  | 'byline'
  | 'credit'
  | 'continued_from'
  | 'paragraph_count'
  | 'char_count'
  | 'revision'
  | 'updated_at'
>;

export function rowToSummary(r: SummaryRow): ArticleSummary {
  return {
    id: r.id,
    slug: r.slug,
    kind: r.kind as ArticleKind,
    language: r.language as Language,
    status: r.status as ArticleStatus,
    headline: JSON.parse(r.headline) as string[],
    byline: r.byline,
    credit: r.credit,
    continuedFrom: r.continued_from,
    paragraphs: r.paragraph_count,
    chars: r.char_count,
    revision: r.revision,
    updatedAt: r.updated_at,
  };
}

/** The row as an Article, unvalidated (check() validates; get() uses articleFromRow). */
export function rowToArticleUnchecked(r: ArticleRow): Article {
  return {
    id: r.id,
    slug: r.slug,
    kind: r.kind as ArticleKind,
    language: r.language as Language,
    kicker: r.kicker,
    headline: JSON.parse(r.headline) as string[],
    subhead: r.subhead,
    byline: r.byline,
    credit: r.credit,
    lead: r.lead,
    editorCredit: r.editor_credit,
    continuedFrom: r.continued_from,
    body: JSON.parse(r.body) as Article['body'],
    section: r.section,
    priority: r.priority,
    status: r.status as ArticleStatus,
    revision: r.revision,
    contentHash: r.content_hash,
    source: r.source_file !== null && r.source_line !== null ? { file: r.source_file, line: r.source_line } : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The row as a validated Article: a row that does not satisfy the model is an error, not data. */
export function articleFromRow(r: ArticleRow): Article {
  const result = ArticleSchema.safeParse(rowToArticleUnchecked(r));
  if (!result.success) {
    throw new InvalidArticleError(
      `Article ${r.id} in the library does not satisfy the model: ${formatIssues(result.error.issues).join('; ')}`,
      formatIssues(result.error.issues),
    );
  }
  return result.data;
}

/** Just the editable content of an article (drops identity and bookkeeping). */
export function contentOf(a: ArticleContent): ArticleContent {
  return {
    kind: a.kind,
    language: a.language,
    kicker: a.kicker,
    headline: a.headline,
    subhead: a.subhead,
    byline: a.byline,
    credit: a.credit,
    lead: a.lead,
    editorCredit: a.editorCredit,
    continuedFrom: a.continuedFrom,
    body: a.body,
    section: a.section,
    priority: a.priority,
    status: a.status,
  };
}

export function formatIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string[] {
  return issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : '(content)'}: ${i.message}`);
}

/** Validates content against the model; the parsed copy has no stray keys. */
export function parseContent(content: unknown, where: string, line: number | null = null): ArticleContent {
  const result = ArticleContentSchema.safeParse(content);
  if (!result.success) {
    const issues = formatIssues(result.error.issues);
    throw new InvalidArticleError(`${where}: not a valid article: ${issues.join('; ')}`, issues, line);
  }
  return result.data;
}

/** sha256 of the canonical hashable content: equal texts hash equal whatever their workflow state. */
export function contentHash(content: ArticleContent): string {
  return sha256Hex(canonicalContentJson(content));
}

// crypto.hash (Node ≥ 20.12) is the one-shot form: no Hash object per article.
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
const sha256Hex = oneShotHash
  ? (s: string) => oneShotHash('sha256', s, 'hex')
  : (s: string) => crypto.createHash('sha256').update(s).digest('hex');

const q = JSON.stringify;
const nullable = (v: string | null) => (v === null ? 'null' : q(v));

function marksJson(marks: readonly Mark[]): string {
  let s = '"marks":[';
  for (let i = 0; i < marks.length; i++) {
    const m = marks[i];
    s += `${i ? ',' : ''}{"end":${q(m.end)},"start":${q(m.start)},"type":${q(m.type)}}`;
  }
  return `${s}],`;
}

function blockJson(b: Block): string {
  switch (b.type) {
    case 'paragraph':
      return `{${b.marks === undefined ? '' : marksJson(b.marks)}"text":${q(b.text)},"type":"paragraph"}`;
    case 'subhead':
      return `{"text":${q(b.text)},"type":"subhead"}`;
    case 'photo':
      return `{"asset":${nullable(b.asset)},"caption":${q(b.caption)},"credit":${nullable(b.credit)},"type":"photo"}`;
    case 'brief': {
      let ps = '';
      for (let i = 0; i < b.paragraphs.length; i++) {
        const p = b.paragraphs[i];
        ps += `${i ? ',' : ''}{${p.marks === undefined ? '' : marksJson(p.marks)}"text":${q(p.text)}}`;
      }
      return `{"paragraphs":[${ps}],"title":${q(b.title)},"type":"brief"}`;
    }
  }
}

/**
 * canonicalJson(hashableContent(content)) of shared/model, written out field by field (keys in
 * sorted order) instead of copying the content into sorted objects first: half the time, and
 * imports hash every draft. Equal for every content the schema allows (tests compare the two,
 * with every key of the schema present); the content must be a parsed one (no stray keys).
 * `bodyJson`: canonicalBodyJson(c.body), when the caller has it already.
 */
export function canonicalContentJson(c: ArticleContent, bodyJson = canonicalBodyJson(c.body)): string {
  return (
    `{"body":${bodyJson},"byline":${nullable(c.byline)},"continuedFrom":${q(c.continuedFrom)},` +
    `"credit":${nullable(c.credit)},"editorCredit":${nullable(c.editorCredit)},"headline":${q(c.headline)},` +
    `"kicker":${nullable(c.kicker)},"kind":${q(c.kind)},"language":${q(c.language)},"lead":${nullable(c.lead)},` +
    `"subhead":${nullable(c.subhead)}}`
  );
}

/** The body blocks as canonical JSON (sorted keys): the stored `body` column and part of the hash input. */
export function canonicalBodyJson(body: readonly Block[]): string {
  let json = '';
  for (let i = 0; i < body.length; i++) json += (i ? ',' : '') + blockJson(body[i]);
  return `[${json}]`;
}

// White space as JavaScript's /\s/ knows it (the characters charCount() leaves out).
function isSpace(c: number): boolean {
  return c <= 0x20
    ? c === 0x20 || (c >= 0x09 && c <= 0x0d)
    : c >= 0xa0 &&
        (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
          c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff);
}

/**
 * charCount() of shared/model, computed faster (one pass over the code units, no joined copy;
 * imports count millions). check() compares the two on every row.
 */
export function countChars(content: Pick<ArticleContent, 'body'>): number {
  let n = 0;
  for (const b of content.body) {
    switch (b.type) {
      case 'paragraph':
      case 'subhead':
        n += nonSpaceChars(b.text);
        break;
      case 'photo':
        n += nonSpaceChars(b.caption) + (b.credit ? nonSpaceChars(b.credit) : 0);
        break;
      case 'brief':
        n += nonSpaceChars(b.title);
        for (const p of b.paragraphs) n += nonSpaceChars(p.text);
        break;
    }
  }
  return n;
}

/** Code points of `t` that are not white space. */
function nonSpaceChars(t: string): number {
  let n = 0;
  const len = t.length;
  for (let i = 0; i < len; i++) {
    const c = t.charCodeAt(i);
    if ((c > 0x20 && c < 0x7f) || (c > 0x3000 && c < 0xd800)) {
      n++; // printable ASCII, CJK and most other scripts: never white space
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const d = t.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++; // a pair is one character, never white space
      n++;
    } else if (!isSpace(c)) n++;
  }
  return n;
}

/** Column values of the content, for INSERT and UPDATE statements (named parameters). */
export function contentParams(content: ArticleContent) {
  const text = searchFields(content);
  // The stored body is its canonical JSON (keys sorted), so the hash reuses it: one
  // serialisation of the text per draft instead of two. Readers parse it; key order is moot.
  const body = canonicalBodyJson(content.body);
  return {
    kind: content.kind,
    language: content.language,
    status: content.status,
    section: content.section,
    priority: content.priority,
    headline: JSON.stringify(content.headline),
    kicker: content.kicker,
    subhead: content.subhead,
    byline: content.byline,
    credit: content.credit,
    lead: content.lead,
    editor_credit: content.editorCredit,
    continued_from: content.continuedFrom,
    char_count: countChars(content),
    paragraph_count: paragraphCount(content),
    content_hash: sha256Hex(canonicalContentJson(content, body)),
    body,
    search_headline: text.headline,
    search_body: text.body,
  };
}
