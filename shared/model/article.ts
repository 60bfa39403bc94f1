// The article model (DESIGN.md, "Model"). Plain data, validated with zod at the edges
// (IPC, library rows, JSON files). Pure: no clock, no I/O.
import * as z from '../zod';

/** Inline formatting over a half-open UTF-16 range [start, end) of the owning text. */
export const MarkSchema = z.object({
  type: z.enum(['bold', 'italic', 'sub', 'sup']),
  start: z.nonnegativeInt(),
  end: z.nonnegativeInt(),
});
export type Mark = z.infer<typeof MarkSchema>;

/** A run of text with optional inline marks. */
export const RichTextSchema = z.object({
  text: z.string(),
  marks: z.optional(z.array(MarkSchema)),
});
export type RichText = z.infer<typeof RichTextSchema>;

export const ParagraphBlockSchema = z.object({
  type: z.literal('paragraph'),
  text: z.string(),
  marks: z.optional(z.array(MarkSchema)),
});
export const SubheadBlockSchema = z.object({
  type: z.literal('subhead'),
  text: z.string(),
});
export const PhotoBlockSchema = z.object({
  type: z.literal('photo'),
  caption: z.string(),
  credit: z.nullable(z.string()),
  /** Reference to an image asset; null until images exist (a placeholder is drawn). */
  asset: z.nullable(z.string()),
});
export const BriefBlockSchema = z.object({
  type: z.literal('brief'),
  title: z.string(),
  paragraphs: z.array(RichTextSchema),
});
export const BlockSchema = z.discriminatedUnion('type', [
  ParagraphBlockSchema,
  SubheadBlockSchema,
  PhotoBlockSchema,
  BriefBlockSchema,
]);
export type ParagraphBlock = z.infer<typeof ParagraphBlockSchema>;
export type SubheadBlock = z.infer<typeof SubheadBlockSchema>;
export type PhotoBlock = z.infer<typeof PhotoBlockSchema>;
export type BriefBlock = z.infer<typeof BriefBlockSchema>;
export type Block = z.infer<typeof BlockSchema>;

export const ArticleStatusSchema = z.enum(['draft', 'edited', 'ready', 'placed']);
export type ArticleStatus = z.infer<typeof ArticleStatusSchema>;

export const LanguageSchema = z.enum(['zh', 'en']);
export type Language = z.infer<typeof LanguageSchema>;

/**
 * What kind of piece the article is: a story (headline + body), a column of briefs
 * (简讯, items with titles), or a stand-alone news photo (图片新闻).
 */
export const ArticleKindSchema = z.enum(['story', 'briefs', 'photo']);
export type ArticleKind = z.infer<typeof ArticleKindSchema>;

/** The editable content of an article: everything but identity and bookkeeping. */
export const ArticleContentSchema = z.object({
  kind: ArticleKindSchema,
  language: LanguageSchema,
  /** 引题 — the kicker above the headline. */
  kicker: z.nullable(z.string()),
  /** 主题 — one entry per headline line (hard line breaks are the editor's). */
  headline: z.array(z.string()),
  /** 副题 — the subhead under the headline. */
  subhead: z.nullable(z.string()),
  /** 记者 李静 — the byline, as printed. */
  byline: z.nullable(z.string()),
  /** (何宝国) — the credit, without its brackets. */
  credit: z.nullable(z.string()),
  /** 本报讯 — the dateline lead that opens the first paragraph. */
  lead: z.nullable(z.string()),
  /** (以上由王勇编辑整理) — editor credit closing a briefs column, without brackets. */
  editorCredit: z.nullable(z.string()),
  /** Page number of "(上接第1版)": this text continues a story that started on that page. */
  continuedFrom: z.nullable(z.positiveInt()),
  body: z.array(BlockSchema),
  section: z.nullable(z.string()),
  priority: z.int(),
  status: ArticleStatusSchema,
});
export type ArticleContent = z.infer<typeof ArticleContentSchema>;

/** A text's origin: the file (its base name) and the line its article starts on. */
const SourceSchema = z.object({ file: z.string(), line: z.positiveInt() });

export const ArticleSchema = z.extend(ArticleContentSchema, {
  id: z.positiveInt(),
  slug: z.string(),
  /** Revision number: 1 for a new article, +1 for every saved change. */
  revision: z.positiveInt(),
  /** sha256 of the canonical content, used to recognise re-imports. */
  contentHash: z.string(),
  /** Where its text came from: the file and line of its import, or of its last update. */
  source: z.nullable(SourceSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Article = z.infer<typeof ArticleSchema>;

export const ArticleRevisionSchema = z.object({
  articleId: z.positiveInt(),
  revision: z.positiveInt(),
  content: ArticleContentSchema,
  savedAt: z.string(),
  /** Where this version's text came from (the import's or update's file and line); null when not recorded. */
  source: z.nullable(SourceSchema),
});
export type ArticleRevision = z.infer<typeof ArticleRevisionSchema>;

/** A compact line for lists and search results. */
export interface ArticleSummary {
  id: number;
  slug: string;
  kind: ArticleKind;
  language: Language;
  status: ArticleStatus;
  headline: string[];
  byline: string | null;
  credit: string | null;
  continuedFrom: number | null;
  paragraphs: number;
  /** Characters of body text (Han characters and letters alike, without spaces). */
  chars: number;
  revision: number;
  updatedAt: string;
}

export function emptyContent(language: Language = 'zh'): ArticleContent {
  return {
    kind: 'story',
    language,
    kicker: null,
    headline: [],
    subhead: null,
    byline: null,
    credit: null,
    lead: null,
    editorCredit: null,
    continuedFrom: null,
    body: [],
    section: null,
    priority: 0,
    status: 'draft',
  };
}
