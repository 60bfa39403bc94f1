// importText: format choice, Markdown and plain English, and inputs at the edges.
import { describe, expect, it } from 'vitest';
import { ImportError, importText } from '../../../shared/import';
import { isBriefTitle } from '../../../shared/import/markdown';
import { paragraphCount } from '../../../shared/model';

describe('format and language choice', () => {
  it("'auto' picks newsroom for Chinese, Markdown or plain for English", () => {
    const zh = importText('## 标题\n\n正文。\n\n记者 李静');
    expect(zh.articles[0].content).toMatchObject({ language: 'zh', headline: ['标题'], byline: '记者 李静' });
    const md = importText('# Title\n\nSome **bold** text.');
    expect(md.articles[0].content.body).toEqual([
      { type: 'paragraph', text: 'Some bold text.', marks: [{ type: 'bold', start: 5, end: 9 }] },
    ]);
    const plain = importText('Title\n\nSome plain text.');
    expect(plain.articles[0].content).toMatchObject({ language: 'en', headline: ['Title'] });
    expect(plain.articles[0].content.body).toEqual([{ type: 'paragraph', text: 'Some plain text.' }]);
  });

  it('an explicit format and language win over detection', () => {
    // As Markdown (no # line) the first line is not a headline, as plain text it would be.
    const r = importText('Title\n\nBody text.', { format: 'markdown', language: 'zh' });
    expect(r.articles[0].content).toMatchObject({ language: 'zh', headline: [] });
    expect(r.articles[0].content.body).toEqual([
      { type: 'paragraph', text: 'Title' },
      { type: 'paragraph', text: 'Body text.' },
    ]);
  });
});

describe('Markdown (English)', () => {
  const story = [
    '# Council Approves New Budget',
    '',
    'By Jane Doe',
    '',
    'The city council on Monday approved a **$1.2 billion** budget,',
    'the largest in its *history*.',
    '',
    '### Schools first',
    '',
    'Education gets the biggest share.',
    '',
    '## Second Story',
    '',
    'Another paragraph.',
  ].join('\n');

  it('# headline, By-line, paragraphs by blank lines, ### subheads, ## starts the next article', () => {
    const r = importText(story);
    expect(r.warnings).toEqual([]);
    expect(r.articles.map((a) => a.line)).toEqual([1, 12]);
    const [first, second] = r.articles.map((a) => a.content);
    expect(first).toMatchObject({ language: 'en', kind: 'story', headline: ['Council Approves New Budget'], byline: 'By Jane Doe' });
    expect(first.body).toEqual([
      {
        type: 'paragraph',
        text: 'The city council on Monday approved a $1.2 billion budget, the largest in its history.',
        marks: [
          { type: 'bold', start: 38, end: 50 },
          { type: 'italic', start: 78, end: 85 },
        ],
      },
      { type: 'subhead', text: 'Schools first' },
      { type: 'paragraph', text: 'Education gets the biggest share.' },
    ]);
    expect(second).toMatchObject({ headline: ['Second Story'], byline: null, body: [{ type: 'paragraph', text: 'Another paragraph.' }] });
  });

  it('a deeper heading right under the headline is its subhead; images are photos', () => {
    const r = importText('# Storm Hits Coast\n## Thousands without power\n\n![Waves break over the pier.](pier.jpg)\n\nText.');
    expect(r.articles[0].content).toMatchObject({
      headline: ['Storm Hits Coast'],
      subhead: 'Thousands without power',
      body: [
        { type: 'photo', caption: 'Waves break over the pier.', credit: null, asset: 'pier.jpg' },
        { type: 'paragraph', text: 'Text.' },
      ],
    });
  });
});

