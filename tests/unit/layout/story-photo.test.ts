// A photo in a story's text takes its picture's shape when the layout is given it
// (LayoutArticleInput.pictures), within the house limits (STORY_PHOTO); without it, 0.7 of
// its width tall as before. Fake font on the 100 pt columns, 14 pt leading of fake-layout.ts.
import { describe, expect, it } from 'vitest';
import type { PictureShape } from '../../../shared/images/cover';
import { layoutArticle, STORY_PHOTO, type FrameLayout, type PhotoBox } from '../../../shared/layout';
import { emptyContent, type ArticleContent } from '../../../shared/model';
import { grid, jumpFromPage1To4, para, provider, styles } from '../../helpers/fake-layout';

const BASE = grid.top + (grid.leading - grid.bodySize) / 2 + grid.bodySize * 0.88;
const PICTURE = 'sha256:picture';

const shapes: Record<string, PictureShape> = {
  portrait: { across: 1200, down: 1600 },
  headShot: { across: 1000, down: 1500 },
  square: { across: 1000, down: 1000 },
  landscape: { across: 1600, down: 1200 },
  panorama: { across: 4000, down: 1000 },
  strip: { across: 500, down: 1500 },
};

const storyWithPhoto = (asset: string | null): ArticleContent => ({
  ...emptyContent('zh'),
  headline: [],
  body: [
    { type: 'paragraph', text: para(40) },
    { type: 'photo', caption: '比赛现场。', credit: '牛晨阳 摄', asset },
    { type: 'paragraph', text: para(60) },
  ],
});

/** A Chinese story without a headline: `before` characters, a photo of the picture captioned 现场。, `after` characters. */
const around = (before: number, after: number): ArticleContent => ({
  ...emptyContent('zh'),
  headline: [],
  body: [
    { type: 'paragraph', text: para(before) },
    { type: 'photo', caption: '现场。', credit: null, asset: PICTURE },
    { type: 'paragraph', text: para(after) },
  ],
});

/** The story laid out in one column 60 lines deep, with `pictures` known. */
function laid(asset: string | null, pictures?: ReadonlyMap<string, PictureShape>, o: { kind?: 'story' | 'photo'; fills?: boolean } = {}): { f: FrameLayout; photo: PhotoBox; overset: number } {
  const article = { ...storyWithPhoto(asset), kind: o.kind ?? 'story' };
  const r = layoutArticle(provider, { article, grid, styles: styles(1), parts: [{ frame: { id: 'f', col: 0, span: 1, top: 0, height: 60 } }], pictures, pictureFills: o.fills });
  const f = r.frames[0];
  expect(f.photos).toHaveLength(1);
  return { f, photo: f.photos[0], overset: r.overset };
}

const known = (shape: PictureShape) => new Map([[PICTURE, shape]]);
/** Grid lines the photo takes: its box and the white under it to its caption. */
const linesOf = (p: PhotoBox) => p.height / grid.leading + 0.3;
/** The share of a picture a box shows when the picture covers it (as preflight's picture-cropped computes it). */
const shown = (s: PictureShape, p: PhotoBox) => {
  const [a, b] = [s.across / s.down, p.width / p.height];
  return Math.min(a, b) / Math.max(a, b);
};

