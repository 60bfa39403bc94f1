// Print-ready PDF (issue 5), checked with the tools a printing plant's prepress would use:
// qpdf, poppler (pdffonts, pdfinfo, pdftotext, pdftoppm), MuPDF and Ghostscript, on real
// exports of a two-page edition built from the fixture (a jumped article, a photo, an ad).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFontProgram, buildPdf, exportEdition, ExportError, loadExportFonts, paintPage, type ExportProgress } from '../../../electron/services/export';
import { GlyphUsage } from '../../../electron/services/export/glyphs';
import { glyphWidth } from '../../../electron/services/export/paint';
import { NEWSPRINT_IFRA26 } from '../../../electron/services/export';
import type { EditionLayout, PageLayout } from '../../../shared/layout';
import type { LaidLine } from '../../../shared/layout/types';
import { demoLayout, FIXED_DATE, META } from './demo-edition';
import { missingTools, mutoolFindings, normalise, parsePnm, qdf, renderCmyk, renderGray, run, type Raster } from './tools';

const GS_CMYK_PROFILE = '/usr/share/color/icc/ghostscript/default_cmyk.icc';
const REFERENCE_DIR = fileURLToPath(new URL('./reference', import.meta.url));
const UPDATE_REFERENCE = process.env.UPDATE_EXPORT_REFERENCE === '1';

type Result = Awaited<ReturnType<typeof exportEdition>>;

const sha256Of = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

let layout: EditionLayout;
let dir: string;
let x1a: Result;
let marked: Result;
let x4: Result;
let progress: ExportProgress[] = [];

/** Lines of a page in the order the painter writes them (and pdftotext -raw reads them). */
/** A TJ array's contents: glyph ids (four hex digits each, in <…>) and the numbers between them. */
function painted(tj: string): (number | { gid: number })[] {
  const out: (number | { gid: number })[] = [];
  for (const m of tj.matchAll(/<([0-9a-f]*)>|(-?\d+(?:\.\d+)?)/gi)) {
    if (m[1] !== undefined) for (let i = 0; i < m[1].length; i += 4) out.push({ gid: parseInt(m[1].slice(i, i + 4), 16) });
    else out.push(Number(m[2]));
  }
  return out;
}

function pageLines(page: PageLayout): LaidLine[] {
  const out: LaidLine[] = [...page.folio];
  for (const f of page.frames) {
    out.push(...f.deck);
    if (f.jumpIn) out.push(f.jumpIn);
    for (const c of f.columns) out.push(...c.lines);
    if (f.jumpOut) out.push(f.jumpOut);
  }
  return out.filter((l) => l.runs.length > 0);
}

function allFiles(): string[] {
  return [...x1a.files, ...marked.files, ...x4.files].map((f) => f.path);
}

/** A synthetic CMYK output profile (header and a desc tag only): used only when Ghostscript's is missing, to exercise embedding. */
function syntheticCmykProfile(): Uint8Array {
  const desc = 'Synthetic CMYK test profile';
  const tagData = Buffer.alloc(12 + desc.length + 1 + 67 + 4);
  tagData.write('desc', 0, 'latin1');
  tagData.writeUInt32BE(desc.length + 1, 8);
  tagData.write(desc, 12, 'latin1');
  const size = 128 + 4 + 12 + tagData.length;
  const b = Buffer.alloc(size);
  b.writeUInt32BE(size, 0);
  b.write('prtrCMYKLab ', 12, 'latin1');
  b[8] = 2;
  b[9] = 0x10;
  b.write('acsp', 36, 'latin1');
  b.writeUInt32BE(1, 128);
  b.write('desc', 132, 'latin1');
  b.writeUInt32BE(144, 136);
  b.writeUInt32BE(tagData.length, 140);
  tagData.copy(b, 144);
  return new Uint8Array(b);
}

