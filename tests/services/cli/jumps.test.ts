// Jump lines through the product, as a night editor meets them: an edition planned with
// `plan apply`, its pages reordered, inserted, deleted and relabelled, articles edited with
// `update` after they were placed, continuations removed — and after each, the jump lines the
// layout sets, the ones `pdftotext` reads in every exported PDF, and what preflight says.
// Pages and frames are changed through the library's commands (the composer's edits).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../../electron/services/library';
import type { Command } from '../../../shared/edition/commands';
import { FIXTURE, tempDir } from './library-helpers';
import { runCli } from './run-cli';

const dir = tempDir('jumps');

interface Frame {
  frame: string;
  article: number | null;
  part: number;
  jumpIn: string | null;
  jumpOut: string | null;
  overset: number;
  lines: { role: string; text: string; x: number; width: number; measure: number; column: number }[];
}
interface Layout {
  pages: { label: string; frames: Frame[] }[];
}
interface Issue {
  code: string;
  severity: string;
  page: number | null;
  frame: string | null;
  message: { zh: string; en: string };
}

async function json<T>(args: string[]): Promise<T> {
  const r = await runCli([...args, '--json']);
  expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(0);
  return JSON.parse(r.out) as T;
}

async function importFile(lib: string, file: string, extra: string[] = []): Promise<number[]> {
  const r = await json<{ files: { imported: { id: number }[] }[] }>(['import', file, '--library', lib, '--allow-duplicates', ...extra]);
  return r.files[0].imported.map((a) => a.id);
}

async function plan(lib: string, name: string, p: unknown): Promise<number> {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(p));
  return (await json<{ edition: number }>(['plan', 'apply', file, '--library', lib])).edition;
}

const layout = (lib: string, e: number) => json<Layout>(['layout', '--library', lib, '--edition', String(e)]);

async function preflight(lib: string, e: number): Promise<{ code: number; issues: Issue[] }> {
  const r = await runCli(['preflight', '--library', lib, '--edition', String(e), '--json']);
  return { code: r.code, issues: (JSON.parse(r.out) as { issues: Issue[] }).issues };
}

function apply(lib: string, e: number, cmds: Command[]): void {
  const l = openLibrary(lib, { create: false });
  try {
    for (const c of cmds) l.editions.apply(e, c);
  } finally {
    l.close();
  }
}

function pages(lib: string, e: number) {
  const l = openLibrary(lib, { create: false });
  try {
    return l.editions.require(e).pages;
  } finally {
    l.close();
  }
}

/**
 * Every part's jump lines must name the page its neighbour part is on, as the page prints its
 * label (the folio's label, or the position of an unlabelled page). Returns the lines checked.
 */
function expectJumpsRight(l: Layout, out: (label: string) => string, into: (label: string) => string): string[] {
  const parts = new Map<number, { page: number; frame: Frame }[]>();
  l.pages.forEach((p, page) => {
    for (const f of p.frames) if (f.article !== null) parts.set(f.article, [...(parts.get(f.article) ?? []), { page, frame: f }]);
  });
  const checked: string[] = [];
  for (const [article, list] of parts) {
    list.sort((a, b) => a.frame.part - b.frame.part);
    list.forEach(({ frame }, i) => {
      const next = list[i + 1];
      const prev = list[i - 1];
      expect(frame.jumpOut, `article ${article} part ${frame.part}: jump-out`).toBe(next ? out(l.pages[next.page].label) : null);
      expect(frame.jumpIn, `article ${article} part ${frame.part}: jump-in`).toBe(prev ? into(l.pages[prev.page].label) : null);
      // Printed as a line of the frame, too, and nowhere in its text.
      expect(frame.lines.filter((x) => x.role === 'jump-out' || x.role === 'jump-in').map((x) => x.text)).toEqual([frame.jumpIn, frame.jumpOut].filter((t) => t !== null));
      for (const t of [frame.jumpIn, frame.jumpOut]) if (t) checked.push(t);
    });
  }
  return checked;
}

const ZH_OUT = (label: string) => `（下转第${label.replace(/^第(.*)版$/, '$1')}版）`;
const ZH_IN = (label: string) => `（上接第${label.replace(/^第(.*)版$/, '$1')}版）`;
const squeeze = (s: string) => s.replace(/\s+/g, '');

