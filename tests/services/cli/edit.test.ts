// The editing verbs — pages add/delete/label/move, frames list/place/continue/move/resize/
// remove/unlink/reorder, undo, redo — as a night desk uses them: what each edit reports
// (pages renumbered, jump lines changed, preflight errors it leaves) checked against the
// layout the engine sets, the model's errors passed through, and undo/redo restoring the
// stored edition exactly.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../../electron/services/library';
import type { Command } from '../../../shared/edition/commands';
import type { Edition } from '../../../shared/model/edition';
import { expectCleanFailure, FIXTURE, tempDir } from './library-helpers';
import { runCli, spawnCli, type CliResult } from './run-cli';

const dir = tempDir('edit');
const lib = join(dir, 'edit.pasteup');

interface Summary {
  id: number;
  kind: string;
  headline: string[];
  chars: number;
}
interface LayoutFrame {
  frame: string;
  article: number | null;
  part: number;
  jumpIn: string | null;
  jumpOut: string | null;
}
interface Layout {
  pages: { label: string; section: string | null; frames: LayoutFrame[] }[];
}
interface Issue {
  code: string;
  severity: string;
  frames: string[];
  article: number | null;
  message: { zh: string; en: string };
}
interface Report {
  edition: number;
  done: string;
  command: Command;
  pages: { page: string; before: string; after: string }[];
  jumps: { frame: string; article: number; title: string; part: number; page: string; line: 'in' | 'out'; before: string | null; after: string | null }[];
  preflight: { errors: number; new: Issue[]; cleared: Issue[] };
}

async function json<T>(args: string[]): Promise<T> {
  const r = await runCli([...args, '--json']);
  expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(0);
  return JSON.parse(r.out) as T;
}

const on = (e: number) => ['--library', lib, '--edition', String(e)];
const edit = (e: number, verb: string[], opts: string[]) => json<Report>([...verb, ...on(e), ...opts]);
const layout = (e: number) => json<Layout>(['layout', ...on(e)]);

/** The edition as the library stores it. */
function stored(e: number): Edition {
  const l = openLibrary(lib, { create: false });
  try {
    return l.editions.require(e);
  } finally {
    l.close();
  }
}

function revision(e: number): number {
  const l = openLibrary(lib, { create: false });
  try {
    return l.editions.list().find((x) => x.id === e)!.revision;
  } finally {
    l.close();
  }
}

let A: Summary; // the longest story: over three pages
let B: Summary; // a story from page 1 to page 4
let C: Summary; // a story placed by the tests
let planCount = 0;

/**
 * Four pages numbered by position: A from page 1 over pages 2 and 3, B from page 1 to page 4
 * (so deleting page 2 changes B's jump line too, though nothing of B was on it).
 */