describe('English photo credits (Markdown)', () => {
  const photo = (md: string) => importText(md).articles[0].content;
  it('takes the credit from the image title, or from a wire caption’s closing (AP Photo/…); the text keeps its case', () => {
    expect(photo('![Crews clear Riverside Drive.](storm.jpg "Jane Doe/The Riverton Times")').body).toEqual([{ type: 'photo', caption: 'Crews clear Riverside Drive.', credit: 'Jane Doe/The Riverton Times', asset: 'storm.jpg' }]);
    expect(photo("![Crews clear Riverside Drive after Sunday's storm. (AP Photo/Jane Doe)](storm.jpg)").body).toEqual([{ type: 'photo', caption: 'Crews clear Riverside Drive after Sunday’s storm.', credit: 'AP Photo/Jane Doe', asset: 'storm.jpg' }]);
    expect(photo('![The mayor. (Staff photo by Ana López)](m.jpg)').body[0]).toMatchObject({ caption: 'The mayor.', credit: 'Staff photo by Ana López' });
    // A parenthesis that is no credit stays in the caption.
    expect(photo('# Then\n\n![The square (photo taken in 1990)](x.jpg)\n\nText.').body[0]).toMatchObject({ caption: 'The square (photo taken in 1990)', credit: null });
  });

  it('a picture alone, with no headline, is a news photo', () => {
    expect(photo('![Crews clear Riverside Drive.](storm.jpg "Jane Doe")').kind).toBe('photo');
    expect(photo('# Storm\n\n![Crews clear Riverside Drive.](storm.jpg)').kind).toBe('story');
  });
});

