// library.check(): everything that can be verified about a library file, as a list of problems.
import type Database from 'better-sqlite3';
import { CommandSchema } from '../../../shared/edition/commands';
import { templateProblems } from '../../../shared/layout/grid';
import { ArticleRevisionSchema, ArticleSchema, charCount, EditionSchema, paragraphCount, TemplateSchema } from '../../../shared/model';
import { ARTICLE_COLUMNS, contentHash, contentOf, formatIssues, rowToArticleUnchecked, type ArticleRow } from './rows';
import { LATEST_SCHEMA_VERSION, schemaVersion } from './migrations';
import { searchFields } from './search-text';
import { sqliteCode } from './errors';
import { readJpeg } from '../../../shared/images/jpeg';
import { refOf, type ImageRow } from './images';

export interface CheckResult {
  ok: boolean;
  problems: string[];
  /** Checks that could not run (e.g. on a read-only library). */
  skipped: string[];
  /**
   * What is worth knowing but wrong with nothing: pictures nothing refers to (no article, no
   * older version of one, no edition, no edition's history of edits). They do not make `ok` false.
   */
  notices: string[];
  /** Rows counted; null for a count not taken (an older schema, a table that cannot be read). */
  counts: { articles: number | null; revisions: number | null; imports: number | null; gramDocuments: number | null; images: number | null };
  /**
   * The schema version found (PRAGMA user_version; -1 when unreadable). Below
   * LATEST_SCHEMA_VERSION only SQLite's own checks run (`skipped` says so): check never upgrades.
   */
  schemaVersion: number;
}

const MAX_PROBLEMS = 200;

