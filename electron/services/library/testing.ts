// Raw SQLite access for tests, benchmarks and repair tools: build libraries at old schema
// versions, poke rows, make foreign SQLite files. Application code uses openLibrary().
import Database from 'better-sqlite3';

export { createLibraryFile } from './library';
export { migrate, LATEST_SCHEMA_VERSION } from './migrations';

export type RawDatabase = Database.Database;

/** A plain better-sqlite3 connection: no pragmas, no checks, no migrations. */
export function openRawDatabase(path: string, opts: { readonly?: boolean } = {}): RawDatabase {
  return new Database(path, { readonly: opts.readonly ?? false });
}

/**
 * The design search.ts rejected, kept to measure against: ids of the newest `limit` articles
 * whose search text contains `term`, by a LIKE scan of the search-text columns (no index).
 */
export function likeScanIds(path: string, term: string, limit: number): number[] {
  const db = new Database(path, { readonly: true });
  try {
    const pattern = `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return db
      .prepare(
        "SELECT id FROM articles WHERE search_headline LIKE ? ESCAPE '\\' OR search_body LIKE ? ESCAPE '\\' " +
          'ORDER BY id DESC LIMIT ?',
      )
      .pluck()
      .all(pattern, pattern, limit) as number[];
  } finally {
    db.close();
  }
}
