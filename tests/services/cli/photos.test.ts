// Photos end to end: pictures (Ghostscript-made JPEGs) placed by a plan, by `frames place
// --image` and by Markdown import, stored in the library once, refused with a reason when the
// plate cannot carry them, and checked by preflight and `check`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLibrary, refOf } from '../../../electron/services/library';
import type { Edition } from '../../../shared/model/edition';
import { makeJpeg } from '../../helpers/jpeg';
import { expectCleanFailure, sha256, tempDir } from './library-helpers';
import { runCli } from './run-cli';
import { GS_CMYK_PROFILE, run } from '../export/tools';


interface Issue {
  code: string;
  severity: string;
  page: number | null;
  frame: string | null;
  frames: string[];
  message: { zh: string; en: string };
}

/** A folder of pictures: photos/cmyk.jpg (big, CMYK), photos/gray.jpg, photos/rgb.jpg, photos/small.jpg, notes.txt. */
function desk(): string {
  const dir = tempDir('photos');
  mkdirSync(join(dir, 'photos'));
  writeFileSync(join(dir, 'photos', 'cmyk.jpg'), makeJpeg('cmyk', 1600, 1200));
  writeFileSync(join(dir, 'photos', 'gray.jpg'), makeJpeg('gray', 1600, 1200));
  writeFileSync(join(dir, 'photos', 'rgb.jpg'), makeJpeg('rgb', 1600, 1200));
  writeFileSync(join(dir, 'photos', 'small.jpg'), makeJpeg('gray', 200, 150));
  writeFileSync(join(dir, 'notes.txt'), 'not a picture\n');
  return dir;
}

const bytesOf = (name: 'cmyk' | 'gray' | 'rgb' | 'small') => (name === 'small' ? makeJpeg('gray', 200, 150) : makeJpeg(name, 1600, 1200));

function plan(frames: unknown[]): string {
  return JSON.stringify({ edition: { name: '早版', date: '2024-01-27', template: 'broadsheet-zh' }, pages: [{ frames }] });
}

const photo = (image: string | undefined, col: number, top = 0) => ({ photo: { caption: '钟楼街游人如织', credit: '牛晨阳 摄' }, ...(image === undefined ? {} : { image }), col, span: 4, top, height: 30 });

/** The stored edition's photo frames: id → asset. */
function assets(library: string, edition: number): Record<string, string | null> {
  const lib = openLibrary(library, { create: false });
  try {
    const e = lib.editions.get(edition) as Edition;
    return Object.fromEntries(e.pages.flatMap((p) => p.frames.flatMap((f) => (f.kind === 'photo' ? [[f.id, f.asset]] : []))));
  } finally {
    lib.close();
  }
}

async function imageCount(library: string): Promise<number> {
  const r = await runCli(['check', '--library', library, '--json']);
  return (JSON.parse(r.out) as { counts: { images: number } }).counts.images;
}

