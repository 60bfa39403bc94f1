import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitByScript, type ScriptRun } from '../../../shared/text/script';

/** The runs as 'Hani:省政府|Latn: 1|…' for readable expectations. */
function show(text: string, language?: string): string {
  const runs: ScriptRun[] = splitByScript(text, { language });
  return runs.map((r) => `${r.script}:${text.slice(r.start, r.end)}`).join('|');
}

describe('splitByScript', () => {
  it('returns nothing for empty text', () => {
    expect(splitByScript('')).toEqual([]);
  });

  it('sets Han in Hani runs and digits next to Han in Latn runs', () => {
    expect(show('到2028年底')).toBe('Hani:到|Latn:2028|Hani:年底');
    expect(show('5A级旅游景区')).toBe('Latn:5A|Hani:级旅游景区');
  });

  it('makes Han with only marks and neutrals beside it one Hani run, but not across a line break', () => {
    // The all-Han shortcut: a neutral (①) before the first Han and a mark after one lean on it.
    expect(show('①中\u0301文，〇')).toBe('Hani:①中\u0301文，〇');
    expect(show('①②')).toBe('Zyyy:①②');
    // A line break ends the shortcut: the neutral on the next line has no Han to lean on.
    expect(show('中\n①')).toBe('Hani:中\n|Zyyy:①');
    expect(show('中文①\u2028②')).toBe('Hani:中文①\u2028|Zyyy:②');
  });

  it('treats CJK punctuation and fullwidth forms as Hani', () => {
    expect(show('《关于》，。、：；！？（）')).toBe('Hani:《关于》，。、：；！？（）');
    expect(show('ＰＭ２．５')).toBe('Hani:ＰＭ２．５');
    expect(show('第　一')).toBe('Hani:第　一');
  });

  it('keeps ASCII punctuation and spaces Latin, as the source has them', () => {
    expect(show('本报讯 1月26日消息,省政府')).toBe('Hani:本报讯|Latn: 1|Hani:月|Latn:26|Hani:日消息|Latn:,|Hani:省政府');
    expect(show('(上接第1版)')).toBe('Latn:(|Hani:上接第|Latn:1|Hani:版|Latn:)');
  });

  it('makes curly quotes inside Chinese text Chinese punctuation', () => {
    expect(show('太原版“大唐不夜城”，')).toBe('Hani:太原版“大唐不夜城”，');
    expect(show('打造“5A级”景区')).toBe('Hani:打造“|Latn:5A|Hani:级”景区');
    // Without a language the closing quote only sees `Yes.`; with zh it is Chinese.
    expect(show('他说：“Yes.”')).toBe('Hani:他说：“|Latn:Yes.”');
    expect(show('他说：“Yes.”', 'zh-Hans')).toBe('Hani:他说：“|Latn:Yes.|Hani:”');
    expect(show('‘你’')).toBe('Hani:‘你’');
  });

  it('lets the paragraph language decide shared punctuation when given', () => {
    // Without a language, the opening quote only sees `5A` and stays Latin.
    expect(show('“5A”级')).toBe('Latn:“5A|Hani:”级');
    expect(show('“5A”级', 'zh-Hans')).toBe('Hani:“|Latn:5A|Hani:”级');
    expect(show('他说 don’t “OK”', 'zh')).toBe('Hani:他说|Latn: don’t |Hani:“|Latn:OK|Hani:”');
    expect(show('2024—2025年', 'zh-Hans')).toBe('Latn:2024|Hani:—|Latn:2025|Hani:年');
    expect(show('the word “中国” means', 'en')).toBe('Latn:the word “|Hani:中国|Latn:” means');
    expect(show('中—国', 'en')).toBe('Hani:中—国');
  });

  it('keeps curly quotes and apostrophes in Latin text Latin', () => {
    expect(show('“Hello,” he said.')).toBe('Latn:“Hello,” he said.');
    expect(show('don’t')).toBe('Latn:don’t');
  });

  it('sets dashes, ellipses and interpuncts by their neighbours', () => {
    expect(show('雁门关—广武')).toBe('Hani:雁门关—广武');
    expect(show('他说——不')).toBe('Hani:他说——不');
    expect(show('等等……')).toBe('Hani:等等……');
    expect(show('阿尔伯特·爱因斯坦')).toBe('Hani:阿尔伯特·爱因斯坦');
    expect(show('wait — no…')).toBe('Latn:wait — no…');
  });

  it('attaches symbols to the character before them, or after at a line start', () => {
    expect(show('气温25℃以上')).toBe('Hani:气温|Latn:25℃|Hani:以上');
    expect(show('℃是')).toBe('Hani:℃是');
    expect(show('①项目')).toBe('Hani:①项目');
  });

  it('keeps combining marks and variation selectors with their base', () => {
    expect(show('葛\u{E0100}洪')).toBe('Hani:葛\u{E0100}洪');
    expect(show('e\u0301中')).toBe('Latn:e\u0301|Hani:中');
    expect(show('\u0301中')).toBe('Hani:\u0301中');
  });

  it('handles astral ideographs as one code point', () => {
    const text = '𠀀a𬌗';
    expect(splitByScript(text)).toEqual([
      { start: 0, end: 2, script: 'Hani' },
      { start: 2, end: 3, script: 'Latn' },
      { start: 3, end: 5, script: 'Hani' },
    ]);
  });

  it('does not let a quote lean on the neighbouring line', () => {
    expect(show('你好\n“Hi”')).toBe('Hani:你好\n|Latn:“Hi”');
  });

  it('gives Zyyy to text with nothing to lean on', () => {
    expect(show('“”')).toBe('Zyyy:“”');
    expect(show('①')).toBe('Zyyy:①');
  });

  it('covers the whole fixture with contiguous runs', () => {
    const text = readFileSync(new URL('../../../../shared/fixtures/taiyuan-daily-2024-01.txt', import.meta.url), 'utf8');
    const runs = splitByScript(text);
    let at = 0;
    for (const r of runs) {
      expect(r.start).toBe(at);
      expect(r.end).toBeGreaterThan(r.start);
      at = r.end;
    }
    expect(at).toBe(text.length);
    for (let i = 1; i < runs.length; i++) expect(runs[i].script).not.toBe(runs[i - 1].script);
    // Every Han character and every curly quote of the fixture lands in a Hani run.
    const scriptAt = (i: number) => runs.find((r) => r.start <= i && i < r.end)!.script;
    for (let i = 0; i < text.length; i++) {
      if (/[\p{sc=Han}“”]/u.test(text[i])) expect(scriptAt(i), `${text[i]} at ${i}`).toBe('Hani');
      if (/[A-Za-z0-9]/.test(text[i])) expect(scriptAt(i), `${text[i]} at ${i}`).toBe('Latn');
    }
  });
});
