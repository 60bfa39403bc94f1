// `pasteup status` and `pasteup update`: the workflow and the revision history from the command
// line, on the real page.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE, importJson, listArticles, showArticle, tempDir } from './library-helpers';
import { BIN, runCli } from './run-cli';

const dir = tempDir('cli-article');
const lib = join(dir, 'page.pasteup');

beforeAll(async () => {
  expect((await importJson([FIXTURE], lib)).r.code).toBe(0);
});

describe('pasteup status', () => {
  it('moves an article through the workflow, and back; --status then finds it', async () => {
    const r = await runCli(['status', '1', 'edited', '--library', lib]);
    expect(r).toMatchObject({ code: 0, out: '#1 省政府支持太原打造为旅游热点门户城市: draft → edited\n' });
    const json = await runCli(['status', '1', 'ready', '--library', lib, '--json']);
    expect(JSON.parse(json.out)).toMatchObject({ from: 'edited', article: { id: 1, status: 'ready', revision: 1 } });
    expect((await runCli(['status', '1', 'ready', '--library', lib])).out).toContain('already ready');
    expect((await listArticles(lib, ['--status', 'ready'])).map((a) => a.id)).toEqual([1]);
    // a desk sends it back
    expect((await runCli(['status', '1', 'edited', '--library', lib])).out).toContain('ready → edited');
    // a status change is no new revision
    expect((await showArticle(lib, 1)).revisions).toHaveLength(1);
  });

  it('refuses an unknown status (usage, exit 2) and an unknown article (exit 1)', async () => {
    const bad = await runCli(['status', '1', 'published', '--library', lib]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("STATUS must be one of draft, edited, ready, placed, got 'published'");
    const missing = await runCli(['status', '99', 'ready', '--library', lib]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no article #99');
    expect((await runCli(['status', '1', '--library', lib])).code).toBe(2);
  });
});

describe('pasteup update', () => {
  it('replaces the text as a new revision, keeps the old one, and the search follows', async () => {
    const file = join(dir, 'rewrite.txt');
    writeFileSync(file, '## 省政府支持太原打造为旅游热点门户城市\n\n本报讯　省政府日前印发意见，支持太原建设旅游集散中心。\n');
    const before = await showArticle(lib, 1);
    const r = await runCli(['update', '1', file, '--library', lib]);
    expect(r).toMatchObject({ code: 0, out: '#1 省政府支持太原打造为旅游热点门户城市: revision 2 (revision 1 kept in its history)\n' });
    const after = await showArticle(lib, 1);
    expect(after.article).toMatchObject({ id: 1, slug: before.article.slug, status: before.article.status, revision: 2, lead: '本报讯' });
    expect(after.revisions.map((x) => x.revision)).toEqual([1, 2]);
    // Where each version came from: the article's source is now the rewrite's file; revision 1
    // keeps the page it was imported from.
    expect(before.article.source).toEqual({ file: 'taiyuan-daily-2024-01.txt', line: 3 });
    expect(after.article.source).toEqual({ file: 'rewrite.txt', line: 1 });
    expect(after.revisions.map((x) => x.source)).toEqual([before.article.source, { file: 'rewrite.txt', line: 1 }]);
    const found = async (q: string) => (await listArticles(lib, ['--search', q])).map((a) => a.id);
    expect(await found('旅游集散中心')).toEqual([1]);
    expect(await found('辐射效应强')).not.toContain(1);
    // the same text again: no new revision
    const again = JSON.parse((await runCli(['update', '1', file, '--library', lib, '--json'])).out) as { changed: boolean; article: { revision: number } };
    expect(again).toMatchObject({ changed: false, article: { revision: 2 } });
  });

  it('takes a file of exactly one article, read as import reads it', async () => {
    const two = join(dir, 'two.txt');
    writeFileSync(two, '# 一\n\n正文一。\n\n# 二\n\n正文二。\n');
    const r = await runCli(['update', '2', two, '--library', lib]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${two} holds 2 articles (at lines 1, 5); update takes a file of one article`);
    const gbk = join(dir, 'gbk.txt');
    writeFileSync(gbk, Buffer.from([0x23, 0x23, 0x20, 0xb1, 0xea, 0xcc, 0xe2, 0x0a, 0x0a, 0xd5, 0xfd, 0xce, 0xc4, 0xa1, 0xa3, 0x0a]));
    expect(await runCli(['update', '2', gbk, '--library', lib])).toMatchObject({ code: 0, out: expect.stringContaining('(read as GB18030): revision 2') });
    expect((await showArticle(lib, 2)).article).toMatchObject({ headline: ['标题'], revision: 2 });
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    expect(await runCli(['update', '2', empty, '--library', lib])).toMatchObject({ code: 1, err: expect.stringContaining(`${empty}: the file is empty`) });
  });
});

describe('pasteup update: the wrong file', () => {
  it("refuses another article's text (as import skips a duplicate) unless --allow-duplicates", async () => {
    const file = join(dir, 'five.txt');
    writeFileSync(file, '## 第五篇的新标题\n\n本报讯　第五篇的新正文。\n');
    expect((await runCli(['update', '5', file, '--library', lib])).code).toBe(0);
    // the same file again for the same article: unchanged, not refused
    expect((await runCli(['update', '5', file, '--library', lib])).out).toContain('unchanged, still revision 2');
    // … for another article: that would make #6 a copy of #5
    const six = await showArticle(lib, 6);
    const r = await runCli(['update', '6', file, '--library', lib]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${file} holds the text of article #5 (第五篇的新标题), not a new version of #6; nothing was changed`);
    expect((await showArticle(lib, 6)).article).toEqual(six.article);
    const forced = await runCli(['update', '6', file, '--library', lib, '--allow-duplicates', '--json']);
    expect(JSON.parse(forced.out)).toMatchObject({ changed: true, article: { id: 6, headline: ['第五篇的新标题'], revision: 2 } });
    // Now #5 and #6 share the text: each one's own text again is no change, not a refusal.
    for (const id of ['5', '6']) {
      const again = await runCli(['update', id, file, '--library', lib, '--json']);
      expect(again.code, again.err).toBe(0);
      expect(JSON.parse(again.out)).toMatchObject({ changed: false, article: { revision: 2 } });
    }
  });
});

describe('update and status against another process', () => {
  it('keeps a status another process set while update waited for the lock, and history keeps text times', async () => {
    const other = join(dir, 'race.pasteup');
    expect((await importJson([FIXTURE], other)).r.code).toBe(0);
    const file = join(dir, 'race.txt');
    writeFileSync(file, '## 省政府支持太原打造为旅游热点门户城市\n\n本报讯　新的一版正文。\n');
    const created = (await showArticle(other, 1)).article.createdAt;
    // Another process holds the write lock; update starts, reads, and waits for it.
    const Database = createRequire(import.meta.url)('better-sqlite3') as typeof import('better-sqlite3');
    const db = new Database(other);
    db.exec('BEGIN IMMEDIATE');
    const child = spawn(process.execPath, [BIN, 'update', '1', file, '--library', other], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const done = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
    await new Promise((r) => setTimeout(r, 2500));
    // … then sets the status and lets go. (Started late, update would see it anyway.)
    db.prepare("UPDATE articles SET status = 'ready', updated_at = '2099-01-01T00:00:00.000Z' WHERE id = 1").run();
    db.exec('COMMIT');
    db.close();
    expect(await done).toBe(0);
    expect(out).toContain('revision 2');
    const after = await showArticle(other, 1);
    expect(after.article).toMatchObject({ status: 'ready', revision: 2 });
    // revision 1 was saved when it was imported, not at the status change
    expect(after.revisions[0]).toEqual({ revision: 1, savedAt: created, source: after.revisions[0].source });
    expect(after.revisions[0].source?.file).toBe('taiyuan-daily-2024-01.txt');
  });
});