describe('a story photo takes its picture\u2019s shape', () => {
  const placeholder = laid(null).photo;

  it('is whole grid lines tall, as near the picture\u2019s height at the column\u2019s width as whole lines come, the caption on the next line', () => {
    for (const name of ['portrait', 'headShot', 'square', 'landscape'] as const) {
      const s = shapes[name];
      const { f, photo, overset } = laid(PICTURE, known(s));
      expect(overset, name).toBe(0);
      expect(Math.abs(linesOf(photo) - Math.round(linesOf(photo))), name).toBeLessThan(1e-9);
      // Within half a line of the picture's own height at this width: the crop is at most that.
      expect(Math.abs(photo.height - (photo.width * s.down) / s.across), name).toBeLessThanOrEqual(grid.leading / 2 + 1e-9);
      expect(shown(s, photo), name).toBeGreaterThan(0.9);
      // The caption follows on the grid line under the picture's lines, the text after it.
      const col = f.columns[0];
      const cap = col.lines.find((l) => l.role === 'caption')!;
      expect(cap.y, name).toBeCloseTo(photo.y + Math.round(linesOf(photo)) * grid.leading + BASE - grid.top, 9);
      const after = col.lines.slice(col.lines.indexOf(cap) + 1).find((l) => l.role === 'body')!;
      expect(after.y, name).toBeGreaterThan(cap.y);
    }
  });

  it('a portrait is taller than the block it had at 0.7 of its width, a landscape picture about as tall, a square between', () => {
    const h = (name: keyof typeof shapes) => laid(PICTURE, known(shapes[name])).photo.height;
    expect(h('portrait')).toBeGreaterThan(placeholder.height + 3 * grid.leading);
    expect(h('headShot')).toBeGreaterThan(h('portrait'));
    expect(h('square')).toBeGreaterThan(placeholder.height);
    expect(h('square')).toBeLessThan(h('portrait'));
    expect(Math.abs(h('landscape') - placeholder.height)).toBeLessThanOrEqual(grid.leading);
  });

  it('keeps a portrait within 1.5 × the column\u2019s width, a crop that leaves preflight\u2019s picture-cropped quiet', () => {
    const strip = laid(PICTURE, known(shapes.strip)).photo;
    const headShot = laid(PICTURE, known(shapes.headShot)).photo;
    // A 1:3 strip gets the 2:3 head shot's box, not three widths of the column.
    expect(strip.height).toBe(headShot.height);
    expect(strip.height).toBeLessThanOrEqual(STORY_PHOTO.tallest * strip.width + grid.leading / 2);
    expect(shown(shapes.strip, strip)).toBeGreaterThan(1 / 3);
  });

  it('gives a panorama no fewer than 3 grid lines', () => {
    const { photo } = laid(PICTURE, known(shapes.panorama));
    // 4:1 at 100 pt is 25 pt, under 2 lines: it takes the least a block takes.
    expect(Math.round(linesOf(photo))).toBe(STORY_PHOTO.least);
    expect(photo.height).toBeGreaterThan((photo.width * shapes.panorama.down) / shapes.panorama.across);
  });

  it('stays 0.7 of its width tall without its picture\u2019s shape: a placeholder, a picture the caller did not give, no shapes at all', () => {
    expect(Math.round(linesOf(placeholder))).toBe(Math.round((grid.columnWidth * STORY_PHOTO.placeholder) / grid.leading));
    const portraits = known(shapes.portrait);
    for (const [asset, pictures] of [[null, portraits], ['sha256:other', portraits], [PICTURE, undefined], [PICTURE, new Map()]] as const) {
      const { f, photo } = laid(asset, pictures);
      expect(photo, String(asset)).toEqual({ ...placeholder, asset });
      expect(f.columns[0].lines.map((l) => [l.role, l.y]), String(asset)).toEqual(laid(null).f.columns[0].lines.map((l) => [l.role, l.y]));
    }
  });

  it('leaves a picture that fills its frame as the editor sized it: a photo frame, a news photo', () => {
    for (const o of [{ fills: true }, { kind: 'photo' as const }]) {
      const without = laid(PICTURE, undefined, o).photo;
      expect(laid(PICTURE, known(shapes.portrait), o).photo).toEqual(without);
      expect(laid(PICTURE, known(shapes.panorama), o).photo).toEqual(without);
    }
  });

  it('at a column\u2019s foot keeps at least half its lines, or goes on to the next column whole; a block without its picture is cut as before', () => {
    // A part that jumps fills its columns top to bottom: the photo after the first paragraph
    // meets the foot of column 1 with fewer lines left the shorter the frame.
    const article: ArticleContent = {
      ...emptyContent('zh'),
      headline: [],
      body: [
        { type: 'paragraph', text: para(88) },
        { type: 'photo', caption: '现场。', credit: null, asset: PICTURE },
        { type: 'paragraph', text: para(600) },
      ],
    };
    const layout = (height: number, pictures?: ReadonlyMap<string, PictureShape>) => {
      const r = layoutArticle(provider, { article, grid, styles: styles(2), parts: jumpFromPage1To4({ span: 2, height }, { span: 2, height: 40 }), pictures });
      const photos = r.frames.flatMap((f) => f.photos.map((p) => ({ p, columnTop: f.columns.some((c) => c.x === p.x && p.y === f.y) })));
      expect(photos).toHaveLength(1);
      return photos[0];
    };
    const full = Math.round(linesOf(laid(PICTURE, known(shapes.portrait)).photo));
    let cut = 0;
    let movedOn = 0;
    for (let height = 12; height <= 26; height++) {
      const { p, columnTop } = layout(height, known(shapes.portrait));
      const lines = Math.round(linesOf(p));
      if (columnTop) {
        expect(lines, `${height}`).toBe(full);
        const placeholder = layout(height).p;
        if (!layout(height).columnTop) {
          // Where the picture went on, a block without its picture is cut to the room left, as before.
          movedOn++;
          expect(Math.round(linesOf(placeholder)), `${height}`).toBeLessThan(STORY_PHOTO.least + 2);
        }
      } else {
        expect(lines, `${height}`).toBeGreaterThanOrEqual(Math.ceil(full * STORY_PHOTO.kept));
        if (lines < full) cut++;
      }
    }
    // Both happen in the range: cut to what is left when that keeps half, moved on when not.
    expect(cut).toBeGreaterThan(0);
    expect(movedOn).toBeGreaterThan(0);
  });
});