describe('plans place pictures', () => {
  it('takes "image" relative to the plan file\'s folder (or absolute), stores each picture once and puts its reference in the frame', async () => {
    const dir = desk();
    mkdirSync(join(dir, 'plans'));
    const file = join(dir, 'plans', 'a1.json');
    writeFileSync(file, plan([photo('../photos/cmyk.jpg', 0), photo(join(dir, 'photos', 'cmyk.jpg'), 4), photo('../photos/gray.jpg', 0, 40), photo(undefined, 4, 40)]));
    const library = join(dir, 'lib', 'desk.pasteup');
    const r = await runCli(['plan', 'apply', file, '--library', library, '--json']);
    expect(r.code, r.err).toBe(0);
    const { edition } = JSON.parse(r.out) as { edition: number };
    expect(assets(library, edition)).toEqual({ f2: refOf(bytesOf('cmyk')), f3: refOf(bytesOf('cmyk')), f4: refOf(bytesOf('gray')), f5: null });
    expect(await imageCount(library)).toBe(2);
    const lib = openLibrary(library, { create: false });
    try {
      expect(lib.images.info(refOf(bytesOf('cmyk')))).toMatchObject({ fileName: 'cmyk.jpg', width: 1600, height: 1200, components: 4 });
    } finally {
      lib.close();
    }
    // The same plan again: a second edition, no second copy of the pictures.
    expect((await runCli(['plan', 'apply', file, '--library', library])).code).toBe(0);
    expect(await imageCount(library)).toBe(2);
  });

  it('a picture that is missing or not a JPEG stops the plan, naming the frame and the file: no library made, none changed', async () => {
    const dir = desk();
    const missing = join(dir, 'missing.json');
    writeFileSync(missing, plan([photo('photos/cmyk.jpg', 0), photo('photos/gone.jpg', 4)]));
    const library = join(dir, 'new', 'desk.pasteup');
    expectCleanFailure(await runCli(['plan', 'apply', missing, '--library', library]), 1, `${missing}: page 1 (pages[0]), frame 2 (frames[1]): picture photos/gone.jpg: no such file (${join(dir, 'photos', 'gone.jpg')})`);
    expect(existsSync(join(dir, 'new'))).toBe(false);
    const notJpeg = join(dir, 'text.json');
    writeFileSync(notJpeg, plan([photo('photos/cmyk.jpg', 0), photo('notes.txt', 4)]));
    expectCleanFailure(await runCli(['plan', 'apply', notJpeg, '--library', library]), 1, 'frame 2 (frames[1]): picture notes.txt: not a JPEG file');
    expect(existsSync(library)).toBe(false);
    // An existing library: a plan failing after its pictures were stored (a frame off the grid) stores none.
    const good = join(dir, 'good.json');
    writeFileSync(good, plan([photo('photos/gray.jpg', 0)]));
    expect((await runCli(['plan', 'apply', good, '--library', library])).code).toBe(0);
    const before = sha256(library);
    const offGrid = join(dir, 'off-grid.json');
    writeFileSync(offGrid, plan([photo('photos/cmyk.jpg', 0), photo('photos/rgb.jpg', 7)]));
    expectCleanFailure(await runCli(['plan', 'apply', offGrid, '--library', library]), 1, 'frame 2 (frames[1])');
    expect(await imageCount(library)).toBe(1);
    expect(JSON.parse((await runCli(['editions', '--library', library, '--json'])).out).editions).toHaveLength(1);
    expect(sha256(library)).toBe(before);
  });

  it('"image" belongs to photo frames only', async () => {
    const dir = desk();
    const file = join(dir, 'ad.json');
    writeFileSync(file, plan([{ ad: '广告', image: 'photos/gray.jpg', col: 0, span: 8, top: 80, height: 23 }]));
    expectCleanFailure(await runCli(['plan', 'apply', file, '--library', join(dir, 'l.pasteup')]), 1, /not a valid plan: .*image/);
  });
});

describe('frames place --image', () => {
  it('stores the picture and places the photo with it; a refused edit stores nothing', async () => {
    const dir = desk();
    const library = join(dir, 'desk.pasteup');
    expect((await runCli(['edition', 'new', '--library', library, '--name', '早版', '--date', '2024-01-27', '--template', 'broadsheet-zh', '--pages', '2'])).code).toBe(0);
    const at = ['--library', library, '--edition', '1', '--page', '1'];
    const box = ['--span', '4', '--height', '30'];
    const r = await runCli(['frames', 'place', ...at, '--photo', '游人如织', '--credit', '牛晨阳 摄', '--image', join(dir, 'photos', 'gray.jpg'), '--col', '0', '--top', '0', ...box, '--json']);
    expect(r.code, r.err).toBe(0);
    expect((JSON.parse(r.out) as { command: { asset: string } }).command.asset).toBe(refOf(bytesOf('gray')));
    expect(assets(library, 1)).toEqual({ f3: refOf(bytesOf('gray')) });
    // Off the grid: the model refuses the frame, and the new picture is not kept either.
    expectCleanFailure(await runCli(['frames', 'place', ...at, '--photo', 'x', '--image', join(dir, 'photos', 'cmyk.jpg'), '--col', '7', '--top', '0', ...box]), 1);
    expect(await imageCount(library)).toBe(1);
    expectCleanFailure(await runCli(['frames', 'place', ...at, '--photo', 'x', '--image', join(dir, 'notes.txt'), '--col', '4', '--top', '0', ...box]), 1, `--image ${join(dir, 'notes.txt')}: not a JPEG file`);
    expectCleanFailure(await runCli(['frames', 'place', ...at, '--photo', 'x', '--image', join(dir, 'gone.jpg'), '--col', '4', '--top', '0', ...box]), 1, 'no such file');
    expectCleanFailure(await runCli(['frames', 'place', ...at, '--ad', '广告', '--image', join(dir, 'photos', 'gray.jpg'), '--col', '4', '--top', '0', ...box]), 2, '--image is a photo’s picture: give it with --photo');
    expect(await imageCount(library)).toBe(1);
    // undo takes the frame back; the picture stays in the library (redo places it again).
    expect((await runCli(['undo', '--library', library, '--edition', '1'])).code).toBe(0);
    expect((await runCli(['redo', '--library', library, '--edition', '1'])).code).toBe(0);
    expect(assets(library, 1)).toEqual({ f3: refOf(bytesOf('gray')) });
    // frames list names the picture: its reference in --json, its file, size and colours in text.
    const list = JSON.parse((await runCli(['frames', 'list', '--library', library, '--edition', '1', '--json'])).out) as { pages: { frames: { frame: string; asset: string | null }[] }[] };
    expect(list.pages[0].frames.map((f) => [f.frame, f.asset])).toEqual([['f3', refOf(bytesOf('gray'))]]);
    expect((await runCli(['frames', 'list', '--library', library, '--edition', '1'])).out).toContain('f3    photo “游人如织” (gray.jpg, 1600 × 1200 gray)');
  });
});