async function planEdition(): Promise<number> {
  const file = join(dir, `plan-${++planCount}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      edition: { name: `edit ${planCount}`, date: '2024-01-27', template: 'broadsheet-zh' },
      pages: [
        { frames: [{ article: A.id, col: 0, span: 2, top: 0, height: 20 }, { article: B.id, col: 2, span: 2, top: 0, height: 20 }] },
        { frames: [{ article: A.id, part: 1, col: 0, span: 2, top: 0, height: 20 }] },
        { section: '要闻', frames: [{ article: A.id, part: 2, col: 0, span: 4, top: 0, height: 40 }] },
        { frames: [{ article: B.id, part: 1, col: 4, span: 4, top: 0, height: 30 }] },
      ],
    }),
  );
  return (await json<{ edition: number }>(['plan', 'apply', file, '--library', lib])).edition;
}

/** The frames of a layout by id, with the page label each is on. */
function framesOf(l: Layout): Map<string, LayoutFrame & { label: string }> {
  return new Map(l.pages.flatMap((p) => p.frames.map((f) => [f.frame, { ...f, label: p.label }] as const)));
}

/**
 * What the report says changed is what the engine sets: each jump line it names read
 * `before` in the layout before the edit and reads `after` now, and every jump line that
 * reads differently on a frame still placed is named.
 */
function expectReportMatchesLayouts(report: Report, was: Layout, now: Layout): void {
  const before = framesOf(was);
  const after = framesOf(now);
  const key = (line: 'in' | 'out') => (line === 'in' ? 'jumpIn' : 'jumpOut');
  for (const j of report.jumps) {
    expect(after.get(j.frame)![key(j.line)], `${j.frame} ${j.line}`).toBe(j.after);
    expect(after.get(j.frame)!.label).toBe(j.page);
    expect(before.get(j.frame)?.[key(j.line)] ?? null, `${j.frame} ${j.line}`).toBe(j.before);
  }
  const changed = [...after].flatMap(([id, f]) => (['in', 'out'] as const).filter((line) => (before.get(id)?.[key(line)] ?? null) !== f[key(line)]).map((line) => `${id} ${line}`));
  expect(report.jumps.map((j) => `${j.frame} ${j.line}`).sort()).toEqual(changed.sort());
}

beforeAll(async () => {
  const r = await json<{ files: { imported: Summary[] }[] }>(['import', FIXTURE, '--library', lib]);
  const stories = r.files[0].imported.filter((a) => a.kind === 'story').sort((a, b) => b.chars - a.chars);
  [A, B, C] = stories;
});

describe('the night desk deletes a page in the middle', () => {
  it('the report names the pages renumbered and the jump lines that follow, as the layout sets them; the gap is warned of; undo restores the edition exactly', async () => {
    const e = await planEdition();
    const before = stored(e);
    const was = await layout(e);
    const gone = before.pages[1].frames[0].id;

    const report = await edit(e, ['pages', 'delete'], ['--page', '2']);
    const now = await layout(e);
    expect(report.command).toEqual({ type: 'deletePage', page: before.pages[1].id });
    expect(report.done).toBe(`Deleted page 2 and its 1 frame: frame ${gone} (${A.headline.join(' / ')} (#${A.id}), part 1)`);
    // Pages 3 and 4, numbered by position, now print 2 and 3.
    expect(report.pages).toEqual([
      { page: before.pages[2].id, before: '3', after: '2' },
      { page: before.pages[3].id, before: '4', after: '3' },
    ]);
    expectReportMatchesLayouts(report, was, now);
    // B lost nothing, yet its jump line follows its continuation from page 4 to page 3; A's
    // last part now opens from page 1, where the text before it is.
    expect(report.jumps.map((j) => [j.article, j.line, j.before, j.after])).toEqual([
      [B.id, 'out', '（下转第4版）', '（下转第3版）'],
      [A.id, 'in', '（上接第2版）', '（上接第1版）'],
    ]);
    // The missing middle part is an error preflight gives too.
    expect(report.preflight.new.map((i) => [i.code, i.article])).toEqual([['part-missing', A.id]]);
    const full = await runCli(['preflight', ...on(e), '--json']);
    expect((JSON.parse(full.out) as { issues: Issue[] }).issues.map((i) => i.code)).toContain('part-missing');

    // Undo, in text mode: what was undone, the lines back, the error cleared; stored exactly as before.
    const undo = await runCli(['undo', ...on(e)]);
    expect(undo.code, undo.err).toBe(0);
    expect(undo.out).toContain(`Undone: Deleted page 2 and its 1 frame: frame ${gone}`);
    expect(undo.out).toContain('Pages now print: 2 → 3, 3 → 4.');
    expect(undo.out).toContain(`page 1, ${B.headline.join(' / ')} (#${B.id}): （下转第3版） → （下转第4版）`);
    // The frame put back has its jump lines; they are not counted as changed ("(none) → …").
    expect(undo.out).toContain('2 jump lines changed:\n');
    expect(undo.out).toMatch(new RegExp(`^2 jump lines on frames the edit placed or put back:\\n {2}page 2, .*\\(#${A.id}\\) part 1: （上接第1版）\\n {2}page 2, .*\\(#${A.id}\\) part 1: （下转第3版）$`, 'm'));
    expect(undo.out).not.toContain('(none)');
    expect(undo.out).toMatch(/^Cleared 1 preflight error: .*missing continuation 1/m);
    expect(undo.err).toBe('');
    expect(stored(e)).toEqual(before);
    expect(await layout(e)).toEqual(was);
  });

  it('in text mode the delete says what it did and warns on stderr of the error it leaves (the real command)', async () => {
    const e = await planEdition();
    const r = spawnCli(['pages', 'delete', ...on(e), '--page', '2']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Deleted page 2 and its 1 frame: /);
    expect(r.out).toContain('2 jump lines changed:\n');
    expect(r.out).toContain(`page 2, ${A.headline.join(' / ')} (#${A.id}) part 2: （上接第2版） → （上接第1版）`);
    expect(r.err).toMatch(/^warning: the edition now has 1 new preflight error \(pasteup undo takes the edit back\):\n {2}error: page 2 frame f\d+: .*missing continuation 1.* \/ .*缺少第1个转版部分/);
  });
});

