// FontFile: a TrueType font read table by table. The shaping face (no outlines) must shape
// exactly like the whole font, and hb-subset must make the same subset from the font with
// only the printed glyphs' outlines as from the whole font.
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSfnt, cmapEntries, components, FontFile, tableDirectory } from '../../../electron/services/fonts/font-file';
import { FONTS_DIR, loadHarfBuzz, type HarfBuzzModule } from '../../../electron/services/fonts/node-fonts';
import { subsetTrueType } from '../../../electron/services/export/subset';
import { readTrueType } from '../../../electron/services/export/ttf';

const fixture = readFileSync(new URL('../../../../shared/fixtures/taiyuan-daily-2024-01.txt', import.meta.url), 'utf8');
const CJK = join(FONTS_DIR, 'NotoSerifSC-Regular.ttf');
const LATIN = join(FONTS_DIR, 'NotoSerif-Regular.ttf');

let hb: HarfBuzzModule;
let tmp: string;
beforeAll(async () => {
  hb = await loadHarfBuzz();
  tmp = mkdtempSync(join(tmpdir(), 'pasteup-fontfile-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function wholeFileChecksum(b: Uint8Array): number {
  const padded = new Uint8Array((b.length + 3) & ~3);
  padded.set(b);
  const v = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
  return sum;
}

function shape(font: Uint8Array, text: string, lang: string): string {
  const face = new hb.Face(new hb.Blob(font));
  const f = new hb.Font(face);
  const buf = new hb.Buffer();
  buf.addText(text);
  buf.setDirection(4);
  buf.guessSegmentProperties();
  buf.setLanguage(lang);
  hb.shape(f, buf);
  const pos = buf.getGlyphPositions();
  return buf
    .getGlyphInfos()
    .map((g, i) => `${g.codepoint}@${g.cluster}+${pos[i].xAdvance},${pos[i].xOffset},${pos[i].yOffset}`)
    .join(' ');
}

/** The glyph ids the fixture's text maps to in a font. */
function glyphsOf(font: Uint8Array, text: string): number[] {
  const face = new hb.Face(new hb.Blob(font));
  const f = new hb.Font(face);
  const ids = new Set<number>();
  for (const ch of new Set(text)) {
    const g = f.nominalGlyph(ch.codePointAt(0)!);
    if (g) ids.add(g);
  }
  return [...ids].sort((a, b) => a - b);
}

describe('FontFile', () => {
  it('reads the directory and single tables, byte for byte as in the file', () => {
    const whole = new Uint8Array(readFileSync(CJK));
    const dir = tableDirectory(whole);
    const file = FontFile.open(CJK);
    expect([...file.tables.keys()].sort()).toEqual([...dir.keys()].sort());
    for (const tag of ['cmap', 'hmtx', 'GSUB', 'OS/2']) {
      const r = dir.get(tag)!;
      expect(Buffer.from(file.table(tag)!).equals(Buffer.from(whole.subarray(r.offset, r.offset + r.length))), tag).toBe(true);
    }
    expect(file.table('nope')).toBeUndefined();
    expect(readTrueType(file)).toEqual(readTrueType(whole));
  });

  it('refuses what is not a TrueType font, naming the file', () => {
    const p = join(tmp, 'bad.ttf');
    writeFileSync(p, 'OTTO and then some bytes');
    expect(() => FontFile.open(p)).toThrow(/bad\.ttf: a CFF/);
    writeFileSync(p, 'hello world, not a font at all');
    expect(() => FontFile.open(p)).toThrow(/bad\.ttf: not a TrueType font/);
    expect(() => FontFile.open(join(tmp, 'missing.ttf'))).toThrow(/missing\.ttf is missing/);
  });

  it('shaping font: no outlines, a twentieth of the size, and shapes the fixture exactly like the whole font', () => {
    for (const path of [CJK, LATIN]) {
      const whole = new Uint8Array(readFileSync(path));
      const shaping = FontFile.open(path).shapingFont();
      const dir = tableDirectory(shaping);
      expect(dir.has('glyf')).toBe(false);
      expect(dir.has('loca')).toBe(false);
      expect(dir.has('GSUB')).toBe(true);
      if (path === CJK) expect(shaping.length).toBeLessThan(whole.length / 20);
      for (const line of fixture.split('\n').filter((l) => l.trim()).slice(0, 80)) {
        expect(shape(shaping, line, 'zh-Hans'), line).toBe(shape(whole, line, 'zh-Hans'));
      }
      expect(shape(shaping, 'Office ﬁnance —— “AV” 2.5 PM10', 'en')).toBe(shape(whole, 'Office ﬁnance —— “AV” 2.5 PM10', 'en'));
    }
  });

  it('withGlyphs: hb-subset makes the byte-identical subset from it as from the whole font', () => {
    for (const [path, text] of [
      [CJK, fixture],
      [LATIN, 'Café déjà vu, naïve façade — Ångström, Œuvre; ǅ ǈ 0123456789 fi fl'],
    ] as const) {
      const whole = new Uint8Array(readFileSync(path));
      const gids = glyphsOf(whole, text);
      expect(gids.length).toBeGreaterThan(20);
      const thin = FontFile.open(path).withGlyphs(gids);
      expect(thin.length).toBeLessThan(whole.length / 2);
      expect(tableDirectory(thin).has('GSUB')).toBe(false);
      const a = subsetTrueType('whole', whole, gids);
      const b = subsetTrueType('thin', thin, gids);
      expect(Buffer.from(b).equals(Buffer.from(a)), path).toBe(true);
    }
  });

  it('withGlyphs of a long run of neighbouring glyphs (reads longer than the scratch buffer) is the same subset', () => {
    const whole = new Uint8Array(readFileSync(CJK));
    const gids = Array.from({ length: 6000 }, (_, i) => 2000 + i); // one coalesced read of megabytes
    const thin = FontFile.open(CJK).withGlyphs(gids);
    expect(Buffer.from(subsetTrueType('thin', thin, gids)).equals(Buffer.from(subsetTrueType('whole', whole, gids)))).toBe(true);
  });

  it('withGlyphs into a buffer it is given (dirty, aligned or not) writes every byte: the same font', () => {
    // The exporter builds the font in hb-subset's memory, which holds what the last font left.
    for (const [path, text] of [
      [CJK, fixture.slice(0, 3000)],
      [LATIN, 'Café déjà vu, naïve façade — Ångström'],
    ] as const) {
      const gids = glyphsOf(new Uint8Array(readFileSync(path)), text);
      const plain = FontFile.open(path).withGlyphs(gids);
      for (const shift of [0, 1, 2, 8]) {
        const backing = new Uint8Array(plain.length + 16).fill(0xa5);
        let given: Uint8Array | undefined;
        const built = FontFile.open(path).withGlyphs(gids, (size) => (given = backing.subarray(shift, shift + size)));
        expect(built).toBe(given);
        expect(Buffer.from(built).equals(Buffer.from(plain)), `${path} at +${shift}`).toBe(true);
        expect(backing[shift + plain.length]).toBe(0xa5); // nothing written past the font
      }
      // hb-subset of the font built in its own memory is the subset of the font passed in.
      const file = FontFile.open(path);
      expect(Buffer.from(subsetTrueType('into', (into) => file.withGlyphs(gids, into), gids)).equals(Buffer.from(subsetTrueType('bytes', plain, gids)))).toBe(true);
    }
    expect(() => buildSfnt([['head', new Uint8Array(54)]], { into: (size) => new Uint8Array(size - 4) })).toThrow(/given/);
  });

  it('withGlyphs from outlines kept by earlier calls equals withGlyphs from the file', () => {
    // One FontFile serves a session's exports: glyphs read once are kept (a composite's
    // components too), and only new ones are read. The result must not depend on that.
    const lines = fixture.split('\n').filter((l) => l.length > 40);
    const whole = new Uint8Array(readFileSync(CJK));
    const first = glyphsOf(whole, lines.slice(0, 20).join(''));
    const second = glyphsOf(whole, lines.slice(10, 40).join(''));
    expect(second.some((g) => !first.includes(g)) && second.some((g) => first.includes(g))).toBe(true);
    const session = FontFile.open(CJK);
    session.withGlyphs(first);
    expect(Buffer.from(session.withGlyphs(second)).equals(Buffer.from(FontFile.open(CJK).withGlyphs(second)))).toBe(true);
    const latin = FontFile.open(LATIN);
    const accented = glyphsOf(new Uint8Array(readFileSync(LATIN)), 'éèêëàâäçñöüÅÉÑ');
    latin.withGlyphs(accented);
    const again = [...accented, ...glyphsOf(new Uint8Array(readFileSync(LATIN)), 'Quixotic')];
    expect(Buffer.from(latin.withGlyphs(again)).equals(Buffer.from(FontFile.open(LATIN).withGlyphs(again)))).toBe(true);
  });

  it('withGlyphs keeps the components of composite glyphs', () => {
    const whole = new Uint8Array(readFileSync(LATIN));
    const dir = tableDirectory(whole);
    const file = FontFile.open(LATIN);
    const loca = file.loca();
    const glyf = dir.get('glyf')!;
    const glyph = (g: number) => whole.subarray(glyf.offset + loca[g], glyf.offset + loca[g + 1]);
    // Find a composite among the accented letters.
    const [composite] = glyphsOf(whole, 'éèêëàâäçñöüÅÉÑ').filter((g) => components(glyph(g)).length > 0);
    expect(composite).toBeDefined();
    const parts = components(glyph(composite));
    const thin = file.withGlyphs([composite]);
    const thinDir = tableDirectory(thin);
    const tv = new DataView(thin.buffer, thin.byteOffset);
    const thinLoca = (g: number) => tv.getUint32(thinDir.get('loca')!.offset + 4 * g);
    const size = (g: number) => thinLoca(g + 1) - thinLoca(g);
    expect(size(composite)).toBe(glyph(composite).length);
    for (const p of parts) expect(size(p), `component ${p}`).toBe(glyph(p).length);
    // A glyph not asked for is empty.
    const other = glyphsOf(whole, 'Q')[0];
    expect(size(other)).toBe(0);
  });

  it('cmapEntries: the kept glyphs found by range equal the full mapping filtered, and HarfBuzz agrees', () => {
    const file = FontFile.open(CJK);
    const all = cmapEntries(file.table('cmap')!);
    expect(all.length).toBeGreaterThan(28000);
    const whole = new Uint8Array(readFileSync(CJK));
    const gids = glyphsOf(whole, fixture);
    const set = new Set(gids);
    expect(cmapEntries(file.table('cmap')!, (g) => set.has(g), gids)).toEqual(all.filter(([, g]) => set.has(g)));
    const face = new hb.Font(new hb.Face(new hb.Blob(whole)));
    for (const [c, g] of all.filter((_, i) => i % 97 === 0)) expect(face.nominalGlyph(c), `U+${c.toString(16)}`).toBe(g);
  });

  it('buildSfnt writes a sorted, aligned directory with valid checksums', () => {
    const head = new Uint8Array(54);
    new DataView(head.buffer).setUint32(12, 0x5f0f3cf5);
    const out = buildSfnt([['zzzz', new Uint8Array([1, 2, 3])], ['head', head], ['abcd', new Uint8Array([9])]]);
    const dir = tableDirectory(out);
    expect([...dir.keys()]).toEqual(['abcd', 'head', 'zzzz']);
    for (const r of dir.values()) expect(r.offset % 4).toBe(0);
    expect(wholeFileChecksum(out)).toBe(0xb1b0afba);
    expect(Array.from(out.subarray(dir.get('zzzz')!.offset, dir.get('zzzz')!.offset + 3))).toEqual([1, 2, 3]);
  });
});