describe('Markdown import of pictures', () => {
  const story = (pictures: string[]) =>
    ['# Council approves budget', '', 'The council voted 5-2 on Tuesday to approve the budget.', '', ...pictures.flatMap((p) => [p, '']), 'The mayor signed it the same evening.', ''].join('\n');

  it('stores a picture named relative to the Markdown file; a missing or unusable one warns with its line and the story imports without it', async () => {
    const dir = desk();
    mkdirSync(join(dir, 'copy'));
    const md = join(dir, 'copy', 'budget.md');
    writeFileSync(md, story(['![The vote](../photos/cmyk.jpg "Jane Doe/The Riverton Times")', '![Gone](gone.jpg)', '![Notes](../notes.txt)']));
    const library = join(dir, 'desk.pasteup');
    const r = await runCli(['import', md, '--library', library, '--json']);
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out) as { files: { imported: { id: number }[]; warnings: { line: number; code: string; message: string; text: string }[] }[] };
    expect(out.files[0].warnings).toEqual([
      { line: 7, code: 'unusable-picture', message: `The picture gone.jpg cannot be used: no such file (${join(dir, 'copy', 'gone.jpg')}); the photo is imported without it (put the JPEG there, then give the story its picture with pasteup update ID FILE: importing the file again would add the story a second time)`, text: 'gone.jpg' },
      { line: 9, code: 'unusable-picture', message: 'The picture ../notes.txt cannot be used: not a JPEG file; the photo is imported without it (put the JPEG there, then give the story its picture with pasteup update ID FILE: importing the file again would add the story a second time)', text: '../notes.txt' },
    ]);
    const show = await runCli(['show', String(out.files[0].imported[0].id), '--library', library, '--json']);
    const photos = (JSON.parse(show.out) as { article: { body: { type: string; caption?: string; asset?: string | null }[] } }).article.body.filter((b) => b.type === 'photo');
    expect(photos.map((p) => [p.caption, p.asset])).toEqual([
      ['The vote', refOf(bytesOf('cmyk'))],
      ['Gone', null],
      ['Notes', null],
    ]);
    expect(await imageCount(library)).toBe(1);
    // show's text mode says which photos have their picture and which print a placeholder.
    const shown = (await runCli(['show', String(out.files[0].imported[0].id), '--library', library])).out;
    expect(shown).toContain(`[photo ${refOf(bytesOf('cmyk')).slice(0, 19)}…] The vote`);
    expect(shown).toContain('[photo without a picture] Gone');
    // Text mode: the warnings on stderr with file and line.
    writeFileSync(md, story(['![Gone again](gone.jpg)']));
    const text = await runCli(['import', md, '--library', library]);
    expect(text.code).toBe(0);
    expect(text.err).toContain(`${md}:5: warning: The picture gone.jpg cannot be used: no such file`);
  });

  it('update stores a new version\'s pictures too', async () => {
    const dir = desk();
    const md = join(dir, 'budget.md');
    writeFileSync(md, story(['![The vote](photos/gray.jpg)']));
    const library = join(dir, 'desk.pasteup');
    expect((await runCli(['import', md, '--library', library])).code).toBe(0);
    writeFileSync(md, story(['![The vote](photos/cmyk.jpg)']));
    const r = await runCli(['update', '1', md, '--library', library, '--json']);
    expect(r.code, r.err).toBe(0);
    const show = JSON.parse((await runCli(['show', '1', '--library', library, '--json'])).out) as { article: { body: { type: string; asset?: string | null }[] } };
    expect(show.article.body.find((b) => b.type === 'photo')?.asset).toBe(refOf(bytesOf('cmyk')));
    expect(await imageCount(library)).toBe(2);
  });
});

