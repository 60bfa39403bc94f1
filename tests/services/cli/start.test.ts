// `pasteup start` (what `npm start` runs): a missing library is created with the demo page and
// listed; an existing one is opened and listed, never filled a second time.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE, importJson, listArticles, tempDir } from './library-helpers';
import { runCli, spawnCli } from './run-cli';

const DEMO_HEADLINES = [
  '#8 (简讯 · 杏花岭区)  (939 chars, 7 paragraphs)',
  '#7 (图片 · 1月27日-山西省击剑俱乐部联赛)  (55 chars, 0 paragraphs)',
  '#6 (简讯 · 娄烦县)  (424 chars, 3 paragraphs)',
  '#5 (转版 · 以降低pm10为攻坚方向-我市开)  (263 chars, 2 paragraphs)',
  '#4 我省给重点产业链 / 整体营收“定目标”  (510 chars, 3 paragraphs)',
  '#3 相知可抵云海深  (2333 chars, 17 paragraphs)',
  '#2 推出194项服务“清单” / 力促住宅小区 / 物业服务阳光运行  (1056 chars, 8 paragraphs)',
  '#1 省政府支持太原打造为旅游热点门户城市  (949 chars, 5 paragraphs)',
];

function listed(out: string): string[] {
  return out
    .split('\n')
    .filter((l) => /^ {2}#\d+ /.test(l))
    .map((l) => l.trim());
}

describe('pasteup start', () => {
  it('creates a missing library (and its folder) with the demo page and lists it; a second run does not import again', async () => {
    const lib = join(tempDir('cli-start'), 'new', 'library.pasteup');
    const first = await runCli(['start', '--library', lib]);
    expect([first.code, first.err]).toEqual([0, '']);
    expect(first.out).toMatch(/^Created .*library\.pasteup with the demo page: 8 articles, 2 import warnings\.\n/);
    expect(first.out).toContain('  line 106: Text that belongs to no article');
    expect(first.out).toContain(`Library ${lib} — 8 articles`);
    expect(listed(first.out)).toEqual(DEMO_HEADLINES);
    // …laid out as the demo edition and exported next to the library.
    expect(first.out).toMatch(/Laid it out as edition #1 and exported it to .*pasteup-demo-pdf:/);
    expect(first.out).toContain('  1: 2024-01-27 演示版 (2 pages, broadsheet-zh)');
    for (const f of ['2024-01-27_1.pdf', '2024-01-27_2.pdf', '2024-01-27_演示版.pdf']) expect(existsSync(join(lib, '..', 'pasteup-demo-pdf', f)), f).toBe(true);
    const articles = await listArticles(lib);
    expect(articles.map((a) => a.id)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);

    const second = await runCli(['start', '--library', lib]);
    expect([second.code, second.err]).toEqual([0, '']);
    expect(second.out).not.toMatch(/Created|Filled|demo page/);
    expect(second.out).toContain(`Library ${lib} — 8 articles`);
    expect(listed(second.out)).toEqual(DEMO_HEADLINES);
    expect(await listArticles(lib)).toEqual(articles);
    expect((await runCli(['check', '--library', lib])).code).toBe(0);
  });

  it('leaves a library that has articles alone', async () => {
    const lib = join(tempDir('cli-start-own'), 'own.pasteup');
    const { r } = await importJson([FIXTURE], lib, []);
    expect(r.code).toBe(0);
    // the library is not empty, so no demo is added (not even the articles it lacks)
    const before = await listArticles(lib);
    const out = await runCli(['start', '--library', lib]);
    expect(out.code).toBe(0);
    expect(out.out).not.toMatch(/Created|Filled/);
    expect(await listArticles(lib)).toEqual(before);
  });

  it('without --library uses $PASTEUP_LIBRARY (as a real process)', () => {
    const lib = join(tempDir('cli-start-env'), 'deep', 'env.pasteup');
    const r = spawnCli(['start'], { env: { PASTEUP_LIBRARY: lib } });
    expect([r.code, r.signal, r.err]).toEqual([0, null, '']);
    expect(r.out).toContain(`Created ${lib} with the demo page: 8 articles`);
    expect(existsSync(lib)).toBe(true);
    const again = spawnCli(['start'], { env: { PASTEUP_LIBRARY: lib } });
    expect(again.code).toBe(0);
    expect(again.out).not.toContain('Created');
    expect(listed(again.out)).toEqual(DEMO_HEADLINES);
  });
});
