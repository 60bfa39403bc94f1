// Photos with pictures: the demo edition's photo box given a JPEG (made by Ghostscript: the
// top-left quadrant cyan, the bottom-right 50 % K), exported, and checked with the tools a
// plant would use — pdfimages (what is embedded, unchanged), a bitcmyk render (where the
// quadrants land, turned by EXIF orientation, and their inks), qpdf and mutool.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPdf, exportEdition, pageBoxes } from '../../../electron/services/export';
import { imageResource, pictureOps, SEPARATED_PPI } from '../../../electron/services/export/images';
import { NEWSPRINT_INK_LIMIT } from '../../../shared/images/jpeg-ink';
import { coverPlacement } from '../../../shared/images/cover';
import { loadNodeFontProvider } from '../../../electron/services/fonts/node-fonts';
import { imageRef, readJpeg, type ImageAsset } from '../../../shared/images/jpeg';
import { importText } from '../../../shared/import';
import { layoutEdition, type EditionLayout } from '../../../shared/layout';
import type { PhotoBox } from '../../../shared/layout/types';
import { ADOBE_RGB, matrixProfile, tableProfile } from '../../helpers/icc';
import { gsJpeg, QUADRANTS_PS, withOrientation, withoutProfile, withProfile } from '../../helpers/jpeg';
import { EDITION, FIXED_DATE, FIXTURE, META, TEMPLATE } from './demo-edition';
import { GS_CMYK_PROFILE, missingTools, mutoolFindings, renderCmyk, run } from './tools';

const REF = imageRef('5a'.repeat(32));

function asset(bytes: Uint8Array): ImageAsset {
  return { ...readJpeg(bytes), ref: REF, bytes };
}

let layout: EditionLayout;
let box: PhotoBox;
const dirs: string[] = [];

beforeAll(async () => {
  const provider = await loadNodeFontProvider();
  const edition = structuredClone(EDITION);
  const frame = edition.pages[0].frames.find((f) => f.kind === 'photo')!;
  if (frame.kind === 'photo') frame.asset = REF;
  const drafts = importText(readFileSync(FIXTURE, 'utf8')).articles;
  layout = layoutEdition(provider, { edition, template: TEMPLATE, articles: new Map(drafts.map((a, i) => [i + 1, a.content])) });
  box = layout.pages[0].frames.flatMap((f) => f.photos)[0];
});

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function exportReport(picture: ImageAsset | null, icc?: Uint8Array) {
  const outDir = mkdtempSync(join(tmpdir(), 'pasteup-images-'));
  dirs.push(outDir);
  return exportEdition(layout, META, { outDir, creationDate: FIXED_DATE, images: (ref) => (ref === REF ? picture : null), ...(icc ? { icc, pdfx: 'x1a' as const } : {}) });
}

async function exportWith(picture: ImageAsset | null, icc?: Uint8Array): Promise<string[]> {
  return (await exportReport(picture, icc)).files.map((f) => f.path);
}

/** The inks (0-255 each) at a point of the photo box given as fractions of the picture as placed. */
function inkAt(file: string, picture: ImageAsset, fx: number, fy: number): [number, number, number, number] {
  const dpi = 36;
  const boxes = pageBoxes(layout.pages[0], null);
  const media: [number, number] = [boxes.media[2] - boxes.media[0], boxes.media[3] - boxes.media[1]];
  const [page] = renderCmyk(file, dpi, [media]);
  const p = coverPlacement(box, picture);
  const m = boxes.trim[0];
  const x = Math.round(((m + p.x + fx * p.width) * dpi) / 72);
  const y = Math.round(((m + p.y + fy * p.height) * dpi) / 72);
  const i = (y * page.width + x) * 4;
  return [page.data[i], page.data[i + 1], page.data[i + 2], page.data[i + 3]];
}