describe('layout shows the picture boxes', () => {
  it('--json gives each frame\'s photo boxes with their pictures (null: a placeholder), the caption under them; the text mode names them', async () => {
    const dir = desk();
    const file = join(dir, 'a1.json');
    writeFileSync(file, plan([photo('photos/cmyk.jpg', 0), photo(undefined, 4)]));
    const library = join(dir, 'desk.pasteup');
    const { edition } = JSON.parse((await runCli(['plan', 'apply', file, '--library', library, '--json'])).out) as { edition: number };
    const r = await runCli(['layout', '--library', library, '--edition', String(edition), '--json']);
    expect(r.code, r.err).toBe(0);
    type Box = { x: number; y: number; width: number; height: number; asset: string | null };
    const frames = (JSON.parse(r.out) as { pages: { frames: { frame: string; photos: Box[]; lines: { role: string; y: number }[] }[] }[] }).pages[0].frames;
    expect(frames.map((f) => f.photos.map((b) => b.asset))).toEqual([[refOf(bytesOf('cmyk'))], [null]]);
    for (const f of frames) {
      const [b] = f.photos;
      expect(b.width).toBeGreaterThan(0);
      const caption = f.lines.find((l) => l.role === 'caption')!;
      expect(caption.y).toBeGreaterThan(b.y + b.height);
    }
    expect(frames[1].photos[0].x).toBeGreaterThan(frames[0].photos[0].x + frames[0].photos[0].width);
    const text = (await runCli(['layout', '--library', library, '--edition', String(edition)])).out;
    expect(text).toContain(`[picture ${refOf(bytesOf('cmyk')).slice(0, 19)}…, `);
    expect(text).toContain('[photo placeholder, ');
  });
});

