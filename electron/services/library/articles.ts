// The article repository: the only way the rest of Pasteup reads and writes articles.
// Every write is one SQLite transaction; what a method returned is on disk.
import type Database from 'better-sqlite3';
import {
  ArticleStatusSchema,
  canonicalJson,
  type Article,
  type ArticleContent,
  type ArticleRevision,
  type ArticleStatus,
  type ArticleSummary,
} from '../../../shared/model';
import { ArticleNotFoundError, InvalidArticleError } from './errors';
import {
  ARTICLE_COLUMNS,
  articleFromRow,
  contentOf,
  contentParams,
  parseContent,
  rowToSummary,
  SUMMARY_COLUMNS,
  type ArticleRow,
  type SummaryRow,
} from './rows';
import { ArticleSearch } from './search';
import { SearchIndex } from './search-index';
import type { SearchFields } from './search-text';
import { slugBase } from './slug';

export interface ArticleSource {
  file: string;
  line: number;
}

/** A source's line must be a line number. */
function checkSource(source: ArticleSource | null | undefined): void {
  if (source && !(Number.isInteger(source.line) && source.line > 0)) throw new InvalidArticleError(`source line must be a positive integer, not ${source.line}`, [], null);
}

export interface ListOptions {
  /** Words to find (all of them, anywhere in the text); see search-text.ts. */
  search?: string;
  status?: ArticleStatus;
  /** Page size, default 50, at most 1000. */
  limit?: number;
  offset?: number;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

export class ArticleRepository {
  private readonly writer: SearchIndex;
  private readonly searcher: ArticleSearch;
  private readonly slugHints = new Map<string, number>();
  private readonly s: Record<
    | 'get'
    | 'bySlug'
    | 'slugTaken'
    | 'insert'
    | 'update'
    | 'setStatus'
    | 'textSavedAt'
    | 'insertRevision'
    | 'revisions'
    | 'setSource'
    | 'delete'
    | 'byHash'
    | 'list'
    | 'listByStatus',
    Database.Statement
  >;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => string,
  ) {
    this.writer = new SearchIndex(db);
    this.searcher = new ArticleSearch(db);
    const contentCols =
      'kind, language, status, section, priority, headline, kicker, subhead, byline, credit, lead, editor_credit, ' +
      'continued_from, char_count, paragraph_count, content_hash, body, search_headline, search_body';
    this.s = {
      get: db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = ?`),
      bySlug: db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE slug = ?`),
      slugTaken: db.prepare('SELECT 1 FROM articles WHERE slug = ?').pluck(),
      // Positional: binding 25 named parameters cost more than the insert's indexes (imports).
      insert: db.prepare(
        `INSERT INTO articles (slug, ${contentCols}, revision, import_id, source_file, source_line, created_at, updated_at, text_saved_at) ` +
          `VALUES (?, ${contentCols.replace(/\w+/g, '?')}, 1, ?, ?, ?, ?, ?, ?)`,
      ),
      update: db.prepare(
        `UPDATE articles SET ${contentCols
          .split(', ')
          .map((c) => `${c} = @${c}`)
          .join(', ')}, revision = revision + 1, updated_at = @now, text_saved_at = @now WHERE id = @id`,
      ),
      textSavedAt: db.prepare('SELECT text_saved_at FROM articles WHERE id = ?').pluck(),
      setStatus: db.prepare('UPDATE articles SET status = ?, updated_at = ? WHERE id = ?'),
      insertRevision: db.prepare('INSERT INTO article_revisions (article_id, revision, saved_at, content, source_file, source_line) VALUES (?, ?, ?, ?, ?, ?)'),
      revisions: db.prepare('SELECT revision, saved_at, content, source_file, source_line FROM article_revisions WHERE article_id = ? ORDER BY revision'),
      setSource: db.prepare('UPDATE articles SET source_file = ?, source_line = ? WHERE id = ?'),
      delete: db.prepare('DELETE FROM articles WHERE id = ?'),
      byHash: db.prepare('SELECT id FROM articles WHERE content_hash = ? AND id != ? ORDER BY id LIMIT 1').pluck(),
      list: db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM articles a ORDER BY a.updated_at DESC, a.id DESC LIMIT ? OFFSET ?`),
      listByStatus: db.prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE a.status = ? ORDER BY a.updated_at DESC, a.id DESC LIMIT ? OFFSET ?`,
      ),
    };
  }

  get(id: number): Article | null {
    const row = this.s.get.get(id) as ArticleRow | undefined;
    return row ? articleFromRow(row) : null;
  }

  getBySlug(slug: string): Article | null {
    const row = this.s.bySlug.get(slug) as ArticleRow | undefined;
    return row ? articleFromRow(row) : null;
  }

  /**
   * Summaries, a page at a time. Without `search`: most recently changed first. With it:
   * headline matches first, then the rest, newest first within each.
   */
  list(opts: ListOptions = {}): ArticleSummary[] {
    const limit = opts.limit ?? DEFAULT_PAGE_SIZE;
    const offset = opts.offset ?? 0;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new RangeError(`list: limit must be an integer from 1 to ${MAX_PAGE_SIZE}`);
    }
    if (!Number.isInteger(offset) || offset < 0) throw new RangeError('list: offset must be a non-negative integer');
    const status = opts.status === undefined ? undefined : ArticleStatusSchema.parse(opts.status);
    let rows = opts.search ? this.searcher.search(opts.search, { status, limit, offset }) : null;
    rows ??= (status ? this.s.listByStatus.all(status, limit, offset) : this.s.list.all(limit, offset)) as SummaryRow[];
    return rows.map(rowToSummary);
  }

  /** Stores a new article (revision 1). */
  create(content: ArticleContent, source?: ArticleSource | null): Article {
    const parsed = parseContent(content, 'create');
    return this.db.transaction(() => this.insert(parsed, source ?? null, null)).immediate();
  }

  /**
   * Saves a new version. The version it replaces is kept in the revision history, with the
   * source it had; unchanged content is not a new revision (the article is returned as it is).
   * `source`: where the new text comes from (`update ID FILE`'s file and line), which becomes
   * the article's; left out, the article keeps its source.
   */
  update(id: number, content: ArticleContent, source?: ArticleSource | null): Article {
    const next = parseContent(content, `update of article ${id}`);
    checkSource(source);
    return this.db
      .transaction(() => {
        const current = this.require(id);
        if (canonicalJson(contentOf(current)) === canonicalJson(next)) return current;
        // The version archived was saved when its text was, not at a later status change.
        const was = current.source;
        this.s.insertRevision.run(id, current.revision, this.s.textSavedAt.get(id) as string, JSON.stringify(contentOf(current)), was?.file ?? null, was?.line ?? null);
        const params = contentParams(next);
        this.s.update.run({ ...params, id, now: this.now() });
        if (source !== undefined) this.s.setSource.run(source?.file ?? null, source?.line ?? null, id);
        this.writer.replaced(id, { headline: params.search_headline, body: params.search_body });
        return this.require(id);
      })
      .immediate();
  }

  /** Moves the article through the workflow. A status change is not a new revision. */
  setStatus(id: number, status: ArticleStatus): Article {
    const next = ArticleStatusSchema.parse(status);
    return this.db
      .transaction(() => {
        const current = this.require(id);
        if (current.status === next) return current;
        this.s.setStatus.run(next, this.now(), id);
        return this.require(id);
      })
      .immediate();
  }

  /** The history, oldest first; the last entry is the current version. */
  revisions(id: number): ArticleRevision[] {
    return this.db.transaction(() => {
      const current = this.require(id);
      const rows = this.s.revisions.all(id) as { revision: number; saved_at: string; content: string; source_file: string | null; source_line: number | null }[];
      const history = rows.map((r) => ({
        articleId: id,
        revision: r.revision,
        content: parseContent(JSON.parse(r.content), `revision ${r.revision} of article ${id}`),
        savedAt: r.saved_at,
        source: r.source_file !== null && r.source_line !== null ? { file: r.source_file, line: r.source_line } : null,
      }));
      history.push({ articleId: id, revision: current.revision, content: contentOf(current), savedAt: this.s.textSavedAt.get(id) as string, source: current.source });
      return history;
    })();
  }

  /** Deletes the article, its revisions and its search entries. */
  delete(id: number): void {
    this.db
      .transaction(() => {
        this.require(id);
        this.s.delete.run(id); // triggers drop its index entries; revisions cascade
      })
      .immediate();
  }

  /** Id of an article with this content hash, if any (other than `exceptId`). */
  findByHash(hash: string, exceptId = 0): number | null {
    return (this.s.byHash.get(hash, exceptId) as number | undefined) ?? null;
  }

  /**
   * Inserts a validated article; the caller holds the transaction. The Article is built from
   * what was written rather than read back (imports write thousands). With `unindexed`, the
   * article is not indexed yet but listed there, for indexImport() before the commit.
   */
  insert(
    content: ArticleContent,
    source: ArticleSource | null,
    importId: number | null,
    params = contentParams(content),
    unindexed?: { id: number; text: SearchFields }[],
  ): Article {
    checkSource(source);
    const slug = this.uniqueSlug(slugBase(content));
    const now = this.now();
    const p = params;
    const id = Number(
      this.s.insert.run(
        slug,
        p.kind,
        p.language,
        p.status,
        p.section,
        p.priority,
        p.headline,
        p.kicker,
        p.subhead,
        p.byline,
        p.credit,
        p.lead,
        p.editor_credit,
        p.continued_from,
        p.char_count,
        p.paragraph_count,
        p.content_hash,
        p.body,
        p.search_headline,
        p.search_body,
        importId,
        source?.file ?? null,
        source?.line ?? null,
        now,
        now,
        now,
      ).lastInsertRowid,
    );
    const text = { headline: params.search_headline, body: params.search_body };
    if (unindexed) unindexed.push({ id, text });
    else this.writer.add(id, text);
    // Field by field: spreading the content into the article cost ~15 µs per article (V8).
    // The Article type makes a new required field of the model a compile error here.
    const c = content;
    return {
      kind: c.kind,
      language: c.language,
      kicker: c.kicker,
      headline: c.headline,
      subhead: c.subhead,
      byline: c.byline,
      credit: c.credit,
      lead: c.lead,
      editorCredit: c.editorCredit,
      continuedFrom: c.continuedFrom,
      body: c.body,
      section: c.section,
      priority: c.priority,
      status: c.status,
      id,
      slug,
      revision: 1,
      contentHash: params.content_hash,
      source: source ? { file: source.file, line: source.line } : null,
      createdAt: now,
      updatedAt: now,
    };
  }

  /** Indexes the articles insert() stored for import `importId` with `unindexed`. */
  indexImport(importId: number, unindexed: ReadonlyArray<{ id: number; text: SearchFields }>): void {
    this.writer.addImport(importId, unindexed);
  }

  private require(id: number): Article {
    const a = this.get(id);
    if (!a) throw new ArticleNotFoundError(id);
    return a;
  }

  /** base, base-2, base-3, ...: the first that is free (hints skip the known-taken ones). */
  private uniqueSlug(base: string): string {
    if (!this.s.slugTaken.get(base)) return base;
    let n = this.slugHints.get(base) ?? 2;
    while (this.s.slugTaken.get(`${base}-${n}`)) n++;
    if (this.slugHints.size > 10_000) this.slugHints.clear();
    this.slugHints.set(base, n + 1);
    return `${base}-${n}`;
  }
}
