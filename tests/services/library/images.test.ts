// Pictures in the library: stored once per distinct file, refused when the plate cannot carry
// them, read back as the export embeds them, and verified by check().
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkLibraryFile, InvalidImageError, LATEST_SCHEMA_VERSION, LibraryReadOnlyError, openLibrary, type Library } from '../../../electron/services/library';
import { createLibraryFile, openRawDatabase } from '../../../electron/services/library/testing';
import { emptyContent } from '../../../shared/model';
import { readPicture } from '../../../shared/images/jpeg-ink';
import { ADOBE_RGB, matrixProfile, tableProfile } from '../../helpers/icc';
import { dctJpeg, makeJpeg, withOrientation, withoutProfile, withProfile } from '../../helpers/jpeg';
import { cleanupDirs, fakeClock, sha256, tempDir } from './helpers';

let path: string;
let lib: Library;

beforeEach(() => {
  path = join(tempDir(), 'images.pasteup');
  lib = openLibrary(path, { clock: fakeClock() });
});
afterEach(() => {
  lib.close();
  cleanupDirs();
});

const hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('images', () => {
  it('stores a picture under sha256:<hex of its bytes> with its facts, name and time', () => {
    const cmyk = withOrientation(makeJpeg('cmyk', 48, 32), 6);
    const { image, added } = lib.images.add(cmyk, '/desk/photos/dam.jpg');
    expect(added).toBe(true);
    expect(image).toEqual({
      ref: `sha256:${hex(cmyk)}`,
      format: 'jpeg',
      width: 48,
      height: 32,
      components: 4,
      progressive: false,
      adobeTransform: 0,
      orientation: 6,
      // Ghostscript embeds the profile it wrote with.
      profile: { description: 'Artifex CMYK SWOP Profile', problem: null },
      fileName: 'dam.jpg',
      size: cmyk.length,
      addedAt: '2024-01-27T08:00:00.000Z',
      ink: readPicture(cmyk).ink,
    });
    expect(image.ink!.most).toBeGreaterThan(0);
    const back = lib.images.get(image.ref)!;
    expect(Buffer.from(back.bytes).equals(Buffer.from(cmyk))).toBe(true);
    expect(back).toMatchObject({ ref: image.ref, format: 'jpeg', width: 48, height: 32, components: 4, adobeTransform: 0, orientation: 6 });
    expect(Object.keys(back).sort()).toEqual(['adobeTransform', 'bytes', 'components', 'format', 'height', 'orientation', 'profile', 'progressive', 'ref', 'width']);
    expect(lib.images.get('sha256:0000')).toBeNull();
  });

  it('keeps one row for the same picture stored twice, the first name and time', () => {
    const gray = makeJpeg('gray');
    const first = lib.images.add(gray, 'a.jpg');
    const again = lib.images.add(new Uint8Array(gray), 'copy-of-a.jpg');
    expect(again.added).toBe(false);
    expect(again.image).toEqual(first.image);
    lib.images.add(makeJpeg('rgb'), 'b.jpg');
    expect(lib.images.list().map((i) => i.fileName)).toEqual(['a.jpg', 'b.jpg']);
    expect(lib.check().counts.images).toBe(2);
  });

  it('refuses a file the plate cannot carry with readJpeg\'s reason, naming the file, and stores nothing', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(() => lib.images.add(png, 'photos/chart.png')).toThrow(new InvalidImageError('photos/chart.png', 'not a JPEG file'));
    expect(() => lib.images.add(png, 'photos/chart.png')).toThrow('photos/chart.png: not a JPEG file');
    const gray = makeJpeg('gray');
    expect(() => lib.images.add(gray.subarray(0, 40), 'cut.jpg')).toThrow(/^cut\.jpg: the JPEG file is truncated/);
    expect(lib.images.list()).toEqual([]);
  });

  it('keeps a CMYK picture\'s total ink, none for gray and RGB, and refuses CMYK data that ends early', () => {
    // 400 % on the left half, the 240 % rich black on the right (inverted, as Adobe CMYK is).
    const samples = new Uint8Array(64 * 32 * 4).map((_, i) => (Math.floor(i / 4) % 64 < 32 ? 0 : 255 - [153, 102, 102, 255][i % 4]));
    const cmyk = dctJpeg(samples, 64, 32, 4);
    const stored = lib.images.add(cmyk, 'coated.jpg').image;
    expect(stored.ink!.most).toBeGreaterThan(395);
    expect(stored.ink!.over).toBeGreaterThan(0.5);
    expect(lib.images.info(stored.ref)!.ink).toEqual(stored.ink);
    expect(lib.images.add(makeJpeg('gray'), 'g.jpg').image.ink).toBeNull();
    expect(lib.images.add(makeJpeg('rgb'), 'c.jpg').image.ink).toBeNull();
    const sos = cmyk.findIndex((b, i) => b === 0xff && cmyk[i + 1] === 0xda);
    const cut = new Uint8Array([...cmyk.subarray(0, sos + 30), 0xff, 0xd9]);
    expect(() => lib.images.add(cut, 'cut.jpg')).toThrow(/^cut\.jpg: the JPEG file is truncated or damaged/);
    expect(lib.images.list()).toHaveLength(3);
  });

  it('gives the facts of the pictures it has, without bytes', () => {
    const a = lib.images.add(makeJpeg('gray'), 'a.jpg').image;
    const facts = lib.images.facts([a.ref, a.ref, 'sha256:missing']);
    expect([...facts.keys()]).toEqual([a.ref]);
    expect(facts.get(a.ref)).toEqual(a);
  });

  it('a read-only library refuses a new picture', () => {
    lib.close();
    lib = openLibrary(path, { readonly: true });
    expect(() => lib.images.add(makeJpeg('gray'), 'a.jpg')).toThrow(LibraryReadOnlyError);
  });

  it('an older library gets the images table when opened', () => {
    lib.close();
    const old = join(tempDir(), 'old.pasteup');
    createLibraryFile(old, 7);
    lib = openLibrary(old);
    expect(lib.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(lib.images.add(makeJpeg('gray'), 'a.jpg').added).toBe(true);
  });
});

