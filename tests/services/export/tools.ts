// The external checkers the export tests run (Debian: qpdf, poppler-utils, ghostscript,
// mupdf-tools). The exporter itself runs none of them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[]): Run {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function hasTool(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

export const TOOLS = ['qpdf', 'pdffonts', 'pdfinfo', 'pdftotext', 'pdftoppm', 'pdfimages', 'gs', 'mutool'];
export const missingTools = TOOLS.filter((t) => !hasTool(t));

/**
 * Ghostscript's CMYK output profile (Debian's ghostscript package), standing in for a plant's
 * profile: version 2, class prtr, Lab tables, as newspaper profiles are.
 */
export const GS_CMYK_PROFILE = '/usr/share/color/icc/ghostscript/default_cmyk.icc';

/**
 * What `mutool draw` reports about a file, besides its exit status: this mutool build prints
 * "ICC support is not available" for every file (it has no lcms2) and "page <file> <n>" per
 * page; any other line is a finding (a broken glyph, a damaged stream).
 */
export function mutoolFindings(file: string): { status: number | null; findings: string[] } {
  const r = run('mutool', ['draw', '-o', '/dev/null', file]);
  const findings = (r.stdout + r.stderr).split('\n').filter((l) => l.trim() !== '' && !/^page \S+ \d+/.test(l) && !l.includes('ICC support is not available'));
  return { status: r.status, findings };
}

/** Every object decompressed, no object streams: the file as a text a test can search. */
export function qdf(file: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pasteup-qdf-'));
  try {
    const out = join(dir, 'q.pdf');
    const r = run('qpdf', ['--qdf', '--object-streams=disable', file, out]);
    if (r.status !== 0) throw new Error(`qpdf --qdf failed: ${r.stderr}`);
    return readFileSync(out).toString('latin1');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Raster {
  width: number;
  height: number;
  /** Channels per pixel: 1 (gray), 4 (CMYK). */
  channels: number;
  data: Uint8Array;
}

/** Binary PGM (P5) or PPM (P6). */
export function parsePnm(buf: Uint8Array): Raster {
  let pos = 0;
  const token = (): string => {
    for (;;) {
      while (pos < buf.length && /\s/.test(String.fromCharCode(buf[pos]))) pos++;
      if (buf[pos] === 0x23) while (pos < buf.length && buf[pos] !== 0x0a) pos++;
      else break;
    }
    let s = '';
    while (pos < buf.length && !/\s/.test(String.fromCharCode(buf[pos]))) s += String.fromCharCode(buf[pos++]);
    return s;
  };
  const magic = token();
  if (magic !== 'P5' && magic !== 'P6') throw new Error(`not a binary PGM/PPM (${magic})`);
  const width = Number(token());
  const height = Number(token());
  const max = Number(token());
  if (max !== 255) throw new Error(`unsupported maxval ${max}`);
  pos++; // the single whitespace after maxval
  const channels = magic === 'P5' ? 1 : 3;
  return { width, height, channels, data: buf.subarray(pos, pos + width * height * channels) };
}

/** One page rendered by pdftoppm as 8-bit gray. */
export function renderGray(file: string, page: number, dpi: number): Raster {
  const dir = mkdtempSync(join(tmpdir(), 'pasteup-ppm-'));
  try {
    const r = run('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, join(dir, 'p')]);
    if (r.status !== 0) throw new Error(`pdftoppm failed: ${r.stderr}`);
    return parsePnm(readFileSync(join(dir, 'p.pgm')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every page rendered by Ghostscript's bitcmyk device, 8 bits per ink (C, M, Y, K per
 * pixel; 255 = 100 %). Overprint is simulated by the device, so black text over cyan keeps
 * its cyan. `mediaPt` is each page's MediaBox size.
 */
export function renderCmyk(file: string, dpi: number, mediaPt: [number, number][], extra: string[] = []): Raster[] {
  const dir = mkdtempSync(join(tmpdir(), 'pasteup-cmyk-'));
  try {
    const r = run('gs', ['-q', '-dBATCH', '-dNOPAUSE', '-dSAFER', '-sDEVICE=bitcmyk', '-dGrayValues=256', `-r${dpi}`, ...extra, `-sOutputFile=${join(dir, 'p%d.raw')}`, file]);
    if (r.status !== 0) throw new Error(`gs bitcmyk failed: ${r.stderr}${r.stdout}`);
    const files = readdirSync(dir).filter((f) => f.endsWith('.raw')).sort((a, b) => Number(a.slice(1, -4)) - Number(b.slice(1, -4)));
    return files.map((f, i) => {
      const data = new Uint8Array(readFileSync(join(dir, f)));
      const [w, h] = mediaPt[i] ?? mediaPt[0];
      // gs rounds the device size; find the width that divides the data.
      for (const width of [Math.round((w * dpi) / 72), Math.ceil((w * dpi) / 72), Math.floor((w * dpi) / 72)]) {
        const height = data.length / 4 / width;
        if (Number.isInteger(height) && Math.abs(height - (h * dpi) / 72) <= 1.5) return { width, height, channels: 4, data };
      }
      throw new Error(`cannot size the bitcmyk raster of ${data.length} bytes for ${w}×${h} pt`);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Text as compared: no whitespace at all (pdftotext spaces and breaks lines as it likes). */
export function normalise(s: string): string {
  return s.normalize('NFKC').replace(/\s+/gu, '');
}
