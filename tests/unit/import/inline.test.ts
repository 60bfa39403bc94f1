// Punctuation normalisation and inline markup.
import { describe, expect, it } from 'vitest';
import { curlQuotes, detectLanguage, endsMidSentence, importText, normalisePunctuation, parseInline } from '../../../shared/import';

const norm = (s: string) => normalisePunctuation(s).text;

describe('punctuation normalisation', () => {
  it('ASCII , : ; ( ) ? ! between Chinese characters become full-width', () => {
    expect(norm('消息,省政府')).toBe('消息，省政府');
    expect(norm('分别为:大同')).toBe('分别为：大同');
    expect(norm('品牌;运城')).toBe('品牌；运城');
    expect(norm('发展好?这就')).toBe('发展好？这就');
    expect(norm('更足了!')).toBe('更足了！');
    expect(norm('国家会展中心(上海)的')).toBe('国家会展中心（上海）的');
    expect(norm('(上海)')).toBe('（上海）');
    expect(norm('投资,“人人都是')).toBe('投资，“人人都是');
  });

  it('a mark between Latin and Chinese becomes full-width', () => {
    expect(norm('Emilio Mendez,与太原')).toBe('Emilio Mendez，与太原');
    expect(norm('对接,12月')).toBe('对接，12月');
    expect(norm('中国(China)是')).toBe('中国（China）是');
    expect(norm('时间:10:30')).toBe('时间：10:30');
  });

  it('never inside Latin words or numbers', () => {
    for (const s of ['PM10', '2.5', '5.15万', 'AR/VR', '5A', 'B2-01', '3.5万吨', '10:30', '1,000', 'http://x.cn/a?b=1', 'f(x)', 'Hello, world!']) {
      expect(norm(s)).toBe(s);
    }
    expect(norm('共1,000人')).toBe('共1,000人');
    expect(norm('函数f(x)的值')).toBe('函数f(x)的值');
  });

  it('an ASCII point ending a Chinese sentence becomes 。, after a number too; decimals, URLs, ellipses and Latin keep theirs', () => {
    expect(norm('店主王师傅说.')).toBe('店主王师傅说。');
    expect(norm('同比增长18%.')).toBe('同比增长18%。');
    expect(norm('日均5.8万人次. 据了解')).toBe('日均5.8万人次。据了解');
    expect(norm('他说."好的')).toBe('他说。"好的');
    // A number after a stop or pause numbers a point: its point stays.
    expect(norm('一是加强领导。2.完善机制；3.强化考核.')).toBe('一是加强领导。2.完善机制；3.强化考核。');
    // So is one run on after Han, a point's number with Han right after its point.
    expect(norm('1.加强领导2.完善机制3.强化考核.')).toBe('1.加强领导2.完善机制3.强化考核。');
    expect(norm('数据见表3.')).toBe('数据见表3。');
    for (const s of ['增长5.2万', '降低PM2.5.', '详见news.sina.com.cn。', '美国U.S.总统', '（2024.1.26）', 'Mendez.与']) expect(norm(s)).toBe(s);
    // English copy keeps its points
    expect(normalisePunctuation('He said 北京.', undefined, true).text).toBe('He said 北京.');
  });

  it('straight double quotes in Chinese text become “ ” in pairs; an odd one is left as typed', () => {
    expect(norm('他说:"好的."')).toBe('他说：“好的。”');
    expect(norm('"清单"中包括"急修"项目')).toBe('“清单”中包括“急修”项目');
    expect(norm('他说"好')).toBe('他说"好');
    expect(norm('He said "yes"')).toBe('He said "yes"'); // no Chinese: not this rule's
    const r = importText('## 标题\n\n他说:"**好的**."\n');
    expect(r.articles[0].content.body[0]).toEqual({ type: 'paragraph', text: '他说：“好的。”', marks: [{ type: 'bold', start: 4, end: 6 }] });
  });

  it('an ellipsis in Chinese text becomes …… (two U+2026), however it was typed; one between Latin words stays', () => {
    for (const typed of ['...', '......', '。。。', '。。。。。。', '\u2026', '\u2026\u2026\u2026', '\u22ef\u22ef']) {
      expect(norm(`他说${typed}`), typed).toBe('他说\u2026\u2026');
      expect(norm(`等等${typed}他走了。`), typed).toBe('等等\u2026\u2026他走了。');
      expect(norm(`“好${typed}”`), typed).toBe('“好\u2026\u2026”');
    }
    expect(norm('他说\u2026\u2026')).toBe('他说\u2026\u2026');
    for (const s of ['中文 etc... and more', '中文 Wait\u2026 no', '第1...3页']) expect(norm(s), s).toBe(s);
    // English copy keeps its own.
    expect(normalisePunctuation('他说...', undefined, true).text).toBe('他说...');
    // Marks after it keep their places.
    const r = normalisePunctuation('等等...好的', [{ type: 'bold', start: 5, end: 7 }]);
    expect(r.text).toBe('等等\u2026\u2026好的');
    expect(r.text.slice(r.marks![0].start, r.marks![0].end)).toBe('好的');
  });

  it('single straight quotes inside Chinese double quotes become ‘ ’ in pairs; an apostrophe in an English word stays', () => {
    expect(norm(`他说:"这叫'暖心工程'."`)).toBe('他说：“这叫‘暖心工程’。”');
    expect(norm(`他说“这叫'暖心工程'”`)).toBe('他说“这叫‘暖心工程’”');
    expect(norm(`他说“it's 'OK' 的意思”`)).toBe('他说“it\'s ‘OK’ 的意思”');
    // Unpaired, or outside double quotes: left as typed.
    for (const s of [`他说“这叫'暖心”`, `这叫'暖心'工程`]) expect(norm(s), s).toBe(s);
  });

  it('drops spaces around a converted mark and keeps marks aligned', () => {
    expect(norm('中文 , 中文')).toBe('中文，中文');
    const r = normalisePunctuation('中 , 文ab', [{ type: 'bold', start: 5, end: 7 }]);
    expect(r.text).toBe('中，文ab');
    expect(r.marks).toEqual([{ type: 'bold', start: 3, end: 5 }]);
  });
});