describe('a picture comes in with the story that uses it', () => {
  const story = ['# 晋祠游人如织', '', '记者 李静', '', '![游人在晋祠参观](photos/gray.jpg)', '', '本报讯 今天晋祠游人如织。', ''].join('\n');

  it('a story skipped as already in the library stores no picture, even one the library lacks', async () => {
    const dir = desk();
    const md = join(dir, 'jinci.md');
    writeFileSync(md, story);
    // The usual case: the same file twice. The second is a duplicate (its text and its picture's
    // reference are the first's), and the library holds one picture, used.
    const library = join(dir, 'desk.pasteup');
    expect((await runCli(['import', md, '--library', library])).code).toBe(0);
    const again = JSON.parse((await runCli(['import', md, '--library', library, '--json'])).out) as { files: { imported: unknown[]; duplicates: unknown[] }[] };
    expect([again.files[0].imported.length, again.files[0].duplicates.length]).toEqual([0, 1]);
    expect(JSON.parse((await runCli(['check', '--library', library, '--json'])).out)).toMatchObject({ ok: true, notices: [], counts: { images: 1 } });
    // A library whose article names that picture without holding it (a picture lost with a
    // damaged row): the story is a duplicate, so it is skipped, and so is its picture — an
    // import that stores no story changes nothing. (The pictures of the whole file were stored
    // before the stories were judged.)
    const lost = join(dir, 'lost.pasteup');
    const from = openLibrary(library, { create: false });
    const to = openLibrary(lost, { create: true });
    try {
      to.importDrafts({ fileName: 'jinci.md', fileHash: sha256(md), drafts: [{ line: 1, content: from.articles.get(1)! }] });
    } finally {
      from.close();
      to.close();
    }
    const skipped = JSON.parse((await runCli(['import', md, '--library', lost, '--json'])).out) as { files: { imported: unknown[]; duplicates: { existingId: number }[] }[] };
    expect(skipped.files[0].duplicates).toEqual([expect.objectContaining({ existingId: 1 })]);
    expect(await imageCount(lost)).toBe(0);
    // check says what is missing (and has no unused picture to name).
    expect(JSON.parse((await runCli(['check', '--library', lost, '--json'])).out)).toMatchObject({ ok: false, problems: [`article 1's photo (block 1): picture ${refOf(bytesOf('gray'))} is not in the library`], notices: [] });
  });

  it('check names the pictures nothing uses as notices, never one an older version, an edition or an edit to undo uses', async () => {
    const dir = desk();
    const library = join(dir, 'desk.pasteup');
    const md = join(dir, 'jinci.md');
    // gray: only in the article's older version, once update gave it the CMYK picture.
    writeFileSync(md, story);
    expect((await runCli(['import', md, '--library', library])).code).toBe(0);
    writeFileSync(md, story.replace('gray.jpg', 'cmyk.jpg'));
    expect((await runCli(['update', '1', md, '--library', library])).code).toBe(0);
    // small: in an edition's photo frame; rgb: placed and removed again, only in the edition's history.
    const file = join(dir, 'plan.json');
    writeFileSync(file, plan([photo('photos/small.jpg', 0)]));
    expect((await runCli(['plan', 'apply', file, '--library', library])).code).toBe(0);
    const at = ['--library', library, '--edition', '1'];
    expect((await runCli(['frames', 'place', ...at, '--page', '1', '--photo', 'x', '--image', join(dir, 'photos', 'rgb.jpg'), '--col', '4', '--top', '0', '--span', '4', '--height', '30'])).code).toBe(0);
    const rgbFrame = Object.entries(assets(library, 1)).find(([, asset]) => asset === refOf(bytesOf('rgb')))![0];
    expect((await runCli(['frames', 'remove', ...at, '--frame', rgbFrame])).code).toBe(0);
    expect(Object.values(assets(library, 1))).toEqual([refOf(bytesOf('small'))]);
    expect(await imageCount(library)).toBe(4);
    expect(JSON.parse((await runCli(['check', '--library', library, '--json'])).out)).toMatchObject({ ok: true, problems: [], notices: [] });
    // A picture nothing names (stored by another tool, or by an older Pasteup for a skipped story).
    const stray = makeJpeg('gray', 640, 480);
    const lib = openLibrary(library, { create: false });
    try {
      lib.images.add(stray, 'stray.jpg');
    } finally {
      lib.close();
    }
    const c = JSON.parse((await runCli(['check', '--library', library, '--json'])).out) as { ok: boolean; notices: string[] };
    expect(c.ok).toBe(true);
    expect(c.notices).toEqual([expect.stringMatching(new RegExp(`^image ${refOf(stray)} \\(stray\\.jpg, \\d+ KB, stored [^)]+\\) is used by nothing: no article or older version of one, no edition, no edit to undo or redo names it$`))]);
    const text = await runCli(['check', '--library', library]);
    expect(text.code).toBe(0);
    expect(text.out).toContain(`desk.pasteup: ok\n  notice: image ${refOf(stray)} (stray.jpg, `);
  });
});

