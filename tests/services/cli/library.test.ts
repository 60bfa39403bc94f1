// `pasteup import / articles / show / check` end to end on the real page
// (../shared/fixtures/taiyuan-daily-2024-01.txt), through the command's own entry point.
// The expected articles are those of the importer's test (tests/unit/import/newsroom.test.ts,
// "lists every article of the page"), seen here through the library and the README's JSON.
import { closeSync, copyFileSync, openSync, readFileSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { charCount } from '../../../shared/model';
import {
  CheckJson,
  FIXTURE,
  FIXTURE_NAME,
  importJson,
  listArticles,
  parseOut,
  sha256,
  showArticle,
  tempDir,
  type ArticleSummaryJson,
  type ImportJson,
} from './library-helpers';
import { runCli } from './run-cli';
import { LATEST_SCHEMA_VERSION } from '../../../electron/services/library';
import { createLibraryFile } from '../../../electron/services/library/testing';
import { gbk, utf16 } from '../../helpers/legacy-encoding';

/** What the page yields, in file order (ids 1..8 in a new library). */
const PAGE = [
  { line: 3, kind: 'story', headline: ['省政府支持太原打造为旅游热点门户城市'], byline: null, credit: '何宝国', continuedFrom: null, paragraphs: 5 },
  {
    line: 17,
    kind: 'story',
    headline: ['推出194项服务“清单”', '力促住宅小区', '物业服务阳光运行'],
    byline: '记者 贺娟芳',
    credit: null,
    continuedFrom: null,
    paragraphs: 8,
  },
  { line: 45, kind: 'story', headline: ['相知可抵云海深'], byline: '记者 李静', credit: null, continuedFrom: 1, paragraphs: 17 },
  { line: 93, kind: 'story', headline: ['我省给重点产业链', '整体营收“定目标”'], byline: null, credit: '何宝国', continuedFrom: null, paragraphs: 3 },
  { line: 102, kind: 'story', headline: [], byline: null, credit: '任晓明', continuedFrom: 1, paragraphs: 2 },
  { line: 108, kind: 'briefs', headline: [], byline: null, credit: null, continuedFrom: null, paragraphs: 3 },
  { line: 124, kind: 'photo', headline: [], byline: null, credit: null, continuedFrom: null, paragraphs: 0 },
  { line: 126, kind: 'briefs', headline: [], byline: null, credit: null, continuedFrom: 1, paragraphs: 7 },
] as const;

const EXPECTED_SUMMARIES = PAGE.map(({ line: _line, ...a }, i) => ({ id: i + 1, language: 'zh', status: 'draft', revision: 1, ...a }));

const ORPHAN = {
  line: 106,
  code: 'orphan-fragment',
  text: '高全县安全生产整体工作水平。',
};

/** The fields of a summary the page decides (not slug, chars or time). */
function essentials(a: ArticleSummaryJson) {
  const { id, kind, language, status, headline, byline, credit, continuedFrom, paragraphs, revision } = a;
  return { id, kind, language, status, headline, byline, credit, continuedFrom, paragraphs, revision };
}

const dir = tempDir('cli-library');
const lib = join(dir, 'page.pasteup');
let first: ImportJson;

beforeAll(async () => {
  const { r, json } = await importJson([FIXTURE], lib);
  expect(r.code, r.err).toBe(0);
  first = json;
});

describe('pasteup import of the Taiyuan Daily page', () => {
  it('--json: every article of the page, in file order, and the two warnings with their lines', () => {
    expect(first.errors).toEqual([]);
    expect(first.files).toHaveLength(1);
    const [file] = first.files;
    expect(file.file).toBe(FIXTURE_NAME);
    expect(file.duplicates).toEqual([]);
    expect(file.imported.map(essentials)).toEqual(EXPECTED_SUMMARIES);
    expect(file.warnings).toEqual([
      { ...ORPHAN, message: expect.stringContaining('阳曲县') },
      { line: 156, code: 'suspicious-break', text: expect.any(String), message: expect.stringContaining('阳曲县') },
    ]);
  });

  it('text mode: a summary on stdout, each warning as FILE:LINE on stderr, exit 0', async () => {
    const r = await runCli(['import', FIXTURE, '--library', join(tempDir('cli-text'), 'lib.pasteup')]);
    expect(r.code).toBe(0);
    // Messages name the file by the path it was given as.
    expect(r.out).toContain(`${FIXTURE}: 8 imported, 0 already in the library, 2 warnings\n`);
    expect(r.out).toContain('#3 相知可抵云海深\n');
    expect(r.out).toContain('#2 推出194项服务“清单” / 力促住宅小区 / 物业服务阳光运行\n');
    const warnings = r.err.trimEnd().split('\n');
    expect(warnings).toHaveLength(2);
    expect(warnings[0].startsWith(`${FIXTURE}:106: warning: Text that belongs to no article`)).toBe(true);
    expect(warnings[0]).toContain('阳曲县');
    expect(warnings[1]).toMatch(/^.*:156: warning: .*stops mid-sentence/);
    expect(warnings[1].startsWith(`${FIXTURE}:156:`)).toBe(true);
    expect(r.out).not.toContain('warning:');
  });
});

describe('pasteup articles', () => {
  it('--json lists every article with its deck, byline/credit, continuedFrom and paragraph count', async () => {
    const articles = await listArticles(lib);
    // newest first
    expect(articles.map((a) => a.id)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect([...articles].reverse().map(essentials)).toEqual(EXPECTED_SUMMARIES);
    expect(new Set(articles.map((a) => a.slug)).size).toBe(8);
    // the same summaries as the import reported
    expect([...articles].reverse()).toEqual(first.files[0].imported);
  });

  it('the orphan fragment went into no article', async () => {
    for (const a of await listArticles(lib)) {
      const { article } = await showArticle(lib, a.id);
      expect(JSON.stringify(article.body)).not.toContain('高全县');
    }
  });

  it('a summary agrees with its article (chars, paragraphs, source line)', async () => {
    for (const a of await listArticles(lib)) {
      const { article } = await showArticle(lib, a.id);
      expect(article.source).toEqual({ file: FIXTURE_NAME, line: PAGE[a.id - 1].line });
      expect(a.chars).toBe(charCount(article));
      expect(a.chars).toBeGreaterThan(0);
      expect([a.slug, a.updatedAt, a.headline]).toEqual([article.slug, article.updatedAt, article.headline]);
    }
  });

  it('text mode prints one line per article', async () => {
    const r = await runCli(['articles', '--library', lib]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(8);
    expect(lines[5]).toMatch(/^\s+3 {2}story {2}draft .* chars {2}相知可抵云海深 \[continued from p\.1\] {2}— 记者 李静$/);
  });

  it('--limit and --status narrow the list', async () => {
    expect((await listArticles(lib, ['--limit', '3'])).map((a) => a.id)).toEqual([8, 7, 6]);
    expect(await listArticles(lib, ['--status', 'ready'])).toEqual([]);
    expect(await listArticles(lib, ['--status', 'draft'])).toHaveLength(8);
  });

  it('says when the list was cut, in --json ("more") and on stderr', async () => {
    const cut = await runCli(['articles', '--library', lib, '--limit', '3']);
    expect(cut.out.trimEnd().split('\n')).toHaveLength(3);
    expect(cut.err).toContain('(the first 3; more articles match');
    expect((JSON.parse((await runCli(['articles', '--library', lib, '--limit', '3', '--json'])).out) as { more: boolean }).more).toBe(true);
    const whole = await runCli(['articles', '--library', lib, '--limit', '8', '--json']);
    expect(JSON.parse(whole.out)).toMatchObject({ more: false });
    expect((await runCli(['articles', '--library', lib, '--limit', '8'])).err).toBe('');
    expect((await runCli(['articles', '--library', lib, '--search', '太原', '--limit', '1'])).err).toContain('more articles match');
  });

  it('--status and --limit outside their values are usage errors', async () => {
    for (const args of [['--status', 'bogus'], ['--status', 'DRAFT'], ['--status', ''], ['--limit', '1001'], ['--limit', ''], ['--limit', '0']]) {
      const r = await runCli(['articles', '--library', lib, ...args]);
      // A usage error of one line (and the --help hint), not a dump of validation issues.
      expect([r.code, r.err.includes('"code"')], args.join(' ')).toEqual([2, false]);
    }
    expect((await runCli(['articles', '--library', lib, '--status', 'bogus'])).err).toContain("--status must be one of draft, edited, ready, placed, got 'bogus'");
    expect((await runCli(['articles', '--library', lib, '--limit', '1001'])).err).toContain('--limit must be at most 1000, got 1001');
    expect((await runCli(['articles', '--library', lib, '--limit', '99999999999999999999'])).err).toContain('--limit must be at most 1000, got 99999999999999999999\n');
    expect((await runCli(['articles', '--library', lib, '--limit', '01001'])).err).toContain('got 01001\n');
  });
});

describe('pasteup articles --search', () => {
  const search = async (q: string) => (await listArticles(lib, ['--search', q])).map((a) => a.id);

  // Where the terms are, by fixture line: 晋 7 9 11 (article 1) and 140–144 (晋源区, article 8);
  // 摄 only in the caption (article 7); 太原 in articles 1 (headline), 3, 6 (line 118), 8 (line 152);
  // 招商引资 in articles 3 and 4 (line 100); Emilio Mendez in article 3; 全县 only in the orphan.
  // Order: a hit in the headline deck first, then newest first.
  it('one Chinese character', async () => {
    expect(await search('晋')).toEqual([8, 1]);
    expect(await search('摄')).toEqual([7]);
  });

  it('two characters: 太原', async () => {
    expect(await search('太原')).toEqual([1, 8, 6, 3]);
  });

  it('four characters: 招商引资', async () => {
    expect(await search('招商引资')).toEqual([4, 3]);
  });

  it('an English word, in any case', async () => {
    expect(await search('Emilio')).toEqual([3]);
    expect(await search('emilio')).toEqual([3]);
    expect(await search('MENDEZ')).toEqual([3]);
  });

  it('several terms must all occur', async () => {
    expect(await search('太原 招商引资')).toEqual([3]);
    expect(await search('太原 摄')).toEqual([]);
  });

  it('text copied from the imported file finds its article: ASCII , next to Chinese as the importer stored it (，)', async () => {
    // Fixture line 5 has "1月26日消息,省政府支持我市"; the importer keeps "，" in the article.
    expect(await search('日消息,省政府支持我')).toEqual([1]);
    expect(await search('日消息，省政府支持我')).toEqual([1]);
    expect(await search('消息,省')).toEqual([1]);
  });

  it('text kept out of every article is found in none', async () => {
    expect(await search('全县')).toEqual([]);
    const r = await runCli(['articles', '--library', lib, '--search', '全县']);
    expect([r.code, r.out]).toEqual([0, 'No articles.\n']);
  });
});

describe('pasteup show', () => {
  it('--json gives the whole article: every field of the model, its body and its revisions', async () => {
    const { article, revisions } = await showArticle(lib, 3);
    expect(article).toMatchObject({
      id: 3,
      kind: 'story',
      language: 'zh',
      kicker: null,
      headline: ['相知可抵云海深'],
      subhead: null,
      byline: '记者 李静',
      credit: null,
      lead: null,
      editorCredit: null,
      continuedFrom: 1,
      section: null,
      priority: 0,
      status: 'draft',
      revision: 1,
      source: { file: FIXTURE_NAME, line: 45 },
    });
    expect(article.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(article.createdAt).toBe(article.updatedAt);
    expect(revisions).toEqual([{ revision: 1, savedAt: article.updatedAt, source: { file: FIXTURE_NAME, line: 45 } }]);
    expect(article.body.map((b) => b.type)).toEqual([
      'subhead',
      ...Array(5).fill('paragraph'),
      'subhead',
      ...Array(6).fill('paragraph'),
      'subhead',
      ...Array(6).fill('paragraph'),
    ]);
    expect(article.body[0]).toEqual({ type: 'subhead', text: '拓展渠道，全员招商' });
    // lines 59 + 61, broken by a column, are one paragraph again
    expect(article.body[5]).toEqual({
      type: 'paragraph',
      text: '太原市进一步深化区域交流合作，拓展招商渠道，探索招商新路，充分运用以商招商、校友招商、委托招商、驻点招商等多样化招商方式，多措并举招项目，千方百计引投资，“人人都是招商员”蔚然成风。',
    });
    const last = article.body.at(-1)!;
    expect(last.type === 'paragraph' && last.text.startsWith('回头看，轻舟已过万重山')).toBe(true);
  });

  it('--json keeps marks (PM<sub>10</sub>), leads and credits', async () => {
    const { article } = await showArticle(lib, 5);
    expect(article.body[0]).toMatchObject({ type: 'paragraph', marks: [{ type: 'sub', start: 5, end: 7 }] });
    expect(article.body[0].type === 'paragraph' && article.body[0].text.startsWith('以降低PM10为攻坚方向')).toBe(true);
    expect((await showArticle(lib, 1)).article).toMatchObject({ lead: '本报讯', credit: '何宝国' });
    expect((await showArticle(lib, 6)).article).toMatchObject({ kind: 'briefs', editorCredit: '以上由王勇编辑整理' });
  });

  it('--json of the photo is exactly the photo', async () => {
    const { article } = await showArticle(lib, 7);
    const { id, slug, contentHash, createdAt, updatedAt, ...rest } = article;
    expect([id, typeof slug, typeof contentHash, typeof createdAt, typeof updatedAt]).toEqual([7, 'string', 'string', 'string', 'string']);
    expect(rest).toEqual({
      kind: 'photo',
      language: 'zh',
      kicker: null,
      headline: [],
      subhead: null,
      byline: null,
      credit: null,
      lead: null,
      editorCredit: null,
      continuedFrom: null,
      body: [
        {
          type: 'photo',
          caption: '1月27日，山西省击剑俱乐部联赛总决赛在山西体育中心自行车馆举行，来自全省的300余名击剑爱好者参赛。',
          credit: '牛晨阳 摄',
          asset: null,
        },
      ],
      section: null,
      priority: 0,
      status: 'draft',
      revision: 1,
      source: { file: FIXTURE_NAME, line: 124 },
    });
  });

  it('text mode prints the article as it reads', async () => {
    const r = await runCli(['show', '1', '--library', lib]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^省政府支持太原打造为旅游热点门户城市\n\[#1 story zh draft rev 1 · \(何宝国\)\]\n\n本报讯 1月26日消息，/);
  });

  it('an ID that is not there is an error on stderr (exit 1); an ID that is not a number is a usage error (exit 2)', async () => {
    const missing = await runCli(['show', '99', '--library', lib]);
    expect([missing.code, missing.out]).toEqual([1, '']);
    expect(missing.err).toContain('no article #99');
    for (const id of ['abc', '0', '-1', '1.5']) {
      const r = await runCli(['show', '--library', lib, '--', id]);
      expect([r.code, r.out], id).toEqual([2, '']);
      expect(r.err).toContain('ID must be a positive whole number');
    }
    const two = await runCli(['show', '1', '2', '--library', lib]);
    expect([two.code, two.err]).toEqual([2, 'pasteup show: give exactly one article ID\n']);
  });
});

describe('pasteup check', () => {
  it('exits 0 on the imported page (text and --json)', async () => {
    const text = await runCli(['check', '--library', lib]);
    expect([text.code, text.out, text.err]).toEqual([0, 'page.pasteup: ok\n', '']);
    const r = await runCli(['check', '--library', lib, '--json']);
    expect(r.code).toBe(0);
    const report = parseOut(CheckJson, r);
    expect(report.ok).toBe(true);
    expect(report.problems).toEqual([]);
    expect(report.counts.articles).toBe(8);
  });

  it('reports a damaged page (rc 1, JSON, nothing on stderr), and other verbs name the damaged file', async () => {
    const damaged = join(tempDir('cli-damaged'), 'z9.pasteup');
    copyFileSync(lib, damaged);
    // QA's repro: dd if=/dev/zero bs=16384 seek=8 count=1 conv=notrunc (page 9: an articles index).
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(16384), 0, 16384, 8 * 16384);
    closeSync(fd);
    const r = await runCli(['check', '--library', damaged, '--json']);
    expect([r.code, r.err]).toEqual([1, '']);
    const report = parseOut(CheckJson, r);
    expect(report.ok).toBe(false);
    expect(report.problems.join('\n')).toMatch(/Page 9|page 9/);
    const text = await runCli(['check', '--library', damaged]);
    expect(text.code).toBe(1);
    const n = report.problems.length;
    expect(text.out).toMatch(new RegExp(`^z9\\.pasteup: ${n} problem${n === 1 ? '' : 's'}\n`));
    const truncated = join(tempDir('cli-truncated'), 'half.pasteup');
    copyFileSync(lib, truncated);
    truncateSync(truncated, 16384 * 3);
    const t = await runCli(['check', '--library', truncated, '--json']);
    expect([t.code, t.err]).toEqual([1, '']);
    expect(parseOut(CheckJson, t).problems[0]).toMatch(/^the file is truncated: 49152 bytes/);
    const show = await runCli(['articles', '--library', truncated]);
    expect(show.code).toBe(1);
    expect(show.err).toContain(`${truncated} is damaged`);
  });
});

describe('pasteup check of an older library', () => {
  it('says which schema it found and that it is older, and leaves it as it is; other verbs upgrade it', async () => {
    const old = join(tempDir('cli-old'), 'v1.pasteup');
    createLibraryFile(old, 1);
    const before = sha256(old);
    const r = await runCli(['check', '--library', old, '--json']);
    expect([r.code, r.err]).toEqual([0, '']);
    const report = JSON.parse(r.out) as { schemaVersion: number; skipped: string[] };
    expect(report.schemaVersion).toBe(1);
    expect(report.skipped.join('\n')).toMatch(/schema 1, older than this Pasteup's \d/);
    expect(sha256(old)).toBe(before);
    const text = await runCli(['check', '--library', old]);
    expect(text.out).toMatch(/^v1\.pasteup: ok\n {2}not checked: .*schema 1, older/);
    expect((await runCli(['articles', '--library', old])).code).toBe(0);
    expect(JSON.parse((await runCli(['check', '--library', old, '--json'])).out)).toMatchObject({ ok: true, skipped: [], schemaVersion: LATEST_SCHEMA_VERSION });
  });
});

describe('importing the same file again', () => {
  it('adds nothing: every article is reported as a duplicate of the one already there', async () => {
    const twice = join(tempDir('cli-twice'), 'lib.pasteup');
    expect((await importJson([FIXTURE], twice)).r.code).toBe(0);
    const { r, json } = await importJson([FIXTURE], twice);
    expect(r.code).toBe(0);
    expect(json.errors).toEqual([]);
    expect(json.files[0].imported).toEqual([]);
    expect(json.files[0].duplicates).toEqual(PAGE.map((a, i) => ({ line: a.line, existingId: i + 1 })));
    expect((await listArticles(twice)).map((a) => a.id)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);

    const text = await runCli(['import', FIXTURE, '--library', twice]);
    expect(text.code).toBe(0);
    expect(text.out).toBe(`${FIXTURE}: 0 imported, 8 already in the library, 2 warnings\n`);
    expect((await listArticles(twice)).length).toBe(8);
  });

  it('--allow-duplicates imports the page a second time, as new articles', async () => {
    const twice = join(tempDir('cli-allow'), 'lib.pasteup');
    await importJson([FIXTURE], twice);
    const { r, json } = await importJson([FIXTURE], twice, ['--allow-duplicates']);
    expect(r.code).toBe(0);
    expect(json.files[0].duplicates).toEqual([]);
    expect(json.files[0].imported.map(essentials)).toEqual(EXPECTED_SUMMARIES.map((a) => ({ ...a, id: a.id + 8 })));
    const all = await listArticles(twice);
    expect(all).toHaveLength(16);
    expect(new Set(all.map((a) => a.slug)).size).toBe(16);
    expect((await runCli(['articles', '--library', twice, '--search', '相知可抵云海深', '--json'])).out).toContain('"id": 11');
    expect((await runCli(['check', '--library', twice])).code).toBe(0);
  });
});

describe('importing the page as a Chinese Windows desk saves it', () => {
  it('GBK and UTF-16 copies give the same articles, and say how they were read', async () => {
    const d = tempDir('cli-encodings');
    const page = readFileSync(FIXTURE, 'utf8');
    const gbkCopy = join(d, 'page-gbk.txt');
    const utf16Copy = join(d, 'page-utf16.txt');
    writeFileSync(gbkCopy, gbk(page.replace(/\n/g, '\r\n')));
    writeFileSync(utf16Copy, utf16(page, 'le'));
    const lib = join(d, 'lib.pasteup');
    const { r, json } = await importJson([gbkCopy], lib);
    expect(r.code).toBe(0);
    expect(json.files[0].encoding).toBe('gb18030');
    expect(json.files[0].imported.map(essentials)).toEqual(EXPECTED_SUMMARIES);
    expect(json.files[0].warnings.map((w) => [w.line, w.code])).toEqual(first.files[0].warnings.map((w) => [w.line, w.code]));
    expect((await showArticle(lib, 3)).article.body).toEqual((await showArticle(join(dir, 'page.pasteup'), 3)).article.body);
    expect((await runCli(['articles', '--library', lib, '--search', '太原', '--json'])).out).toContain('省政府支持太原打造为旅游热点门户城市');
    // the UTF-16 copy is the same page: nothing new
    const again = await runCli(['import', utf16Copy, '--library', lib]);
    expect(again.code).toBe(0);
    expect(again.out).toBe(`${utf16Copy} (read as UTF-16LE): 0 imported, 8 already in the library, 2 warnings\n`);
    // the UTF-8 page says nothing about its encoding (above), and an unknown encoding is a usage error
    const bad = await runCli(['import', gbkCopy, '--library', lib, '--encoding', 'ebcdic']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--encoding must be auto or one of utf-8, gb18030, big5, utf-16le, utf-16be, windows-1252, got 'ebcdic'");
    expect((await runCli(['import', gbkCopy, '--library', lib, '--encoding', 'GBK', '--allow-duplicates'])).code).toBe(0);
  });
});