describe('inline markup', () => {
  it('<sub>, <sup>, <b>/<strong>, <i>/<em> become marks and leave no tags', () => {
    expect(parseInline('PM<sub>10</sub>')).toEqual({ text: 'PM10', marks: [{ type: 'sub', start: 2, end: 4 }], problems: [] });
    expect(parseInline('m<sup>2</sup>').marks).toEqual([{ type: 'sup', start: 1, end: 2 }]);
    expect(parseInline('<b>a</b><strong>b</strong><i>c</i><EM>d</EM>')).toEqual({
      text: 'abcd',
      marks: [
        { type: 'bold', start: 0, end: 1 },
        { type: 'bold', start: 1, end: 2 },
        { type: 'italic', start: 2, end: 3 },
        { type: 'italic', start: 3, end: 4 },
      ],
      problems: [],
    });
  });

  it('marks survive punctuation normalisation in a paragraph', () => {
    const r = importText('## 标题\n\n降低PM<sub>2.5</sub>,改善空气。');
    expect(r.articles[0].content.body).toEqual([
      { type: 'paragraph', text: '降低PM2.5，改善空气。', marks: [{ type: 'sub', start: 4, end: 7 }] },
    ]);
  });

  it('unclosed and unknown tags keep the text and warn', () => {
    const unclosed = parseInline('PM<sub>10 未闭合');
    expect(unclosed.text).toBe('PM10 未闭合');
    expect(unclosed.marks).toBeUndefined();
    expect(unclosed.problems.map((p) => p.code)).toEqual(['unclosed-markup']);
    const stray = parseInline('文字</b>');
    expect(stray.text).toBe('文字');
    expect(stray.problems.map((p) => p.code)).toEqual(['unclosed-markup']);
    const unknown = parseInline('见<span>附件</span>');
    expect(unknown.text).toBe('见<span>附件</span>');
    expect(unknown.problems.map((p) => p.code)).toEqual(['unknown-markup', 'unknown-markup']);

    const r = importText('## 标题\n\n第一段PM<sub>10。\n\n第二段<foo>。');
    expect(r.articles[0].content.body.map((b) => (b as { text: string }).text)).toEqual(['第一段PM10。', '第二段<foo>。']);
    expect(r.warnings.map((w) => [w.code, w.line, w.text])).toEqual([
      ['unclosed-markup', 3, '<sub>'],
      ['unknown-markup', 5, '<foo>'],
    ]);
  });

  it('Markdown emphasis: **bold**, *italic*, escapes, and lone asterisks stay text', () => {
    expect(parseInline('a **b** *c*', true)).toEqual({
      text: 'a b c',
      marks: [
        { type: 'bold', start: 2, end: 3 },
        { type: 'italic', start: 4, end: 5 },
      ],
      problems: [],
    });
    expect(parseInline('5 * 3 = 15', true)).toEqual({ text: '5 * 3 = 15', problems: [] });
    expect(parseInline('\\*not\\*', true).text).toBe('*not*');
    const open = parseInline('**never closed', true);
    expect(open.text).toBe('**never closed');
    expect(open.problems.map((p) => p.code)).toEqual(['unclosed-markup']);
  });
});