describe('every edit undone and redone', () => {
  it('undo walks back through every verb to the plan, restoring each stored edition exactly; redo walks forward again', async () => {
    const e = await planEdition();
    const frameOf = (pred: (f: Edition['pages'][number]['frames'][number]) => boolean) => stored(e).pages.flatMap((p) => p.frames).find(pred)!.id;
    const steps: { args: () => string[][]; type: Command['type'] }[] = [
      { args: () => [['pages', 'add'], ['--at', '2', '--label', 'A2', '--section', '要闻']], type: 'addPage' },
      { args: () => [['pages', 'label'], ['--page', '4', '--label', '第4版']], type: 'setPage' },
      { args: () => [['frames', 'place'], ['--page', '1', '--photo', '1月27日，"迎春"活动', '--credit', '牛晨阳 摄', '--col', '4', '--span', '2', '--top', '0', '--height', '20']], type: 'placePhoto' },
      { args: () => [['frames', 'place'], ['--page', '1', '--ad', '广告', '--col', '0', '--span', '8', '--top', '80', '--height', '20']], type: 'placeAd' },
      { args: () => [['frames', 'place'], ['--page', 'A2', '--article', String(C.id), '--col', '0', '--span', '4', '--top', '0', '--height', '30']], type: 'placeArticle' },
      { args: () => [['frames', 'continue'], ['--article', String(C.id), '--page', '第4版', '--col', '4', '--span', '4', '--top', '0', '--height', '30']], type: 'continueArticle' },
      { args: () => [['frames', 'move'], ['--frame', frameOf((f) => f.kind === 'article' && f.article === C.id && f.part === 0), '--page', '1', '--col', '4', '--top', '30']], type: 'moveFrame' },
      { args: () => [['frames', 'resize'], ['--frame', frameOf((f) => f.kind === 'article' && f.article === C.id && f.part === 0), '--height', '40']], type: 'resizeFrame' },
      { args: () => [['frames', 'reorder'], ['--article', String(B.id), '--order', [1, 0].map((p) => frameOf((f) => f.kind === 'article' && f.article === B.id && f.part === p)).join(',')]], type: 'reorderParts' },
      { args: () => [['frames', 'unlink'], ['--frame', frameOf((f) => f.kind === 'article' && f.article === C.id && f.part === 1)]], type: 'unlinkContinuation' },
      { args: () => [['frames', 'remove'], ['--frame', frameOf((f) => f.kind === 'photo')]], type: 'removeFrame' },
      { args: () => [['pages', 'move'], ['--from', '5', '--to', '1']], type: 'movePage' },
      { args: () => [['pages', 'delete'], ['--page', 'A2']], type: 'deletePage' },
      { args: () => [['pages', 'label'], ['--page', '#1', '--no-label', '--section', '体育']], type: 'setPage' },
    ];
    const states = [stored(e)];
    for (const s of steps) {
      const [verb, opts] = s.args();
      const r = await edit(e, verb, opts);
      expect(r.command.type, verb.join(' ')).toBe(s.type);
      states.push(stored(e));
      expect(states.at(-1), verb.join(' ')).not.toEqual(states.at(-2));
    }
    // The photo's caption is copy: the plan's quote rule (“迎春”), as plan apply gives it.
    expect(states[3].pages[0].frames.find((f) => f.kind === 'photo')).toMatchObject({ caption: '1月27日，“迎春”活动', credit: '牛晨阳 摄' });
    for (let i = steps.length; i > 0; i--) {
      const r = await json<Report>(['undo', ...on(e)]);
      expect(r.command.type).toBe(steps[i - 1].type);
      expect(r.done).toMatch(/^Undone: /);
      expect(stored(e), `undo of step ${i}`).toEqual(states[i - 1]);
    }
    for (let i = 1; i <= steps.length; i++) {
      const r = await json<Report>(['redo', ...on(e)]);
      expect(r.done).toMatch(/^Redone: /);
      expect(stored(e), `redo of step ${i}`).toEqual(states[i]);
    }
    expectCleanFailure(await runCli(['redo', ...on(e)]), 1, `edition ${e} has nothing to redo`);
    // A new edit after an undo drops what could be redone.
    await json<Report>(['undo', ...on(e)]);
    await edit(e, ['pages', 'add'], []);
    expectCleanFailure(await runCli(['redo', ...on(e)]), 1, 'nothing to redo');
  });

  it('undo goes back to the plan itself (one edit: its pages and frames), then has nothing left', async () => {
    const e = await planEdition();
    const r = await json<Report>(['undo', ...on(e)]);
    expect(r.command.type).toBe('batch');
    expect(r.done).toBe(`Undone: 6 changes as one: Placed ${A.headline.join(' / ')} (#${A.id}) on page 1, columns 1–2, lines 1–20; Placed ${B.headline.join(' / ')} (#${B.id}) on page 1, columns 3–4, lines 1–20; Page 3: section none → 要闻; and 3 more`);
    expect(stored(e).pages.flatMap((p) => p.frames)).toEqual([]);
    expectCleanFailure(await runCli(['undo', ...on(e)]), 1, `edition ${e} has nothing to undo`);
  });
});

