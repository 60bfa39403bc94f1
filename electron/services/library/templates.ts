// Page templates: the shipped ones (seeded by migration 3) and the user's own.
import type Database from 'better-sqlite3';
import { TemplateSchema, type Template } from '../../../shared/model/edition';
import { templateProblems } from '../../../shared/layout/grid';
import { LibraryError } from './errors';
import { formatIssues } from './rows';

export class TemplateRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => string,
  ) {}

  list(): Template[] {
    const rows = this.db.prepare('SELECT data FROM templates ORDER BY built_in DESC, id').pluck().all() as string[];
    return rows.map((r) => TemplateSchema.parse(JSON.parse(r)));
  }

  get(id: string): Template | null {
    const row = this.db.prepare('SELECT data FROM templates WHERE id = ?').pluck().get(id) as string | undefined;
    return row === undefined ? null : TemplateSchema.parse(JSON.parse(row));
  }

  /**
   * Adds a user template; ids are unique and shipped templates cannot be replaced. A template
   * that makes no page (templateProblems: columns that do not fit, margins wider than the
   * page, no bleed…) is refused, every problem named, rather than stored and set broken.
   */
  add(template: Template): Template {
    const parsed = TemplateSchema.safeParse({ ...template, builtIn: false });
    if (!parsed.success) throw new LibraryError(`template '${String(template.id)}' is not a template: ${formatIssues(parsed.error.issues).join('; ')}`);
    const t = parsed.data;
    refuseBrokenTemplate(t);
    const existing = this.get(t.id);
    if (existing) throw new LibraryError(`a template named '${t.id}' already exists${existing.builtIn ? ' (it is shipped with Pasteup)' : ''}`);
    this.db.prepare('INSERT INTO templates (id, data, built_in, added_at) VALUES (?, ?, 0, ?)').run(t.id, JSON.stringify(t), this.now());
    return t;
  }
}

/**
 * Throws when the template makes no page for the plant (templateProblems), every problem named:
 * a user's template is refused when it is added, and an edition is not made on one stored
 * before templates were checked (`check` reports those).
 */
export function refuseBrokenTemplate(t: Template): void {
  const problems = templateProblems(t);
  if (problems.length) throw new LibraryError(`template '${t.id}' cannot make a page for the plant: ${problems.map((p) => p.en).join('; ')} / 模板“${t.id}”不能用来排版：${problems.map((p) => p.zh).join('；')}`);
}
