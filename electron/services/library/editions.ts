// Editions: one document each, changed only by commands (shared/edition/commands.ts). A
// command is applied and logged with its inverse in one transaction; undo and redo apply
// inverses. Nothing is saved "later": a command that returned is on disk.
import type Database from 'better-sqlite3';
import { applyCommand, CommandSchema, type Command } from '../../../shared/edition/commands';
import { EditionSchema, type Edition, type Template } from '../../../shared/model/edition';
import { LibraryError } from './errors';
import { refuseBrokenTemplate, type TemplateRepository } from './templates';

export interface EditionSummary {
  id: number;
  name: string;
  publication: string;
  date: string;
  template: string;
  pages: number;
  revision: number;
  updatedAt: string;
}

export interface NewEdition {
  name: string;
  /** YYYY-MM-DD */
  date: string;
  template: string;
  pages: number;
  publication?: string;
  language?: 'zh' | 'en';
}

export interface Applied {
  edition: Edition;
  /** The command that would undo this one. */
  inverse: Command;
}

/** An undo or a redo: the edition after it, and the command undone or applied again (as first applied). */
export interface Step {
  edition: Edition;
  command: Command;
}

export class EditionNotFoundError extends LibraryError {
  constructor(readonly id: number) {
    super(`no edition #${id} in the library`);
    this.name = 'EditionNotFoundError';
  }
}

interface EditionRow {
  id: number;
  name: string;
  publication: string;
  date: string;
  template: string;
  page_count: number;
  revision: number;
  updated_at: string;
}

export class EditionRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => string,
    private readonly templates: TemplateRepository,
  ) {}

  list(): EditionSummary[] {
    const rows = this.db.prepare('SELECT id, name, publication, date, template, page_count, revision, updated_at FROM editions ORDER BY date DESC, id DESC').all() as EditionRow[];
    return rows.map((r) => ({ id: r.id, name: r.name, publication: r.publication, date: r.date, template: r.template, pages: r.page_count, revision: r.revision, updatedAt: r.updated_at }));
  }

  get(id: number): Edition | null {
    const doc = this.db.prepare('SELECT doc FROM editions WHERE id = ?').pluck().get(id) as string | undefined;
    return doc === undefined ? null : EditionSchema.parse(JSON.parse(doc));
  }

  require(id: number): Edition {
    const e = this.get(id);
    if (!e) throw new EditionNotFoundError(id);
    return e;
  }

  templateOf(edition: Edition): Template {
    const t = this.templates.get(edition.template);
    if (!t) throw new LibraryError(`edition #${edition.id} uses template '${edition.template}', which is not in the library`);
    return t;
  }

  /** A new edition of `pages` empty, unlabelled pages. */
  create(spec: NewEdition): Edition {
    const template = this.templates.get(spec.template);
    if (!template) throw new LibraryError(`no template '${spec.template}' (see pasteup templates)`);
    refuseBrokenTemplate(template);
    if (!Number.isInteger(spec.pages) || spec.pages < 1 || spec.pages > 400) throw new LibraryError('an edition has 1 to 400 pages');
    const at = this.now();
    return this.db
      .transaction(() => {
        const draft = {
          publication: spec.publication ?? template.folio.publication,
          date: spec.date,
          name: spec.name,
          template: template.id,
          language: spec.language ?? template.language,
        };
        const info = this.db
          .prepare("INSERT INTO editions (name, publication, date, template, page_count, doc, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '{}', ?, ?)")
          .run(draft.name, draft.publication, draft.date, draft.template, spec.pages, at, at);
        const id = Number(info.lastInsertRowid);
        const edition = EditionSchema.parse({
          id,
          ...draft,
          pages: Array.from({ length: spec.pages }, (_, i) => ({ id: `p${i + 1}`, label: null, section: null, frames: [] })),
          nextId: spec.pages + 1,
        });
        this.db.prepare('UPDATE editions SET doc = ? WHERE id = ?').run(JSON.stringify(edition), id);
        return edition;
      })
      .immediate();
  }

  /** Applies a command in one transaction; the redo stack is dropped. */
  apply(id: number, command: Command): Applied {
    const cmd = CommandSchema.parse(command);
    return this.db
      .transaction(() => {
        const edition = this.require(id);
        const { doc, inverse } = applyCommand(edition, cmd, this.templateOf(edition));
        this.db.prepare("DELETE FROM edition_commands WHERE edition_id = ? AND state = 'undone'").run(id);
        const seq = ((this.db.prepare('SELECT max(seq) FROM edition_commands WHERE edition_id = ?').pluck().get(id) as number | null) ?? 0) + 1;
        this.db.prepare("INSERT INTO edition_commands (edition_id, seq, command, inverse, state, applied_at) VALUES (?, ?, ?, ?, 'done', ?)").run(id, seq, JSON.stringify(cmd), JSON.stringify(inverse), this.now());
        this.store(doc);
        return { edition: doc, inverse };
      })
      .immediate();
  }

  /** Undoes the newest command; null when there is nothing to undo. */
  undo(id: number): Edition | null {
    return this.undoStep(id)?.edition ?? null;
  }

  /** Re-applies the oldest undone command; null when there is nothing to redo. */
  redo(id: number): Edition | null {
    return this.redoStep(id)?.edition ?? null;
  }

  /** undo(), also saying which command was undone (what the CLI reports). */
  undoStep(id: number): Step | null {
    return this.step(id, 'undo');
  }

  /** redo(), also saying which command was applied again. */
  redoStep(id: number): Step | null {
    return this.step(id, 'redo');
  }

  /**
   * Undo applies the inverse of the newest done command and marks it undone; redo applies the
   * oldest undone command again and marks it done. One transaction either way.
   */
  private step(id: number, way: 'undo' | 'redo'): Step | null {
    const [state, next, order] = way === 'undo' ? (['done', 'undone', 'DESC'] as const) : (['undone', 'done', 'ASC'] as const);
    return this.db
      .transaction(() => {
        const edition = this.require(id);
        const row = this.db.prepare(`SELECT seq, command, inverse FROM edition_commands WHERE edition_id = ? AND state = ? ORDER BY seq ${order} LIMIT 1`).get(id, state) as
          | { seq: number; command: string; inverse: string }
          | undefined;
        if (!row) return null;
        const command = CommandSchema.parse(JSON.parse(row.command));
        const { doc } = applyCommand(edition, way === 'undo' ? CommandSchema.parse(JSON.parse(row.inverse)) : command, this.templateOf(edition));
        this.db.prepare('UPDATE edition_commands SET state = ? WHERE edition_id = ? AND seq = ?').run(next, id, row.seq);
        this.store(doc);
        return { edition: doc, command };
      })
      .immediate();
  }

  private store(doc: Edition): void {
    const valid = EditionSchema.parse(doc);
    this.db
      .prepare('UPDATE editions SET doc = ?, page_count = ?, revision = revision + 1, updated_at = ? WHERE id = ?')
      .run(JSON.stringify(valid), valid.pages.length, this.now(), valid.id);
  }
}
