// A library this user cannot write (its file is 444, its folder read-only, another user's
// file): the verbs that only read work and leave no -wal/-shm files behind, check runs (the
// full-text check it cannot do is listed as skipped, not reported as damage), and a verb that
// writes fails at once with a message naming the file.
//
// Permissions are real, so the command runs as a user the modes apply to: this user, or, when
// the tests run as root (CI containers; root ignores file modes), root without the two
// capabilities that let it ignore them (setpriv), which still reads the checkout wherever it
// is (as `nobody` it could not, in a clone under a root-only folder).
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckJson, FIXTURE, importJson, parseOut, sha256, tempDir } from './library-helpers';
import { BIN, type CliResult } from './run-cli';

const root = process.getuid?.() === 0;
/** How to run as a user the file modes apply to, or why that cannot be done here. */
const runAs: string[] | string = (() => {
  if (process.platform === 'win32') return 'POSIX file modes only';
  if (!root) return [];
  const drop = ['setpriv', '--inh-caps=-dac_override,-dac_read_search', '--bounding-set=-dac_override,-dac_read_search'];
  // The probe: a folder of mode 555 must refuse a new file.
  const locked = mkdtempSync(join(tmpdir(), 'pasteup-probe-'));
  chmodSync(locked, 0o555);
  const probe = spawnSync(drop[0], [...drop.slice(1), process.execPath, '-e', `try { require('fs').writeFileSync(${JSON.stringify(join(locked, 'x'))}, 'x'); process.exit(1); } catch { process.exit(0); }`]);
  chmodSync(locked, 0o755);
  rmSync(locked, { recursive: true, force: true });
  return probe.status === 0 ? drop : 'running as root without setpriv to drop the capabilities that ignore file modes';
})();

function run(args: string[]): CliResult {
  const argv = [...(runAs as string[]), process.execPath, BIN, ...args];
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr, signal: r.signal };
}

const dir = tempDir('cli-read-only');
const source = join(dir, 'source.pasteup');
const cases = {
  'a 444 file': { folder: join(dir, 'f444'), fileMode: 0o444, folderMode: 0o777, reason: 'the file is not writable' },
  'a read-only folder': { folder: join(dir, 'dirro'), fileMode: 0o666, folderMode: 0o555, reason: 'its folder is not writable' },
};
const input = join(dir, 'in.txt');

beforeAll(async () => {
  // Another user cannot rebuild dist/ when a source is newer: this one does it first.
  spawnSync(process.execPath, [BIN, '--help']);
  const { r } = await importJson([FIXTURE], source);
  expect(r.code, r.err).toBe(0);
  writeFileSync(input, '## 标题\n\n一段正文，足够长的一段正文。\n');
  chmodSync(dir, 0o755);
  chmodSync(input, 0o644);
  for (const c of Object.values(cases)) {
    mkdirSync(c.folder);
    copyFileSync(source, join(c.folder, 'l.pasteup'));
    chmodSync(join(c.folder, 'l.pasteup'), c.fileMode);
    chmodSync(c.folder, c.folderMode);
  }
});
afterAll(() => {
  for (const c of Object.values(cases)) chmodSync(c.folder, 0o755);
});

describe.skipIf(typeof runAs === 'string')(`a library this user cannot write${root ? ' (as root without CAP_DAC_OVERRIDE: the tests run as root)' : ''}`, () => {
  it('export into a folder this user cannot write fails before any work, naming the folder', () => {
    const demoDir = join(dir, 'demo');
    mkdirSync(demoDir);
    const demo = spawnSync(process.execPath, [BIN, 'demo', '--library', join(demoDir, 'd.pasteup'), '--out', join(demoDir, 'pdf'), '--json'], { encoding: 'utf8' });
    expect(demo.status, demo.stderr).toBe(0);
    const edition = String((JSON.parse(demo.stdout) as { edition: number }).edition);
    const locked = join(dir, 'locked-out');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    try {
      const r = run(['export', '--library', join(demoDir, 'd.pasteup'), '--edition', edition, '--out', join(locked, 'pdf')]);
      expect(r.code).toBe(1);
      expect(r.err).toBe(`pasteup export: cannot write in ${locked}: permission denied\n`);
      expect(readdirSync(locked)).toEqual([]);
      // demo checks its folder before it makes a library or an edition
      const demoLib = join(dir, 'demo-locked.pasteup');
      const d = run(['demo', '--library', demoLib, '--out', join(locked, 'pdf')]);
      expect([d.code, d.err]).toEqual([1, `pasteup demo: cannot write in ${locked}: permission denied\n`]);
      expect(readdirSync(dir)).not.toContain('demo-locked.pasteup');
    } finally {
      chmodSync(locked, 0o755);
    }
    // a folder that can be written but not searched (666) takes no new file either
    const unsearchable = join(dir, 'no-search');
    mkdirSync(unsearchable);
    chmodSync(unsearchable, 0o666);
    try {
      const r = run(['export', '--library', join(demoDir, 'd.pasteup'), '--edition', edition, '--out', unsearchable]);
      expect([r.code, r.err]).toEqual([1, `pasteup export: cannot write in ${unsearchable}: permission denied\n`]);
    } finally {
      chmodSync(unsearchable, 0o755);
    }
  });

  for (const [name, c] of Object.entries(cases)) {
    it(`${name}: read verbs work, check skips only the full-text check, writing verbs name the file; no side files`, () => {
      const lib = join(c.folder, 'l.pasteup');
      const before = sha256(lib);
      const list = run(['articles', '--library', lib, '--json']);
      expect([list.code, list.err]).toEqual([0, '']);
      expect(JSON.parse(list.out).articles).toHaveLength(8);
      expect(run(['articles', '--library', lib, '--search', '太原']).code).toBe(0);
      expect(run(['show', '1', '--library', lib]).code).toBe(0);
      expect(run(['templates', '--library', lib]).code).toBe(0);
      expect(run(['editions', '--library', lib]).code).toBe(0);
      const check = run(['check', '--library', lib, '--json']);
      expect([check.code, check.err]).toEqual([0, '']);
      parseOut(CheckJson, check);
      const report = JSON.parse(check.out) as { ok: boolean; problems: string[]; skipped: string[] };
      expect(report.problems).toEqual([]);
      expect(report.skipped).toEqual([`full-text index integrity-check (needs a read-write connection; the library is read-only: ${c.reason})`]);
      const imp = run(['import', input, '--library', lib]);
      expect(imp.code).toBe(1);
      expect(imp.err).toBe(`pasteup import: ${lib} is read-only (${c.reason}); nothing was changed.\n`);
      const edition = run(['edition', 'new', '--library', lib, '--name', 'x', '--date', '2024-01-28', '--template', 'broadsheet-zh', '--pages', '1']);
      expect(edition.code).toBe(1);
      expect(edition.err).toContain(`${lib} is read-only`);
      expect(readdirSync(c.folder)).toEqual(['l.pasteup']);
      expect(sha256(lib)).toBe(before);
    });
  }
});
