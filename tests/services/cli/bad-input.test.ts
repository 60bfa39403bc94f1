// What `pasteup import` and the other library verbs do with input that is not what they expect:
// each case is a clear error (stderr, exit 1 or 2, no stack trace) or a correct import, never a
// crash, never half a file's articles, never a changed file.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openRawDatabase } from '../../../electron/services/library/testing';
import {
  CheckJson,
  FIXTURE,
  ImportJson,
  ShowJson,
  expectCleanFailure,
  importJson,
  listArticles,
  parseOut,
  sha256,
  showArticle,
  sideFiles,
  tempDir,
} from './library-helpers';
import { runCli, spawnCli } from './run-cli';

const dir = tempDir('cli-bad');
const files = join(dir, 'files');
mkdirSync(files);
const lib = join(dir, 'page.pasteup');
const PAGE_ARTICLES = 8;

function file(name: string, content: string | Uint8Array): string {
  const path = join(files, name);
  writeFileSync(path, content);
  return path;
}

const GOOD = file(
  'good.md',
  '# Council approves the budget\n\nBy Jane Doe\n\nThe city council approved the budget on Tuesday after a long debate.\n\nThe vote was seven to two.\n',
);

/** A PNG signature and IHDR chunk, then 4 KB of a fixed byte pattern (no randomness needed). */
function pngBytes(): Uint8Array {
  const header = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52];
  const body = Array.from({ length: 4096 }, (_, i) => (i * 37 + 11) & 0xff);
  return Uint8Array.from([...header, ...body]);
}

beforeAll(async () => {
  const { r } = await importJson([FIXTURE], lib);
  expect(r.code).toBe(0);
  expect(await listArticles(lib)).toHaveLength(PAGE_ARTICLES);
});

/**
 * Imports `path` into the page library and expects it refused: exit 1, the message naming
 * the file (and `mentions`), no article added, the file itself unchanged.
 */
async function expectRefused(path: string, ...mentions: (string | RegExp)[]): Promise<void> {
  const before = existsSync(path) && statSync(path).isFile() ? sha256(path) : null;
  const r = await runCli(['import', path, '--library', lib]);
  expectCleanFailure(r, 1, ...mentions);
  expect(r.out).toBe('');
  expect(await listArticles(lib)).toHaveLength(PAGE_ARTICLES);
  if (before !== null) expect(sha256(path)).toBe(before);

  // the same with --json: the error in "errors" and on stderr, nothing imported
  const { r: rj, json } = await importJson([path], lib);
  expectCleanFailure(rj, 1, ...mentions);
  expect(json).toEqual({ files: [], errors: [{ file: path, message: expect.any(String) }] });
  for (const m of mentions) {
    if (typeof m === 'string') expect(json.errors[0].message).toContain(m);
    else expect(json.errors[0].message).toMatch(m);
  }
  expect(await listArticles(lib)).toHaveLength(PAGE_ARTICLES);
}

describe('pasteup import refuses files it cannot read, naming them', () => {
  it('an empty file', async () => {
    await expectRefused(file('empty.txt', ''), 'empty.txt: the file is empty');
  });

  it('a file of blank lines, and one with only a UTF-8 byte order mark', async () => {
    await expectRefused(file('blank.txt', '  \n\n\t\n'), 'blank.txt', /nothing to import/i);
    await expectRefused(file('bom.txt', '\ufeff'), 'bom.txt: the file is empty');
  });

  it('text that makes no article (a lone credit) names the file and the line', async () => {
    await expectRefused(file('credit.txt', '\n(何宝国)\n'), 'credit.txt:2: No article found');
  });

  it('a binary file (a PNG)', async () => {
    const png = join(files, 'photo.png');
    writeFileSync(png, pngBytes());
    // The first NUL is byte 8, after the two line feeds of the PNG signature: line 3.
    await expectRefused(png, 'photo.png:3: binary content', 'not a text file');
  });

  it('invalid UTF-8 (the message names the file and the line)', async () => {
    const bytes = Buffer.concat([Buffer.from('## 标题\n\n第一段。\n\n第二段'), Buffer.from([0xff, 0xfe]), Buffer.from('坏字节。\n')]);
    await expectRefused(file('broken.txt', bytes), 'broken.txt:5: invalid UTF-8');
    // UTF-8 copy with one GBK-encoded word pasted in (标题 is B1 EA CC E2) is not re-read as GBK
    const pasted = Buffer.concat([Buffer.from('## 标题\n\n第一段。\n第二段'), Buffer.from([0xb1, 0xea, 0xcc, 0xe2]), Buffer.from('。\n')]);
    await expectRefused(file('gbk.txt', pasted), 'gbk.txt:4: invalid UTF-8', '--encoding');
  });

  it('a UTF-16 file without a byte-order mark (with one it is read)', async () => {
    await expectRefused(file('utf16.txt', Buffer.from('## 标题\n\n正文。\n', 'utf16le')), 'utf16.txt:1: binary content', 'give --encoding utf-16le or utf-16be');
  });

  it('a file that does not exist, and a folder', async () => {
    await expectRefused(join(files, 'missing.txt'), 'missing.txt: cannot read the file: no such file');
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    await expectRefused(folder, 'a-folder: cannot read the file: is a directory');
  });

  it('after all of these the library is still sound', async () => {
    const r = await runCli(['check', '--library', lib, '--json']);
    expect(r.code).toBe(0);
    expect(parseOut(CheckJson, r)).toMatchObject({ ok: true, problems: [], counts: { articles: PAGE_ARTICLES } });
  });
});