describe('English briefs', () => {
  const column = [
    '# Around Town',
    '',
    '### Library extends summer hours',
    '',
    'The Riverton Public Library will stay open until 9 p.m. on weekdays through Aug. 31, the board decided **Tuesday**.',
    '',
    '### Main Street closed Monday',
    '',
    'Main Street will be closed from 7 a.m. to 5 p.m. Monday while crews replace a water main.',
    '',
    "Buses on Route 4 will use Elm Street.",
    '',
    '### Food drive tops goal',
    '',
    "Volunteers collected 12,400 pounds of food in the pantry's spring drive.",
  ];
  const briefs = (text: string) => importText(text).articles.map((a) => a.content);

  it('a column head followed directly by short titled items of one or two paragraphs is a briefs column', () => {
    const r = importText(column.join('\n'));
    expect(r.warnings).toEqual([]);
    expect(r.articles).toHaveLength(1);
    const c = r.articles[0].content;
    // The column head is in the text: it is the column's head, printed over it.
    expect(c).toMatchObject({ kind: 'briefs', language: 'en', headline: ['Around Town'], byline: null });
    expect(c.body).toEqual([
      {
        type: 'brief',
        title: 'Library extends summer hours',
        paragraphs: [{ text: 'The Riverton Public Library will stay open until 9 p.m. on weekdays through Aug. 31, the board decided Tuesday.', marks: [{ type: 'bold', start: 103, end: 110 }] }],
      },
      {
        type: 'brief',
        title: 'Main Street closed Monday',
        paragraphs: [{ text: 'Main Street will be closed from 7 a.m. to 5 p.m. Monday while crews replace a water main.' }, { text: 'Buses on Route 4 will use Elm Street.' }],
      },
      { type: 'brief', title: 'Food drive tops goal', paragraphs: [{ text: 'Volunteers collected 12,400 pounds of food in the pantry’s spring drive.' }] },
    ]);
    expect(paragraphCount(c)).toBe(4);
    // Without a column head, or under a ## head, or with a ## deck under the # head: still briefs.
    expect(briefs(column.slice(2).join('\n')).map((a) => [a.kind, a.headline])).toEqual([['briefs', []]]);
    expect(briefs(['## Around Town', ...column.slice(1)].join('\n')).map((a) => [a.kind, a.headline])).toEqual([['briefs', ['Around Town']]]);
    expect(briefs(['# Around Town', '## News from the county', ...column.slice(1)].join('\n')).map((a) => [a.kind, a.subhead])).toEqual([['briefs', 'News from the county']]);
    // Beside a story, separated by --- or started by the next # head: each is its own piece.
    const page = briefs([...column, '', '---', '', '# Council Adopts Budget', '', 'By Jane Doe', '', 'The council voted 5-2.', '', '# Weather', '', 'Sunny.'].join('\n'));
    expect(page.map((a) => [a.kind, a.headline[0]])).toEqual([
      ['briefs', 'Around Town'],
      ['story', 'Council Adopts Budget'],
      ['story', 'Weather'],
    ]);
  });

  it('a title ending in an abbreviation (Elm St., Jr., U.S.) is a title: its point is no full stop', () => {
    // The QA edition's "Around the region" imported as a story with crossheads because of its first title.
    const c = briefs(['# Around the region', '', '### Water main break closes Elm St.', '', 'A water main broke early Tuesday.', '', '### Schools name new superintendent', '', 'The board voted 6-1 Monday.'].join('\n'))[0];
    expect(c.kind).toBe('briefs');
    expect(c.body.map((b) => (b.type === 'brief' ? b.title : b.type))).toEqual(['Water main break closes Elm St.', 'Schools name new superintendent']);
    for (const t of ['Water main break closes Elm St.', 'Crews repave Riverside Dr.', 'Honors for Martin Luther King Jr.', 'Plant sold to U.S.', 'Trip to Washington, D.C.']) expect(isBriefTitle(t), t).toBe(true);
    // A sentence still is not: its last word is a word, or a short one that is no abbreviation.
    for (const t of ['Crews worked through the night.', 'Buses use Elm Street.', 'It is done.', 'Go.', 'The library opens at 9 a.m.']) expect(isBriefTitle(t), t).toBe(false);
  });

  it('a story with short sections stays a story: lead paragraphs, a byline, a long section, question crossheads, one section', () => {
    const sections = ['### Roads first', '', 'Street repairs get $3.1 million.', '', '### Police overtime', '', 'Overtime was cut by 10 percent.'];
    const kinds = (lines: string[]) => briefs(lines.join('\n')).map((a) => a.kind);
    // Lead paragraph before the first subhead (the usual story).
    expect(kinds(['# Council Adopts Budget', '', 'The council approved a $48 million budget early Wednesday.', '', ...sections])).toEqual(['story']);
    // A byline, even with no lead paragraph.
    expect(kinds(['# Council Adopts Budget', '', 'By Jane Doe', '', ...sections])).toEqual(['story']);
    expect(kinds(['# Council Adopts Budget', '', ...sections, '', 'By Jane Doe'])).toEqual(['story']);
    // A section of three paragraphs.
    expect(kinds(['# Council Adopts Budget', '', ...sections, '', 'The chief objected.', '', '“We will make it work,” she said.'])).toEqual(['story']);
    // An explainer: its crossheads are questions, sentences rather than titles.
    expect(kinds(['# What to Know About the Storm', '', '### When will it hit?', '', 'Late Tuesday.', '', '### How strong will it be?', '', 'Gusts to 60 mph.'])).toEqual(['story']);
    // One titled item is a story with a crosshead; a picture makes it a story; so does a long item.
    expect(kinds(['# Council Adopts Budget', '', ...sections.slice(0, 3)])).toEqual(['story']);
    expect(kinds(['# Council Adopts Budget', '', ...sections, '', '![The council votes.](vote.jpg)'])).toEqual(['story']);
    expect(kinds(['# Council Adopts Budget', '', '### Roads first', '', 'word '.repeat(201).trim() + '.', '', ...sections.slice(4)])).toEqual(['story']);
    // And it imports exactly as before: subheads and paragraphs.
    const c = briefs(['# Council Adopts Budget', '', 'The council approved a budget.', '', ...sections].join('\n'))[0];
    expect(c.body.map((b) => b.type)).toEqual(['paragraph', 'subhead', 'paragraph', 'subhead', 'paragraph']);
  });

  it('a Chinese text keeps its own rules (newsroom), and --format markdown keeps ### as subheads in Chinese', () => {
    const zh = importText('# 简讯\n\n### 图书馆延长开放\n\n市图书馆暑期开放至晚九点。\n\n### 主街周一封闭\n\n主街周一施工。', { format: 'markdown', language: 'zh' });
    expect(zh.articles[0].content.kind).toBe('story');
  });

  it('plain text: a head, then one-line titles without a full stop, each followed by one or two paragraphs', () => {
    const plainText = ['Around Town', '', 'Library extends summer hours', '', 'The library will stay open until 9 p.m.', '', 'Main Street closed Monday', '', 'Crews replace a water main.', '', 'Buses use Elm Street.'].join('\n');
    const r = importText(plainText);
    expect(r.articles[0].content).toMatchObject({
      kind: 'briefs',
      headline: ['Around Town'],
      body: [
        { type: 'brief', title: 'Library extends summer hours', paragraphs: [{ text: 'The library will stay open until 9 p.m.' }] },
        { type: 'brief', title: 'Main Street closed Monday', paragraphs: [{ text: 'Crews replace a water main.' }, { text: 'Buses use Elm Street.' }] },
      ],
    });
    // A plain story (its lead first; one-line paragraphs end in a full stop) is unchanged.
    const story = importText(['Council Adopts Budget', '', 'The council approved a budget.', '', 'Roads first', '', 'Repairs get $3.1 million.', '', 'Police overtime', '', 'Overtime was cut.'].join('\n'));
    expect(story.articles[0].content.kind).toBe('story');
    expect(story.articles[0].content.body).toHaveLength(5);
    const short = importText(['Harbour Reopens', '', 'The harbour reopened on Tuesday.', '', 'Ships are back.'].join('\n'));
    expect(short.articles[0].content.kind).toBe('story');
  });
});

