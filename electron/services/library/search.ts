// Library search: a query becomes terms (search-text.ts), the terms become FTS5 queries.
//
// Order: relevance first, in two tiers — articles with a term in the headline deck (kicker,
// headline, subhead), then the others — and within a tier newest first (highest id). Each
// tier is one FTS5 query walked in descending rowid order with LIMIT, so a page costs about
// the same whether a term is in 10 articles or in 90,000 (no ranking of every hit).
//
// Plans, by the kinds of the terms:
//   all 3+ characters        → article_fts (trigram phrases), exact;
//   all 1–2 letters/digits   → article_grams (bigram tokens / prefixes), exact;
//   anything else            → article_grams with a superset expression for every term that has
//                              letters/digits, each non-gram term checked with instr() on the
//                              search text as rows stream by;
//   no letters/digits at all → a scan of the search text (e.g. a lone “).
import type Database from 'better-sqlite3';
import type { ArticleStatus } from '../../../shared/model';
import { SUMMARY_COLUMNS, type SummaryRow } from './rows';
import { ftsPhrase, gramExpression, parseQuery, type SearchTerm } from './search-text';

export interface SearchPage {
  status?: ArticleStatus;
  limit: number;
  offset: number;
}

/** A tier query: FTS expression plus extra SQL conditions on `a` (articles) with their args. */
interface Tier {
  match: string;
  where: string[];
  args: unknown[];
}

const CONTAINS = '(instr(a.search_headline, ?) > 0 OR instr(a.search_body, ?) > 0)';
const IN_HEADLINE = 'instr(a.search_headline, ?) > 0';

export class ArticleSearch {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  private stmt(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      if (this.cache.size > 200) this.cache.clear();
      this.cache.set(sql, s);
    }
    return s;
  }

  /** Matching summary rows, or null when the query has no terms (then nothing filters). */
  search(query: string, page: SearchPage): SummaryRow[] | null {
    const terms = parseQuery(query);
    if (terms.length === 0) return null;
    if (terms.every((t) => t.kind === 'trigram')) {
      const exprs = terms.map((t) => ftsPhrase(t.needle));
      return this.tiered('article_fts', columnTiers(exprs), page);
    }
    if (terms.every((t) => t.kind === 'gram')) {
      const exprs = terms.map((t) => gramExpression(t.needle)!);
      return this.tiered('article_grams', columnTiers(exprs), page);
    }
    const exprs = terms.map((t) => gramExpression(t.needle));
    const indexed = exprs.filter((e): e is string => e !== null);
    if (indexed.length === 0) return this.scan(terms, page);
    return this.tiered('article_grams', checkedTiers(terms, exprs, indexed), page);
  }

  /** Two tiers, each streamed from one FTS table in descending rowid order. */
  private tiered(table: 'article_fts' | 'article_grams', [first, second]: [Tier, Tier], page: SearchPage): SummaryRow[] {
    const run = (tier: Tier, limit: number, offset: number) => {
      const where = [`${table} MATCH ?`, ...tier.where, ...(page.status ? ['a.status = ?'] : [])];
      const args = [tier.match, ...tier.args, ...(page.status ? [page.status] : [])];
      // CROSS JOIN keeps the FTS table as the outer loop, so ORDER BY rowid needs no sort.
      const sql =
        `SELECT ${SUMMARY_COLUMNS} FROM ${table} CROSS JOIN articles a ON a.id = ${table}.rowid ` +
        `WHERE ${where.join(' AND ')} ORDER BY ${table}.rowid DESC LIMIT ? OFFSET ?`;
      return this.stmt(sql).all(...args, limit, offset) as SummaryRow[];
    };
    const count = (tier: Tier) => {
      const where = [`${table} MATCH ?`, ...tier.where, ...(page.status ? ['a.status = ?'] : [])];
      const args = [tier.match, ...tier.args, ...(page.status ? [page.status] : [])];
      const sql = `SELECT count(*) FROM ${table} CROSS JOIN articles a ON a.id = ${table}.rowid WHERE ${where.join(' AND ')}`;
      return this.stmt(sql).pluck().get(...args) as number;
    };
    const head = run(first, page.limit, page.offset);
    if (head.length === page.limit) return head;
    // The first tier ran out inside this page: how many rows did it have before the page?
    const firstCount = head.length > 0 || page.offset === 0 ? page.offset + head.length : count(first);
    return head.concat(run(second, page.limit - head.length, Math.max(0, page.offset - firstCount)));
  }

  /** No term can use an index: read the search text of every article. */
  private scan(terms: SearchTerm[], page: SearchPage): SummaryRow[] {
    const where = terms.map(() => CONTAINS);
    const args: unknown[] = terms.flatMap((t) => [t.needle, t.needle]);
    if (page.status) {
      where.push('a.status = ?');
      args.push(page.status);
    }
    const tier = terms.map(() => IN_HEADLINE).join(' OR ');
    const sql =
      `SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE ${where.join(' AND ')} ` +
      `ORDER BY (${tier}) DESC, a.id DESC LIMIT ? OFFSET ?`;
    return this.stmt(sql).all(...args, ...terms.map((t) => t.needle), page.limit, page.offset) as SummaryRow[];
  }
}

/** Exact expressions: the column filter itself says whether a term is in the headline. */
function columnTiers(exprs: string[]): [Tier, Tier] {
  const all = exprs.join(' AND ');
  const any = exprs.join(' OR ');
  return [
    { match: `(${all}) AND {search_headline} : (${any})`, where: [], args: [] },
    { match: `(${all}) NOT {search_headline} : (${any})`, where: [], args: [] },
  ];
}

/**
 * Superset expressions: candidates come from the gram index, the non-gram terms are checked
 * on the text, and the tier is decided on the text (the headline filter only narrows tier 1).
 */
function checkedTiers(terms: SearchTerm[], exprs: (string | null)[], indexed: string[]): [Tier, Tier] {
  const all = indexed.join(' AND ');
  const checks = terms.filter((t) => t.kind !== 'gram');
  const where = checks.map(() => CONTAINS);
  const args = checks.flatMap((t) => [t.needle, t.needle]);
  const inHeadline = `(${terms.map(() => IN_HEADLINE).join(' OR ')})`;
  const headlineArgs = terms.map((t) => t.needle);
  const everyTermIndexed = exprs.every((e) => e !== null);
  return [
    {
      match: everyTermIndexed ? `(${all}) AND {search_headline} : (${indexed.join(' OR ')})` : `(${all})`,
      where: [...where, inHeadline],
      args: [...args, ...headlineArgs],
    },
    { match: `(${all})`, where: [...where, `NOT ${inHeadline}`], args: [...args, ...headlineArgs] },
  ];
}