export function checkLibrary(db: Database.Database, opts: { readonlyReason: string | null }): CheckResult {
  const problems: string[] = [];
  let dropped = 0;
  const problem = (p: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
    else dropped++;
  };

  const skipped: string[] = [];
  const notices: string[] = [];
  const counts: CheckResult['counts'] = { articles: null, revisions: null, imports: null, gramDocuments: null, images: null };
  let version = -1;
  const finish = (): CheckResult => {
    if (dropped) problems.push(`... and ${dropped} more problems`);
    return { ok: problems.length === 0, problems, skipped, notices, counts, schemaVersion: version };
  };
  // A damaged page makes SQLite throw (SQLITE_CORRUPT) wherever a statement meets it. Every
  // step below runs on its own: what it could not read is a problem, and the others go on.
  const step = (what: string | (() => string), fn: () => void): boolean => {
    try {
      fn();
      return true;
    } catch (e) {
      problem(`${typeof what === 'string' ? what : what()}: ${(e as Error).message}`);
      return false;
    }
  };

  // SQLite's own view of the file. integrity_check gives up (throws) at some damage; then
  // each table is checked on its own (quick_check of one table), which names the damaged ones.
  let tables: string[] = [];
  if (!step('reading the schema', () => (tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[]))) {
    skipped.push('every other check (SQLite cannot read the list of tables)');
    return finish();
  }
  const integrity = (table: string | null) => {
    const rows = db.pragma(table === null ? 'integrity_check' : `quick_check(${JSON.stringify(table)})`) as Record<string, string>[];
    for (const r of rows) {
      const text = Object.values(r)[0];
      if (text !== 'ok') problem(table === null ? `integrity_check: ${text}` : `table ${table}: ${text}`);
    }
  };
  if (!step('integrity_check', () => integrity(null))) {
    for (const t of tables) step(`table ${t}`, () => integrity(t));
  }
  step('foreign_key_check', () => {
    const fk = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
    for (const r of fk) problem(`foreign key: ${r.table} row ${r.rowid} points to a missing ${r.parent} row`);
  });

  step('schema version', () => {
    version = schemaVersion(db);
    if (version > LATEST_SCHEMA_VERSION) problem(`schema version is ${version}, newer than this Pasteup's ${LATEST_SCHEMA_VERSION}`);
  });
  step('meta', () => {
    const format = db.prepare("SELECT value FROM meta WHERE key = 'format'").pluck().get();
    if (format !== 'pasteup-library') problem(`meta.format is ${JSON.stringify(format)}, expected "pasteup-library"`);
  });
  if (version >= 0 && version < LATEST_SCHEMA_VERSION) {
    // The checks below know the latest schema only. Upgrading here would change the file
    // being checked (and a damaged one is no file to migrate): other verbs upgrade it.
    skipped.push(
      `the articles, search indexes and editions: the library has schema ${version}, older than this Pasteup's ` +
        `${LATEST_SCHEMA_VERSION} (any other verb that opens it upgrades it; check again after that)`,
    );
    return finish();
  }

  // The full-text indexes (schema 4): structure, and (trigram, external content) agreement with the articles.
  // rank = 1 also compares an external-content index with its content (FTS5 ≥ 3.44). The
  // command is spelled as an INSERT, which a read-only connection may not run at all.
  if (opts.readonlyReason !== null) {
    skipped.push(`full-text index integrity-check (needs a read-write connection; the library is read-only: ${opts.readonlyReason})`);
  } else {
    // The trigram tables are compared with the articles' search text; the gram table, which
    // keeps no content, is checked for its own consistency and counted below.
    // Spelled as an INSERT, the command needs the write lock: a check is a reader, and must
    // neither wait for another process's import nor call its lock damage.
    const timeout = db.pragma('busy_timeout', { simple: true }) as number;
    db.pragma('busy_timeout = 0');
    const tables: [string, number][] = [['article_fts_head', 1], ['article_fts_body', 1], ['article_grams', 0]];
    const busy: string[] = [];
    for (const [table, compareContent] of tables) {
      try {
        db.prepare(`INSERT INTO ${table} (${table}, rank) VALUES ('integrity-check', ?)`).run(compareContent);
      } catch (e) {
        if (sqliteCode(e)?.startsWith('SQLITE_BUSY')) busy.push(table);
        else problem(`${table}: ${(e as Error).message}`);
      }
    }
    db.pragma(`busy_timeout = ${timeout}`);
    if (busy.length) skipped.push(`full-text index integrity-check of ${busy.join(', ')} (another process is writing to the library; check again later)`);
  }

  // A table that cannot be counted stays null (and is a problem).
  // Each table on its own: one that cannot be read leaves the others counted.
  for (const k of ['articles', 'revisions', 'imports', 'gramDocuments', 'images'] as const) {
    const table = { articles: 'articles', revisions: 'article_revisions', imports: 'imports', gramDocuments: 'article_grams', images: 'images' }[k];
    step(`counting ${table}`, () => {
      counts[k] = db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    });
  }
  if (counts.gramDocuments !== null && counts.articles !== null && counts.gramDocuments !== counts.articles) {
    problem(`gram index holds ${counts.gramDocuments} articles, but there are ${counts.articles}`);
  }

  // The pictures articles and editions name (photo blocks, photo frames): each must be in the
  // library, or the plate prints a grey box where the desk placed a photo.
  const wanted = new Map<string, string[]>();
  const wants = (ref: string, where: string) => wanted.set(ref, [...(wanted.get(ref) ?? []), where]);
  // The pictures anything could print again: those above, and the ones older versions of
  // articles and the editions' histories of edits name (undo places a removed photo again).
  const kept = new Set<string>();

  // Every row against the model, its derived columns and its search text. In pages: a
  // statement cannot run while another iterates, and 100,000 articles need not sit in memory.
  let lastArticle = 0;
  step(() => `reading articles${lastArticle ? ` after article ${lastArticle}` : ''}`, () => {
    const page = db.prepare(
      `SELECT ${ARTICLE_COLUMNS}, search_headline, search_body FROM articles WHERE id > ? ORDER BY id LIMIT 500`,
    );
    for (;;) {
      const rows = page.all(lastArticle) as (ArticleRow & { search_headline: string; search_body: string })[];
      if (rows.length === 0) break;
      for (const row of rows) {
        const where = `article ${row.id}`;
        let parsed;
        try {
          parsed = ArticleSchema.safeParse(rowToArticleUnchecked(row));
        } catch (e) {
          problem(`${where}: unreadable JSON (${(e as Error).message})`);
          continue;
        }
        if (!parsed.success) {
          problem(`${where}: ${formatIssues(parsed.error.issues).join('; ')}`);
          continue;
        }
        const a = parsed.data;
        a.body.forEach((b, k) => {
          if (b.type === 'photo' && b.asset !== null) wants(b.asset, `${where}'s photo (block ${k + 1})`);
        });
        if (contentHash(contentOf(a)) !== row.content_hash) problem(`${where}: content_hash does not match its content`);
        if (charCount(a) !== row.char_count) problem(`${where}: char_count ${row.char_count}, content has ${charCount(a)}`);
        if (paragraphCount(a) !== row.paragraph_count) {
          problem(`${where}: paragraph_count ${row.paragraph_count}, content has ${paragraphCount(a)}`);
        }
        if (!a.slug) problem(`${where}: empty slug`);
        const f = searchFields(a);
        if (f.headline !== row.search_headline || f.body !== row.search_body) {
          problem(`${where}: search text is out of date`);
        }
      }
      lastArticle = rows[rows.length - 1].id;
    }
  });

  step('reading revisions', () => {
    const revPage = db.prepare(
      'SELECT rowid, article_id, revision, saved_at, content, source_file, source_line FROM article_revisions WHERE rowid > ? ORDER BY rowid LIMIT 500',
    );
    for (let last = 0; ; ) {
      const rows = revPage.all(last) as { rowid: number; article_id: number; revision: number; saved_at: string; content: string; source_file: string | null; source_line: number | null }[];
      if (rows.length === 0) break;
      for (const r of rows) {
        const where = `revision ${r.revision} of article ${r.article_id}`;
        try {
          const content = JSON.parse(r.content) as unknown;
          assetsIn(content, kept);
          const parsed = ArticleRevisionSchema.safeParse({
            articleId: r.article_id,
            revision: r.revision,
            savedAt: r.saved_at,
            content,
            source: r.source_file === null && r.source_line === null ? null : { file: r.source_file, line: r.source_line },
          });
          if (!parsed.success) problem(`${where}: ${formatIssues(parsed.error.issues).join('; ')}`);
        } catch (e) {
          problem(`${where}: unreadable JSON (${(e as Error).message})`);
        }
      }
      last = rows[rows.length - 1].rowid;
    }
    const badRevisions = db
      .prepare(
        'SELECT r.article_id, r.revision FROM article_revisions r JOIN articles a ON a.id = r.article_id WHERE r.revision >= a.revision',
      )
      .all() as { article_id: number; revision: number }[];
    for (const r of badRevisions) problem(`revision ${r.revision} of article ${r.article_id} is not older than the article`);
  });

  // Templates and editions (schema 3): every document valid, its template present, the
  // listing columns in step with it, every command log entry readable.
  step('reading templates and editions', () => {
    for (const t of db.prepare('SELECT id, data FROM templates').all() as { id: string; data: string }[]) {
      const parsed = TemplateSchema.safeParse(parseJson(t.data));
      if (!parsed.success) problem(`template ${t.id}: ${formatIssues(parsed.error.issues).join('; ')}`);
      else if (parsed.data.id !== t.id) problem(`template ${t.id}: its document says id ${parsed.data.id}`);
      // A user's template stored before templates were checked as a whole: its pages print broken.
      else for (const p of templateProblems(parsed.data)) problem(`template ${t.id}: ${p.en}`);
    }
    const editions = db.prepare('SELECT id, name, date, template, page_count, doc FROM editions').all() as { id: number; name: string; date: string; template: string; page_count: number; doc: string }[];
    for (const e of editions) {
      const where = `edition ${e.id}`;
      const parsed = EditionSchema.safeParse(parseJson(e.doc));
      if (!parsed.success) {
        problem(`${where}: ${formatIssues(parsed.error.issues).join('; ')}`);
        continue;
      }
      const d = parsed.data;
      d.pages.forEach((p, i) => {
        for (const f of p.frames) if (f.kind === 'photo' && f.asset !== null) wants(f.asset, `${where}'s photo frame ${f.id} (page ${i + 1})`);
      });
      if (d.id !== e.id || d.name !== e.name || d.date !== e.date || d.template !== e.template || d.pages.length !== e.page_count) {
        problem(`${where}: the listing columns disagree with its document`);
      }
    }
    const badCommands = db.prepare('SELECT edition_id, seq, command, inverse FROM edition_commands').all() as { edition_id: number; seq: number; command: string; inverse: string }[];
    for (const c of badCommands) {
      for (const [what, json] of [['command', c.command], ['inverse', c.inverse]] as const) {
        const command = parseJson(json);
        assetsIn(command, kept);
        const parsed = CommandSchema.safeParse(command);
        if (!parsed.success) problem(`edition ${c.edition_id} ${what} ${c.seq}: ${formatIssues(parsed.error.issues).join('; ')}`);
      }
    }
  });

  // Pictures (schema 8): each row's bytes hash to its reference and read as the JPEG its
  // columns describe; every picture named above is there. A few rows at a time: blobs are big.
  // Only a library read whole knows every picture in use: with a problem above (a row that
  // could not be read may name one) no picture is called unused.
  const everyUseKnown = problems.length === 0;
  if (!everyUseKnown && counts.images) skipped.push('pictures used by nothing (with the problems above, a row that could not be read may name one)');
  for (const ref of wanted.keys()) kept.add(ref);
  step('reading images', () => {
    const page = db.prepare(
      'SELECT images.rowid AS rowid, ref, width, height, components, progressive, adobe_transform, orientation, image_profiles.ref IS NOT NULL AS has_profile, ' +
        'description AS profile_description, problem AS profile_problem, byte_count, bytes, file_name, added_at FROM images LEFT JOIN image_profiles USING (ref) WHERE images.rowid > ? ORDER BY images.rowid LIMIT 16',
    );
    for (let last = 0; ; ) {
      const rows = page.all(last) as (Omit<ImageRow, 'format' | 'ink_most' | 'ink_over'> & { rowid: number; bytes: Buffer })[];
      if (rows.length === 0) break;
      for (const r of rows) {
        const where = `image ${r.ref}`;
        if (everyUseKnown && !kept.has(r.ref)) {
          notices.push(`${where} (${r.file_name}, ${Math.ceil(r.byte_count / 1024)} KB, stored ${r.added_at}) is used by nothing: no article or older version of one, no edition, no edit to undo or redo names it`);
        }
        if (refOf(r.bytes) !== r.ref) {
          problem(`${where}: its bytes do not hash to its reference (they are ${refOf(r.bytes)})`);
          continue;
        }
        if (r.bytes.length !== r.byte_count) problem(`${where}: byte_count ${r.byte_count}, the picture has ${r.bytes.length}`);
        try {
          const j = readJpeg(r.bytes);
          const stored = [r.width, r.height, r.components, r.progressive === 1, r.adobe_transform, r.orientation];
          const read = [j.width, j.height, j.components, j.progressive, j.adobeTransform, j.orientation];
          if (stored.some((v, k) => v !== read[k])) problem(`${where}: its columns (${stored.join(', ')}) disagree with the picture (${read.join(', ')})`);
          const profile = (p: { description: string | null; problem: string | null } | null) => (p ? `profile “${p.description ?? ''}”${p.problem ? ` (${p.problem})` : ''}` : 'no profile');
          const storedProfile = profile(r.has_profile === 1 ? { description: r.profile_description, problem: r.profile_problem } : null);
          if (storedProfile !== profile(j.profile)) problem(`${where}: its stored profile (${storedProfile}) disagrees with the picture (${profile(j.profile)})`);
        } catch (e) {
          problem(`${where}: not a picture the plate can carry (${(e as Error).message})`);
        }
      }
      last = rows[rows.length - 1].rowid;
    }
    const has = db.prepare('SELECT 1 FROM images WHERE ref = ?').pluck();
    for (const [ref, where] of wanted) {
      if (has.get(ref) === undefined) problem(`${where.join(', ')}: picture ${ref} is not in the library`);
    }
  });

  return finish();
}

/** Adds every `asset` a JSON value names (a photo block's, a photo frame's, wherever it sits in a command) to `into`. */
function assetsIn(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) assetsIn(v, into);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'asset' && typeof v === 'string') into.add(v);
      else assetsIn(v, into);
    }
  }
}

/** JSON.parse, or a value no schema accepts (the schema's issue then names the row). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return Symbol('unreadable JSON');
  }
}