describe('plain text (English)', () => {
  it('first line is the headline, paragraphs by blank lines, a By line is the byline', () => {
    const r = importText('Harbour Reopens After Storm\n\nBy John Smith\n\nThe harbour reopened on\nTuesday morning.\n\nShips are back.');
    expect(r.articles).toHaveLength(1);
    expect(r.articles[0].content).toMatchObject({
      language: 'en',
      headline: ['Harbour Reopens After Storm'],
      byline: 'By John Smith',
      body: [
        { type: 'paragraph', text: 'The harbour reopened on Tuesday morning.' },
        { type: 'paragraph', text: 'Ships are back.' },
      ],
    });
  });

  it('a sentence starting with "By" is not a byline', () => {
    const r = importText('Title\n\nBy the way, the harbour is open.\n\nBy JANE DOE, Reuters');
    expect(r.articles[0].content.byline).toBe('By JANE DOE, Reuters');
    expect(r.articles[0].content.body).toEqual([{ type: 'paragraph', text: 'By the way, the harbour is open.' }]);
  });

  it('a lone paragraph is body text, not a headline', () => {
    const r = importText('Just one paragraph of text, nothing else.');
    expect(r.articles[0].content).toMatchObject({ headline: [], body: [{ type: 'paragraph', text: 'Just one paragraph of text, nothing else.' }] });
  });
});

