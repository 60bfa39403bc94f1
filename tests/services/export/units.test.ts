// The exporter's small parts: glyph → text for ToUnicode, CMaps, /W, file names, ICC headers,
// number formatting, the subset tag, the check of a written PDF.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitStaged, discardStaged, fileName, NamesTaken, sanitizeComponent, stageFile } from '../../../electron/services/export/files';
import { subsetTag, toUnicodeCMap, widthArray } from '../../../electron/services/export/font-program';
import { addLineGlyphs, GlyphUsage } from '../../../electron/services/export/glyphs';
import { checkOutputProfile } from '../../../electron/services/export/icc';
import { readIcc } from '../../../shared/images/icc';
import { xmpPacket } from '../../../electron/services/export/xmp';
import { checkPdf } from '../../../electron/services/export/verify';
import { ContentWriter, num, pageBoxes, pageLabels, type LabelSetter } from '../../../electron/services/export/paint';
import type { PageLayout } from '../../../shared/layout';
import type { TrueTypeInfo } from '../../../electron/services/export/ttf';
import type { GlyphRun } from '../../../shared/text/lines';

function line(text: string, runs: Pick<GlyphRun, 'ids' | 'clusters'>[], opts: { start?: number; hyphenated?: boolean; font?: string } = {}) {
  const start = opts.start ?? 0;
  return {
    text,
    start,
    end: start + text.length,
    hyphenated: opts.hyphenated ?? false,
    runs: runs.map((r) => ({ font: opts.font ?? 'F', size: 9, dy: 0, ids: r.ids, clusters: r.clusters.map((c) => c + start), xs: r.ids.map((_, i) => i * 9) })),
  };
}