beforeAll(async () => {
  layout = await demoLayout();
  dir = mkdtempSync(join(tmpdir(), 'pasteup-export-'));
  progress = [];
  x1a = await exportEdition(layout, META, { outDir: join(dir, 'x1a'), creationDate: FIXED_DATE, onProgress: (p) => progress.push(p) });
  marked = await exportEdition(layout, META, { outDir: join(dir, 'marks'), creationDate: FIXED_DATE, marks: true, pages: false });
  const icc = existsSync(GS_CMYK_PROFILE) ? new Uint8Array(readFileSync(GS_CMYK_PROFILE)) : syntheticCmykProfile();
  x4 = await exportEdition(layout, META, { outDir: join(dir, 'x4'), creationDate: FIXED_DATE, icc, pages: false });
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('files and report', () => {
  it('writes one PDF per page named by the default pattern, and the combined edition', () => {
    expect(x1a.files.map((f) => f.path.slice(join(dir, 'x1a').length + 1))).toEqual(['2024-01-15_1.pdf', '2024-01-15_2.pdf', '2024-01-15_早版.pdf']);
    expect(x1a.files.map((f) => f.pages)).toEqual([1, 1, 2]);
    for (const f of x1a.files) expect(statSync(f.path).size).toBe(f.bytes);
    // No temporary files are left behind.
    expect(readdirSync(join(dir, 'x1a')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('labels the pages as printed, so a viewer shows the page labels, not 1, 2, 3', () => {
    const labels = (f: string) =>
      (JSON.parse(run('qpdf', ['--json', '--json-key=pagelabels', f]).stdout) as { pagelabels: { index: number; label: { '/P': string } }[] }).pagelabels.map((l) => [l.index, l.label['/P'].replace(/^u:/, '')]);
    expect(labels(x1a.files[2].path)).toEqual(layout.pages.map((p, i) => [i, p.label]));
    expect(labels(x1a.files[1].path)).toEqual([[0, layout.pages[1].label]]);
  });

  it('reports progress per page, then the combined file', () => {
    expect(progress.map((p) => [p.page, p.total, p.kind])).toEqual([
      [1, 2, 'page'],
      [2, 2, 'page'],
      [2, 2, 'combined'],
    ]);
    expect(progress[0].file).toBe(x1a.files[0].path);
  });

  it('checks every file it wrote by reading it back', () => {
    for (const r of [x1a, marked, x4]) {
      expect(r.report.checks.length).toBe(r.files.length);
      for (const c of r.report.checks) {
        expect(c.problems).toEqual([]);
        expect(c.ok && c.writtenIntact).toBe(true);
      }
    }
    expect(x1a.report.pdfx).toBe('PDF/X-1a:2001');
    expect(x1a.report.missingGlyphs).toBe(0);
    // Every glyph painted has a text for copy and search.
    for (const f of x1a.report.fonts) expect(f.unmapped, f.id).toBe(0);
  });
});

describe.skipIf(missingTools.length > 0)(`external checkers (missing: ${missingTools.join(', ') || 'none'})`, () => {
  it('qpdf --check finds nothing', () => {
    for (const f of allFiles()) {
      const r = run('qpdf', ['--check', f]);
      expect(r.status, `${f}\n${r.stdout}${r.stderr}`).toBe(0);
      expect(r.stdout).toContain('No syntax or stream encoding errors found');
      expect(r.stdout + r.stderr).not.toMatch(/WARNING/i);
    }
  });

  it('pdffonts: every font is an embedded, subset CID TrueType font with a ToUnicode map', () => {
    const used = new Set<string>();
    for (const p of layout.pages) for (const l of pageLines(p)) for (const r of l.runs) used.add(r.font);
    for (const f of allFiles()) {
      const r = run('pdffonts', [f]);
      expect(r.status).toBe(0);
      const rows = r.stdout.trim().split('\n').slice(2);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const m = /^([A-Z]{6})\+(\S+)\s+CID TrueType\s+Identity-H\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.exec(row);
        expect(m, `${f}: ${row}`).not.toBeNull();
        const [, , name, emb, sub, uni] = m!;
        expect([emb, sub, uni], `${f}: ${row}`).toEqual(['yes', 'yes', 'yes']);
        expect(used.has(name) || name === 'NotoSansSC-Regular', name).toBe(true);
      }
    }
    // The combined file holds every font the layout uses.
    const combined = run('pdffonts', [x1a.files[2].path]).stdout;
    for (const id of used) expect(combined).toContain(`+${id} `);
  });

  it('mutool draw renders every glyph without a warning or an error', () => {
    for (const f of allFiles()) {
      const { status, findings } = mutoolFindings(f);
      expect(status).toBe(0);
      expect(findings, f).toEqual([]);
    }
  });

  it('Ghostscript renders every page without an error', () => {
    for (const f of allFiles()) {
      const r = run('gs', ['-q', '-dBATCH', '-dNOPAUSE', '-dSAFER', '-sDEVICE=nullpage', f]);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(r.stdout + r.stderr).not.toMatch(/error|warning/i);
    }
  });

  it('boxes: TrimBox ⊂ BleedBox ⊂ MediaBox with the template numbers (350 × 500 mm, 3 mm bleed)', () => {
    const boxes = (f: string) => {
      const out = run('pdfinfo', ['-box', '-f', '1', '-l', '99', f]).stdout;
      const get = (page: number, box: string) => {
        const m = new RegExp(`Page\\s+${page} ${box}:\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)`).exec(out);
        return m!.slice(1).map(Number);
      };
      return { get, subtype: /PDF subtype:\s+(.*)/.exec(out)?.[1].trim() };
    };
    for (const f of x1a.files) {
      const b = boxes(f.path);
      for (let p = 1; p <= f.pages; p++) {
        const trim = b.get(p, 'TrimBox');
        const bleed = b.get(p, 'BleedBox');
        const media = b.get(p, 'MediaBox');
        expect(trim).toEqual([8.5, 8.5, 1000.63, 1425.83]);
        expect(Number((trim[2] - trim[0]).toFixed(2))).toBeCloseTo(992.13, 1);
        expect(Number((trim[3] - trim[1]).toFixed(2))).toBeCloseTo(1417.32, 1);
        expect(bleed).toEqual([0, 0, 1009.13, 1434.33]);
        expect(media).toEqual(bleed);
      }
      // poppler names the version (GTS_PDFXVersion); the conformance level is checked below.
      expect(b.subtype).toBe('PDF/X-1:2001');
    }
    // With marks, the MediaBox grows; the bleed and trim stay 3 mm apart.
    const m = boxes(marked.files[0].path);
    const trim = m.get(1, 'TrimBox');
    const bleed = m.get(1, 'BleedBox');
    const media = m.get(1, 'MediaBox');
    expect(trim[0] - bleed[0]).toBeCloseTo(8.5, 1);
    expect(trim[2] - trim[0]).toBeCloseTo(992.13, 1);
    expect(bleed[0] - media[0]).toBeGreaterThan(20);
    expect(media[2] - bleed[2]).toBeCloseTo(bleed[0], 2);
    // mutool lists only the boxes really in the file: no CropBox, all three others.
    const real = run('mutool', ['pages', x1a.files[2].path]).stdout;
    expect(real.match(/<MediaBox /g)?.length).toBe(2);
    expect(real.match(/<BleedBox /g)?.length).toBe(2);
    expect(real.match(/<TrimBox l="8.504" b="8.504" r="1000.63" t="1425.827"/g)?.length).toBe(2);
    expect(real).not.toContain('CropBox');
  });

  it('PDF/X-1a:2001: header 1.3, no object streams, Info keys, one /GTS_PDFX output intent (IFRA26), trailer /ID, XMP', () => {
    const ids = new Set<string>();
    for (const f of x1a.files) {
      const raw = readFileSync(f.path);
      expect(raw.subarray(0, 9).toString('latin1')).toBe('%PDF-1.3\n');
      expect(raw.includes('/ObjStm')).toBe(false);
      const q = qdf(f.path);
      expect(q).toContain('/GTS_PDFXVersion (PDF/X-1:2001)');
      expect(q).toContain('/GTS_PDFXConformance (PDF/X-1a:2001)');
      expect(q.match(/\/Type \/OutputIntent\b/g)?.length).toBe(1);
      expect(q).toMatch(/\/OutputIntents \[\s*\d+ 0 R\s*\]/);
      expect(q).toContain('/S /GTS_PDFX');
      expect(q).toContain(`/OutputConditionIdentifier (${NEWSPRINT_IFRA26.identifier})`);
      expect(q).toContain('/RegistryName (http://www.color.org)');
      expect(q).toContain('/Trapped /False');
      expect(q).toMatch(/\/ID \[\s*<[0-9a-fA-F]{32}>\s*<[0-9a-fA-F]{32}>\s*\]/);
      // The trailer as written (qpdf writes its own second element).
      const id = /\/ID \[\s*<([0-9a-fA-F]{32})>\s*<([0-9a-fA-F]{32})>\s*\]/.exec(raw.toString('latin1'));
      expect(id).not.toBeNull();
      expect(id![2]).toBe(id![1]);
      ids.add(id![1]);
      expect(q).toMatch(/\/CreationDate \(D:20240114203000\+00'00'\)/);
      expect(q).toContain('/Type /Metadata');
      expect(q).toContain('<pdfx:GTS_PDFXConformance>PDF/X-1a:2001</pdfx:GTS_PDFXConformance>');
      expect(q).not.toContain('/DestOutputProfile');
      const info = run('pdfinfo', [f.path]).stdout;
      expect(info).toMatch(/Title:\s+太原日报 2024-01-15 早版/);
      expect(info).toMatch(/Creator:\s+Pasteup/);
    }
    // Every file of the export has its own /ID.
    expect(ids.size).toBe(x1a.files.length);
  });

  it('a control character in the title is dropped from Info and XMP alike: the two titles stay equal', async () => {
    const out = join(dir, 'bel-title');
    const { files } = await exportEdition(layout, { ...META, title: 'Late\u0007 Final' }, { outDir: out, creationDate: FIXED_DATE, pages: false });
    const info = run('pdfinfo', [files[0].path]).stdout;
    expect(/^Title:\s+(.*)$/m.exec(info)?.[1]).toBe('Late Final');
    const xmp = run('pdfinfo', ['-meta', files[0].path]).stdout;
    expect(/<dc:title>.*?<rdf:li[^>]*>([^<]*)<\/rdf:li>/s.exec(xmp)?.[1]).toBe('Late Final');
  });

  it('PDF/X-4 with the given ICC profile: header 1.6, XMP version, DestOutputProfile with N 4', () => {
    const f = x4.files[0].path;
    expect(readFileSync(f).subarray(0, 8).toString('latin1')).toBe('%PDF-1.6');
    const q = qdf(f);
    expect(q).toContain('<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>');
    expect(q).toContain('/GTS_PDFXVersion (PDF/X-4)');
    expect(q.match(/\/Type \/OutputIntent\b/g)?.length).toBe(1);
    expect(q).toMatch(/\/DestOutputProfile \d+ 0 R/);
    expect(q).toMatch(/\/N 4\b/);
    expect(x4.report.profile?.components).toBe(4);
    expect(run('pdfinfo', [f]).stdout).toMatch(/PDF subtype:\s+PDF\/X-4/);
  });

  it('text round trip: pdftotext of every page gives every line of the layout, in order', () => {
    const check = (file: string, pageNo: number, page: PageLayout) => {
      const text = normalise(run('pdftotext', ['-raw', '-f', String(pageNo), '-l', String(pageNo), file, '-']).stdout);
      let at = 0;
      const lines = pageLines(page);
      expect(lines.length).toBeGreaterThan(50);
      for (const l of lines) {
        const want = normalise(l.text + (l.hyphenated ? '-' : ''));
        if (!want) continue;
        const i = text.indexOf(want, at);
        expect(i, `page ${pageNo}: "${l.text}" not found after offset ${at}`).toBeGreaterThanOrEqual(0);
        at = i + want.length;
      }
    };
    layout.pages.forEach((p, i) => {
      check(x1a.files[i].path, 1, p);
      check(x1a.files[2].path, i + 1, p);
    });
  });

  it('every glyph sits where the engine put it (MuPDF’s character origins, within 0.02 pt)', async () => {
    const fonts = await loadExportFonts(layout.fonts);
    const advance = (font: string, gid: number, size: number) => {
      const info = fonts.get(font)!.info;
      return (info.advances[gid] / info.unitsPerEm) * size;
    };
    layout.pages.forEach((page, i) => {
      const m = page.bleed;
      // Expected origins, MuPDF's way: from the MediaBox's top-left corner, y down.
      const expected: { x: number; y: number; adv: number }[] = [];
      for (const l of pageLines(page)) {
        for (const r of l.runs) {
          r.xs.forEach((x, k) => {
            // Spaces (and U+3000) come back from MuPDF as " ", which it also invents for gaps.
            if (!/\s/u.test(l.text.charAt(r.clusters[k] - l.start))) expected.push({ x: m + l.x + x, y: m + l.y - r.dy, adv: advance(r.font, r.ids[k], r.size) });
          });
        }
      }
      const xml = run('mutool', ['draw', '-F', 'stext', '-o', '-', x1a.files[i].path]).stdout;
      const chars = [...xml.matchAll(/<char [^>]*?x="([\d.]+)" y="([\d.]+)"[^>]*? c="([^"]*)"/g)].map((c) => ({ x: Number(c[1]), y: Number(c[2]), c: c[3] }));
      const byLine = new Map<number, number[]>();
      for (const c of chars) {
        if (c.c === ' ') continue; // MuPDF adds spaces for gaps
        const key = Math.round(c.y * 10);
        let xs = byLine.get(key);
        if (!xs) byLine.set(key, (xs = []));
        xs.push(c.x);
      }
      const near = (y: number, x: number, tol: number) => [-1, 0, 1].some((d) => (byLine.get(Math.round(y * 10) + d) ?? []).some((cx) => Math.abs(cx - x) <= tol));
      // Glyph ids without text (later glyphs of a cluster) are not extracted; the fixture has none.
      const missing = expected.filter((e) => !near(e.y, e.x, 0.02));
      expect(missing.slice(0, 5), `page ${i + 1}: ${missing.length} of ${expected.length} glyphs not at their place`).toEqual([]);
      // And MuPDF finds no character elsewhere (a two-character glyph such as —— gives two
      // characters inside its advance; photo and ad labels are set at export time).
      const labels = page.frames.some((f) => f.photos.length > 0) || page.ads.length > 0;
      const stray = chars.filter((c) => c.c !== ' ' && !expected.some((e) => Math.abs(e.y - c.y) < 0.05 && c.x >= e.x - 0.02 && c.x < e.x + e.adv));
      expect(stray.length, `page ${i + 1}: characters where the layout has no glyph`).toBeLessThanOrEqual(labels ? 20 : 0);
    });
  });

  it('`——` set as one glyph copies as two U+2014', () => {
    const line = layout.pages.flatMap(pageLines).find((l) => l.text.includes('——'))!;
    expect(line).toBeDefined();
    const at = line.start + line.text.indexOf('——');
    const glyphs = line.runs.flatMap((r) => r.clusters).filter((c) => c === at || c === at + 1);
    expect(glyphs).toEqual([at]); // one glyph for the two characters
    expect(run('pdftotext', ['-raw', x1a.files[2].path, '-']).stdout).toContain('——');
  });

  it('colour: content streams use only K (k/K) and the /All separation; no RGB, images or transparency anywhere', () => {
    for (const f of allFiles()) {
      const q = qdf(f);
      const contents = [...q.matchAll(/%% Contents for page \d+\n(?:%%[^\n]*\n)*\d+ 0 obj\n<<[^]*?>>\nstream\n([^]*?)endstream/g)].map((m) => m[1]);
      expect(contents.length).toBeGreaterThan(0);
      for (const c of contents) {
        const tokens = c.replace(/<[0-9A-Fa-f\s]*>/g, ' ').replace(/\[[^\]]*\]\s*TJ/g, ' TJ').split(/\s+/).filter(Boolean);
        tokens.forEach((t, i) => {
          expect(['rg', 'RG', 'sc', 'SC', 'g', 'G', 'BI', 'Do', 'sh'], `${f}: operator ${t}`).not.toContain(t);
          if (t === 'k' || t === 'K') {
            const [c0, m0, y0] = tokens.slice(i - 4, i - 1).map(Number);
            expect([c0, m0, y0], `${f}: ${tokens.slice(i - 4, i + 1).join(' ')}`).toEqual([0, 0, 0]);
          }
          if (t === 'cs' || t === 'CS') expect(tokens[i - 1]).toBe('/CSall');
          if (t === 'scn' || t === 'SCN') expect(Number.isNaN(Number(tokens[i - 2]))).toBe(true); // one operand
        });
      }
      for (const bad of ['/DeviceRGB', '/CalRGB', '/Lab', '/Indexed', '/ICCBased', '/Subtype /Image', '/SMask', '/Group', '/BM ', '/ca ', '/CA ']) expect(q.includes(bad), `${f}: ${bad}`).toBe(false);
    }
  });

  it('a Chinese head narrowed to fit (长体) prints at its size with Tz, each glyph where the engine put it, and copies back', async () => {
    const page = layout.pages.find((p) => pageLines(p).some((l) => l.hscale !== undefined))!;
    const head = pageLines(page).find((l) => l.hscale !== undefined)!;
    expect(head.hscale).toBeLessThan(1);
    const fonts = await loadExportFonts(layout.fonts);
    const infos = new Map([...fonts].map(([id, f]) => [id, f.info]));
    const ops = Buffer.from(paintPage(page, { fonts: infos, marks: null }).ops).toString('latin1');
    // One Tz block, set back to 100 after the line; no other line is scaled.
    const tz = [...ops.matchAll(/(\S+) Tz\n/g)].map((m) => Number(m[1]));
    expect(tz).toEqual([Number((head.hscale! * 100).toFixed(3)), 100]);
    const block = ops.slice(ops.indexOf(' Tz\n'), ops.lastIndexOf(' Tz\n'));
    // Walk the pen as a PDF reader does (PDF 32000-1 9.4.4): each displacement, TJ number and Tc
    // scaled by Tz; every glyph starts where the engine's xs put it on the page.
    const run0 = head.runs[0];
    const info = infos.get(run0.font)!;
    const size = Number(/([\d.]+) Tf\n/.exec(block)![1]);
    expect(size).toBe(run0.size);
    const tc = Number(/(-?[\d.]+) Tc\n/.exec(block)?.[1] ?? 0);
    const x = Number(/1 0 0 1 (\S+) \S+ Tm\n\[/.exec(block)![1]);
    const tj = /\[(.*)\]TJ/.exec(block)![1];
    const m = painted(tj);
    let pen = x;
    const starts: number[] = [];
    for (const t of m) {
      if (typeof t === 'number') pen -= (t / 1000) * size * head.hscale!;
      else {
        starts.push(pen);
        pen += ((glyphWidth(info, t.gid) / 1000) * size + tc) * head.hscale!;
      }
    }
    expect(starts).toHaveLength(run0.ids.length);
    starts.forEach((s, i) => expect(Math.abs(s - (head.x + run0.xs[i])), `glyph ${i}`).toBeLessThan(0.01));
    expect(run('pdftotext', ['-raw', x1a.files[layout.pages.indexOf(page)].path, '-']).stdout).toContain(head.text);
  });

  it('black text is 100 % K and overprints: cyan under the text survives (and would not without overprint)', async () => {
    const page = layout.pages[0];
    const fonts = await loadExportFonts(layout.fonts);
    const infos = new Map([...fonts].map(([id, f]) => [id, f.info]));
    const painted = paintPage(page, { fonts: infos, marks: null });
    const usage = new GlyphUsage();
    usage.merge(painted.glyphs);
    const programs = new Map(await Promise.all(usage.ids().map(async (id) => [id, await buildFontProgram(fonts.get(id)!, usage.font(id))] as const)));
    const cyan = `q /GSko gs 1 0 0 0 k 0 0 ${painted.boxes.media[2]} ${painted.boxes.media[3]} re f Q\n`;
    const info = { title: 'overprint test', creator: 'test', producer: 'test', created: FIXED_DATE, modified: FIXED_DATE, language: 'zh-Hans' };
    const intent = { identifier: 'IFRA26', condition: 'newsprint', registryName: 'http://www.color.org', info: 'x', profile: null };
    const render = async (ops: string) => {
      const bytes = await buildPdf({ pages: [{ ...painted, ops: Buffer.from(cyan + ops, 'latin1') }], fonts: programs, info, pdfx: 'x1a', outputIntent: intent });
      const file = join(dir, `overprint-${Math.random().toString(36).slice(2)}.pdf`);
      writeFileSync(file, bytes);
      return renderCmyk(file, 72, [[painted.boxes.media[2], painted.boxes.media[3]]])[0];
    };
    // Photo placeholders are left out: their grey fill knocks out (as it should), so the
    // cross and outline drawn over it have no cyan under them.
    const m = painted.boxes.trim[0];
    const inPhoto = (x: number, y: number) =>
      page.frames.some((f) => f.photos.some((p) => x >= p.x + m - 2 && x <= p.x + p.width + m + 2 && y >= p.y + m - 2 && y <= p.y + p.height + m + 2));
    const stats = (r: Raster) => {
      let black = 0;
      let cyanUnder = 0;
      for (let i = 0; i < r.data.length; i += 4) {
        if (r.data[i + 3] < 250) continue;
        const px = (i / 4) % r.width;
        const py = Math.floor(i / 4 / r.width);
        if (inPhoto(px + 0.5, py + 0.5)) continue;
        black++;
        if (r.data[i] >= 250) cyanUnder++;
      }
      return { black, cyanUnder };
    };
    const ops = Buffer.from(painted.ops).toString('latin1');
    const over = stats(await render(ops));
    expect(over.black).toBeGreaterThan(2000);
    expect(over.cyanUnder / over.black).toBeGreaterThan(0.99);
    // Control: the same page with text knocking out loses its cyan under the type.
    const knock = stats(await render(ops.split('/GSop gs').join('/GSko gs')));
    expect(knock.black).toBeGreaterThan(2000);
    expect(knock.cyanUnder / knock.black).toBeLessThan(0.05);
  });

  it('ink: every page is K only and no pixel goes above 220 % total ink', () => {
    const f = x1a.files[2];
    const rasters = renderCmyk(f.path, 72, layout.pages.map(() => [1009.134, 1434.331]));
    expect(rasters.length).toBe(2);
    for (const r of rasters) {
      let max = 0;
      let maxK = 0;
      let cmy = 0;
      for (let i = 0; i < r.data.length; i += 4) {
        const sum = r.data[i] + r.data[i + 1] + r.data[i + 2] + r.data[i + 3];
        if (sum > max) max = sum;
        if (r.data[i + 3] > maxK) maxK = r.data[i + 3];
        cmy += r.data[i] + r.data[i + 1] + r.data[i + 2];
      }
      expect((max / 255) * 100).toBeLessThanOrEqual(220);
      expect(maxK).toBe(255);
      expect(cmy).toBe(0);
    }
  });

  it('marks: crop and registration marks only outside the bleed, in all four inks', () => {
    const f = marked.files[0];
    const q = qdf(f.path);
    expect(q).toMatch(/\/Separation\s+\/All\s+\/DeviceCMYK/);
    const media = run('pdfinfo', ['-box', f.path]).stdout;
    const [mw, mh] = /MediaBox:\s+[\d.]+\s+[\d.]+\s+([\d.]+)\s+([\d.]+)/.exec(media)!.slice(1).map(Number);
    const [bx0, by0, bx1, by1] = /BleedBox:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/.exec(media)!.slice(1).map(Number);
    const [tx0, ty0, tx1, ty1] = /TrimBox:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/.exec(media)!.slice(1).map(Number);
    const r = renderCmyk(f.path, 36, [[mw, mh]])[0];
    let outside = 0;
    let inBleedOnly = 0;
    for (let y = 0; y < r.height; y++) {
      for (let x = 0; x < r.width; x++) {
        const i = (y * r.width + x) * 4;
        if (r.data[i] + r.data[i + 1] + r.data[i + 2] + r.data[i + 3] === 0) continue;
        // Pixel centre in PDF points (y up); a pixel's margin of 1 pt either way.
        const xPt = ((x + 0.5) * 72) / 36;
        const yPt = mh - ((y + 0.5) * 72) / 36;
        const within = (x0: number, y0: number, x1: number, y1: number, e: number) => xPt > x0 - e && xPt < x1 + e && yPt > y0 - e && yPt < y1 + e;
        if (!within(bx0, by0, bx1, by1, -1)) {
          outside++;
          // Registration colour: every plate.
          expect(Math.min(r.data[i], r.data[i + 1], r.data[i + 2], r.data[i + 3])).toBeGreaterThan(0);
        } else if (!within(tx0, ty0, tx1, ty1, 1)) inBleedOnly++;
      }
    }
    expect(outside).toBeGreaterThan(100);
    expect(inBleedOnly).toBe(0);
  });

  it('pixels: pages at 20 dpi match the committed reference renders', () => {
    const f = x1a.files[2].path;
    layout.pages.forEach((_, i) => {
      const r = renderGray(f, i + 1, 20);
      const ref = join(REFERENCE_DIR, `page-${i + 1}.pgm.gz`);
      if (UPDATE_REFERENCE || !existsSync(ref)) {
        const header = Buffer.from(`P5\n${r.width} ${r.height}\n255\n`, 'latin1');
        writeFileSync(ref, gzipSync(Buffer.concat([header, Buffer.from(r.data)]), { level: 9 }));
      }
      const want = parsePnm(gunzipSync(readFileSync(ref)));
      expect([r.width, r.height]).toEqual([want.width, want.height]);
      let sum = 0;
      let far = 0;
      for (let k = 0; k < r.data.length; k++) {
        const d = Math.abs(r.data[k] - want.data[k]);
        sum += d;
        if (d > 64) far++;
      }
      expect(sum / r.data.length, `page ${i + 1} mean difference`).toBeLessThan(1.5);
      expect(far / r.data.length, `page ${i + 1} pixels far off`).toBeLessThan(0.005);
    });
  });
});

describe('determinism, overwriting, preflight', () => {
  it('exporting twice with a fixed creation date gives identical bytes', async () => {
    const again = await exportEdition(layout, META, { outDir: join(dir, 'again'), creationDate: FIXED_DATE });
    expect(again.files.map((f) => f.sha256)).toEqual(x1a.files.map((f) => f.sha256));
    for (const [i, f] of again.files.entries()) expect(readFileSync(f.path).equals(readFileSync(x1a.files[i].path))).toBe(true);
    const later = await exportEdition(layout, META, { outDir: join(dir, 'later'), creationDate: new Date('2024-01-15T01:00:00Z'), combined: false });
    expect(later.files[0].sha256).not.toBe(x1a.files[0].sha256);
  });

  it('never overwrites without force: lists the files and writes nothing', async () => {
    const target = join(dir, 'x1a');
    const before = x1a.files.map((f) => statSync(f.path).mtimeMs);
    const err = await exportEdition(layout, META, { outDir: target, creationDate: new Date('2025-01-01T00:00:00Z') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExportError);
    expect((err as ExportError).code).toBe('exists');
    expect((err as ExportError).details).toEqual(x1a.files.map((f) => f.path));
    expect(x1a.files.map((f) => statSync(f.path).mtimeMs)).toEqual(before);
    expect(x1a.files.map((f) => readFileSync(f.path).byteLength)).toEqual(x1a.files.map((f) => f.bytes));
    // With overwrite (or force), the files are replaced.
    const overwritten = await exportEdition(layout, META, { outDir: target, creationDate: new Date('2025-01-02T00:00:00Z'), overwrite: true });
    expect(overwritten.files.map((f) => f.path)).toEqual(x1a.files.map((f) => f.path));
    expect(readFileSync(overwritten.files[0].path).byteLength).toBe(overwritten.files[0].bytes);
    const forced = await exportEdition(layout, META, { outDir: target, creationDate: new Date('2025-01-01T00:00:00Z'), force: true });
    expect(forced.files.map((f) => f.path)).toEqual(x1a.files.map((f) => f.path));
    expect(forced.files[0].sha256).not.toBe(x1a.files[0].sha256);
    expect(readFileSync(forced.files[0].path).byteLength).toBe(forced.files[0].bytes);
    expect(readdirSync(target).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a broken symbolic link under a final name is a file: not replaced without force', async () => {
    const target = join(dir, 'symlinked');
    mkdirSync(target);
    const link = join(target, basename(x1a.files[0].path));
    symlinkSync(join(dir, 'nowhere.pdf'), link);
    const err = await exportEdition(layout, META, { outDir: target, creationDate: FIXED_DATE }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'exists', details: [link] });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readdirSync(target)).toEqual([basename(link)]);
  });

  it('with force, a folder under one final name stops the export before any file is replaced', async () => {
    const target = join(dir, 'folder-in-the-way');
    mkdirSync(target);
    for (const f of x1a.files) writeFileSync(join(target, basename(f.path)), readFileSync(f.path));
    const folder = join(target, basename(x1a.files[1].path));
    rmSync(folder);
    mkdirSync(folder);
    const err = await exportEdition(layout, META, { outDir: target, creationDate: new Date('2025-01-01T00:00:00Z'), force: true }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'exists', details: [folder] });
    expect((err as Error).message).toMatch(/taken by a folder .* nothing was written/);
    for (const f of x1a.files) if (f !== x1a.files[1]) expect(readFileSync(join(target, basename(f.path))).equals(readFileSync(f.path))).toBe(true);
    expect(readdirSync(target).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('removes the hidden files an export killed before its end left for its names', async () => {
    const target = join(dir, 'leftovers');
    mkdirSync(target);
    const name = basename(x1a.files[0].path);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!; // a process that has ended
    const stale = [`.${name}.${dead}.0123abcd.tmp`, `.${name}.${dead}.89abcdef.old`];
    const kept = [`.${name}.${process.pid}.00000000.tmp`, `.other.pdf.${dead}.0123abcd.tmp`, `.${name}.notes`];
    for (const n of [...stale, ...kept]) writeFileSync(join(target, n), 'half a PDF');
    await exportEdition(layout, META, { outDir: target, creationDate: FIXED_DATE });
    expect(readdirSync(target).filter((n) => n.startsWith('.')).sort()).toEqual([...kept].sort());
  });

  it('a failure after some files were written leaves no file behind, final or temporary', async () => {
    // Files are staged (written, fsynced) while the next is built: a failure later removes them.
    const target = join(dir, 'failing');
    const seen: string[] = [];
    const err = await exportEdition(layout, META, {
      outDir: target,
      creationDate: FIXED_DATE,
      onProgress: (p) => {
        seen.push(p.file);
        if (seen.length === 2) throw new Error('cancelled by the user');
      },
    }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('cancelled by the user');
    expect(seen).toEqual(x1a.files.slice(0, 2).map((f) => f.path.replace(join(dir, 'x1a'), target)));
    expect(existsSync(target) ? readdirSync(target) : []).toEqual([]);
  });

  it('a file that appears under a final name while exporting is not replaced', async () => {
    const target = join(dir, 'appearing');
    const first = x1a.files[0].path.replace(join(dir, 'x1a'), target);
    const err = await exportEdition(layout, META, {
      outDir: target,
      creationDate: FIXED_DATE,
      onProgress: (p) => {
        if (p.kind === 'combined') writeFileSync(first, 'not ours');
      },
    }).catch((e: unknown) => e);
    expect((err as ExportError).code).toBe('exists');
    expect((err as ExportError).details).toEqual([first]);
    expect(readdirSync(target)).toEqual([basename(first)]);
    expect(readFileSync(first, 'utf8')).toBe('not ours');
  });

  it('warns of page files an earlier export left that this one did not replace (a page deleted or relabelled since)', async () => {
    const target = join(dir, 'stale');
    mkdirSync(target);
    // An earlier export of this edition with pages since deleted or relabelled (3, A1); a
    // supplement of the same date exported into the same folder (B1: its pages are named alike,
    // and they are no strays); files of no page of this edition.
    const page = readFileSync(x1a.files[0].path);
    for (const n of ['2024-01-15_3.pdf', '2024-01-15_A1.PDF']) writeFileSync(join(target, n), page);
    const supplement = await exportEdition(layout, { ...META, edition: '体育' }, { outDir: join(dir, 'stale-supplement'), creationDate: FIXED_DATE, combined: false });
    writeFileSync(join(target, '2024-01-15_B1.pdf'), readFileSync(supplement.files[0].path));
    for (const n of ['2024-01-15_9.pdf', '2024-01-14_1.pdf', 'notes.txt', '.2024-01-15_4.pdf']) writeFileSync(join(target, n), 'old');
    const r = await exportEdition(layout, META, { outDir: target, creationDate: FIXED_DATE });
    const stale = r.report.warnings.filter((w) => w.includes('did not write'));
    expect(stale).toHaveLength(1);
    expect(stale[0]).toContain(`${target} also holds 2 files named as this export names its pages that it did not write`);
    expect(stale[0]).toMatch(/: 2024-01-15_3\.pdf, 2024-01-15_A1\.PDF$/);
    // A folder of this export's files only: nothing to say.
    const clean = await exportEdition(layout, META, { outDir: join(dir, 'stale-clean'), creationDate: FIXED_DATE, pattern: '{index}-{label}' });
    expect(clean.report.warnings.filter((w) => w.includes('did not write'))).toEqual([]);
  });

  it('two exports of two editions into one folder at once: one wins whole, the other writes nothing', async () => {
    // Same date, same page names. The check before the renames left a window in which both
    // succeeded, each replacing some of the other's pages: a folder of mixed editions. Now the
    // folder's lock refuses the second (lock.test.ts); whichever it is, it writes nothing.
    for (let round = 0; round < 3; round++) {
      const target = join(dir, `together-${round}`);
      const results = await Promise.allSettled(
        ['A', 'B'].map((edition) => exportEdition(layout, { ...META, edition, title: edition }, { outDir: target, creationDate: FIXED_DATE, combined: false })),
      );
      const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      expect(won).toHaveLength(1);
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason).toMatchObject({ code: 'busy' });
      for (const f of won[0].files) expect(sha256Of(f.path)).toBe(f.sha256);
      expect(readdirSync(target).sort()).toEqual(won[0].files.map((f) => basename(f.path)).sort());
    }
  });

  it('refuses when the preflight reports blocking errors, unless forced', async () => {
    const errors = ['overset: 345 characters do not fit (f6)', { code: 'empty-continuation', message: 'part 2 is empty', page: 2 }];
    const err = await exportEdition(layout, META, { outDir: join(dir, 'pre'), preflight: errors }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExportError);
    expect((err as ExportError).code).toBe('preflight');
    expect((err as ExportError).details).toEqual(['overset: 345 characters do not fit (f6)', 'page 2: empty-continuation: part 2 is empty']);
    expect(existsSync(join(dir, 'pre'))).toBe(false);
    // overwrite replaces files, and nothing else: the errors still refuse the export.
    const overwrite = await exportEdition(layout, META, { outDir: join(dir, 'pre'), preflight: errors, overwrite: true }).catch((e: unknown) => e);
    expect((overwrite as ExportError).code).toBe('preflight');
    expect(existsSync(join(dir, 'pre'))).toBe(false);
    const ok = await exportEdition(layout, META, { outDir: join(dir, 'pre'), preflight: errors, force: true, creationDate: FIXED_DATE, pages: false });
    expect(ok.report.overriddenPreflight).toHaveLength(2);
    // What force let through is said where every host shows the report.
    expect(ok.report.warnings).toEqual(expect.arrayContaining(ok.report.overriddenPreflight.map((t) => expect.stringContaining(t))));
    // The edition preflight's issues as they come: warnings pass, errors speak the edition's language.
    const issues = [
      { code: 'backward-jump', severity: 'warning' as const, page: 2, message: { zh: '回跳', en: 'jumps backward' } },
      { code: 'overset', severity: 'error' as const, page: 1, message: { zh: '有 345 字排不下', en: '345 characters do not fit' } },
    ];
    const refused = await exportEdition(layout, META, { outDir: join(dir, 'pre2'), preflight: issues }).catch((e: unknown) => e);
    expect((refused as ExportError).details).toEqual(['page 1: overset: 有 345 字排不下']);
    const warningsOnly = await exportEdition(layout, META, { outDir: join(dir, 'pre2'), preflight: issues.slice(0, 1), creationDate: FIXED_DATE, pages: false });
    expect(warningsOnly.files).toHaveLength(1);
  });

  it('per-page subsets hold only the page’s glyphs and still pass the checks', async () => {
    const r = await exportEdition(layout, META, { outDir: join(dir, 'page-subsets'), creationDate: FIXED_DATE, subset: 'page', combined: false });
    expect(r.files.every((f, i) => f.bytes < x1a.files[i].bytes)).toBe(true);
    if (missingTools.length === 0) {
      for (const f of r.files) {
        expect(run('qpdf', ['--check', f.path]).status).toBe(0);
        expect(mutoolFindings(f.path).findings).toEqual([]);
      }
    }
  });

  it('file name patterns: tokens, padding, sanitising; clashing names are refused', async () => {
    const r = await exportEdition(layout, { ...META, version: 3 }, { outDir: join(dir, 'names'), creationDate: FIXED_DATE, pattern: '{publication}/{edition}:{index}-{label}_v{version}', combinedPattern: '{publication} {date}' });
    expect(r.files.map((f) => f.path.slice(join(dir, 'names').length + 1))).toEqual(['太原日报_早版_01-1_v3.pdf', '太原日报_早版_02-2_v3.pdf', '太原日报 2024-01-15.pdf']);
    const err = await exportEdition(layout, META, { outDir: join(dir, 'clash'), pattern: '{date}.pdf' }).catch((e: unknown) => e);
    expect((err as ExportError).code).toBe('options');
    expect((err as Error).message).toMatch(/\{index\}/);
    expect((err as Error).message).toBe('page 1 (1) and page 2 (2) would both be named "2024-01-15.pdf"; add {index} to the pattern');
    // Names that differ in case only are one file on a Mac's or a Windows PC's disk: both are named.
    const cased = { ...layout, pages: layout.pages.map((p, i) => ({ ...p, label: i === 0 ? 'A1' : 'a1' })) };
    const caseErr = await exportEdition(cased, META, { outDir: join(dir, 'clash'), pattern: '{label}' }).catch((e: unknown) => e);
    expect((caseErr as ExportError).details).toEqual(['A1.pdf', 'a1.pdf']);
    expect((caseErr as Error).message).toMatch(/^page 1 \(A1\) and page 2 \(a1\) would be named "A1\.pdf" and "a1\.pdf", one name on the case-insensitive disks/);
    const withEdition = await exportEdition(layout, META, { outDir: join(dir, 'clash'), pattern: '{date}_{index}', combinedPattern: '{date}_02' }).catch((e: unknown) => e);
    expect((withEdition as Error).message).toMatch(/^page 2 \(2\) and the edition file would both be named "2024-01-15_02\.pdf"/);
    const bad = await exportEdition(layout, META, { outDir: join(dir, 'clash'), pattern: '{page}.pdf' }).catch((e: unknown) => e);
    expect((bad as Error).message).toMatch(/unknown token \{page\}/);
  });

  it('PDF/X-4 without a profile, or with an RGB one, is refused', async () => {
    await expect(exportEdition(layout, META, { outDir: join(dir, 'bad'), pdfx: 'x4' })).rejects.toThrow(/ICC/);
    const srgb = '/usr/share/color/icc/ghostscript/srgb.icc';
    if (existsSync(srgb)) await expect(exportEdition(layout, META, { outDir: join(dir, 'bad'), icc: new Uint8Array(readFileSync(srgb)) })).rejects.toThrow(/not an output|must be CMYK/);
  });
});