describe('text helpers', () => {
  it('detects the language by the share of Han characters', () => {
    expect(detectLanguage('太原市促进外来投资局，Emilio Mendez。')).toBe('zh');
    expect(detectLanguage('The mayor met Li Jing (李静) on Monday to discuss investment.')).toBe('en');
    expect(detectLanguage('')).toBe('en');
  });

  it('tells text that stops mid-sentence', () => {
    expect(endsMidSentence('千方百计引')).toBe(true);
    expect(endsMidSentence('蔚然成风。')).toBe(false);
    expect(endsMidSentence('工作水平。(任晓明)')).toBe(false);
    expect(endsMidSentence('PM<sub>10</sub>')).toBe(true);
    expect(endsMidSentence('and the')).toBe(true);
    expect(endsMidSentence('the end.')).toBe(false);
  });
});

describe('curlQuotes (English copy)', () => {
  it('curls straight quotes as a newspaper prints them, apostrophes and decades included', () => {
    expect(curlQuotes('"This is it," she said. "We\'re ready."')).toBe('“This is it,” she said. “We’re ready.”');
    expect(curlQuotes("Mayor O'Connor called it 'historic' in the '90s, rock'n'roll and all.")).toBe('Mayor O’Connor called it ‘historic’ in the ’90s, rock’n’roll and all.');
    expect(curlQuotes('He said ("wait") — "now".')).toBe('He said (“wait”) — “now”.');
    expect(curlQuotes("the players' union; class of '24")).toBe('the players’ union; class of ’24');
    expect(curlQuotes('no quotes here')).toBe('no quotes here');
  });

  it('gives an elision at the start of a word its apostrophe, not an opening quote', () => {
    // rock 'n' roll printed as rock ‘n’ roll, and 'em and 'tis opened a quote that never closed.
    expect(curlQuotes("It was rock 'n' roll. \"We beat 'em,\" he said. 'Tis the season, 'twas said, 'til June.")).toBe(
      'It was rock ’n’ roll. “We beat ’em,” he said. ’Tis the season, ’twas said, ’til June.',
    );
    // a quoted word that only starts like one is still quoted
    expect(curlQuotes("the word 'emphasis' and 'tiss' and 'Nancy'")).toBe('the word ‘emphasis’ and ‘tiss’ and ‘Nancy’');
  });

  it('runs on English articles only: headline, deck, byline, body and caption; Chinese keeps its marks', () => {
    const md = '# Mayor says "we\'re ready"\n## Council\'s plan "isn\'t enough"\n\nBy Kevin O\'Connor\n\n"Yes," she said, with *\'emphasis\'*.\n\n![The pier, "before" the storm.](pier.jpg)\n';
    const a = importText(md).articles[0].content;
    expect([a.headline, a.subhead, a.byline]).toEqual([['Mayor says “we’re ready”'], 'Council’s plan “isn’t enough”', 'By Kevin O’Connor']);
    expect(a.body[0]).toEqual({ type: 'paragraph', text: '“Yes,” she said, with ‘emphasis’.', marks: [{ type: 'italic', start: 22, end: 32 }] });
    expect(a.body[1]).toMatchObject({ type: 'photo', caption: 'The pier, “before” the storm.' });
    expect(importText('Headline\n\nIt\'s "plain" text.\n', { format: 'plain', language: 'en' }).articles[0].content.body).toEqual([{ type: 'paragraph', text: 'It’s “plain” text.' }]);
    // a straight quote in Chinese text is left to the Chinese rules, which pair quotes by turns
    expect(importText('## 标题\n\n他说"好"。\n').articles[0].content.body).toEqual([{ type: 'paragraph', text: '他说“好”。' }]);
  });
});