describe('frames list', () => {
  it('lists every frame in plan units with the jump lines the layout sets', async () => {
    const e = await planEdition();
    const list = await json<{ pages: { page: string; position: number; label: string; section: string | null; frames: (LayoutFrame & { col: number; span: number; top: number; height: number; title: string | null })[] }[] }>(['frames', 'list', ...on(e)]);
    const l = await layout(e);
    const doc = stored(e);
    expect(list.pages.map((p) => [p.page, p.position, p.label, p.section])).toEqual(doc.pages.map((p, i) => [p.id, i + 1, l.pages[i].label, p.section]));
    list.pages.forEach((p, i) =>
      p.frames.forEach((f, k) => {
        const placed = doc.pages[i].frames[k];
        expect(f).toMatchObject({ frame: placed.id, col: placed.col, span: placed.span, top: placed.top, height: placed.height });
        expect([f.jumpIn, f.jumpOut]).toEqual([l.pages[i].frames[k].jumpIn, l.pages[i].frames[k].jumpOut]);
      }),
    );
    const text = await runCli(['frames', 'list', ...on(e), '--page', '3']);
    expect(text.out).toMatch(/^Page 3 {2}要闻 {2}\(1 frame\)\n {2}f\d+ +.* part 2 {2}col 0 span 4 top 0 height 40 {2}（上接第2版）\n$/);
  });
});

