// Templates and editions in the library: commands applied in one transaction with their
// inverses logged, undo and redo, persistence, and the schema-3 upgrade.
import { afterAll, describe, expect, it } from 'vitest';
import { CommandError, type Command } from '../../../shared/edition/commands';
import { SHIPPED_TEMPLATES } from '../../../shared/model/templates';
import { LATEST_SCHEMA_VERSION, openLibrary } from '../../../electron/services/library';
import { createLibraryFile, openRawDatabase } from '../../../electron/services/library/testing';
import { cleanupDirs, fakeClock, insertSchema3Article, tempDir, zh } from './helpers';
import { join } from 'node:path';

afterAll(cleanupDirs);

function fresh() {
  return openLibrary(join(tempDir(), 'lib.pasteup'), { clock: fakeClock() });
}

describe('templates', () => {
  it('ship broadsheet-zh, tabloid-zh and broadsheet-us', () => {
    const lib = fresh();
    expect(lib.templates.list().map((t) => t.id)).toEqual(expect.arrayContaining(['broadsheet-zh', 'tabloid-zh', 'broadsheet-us']));
    expect(lib.templates.get('broadsheet-zh')).toEqual(SHIPPED_TEMPLATES[0]);
    lib.close();
  });

  it('take the user’s own and refuse to replace an existing one', () => {
    const lib = fresh();
    const mine = { ...SHIPPED_TEMPLATES[0], id: 'evening-zh', name: '晚报', columns: 6 };
    expect(lib.templates.add(mine)).toMatchObject({ id: 'evening-zh', builtIn: false, columns: 6 });
    expect(() => lib.templates.add(mine)).toThrow(/already exists/);
    expect(() => lib.templates.add({ ...SHIPPED_TEMPLATES[0] })).toThrow(/shipped/);
    expect(lib.templates.list().map((t) => t.id)).toContain('evening-zh');
    lib.close();
  });

  it('refuse one that makes no page for the plant, naming every problem, and store nothing', () => {
    const lib = fresh();
    const tabloid = SHIPPED_TEMPLATES.find((t) => t.id === 'tabloid-zh')!;
    const broken = { ...tabloid, id: 'broken', gutter: 60, bleed: 0 };
    expect(() => lib.templates.add(broken)).toThrow(
      /^template 'broken' cannot make a page for the plant: 5 columns with 60 mm gutters do not fit the type area \(226 mm wide\).*; the bleed is 0.* \/ 模板“broken”不能用来排版：/,
    );
    expect(lib.templates.get('broken')).toBeNull();
    lib.close();
  });

  it('make no edition on one stored before templates were checked', () => {
    const path = join(tempDir(), 'old.pasteup');
    openLibrary(path, { clock: fakeClock() }).close();
    const raw = openRawDatabase(path);
    raw.exec(`INSERT INTO templates (id, data, built_in, added_at) SELECT 'wide-gutters', json_set(data, '$.id', 'wide-gutters', '$.gutter', 60, '$.builtIn', json('false')), 0, added_at FROM templates WHERE id = 'tabloid-zh'`);
    raw.close();
    const lib = openLibrary(path, { clock: fakeClock() });
    expect(() => lib.editions.create({ name: '晚报', date: '2024-01-27', template: 'wide-gutters', pages: 2 })).toThrow(/^template 'wide-gutters' cannot make a page for the plant: 5 columns with 60 mm gutters do not fit/);
    expect(lib.editions.list()).toEqual([]);
    lib.close();
  });
});

