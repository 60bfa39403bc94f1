// Library search: a query becomes terms (search-text.ts), the terms become FTS5 queries.
//
// Order: relevance first, in two tiers — articles with a term in the headline deck (kicker,
// headline, subhead), then the others — and within a tier newest first (highest id). Each
// tier is one FTS5 query walked in descending rowid order with LIMIT, so a page costs about
// the same whether a term is in 10 articles or in 90,000 (no ranking of every hit).
//
// Plans, by the kinds of the terms (schema 4; search-text.ts has the indexes):
//   all 3+ characters        → tier 1 from article_fts_head, tier 2 from article_fts_body
//                              (trigram sets, a superset), every term checked with instr();
//   all 1–2 letters/digits   → article_grams (bigram tokens / prefixes, marked ones for the
//                              headline), exact: no check;
//   anything else            → article_grams with a superset expression for every term that has
//                              letters/digits, each non-gram term checked with instr() on the
//                              search text as rows stream by;
//   no letters/digits at all → a scan of the search text (e.g. a lone “).
import type Database from 'better-sqlite3';
import type { ArticleStatus } from '../../../shared/model';
import { SUMMARY_COLUMNS, type SummaryRow } from './rows';
import { gramExpression, parseQuery, trigramExpression, type SearchTerm } from './search-text';

export interface SearchPage {
  status?: ArticleStatus;
  limit: number;
  offset: number;
}

type FtsTable = 'article_fts_head' | 'article_fts_body' | 'article_grams';

/** A tier query: FTS table and expression plus extra SQL conditions on `a` (articles) with their args. */
interface Tier {
  table: FtsTable;
  match: string;
  where: string[];
  args: unknown[];
}

/** An SQL condition with its arguments. */
interface Cond {
  sql: string;
  args: unknown[];
}

/** A term's condition on the stored text: found there. */
function textCond(term: SearchTerm, where: 'anywhere' | 'headline' | 'body'): Cond {
  if (where === 'anywhere') return { sql: '(instr(a.search_headline, ?) > 0 OR instr(a.search_body, ?) > 0)', args: [term.needle, term.needle] };
  return { sql: `instr(a.search_${where}, ?) > 0`, args: [term.needle] };
}

const contains = (t: SearchTerm) => textCond(t, 'anywhere');
const inHeadline = (t: SearchTerm) => textCond(t, 'headline');
const inBody = (t: SearchTerm) => textCond(t, 'body');
const sqlOf = (cs: Cond[]) => cs.map((c) => c.sql);
const argsOf = (cs: Cond[]) => cs.flatMap((c) => c.args);
/** Some term in the headline deck. */
function anyInHeadline(terms: SearchTerm[]): Cond {
  const cs = terms.map(inHeadline);
  return { sql: `(${sqlOf(cs).join(' OR ')})`, args: argsOf(cs) };
}