describe('errors', () => {
  it('the model’s errors come through as it words them, in both languages, exit 1, and change nothing', async () => {
    const e = await planEdition();
    const start = stored(e).pages[0].frames[0].id;
    const cont = stored(e).pages[1].frames[0].id;
    const rev = revision(e);
    const cases: [string[], string[]][] = [
      [['frames', 'resize', ...on(e), '--frame', start, '--span', '9'], ['Frame outside the type area: columns 1–9 of 8', '框超出版心：第1–9栏，版面只有 8 栏']],
      [['frames', 'place', ...on(e), '--page', '2', '--article', String(A.id), '--col', '4', '--span', '2', '--top', '0', '--height', '10'], [`Article ${A.id} is already placed (page 1)`, '已经上版']],
      [['frames', 'continue', ...on(e), '--page', '1', '--article', String(A.id), '--col', '4', '--span', '2', '--top', '30', '--height', '10'], ['a jump to the same page', '不能转到同一版']],
      [['frames', 'unlink', ...on(e), '--frame', start], [`Frame ${start} is the start of its article, not a continuation`, '不是转版部分']],
      [['frames', 'move', ...on(e), '--frame', 'f999', '--col', '0'], ['No frame f999', '找不到框 f999']],
      [['frames', 'place', ...on(e), '--page', '1', '--ad', 'x', '--col=-1', '--span', '2', '--top', '0', '--height', '10'], ['it starts left of column 1', '起点在第1栏左边']],
      [['pages', 'label', ...on(e), '--page', '2', '--label', '——'], ['A page label needs a letter or a number', '版名没有字母或数字']],
      [['frames', 'reorder', ...on(e), '--article', String(A.id), '--order', cont], [`The order must list every frame of article ${A.id} exactly once`, '新顺序必须恰好列出']],
    ];
    for (const [args, mentions] of cases) expectCleanFailure(await runCli(args), 1, ...mentions);
    expect(revision(e)).toBe(rev);
    const one = await json<{ edition: number }>(['edition', 'new', '--library', lib, '--name', 'one', '--date', '2024-01-27', '--template', 'broadsheet-zh', '--pages', '1']);
    expectCleanFailure(await runCli(['pages', 'delete', ...on(one.edition), '--page', '1']), 1, 'Cannot delete the only page of an edition / 不能删除唯一的版面');
    expectCleanFailure(await runCli(['undo', ...on(one.edition)]), 1, `edition ${one.edition} has nothing to undo`);
    expectCleanFailure(await runCli(['undo', '--library', lib, '--edition', '999']), 1, 'no edition #999');
    expectCleanFailure(await runCli(['frames', 'place', ...on(e), '--page', '2', '--article', '999', '--col', '4', '--span', '2', '--top', '0', '--height', '10']), 1, 'there is no article #999 in the library');
  });

  it('options the desk mistyped are usage errors (exit 2) in the desk’s terms', async () => {
    const e = await planEdition();
    const rev = revision(e);
    const cases: [string[], string][] = [
      [['pages', 'delete', ...on(e), '--page', 'B7'], '--page B7: no page prints that label; the pages print 1, 2, 3, 4'],
      [['pages', 'delete', ...on(e), '--page', '#9'], `--page #9: no such position: edition ${e} has 4 pages (positions 1–4)`],
      [['pages', 'add', ...on(e), '--at', '7'], `--at 7 is past the last page: edition ${e} has 4 pages (1–4; --at 5 adds one after them)`],
      [['pages', 'move', ...on(e), '--from', '1', '--to', '9'], `--to 9 is past the last page: edition ${e} has 4 pages (1–4)`],
      [['pages', 'label', ...on(e), '--page', '1'], 'give --label, --section, --no-label or --no-section'],
      [['pages', 'label', ...on(e), '--page', '1', '--label', 'A1', '--no-label'], 'give --label or --no-label, not both'],
      [['frames', 'place', ...on(e), '--page', '1', '--ad', 'x', '--col', 'two', '--span', '2', '--top', '0', '--height', '10'], "--col must be a whole number of columns, got 'two'"],
      [['frames', 'place', ...on(e), '--page', '1', '--ad', 'x', '--col', '0', '--span', '2', '--top', '0'], '--height is required'],
      [['frames', 'place', ...on(e), '--page', '1', '--ad', 'x', '--article', String(C.id), '--col', '0', '--span', '2', '--top', '0', '--height', '4'], 'a frame names exactly one of --article, --photo or --ad, not --article and --ad'],
      [['frames', 'place', ...on(e), '--page', '1', '--ad', 'x', '--credit', '牛晨阳 摄', '--col', '0', '--span', '2', '--top', '0', '--height', '4'], '--credit is a photo’s credit: give it with --photo'],
      [['frames', 'resize', ...on(e), '--frame', 'f5'], 'give --span, --height or both'],
      [['frames', 'remove', ...on(e), 'f5'], "unexpected argument 'f5'"],
    ];
    for (const [args, mention] of cases) expectCleanFailure(await runCli(args), 2, mention);
    expect(revision(e)).toBe(rev);
  });

  it('a label two pages print is ambiguous: the desk names one by position', async () => {
    const e = await planEdition();
    await edit(e, ['pages', 'label'], ['--page', '3', '--label', '2']);
    const r: CliResult = await runCli(['pages', 'delete', ...on(e), '--page', '2']);
    expectCleanFailure(r, 2, "--page 2: 2 pages print that label (positions 2, 3); name one by position, e.g. --page '#2'");
    const third = stored(e).pages[2].id;
    const deleted = await edit(e, ['pages', 'delete'], ['--page', '#3']);
    expect(deleted.command).toEqual({ type: 'deletePage', page: third });
    expect(deleted.done).toMatch(/^Deleted page 2 \(position 3\) and its 1 frame/);
  });
});