/** The jump lines pdftotext reads on one page of a PDF (whitespace removed: pdftotext spaces Latin inside CJK). */
function printedJumps(file: string, page: number, pattern: RegExp): string[] {
  const text = squeeze(execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' }));
  return (text.match(pattern) ?? []).sort();
}
const ZH_JUMP = /（(?:下转|上接)第[^）]*?版）/g;
const EN_JUMP = /Continued(?:on|from)page[A-Z]*\d+/g;

/** The exported PDFs print, on each page (its own file and the combined one), exactly the layout's jump lines. */
async function expectPdfJumps(lib: string, e: number, l: Layout, pattern: RegExp, name: string): Promise<void> {
  const out = join(dir, name);
  const r = await json<{ files: { path: string; kind: string; pages: number }[] }>(['export', '--library', lib, '--edition', String(e), '--out', out, '--pattern', '{index}', '--force']);
  const combined = r.files.find((f) => f.kind === 'combined')!;
  const pages = r.files.filter((f) => f.kind === 'page');
  expect(pages).toHaveLength(l.pages.length);
  l.pages.forEach((p, i) => {
    const want = p.frames.flatMap((f) => [f.jumpIn, f.jumpOut]).filter((t): t is string => t !== null).map(squeeze).sort();
    expect(printedJumps(pages[i].path, 1, pattern), `${name}: page ${p.label}, its own file`).toEqual(want);
    expect(printedJumps(combined.path, i + 1, pattern), `${name}: page ${p.label} of the edition file`).toEqual(want);
  });
}

describe('jump lines through plan, layout, preflight and export (Chinese)', () => {
  const lib = join(dir, 'zh.pasteup');
  let ids: number[] = [];
  beforeAll(async () => {
    ids = await importFile(lib, FIXTURE);
  });
  // 相知可抵云海深 (2333 characters) over three pages; 推出194项服务 and it both go on to one page.
  const story = () => ids[2];
  const other = () => ids[1];

  it('labels that are not numbers (A1, B3, 第4版), an article over three pages, two articles jumping to one page: every line right, in every PDF', async () => {
    const e = await plan(lib, 'labels', {
      edition: { name: 'labels', date: '2024-01-27', template: 'broadsheet-zh' },
      pages: [
        { label: 'A1', section: '要闻', frames: [{ article: story(), part: 0, col: 0, span: 2, top: 0, height: 20 }, { article: other(), part: 0, col: 2, span: 2, top: 0, height: 20 }] },
        { label: 'A2', frames: [{ article: ids[0], part: 0, col: 0, span: 4, top: 0, height: 60 }] },
        { label: 'B3', frames: [{ article: story(), part: 1, col: 0, span: 2, top: 0, height: 20 }] },
        { label: '第4版', frames: [{ article: story(), part: 2, col: 0, span: 4, top: 0, height: 60 }, { article: other(), part: 1, col: 4, span: 4, top: 0, height: 30 }] },
      ],
    });
    const l = await layout(lib, e);
    expect(expectJumpsRight(l, ZH_OUT, ZH_IN).sort()).toEqual(['（上接第A1版）', '（上接第A1版）', '（上接第B3版）', '（下转第4版）', '（下转第4版）', '（下转第B3版）']);
    // The middle part both receives and sends on: its jump-in opens column 1, its jump-out closes its last column.
    const middle = l.pages[2].frames[0];
    expect([middle.jumpIn, middle.jumpOut]).toEqual(['（上接第A1版）', '（下转第4版）']);
    expect((await preflight(lib, e)).issues.filter((i) => i.severity === 'error')).toEqual([]);
    await expectPdfJumps(lib, e, l, ZH_JUMP, 'labels');
  });

  it('jump lines are set as the house does: （下转） flush right closing the last column, （上接） flush left opening the first', async () => {
    const e = await plan(lib, 'align', {
      edition: { name: 'align', date: '2024-01-27', template: 'broadsheet-zh' },
      pages: [{ frames: [{ article: story(), part: 0, col: 0, span: 3, top: 0, height: 30 }] }, { frames: [{ article: story(), part: 1, col: 2, span: 4, top: 0, height: 80 }] }],
    });
    const l = await layout(lib, e);
    const [start, cont] = [l.pages[0].frames[0], l.pages[1].frames[0]];
    const out = start.lines.find((x) => x.role === 'jump-out')!;
    const into = cont.lines.find((x) => x.role === 'jump-in')!;
    const body = (f: Frame, column: number) => f.lines.filter((x) => x.role === 'body' && x.column === column);
    // Right edge of the start's last column; left edge of the continuation's first.
    const lastCol = body(start, 2)[0];
    expect(out.x + out.width).toBeCloseTo(lastCol.x + lastCol.measure, 1);
    expect(out.column).toBe(2);
    expect(into.x).toBeCloseTo(Math.min(...body(cont, 0).map((x) => x.x)), 1);
    expect(into.column).toBe(0);
    // Full-width brackets, as the template writes them.
    expect([out.text, into.text]).toEqual(['（下转第2版）', '（上接第1版）']);
  });

  it('a page inserted before the jump’s target, then one deleted, then the pages reordered: the numbers follow, on screen and in the PDFs', async () => {
    const e = await plan(lib, 'insert', {
      edition: { name: 'insert', date: '2024-01-27', template: 'broadsheet-zh' },
      pages: [
        { frames: [{ article: story(), part: 0, col: 0, span: 2, top: 0, height: 20 }, { article: other(), part: 0, col: 2, span: 2, top: 0, height: 20 }] },
        { frames: [{ article: story(), part: 1, col: 0, span: 2, top: 0, height: 20 }] },
        { frames: [{ article: story(), part: 2, col: 0, span: 4, top: 0, height: 40 }, { article: other(), part: 1, col: 4, span: 4, top: 0, height: 30 }] },
      ],
    });
    const before = await layout(lib, e);
    expect(before.pages[0].frames.map((f) => f.jumpOut)).toEqual(['（下转第2版）', '（下转第3版）']);
    apply(lib, e, [{ type: 'addPage', at: 1 }]);
    const inserted = await layout(lib, e);
    expect(inserted.pages[0].frames.map((f) => f.jumpOut)).toEqual(['（下转第3版）', '（下转第4版）']);
    expectJumpsRight(inserted, ZH_OUT, ZH_IN);
    await expectPdfJumps(lib, e, inserted, ZH_JUMP, 'inserted');
    // The empty page goes again, and the last page comes first: a backward jump, named right.
    const empty = pages(lib, e).find((p) => p.frames.length === 0)!;
    apply(lib, e, [{ type: 'deletePage', page: empty.id }]);
    const r = await runCli(['pages', 'move', '--library', lib, '--edition', String(e), '--from', '3', '--to', '1']);
    expect(r.code, r.err).toBe(0);
    const moved = await layout(lib, e);
    expectJumpsRight(moved, ZH_OUT, ZH_IN);
    expect(moved.pages[1].frames.map((f) => f.jumpOut)).toEqual(['（下转第3版）', '（下转第1版）']);
    await expectPdfJumps(lib, e, moved, ZH_JUMP, 'moved');
  });

  it('a labelled page moved among pages numbered by position: the doubled number is an error, and the export stops', async () => {
    const e = await plan(lib, 'doubled', {
      edition: { name: 'doubled', date: '2024-01-27', template: 'broadsheet-zh' },
      pages: [
        { label: '1', section: '要闻', frames: [{ article: story(), part: 0, col: 0, span: 2, top: 0, height: 20 }] },
        { frames: [{ article: other(), part: 0, col: 0, span: 2, top: 0, height: 20 }] },
        { frames: [{ article: story(), part: 1, col: 0, span: 4, top: 0, height: 80 }, { article: other(), part: 1, col: 4, span: 4, top: 0, height: 30 }] },
      ],
    });
    expect((await preflight(lib, e)).issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect((await runCli(['pages', 'move', '--library', lib, '--edition', String(e), '--from', '1', '--to', '3'])).code).toBe(0);
    // Now pages 1, 2 and "1": both continuations (on position 2) print （上接第1版）.
    const l = await layout(lib, e);
    expect(l.pages.map((p) => p.label)).toEqual(['1', '2', '1']);
    const pf = await preflight(lib, e);
    expect(pf.code).toBe(1);
    const ambiguous = pf.issues.filter((i) => i.code === 'ambiguous-jump');
    expect(ambiguous.map((i) => [i.severity, i.page, i.frame]).sort()).toEqual(l.pages[1].frames.map((f) => ['error', 2, f.frame]).sort());
    expect(ambiguous[0].message.en).toContain('“（上接第1版）”');
    expect(ambiguous[0].message.en).toContain('give those pages different labels');
    const out = join(dir, 'doubled-pdf');
    const refused = await runCli(['export', '--library', lib, '--edition', String(e), '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/error: page 2 frame f\d+: The jump line “（上接第1版）” .* is ambiguous/);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    // Forced, it goes out as laid out: the desk's decision, not Pasteup's (two pages named
    // 1 need {index} in the file names too).
    expect((await runCli(['export', '--library', lib, '--edition', String(e), '--out', out, '--force'])).err).toContain('add {index} to the pattern');
    expect((await runCli(['export', '--library', lib, '--edition', String(e), '--out', out, '--force', '--pattern', '{index}_{label}'])).code).toBe(0);
    expect(readdirSync(out).filter((f) => f.endsWith('.pdf'))).toHaveLength(4);
  });

  it('an article edited after placing: shrunk, its continuation is empty and the export stops; grown, it is overset', async () => {
    const own = join(dir, 'edit.txt');
    const text = (n: number) => `## 编辑后的稿件\n\n${Array.from({ length: n }, (_, i) => `这是第${i + 1}段正文，记者在现场看到群众排队办理业务，工作人员耐心解答问题。`).join('\n\n')}\n\n记者 王芳\n`;
    writeFileSync(own, text(12));
    const [id] = await importFile(lib, own);
    const e = await plan(lib, 'edit', {
      edition: { name: 'edit', date: '2024-01-27', template: 'broadsheet-zh' },
      pages: [{ frames: [{ article: id, part: 0, col: 0, span: 2, top: 0, height: 12 }] }, { frames: [{ article: id, part: 1, col: 0, span: 2, top: 0, height: 20 }] }],
    });
    expect((await preflight(lib, e)).code).toBe(0);
    expectJumpsRight(await layout(lib, e), ZH_OUT, ZH_IN);
    // Cut to one paragraph: it all fits on page 1, which still says （下转第2版）.
    writeFileSync(own, text(1));
    expect((await runCli(['update', String(id), own, '--library', lib])).code).toBe(0);
    const shrunk = await preflight(lib, e);
    expect(shrunk.code).toBe(1);
    expect(shrunk.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.page])).toEqual([['empty-continuation', 2]]);
    const out = join(dir, 'edit-pdf');
    expect((await runCli(['export', '--library', lib, '--edition', String(e), '--out', out])).code).toBe(1);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    // Grown past both frames: the end would be lost.
    writeFileSync(own, text(40));
    expect((await runCli(['update', String(id), own, '--library', lib])).code).toBe(0);
    const grown = await preflight(lib, e);
    expect(grown.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.page])).toEqual([['overset', 2]]);
    expect((await runCli(['export', '--library', lib, '--edition', String(e), '--out', out])).code).toBe(1);
  });

  it('the jump lines themselves push the text into overset: the lines a story fitted in, split over two pages, no longer hold it', async () => {
    const id = ids[0]; // 省政府支持太原打造… (949 characters), no continuation marker
    const planOf = (frames: { page: number; height: number }[]) => ({
      edition: { name: 'fit', date: '2024-01-27', template: 'broadsheet-zh' },
      pages: [0, 1].map((page) => ({ frames: frames.filter((f) => f.page === page).map((f, part) => ({ article: id, part: page === 0 ? 0 : part + 1, col: 0, span: 2, top: 0, height: f.height })) })),
    });
    // The fewest lines of a 2-column frame that hold the story alone.
    let lo = 10;
    let hi = 103; // the 对开 page's lines
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const l = await layout(lib, await plan(lib, `fit-${mid}`, planOf([{ page: 0, height: mid }])));
      if (l.pages[0].frames[0].overset === 0) hi = mid;
      else lo = mid + 1;
    }
    // The same lines, split over two pages: （下转第2版）, （上接第1版） and the jump head take lines of their own.
    const e = await plan(lib, 'fit-split', planOf([{ page: 0, height: 30 }, { page: 1, height: lo - 30 }]));
    const l = await layout(lib, e);
    expect(l.pages[0].frames[0].jumpOut).toBe('（下转第2版）');
    expect(l.pages[1].frames[0].overset).toBeGreaterThan(0);
    const pf = await preflight(lib, e);
    expect(pf.code).toBe(1);
    expect(pf.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.page])).toEqual([['overset', 2]]);
  });

  it('a continuation frame removed: the start no longer jumps (no stale （下转）), its text is overset, and undo brings the jump back', async () => {
    const e = await plan(lib, 'remove', {
      edition: { name: 'remove', date: '2024-01-27', template: 'broadsheet-zh' },
      pages: [{ frames: [{ article: story(), part: 0, col: 0, span: 2, top: 0, height: 20 }] }, { frames: [{ article: story(), part: 1, col: 0, span: 4, top: 0, height: 80 }] }],
    });
    const cont = (await layout(lib, e)).pages[1].frames[0].frame;
    apply(lib, e, [{ type: 'removeFrame', frame: cont }]);
    const l = await layout(lib, e);
    expect(l.pages[0].frames[0]).toMatchObject({ jumpOut: null });
    expect(l.pages[0].frames[0].overset).toBeGreaterThan(0);
    expect(l.pages[0].frames[0].lines.some((x) => x.role === 'jump-out')).toBe(false);
    const pf = await preflight(lib, e);
    expect(pf.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.page])).toEqual([['overset', 1]]);
    const lb = openLibrary(lib, { create: false });
    try {
      lb.editions.undo(e);
    } finally {
      lb.close();
    }
    expectJumpsRight(await layout(lib, e), ZH_OUT, ZH_IN);
    expect((await layout(lib, e)).pages[0].frames[0].jumpOut).toBe('（下转第2版）');
  });

  it('jump lines copied with the text — (下转第A4版), (上接A1版) — never print: only the ones the layout draws', async () => {
    const copied = join(dir, 'copied.txt');
    writeFileSync(copied, `## 全市新增公交线路\n\n${'今年以来，我市新开通公交线路十二条，优化调整线路三十条，方便群众出行。'.repeat(6)}（下转第A4版）\n\n(上接A1版)${'据介绍，下一步，我市将继续加密城郊公交线路，提高发车频次。'.repeat(6)}\n\n记者 王芳\n`);
    const [id] = await importFile(lib, copied);
    const e = await plan(lib, 'copied', {
      edition: { name: 'copied', date: '2024-01-27', template: 'broadsheet-zh' },
      pages: [{ label: 'B1', frames: [{ article: id, part: 0, col: 0, span: 1, top: 0, height: 12 }] }, { label: 'B2', frames: [{ article: id, part: 1, col: 0, span: 2, top: 0, height: 40 }] }],
    });
    const l = await layout(lib, e);
    expectJumpsRight(l, ZH_OUT, ZH_IN);
    const text = l.pages.flatMap((p) => p.frames.flatMap((f) => f.lines.filter((x) => !x.role.startsWith('jump')).map((x) => x.text))).join('');
    expect(text).not.toMatch(/下转|上接|A4|A1/);
  });

  it('a jump line already in an article’s text (imported before the importer knew it) stops the export, named', async () => {
    const l = openLibrary(lib, { create: false });
    let id = 0;
    try {
      // As the importer used to keep it: (下转第A4版) at the end of a paragraph.
      const old = l.articles.get(story())!;
      const first = old.body.findIndex((b) => b.type === 'paragraph');
      const body = old.body.map((b, i) => (i === first && b.type === 'paragraph' ? { ...b, text: `${b.text}（下转第A4版）` } : b));
      id = l.articles.create({ ...old, body, continuedFrom: null }).id;
    } finally {
      l.close();
    }
    const e = await plan(lib, 'old-copy', {
      edition: { name: 'old-copy', date: '2024-01-27', template: 'broadsheet-zh' },
      pages: [{ frames: [{ article: id, part: 0, col: 0, span: 2, top: 0, height: 20 }] }, { frames: [{ article: id, part: 1, col: 0, span: 4, top: 0, height: 80 }] }],
    });
    const pf = await preflight(lib, e);
    expect(pf.code).toBe(1);
    expect(pf.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.page])).toEqual([['copied-jump-line', 1]]);
    const out = join(dir, 'old-copy-pdf');
    const refused = await runCli(['export', '--library', lib, '--edition', String(e), '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('holds a jump line copied with it, “（下转第A4版）”');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});

describe('jump lines through plan, layout and export (English)', () => {
  const lib = join(dir, 'en.pasteup');
  let ids: number[] = [];
  const sentence = (i: number) => `Council member ${i} said the city would repair roads, extend library hours and hire more bus drivers before the summer.`;
  const story = (head: string, n: number, extra = '') => `# ${head}\n\nBy Jane Doe\n\n${Array.from({ length: n }, (_, i) => `${sentence(i)} ${sentence(i + 1)}`).join('\n\n')}${extra}\n`;
  beforeAll(async () => {
    const file = join(dir, 'en.md');
    // Copy from last week's paper: its jump lines must not print.
    writeFileSync(file, `${story('Council approves budget', 30, '\n\nContinued on page A4')}\n${story('Storm closes bridge', 24)}`);
    ids = await importFile(lib, file, ['--language', 'en']);
  });
  const EN_OUT = (label: string) => `Continued on page ${label}`;
  const EN_IN = (label: string) => `Continued from page ${label}`;

  it('A-section labels, a story over three pages, two stories to one page, a page moved: every line names the real page, in every PDF', async () => {
    const e = await plan(lib, 'en', {
      edition: { name: 'City', date: '2024-01-27', template: 'broadsheet-us', language: 'en' },
      pages: [
        { label: 'A1', frames: [{ article: ids[0], part: 0, col: 0, span: 2, top: 0, height: 24 }, { article: ids[1], part: 0, col: 2, span: 2, top: 0, height: 24 }] },
        { label: 'A2', frames: [] },
        { label: 'A3', frames: [{ article: ids[0], part: 1, col: 0, span: 1, top: 0, height: 30 }] },
        { label: 'A6', frames: [{ article: ids[0], part: 2, col: 0, span: 3, top: 0, height: 100 }, { article: ids[1], part: 1, col: 3, span: 3, top: 0, height: 100 }] },
      ],
    });
    const l = await layout(lib, e);
    expect(expectJumpsRight(l, EN_OUT, EN_IN).sort()).toEqual([
      'Continued from page A1',
      'Continued from page A1',
      'Continued from page A3',
      'Continued on page A3',
      'Continued on page A6',
      'Continued on page A6',
    ]);
    // Italic, "Continued on" flush right, "Continued from" flush left; the old "Continued on page A4" is gone.
    const out = l.pages[0].frames[0].lines.find((x) => x.role === 'jump-out')!;
    const lastBody = l.pages[0].frames[0].lines.filter((x) => x.role === 'body' && x.column === 1)[0];
    expect(out.x + out.width).toBeCloseTo(lastBody.x + lastBody.measure, 1);
    const text = l.pages.flatMap((p) => p.frames.flatMap((f) => f.lines.filter((x) => !x.role.startsWith('jump')).map((x) => x.text))).join(' ');
    expect(text).not.toContain('page A4');
    await expectPdfJumps(lib, e, l, EN_JUMP, 'en');
    // A6 moved in front of A3: labels travel with their pages, so the lines stay — and the
    // story now jumps back from A3 to A6, which preflight warns of.
    expect((await runCli(['pages', 'move', '--library', lib, '--edition', String(e), '--from', '4', '--to', '2'])).code).toBe(0);
    const moved = await layout(lib, e);
    expect(moved.pages.map((p) => p.label)).toEqual(['A1', 'A6', 'A2', 'A3']);
    expectJumpsRight(moved, EN_OUT, EN_IN);
    expect((await preflight(lib, e)).issues.filter((i) => i.code === 'backward-jump').map((i) => i.page)).toEqual([2]);
    await expectPdfJumps(lib, e, moved, EN_JUMP, 'en-moved');
  });

  it('a paper whose template says "Continued on Page {page}" gets its own words, set in italic', async () => {
    const l = openLibrary(lib, { create: false });
    try {
      const us = l.templates.get('broadsheet-us')!;
      l.templates.add({ ...us, id: 'riverton', name: 'Riverton Times', jumps: { out: 'Continued on Page {page}', in: 'Continued from Page {page}', head: true } });
    } finally {
      l.close();
    }
    const e = await plan(lib, 'riverton', {
      edition: { name: 'Riverton', date: '2024-01-27', template: 'riverton' },
      pages: [{ label: 'A1', frames: [{ article: ids[1], part: 0, col: 0, span: 2, top: 0, height: 24 }] }, { label: 'A4', frames: [{ article: ids[1], part: 1, col: 0, span: 3, top: 0, height: 100 }] }],
    });
    const laid = await layout(lib, e);
    expectJumpsRight(laid, (p) => `Continued on Page ${p}`, (p) => `Continued from Page ${p}`);
    const out = join(dir, 'riverton');
    await expectPdfJumps(lib, e, laid, /Continued(?:on|from)Page[A-Z]*\d+/g, 'riverton');
    // The body has no italic: the italic face in the PDF is the jump lines'.
    expect(execFileSync('pdffonts', [join(out, '01.pdf')], { encoding: 'utf8' })).toContain('NotoSerif-Italic');
  });
});
