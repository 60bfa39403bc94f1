// The `pasteup` command as a command: help on every verb, usage errors (exit 2 with a hint),
// errors on stderr, `npx pasteup` without a build step, and no crash when a pipe closes.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verbs } from '../../../electron/cli/main';
import { expectCleanFailure, tempDir } from './library-helpers';
import { BIN, REPO_ROOT, runCli, spawnCli } from './run-cli';

const LIBRARY_VERBS = ['import', 'articles', 'show', 'check', 'start'];

describe('pasteup --help', () => {
  it('the top level lists every verb (--help, -h, help), exit 0, stdout only', async () => {
    for (const flag of ['--help', '-h', 'help']) {
      const r = await runCli([flag]);
      expect([r.code, r.err], flag).toEqual([0, '']);
      expect(r.out).toMatch(/^Usage: pasteup <verb> \[options\]\n/);
      for (const v of verbs) expect(r.out).toMatch(new RegExp(`^ {2}${v.name} +${escape(v.summary)}$`, 'm'));
    }
    expect(verbs.map((v) => v.name)).toEqual(expect.arrayContaining(LIBRARY_VERBS));
  });

  it('every verb takes --help and -h (and `pasteup help VERB`)', async () => {
    for (const v of verbs) {
      const words = v.name.split(' ');
      for (const args of [[...words, '--help'], [...words, '-h'], ['help', ...words]]) {
        const r = await runCli(args);
        expect([r.code, r.err], args.join(' ')).toEqual([0, '']);
        expect(r.out.startsWith(`Usage: pasteup ${v.name} ${v.usage}\n\n${v.summary}\n`), args.join(' ')).toBe(true);
      }
    }
  });

  it('a verb that takes no FILE or ID refuses a stray word before doing anything; the others take theirs', async () => {
    // Every other verb given one extra word: a usage error naming it, whatever else is missing
    // (layout, preflight, demo, templates, editions and edition new ignored it).
    const takesWords = verbs.filter((v) => v.positionals);
    expect(takesWords.map((v) => v.name).sort()).toEqual(['import', 'plan apply', 'show', 'status', 'templates add', 'typeset', 'update']);
    for (const v of verbs) {
      if (takesWords.includes(v)) continue;
      const r = await runCli([...v.name.split(' '), 'stray']);
      expect([r.code, r.err], v.name).toEqual([2, `pasteup ${v.name}: unexpected argument 'stray'\nTry 'pasteup ${v.name} --help'.\n`]);
    }
  });

  it('the library verbs document their options and JSON', async () => {
    const help = async (verb: string) => (await runCli([verb, '--help'])).out;
    expect(await help('import')).toContain('FILE... --library LIB');
    expect(await help('import')).toContain('--allow-duplicates');
    expect(await help('import')).toContain('{"files": [{"file", "path", "encoding", "imported": [ArticleSummary], "duplicates": [{"line", "existingId"}]');
    expect(await help('articles')).toContain('--search Q');
    expect(await help('articles')).toContain('"continuedFrom","paragraphs","chars"');
    expect(await help('show')).toContain('{"article": Article, "revisions": [{"revision","savedAt","source"}]}');
    expect(await help('check')).toContain('Exits 0 when the library is sound, 1 otherwise.');
    expect(await help('start')).toContain('[--library LIB]');
  });

  it('with no verb at all: the help on stderr, exit 2', async () => {
    const r = await runCli([]);
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err).toMatch(/^Usage: pasteup <verb>/);
  });
});

describe('usage errors: exit 2, a message and a hint on stderr, nothing on stdout', () => {
  it('an unknown verb', async () => {
    for (const args of [['frobnicate'], ['Import'], ['--library', 'x.pasteup'], ['help', 'frobnicate']]) {
      const r = await runCli(args);
      expectCleanFailure(r, 2, "Try 'pasteup --help'.");
      expect(r.err).toContain('unknown verb');
      expect(r.out).toBe('');
    }
  });

  it('an unknown option, on every verb', async () => {
    for (const v of verbs) {
      const r = await runCli([...v.name.split(' '), '--no-such-option']);
      expectCleanFailure(r, 2, `pasteup ${v.name}: `, "Unknown option '--no-such-option'", `Try 'pasteup ${v.name} --help'.`);
      expect(r.out).toBe('');
    }
  });

  it('a missing --library or FILE, bad option values', async () => {
    const lib = join(tempDir('cli-usage'), 'lib.pasteup');
    const cases: [string[], string][] = [
      [['import', 'a.txt'], 'pasteup import: --library is required'],
      [['import', '--library', lib], 'pasteup import: no FILE given'],
      [['import', 'a.txt', '--library', lib, '--format', 'docx'], "unknown --format 'docx'"],
      [['import', 'a.txt', '--library', lib, '--language', 'fr'], "unknown --language 'fr'"],
      [['import', 'a.txt', '--library'], "Option '-l, --library <value>' argument missing"],
      [['articles'], 'pasteup articles: --library is required'],
      [['articles', '--library', ''], 'pasteup articles: --library is required'],
      [['articles', '--library', lib, '--limit', '0'], "--limit must be a positive whole number, got '0'"],
      [['articles', '--library', lib, '--limit', 'ten'], "--limit must be a positive whole number, got 'ten'"],
      [['show', '1'], 'pasteup show: --library is required'],
      [['show', '--library', lib], 'pasteup show: give exactly one article ID'],
      [['check'], 'pasteup check: --library is required'],
      [['articles', '太原', '--library', lib], "pasteup articles: unexpected argument '太原'"],
      [['check', '--library', lib, 'extra'], "pasteup check: unexpected argument 'extra'"],
      [['start', lib], `pasteup start: unexpected argument '${lib}'`],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args);
      expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(2);
      expectCleanFailure(r, 2, message);
      expect(r.out).toBe('');
    }
  });

  it('a real process exits 2 too, not by a signal', () => {
    const r = spawnCli(['frobnicate']);
    expectCleanFailure(r, 2, "pasteup: unknown verb 'frobnicate'");
    expect(r.out).toBe('');
  });
});

describe('the installed command', () => {
  it('`npx pasteup` runs the TypeScript sources with no build step', () => {
    const r = spawnSync('npx', ['--no-install', 'pasteup', '--help'], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, npm_config_yes: 'false' } });
    expect(r.error).toBeUndefined();
    expect([r.status, r.signal], r.stderr).toEqual([0, null]);
    expect(r.stdout).toMatch(/^Usage: pasteup <verb> \[options\]\n/);
    for (const v of LIBRARY_VERBS) expect(r.stdout).toMatch(new RegExp(`^ {2}${v} `, 'm'));
  });

  it('`pasteup … | head` ends quietly when the reader goes away (no EPIPE crash)', async () => {
    const lib = join(tempDir('cli-pipe'), 'lib.pasteup');
    const child = spawn(process.execPath, [BIN, 'start', '--library', lib], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before the command writes its first line
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (t: string) => (err += t));
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) => child.on('close', (c, s) => done([c, s])));
    expect(err).not.toMatch(/EPIPE|^\s+at /m);
    expect([code, signal]).toEqual([0, null]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
