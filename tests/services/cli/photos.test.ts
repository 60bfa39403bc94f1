// Photos end to end: pictures (Ghostscript-made JPEGs) placed by a plan, by `frames place
// --image` and by Markdown import, stored in the library once, refused with a reason when the
// plate cannot carry them, and checked by preflight and `check`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLibrary, refOf } from '../../../electron/services/library';
import type { Edition } from '../../../shared/model/edition';
import { SHIPPED_TEMPLATES } from '../../../shared/model/templates';
import { ADOBE_RGB, matrixProfile, tableProfile } from '../../helpers/icc';
import { dctJpeg, makeJpeg, withOrientation, withoutProfile, withProfile } from '../../helpers/jpeg';
import { expectCleanFailure, sha256, tempDir } from './library-helpers';
import { runCli } from './run-cli';
import { GS_CMYK_PROFILE, qdf, run } from '../export/tools';


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

describe('total ink of CMYK pictures', () => {
  /** A CMYK JPEG (Adobe, inverted samples) of one fill, inks in %. */
  const filled = (inks: number[]) => dctJpeg(new Uint8Array(400 * 300 * 4).map((_, i) => 255 - Math.round((inks[i % 4] / 100) * 255)), 400, 300, 4);

  it('preflight warns of a coated-paper separation, naming the page, the frame and the figure; a newsprint one passes', async () => {
    const dir = tempDir('ink');
    mkdirSync(join(dir, 'photos'));
    writeFileSync(join(dir, 'photos', 'coated.jpg'), filled([80, 70, 70, 100])); // 320 %
    writeFileSync(join(dir, 'photos', 'newsprint.jpg'), filled([50, 40, 40, 70])); // 200 %
    const file = join(dir, 'plan.json');
    writeFileSync(file, plan([photo('photos/coated.jpg', 0), photo('photos/newsprint.jpg', 4)]));
    const library = join(dir, 'desk.pasteup');
    expect((await runCli(['plan', 'apply', file, '--library', library])).code).toBe(0);
    const r = await runCli(['preflight', '--library', library, '--edition', '1', '--json']);
    const ink = (JSON.parse(r.out) as { issues: Issue[] }).issues.filter((i) => i.code === 'picture-ink');
    expect(ink.map((i) => [i.severity, i.page, i.frames])).toEqual([['warning', 1, ['f2']]]);
    expect(ink[0].message.en).toMatch(/^The picture of photo frame f2 on page 1 is CMYK with up to 3(19|20|21) % total ink \(100 % of it over 240 %\).*have the photo desk separate it for newsprint, or place it as RGB and export with the plant's profile, --icc\)$/);
    // frames list gives the figure with the picture's other facts.
    const list = (await runCli(['frames', 'list', '--library', library, '--edition', '1'])).out;
    expect(list).toMatch(/f2 {4}photo “钟楼街游人如织” \(coated\.jpg, 400 × 300 CMYK, up to 3(19|20|21) % ink\)/);
    expect(list).toMatch(/\(newsprint\.jpg, 400 × 300 CMYK, up to (199|200|201) % ink\)/);
    // layout gives it with the picture's box.
    const laid = JSON.parse((await runCli(['layout', '--library', library, '--edition', '1', '--json'])).out) as { pages: { frames: { photos: { ink?: { most: number; over: number } }[] }[] }[] };
    const inks = laid.pages[0].frames.map((f) => f.photos[0].ink);
    expect(inks.map((i) => [Math.round(i!.most / 10), i!.over])).toEqual([[32, 1], [20, 0]]);
    expect((await runCli(['layout', '--library', library, '--edition', '1'])).out).toMatch(/\[picture sha256:[0-9a-f]{12}…, \d+ × \d+ mm, up to 3(19|20|21) % ink\]/);
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

describe('a story photo that finds no room', () => {
  it('layout counts it (oversetPhotos, "1 photo overset") and preflight says it is not printed, though no character of the story is over', async () => {
    const dir = desk();
    const md = join(dir, 'end.md');
    // A photo without a caption ends the story.
    writeFileSync(md, ['# 结尾无图注', '', `本报讯 ${'今天晋祠游人如织。'.repeat(8)}`, '', '![](photos/gray.jpg)', ''].join('\n'));
    const library = join(dir, 'desk.pasteup');
    expect((await runCli(['import', md, '--library', library])).code).toBe(0);
    // Deep enough for the text, one line too short for the photo's least.
    const file = join(dir, 'plan.json');
    const frameOf = (height: number) => JSON.stringify({ edition: { name: '早版', date: '2024-01-27', template: 'broadsheet-zh' }, pages: [{ frames: [{ article: 1, part: 0, col: 0, span: 1, top: 0, height }] }] });
    let found = false;
    for (let height = 6; height <= 40 && !found; height++) {
      writeFileSync(file, frameOf(height));
      const { edition } = JSON.parse((await runCli(['plan', 'apply', file, '--library', library, '--json'])).out) as { edition: number };
      const r = await runCli(['layout', '--library', library, '--edition', String(edition), '--json']);
      const f = (JSON.parse(r.out) as { pages: { frames: { overset: number; oversetPhotos?: number; photos: unknown[] }[] }[] }).pages[0].frames[0];
      if (f.overset > 0 || f.photos.length > 0) continue;
      found = true;
      expect(f.oversetPhotos).toBe(1);
      expect((await runCli(['layout', '--library', library, '--edition', String(edition)])).out).toContain('part 0, 1 photo overset');
      const pf = await runCli(['preflight', '--library', library, '--edition', String(edition), '--json']);
      const issues = (JSON.parse(pf.out) as { issues: Issue[] }).issues.filter((i) => i.code === 'overset');
      expect(issues.map((i) => [i.severity, i.message.en])).toEqual([['error', `“结尾无图注” is overset (page 1, frame ${issues[0]?.frame}): a photo does not fit and is not printed`]]);
    }
    expect(found).toBe(true);
  });
});

describe('the colour space of RGB pictures', () => {
  it('frames list and layout name it (the embedded profile, or sRGB and why), and the export says which picture it took as sRGB', async () => {
    const dir = desk();
    const rgb = withoutProfile(makeJpeg('rgb', 1600, 1200));
    writeFileSync(join(dir, 'photos', 'adobe.jpg'), withProfile(rgb, matrixProfile(ADOBE_RGB), 2));
    writeFileSync(join(dir, 'photos', 'plain.jpg'), rgb);
    writeFileSync(join(dir, 'photos', 'table.jpg'), withProfile(rgb, tableProfile()));
    const file = join(dir, 'plan.json');
    writeFileSync(file, plan([photo('photos/adobe.jpg', 0), photo('photos/plain.jpg', 4), photo('photos/table.jpg', 0, 40)]));
    const library = join(dir, 'desk.pasteup');
    expect((await runCli(['plan', 'apply', file, '--library', library])).code).toBe(0);
    const text = (await runCli(['frames', 'list', '--library', library, '--edition', '1'])).out;
    expect(text).toContain('(adobe.jpg, 1600 × 1200 RGB, Adobe RGB (1998))');
    expect(text).toContain('(plain.jpg, 1600 × 1200 RGB, no profile: taken as sRGB)');
    expect(text).toMatch(/\(table\.jpg, 1600 × 1200 RGB, its profile “Table RGB” cannot be used \(it is a table-based \(A2B0\) RGB profile.*\): taken as sRGB\)/);
    const list = JSON.parse((await runCli(['frames', 'list', '--library', library, '--edition', '1', '--json'])).out) as { pages: { frames: { frame: string; profile: unknown }[] }[] };
    expect(list.pages[0].frames.map((f) => f.profile)).toEqual([{ description: 'Adobe RGB (1998)', problem: null }, null, { description: 'Table RGB', problem: expect.stringMatching(/table-based/) }]);
    const layout = JSON.parse((await runCli(['layout', '--library', library, '--edition', '1', '--json'])).out) as { pages: { frames: { photos: { profile: unknown }[] }[] }[] };
    expect(layout.pages[0].frames.flatMap((f) => f.photos.map((b) => b.profile))).toEqual(list.pages[0].frames.map((f) => f.profile));
    expect((await runCli(['layout', '--library', library, '--edition', '1'])).out).toContain(`[picture ${refOf(withProfile(rgb, matrixProfile(ADOBE_RGB), 2)).slice(0, 19)}… (RGB, Adobe RGB (1998)), `);
    // preflight warns of the one it cannot use before any export.
    const check = JSON.parse((await runCli(['preflight', '--library', library, '--edition', '1', '--json'])).out) as { issues: Issue[] };
    expect(check.issues.filter((i) => i.code === 'picture-profile').map((i) => [i.severity, i.frame, i.message.en.replace(/ \(.*/, '')])).toEqual([['warning', 'f4', 'The picture of photo frame f4 on page 1 embeds an ICC profile “Table RGB” that cannot be used']]);
    const r = await runCli(['export', '--library', library, '--edition', '1', '--out', join(dir, 'pdf'), '--pdfx', 'x1a', '--icc', GS_CMYK_PROFILE, '--json']);
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out) as { report: { separatedPictures: number; warnings: string[] } };
    expect(out.report.separatedPictures).toBe(3);
    const srgb = out.report.warnings.filter((w) => w.includes('separated as sRGB'));
    expect(srgb).toEqual([expect.stringMatching(new RegExp(`^the picture ${refOf(withProfile(rgb, tableProfile())).slice(0, 19)}… \\(page 1\\): its embedded ICC profile “Table RGB” cannot be used`))]);
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

describe('a story\u2019s photo takes the shape of its picture', () => {
  it('a portrait in a one-column story prints as tall as its picture at the column\u2019s width, a camera\u2019s turned one (EXIF 6) too; preflight finds nothing cropped', async () => {
    const dir = tempDir('photo-shape');
    mkdirSync(join(dir, 'photos'));
    const pictures = {
      // 3:4 portraits: one stored upright, one stored landscape as a camera does, EXIF orientation 6.
      portrait: makeJpeg('gray', 600, 800),
      turned: withOrientation(makeJpeg('gray', 800, 600), 6),
      landscape: makeJpeg('gray', 800, 600),
    };
    const upright = { portrait: [600, 800], turned: [600, 800], landscape: [800, 600] } as const;
    for (const [name, bytes] of Object.entries(pictures)) writeFileSync(join(dir, 'photos', `${name}.jpg`), bytes);
    const md = join(dir, 'council.md');
    writeFileSync(md, ['# Council approves budget', '', 'The council voted 5-2 on Tuesday to approve the budget.', '',
      ...Object.keys(pictures).flatMap((name) => [`![The ${name} picture](photos/${name}.jpg "Jane Doe/The Riverton Times")`, '', `Text after the ${name} picture.`, '']),
    ].join('\n'));
    const library = join(dir, 'desk.pasteup');
    expect((await runCli(['import', md, '--library', library])).code).toBe(0);
    const template = SHIPPED_TEMPLATES.find((t) => t.id === 'broadsheet-us')!;
    writeFileSync(join(dir, 'plan.json'), JSON.stringify({ edition: { name: 'A', date: '2024-01-27', template: template.id }, pages: [{ frames: [{ article: 1, part: 0, col: 0, span: 1, top: 0, height: 90 }] }] }));
    expect((await runCli(['plan', 'apply', join(dir, 'plan.json'), '--library', library])).code).toBe(0);

    type Box = { x: number; y: number; width: number; height: number; asset: string | null };
    const laid = JSON.parse((await runCli(['layout', '--library', library, '--edition', '1', '--json'])).out) as { pages: { frames: { photos: Box[] }[] }[] };
    const boxes = laid.pages[0].frames[0].photos;
    expect(boxes.map((b) => b.asset)).toEqual(Object.values(pictures).map((b) => refOf(b)));
    const names = Object.keys(upright) as (keyof typeof upright)[];
    boxes.forEach((b, i) => {
      const [across, down] = upright[names[i]];
      // Within a line of the picture's height at the column's width (the layout output rounds to 0.01 pt).
      expect(Math.abs(b.height - (b.width * down) / across), names[i]).toBeLessThan(template.leading);
    });
    // The turned picture is the upright one's shape, taller than wide, as the portrait is.
    expect(boxes[1].height).toBe(boxes[0].height);
    expect(boxes[0].height).toBeGreaterThan(boxes[0].width);
    expect(boxes[2].height).toBeLessThan(boxes[2].width);

    const pre = await runCli(['preflight', '--library', library, '--edition', '1', '--json']);
    expect(pre.code, pre.out).toBe(0);
    const codes = (JSON.parse(pre.out) as { issues: Issue[] }).issues.map((i) => i.code);
    expect(codes).not.toContain('picture-cropped');
    expect(codes).not.toContain('low-resolution');

    // The PDF clips each picture to its box: the boxes the plate prints are these.
    const ex = await runCli(['export', '--library', library, '--edition', '1', '--out', join(dir, 'pdf'), '--no-combined', '--json']);
    expect(ex.code, ex.err).toBe(0);
    const page = (JSON.parse(ex.out) as { files: { path: string }[] }).files[0].path;
    const clips = [...qdf(page).matchAll(/([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re W n\n[^\n]* cm\n(?:[^\n]* cm\n)?\/\S+ Do/g)].map((m) => [Number(m[3]), Number(m[4])]);
    expect(clips).toHaveLength(3);
    clips.forEach(([w, h], i) => {
      expect(w).toBeCloseTo(boxes[i].width, 1);
      expect(h).toBeCloseTo(boxes[i].height, 1);
    });
  });
});