describe('editions', () => {
  it('are created with numbered empty pages and listed', () => {
    const lib = fresh();
    const e = lib.editions.create({ name: '早版', date: '2024-01-27', template: 'broadsheet-zh', pages: 4 });
    expect(e.pages.map((p) => [p.id, p.label])).toEqual([['p1', null], ['p2', null], ['p3', null], ['p4', null]]);
    expect(e.publication).toBe('太原日报');
    expect(lib.editions.list()).toEqual([expect.objectContaining({ id: e.id, name: '早版', date: '2024-01-27', pages: 4, template: 'broadsheet-zh' })]);
    expect(() => lib.editions.create({ name: 'x', date: '2024-01-27', template: 'nope', pages: 2 })).toThrow(/no template 'nope'/);
    lib.close();
  });

  it('apply commands on disk, undo and redo them, and a new command drops the redo stack', () => {
    const path = join(tempDir(), 'e.pasteup');
    let lib = openLibrary(path, { clock: fakeClock() });
    const a = lib.articles.create(zh(['标题'], ['正文。']));
    const e = lib.editions.create({ name: '早版', date: '2024-01-27', template: 'broadsheet-zh', pages: 2 });
    const placed = lib.editions.apply(e.id, { type: 'placeArticle', page: 'p1', article: a.id, col: 0, span: 4, top: 0, height: 20 }).edition;
    expect(placed.pages[0].frames).toHaveLength(1);
    lib.close();
    // Nothing is saved later: a command that returned is on disk.
    lib = openLibrary(path, { clock: fakeClock() });
    expect(lib.editions.require(e.id)).toEqual(placed);
    expect(lib.editions.undo(e.id)).toEqual(e);
    expect(lib.editions.undo(e.id)).toBeNull();
    expect(lib.editions.redo(e.id)).toEqual(placed);
    expect(lib.editions.redo(e.id)).toBeNull();
    lib.editions.undo(e.id);
    lib.editions.apply(e.id, { type: 'setPage', page: 'p1', label: 'A1' });
    expect(lib.editions.redo(e.id)).toBeNull();
    expect(lib.editions.require(e.id).pages[0].label).toBe('A1');
    lib.close();
  });

  it('undoStep and redoStep say which command they undid or applied again, newest first and oldest first', () => {
    const lib = fresh();
    const e = lib.editions.create({ name: '早版', date: '2024-01-27', template: 'broadsheet-zh', pages: 2 });
    const label: Command = { type: 'setPage', page: 'p1', label: 'A1' };
    const move: Command = { type: 'movePage', from: 0, to: 1 };
    const labelled = lib.editions.apply(e.id, label).edition;
    const moved = lib.editions.apply(e.id, move).edition;
    expect(lib.editions.undoStep(e.id)).toEqual({ edition: labelled, command: move });
    expect(lib.editions.undoStep(e.id)).toEqual({ edition: e, command: label });
    expect(lib.editions.undoStep(e.id)).toBeNull();
    expect(lib.editions.redoStep(e.id)).toEqual({ edition: labelled, command: label });
    expect(lib.editions.redoStep(e.id)).toEqual({ edition: moved, command: move });
    expect(lib.editions.redoStep(e.id)).toBeNull();
    lib.close();
  });

  it('leave the edition unchanged when a command is refused', () => {
    const lib = fresh();
    const e = lib.editions.create({ name: '早版', date: '2024-01-27', template: 'broadsheet-zh', pages: 2 });
    expect(() => lib.editions.apply(e.id, { type: 'placeAd', page: 'p9', label: 'x', col: 0, span: 1, top: 0, height: 1 })).toThrow(CommandError);
    expect(() => lib.editions.apply(e.id, { type: 'placeAd', page: 'p1', label: 'x', col: 7, span: 4, top: 0, height: 1 })).toThrow(CommandError);
    expect(lib.editions.require(e.id)).toEqual(e);
    expect(lib.editions.undo(e.id)).toBeNull();
    lib.close();
  });

  it('run several changes in one library transaction: all or nothing', () => {
    const lib = fresh();
    const before = lib.editions.list().length;
    expect(() =>
      lib.transaction(() => {
        lib.editions.create({ name: '早版', date: '2024-01-27', template: 'broadsheet-zh', pages: 2 });
        throw new Error('plan failed');
      }),
    ).toThrow('plan failed');
    expect(lib.editions.list()).toHaveLength(before);
    lib.close();
  });
});

describe('check() on editions', () => {
  it('passes a sound edition and its command log, and finds a damaged document', () => {
    const path = join(tempDir(), 'c.pasteup');
    let lib = openLibrary(path, { clock: fakeClock() });
    const e = lib.editions.create({ name: '早版', date: '2024-01-27', template: 'broadsheet-zh', pages: 2 });
    lib.editions.apply(e.id, { type: 'setPage', page: 'p1', label: 'A1' });
    expect(lib.check()).toMatchObject({ ok: true, problems: [] });
    lib.close();
    const raw = openRawDatabase(path);
    raw.prepare('UPDATE editions SET doc = json_set(doc, \'$.pages[0].frames\', json(\'[{"id":"f9","kind":"article","part":0}]\')) WHERE id = ?').run(e.id);
    raw.prepare("UPDATE edition_commands SET inverse = '{\"type\":\"nope\"}' WHERE edition_id = ?").run(e.id);
    raw.close();
    lib = openLibrary(path, { clock: fakeClock() });
    const r = lib.check();
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^edition 1: /), expect.stringMatching(/^edition 1 inverse 1: /)]));
    lib.close();
  });
});

describe('migration 3 (editions)', () => {
  it('upgrades a schema-2 library: articles kept, templates seeded, editions work', () => {
    const path = join(tempDir(), 'v2.pasteup');
    createLibraryFile(path, 2);
    // Write an article as the schema-2 code did (row and schema-2 indexes) on the raw file.
    const raw = openRawDatabase(path);
    raw.pragma('foreign_keys = ON');
    const a = { id: insertSchema3Article(raw, zh(['太原'], ['正文。']), 'tai-yuan') };
    expect(raw.pragma('user_version', { simple: true })).toBe(2);
    expect(raw.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'editions'").pluck().get()).toBe(0);
    raw.close();

    const lib = openLibrary(path, { clock: fakeClock() });
    expect(lib.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(lib.articles.get(a.id)?.headline).toEqual(['太原']);
    expect(lib.articles.list({ search: '太原' }).map((x) => x.id)).toEqual([a.id]);
    expect(lib.templates.list()).toHaveLength(SHIPPED_TEMPLATES.length);
    const e = lib.editions.create({ name: 'x', date: '2024-01-27', template: 'tabloid-zh', pages: 1 });
    expect(lib.editions.apply(e.id, { type: 'placeArticle', page: 'p1', article: a.id, col: 0, span: 2, top: 0, height: 10 }).edition.pages[0].frames).toHaveLength(1);
    expect(lib.check().ok).toBe(true);
    lib.close();
  });
});