describe.skipIf(missingTools.length > 0)('photos with pictures in the PDF', () => {
  it('embeds a CMYK JPEG unchanged, once per file, and prints its inks where the picture has them', async () => {
    const cmyk = asset(gsJpeg('jpegcmyk'));
    expect(cmyk.components).toBe(4);
    const [page1, page2, combined] = await exportWith(cmyk);
    const list = run('pdfimages', ['-list', page1]).stdout;
    expect(list).toMatch(/image\s+40\s+30\s+cmyk\s+4\s+8\s+jpeg/);
    expect(run('pdfimages', ['-list', page2]).stdout.split('\n').filter((l) => /\bimage\b/.test(l))).toHaveLength(0);
    expect(run('pdfimages', ['-list', combined]).stdout.split('\n').filter((l) => /\bimage\b/.test(l))).toHaveLength(1);
    // The bytes in the file are the JPEG's own (no re-compression).
    const out = mkdtempSync(join(tmpdir(), 'pasteup-pdfimages-'));
    dirs.push(out);
    expect(run('pdfimages', ['-j', page1, join(out, 'im')]).status).toBe(0);
    const [extracted] = readdirSync(out);
    expect(createHash('sha256').update(readFileSync(join(out, extracted))).digest('hex')).toBe(createHash('sha256').update(cmyk.bytes).digest('hex'));
    // Photoshop-style (Adobe, inverted) CMYK comes out as the inks it was made with.
    const [c, mg, y, k] = inkAt(page1, cmyk, 0.25, 0.25);
    expect(c).toBeGreaterThan(240);
    expect(mg + y + k).toBeLessThan(20);
    const grey = inkAt(page1, cmyk, 0.75, 0.75);
    expect(grey[3]).toBeGreaterThan(110);
    expect(grey[3]).toBeLessThan(145);
    expect(grey[0] + grey[1] + grey[2]).toBeLessThan(20);
    expect(inkAt(page1, cmyk, 0.75, 0.25).reduce((s, v) => s + v, 0)).toBeLessThan(20);
    for (const f of [page1, combined]) {
      expect(run('qpdf', ['--check', f]).status).toBe(0);
      expect(mutoolFindings(f)).toEqual({ status: 0, findings: [] });
      expect(run('gs', ['-q', '-dBATCH', '-dNOPAUSE', '-dSAFER', '-sDEVICE=nullpage', f]).status).toBe(0);
    }
  });

  it('turns a picture as its EXIF orientation says', async () => {
    const plain = gsJpeg('jpegcmyk');
    // Orientation 6: the stored picture is shown turned a quarter clockwise, so the cyan
    // quadrant (stored top-left) is at the top right; 8 (a quarter anticlockwise): bottom left.
    // Turned upright, the picture is taller than the box: what is sampled (0.3 and 0.6 of its
    // height) is what the crop leaves of its upper and lower halves.
    const [top, bottom] = [0.3, 0.6];
    for (const [o, fx, fy] of [
      [6, 0.75, top],
      [8, 0.25, bottom],
      [3, 0.75, bottom],
      [2, 0.75, top],
    ] as const) {
      const turned = asset(withOrientation(plain, o));
      expect(turned.orientation).toBe(o);
      const [file] = await exportWith(turned);
      expect(inkAt(file, turned, fx, fy)[0], `orientation ${o}`).toBeGreaterThan(240);
      expect(inkAt(file, turned, 1 - fx, fy === top ? bottom : top)[0], `orientation ${o}`).toBeLessThan(20);
    }
  });

  it('keeps the head of a portrait in a landscape box: the crop takes more off the bottom than the top', async () => {
    // A portrait three times as tall as wide, white but for a cyan band (a face) just above
    // its upper third line, 28-33 % down. The demo's box is wider than tall, so at most a third
    // of the picture's height shows: centred, that was 33-67 % down, and the face was cut away.
    const ps = `<< /PageSize [30 90] >> setpagedevice\n1 setgray 0 0 30 90 rectfill\n1 0 0 0 setcmykcolor 0 60.3 30 4.5 rectfill\nshowpage\n`;
    const portrait = asset(gsJpeg('jpegcmyk', ps, 144));
    expect(box.width).toBeGreaterThan(box.height);
    const [file] = await exportWith(portrait);
    const dpi = 36;
    const boxes = pageBoxes(layout.pages[0], null);
    const [page] = renderCmyk(file, dpi, [[boxes.media[2] - boxes.media[0], boxes.media[3] - boxes.media[1]]]);
    const m = boxes.trim[0];
    const px = (v: number) => Math.round(((m + v) * dpi) / 72);
    let cyanRows = 0;
    for (let y = px(box.y) + 1; y < px(box.y + box.height) - 1; y++) {
      const i = (y * page.width + px(box.x + box.width / 2)) * 4;
      if (page.data[i] > 200 && page.data[i + 3] < 30) cyanRows++;
    }
    expect(cyanRows).toBeGreaterThan(0);
  });

  it('prints a gray JPEG in K only and draws no placeholder label over a picture', async () => {
    const gray = asset(gsJpeg('jpeggray'));
    const [page1] = await exportWith(gray);
    expect(run('pdfimages', ['-list', page1]).stdout).toMatch(/image\s+40\s+30\s+gray\s+1\s+8\s+jpeg/);
    const [c, m, y, k] = inkAt(page1, gray, 0.25, 0.25);
    expect(c + m + y).toBe(0);
    expect(k).toBeGreaterThan(100);
    expect(run('pdftotext', [page1, '-']).stdout).not.toContain('图片');
  });

  it("prints the placeholder for an RGB picture when there is no plant's profile to separate it with, and says so", async () => {
    const rgb = asset(gsJpeg('jpeg'));
    expect(rgb.components).toBe(3);
    const r = await exportReport(rgb);
    const page1 = r.files[0].path;
    expect(run('pdfimages', ['-list', page1]).stdout.split('\n').filter((l) => /\bimage\b/.test(l))).toHaveLength(0);
    expect(run('pdftotext', [page1, '-']).stdout).toContain('图片');
    expect(r.report.warnings.join('\n')).toMatch(/page 1\) is RGB, and no plant's profile was given to separate it with: its box prints the placeholder/);
    expect(r.report.separatedPictures).toBe(0);
  });

  it("separates an RGB picture into CMYK with the plant's profile", async () => {
    const rgb = asset(gsJpeg('jpeg'));
    const r = await exportReport(rgb, new Uint8Array(readFileSync(GS_CMYK_PROFILE)));
    expect(r.report.separatedPictures).toBe(1);
    const page1 = r.files[0].path;
    // Separated pixels, Flate-compressed ("image" in pdfimages' encoding column).
    expect(run('pdfimages', ['-list', page1]).stdout).toMatch(/image\s+40\s+30\s+cmyk\s+4\s+8\s+image/);
    const [c, m, y, k] = inkAt(page1, rgb, 0.25, 0.25);
    expect(c).toBeGreaterThan(180);
    expect(m + y + k).toBeLessThan(80);
    expect(inkAt(page1, rgb, 0.75, 0.25).reduce((t, v) => t + v, 0)).toBeLessThan(20);
    expect(mutoolFindings(page1)).toEqual({ status: 0, findings: [] });
  });

  it('separates an Adobe RGB picture from its embedded profile: the CMYK in the PDF is what lcms2 gives', async () => {
    // A dark green, 40 × 30 pixels, tagged Adobe RGB (1998) in two APP2 chunks.
    const green = withoutProfile(gsJpeg('jpeg', '<< /PageSize [40 30] >> setpagedevice\n0.2 0.5 0.3 setrgbcolor 0 0 40 30 rectfill showpage\n', 72, 100));
    const adobe = matrixProfile(ADOBE_RGB);
    const icc = new Uint8Array(readFileSync(GS_CMYK_PROFILE));
    const imageInks = async (picture: ImageAsset) => {
      const r = await exportReport(picture, icc);
      const page1 = r.files[0].path;
      const object = run('pdfimages', ['-list', page1]).stdout.split('\n').find((l) => /\bimage\b/.test(l))!.trim().split(/\s+/)[10];
      const data = execFileSync('qpdf', [`--show-object=${object}`, '--filtered-stream-data', page1]);
      expect(data.length).toBe(40 * 30 * 4);
      return { inks: [...data.subarray((15 * 40 + 20) * 4, (15 * 40 + 21) * 4)], warnings: r.report.warnings };
    };
    const tagged = await imageInks(asset(withProfile(green, adobe, 2)));
    const untagged = await imageInks(asset(green));
    // Ghostscript through the same two profiles, perceptual, no black point compensation.
    const dir = mkdtempSync(join(tmpdir(), 'pasteup-images-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'adobe.icc'), adobe);
    writeFileSync(join(dir, 'g.ps'), '<< /PageSize [1 1] >> setpagedevice 0.2 0.5 0.3 setrgbcolor 0 0 1 1 rectfill showpage');
    const gs = (rgb: string) => {
      run('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=bitcmyk', '-dGrayValues=256', '-r72', '-dRenderIntent=0', '-dBlackPtComp=0', `-sDefaultRGBProfile=${rgb}`, `-sOutputICCProfile=${GS_CMYK_PROFILE}`, `-sOutputFile=${join(dir, 'g.cmyk')}`, join(dir, 'g.ps')]);
      return [...readFileSync(join(dir, 'g.cmyk')).subarray(0, 4)];
    };
    const [lcmsAdobe, lcmsSrgb] = [gs(join(dir, 'adobe.icc')), gs('/usr/share/color/icc/ghostscript/srgb.icc')];
    for (let c = 0; c < 4; c++) {
      expect(Math.abs(tagged.inks[c] - lcmsAdobe[c]), `Adobe RGB ${tagged.inks} against ${lcmsAdobe}`).toBeLessThanOrEqual(5);
      expect(Math.abs(untagged.inks[c] - lcmsSrgb[c]), `sRGB ${untagged.inks} against ${lcmsSrgb}`).toBeLessThanOrEqual(5);
    }
    // More cyan, less magenta than the same pixels read as sRGB.
    expect(tagged.inks[0] - untagged.inks[0]).toBeGreaterThan(20);
    expect(tagged.inks[1]).toBeLessThan(untagged.inks[1]);
    expect(tagged.warnings.join('\n')).not.toMatch(/sRGB/);
  });

  it('names the picture on its page when its embedded profile cannot be used and it is separated as sRGB', async () => {
    const rgb = withoutProfile(gsJpeg('jpeg'));
    const r = await exportReport(asset(withProfile(rgb, tableProfile())), new Uint8Array(readFileSync(GS_CMYK_PROFILE)));
    expect(r.report.separatedPictures).toBe(1);
    expect(r.report.warnings).toContainEqual(expect.stringMatching(new RegExp(`^the picture ${REF.slice(0, 19)}… \\(page 1\\): its embedded ICC profile “Table RGB” cannot be used \\(it is a table-based \\(A2B0\\) RGB profile.*\\), so it was separated as sRGB`)));
  });

  it("says when the profile separates with more ink than newsprint takes, naming what its black prints", async () => {
    // A black picture: the most ink the profile puts down. Ghostscript's stand-in is a SWOP
    // (coated paper) profile, far past newsprint's 220 %: a plant would send the page back.
    const black = asset(gsJpeg('jpeg', '<< /PageSize [40 30] >> setpagedevice\n0 setgray 0 0 40 30 rectfill showpage\n'));
    const r = await exportReport(black, new Uint8Array(readFileSync(GS_CMYK_PROFILE)));
    const measured = inkAt(r.files[0].path, black, 0.5, 0.5).reduce((t, v) => t + v, 0) / 2.55;
    expect(measured).toBeGreaterThan(NEWSPRINT_INK_LIMIT);
    const warning = r.report.warnings.find((w) => w.includes('total ink'));
    expect(warning).toMatch(/not the plant's newsprint profile/);
    expect(Math.abs(Number(/up to (\d+) %/.exec(warning!)![1]) - measured)).toBeLessThan(3);
    // A gray or CMYK picture is not separated: nothing to say about the profile.
    const gray = await exportReport(asset(gsJpeg('jpeggray')), new Uint8Array(readFileSync(GS_CMYK_PROFILE)));
    expect(gray.report.warnings.join('\n')).not.toContain('total ink');
  });

  it('averages away the pixels of an RGB picture beyond twice 300 ppi as placed before separating it', async () => {
    // The quadrants at about 700 ppi in the demo's box: blocks of 2 × 2 pixels become one.
    const scale = Math.max(box.width / 40, box.height / 30);
    const big = asset(gsJpeg('jpeg', QUADRANTS_PS, Math.round(700 * scale)));
    expect(coverPlacement(box, big).ppi).toBeGreaterThan(2 * SEPARATED_PPI);
    const r = await exportReport(big, new Uint8Array(readFileSync(GS_CMYK_PROFILE)));
    const page1 = r.files[0].path;
    const row = run('pdfimages', ['-list', page1]).stdout.split('\n').find((l) => /\bimage\b/.test(l))!.trim().split(/\s+/);
    const [width, height, xppi] = [Number(row[3]), Number(row[4]), Number(row[12])];
    expect(width).toBeLessThan(big.width);
    expect(width / height).toBeCloseTo(big.width / big.height, 2);
    expect(xppi).toBeGreaterThanOrEqual(SEPARATED_PPI);
    expect(xppi).toBeLessThan(2 * SEPARATED_PPI);
    // The inks where they were.
    expect(inkAt(page1, big, 0.25, 0.3)[0]).toBeGreaterThan(180);
    expect(inkAt(page1, big, 0.75, 0.3).reduce((t, v) => t + v, 0)).toBeLessThan(20);
    // A picture at less than twice 300 ppi keeps every pixel (the test above: 40 × 30).
  });

  it("checks each file's pictures after writing", async () => {
    const cmyk = asset(gsJpeg('jpegcmyk'));
    const [withPicture] = await exportWith(cmyk);
    const [without] = await exportWith(null);
    const boxes = [pageBoxes(layout.pages[0], null)];
    const images = [[imageResource(REF)]];
    expect((await checkPdf(readFileSync(withPicture), { version: '1.3', pdfx: 'x1a', boxes, images })).problems).toEqual([]);
    expect((await checkPdf(readFileSync(without), { version: '1.3', pdfx: 'x1a', boxes, images })).problems).toEqual([`page 1: picture ${imageResource(REF)} missing`]);
  });

  it('writes the same bytes twice', async () => {
    const cmyk = asset(gsJpeg('jpegcmyk'));
    const a = await exportWith(cmyk);
    const b = await exportWith(cmyk);
    for (const [i, f] of a.entries()) expect(readFileSync(f).equals(readFileSync(b[i]))).toBe(true);
  });
});

describe('placing a picture in its box', () => {
  it('covers the box and crops the overflow: a third of it off the top, two thirds off the bottom', () => {
    const p = coverPlacement({ x: 10, y: 20, width: 100, height: 45 }, { width: 40, height: 30, orientation: 1 });
    // 30 pt too tall: 10 cut above the box, 20 below.
    expect(p).toEqual({ width: 100, height: 75, x: 10, y: 10, ppi: 28.8 });
    // A portrait in a landscape box: the picture's upper third line (a face's eyes) stays on the box's.
    const portrait = coverPlacement({ x: 0, y: 0, width: 120, height: 60 }, { width: 200, height: 300, orientation: 1 });
    expect(portrait.height).toBeCloseTo(180);
    expect(portrait.y + portrait.height / 3).toBeCloseTo(60 / 3);
    expect(portrait.y + portrait.height - 60).toBeCloseTo(2 * -portrait.y);
    // Across, the overflow is cut evenly: a landscape in a portrait box stays centred.
    const wide = coverPlacement({ x: 0, y: 0, width: 60, height: 120 }, { width: 300, height: 200, orientation: 1 });
    expect(wide.y).toBe(0);
    expect(wide.x + wide.width / 2).toBeCloseTo(30);
    // A quarter turn swaps the picture's sides before fitting.
    const q = coverPlacement({ x: 0, y: 0, width: 100, height: 50 }, { width: 30, height: 40, orientation: 6 });
    expect(q.width).toBeCloseTo(100);
    expect(q.height).toBeCloseTo(75);
  });

  it('clips to the box and draws the picture by its resource name', () => {
    const ops = pictureOps({ x: 10, y: 20, width: 100, height: 45, block: 0, asset: REF }, { ref: REF, width: 40, height: 30, components: 1, orientation: 1, filter: 'DCTDecode', inverted: false, data: new Uint8Array(), separated: false }, 500, String);
    expect(ops).toBe(`q\n10 435 100 45 re W n\n100 0 0 75 10 415 cm\n/Im${'5a'.repeat(8)} Do\nQ\n`);
  });
});