describe('glyph texts (ToUnicode from the engine clusters)', () => {
  it('maps one glyph for —— to two U+2014 and each Han glyph to its character', () => {
    const u = new GlyphUsage();
    addLineGlyphs(u, line('之一——太原', [{ ids: [10, 11, 12, 13, 14], clusters: [0, 1, 2, 4, 5] }], { start: 30 }));
    const f = u.font('F');
    expect(f.text(12)).toBe('——');
    expect([10, 11, 13, 14].map((g) => f.text(g))).toEqual(['之', '一', '太', '原']);
  });

  it('attaches no trailing space (it has no glyph) and maps the hyphen of a hyphenated line to "-"', () => {
    const u = new GlyphUsage();
    addLineGlyphs(u, line('the exam ', [{ ids: [1, 2, 3, 4, 5, 6, 7, 8], clusters: [0, 1, 2, 3, 4, 5, 6, 7] }, { ids: [9], clusters: [9] }], { hyphenated: true }));
    const f = u.font('F');
    expect(f.text(8)).toBe('m');
    expect(f.text(4)).toBe(' ');
    expect(f.text(9)).toBe('-');
  });

  it('gives a multi-glyph cluster its text once; runs in several fonts follow the line order', () => {
    const u = new GlyphUsage();
    const l = line('a你b', [{ ids: [5], clusters: [0] }, { ids: [6, 7], clusters: [1, 1] }, { ids: [5], clusters: [2] }]);
    l.runs[1].font = 'G';
    addLineGlyphs(u, l);
    expect(u.font('F').text(5)).toBe('a');
    expect(u.font('G').text(6)).toBe('你');
    expect(u.font('G').text(7)).toBeUndefined();
    expect(u.font('G').gids()).toEqual([6, 7]);
    expect(u.font('F').conflicts).toBe(1); // glyph 5 stood for "a" and "b"
  });

  it('counts a glyph with two texts once, however often it is met and however the records are merged', () => {
    const a = new GlyphUsage();
    for (let k = 0; k < 3; k++) {
      addLineGlyphs(a, line('ab', [{ ids: [5, 5], clusters: [0, 1] }]));
      addLineGlyphs(a, line('c', [{ ids: [6], clusters: [0] }]));
    }
    expect(a.font('F').conflicts).toBe(1); // glyph 5: "a" and "b"; glyph 6 only ever "c"
    const b = new GlyphUsage();
    addLineGlyphs(b, line('xa', [{ ids: [7, 5], clusters: [0, 1] }]));
    addLineGlyphs(b, line('y', [{ ids: [7], clusters: [0] }]));
    const edition = new GlyphUsage();
    edition.merge(a);
    edition.merge(b);
    expect(edition.font('F').conflicts).toBe(2); // glyphs 5 and 7
    expect(edition.font('F').text(5)).toBe('a');
  });

  it('maps a ligature to the letters, not to a presentation form typed elsewhere in the text (ﬁ vs fi)', () => {
    for (const order of [['ﬁnal', 'fiscal'], ['fiscal', 'ﬁnal']]) {
      const u = new GlyphUsage();
      for (const word of order) {
        // Glyph 40 is the fi ligature: one glyph for "ﬁ" (1 character) or for "fi" (2).
        const lig = word.startsWith('ﬁ') ? 1 : 2;
        addLineGlyphs(u, line(word, [{ ids: [40, ...[...word.slice(lig)].map((ch) => ch.charCodeAt(0))], clusters: [0, ...[...word.slice(lig)].map((_, i) => lig + i)] }]));
      }
      expect(u.font('F').text(40), order.join(' then ')).toBe('fi');
      expect(u.font('F').conflicts).toBe(1);
    }
    // Unrelated texts still keep the shorter one.
    const u = new GlyphUsage();
    addLineGlyphs(u, line('ab', [{ ids: [5], clusters: [0] }]));
    addLineGlyphs(u, line('c', [{ ids: [5], clusters: [0] }]));
    expect(u.font('F').text(5)).toBe('c');
  });

  it('writes a well-formed XMP packet whatever the title holds, with RFC 4122 ids', () => {
    const created = new Date('2024-01-27T05:00:00Z');
    const x = xmpPacket({ title: 'Late\u0007 & <Final> "x" \ud800 ]]>', creator: 'Pasteup', producer: 'Pasteup', created, modified: created, language: 'en', pdfx: 'x1a', id: '0123456789abcdef0123456789abcdef' });
    expect(x).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDFFF]/);
    expect(x).toContain('Late &amp; &lt;Final&gt; &quot;x&quot;  ]]&gt;');
    expect(x).toContain('<xmpMM:DocumentID>uuid:01234567-89ab-5def-8123-456789abcdef</xmpMM:DocumentID>');
    const ids = x.match(/uuid:[0-9a-f-]+/g)!;
    for (const id of ids) expect(id).toMatch(/^uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('gives each glyph of a base + combining mark cluster its own character: x̂ and ≠ copy back, x and = stay x and =', () => {
    const u = new GlyphUsage();
    // "x̂" typed decomposed: glyphs x (10) and the combining circumflex (20), one cluster.
    // "≠" from a font without it: HarfBuzz decomposes it to = (30) and U+0338 (31).
    addLineGlyphs(u, line('x\u0302 x \u2260 =', [{ ids: [10, 20, 3, 10, 3, 30, 31, 3, 30], clusters: [0, 0, 2, 3, 4, 5, 5, 6, 7] }]));
    const f = u.font('F');
    expect([10, 20, 30, 31].map((g) => f.text(g))).toEqual(['x', '\u0302', '=', '\u0338']);
    expect(f.conflicts).toBe(0);
    // A cluster that is not a base and its marks keeps its text on its first glyph.
    const v = new GlyphUsage();
    addLineGlyphs(v, line('\u00a9\ufe0f', [{ ids: [40, 3], clusters: [0, 0] }]));
    expect([40, 3].map((g) => v.font('F').text(g))).toEqual(['\u00a9', undefined]);
  });

  it('keeps a glyph’s own character when a default-ignorable rode along once', () => {
    const u = new GlyphUsage();
    addLineGlyphs(u, line('b\u00adc', [{ ids: [2, 3], clusters: [0, 2] }]));
    addLineGlyphs(u, line('bc', [{ ids: [2, 3], clusters: [0, 1] }]));
    expect(u.font('F').text(2)).toBe('b');
  });
});

describe('placeholder and ad labels', () => {
  // A setter whose every character is 1 em wide, breaking anywhere.
  const setter: LabelSetter = (text, size, measure) => {
    const per = Math.max(1, Math.floor(measure / size));
    const lines = [];
    for (let at = 0; at < text.length; at += per) {
      const t = text.slice(at, at + per);
      lines.push({ start: at, end: at + t.length, text: t, x: 0, width: t.length * size, measure, justified: false, last: at + per >= text.length, hyphenated: false, wordSpace: 0, letterSpace: 0, runs: [{ font: 'F', size, dy: 0, ids: [...t].map(() => 1), xs: [...t].map((_, i) => i * size), clusters: [...t].map((_, i) => at + i) }] });
    }
    return lines;
  };
  const page = (ads: { label: string; width: number; height: number }[]) => ({ frames: [], ads: ads.map((a, i) => ({ frame: `f${i}`, x: 10, y: 20, ...a })) }) as unknown as PageLayout;
  const inBox = (l: { x: number; y: number; line: { width: number } }, box: { width: number; height: number }, size: number) =>
    l.x >= 10 && l.x + l.line.width <= 10 + box.width && l.y - size >= 20 && l.y <= 20 + box.height;

  it('a label that fits one line is set on one line, centred, as before', () => {
    const [l] = pageLabels(page([{ label: 'Bank', width: 200, height: 100 }]), setter, 'Photo');
    expect(l.line.text).toBe('Bank');
    expect(l.y).toBeCloseTo(20 + 50 + 12 * 0.35, 6);
    expect(l.cut).toBeUndefined();
  });

  it('a label too long for one line at the smallest size is set on several lines inside its box, not cut', () => {
    const label = 'Springfield Savings Bank: spring mortgage rates, call 555-0100 or visit any branch';
    const box = { label, width: 120, height: 60 };
    const placed = pageLabels(page([box]), setter, 'Photo');
    expect(placed.map((l) => l.line.text).join('')).toBe(label);
    const size = placed[0].line.runs[0].size;
    for (const l of placed) expect(inBox(l, box, size), JSON.stringify({ x: l.x, y: l.y, w: l.line.width, size })).toBe(true);
    expect(placed.some((l) => l.cut)).toBe(false);
  });

  it('says so when even its lines do not fit the box', () => {
    const label = 'x'.repeat(400);
    const placed = pageLabels(page([{ label, width: 60, height: 12 }]), setter, 'Photo');
    expect(placed.length).toBeGreaterThan(0);
    expect(placed.map((l) => l.line.text).join('').length).toBeLessThan(label.length);
    expect(placed.filter((l) => l.cut).map((l) => l.cut)).toEqual([label]);
  });
});

describe('font dictionaries', () => {
  it('writes bfchar blocks of at most 100, UTF-16 with surrogate pairs', () => {
    const gids = Array.from({ length: 150 }, (_, i) => i + 1);
    const cmap = toUnicodeCMap(gids, (g) => (g === 1 ? '𬌗' : g === 2 ? '——' : String.fromCharCode(0x4e00 + g)));
    expect(cmap).toContain('100 beginbfchar');
    expect(cmap).toContain('50 beginbfchar');
    expect(cmap).toContain('<0001> <D870DF17>');
    expect(cmap).toContain('<0002> <20142014>');
    expect(cmap).toContain('/CMapName /Adobe-Identity-UCS def');
  });

  it('lists widths that differ from /DW 1000 in runs of consecutive ids', () => {
    const advances = new Uint16Array(20).fill(1000);
    advances[3] = 250;
    advances[4] = 333;
    advances[9] = 500;
    const info = { unitsPerEm: 1000, advances } as unknown as TrueTypeInfo;
    expect(widthArray(info, [1, 3, 4, 9, 10])).toBe('3 [250 333] 9 [500]');
  });

  it('derives the six-letter subset tag from the font and its glyph set', () => {
    const a = subsetTag('NotoSerifSC-Regular', [1, 2, 3]);
    expect(a).toMatch(/^[A-Z]{6}$/);
    expect(subsetTag('NotoSerifSC-Regular', [1, 2, 3])).toBe(a);
    expect(subsetTag('NotoSerifSC-Regular', [1, 2, 4])).not.toBe(a);
    expect(subsetTag('NotoSansSC-Regular', [1, 2, 3])).not.toBe(a);
  });

  it('formats numbers with at most three decimals and no -0', () => {
    expect(num(992.1259842519686)).toBe('992.126');
    expect(num(-0.0001)).toBe('0');
    expect(num(12)).toBe('12');
    expect(num(1e-7)).toBe('0');
  });

  it('the content stream writer writes numbers, integers and TJ glyphs as the string forms do', () => {
    const edge = [0, -0, 0.0004, 0.0005, -0.0005, -0.0006, 1.005, 0.1, 0.12, 0.125, -2.5, 7.0001, 9.9999, 992.1259842519686, -1425.8267, 123456.789, 1e-7, 65535];
    // A fixed pseudo-random sequence as well: positions, sizes and offsets of every magnitude.
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 10 ** Math.floor((seed % 7) - 2);
    const xs = [...edge, ...Array.from({ length: 2000 }, rnd)];
    const w = new ContentWriter();
    for (const x of xs) {
      w.num(x);
      w.byte(32);
    }
    const ints = [0, 7, -7, 10, -100, 999, 1000, -65535, 1234567];
    for (const i of ints) {
      w.int(i);
      w.byte(32);
    }
    // A run at 10 pt (1000 units to the em): glyph 1 moved by -12, glyph 3 pushed far, the
    // last by -5; the .notdef counted.
    const adv = new Uint16Array(0x10000).fill(1000);
    adv[0x2f] = 500;
    const ids = [0x2f, 1, 0xabc, 0, 0xffff];
    const runXs = [3, 8.12, 18.12, 141.57, 151.62];
    const notdef = w.tjGlyphs(ids, runXs, 100, adv, 1, 0);
    w.text('>]TJ');
    // The same by strings: the pen in thousandths of the size, moved where it is off.
    let tj = '';
    let pen = 0;
    ids.forEach((g, i) => {
      const a = i === 0 ? 0 : Math.round(pen - (runXs[i] - runXs[0]) * 100);
      if (a !== 0) tj += `>${a}<`;
      pen += -a + adv[g];
      tj += g.toString(16).toUpperCase().padStart(4, '0');
    });
    expect(tj).toBe('002F>-12<00010ABC>-11345<0000>-5<FFFF');
    expect(notdef).toBe(1);
    const want = xs.map((x) => num(x) + ' ').join('') + ints.map((i) => `${i} `).join('') + tj + '>]TJ';
    expect(Buffer.from(w.bytes()).toString('latin1')).toBe(want);
  });

  it('puts the trim inside the bleed inside the media box', () => {
    const b = pageBoxes({ width: 992.126, height: 1417.323, bleed: 8.504 }, null);
    expect(b.trim).toEqual([8.504, 8.504, 1000.63, 1425.827]);
    expect(b.bleed).toEqual([0, 0, 1009.134, 1434.331]);
    expect(b.media).toEqual(b.bleed);
  });
});

describe('file names', () => {
  const tokens = { publication: '太原日报', edition: '早版', date: '2024-01-15', index: 3, label: 'A3', version: '2' };

  it('expands tokens, pads {index} to two digits and adds .pdf', () => {
    expect(fileName('{date}_{label}.pdf', tokens)).toBe('2024-01-15_A3.pdf');
    expect(fileName('{publication}-{edition}-{index}-v{version}', tokens)).toBe('太原日报-早版-03-v2.pdf');
  });

  it('never makes directories or names Windows refuses', () => {
    expect(fileName('{label}.pdf', { ...tokens, label: '../../etc/passwd' })).toBe('_.._etc_passwd.pdf');
    expect(fileName('{label}', { ...tokens, label: 'a:b*c?"d"<e>|f' })).toBe('a_b_c__d__e__f.pdf');
    expect(sanitizeComponent('CON')).toBe('_CON');
    expect(sanitizeComponent('  name. ')).toBe('name');
    expect(sanitizeComponent('x'.repeat(400)).length).toBeLessThanOrEqual(180);
  });

  it('refuses unknown tokens and page tokens in the combined name', () => {
    // A name too long for 180 bytes gives up the pattern's own text first: .pdf, {index} and {label} stay.
    const long = fileName(`${'长'.repeat(80)}_{index}_{label}`, tokens);
    expect(long).toMatch(/^长+_03_A3\.pdf$/);
    expect(Buffer.byteLength(long, 'utf8')).toBeLessThanOrEqual(180);
    expect(fileName(`${'a'.repeat(200)}{label}.PDF`, tokens)).toBe(`${'a'.repeat(174)}A3.PDF`);
    expect(fileName('长'.repeat(80), tokens)).toBe(`${'长'.repeat(58)}.pdf`);
    expect(() => fileName('{page}.pdf', tokens)).toThrow(/unknown token \{page\}/);
    // a token typed without its closing brace (or with one too many) is not text of the name
    expect(() => fileName('{date}_{label', tokens)).toThrow(/unmatched brace in file name pattern "\{date\}_\{label"/);
    expect(() => fileName('{date}_label}', tokens)).toThrow(/unmatched brace/);
    expect(() => fileName('{{index}}', tokens)).toThrow(/unmatched brace/);
    expect(() => fileName('{label}.pdf', { ...tokens, label: null })).toThrow(/page files/);
  });
});

describe('committing staged files', () => {
  it('all or none: when one rename fails, every final name holds what it held before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pasteup-commit-'));
    try {
      const names = ['a.pdf', 'b.pdf', 'c.pdf'];
      writeFileSync(join(dir, 'a.pdf'), 'old a');
      const staged = [];
      for (const n of names) staged.push(await stageFile(join(dir, n), Buffer.from(`new ${n}`)));
      mkdirSync(join(dir, 'c.pdf')); // appears after the checks: its rename fails (EISDIR)
      await expect(commitStaged(staged)).rejects.toThrow(`cannot write ${join(dir, 'c.pdf')}: a folder is in the way; no file was written or replaced`);
      expect(readFileSync(join(dir, 'a.pdf'), 'utf8')).toBe('old a');
      expect(existsSync(join(dir, 'b.pdf'))).toBe(false);
      expect(readdirSync(dir).filter((n) => n.endsWith('.old'))).toEqual([]);
      await discardStaged(staged);
      expect(readdirSync(dir).sort()).toEqual(['a.pdf', 'c.pdf']);
      // and when every rename works, the old file is replaced and nothing hidden is left
      rmSync(join(dir, 'c.pdf'), { recursive: true });
      const again = [];
      for (const n of names) again.push(await stageFile(join(dir, n), Buffer.from(`new ${n}`)));
      await commitStaged(again);
      expect(names.map((n) => readFileSync(join(dir, n), 'utf8'))).toEqual(names.map((n) => `new ${n}`));
      expect(readdirSync(dir).sort()).toEqual(names);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without replace, a name taken after the checks (another export) is left alone, and no other name is given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pasteup-commit-'));
    try {
      const names = ['a.pdf', 'b.pdf', 'c.pdf'];
      const staged = [];
      for (const n of names) staged.push(await stageFile(join(dir, n), Buffer.from(`new ${n}`)));
      writeFileSync(join(dir, 'b.pdf'), 'the other export’s b');
      const err = await commitStaged(staged, false).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NamesTaken);
      expect((err as NamesTaken).paths).toEqual([join(dir, 'b.pdf')]);
      expect(readFileSync(join(dir, 'b.pdf'), 'utf8')).toBe('the other export’s b');
      await discardStaged(staged);
      expect(readdirSync(dir)).toEqual(['b.pdf']);
      // with every name free, each holds its file and nothing hidden is left
      rmSync(join(dir, 'b.pdf'));
      const again = [];
      for (const n of names) again.push(await stageFile(join(dir, n), Buffer.from(`new ${n}`)));
      await commitStaged(again, false);
      expect(names.map((n) => readFileSync(join(dir, n), 'utf8'))).toEqual(names.map((n) => `new ${n}`));
      expect(readdirSync(dir).sort()).toEqual(names);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('ICC profiles', () => {
  const cmyk = '/usr/share/color/icc/ghostscript/default_cmyk.icc';
  const rgb = '/usr/share/color/icc/ghostscript/srgb.icc';
  const psCmyk = '/usr/share/color/icc/ghostscript/ps_cmyk.icc';

  it.skipIf(!existsSync(cmyk))('reads a CMYK output profile: 4 components, class prtr', () => {
    const info = readIcc(new Uint8Array(readFileSync(cmyk)));
    expect(info).toMatchObject({ n: 4, colorSpace: 'CMYK', deviceClass: 'prtr' });
    expect(() => checkOutputProfile(info, 'x4')).not.toThrow();
  });

  it.skipIf(!existsSync(rgb))('refuses an RGB display profile as the output intent', () => {
    const info = readIcc(new Uint8Array(readFileSync(rgb)));
    expect(info.n).toBe(3);
    expect(() => checkOutputProfile(info, 'x4')).toThrow();
  });

  it.skipIf(!existsSync(cmyk) || !existsSync(psCmyk))('refuses damaged profiles a RIP would stop on, saying what is wrong', () => {
    const load = (path: string) => new Uint8Array(readFileSync(path));
    const check = (data: Uint8Array) => checkOutputProfile(readIcc(data), 'x4');
    const tagAt = (data: Uint8Array, sig: string) => {
      const v = new DataView(data.buffer, data.byteOffset);
      for (let i = 0; i < v.getUint32(128); i++) if (Buffer.from(data.subarray(132 + 12 * i, 136 + 12 * i)).toString('latin1') === sig) return 132 + 12 * i;
      throw new Error(`no ${sig}`);
    };
    // the tag table and every tag zeroed (Ghostscript: "/undefined in --runpdf--")
    const zeroed = load(cmyk);
    zeroed.fill(0, 132);
    expect(() => check(zeroed)).toThrow(/tag '0x00000000' \(0 bytes at 0\) lies outside the profile's data/);
    // version 5 is iccMAX, not ICC.1
    const v5 = load(cmyk);
    v5[8] = 5;
    expect(() => check(v5)).toThrow(/version 5\.\d is not an ICC\.1 profile/);
    // a v4 description (mluc) whose record runs past its tag
    const mluc = load(psCmyk);
    const desc = new DataView(mluc.buffer).getUint32(tagAt(mluc, 'desc') + 4);
    new DataView(mluc.buffer).setUint32(desc + 20, 0x7ffffff0);
    expect(() => check(mluc)).toThrow(/description tag is damaged/);
    // no BToA0 table: the signature renamed
    const noB2A0 = load(cmyk);
    noB2A0.set(Buffer.from('xxxx'), tagAt(noB2A0, 'B2A0'));
    expect(() => check(noB2A0)).toThrow(/no B2A0 tag \(the PCS to CMYK table/);
    // the two tables swapped: AToB0 then reads 3 inputs, not 4
    const swapped = load(cmyk);
    const a = tagAt(swapped, 'A2B0');
    const b = tagAt(swapped, 'B2A0');
    swapped.set(Buffer.from('B2A0'), a);
    swapped.set(Buffer.from('A2B0'), b);
    expect(() => check(swapped)).toThrow(/A2B0 tag \(CMYK to PCS\) is not a table of 4 inputs and 3 outputs/);
    // a table cut short, a table of zeros (every colour black), an RGB connection space:
    // Ghostscript rendered CMYK through these as white, black and white
    const cut = load(psCmyk);
    const a2b0 = tagAt(cut, 'A2B0');
    new DataView(cut.buffer).setUint32(a2b0 + 8, 1280);
    expect(() => check(cut)).toThrow(/A2B0 table \(mft2\) needs 3830 bytes for 4 inputs, 3 outputs and a 5-point grid, and has 1280/);
    const zeros = load(psCmyk);
    const z = new DataView(zeros.buffer).getUint32(tagAt(zeros, 'A2B0') + 4);
    zeros.fill(0, z + 12, z + 3840);
    expect(() => check(zeros)).toThrow(/A2B0 table \(mft2\) is all zeros/);
    const rgbPcs = load(psCmyk);
    rgbPcs.set(Buffer.from('RGB '), 20);
    expect(() => check(rgbPcs)).toThrow(/connection space is 'RGB', not XYZ or Lab/);
    // the good ones still pass
    expect(() => check(load(cmyk))).not.toThrow();
    expect(readIcc(load(psCmyk)).description).toBe('Artifex PS CMYK Profile');
  });

  it('refuses what is not an ICC profile, or is cut short', () => {
    expect(() => readIcc(new Uint8Array(200))).toThrow(/acsp/);
    if (existsSync(cmyk)) expect(() => readIcc(new Uint8Array(readFileSync(cmyk)).subarray(0, 1000))).toThrow(/header says/);
  });
});

describe('checkPdf (reading a written file back)', () => {
  /** A small PDF/X-1a-shaped file with a correct xref table; `edit` changes the objects first. */
  function tinyPdf(edit: (objects: string[]) => void = () => undefined): string {
    const stream = (dict: string, data: string) => `<< ${dict} /Length ${data.length} >>\nstream\n${data}\nendstream`;
    const objects = [
      '<< /Type /Catalog /Pages 2 0 R /OutputIntents [ 9 0 R ] /Metadata 10 0 R >>',
      '<< /Type /Pages /Kids [ 3 0 R ] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [ 0 0 100 200 ] /BleedBox [ 0 0 100 200 ] /TrimBox [ 5 5 95 195.5 ] /Resources << /Font << /FA 4 0 R >> >> /Contents 8 0 R >>',
      '<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Test /Encoding /Identity-H /DescendantFonts [ 5 0 R ] /ToUnicode 7 0 R >>',
      '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Test /FontDescriptor 6 0 R /CIDToGIDMap /Identity /W [ 3 [ 250 333.5 ] 17 [ -1 ] ] >>',
      '<< /Type /FontDescriptor /FontName /ABCDEF+Test /FontFile2 11 0 R >>',
      stream('', 'begincmap endcmap'),
      stream('', '0 0 0 1 k'),
      '<< /Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier (IFRA26) /Info (a \\(b\\) \\101) >>',
      stream('/Type /Metadata /Subtype /XML', '<x:xmpmeta/>'),
      stream('/Length1 4', 'true'),
      '<< /Title <FEFF592A539F> /GTS_PDFXVersion (PDF/X-1:2001) /GTS_PDFXConformance (PDF/X-1a:2001) /Trapped /False >>',
    ];
    edit(objects);
    let out = '%PDF-1.3\n%\u00e2\u00e3\n';
    const offsets = objects.map((o, i) => {
      const at = out.length;
      out += `${i + 1} 0 obj\n${o}\nendobj\n`;
      return at;
    });
    const xref = out.length;
    out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
    out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 12 0 R /ID [ <00AA> <00AA> ] >>\nstartxref\n${xref}\n%%EOF\n`;
    return out;
  }
  const expected = { version: '1.3', pdfx: 'x1a' as const, boxes: [{ media: [0, 0, 100, 200], bleed: [0, 0, 100, 200], trim: [5, 5, 95, 195.5] }] as never };
  const check = (s: string, exp = expected) => checkPdf(new Uint8Array(Buffer.from(s, 'latin1')), exp);

  it('passes a well-formed file and reports its pages and fonts', async () => {
    expect(await check(tinyPdf())).toEqual({ ok: true, version: '1.3', pages: 1, fonts: ['ABCDEF+Test'], problems: [] });
  });

  it('follows the xref table: an offset that misses its object, a /Length that misses endstream, a cut file', async () => {
    const good = tinyPdf();
    const lines = good.split('\n');
    const xref = lines.indexOf('xref');
    lines[xref + 4] = lines[xref + 5]; // object 2's entry gives object 3's offset
    expect((await check(lines.join('\n'))).problems.join()).toMatch(/cannot be parsed: xref entry for object 2 points elsewhere/);
    expect((await check(tinyPdf((o) => (o[7] = o[7].replace('/Length 9', '/Length 7'))))).problems.join()).toMatch(/does not end at "endstream"/);
    expect((await check(good.slice(0, -40))).ok).toBe(false);
    expect((await check(tinyPdf((o) => (o[8] = o[8].replace('/S /GTS_PDFX', '/S /GTS_PDFX )'))))).problems.join()).toMatch(/cannot be parsed/);
    // An entry that is neither in use (n) nor free (f), and an offset that is no integer.
    const entry = (edit: (line: string) => string) => lines.map((l, i) => (i === xref + 5 ? edit(good.split('\n')[i]) : good.split('\n')[i])).join('\n');
    expect((await check(entry((l) => l.replace(/ n $/, ' x ')))).problems.join()).toMatch(/cannot be parsed: bad xref entry/);
    expect((await check(entry((l) => l.replace(/ n $/, ' nn ')))).problems.join()).toMatch(/cannot be parsed: bad xref entry/);
    expect((await check(entry((l) => `${l.slice(0, 9)}a${l.slice(10)}`))).problems.join()).toMatch(/cannot be parsed: expected an integer, found "0+\d*a"/);
    expect((await check(entry((l) => l)))).toEqual(await check(good));
  });

  it('finds what the plant relies on missing', async () => {
    const problems = async (edit: (o: string[]) => void) => (await check(tinyPdf(edit))).problems;
    expect(await problems((o) => (o[3] = o[3].replace('/ToUnicode 7 0 R', '')))).toEqual(['font ABCDEF+Test: no ToUnicode CMap']);
    expect(await problems((o) => (o[5] = o[5].replace('/FontFile2 11 0 R', '')))).toEqual(['font ABCDEF+Test: not embedded (no FontFile2)']);
    expect(await problems((o) => (o[4] = o[4].replace('/CIDFontType2', '/CIDFontType0')))).toEqual(['font ABCDEF+Test: descendant is not CIDFontType2']);
    expect(await problems((o) => (o[1] = o[1].replace('/Count 1', '/Count 2')))).toEqual(['a page tree /Count differs from its pages']);
    expect(await problems((o) => (o[2] = o[2].replace('/BleedBox [ 0 0 100 200 ]', '/BleedBox [ 0 0 100 201 ]')))).toEqual([
      'page 1: boxes not nested (MediaBox ⊇ BleedBox ⊇ TrimBox)',
      "page 1: boxes differ from the layout's",
    ]);
    expect(await problems((o) => (o[11] = o[11].replace('/Trapped /False', '')))).toEqual(['Trapped is not /False']);
    expect(await problems((o) => (o[0] = o[0].replace('/OutputIntents [ 9 0 R ]', '/OutputIntents [ 9 0 R 9 0 R ]')))).toEqual(['expected exactly one OutputIntent']);
    expect((await check(tinyPdf(), { ...expected, boxes: [] as never })).problems).toEqual(['1 pages, expected 0']);
    expect((await check(tinyPdf(), { ...expected, version: '1.6' })).problems).toEqual(['header says PDF 1.3, expected 1.6']);
  });
});