describe('the profiles pictures carry', () => {
  it('are kept with the facts: the name, and why an RGB picture cannot take its colours from it', () => {
    const rgb = withoutProfile(makeJpeg('rgb'));
    const adobe = lib.images.add(withProfile(rgb, matrixProfile(ADOBE_RGB)), 'adobe.jpg').image;
    const table = lib.images.add(withProfile(rgb, tableProfile()), 'table.jpg').image;
    const none = lib.images.add(rgb, 'none.jpg').image;
    expect(adobe.profile).toEqual({ description: 'Adobe RGB (1998)', problem: null });
    expect(table.profile).toEqual({ description: 'Table RGB', problem: expect.stringMatching(/table-based/) });
    expect(none.profile).toBeNull();
    expect(lib.images.get(adobe.ref)!.profile).toEqual(adobe.profile);
    expect(lib.images.facts([table.ref]).get(table.ref)!.profile).toEqual(table.profile);
  });

  it('are read from the pictures of a library made before schema 10, when it is opened', () => {
    lib.close();
    const old = join(tempDir(), 'old8.pasteup');
    createLibraryFile(old, 8);
    const raw = openRawDatabase(old);
    const insert = raw.prepare("INSERT INTO images (ref, format, width, height, components, progressive, adobe_transform, orientation, file_name, byte_count, added_at, bytes) VALUES (?, 'jpeg', 40, 30, 3, 0, NULL, 1, ?, ?, '2024-01-01T00:00:00.000Z', ?)");
    const rgb = withoutProfile(makeJpeg('rgb'));
    const tagged = withProfile(rgb, matrixProfile(ADOBE_RGB), 2);
    for (const [bytes, name] of [[tagged, 'adobe.jpg'], [rgb, 'plain.jpg']] as const) insert.run(`sha256:${hex(bytes)}`, name, bytes.length, Buffer.from(bytes));
    raw.close();
    lib = openLibrary(old);
    expect(lib.images.info(`sha256:${hex(tagged)}`)!.profile).toEqual({ description: 'Adobe RGB (1998)', problem: null });
    expect(lib.images.info(`sha256:${hex(rgb)}`)!.profile).toBeNull();
    lib.close();
    expect(checkLibraryFile(old).problems).toEqual([]);
    lib = openLibrary(old);
  });

  it('are checked against the picture by check', () => {
    const a = lib.images.add(withProfile(withoutProfile(makeJpeg('rgb')), matrixProfile(ADOBE_RGB)), 'a.jpg').image;
    lib.close();
    const raw = openRawDatabase(path);
    raw.prepare("UPDATE image_profiles SET description = 'sRGB' WHERE ref = ?").run(a.ref);
    raw.close();
    expect(checkLibraryFile(path).problems).toEqual([`image ${a.ref}: its stored profile (profile “sRGB”) disagrees with the picture (profile “Adobe RGB (1998)”)`]);
  });
});

describe('check and pictures', () => {
  it('finds a picture whose bytes no longer hash to its reference, or whose columns are wrong', () => {
    const a = lib.images.add(makeJpeg('gray'), 'a.jpg').image;
    const b = lib.images.add(makeJpeg('rgb'), 'b.jpg').image;
    lib.close();
    const raw = openRawDatabase(path);
    raw.prepare('UPDATE images SET bytes = ? WHERE ref = ?').run(Buffer.from(makeJpeg('cmyk')), a.ref);
    raw.prepare('UPDATE images SET width = 99 WHERE ref = ?').run(b.ref);
    raw.close();
    const r = checkLibraryFile(path);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      `image ${a.ref}: its bytes do not hash to its reference (they are sha256:${hex(makeJpeg('cmyk'))})`,
      `image ${b.ref}: its columns (99, 30, 3, false, , 1) disagree with the picture (40, 30, 3, false, , 1)`,
    ]);
    expect(r.counts.images).toBe(2);
  });

  it('finds photos of articles and editions whose picture is not in the library', () => {
    const pic = lib.images.add(makeJpeg('gray'), 'a.jpg').image;
    const missing = `sha256:${sha256('not stored')}`;
    const article = lib.articles.create({
      ...emptyContent('zh'),
      headline: ['图'],
      body: [
        { type: 'photo', caption: '有图', credit: null, asset: pic.ref },
        { type: 'photo', caption: '缺图', credit: null, asset: missing },
        { type: 'photo', caption: '占位', credit: null, asset: null },
      ],
    });
    const e = lib.editions.create({ name: '早版', date: '2024-01-27', template: 'broadsheet-zh', pages: 2 });
    lib.editions.apply(e.id, { type: 'placePhoto', page: 'p2', caption: '图', credit: null, asset: 'photos/x.jpg', col: 0, span: 2, top: 0, height: 10 });
    lib.editions.apply(e.id, { type: 'placePhoto', page: 'p1', caption: '图', credit: null, asset: pic.ref, col: 0, span: 2, top: 0, height: 10 });
    const r = lib.check();
    expect(r.problems).toEqual([
      `article ${article.id}'s photo (block 2): picture ${missing} is not in the library`,
      `edition ${e.id}'s photo frame f3 (page 2): picture photos/x.jpg is not in the library`,
    ]);
  });
});