describe('a story photo that finds no room', () => {
  it('is overset, with or without a caption: counted on the last part (lost.photos), warned of, and the frame is not called underfull', () => {
    // The story's last block is a photo; the frame is made shorter line by line. Where the
    // text still fits and the photo does not, nothing else says the photo is gone: without a
    // caption not one character is overset.
    for (const caption of ['', '现场。']) {
      const article: ArticleContent = {
        ...emptyContent('zh'),
        headline: [],
        body: [
          { type: 'paragraph', text: para(120) },
          { type: 'photo', caption, credit: null, asset: PICTURE },
        ],
      };
      let silentBefore = 0;
      for (let height = 4; height <= 30; height++) {
        const r = layoutArticle(provider, { article, grid, styles: styles(1), parts: [{ frame: { id: 'f', col: 0, span: 1, top: 0, height } }], pictures: known(shapes.portrait) });
        const f = r.frames[0];
        const printed = f.photos.length;
        if (printed === 1) {
          expect(f.lost?.photos ?? 0, `${height}`).toBe(0);
          continue;
        }
        expect(f.lost?.photos, `${caption} ${height}`).toBe(1);
        expect(r.warnings.find((w) => w.code === 'overset')?.message, `${height}`).toMatch(/1 photo/);
        expect(r.warnings.some((w) => w.code === 'underfull'), `${height}`).toBe(false);
        if (r.overset === 0) silentBefore++;
      }
      // Without a caption, some heights hold all the text and not the photo.
      if (!caption) expect(silentBefore).toBeGreaterThan(0);
    }
  });
});

describe('a crosshead over a photo', () => {
  it('is not left at a column\u2019s foot with its photo atop the next column: it goes on with the photo, or gives up its white to stay with it', () => {
    const article: ArticleContent = {
      ...emptyContent('zh'),
      headline: [],
      body: [
        { type: 'paragraph', text: para(90) },
        { type: 'subhead', text: '小标题' },
        { type: 'photo', caption: '现场。', credit: '牛晨阳 摄', asset: PICTURE },
        { type: 'paragraph', text: para(300) },
      ],
    };
    let together = 0;
    for (const pictures of [undefined, known(shapes.landscape), known(shapes.portrait)]) {
      for (let height = 8; height <= 30; height++) {
        const r = layoutArticle(provider, { article, grid, styles: styles(2), parts: [{ frame: { id: 'f', col: 0, span: 2, top: 0, height } }], pictures });
        const f = r.frames[0];
        const photo = f.photos[0];
        const column = f.columns.findIndex((c) => c.lines.some((l) => l.role === 'crosshead'));
        if (!photo || column < 0) continue;
        const crosshead = f.columns[column].lines.find((l) => l.role === 'crosshead')!;
        // The photo is in the crosshead's column, right under it (its line of white at most between).
        expect(photo.x, `${height}`).toBe(f.columns[column].x);
        expect(photo.y - crosshead.y, `${height}`).toBeLessThan(3 * grid.leading);
        together++;
      }
    }
    expect(together).toBeGreaterThan(20);
  });
});