describe('jump lines copied with English text', () => {
  // Copy from a printed page brings that page's jump lines; left in the text they would print
  // a page of another edition, whatever page the story now goes on to.
  it('"Continued on page A4" and AP\'s "See BUDGET, Page A6" lines are dropped: layout draws jump lines', () => {
    const r = importText('# Budget\n\nThe council voted.\n\nContinued on page A4\n\nIt was late.\n\n(Cont. on Page 12)\n\nSee BUDGET, Page A6\n\nSee BUDGET, B2');
    expect(r.articles[0].content.body).toEqual([{ type: 'paragraph', text: 'The council voted.' }, { type: 'paragraph', text: 'It was late.' }]);
    // A jump line closing a paragraph it was joined to (no blank line before it) goes too.
    const joined = importText('# Budget\n\nThe council voted.\nContinued on Page 4');
    expect(joined.articles[0].content.body).toEqual([{ type: 'paragraph', text: 'The council voted.' }]);
  });

  it('"Continued from page 1" opening a story makes it a continuation (a label such as A1 names no page number)', () => {
    const numbered = importText('# Budget\n\nContinued from page 1\n\nThe vote was 7 to 2.').articles[0].content;
    expect([numbered.continuedFrom, numbered.body]).toEqual([1, [{ type: 'paragraph', text: 'The vote was 7 to 2.' }]]);
    const labelled = importText('# Budget\n\n(Continued from Page A1)\nThe vote was 7 to 2.').articles[0].content;
    expect([labelled.continuedFrom, labelled.body]).toEqual([null, [{ type: 'paragraph', text: 'The vote was 7 to 2.' }]]);
    const ap = importText('Budget\n\nBUDGET, from Page A1\n\nThe vote was 7 to 2.\n\nMembers left.', { format: 'plain' }).articles[0].content;
    expect(ap.body.map((b) => (b.type === 'paragraph' ? b.text : b.type))).toEqual(['The vote was 7 to 2.', 'Members left.']);
  });

  it('text that only mentions a page stays: "See page 4 for a map", "continued on page 3 of the report"', () => {
    const text = ['See page 4 for a map.', 'Nobody continued on page 3 of the report.', 'He continued from page 1 to the end.'];
    const r = importText(`# Budget\n\n${text.join('\n\n')}`);
    expect(r.articles[0].content.body).toEqual(text.map((t) => ({ type: 'paragraph', text: t })));
    expect(r.articles[0].content.continuedFrom).toBeNull();
  });
});