describe('preflight and check of pictures', () => {
  it('reports RGB, low-resolution and missing pictures; a photo with no picture is the only placeholder', async () => {
    const dir = desk();
    const file = join(dir, 'plan.json');
    writeFileSync(file, plan([photo('photos/cmyk.jpg', 0), photo('photos/rgb.jpg', 4), photo('photos/small.jpg', 0, 40), photo(undefined, 4, 40)]));
    const library = join(dir, 'desk.pasteup');
    expect((await runCli(['plan', 'apply', file, '--library', library])).code).toBe(0);
    // A frame whose picture is not in the library (placed by another tool, or an older import's path).
    const lib = openLibrary(library, { create: false });
    try {
      lib.editions.apply(1, { type: 'placePhoto', page: 'p1', caption: '缺图', credit: null, asset: 'photos/dam.jpg', col: 0, span: 4, top: 75, height: 20 });
    } finally {
      lib.close();
    }
    const r = await runCli(['preflight', '--library', library, '--edition', '1', '--json']);
    expect(r.code).toBe(1);
    const issues = (JSON.parse(r.out) as { issues: Issue[] }).issues;
    const picture = issues.filter((i) => ['missing-image', 'rgb-image', 'low-resolution', 'placeholder'].includes(i.code)).map((i) => [i.code, i.severity, i.frames]);
    // In the rules' order: errors first.
    expect(picture).toEqual([
      ['missing-image', 'error', ['f6']],
      ['rgb-image', 'error', ['f3']],
      ['low-resolution', 'error', ['f4']],
      ['placeholder', 'warning', ['f5']],
    ]);
    expect(issues.find((i) => i.code === 'low-resolution')?.message.en).toMatch(/^The picture of photo frame f4 on page 1 prints at \d+ ppi \(200 × 150 pixels filling a box of \d+ × \d+ mm\), below 100 ppi/);
    // The export stops on them, and says why.
    const ex = await runCli(['export', '--library', library, '--edition', '1', '--out', join(dir, 'pdf'), '--json']);
    expect(ex.code).toBe(1);
    expect((JSON.parse(ex.out) as { preflight: { issues: Issue[] } }).preflight.issues.map((i) => i.code)).toContain('rgb-image');
    // check: the missing picture is a problem of the library too.
    const c = await runCli(['check', '--library', library, '--json']);
    expect(c.code).toBe(1);
    expect(JSON.parse(c.out)).toMatchObject({ ok: false, problems: ["edition 1's photo frame f6 (page 1): picture photos/dam.jpg is not in the library"], counts: { images: 3 } });
  });

  it("exports an RGB picture separated into CMYK when the plant's profile is given, and a gray one as it is", async () => {
    const dir = desk();
    const file = join(dir, 'plan.json');
    writeFileSync(file, plan([photo('photos/rgb.jpg', 0), photo('photos/gray.jpg', 4)]));
    const library = join(dir, 'desk.pasteup');
    expect((await runCli(['plan', 'apply', file, '--library', library])).code).toBe(0);
    const blocked = await runCli(['export', '--library', library, '--edition', '1', '--out', join(dir, 'pdf')]);
    expect(blocked.code).toBe(1);
    expect(blocked.out + blocked.err).toMatch(/RGB/);
    // Ghostscript's CMYK output profile stands in for the plant's (version 2, so PDF/X-1a may embed it).
    const r = await runCli(['export', '--library', library, '--edition', '1', '--out', join(dir, 'pdf'), '--pdfx', 'x1a', '--icc', GS_CMYK_PROFILE, '--json']);
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out) as { files: { path: string }[]; report: { separatedPictures: number; warnings: string[] } };
    expect(out.report.separatedPictures).toBe(1);
    // The only warning: Ghostscript's stand-in is a coated-paper profile, not a newsprint one.
    expect(out.report.warnings).toHaveLength(1);
    expect(out.report.warnings[0]).toMatch(/total ink: newsprint takes 220 %.*not the plant's newsprint profile/);
    const list = run('pdfimages', ['-list', out.files[0].path]).stdout;
    expect(list).toMatch(/image\s+1600\s+1200\s+cmyk\s+4\s+8\s+image/);
    expect(list).toMatch(/image\s+1600\s+1200\s+gray\s+1\s+8\s+jpeg/);
    expect(list).not.toMatch(/\brgb\b/);
  });

  it("says why an --icc profile given cannot separate the RGB pictures preflight stops at", async () => {
    const dir = desk();
    const file = join(dir, 'plan.json');
    writeFileSync(file, plan([photo('photos/rgb.jpg', 0)]));
    const library = join(dir, 'desk.pasteup');
    expect((await runCli(['plan', 'apply', file, '--library', library])).code).toBe(0);
    // A CMYK output profile whose tables go from XYZ (Pasteup reads Lab ones only).
    const profile = new Uint8Array(readFileSync(GS_CMYK_PROFILE));
    profile.set(new TextEncoder().encode('XYZ '), 20);
    const icc = join(dir, 'plant.icc');
    writeFileSync(icc, profile);
    const r = await runCli(['export', '--library', library, '--edition', '1', '--out', join(dir, 'pdf'), '--icc', icc]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/the --icc profile cannot separate the RGB pictures: the profile's connection space is XYZ, not Lab/);
  });

  it('an edit that places an RGB picture says so among the preflight errors it brings', async () => {
    const dir = desk();
    const library = join(dir, 'desk.pasteup');
    expect((await runCli(['edition', 'new', '--library', library, '--name', 'A', '--date', '2024-01-27', '--template', 'broadsheet-zh', '--pages', '1'])).code).toBe(0);
    const r = await runCli(['frames', 'place', '--library', library, '--edition', '1', '--page', '1', '--photo', 'x', '--image', join(dir, 'photos', 'rgb.jpg'), '--col', '0', '--span', '4', '--top', '0', '--height', '30', '--json']);
    expect(r.code, r.err).toBe(0);
    expect((JSON.parse(r.out) as { preflight: { new: Issue[] } }).preflight.new.map((i) => i.code)).toEqual(['rgb-image']);
  });
});