describe('a Chinese photo credit', () => {
  it('on a line of its own (the caption too long for it to run on) prints in the caption\u2019s face and size, flush right, as it does run on', () => {
    let own = 0;
    let runOn = 0;
    for (let n = 1; n <= 24; n++) {
      const article: ArticleContent = { ...emptyContent('zh'), headline: [], body: [{ type: 'photo', caption: para(n, '图'), credit: '牛晨阳 摄', asset: PICTURE }, { type: 'paragraph', text: para(40) }] };
      const r = layoutArticle(provider, { article, grid, styles: styles(1), parts: [{ frame: { id: 'f', col: 0, span: 1, top: 0, height: 40 } }], pictures: known(shapes.landscape) });
      const lines = r.frames[0].columns[0].lines;
      const caption = lines.filter((l) => l.role === 'caption');
      const credit = lines.filter((l) => l.role === 'credit');
      const face = caption[0].runs[0];
      if (credit.length === 0) {
        // Run on: the credit is in the caption's last line, in its runs.
        expect(caption.at(-1)!.text.endsWith('牛晨阳 摄'), `${n}`).toBe(true);
        runOn++;
        continue;
      }
      own++;
      expect(credit.map((l) => l.text), `${n}`).toEqual(['牛晨阳 摄']);
      // (Its space is a Latin run: the face is the one of its Han characters.)
      expect(credit[0].runs[0].font, `${n}`).toBe(face.font);
      for (const run of credit[0].runs) expect(run.size, `${n}`).toBe(face.size);
      // Flush right: its end at the column's right edge.
      expect(credit[0].x + credit[0].width, `${n}`).toBeCloseTo(r.frames[0].columns[0].x + r.frames[0].columns[0].width, 1);
    }
    expect(own).toBeGreaterThan(0);
    expect(runOn).toBeGreaterThan(0);
  });
});

describe('a story that is overset by a few lines', () => {
  it('fits when its photo gives up those lines, down to half of them: cut no more than needed, never below that', () => {
    const article = around(60, 90);
    const full = Math.round(linesOf(laid(PICTURE, known(shapes.portrait)).photo));
    let cut = 0;
    for (let height = 10; height <= 40; height++) {
      const r = layoutArticle(provider, { article, grid, styles: styles(1), parts: [{ frame: { id: 'f', col: 0, span: 1, top: 0, height } }], pictures: known(shapes.portrait) });
      const f = r.frames[0];
      if (f.photos.length === 0) continue;
      const lines = Math.round(linesOf(f.photos[0]));
      expect(lines, `${height}`).toBeGreaterThanOrEqual(Math.ceil(full * STORY_PHOTO.kept));
      // Cut at the column's foot with nothing under it (the frame too short for it): not this rule.
      const below = f.columns[0].lines.some((l) => l.role === 'body' && l.y > f.photos[0].y + f.photos[0].height);
      if (lines === full || !below) continue;
      // Cut with text under it: the story fits, and fills its frame to the foot (a line more of picture would not have fit).
      expect(r.overset, `${height}`).toBe(0);
      const last = f.columns[0].lines.at(-1)!;
      expect(Math.round((last.y - BASE) / grid.leading), `${height}`).toBe(height - 1);
      cut++;
    }
    expect(cut).toBeGreaterThan(2);
  });
});

describe('a photo opening a continuation', () => {
  it('is set off from the jump-in line by its line of white, as from any text above it', () => {
    const article = around(200, 60);
    let opened = 0;
    for (let height = 8; height <= 24; height++) {
      const r = layoutArticle(provider, { article, grid, styles: styles(1), parts: jumpFromPage1To4({ span: 1, height }, { span: 1, height: 40 }), pictures: known(shapes.landscape) });
      const next = r.frames[1];
      const photo = next.photos[0];
      if (!photo || next.columns[0].lines.some((l) => l.role === 'body' && l.y < photo.y)) continue;
      // The photo is the first thing after the jump-in line: a full line of white between them.
      const jumpIn = next.jumpIn!;
      const jumpInRow = Math.round((jumpIn.y - BASE) / grid.leading);
      expect(Math.round((photo.y - grid.top) / grid.leading), `${height}`).toBe(jumpInRow + 2);
      opened++;
    }
    expect(opened).toBeGreaterThan(0);
  });
});