describe('pasteup import of unusual but valid files', () => {
  it('a file of headlines only imports one empty article per headline, each with an empty-article warning', async () => {
    const heads = file('budget.txt', '## 太原地铁二号线开通\n\n## 春节市场保供\n\n## 全省文旅工作会议\n');
    const before = sha256(heads);
    const { r, json } = await importJson([heads], lib);
    expect(r.code).toBe(0);
    expect(json.errors).toEqual([]);
    const [report] = json.files;
    expect(report.imported.map((a) => [a.headline, a.kind, a.paragraphs, a.chars])).toEqual([
      [['太原地铁二号线开通'], 'story', 0, 0],
      [['春节市场保供'], 'story', 0, 0],
      [['全省文旅工作会议'], 'story', 0, 0],
    ]);
    expect(report.warnings.map((w) => [w.code, w.line, w.text])).toEqual([
      ['empty-article', 1, '太原地铁二号线开通'],
      ['empty-article', 3, '春节市场保供'],
      ['empty-article', 5, '全省文旅工作会议'],
    ]);
    expect(sha256(heads)).toBe(before);
    const ids = report.imported.map((a) => a.id);
    expect((await showArticle(lib, ids[0])).article).toMatchObject({ headline: ['太原地铁二号线开通'], body: [] });
    expect(await listArticles(lib)).toHaveLength(PAGE_ARTICLES + 3);

    // text mode: the warnings on stderr with file and line, exit 0
    const again = await runCli(['import', heads, '--library', join(tempDir('cli-heads'), 'lib.pasteup')]);
    expect(again.code).toBe(0);
    expect(again.out).toContain(`${heads}: 3 imported, 0 already in the library, 3 warnings`);
    expect(again.err.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/budget\.txt:1: warning: .*headline only/),
      expect.stringMatching(/budget\.txt:3: warning: /),
      expect.stringMatching(/budget\.txt:5: warning: /),
    ]);
    expect(again.err.startsWith(`${heads}:1: warning:`)).toBe(true);
    expect((await runCli(['check', '--library', lib])).code).toBe(0);
  });

  it('a 5 MB single paragraph imports as one article with its full text (as a real process)', async () => {
    const unit = '太原市进一步深化区域交流合作，拓展招商渠道，探索招商新路。';
    const paragraph = unit.repeat(Math.ceil((5 * 1024 * 1024) / Buffer.byteLength(unit)));
    expect(Buffer.byteLength(paragraph)).toBeGreaterThanOrEqual(5 * 1024 * 1024);
    const big = file('big.txt', `${paragraph}\n`);
    const before = sha256(big);
    const bigLib = join(tempDir('cli-big'), 'big.pasteup');

    const r = spawnCli(['import', big, '--library', bigLib, '--json']);
    expect([r.code, r.signal, r.err]).toEqual([0, null, '']);
    const [report] = parseOut(ImportJson, r).files;
    expect(report.imported).toHaveLength(1);
    expect(report.imported[0]).toMatchObject({ kind: 'story', language: 'zh', headline: [], paragraphs: 1, chars: [...paragraph].length });
    expect(report.warnings).toEqual([]);
    expect(sha256(big)).toBe(before);

    const shown = spawnCli(['show', String(report.imported[0].id), '--library', bigLib, '--json']);
    expect([shown.code, shown.signal]).toEqual([0, null]);
    const { article } = parseOut(ShowJson, shown);
    expect(article.body).toHaveLength(1);
    expect(article.body[0].type).toBe('paragraph');
    expect(article.body[0].type === 'paragraph' && article.body[0].text === paragraph).toBe(true);
    expect((await runCli(['check', '--library', bigLib])).code).toBe(0);
  });
});

