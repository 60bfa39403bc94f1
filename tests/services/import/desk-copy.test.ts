// The import desk's copy: files filed the way newsrooms file them (tests/fixtures/desk/), read
// through the file service as `pasteup import` reads them. What a production editor checks:
// nothing of the manuscript's furniture is printed as text, deck parts sit in their slots, and
// no story is split or merged.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importFile } from '../../../electron/services/import/read-file';
import { bodyText, type ArticleContent } from '../../../shared/model';
import { gbk } from '../../helpers/legacy-encoding';

const DESK = join(__dirname, '../../fixtures/desk');
const dir = mkdtempSync(join(tmpdir(), 'pasteup-desk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Windows-1252 for the few non-ASCII characters an English desk's Notepad writes. */
const CP1252: Record<string, number> = { '–': 0x96, '—': 0x97, '“': 0x93, '”': 0x94, '‘': 0x91, '’': 0x92 };
const cp1252 = (s: string) => Buffer.from([...s].map((ch) => CP1252[ch] ?? ch.charCodeAt(0)));
const crlf = (s: string) => s.replace(/\n/g, '\r\n');

function load(name: string): ArticleContent[] {
  const text = readFileSync(join(DESK, name), 'utf8');
  let path = join(DESK, name);
  let opts = {};
  if (name.startsWith('zh-07')) writeFileSync((path = join(dir, name)), gbk(crlf(text))); // GBK with Windows line ends
  if (name.startsWith('en-06')) {
    writeFileSync((path = join(dir, name)), cp1252(crlf(text)));
    opts = { encoding: 'windows-1252' };
  }
  return importFile(path, opts).articles.map((a) => a.content);
}

const deck = (c: ArticleContent) => ({ kicker: c.kicker, headline: c.headline, subhead: c.subhead });

describe('the import desk’s copy', () => {
  const files = readdirSync(DESK).sort();

  it('prints none of the furniture: production lines, labels, slugs, rules, bullets', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
    const furniture = /责任编辑|校对|引题|主题：|副题：|图片说明|图说|BC-US|^___|^Kicker:|^Overline:|^■|^Copy editor:/mu;
    for (const f of files) {
      for (const c of load(f)) {
        const printed = [c.kicker, ...c.headline, c.subhead, bodyText(c)].filter(Boolean).join('\n');
        expect(printed, f).not.toMatch(furniture);
      }
    }
  });

  it('every story keeps its headline; bylines and leads are out of the text', () => {
    for (const f of files) {
      for (const c of load(f).filter((a) => a.kind !== 'photo')) {
        expect(c.headline.length, f).toBeGreaterThan(0);
        // briefs keep their 本报讯, and so does a story after its 编者按 (README)
        if (c.kind === 'story' && !/^【?编者按/.test(bodyText(c))) expect(bodyText(c), f).not.toMatch(/^(?:By |本报讯|本报评论员)/m);
      }
    }
  });

  it('decks are in their slots', () => {
    expect(load('zh-01-deck.txt').map(deck)).toEqual([
      { kicker: null, headline: ['春节临近年味浓', '我市年货市场供应充足价格平稳'], subhead: '——记者走访多家商超和农贸市场' },
    ]);
    expect(load('zh-02-labelled.txt').map((c) => c.kicker)).toEqual(['坚持“一县一策”精准施策', '聚焦“三个转变”']);
    expect(load('en-02-kicker.md').map(deck)).toEqual([
      { kicker: 'CITY HALL', headline: ['Council approves $4.2 million budget for parks'], subhead: 'Vote splits 5-2 after three hours of debate' },
    ]);
    expect(load('en-06-overline.txt')[0]).toMatchObject({ kicker: 'HIGH SCHOOL SPORTS', headline: ['Riverton edges Central 58-56 in overtime'], byline: 'By Tom Baker, Sports Writer' });
    expect(load('en-09-levels.md').map((c) => c.kicker)).toEqual(['CITY HALL']);
  });

  it('briefs columns are briefs, with their titles and sign-offs', () => {
    const zh = load('zh-06-briefs.txt')[0];
    expect([zh.kind, zh.body.length, zh.editorCredit]).toEqual(['briefs', 3, '以上由王勇编辑整理']);
    const en = load('en-03-briefs.md')[0];
    expect([en.kind, en.body.map((b) => (b.type === 'brief' ? b.title : '')), en.editorCredit]).toEqual(['briefs', ['Road closed', 'Library hours', 'Food drive'], 'From staff reports']);
  });

  it('GBK with Windows line ends reads like UTF-8, its half-width punctuation made full-width', () => {
    const [c] = load('zh-07-crlf.txt');
    expect(c).toMatchObject({ lead: '本报讯', byline: '记者 刘佳', credit: '通讯员 赵文斌' });
    expect(bodyText(c)).not.toMatch(/[.,;:!?]$/m);
  });
});