describe('inputs at the edges', () => {
  it('input with no articles (only whitespace) is an ImportError', () => {
    for (const text of ['', '   ', '\n\n\t\n', '\u3000\n']) {
      expect(() => importText(text)).toThrow(ImportError);
    }
    try {
      importText('(何宝国)\n');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ImportError);
      expect((e as ImportError).line).toBe(1);
    }
  });

  it('a byline or credit with no headline and no text is no article: an ImportError alone, a warning beside others', () => {
    for (const [text, format] of [['记者 李静\n', 'auto'], ['牛晨阳 摄\n', 'auto'], ['(何宝国)\n\n记者 李静\n', 'auto'], ['By Jane Doe\n', 'markdown'], ['By Jane Doe\n', 'plain']] as const) {
      expect(() => importText(text, { format }), text).toThrow(ImportError);
    }
    // Beside a real article, the stray byline is kept out with its line, not stored as an empty story.
    const r = importText('## 标题\n\n正文一段。\n\n(何宝国)\n\n记者 李静\n');
    expect(r.articles.map((a) => a.content.headline)).toEqual([['标题']]);
    expect(r.warnings.map((w) => [w.code, w.line, w.text])).toEqual([['orphan-fragment', 7, '记者 李静']]);
    // The responsible-editor line closes a piece as (以上由…整理) does; alone it is no article.
    expect(() => importText('（责任编辑：张三）\n')).toThrow(ImportError);
    expect(importText('## 标题\n\n正文一段。\n\n（责任编辑：张三）\n').articles.map((a) => [a.content.editorCredit, a.content.body.length])).toEqual([['责任编辑：张三', 1]]);
    // A photo with a caption is an article; its credit alone is not.
    expect(importText('选手在比赛中。牛晨阳 摄\n').articles).toHaveLength(1);
  });

  it('keeps an English sentence’s punctuation next to a Chinese word, converting only between two Chinese characters', () => {
    const r = importText('# Signs\n\nThe sign read 北京, and the other 上海: both! Really? 北京,上海 (in Chinese).\n', { format: 'markdown', language: 'en' });
    expect(r.articles[0].content.body).toEqual([{ type: 'paragraph', text: 'The sign read 北京, and the other 上海: both! Really? 北京，上海 (in Chinese).' }]);
    // Chinese copy converts as before.
    expect(importText('## 标题\n\n他说:好,我们走(明天)。\n').articles[0].content.body).toEqual([{ type: 'paragraph', text: '他说：好，我们走（明天）。' }]);
  });

  it('drops a heading mark with no heading ("# ") instead of keeping "#" as text or headline', () => {
    for (const format of ['newsroom', 'markdown'] as const) {
      const r = importText('# \n\n这是正文。\n', { format });
      expect(r.articles.map((a) => [a.content.headline, a.content.body]), format).toEqual([[[], [{ type: 'paragraph', text: '这是正文。' }]]]);
    }
  });

  it('a file of only headlines imports empty articles, one empty-article warning each', () => {
    const r = importText('## 第一条标题\n\n## 第二条标题\n\n## 第三条标题\n');
    expect(r.articles.map((a) => [a.line, a.content.headline, a.content.body])).toEqual([
      [1, ['第一条标题'], []],
      [3, ['第二条标题'], []],
      [5, ['第三条标题'], []],
    ]);
    expect(r.warnings.map((w) => [w.code, w.line, w.text])).toEqual([
      ['empty-article', 1, '第一条标题'],
      ['empty-article', 3, '第二条标题'],
      ['empty-article', 5, '第三条标题'],
    ]);
    const md = importText('# One\n\n# Two\n');
    expect(md.articles.map((a) => a.content.headline)).toEqual([['One'], ['Two']]);
    expect(md.warnings.map((w) => w.code)).toEqual(['empty-article', 'empty-article']);
  });

  it('CRLF and CR line ends and a BOM read like LF', () => {
    const lf = importText('## 标题\n\n正文,一。\n\n记者 李静');
    expect(importText('\uFEFF## 标题\r\n\r\n正文,一。\r\n\r\n记者 李静')).toEqual(lf);
    expect(importText('## 标题\r\r正文,一。\r\r记者 李静')).toEqual(lf);
  });

  it('plain Chinese text: a short first line is the headline', () => {
    const r = importText('全市召开会议\n\n会议指出,要抓好落实。\n\n会议要求,明确责任。');
    expect(r.articles).toHaveLength(1);
    expect(r.articles[0].content.headline).toEqual(['全市召开会议']);
    expect(paragraphCount(r.articles[0].content)).toBe(2);
  });

  it('a 5 MB single paragraph imports correctly and fast', () => {
    const unit = '这是一个很长的段落,包含PM2.5和1,000等数字(以及括号)与English words;';
    const expected = '这是一个很长的段落，包含PM2.5和1,000等数字（以及括号）与English words；';
    const times = Math.ceil((5 * 1024 * 1024) / Buffer.byteLength(unit));
    const text = unit.repeat(times) + '结束。';
    expect(Buffer.byteLength(text)).toBeGreaterThan(5 * 1024 * 1024);
    const r = importText(text);
    expect(r.articles).toHaveLength(1);
    expect(r.warnings).toEqual([]);
    const body = r.articles[0].content.body;
    expect(body).toHaveLength(1);
    const p = body[0] as { text: string; marks?: unknown };
    expect(p.text.length).toBe(expected.length * times + 3);
    expect(p.text === expected.repeat(times) + '结束。').toBe(true);
    expect(p.marks).toBeUndefined();
    // and as plain English
    const en = 'word, word; (aside) 1,000 words! '.repeat(160_000);
    const plain = importText(en, { format: 'plain', language: 'en' });
    expect((plain.articles[0].content.body[0] as { text: string }).text === en.trim()).toBe(true);
  });
});
