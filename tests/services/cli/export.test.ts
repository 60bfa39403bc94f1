// `pasteup export` and the demo's PDFs: files named by pattern, identical bytes for a fixed
// creation date, no overwrite without --force, preflight errors block the export.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, watch, writeFileSync } from 'node:fs';
import { constants as osConstants, hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/main';
import { holdExport } from '../export/hold';
import { BIN, runCli, spawnCli } from './run-cli';

const HOLD_FSYNC = fileURLToPath(new URL('./hold-fsync.cjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'pasteup-export-'));
const lib = join(dir, 'demo.pasteup');
let edition = 0;
const sha256 = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

interface ExportJson {
  files: { path: string; pages: number; bytes: number; kind: 'page' | 'combined'; sha256: string }[];
  report: { pdfx: string; pdfVersion: string; outputCondition: string };
}

beforeAll(async () => {
  const r = await runCli(['demo', '--library', lib, '--out', join(dir, 'demo-pdf'), '--json']);
  expect(r.code, r.err).toBe(0);
  const demo = JSON.parse(r.out) as { edition: number; pdf: { dir: string; files: string[] } };
  edition = demo.edition;
  expect(demo.pdf.files.map((f) => f.slice(demo.pdf.dir.length + 1)).sort()).toEqual(['2024-01-27_1.pdf', '2024-01-27_2.pdf', '2024-01-27_演示版.pdf']);
  for (const f of demo.pdf.files) expect(readFileSync(f).subarray(0, 8).toString('latin1')).toBe('%PDF-1.3');
  // The folder holds the PDFs and nothing else: the export's lock went with it.
  expect(readdirSync(demo.pdf.dir).sort()).toEqual(['2024-01-27_1.pdf', '2024-01-27_2.pdf', '2024-01-27_演示版.pdf']);
});

describe('pasteup export', () => {
  it('writes one PDF per page by the pattern and the edition file, with JSON and progress', async () => {
    const out = join(dir, 'a');
    const r = await runCli(['export', '--library', lib, '--edition', String(edition), '--out', out, '--pattern', '{publication}_{index}_{label}.pdf', '--creation-date', '2024-01-27T00:00:00Z', '--json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as ExportJson;
    expect(j.files.map((f) => [f.path.slice(out.length + 1), f.pages, f.kind])).toEqual([
      ['太原日报_01_1.pdf', 1, 'page'],
      ['太原日报_02_2.pdf', 1, 'page'],
      ['2024-01-27_演示版.pdf', 2, 'combined'],
    ]);
    expect(j.report).toMatchObject({ pdfx: 'PDF/X-1a:2001', pdfVersion: '1.3', outputCondition: expect.stringContaining('IFRA26') });
    for (const f of j.files) expect(sha256(f.path)).toBe(f.sha256);
    // Not a terminal: plain progress lines on stderr, one per page and one for the edition.
    expect(r.err.trim().split('\n')).toEqual([expect.stringMatching(/^page 1\/2: /), expect.stringMatching(/^page 2\/2: /), expect.stringMatching(/^edition: /)]);
  });

  it("shows the preflight warnings it passed to the plant with the files (the demo's picture placeholders), in text and JSON, each page by its label", async () => {
    // They used to pass without a word: the plate printed grey boxes and the export said nothing.
    const labelled = join(dir, 'labelled.pasteup');
    copyFileSync(lib, labelled);
    expect((await runCli(['pages', 'label', '--library', labelled, '--edition', String(edition), '--page', '2', '--label', 'B2'])).code).toBe(0);
    const check = JSON.parse((await runCli(['preflight', '--library', labelled, '--edition', String(edition), '--json'])).out) as { issues: { code: string; severity: string; page: number | null; message: { zh: string } }[] };
    const passed = check.issues.filter((i) => i.severity === 'warning');
    expect(passed.map((i) => [i.code, i.page])).toEqual([['placeholder', 1], ['placeholder', 2]]);
    // The page as preflight prints it, by its label (B2), not its position.
    const texts = passed.map((i) => `page ${i.page === 2 ? 'B2' : i.page}: ${i.code}: ${i.message.zh}`);
    const text = await runCli(['export', '--library', labelled, '--edition', String(edition), '--out', join(dir, 'passed-text')]);
    expect(text.code, text.err).toBe(0);
    expect(text.err.split('\n').filter((l) => l.startsWith('preflight warning: '))).toEqual(texts.map((t) => `preflight warning: ${t}`));
    const json = await runCli(['export', '--library', labelled, '--edition', String(edition), '--out', join(dir, 'passed-json'), '--json']);
    expect((JSON.parse(json.out) as { report: { preflightWarnings: string[]; warnings: string[] } }).report).toMatchObject({ preflightWarnings: texts, warnings: [] });
  });

  it('on a terminal, the progress bar’s line is ended before anything else is printed, with or without the edition file', async () => {
    for (const extra of [['--no-combined'], []]) {
      const out = join(dir, `tty${extra.length}`);
      let stream = '';
      const code = await main(['export', '--library', lib, '--edition', String(edition), '--out', out, ...extra], { out: (t) => (stream += t), err: (t) => (stream += t), isTTY: true });
      expect(code).toBe(0);
      // Each line of the listing starts a line of its own (it was printed onto the bar with --no-combined).
      for (const f of readdirSync(out)) expect(stream).toContain(`\n${join(out, f)}  (`);
    }
  });

  it('--plate-version sets {version}: a page sent again gets a name of its own', async () => {
    const out = join(dir, 'versions');
    const args = (...extra: string[]) => ['export', '--library', lib, '--edition', String(edition), '--out', out, '--pattern', '{date}_{label}_v{version}', '--no-combined', ...extra];
    expect((await runCli(args())).code).toBe(0);
    expect((await runCli(args('--plate-version', '2'))).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['2024-01-27_1_v1.pdf', '2024-01-27_1_v2.pdf', '2024-01-27_2_v1.pdf', '2024-01-27_2_v2.pdf']);
    expect(await runCli(args('--plate-version', '../3'))).toMatchObject({ code: 2, err: expect.stringContaining("--plate-version must be 1 to 16 letters or digits (2, B), got '../3'") });
  });

  it('gives identical bytes for the same creation date', async () => {
    const args = (out: string) => ['export', '--library', lib, '--edition', String(edition), '--out', out, '--creation-date', '2024-01-27T06:00:00Z', '--json'];
    const a = JSON.parse((await runCli(args(join(dir, 'd1')))).out) as ExportJson;
    const b = JSON.parse((await runCli(args(join(dir, 'd2')))).out) as ExportJson;
    expect(a.files.map((f) => f.sha256)).toEqual(b.files.map((f) => f.sha256));
  });

  it('never overwrites without --overwrite (or --force), and writes nothing when it refuses', async () => {
    const out = join(dir, 'b');
    expect((await runCli(['export', '--library', lib, '--edition', String(edition), '--out', out, '--no-combined'])).code).toBe(0);
    const before = readdirSync(out).sort().map((f) => [f, sha256(join(out, f))]);
    writeFileSync(join(out, 'note.txt'), 'mine');
    const again = await runCli(['export', '--library', lib, '--edition', String(edition), '--out', out, '--no-combined']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/2024-01-27_1\.pdf/);
    // The way out it names replaces files and nothing more (--force would also let preflight errors through).
    expect(again.err).toContain('--overwrite replaces them');
    expect(again.err).not.toContain('--force');
    expect(readdirSync(out).filter((f) => f.endsWith('.pdf')).sort().map((f) => [f, sha256(join(out, f))])).toEqual(before);
    expect((await runCli(['export', '--library', lib, '--edition', String(edition), '--out', out, '--no-combined', '--overwrite'])).code).toBe(0);
    expect((await runCli(['export', '--library', lib, '--edition', String(edition), '--out', out, '--no-combined', '--force'])).code).toBe(0);
    // a folder under a final name: --force does not replace it, and the message says so
    rmSync(join(out, '2024-01-27_1.pdf'));
    mkdirSync(join(out, '2024-01-27_1.pdf'));
    const folder = await runCli(['export', '--library', lib, '--edition', String(edition), '--out', out, '--no-combined', '--force']);
    expect(folder.code).toBe(1);
    expect(folder.err).toContain('1 final name is taken by a folder (or another thing that is not a file), which an export never replaces; nothing was written');
    expect(folder.err).not.toContain('--force replaces');
  });

  it('refuses an edition with preflight errors unless forced', async () => {
    const fixture = fileURLToPath(new URL('../../../../shared/fixtures/taiyuan-daily-2024-01.txt', import.meta.url));
    const ids = (JSON.parse((await runCli(['import', fixture, '--library', lib, '--allow-duplicates', '--json'])).out) as { files: { imported: { id: number }[] }[] }).files[0].imported.map((a) => a.id);
    const plan = join(dir, 'overset.json');
    writeFileSync(plan, JSON.stringify({ edition: { name: 'o', date: '2024-01-28', template: 'broadsheet-zh' }, pages: [{ frames: [{ article: ids[2], part: 0, col: 0, span: 1, top: 0, height: 10 }] }] }));
    const e = (JSON.parse((await runCli(['plan', 'apply', plan, '--library', lib, '--json'])).out) as { edition: number }).edition;
    const out = join(dir, 'c');
    const r = await runCli(['export', '--library', lib, '--edition', String(e), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('preflight found 1 error(s)');
    expect(r.out).toMatch(/error: page 1 frame f\d+: .*overset/);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    // --json: stdout stays JSON, the preflight report as preflight --json gives it; the reason on stderr.
    const json = await runCli(['export', '--library', lib, '--edition', String(e), '--out', out, '--json']);
    expect(json.code).toBe(1);
    expect(json.err).toContain('preflight found 1 error(s)');
    const report = JSON.parse(json.out) as { preflight: { ok: boolean; errors: number; warnings: number; issues: { code: string; page: number }[] } };
    expect(report.preflight).toMatchObject({ ok: false, errors: 1 });
    expect(report.preflight.issues[0]).toMatchObject({ code: 'overset', page: 1 });
    expect(report.preflight).toEqual(JSON.parse((await runCli(['preflight', '--library', lib, '--edition', String(e), '--json'])).out));
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    // --overwrite (what a re-export after a late change needs) does not let the errors through.
    const overwrite = await runCli(['export', '--library', lib, '--edition', String(e), '--out', out, '--overwrite']);
    expect(overwrite.code).toBe(1);
    expect(overwrite.err).toContain('preflight found 1 error(s)');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    const forced = await runCli(['export', '--library', lib, '--edition', String(e), '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(readdirSync(out).filter((f) => f.endsWith('.pdf'))).toHaveLength(2);
    // What --force let through is said, not exported in silence.
    expect(forced.err).toMatch(/^warning: exported in spite of a preflight error: page 1: overset: /m);
  });

  it('stops at characters no bundled font has, and when forced, copies them as U+FFFD', async () => {
    const src = join(dir, 'rare.txt');
    // 𪚥 (CJK Extension B), 😀 and the Arabic ب are in none of the bundled fonts.
    writeFileSync(src, '生僻字\n\n记者 张三\n\n他叫王𪚥，笑了😀。阿拉伯文ب也没有。\n');
    const imported = JSON.parse((await runCli(['import', src, '--library', lib, '--json'])).out) as { files: { imported: { id: number }[] }[] };
    const plan = join(dir, 'rare.json');
    writeFileSync(plan, JSON.stringify({ edition: { name: 'r', date: '2024-01-29', template: 'broadsheet-zh' }, pages: [{ frames: [{ article: imported.files[0].imported[0].id, part: 0, col: 0, span: 2, top: 0, height: 20 }] }] }));
    const e = (JSON.parse((await runCli(['plan', 'apply', plan, '--library', lib, '--json'])).out) as { edition: number }).edition;
    const pf = await runCli(['preflight', '--library', lib, '--edition', String(e), '--json']);
    expect(pf.code).toBe(1);
    const issues = (JSON.parse(pf.out) as { issues: { code: string; page: number; message: { zh: string; en: string } }[] }).issues.filter((i) => i.code === 'missing-glyph');
    expect(issues).toHaveLength(1);
    expect(issues[0].page).toBe(1);
    expect(issues[0].message.zh).toContain('有 3 个字没有字体可排，会印成空白：𪚥（U+2A6A5）、😀（U+1F600）、ب（U+0628）');
    expect(issues[0].message.en).toContain('3 characters no bundled font has');
    const out = join(dir, 'rare');
    const refused = await runCli(['export', '--library', lib, '--edition', String(e), '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/error: page 1 frame f\d+: .*no bundled font has/);
    const forced = await runCli(['export', '--library', lib, '--edition', String(e), '--out', out, '--force', '--no-combined']);
    expect(forced.code, forced.err).toBe(0);
    expect(forced.err).toMatch(/warning: 3 glyphs missing from the fonts/);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(out, '2024-01-29_1.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('他叫王\uFFFD，笑了\uFFFD。阿拉伯文\uFFFD也没有。');
  });

  it('an output folder that cannot be made is an error at once, with the folder named', async () => {
    // Under /proc, Node 20's recursive mkdir spins forever; a child process with a time limit
    // shows the difference (killed by the limit = the old hang).
    const proc = spawnCli(['export', '--library', lib, '--edition', String(edition), '--out', '/proc/pasteup-nope/out'], { timeout: 30_000 });
    expect([proc.signal, proc.code]).toEqual([null, 1]);
    expect(proc.err).toContain('cannot create the folder /proc/pasteup-nope');
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const notDir = spawnCli(['export', '--library', lib, '--edition', String(edition), '--out', join(file, 'out')], { timeout: 30_000 });
    expect(notDir.code).toBe(1);
    expect(notDir.err).toContain(`cannot create the folder ${join(file, 'out')}: ${file} is a file, not a folder`);
    const isFile = spawnCli(['export', '--library', lib, '--edition', String(edition), '--out', file, '--force'], { timeout: 30_000 });
    expect(isFile.code).toBe(1);
    expect(isFile.err).toContain(`cannot use ${file} as a folder: it is a file`);
    expect(readFileSync(file, 'utf8')).toBe('x');
    // A link to a folder that is not there (a share not mounted): refused before any work, not
    // after it at the first write, with a temporary file named.
    const dangling = join(dir, 'plates-share');
    symlinkSync(join(dir, 'not-mounted'), dangling);
    for (const out of [dangling, join(dangling, 'tonight')]) {
      const linked = await runCli(['export', '--library', lib, '--edition', String(edition), '--out', out]);
      expect(linked).toMatchObject({ code: 1, err: `pasteup export: cannot use ${dangling} as a folder: it is a symbolic link to ${join(dir, 'not-mounted')}, which does not exist\n` });
    }
    expect(existsSync(join(dir, 'not-mounted'))).toBe(false);
  });

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('stopped by %s while writing: no temporary file is left in the folder, no final name is given', async (sig) => {
    // The default action killed the process and left a hidden .tmp file of every PDF staged so far.
    const out = join(dir, `stopped-${sig}`);
    mkdirSync(out);
    // HOLD_FSYNC holds the export before its renames until the signal arrives: deterministic.
    const child = spawn(process.execPath, ['--require', HOLD_FSYNC, BIN, 'export', '--library', lib, '--edition', String(edition), '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    let sent = false;
    const watcher = watch(out, (_event, name) => {
      if (!sent && String(name).endsWith('.tmp')) sent = child.kill(sig);
    });
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    watcher.close();
    expect(sent).toBe(true);
    expect([code, signal]).toEqual([128 + osConstants.signals[sig], null]);
    expect(err).toContain(`stopped by ${sig}: no file was written or replaced`);
    expect(readdirSync(out)).toEqual([]);
  });

  it('refuses to export into a folder another export is writing into, naming it (edition, host, process, since when) and what to do', async () => {
    const out = join(dir, 'held');
    mkdirSync(out);
    const holder = await holdExport(out, join(dir, 'held.gate'));
    const before = readdirSync(out).sort();
    const r = await runCli(['export', '--library', lib, '--edition', String(edition), '--out', out, '--force']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^pasteup export: ${out} is busy: another export is writing into it: 太原日报 2024-01-15 早版 on ${hostname()} \\(pid ${holder.pid}.*\\) since .* ago\\); nothing was written\\. Try again when it has finished, or export into another folder\\. If it is no longer running, remove ${join(out, '.pasteup-export.lock')} \\(or export with --overwrite once the lock is 10 min old\\)\\.\n$`));
    expect(readdirSync(out).sort()).toEqual(before);
    expect((await holder.finish()).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['2024-01-15_1.pdf', '2024-01-15_2.pdf', '2024-01-15_早版.pdf']);
  });

  it('goes on to the end when the reader of its progress goes away (pasteup export … 2>&1 | head -1)', async () => {
    // It exited 0 at its second progress line: nothing exported, a hidden .tmp of every PDF staged left behind.
    const out = join(dir, 'progress-reader-gone');
    const child = spawn(process.execPath, [BIN, 'export', '--library', lib, '--edition', String(edition), '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.once('data', () => child.stderr.destroy());
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    expect([code, signal]).toEqual([0, null]);
    expect(readdirSync(out).sort()).toEqual(['2024-01-27_1.pdf', '2024-01-27_2.pdf', '2024-01-27_演示版.pdf']);
  });

  it('checks its options', async () => {
    const base = ['export', '--library', lib, '--edition', String(edition), '--out', join(dir, 'x')];
    expect((await runCli([...base, '--pdfx', 'x3'])).code).toBe(2);
    expect(await runCli([...base, '--no-combined', '--combined'])).toMatchObject({ code: 2, err: expect.stringContaining('not both') });
    const x4 = await runCli([...base, '--pdfx', 'x4']);
    expect(x4.code).toBe(2);
    expect(x4.err).toContain('--icc');
    expect((await runCli([...base, '--icc', join(dir, 'missing.icc')])).err).toContain('missing.icc');
    expect((await runCli(['export', '--help'])).out).toContain('Usage: pasteup export');
    // A folder with a space typed without quotes: not an export into the folder's first word.
    const share = join(dir, 'Plant');
    const unquoted = await runCli(['export', '--library', lib, '--edition', String(edition), '--out', share, 'Share/tonight']);
    expect(unquoted).toMatchObject({ code: 2, err: expect.stringContaining("unexpected argument 'Share/tonight'") });
    expect(existsSync(share)).toBe(false);
    expect((await runCli([...base, '--marks', 'no'])).code).toBe(2);
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });

  it('--creation-date is an exact moment: the same bytes in any time zone; impossible dates are usage errors', async () => {
    const out = (name: string) => join(dir, name);
    const args = (o: string, date: string) => ['export', '--library', lib, '--edition', String(edition), '--out', o, '--creation-date', date, '--no-combined', '--json'];
    // a time without a zone is refused, not read as the machine's local time
    const local = await runCli(args(out('tz-local'), '2024-01-27T06:30:00'));
    expect(local.code).toBe(2);
    expect(local.err).toContain("--creation-date must be YYYY-MM-DDTHH:MM:SSZ (or with an offset such as +08:00, or a date alone), got '2024-01-27T06:30:00'");
    // the same moment written two ways, exported in two zones: the same bytes
    const utc = spawnCli(args(out('tz-utc'), '2024-01-27T06:30:00Z'), { env: { TZ: 'UTC' } });
    const shanghai = spawnCli(args(out('tz-sh'), '2024-01-27T14:30:00+08:00'), { env: { TZ: 'Asia/Shanghai' } });
    expect([utc.code, shanghai.code]).toEqual([0, 0]);
    const sums = (r: { out: string }) => (JSON.parse(r.out) as ExportJson).files.map((f) => f.sha256);
    expect(sums(shanghai)).toEqual(sums(utc));
    expect(readFileSync(join(out('tz-utc'), '2024-01-27_1.pdf'), 'latin1')).toContain('/CreationDate (D:20240127063000');
    for (const bad of ['2024-02-30T00:00:00Z', 'Jan 27 2024', '2024-01-27T24:00:00Z', '2024-01-27T06:30:00+25:00', '', '9999-12-31T23:00:00-05:00', '0001-01-01T00:30:00+01:00']) {
      expect((await runCli(args(out('bad'), bad))).code, bad).toBe(2);
    }
    expect(existsSync(out('bad'))).toBe(false);
  });
});