describe('--library that is not a Pasteup library is refused and left exactly as it was', () => {
  const foreign = join(dir, 'foreign');
  mkdirSync(foreign);

  /** Makes an SQLite file with the sqlite3 command when there is one, else through the library's raw test access. */
  function sqliteFile(name: string, sql: string): string {
    const path = join(foreign, name);
    const r = spawnSync('sqlite3', [path, sql], { encoding: 'utf8' });
    if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
      const db = openRawDatabase(path);
      db.exec(sql);
      db.close();
    } else {
      expect(r.status, r.stderr).toBe(0);
    }
    expect(readFileSync(path).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000');
    return path;
  }

  // [what, make the file, the reason given, also try it as a real process]
  const cases: [string, () => string, string, boolean][] = [
    [
      'an SQLite database of nobody in particular',
      () => sqliteFile('notes.db', "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('太原');"),
      'it is an SQLite database without an application id',
      false,
    ],
    [
      'an SQLite database of another application, in WAL mode',
      () => sqliteFile('other-app.db', 'PRAGMA application_id = 1234567; PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);'),
      'it is an SQLite database of another application (application_id 0x0012d687)',
      true,
    ],
    [
      'a plain text file',
      () => {
        const path = join(foreign, 'notes.pasteup');
        writeFileSync(path, '## 这不是文库\n\n只是一个文本文件。\n');
        return path;
      },
      'it is not an SQLite database',
      false,
    ],
    [
      'a file shorter than an SQLite header',
      () => {
        const path = join(foreign, 'short.pasteup');
        writeFileSync(path, 'SQLite format 3\u0000');
        return path;
      },
      'it is not an SQLite database',
      false,
    ],
  ];

  for (const [what, make, reason, real] of cases) {
    it(what, async () => {
      const path = make();
      const before = sha256(path);
      const listing = readdirSync(foreign).sort();
      const attempts = [
        ['import', GOOD, '--library', path],
        ['import', GOOD, '--library', path, '--json'],
        ['articles', '--library', path],
        ['articles', '--library', path, '--search', '太原', '--json'],
        ['show', '1', '--library', path],
        ['check', '--library', path],
        ['check', '--library', path, '--json'],
        ['start', '--library', path],
      ];
      for (const args of attempts) {
        const r = await runCli(args);
        expectCleanFailure(r, 1, `${path} is not a Pasteup library (${reason}`, 'the file was left untouched');
        expect(r.out, args.join(' ')).toBe('');
        expect(sha256(path), args.join(' ')).toBe(before);
      }
      if (real) {
        const child = spawnCli(['import', GOOD, '--library', path]);
        expectCleanFailure(child, 1, 'is not a Pasteup library');
        expect(sha256(path)).toBe(before);
      }
      expect(sideFiles(foreign)).toEqual([]);
      expect(readdirSync(foreign).sort()).toEqual(listing);
    });
  }

  it('a folder', async () => {
    const folder = join(foreign, 'library-folder');
    mkdirSync(folder);
    const r = await runCli(['import', GOOD, '--library', folder]);
    expectCleanFailure(r, 1, `${folder} is not a Pasteup library (it is a folder)`);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('an empty file is not opened by the verbs that read (import makes it a new library, as documented)', async () => {
    const zero = join(foreign, 'zero.pasteup');
    writeFileSync(zero, '');
    // articles, templates and editions turned a library truncated to 0 bytes into a new empty one
    for (const args of [['show', '1', '--library', zero], ['check', '--library', zero], ['articles', '--library', zero], ['templates', '--library', zero], ['editions', '--library', zero]]) {
      expectCleanFailure(await runCli(args), 1, 'is not a Pasteup library (it is an empty file)');
      expect(statSync(zero).size).toBe(0);
    }
    expect(sideFiles(foreign)).toEqual([]);
  });
});

describe('--library paths that do not exist', () => {
  it('import creates the library, and its folders', async () => {
    const base = tempDir('cli-newdir');
    const path = join(base, 'not', 'yet', 'there', 'news.pasteup');
    const { r, json } = await importJson([GOOD], path);
    expect(r.code, r.err).toBe(0);
    expect(json.files[0].imported.map((a) => a.headline)).toEqual([['Council approves the budget']]);
    expect(existsSync(path)).toBe(true);
    expect((await runCli(['check', '--library', path])).code).toBe(0);
    expect(readdirSync(join(base, 'not', 'yet', 'there')).filter((f) => f.includes('.creating-'))).toEqual([]);
  });

  it('the verbs that read (and status, update, pages move) say there is no library there, and create nothing', async () => {
    const base = tempDir('cli-missing');
    const path = join(base, 'sub', 'none.pasteup');
    // a mistyped --library made a new empty library for articles, templates and editions
    for (const args of [
      ['show', '1', '--library', path],
      ['check', '--library', path],
      ['articles', '--library', path],
      ['templates', '--library', path],
      ['editions', '--library', path],
      ['status', '1', 'ready', '--library', path],
      ['update', '1', GOOD, '--library', path],
      ['pages', 'move', '--library', path, '--edition', '1', '--from', '1', '--to', '2'],
      ['layout', '--library', path, '--edition', '1'],
      ['preflight', '--library', path, '--edition', '1'],
      ['export', '--library', path, '--edition', '1', '--out', join(base, 'pdf')],
    ]) {
      const r = await runCli(args);
      expectCleanFailure(r, 1, `there is no library at ${path}`);
      expect(r.err).not.toContain('create: true');
    }
    expect(readdirSync(base)).toEqual([]);
  });
});

describe('a command that would make a new library and then fail', () => {
  it('edition new and plan apply with an unknown template refuse before the library is made', async () => {
    const base = tempDir('cli-notemplate');
    const path = join(base, 'x', 'new.pasteup');
    const r = await runCli(['edition', 'new', '--library', path, '--name', 'x', '--date', '2024-01-28', '--template', 'broadsheet', '--pages', '1']);
    expectCleanFailure(r, 1, "no template 'broadsheet' (a new library has the shipped ones: broadsheet-zh");
    const plan = join(base, 'plan.json');
    writeFileSync(plan, JSON.stringify({ edition: { name: 'x', date: '2024-01-28', template: 'tabloid' }, pages: [{ frames: [] }] }));
    expectCleanFailure(await runCli(['plan', 'apply', plan, '--library', path]), 1, "no template 'tabloid'");
    expect(readdirSync(base)).toEqual(['plan.json']);
    // a shipped one makes it, as before
    expect((await runCli(['edition', 'new', '--library', path, '--name', 'x', '--date', '2024-01-28', '--template', 'tabloid-zh', '--pages', '1'])).code).toBe(0);
    expect(existsSync(path)).toBe(true);
  });

  it('plan apply (and import) that fail after making the library leave neither it nor its new folders behind', async () => {
    const base = tempDir('cli-failnew');
    const path = join(base, 'x', 'y', 'new.pasteup');
    const plan = (name: string, frame: object) => {
      const p = join(base, name);
      writeFileSync(p, JSON.stringify({ edition: { name: 'x', date: '2024-01-28', template: 'broadsheet-zh' }, pages: [{ frames: [frame] }] }));
      return p;
    };
    // an article the (new, empty) library does not have; a frame outside the 8 columns
    const unknown = plan('unknown.json', { article: 999, col: 0, span: 2, top: 0, height: 10 });
    expectCleanFailure(await runCli(['plan', 'apply', unknown, '--library', path]), 1, 'article #999, which is not in the library');
    const outside = plan('outside.json', { ad: '广告', col: 7, span: 2, top: 0, height: 10 });
    expectCleanFailure(await runCli(['plan', 'apply', outside, '--library', path]), 1, 'outside the type area');
    expectCleanFailure(await runCli(['import', join(base, 'no-such-file.txt'), '--library', path]), 1, 'no-such-file.txt');
    expect(readdirSync(base).sort()).toEqual(['outside.json', 'unknown.json']);
    // A folder that was there stays, and so does whatever else is in a folder the command made.
    mkdirSync(join(base, 'x'));
    expectCleanFailure(await runCli(['plan', 'apply', unknown, '--library', path]), 1, 'article #999');
    expect(readdirSync(join(base, 'x'))).toEqual([]);
    // An existing library is never removed, failure or not.
    expect((await runCli(['plan', 'apply', plan('ok.json', { ad: '广告', col: 0, span: 2, top: 0, height: 10 }), '--library', path])).code).toBe(0);
    expectCleanFailure(await runCli(['plan', 'apply', unknown, '--library', path]), 1, 'article #999');
    expect((await runCli(['check', '--library', path])).code).toBe(0);
  });

  it('a failed command decides before making the library, and so never deletes one: an empty file stays an empty file', async () => {
    const base = tempDir('cli-failempty');
    const empty = join(base, 'empty.pasteup');
    writeFileSync(empty, '');
    expectCleanFailure(await runCli(['import', join(base, 'no-such-file.txt'), '--library', empty]), 1, 'no-such-file.txt');
    expectCleanFailure(await runCli(['import', join(base, 'no-such-file.txt'), '--library', empty, '--json']), 1, 'no-such-file.txt');
    expect(readFileSync(empty).length).toBe(0);
    // one readable file among unreadable ones: the library is made and keeps what was read
    const good = join(base, 'good.md');
    writeFileSync(good, '# 标题\n\n正文。\n');
    const r = await runCli(['import', join(base, 'no-such-file.txt'), good, '--library', empty]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('1 imported');
    expect((await runCli(['articles', '--library', empty])).out).toContain('标题');
    // a blank publication would print a folio without its name
    for (const blank of ['', '   ']) {
      expectCleanFailure(await runCli(['edition', 'new', '--library', join(base, 'p', 'x.pasteup'), '--name', 'x', '--date', '2024-01-28', '--template', 'tabloid-zh', '--pages', '1', '--publication', blank]), 2, '--publication is blank');
    }
    const blankPlan = join(base, 'blank.json');
    writeFileSync(blankPlan, JSON.stringify({ edition: { name: 'x', date: '2024-01-28', template: 'tabloid-zh', publication: ' ' }, pages: [{ frames: [] }] }));
    expectCleanFailure(await runCli(['plan', 'apply', blankPlan, '--library', join(base, 'p', 'x.pasteup')]), 2, 'edition.publication is blank');
    rmSync(blankPlan);
    // edition new with a name the edition refuses: checked on a scratch library first
    const fresh = join(base, 'fresh', 'new.pasteup');
    expect((await runCli(['edition', 'new', '--library', fresh, '--name', '', '--date', '2024-01-28', '--template', 'tabloid-zh', '--pages', '1'])).code).not.toBe(0);
    expect(readdirSync(base).sort()).toEqual(['empty.pasteup', 'good.md']);
  });
});

describe('library paths', () => {
  it('a path ending in a slash is a usage error, and nothing is created', async () => {
    const folder = join(tempDir('cli-slash'), 'newdir');
    const r = await runCli(['import', GOOD, '--library', `${folder}/`]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`try ${folder}/library.pasteup`);
    expect(existsSync(folder)).toBe(false);
  });

  it('a library that cannot be created is named in the error', async () => {
    const r = await runCli(['import', GOOD, '--library', '/proc/pasteup-nope.pasteup']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('cannot create the library /proc/pasteup-nope.pasteup');
  });
});

describe('several files in one import', () => {
  it('two files of one name from two folders are told apart by their paths', async () => {
    const a = join(tempDir('cli-same-a'), 'a.txt');
    const b = join(tempDir('cli-same-b'), 'a.txt');
    writeFileSync(a, '');
    writeFileSync(b, '## 标题\n\n正文。\n\n(何宝国)\n\n记者 李静\n');
    const r = await runCli(['import', a, b, '--library', join(tempDir('cli-same'), 'lib.pasteup')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${a}: the file is empty`);
    expect(r.err).toContain(`${b}:7: warning:`);
    expect(r.out).toContain(`${b}: 1 imported`);
  });

  it('a good and a bad file: the good one imported, the bad one reported, exit 1 (--json)', async () => {
    const path = join(tempDir('cli-mixed'), 'lib.pasteup');
    const bad = file('mixed-bad.txt', Buffer.from([0x23, 0x20, 0xc3, 0x28, 0x0a]));
    const empty = file('mixed-empty.txt', '');
    const { r, json } = await importJson([bad, GOOD, empty], path);
    expect(r.code).toBe(1);
    expect(json.files.map((f) => [f.file, f.path, f.imported.length])).toEqual([['good.md', GOOD, 1]]);
    expect(json.errors).toEqual([
      { file: bad, message: expect.stringContaining(`${bad}:1: invalid UTF-8`) },
      { file: empty, message: `${empty}: the file is empty` },
    ]);
    // errors also go to stderr, one line each
    expect(r.err).toBe(`pasteup import: ${json.errors[0].message}\npasteup import: ${json.errors[1].message}\n`);
    expect((await listArticles(path)).map((a) => a.headline)).toEqual([['Council approves the budget']]);
  });

  it('the same in text mode, as a real process', async () => {
    const path = join(tempDir('cli-mixed-text'), 'lib.pasteup');
    const bad = join(files, 'photo.png');
    writeFileSync(bad, pngBytes());
    const r = spawnCli(['import', GOOD, bad, '--library', path]);
    expectCleanFailure(r, 1, 'photo.png:3: binary content');
    expect(r.out).toContain('good.md: 1 imported, 0 already in the library, 0 warnings');
    expect(r.out).not.toContain('photo.png');
    expect(await listArticles(path)).toHaveLength(1);
  });
});