/** The trigram expression of a term. */
const termTrigrams = (term: SearchTerm): string => trigramExpression(term.needle);

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
    if (terms.every((t) => t.kind === 'trigram')) return this.tiered(trigramTiers(terms), page);
    if (terms.every((t) => t.kind === 'gram')) {
      return this.tiered(gramTiers(terms.map((t) => gramExpression(t.needle)!), terms.map((t) => gramExpression(t.needle, true)!)), page);
    }
    const exprs = terms.map((t) => gramExpression(t.needle));
    const indexed = exprs.filter((e): e is string => e !== null);
    if (indexed.length === 0) return this.scan(terms, page);
    return this.tiered(checkedTiers(terms, exprs, indexed), page);
  }

  /** Two tiers, each streamed from one FTS table in descending rowid order. */
  private tiered([first, second]: [Tier, Tier], page: SearchPage): SummaryRow[] {
    const query = (tier: Tier, select: string, tail: string) => {
      const t = tier.table;
      const where = [`${t} MATCH ?`, ...tier.where, ...(page.status ? ['a.status = ?'] : [])];
      // CROSS JOIN keeps the FTS table as the outer loop, so ORDER BY rowid needs no sort.
      return this.stmt(`SELECT ${select} FROM ${t} CROSS JOIN articles a ON a.id = ${t}.rowid WHERE ${where.join(' AND ')}${tail}`);
    };
    const args = (tier: Tier) => [tier.match, ...tier.args, ...(page.status ? [page.status] : [])];
    const run = (tier: Tier, limit: number, offset: number) =>
      query(tier, SUMMARY_COLUMNS, ` ORDER BY ${tier.table}.rowid DESC LIMIT ? OFFSET ?`).all(...args(tier), limit, offset) as SummaryRow[];
    const count = (tier: Tier) => query(tier, 'count(*)', '').pluck().get(...args(tier)) as number;
    const head = run(first, page.limit, page.offset);
    if (head.length === page.limit) return head;
    // The first tier ran out inside this page: how many rows did it have before the page?
    const firstCount = head.length > 0 || page.offset === 0 ? page.offset + head.length : count(first);
    return head.concat(run(second, page.limit - head.length, Math.max(0, page.offset - firstCount)));
  }

  /** No term can use an index: read the search text of every article. */
  private scan(terms: SearchTerm[], page: SearchPage): SummaryRow[] {
    const conds = terms.map(contains);
    const where = sqlOf(conds);
    const args: unknown[] = argsOf(conds);
    if (page.status) {
      where.push('a.status = ?');
      args.push(page.status);
    }
    const tier = anyInHeadline(terms);
    const sql =
      `SELECT ${SUMMARY_COLUMNS} FROM articles a WHERE ${where.join(' AND ')} ` +
      `ORDER BY ${tier.sql} DESC, a.id DESC LIMIT ? OFFSET ?`;
    return this.stmt(sql).all(...args, ...tier.args, page.limit, page.offset) as SummaryRow[];
  }
}

/**
 * 3+ character terms. Tier 1: some term in the headline deck — candidates from the headline's
 * trigram index (any term's trigrams all there), every term checked on the text. Tier 2: no term
 * in the headline, so all of them in the body — candidates from the body's trigram index.
 */
function trigramTiers(terms: SearchTerm[]): [Tier, Tier] {
  const exprs = terms.map(termTrigrams);
  const all = terms.map(contains);
  const body = terms.map(inBody);
  const head = anyInHeadline(terms);
  return [
    {
      table: 'article_fts_head',
      match: exprs.length === 1 ? exprs[0] : `(${exprs.join(' OR ')})`,
      where: [...sqlOf(all), head.sql],
      args: [...argsOf(all), ...head.args],
    },
    {
      table: 'article_fts_body',
      match: exprs.join(' AND '),
      where: [...sqlOf(body), `NOT ${head.sql}`],
      args: [...argsOf(body), ...head.args],
    },
  ];
}

/** 1–2 letter/digit terms: exact expressions; the marked grams say whether a term is in the headline. */
function gramTiers(exprs: string[], headlineExprs: string[]): [Tier, Tier] {
  const all = exprs.join(' AND ');
  const any = headlineExprs.join(' OR ');
  return [
    { table: 'article_grams', match: `(${all}) AND (${any})`, where: [], args: [] },
    { table: 'article_grams', match: `(${all}) NOT (${any})`, where: [], args: [] },
  ];
}

/**
 * Superset expressions: candidates come from the gram index, the non-gram terms are checked
 * on the text, and the tier is decided on the text (the marked grams only narrow tier 1).
 */
function checkedTiers(terms: SearchTerm[], exprs: (string | null)[], indexed: string[]): [Tier, Tier] {
  const all = indexed.join(' AND ');
  // Gram terms are letters and digits only (exact from the index); the others are checked.
  const checks = terms.filter((t) => t.kind !== 'gram').map(contains);
  const where = sqlOf(checks);
  const args = argsOf(checks);
  const head = anyInHeadline(terms);
  // When every term has grams, an article with one in the headline has all of that term's
  // grams marked: a superset of tier 1 from the index alone.
  const everyTermIndexed = exprs.every((e) => e !== null);
  const anyGramsInHeadline = () => terms.map((t) => gramExpression(t.needle, true)).join(' OR ');
  return [
    {
      table: 'article_grams',
      match: everyTermIndexed ? `(${all}) AND (${anyGramsInHeadline()})` : `(${all})`,
      where: [...where, head.sql],
      args: [...args, ...head.args],
    },
    { table: 'article_grams', match: `(${all})`, where: [...where, `NOT ${head.sql}`], args: [...args, ...head.args] },
  ];
}
