// The newsroom importer on the real page (../shared/fixtures/taiyuan-daily-2024-01.txt):
// one test per rule, then the whole list of articles the page yields.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importText, type ArticleDraft, type ImportResult } from '../../../shared/import';
import { bodyText, paragraphCount, type Block, type BriefBlock, type ParagraphBlock } from '../../../shared/model';

const FIXTURE = fileURLToPath(new URL('../../../../shared/fixtures/taiyuan-daily-2024-01.txt', import.meta.url));
const source = readFileSync(FIXTURE, 'utf8');
const page: ImportResult = importText(source);

function byHeadline(head: string): ArticleDraft {
  const found = page.articles.find((a) => a.content.headline.join('') === head);
  if (!found) throw new Error(`no article ${head}`);
  return found;
}
function at(line: number): ArticleDraft {
  const found = page.articles.find((a) => a.line === line);
  if (!found) throw new Error(`no article at line ${line}`);
  return found;
}
const paragraphs = (a: ArticleDraft): ParagraphBlock[] =>
  a.content.body.filter((b): b is ParagraphBlock => b.type === 'paragraph');
const briefs = (a: ArticleDraft): BriefBlock[] => a.content.body.filter((b): b is BriefBlock => b.type === 'brief');
const allText = page.articles.map((a) => [a.content.headline.join(''), bodyText(a.content)].join('\n')).join('\n');

describe('newsroom import of the Taiyuan Daily page', () => {
  it('article boundaries: the first ## line, a ## line after a byline, or after a credit, starts an article', () => {
    expect(page.articles[0].line).toBe(3); // the first ## line of the file
    expect(page.articles[0].content.headline).toEqual(['省政府支持太原打造为旅游热点门户城市']);
    // after the byline 记者 贺娟芳
    expect(at(45).content.headline).toEqual(['相知可抵云海深']);
    // after the standalone credit (何宝国) at line 15 comes the deck at line 17
    expect(at(17).content.headline[0]).toBe('推出194项服务“清单”');
    // after a credit closing a paragraph: …促进产业集聚。(何宝国) ends the article, line 102 starts one
    expect(at(93).content.credit).toBe('何宝国');
    expect(at(102).content.continuedFrom).toBe(1);
  });

  it('article boundaries: a ## line inside an article is a subhead', () => {
    const a = at(17);
    expect(a.content.body.filter((b) => b.type === 'subhead')).toEqual([
      { type: 'subhead', text: '收费管理账目清晰' },
      { type: 'subhead', text: '公共收益定期公布' },
      { type: 'subhead', text: '194项标准规范服务' },
    ]);
    expect(page.articles.some((x) => x.content.headline.includes('收费管理账目清晰'))).toBe(false);
  });

  it('article boundaries: bylines in the 通讯员 and 本报记者 forms end an article too', () => {
    const r = importText(
      ['## 第一篇', '', '正文一。', '', '本报记者 王芳 通讯员 李明', '', '## 第二篇', '', '正文二。', '', '通讯员 赵强', '', '## 第三篇', '', '正文三。'].join('\n'),
    );
    expect(r.articles.map((a) => [a.content.headline, a.content.byline, paragraphCount(a.content)])).toEqual([
      [['第一篇'], '本报记者 王芳 通讯员 李明', 1],
      [['第二篇'], '通讯员 赵强', 1],
      [['第三篇'], null, 1],
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('bylines with two role words, a news agency or 文/图 end an article too', () => {
    // Not read as bylines, they were body text: the article stayed open and the next story's
    // headline became a crosshead of this one.
    for (const byline of ['本报首席记者 张三', '本报特约记者 张三', '新华社记者 王飞航', '本报记者 张三 文/图', '文/图 本报记者 张三', '文／本报记者 张三 图／通讯员 李四']) {
      const r = importText(['## 第一篇', '', '正文一。', '', byline, '', '## 第二篇', '', '正文二。'].join('\n'));
      expect(r.articles.map((a) => [a.content.headline, a.content.byline, paragraphCount(a.content)]), byline).toEqual([
        [['第一篇'], byline, 1],
        [['第二篇'], null, 1],
      ]);
    }
    // …and in the lead's brackets.
    const lead = importText('## 标题\n\n本报讯（本报首席记者 张三 文/图）1月26日，我市召开会议。\n').articles[0].content;
    expect([lead.lead, lead.byline]).toEqual(['本报讯', '本报首席记者 张三 文/图']);
  });

  it('headlines written as hard-broken lines are one headline deck (kicker stays null)', () => {
    const a = at(17);
    expect(a.content.headline).toEqual(['推出194项服务“清单”', '力促住宅小区', '物业服务阳光运行']);
    expect(a.content.kicker).toBeNull();
    expect(paragraphs(a)[0].text.startsWith('今年年初')).toBe(true);
    // the two-line deck of line 93 (no ## either)
    expect(at(93).content.headline).toEqual(['我省给重点产业链', '整体营收“定目标”']);
    expect(at(93).content.kicker).toBeNull();
    expect(allText).not.toMatch(/力促住宅小区\n物业服务阳光运行\n今年/);
    for (const a of page.articles) for (const b of a.content.body) if (b.type === 'paragraph') expect(b.text).not.toBe('力促住宅小区');
  });

  it('short lines inside an article without hard breaks stay body text', () => {
    const r = importText(['## 标题', '', '会议提出三点要求：', '', '一是加强领导', '二是落实责任', '', '记者 李静'].join('\n'));
    expect(r.articles).toHaveLength(1);
    expect(r.articles[0].content.headline).toEqual(['标题']);
    expect(r.articles[0].content.byline).toBe('记者 李静');
    expect(bodyText(r.articles[0].content)).toContain('一是加强领导');
    // the same lines with hard breaks (two trailing spaces) are a new headline deck
    const hard = importText(['## 标题', '', '正文。', '', '一是加强领导  ', '二是落实责任', '', '正文二。'].join('\n'));
    expect(hard.articles.map((a) => a.content.headline)).toEqual([['标题'], ['一是加强领导', '二是落实责任']]);
  });

  it('bylines go to the byline field, not the body', () => {
    expect(at(17).content.byline).toBe('记者 贺娟芳');
    expect(at(45).content.byline).toBe('记者 李静');
    expect(allText).not.toContain('记者 贺娟芳');
    expect(allText).not.toContain('记者 李静');
  });

  it('credits are stored without brackets, standalone or closing a paragraph', () => {
    expect(at(3).content.credit).toBe('何宝国'); // standalone line (何宝国)
    expect(at(93).content.credit).toBe('何宝国'); // …促进产业集聚。(何宝国)
    expect(at(102).content.credit).toBe('任晓明');
    expect(paragraphs(at(93)).at(-1)!.text.endsWith('促进产业集聚。')).toBe(true);
    expect(allText).not.toMatch(/何宝国|任晓明/);
  });

  it('the 本报讯 lead goes to its field and leaves the first paragraph', () => {
    expect(at(3).content.lead).toBe('本报讯');
    expect(paragraphs(at(3))[0].text).toBe(
      '1月26日消息，省政府支持我市打造成为辐射效应强、爆款产品多、游客体验好、影响范围广的旅游热点门户。到2028年底，太原进入国内著名国际知名旅游城市行列。',
    );
    expect(at(93).content.lead).toBe('本报讯');
    expect(paragraphs(at(93))[0].text.startsWith('省重点产业链链长制')).toBe(true);
    expect(allText).not.toContain('本报讯');
  });

  it('本报讯（记者 X） gives the lead and the byline', () => {
    for (const opening of ['本报讯（记者 李静）', '本报讯(记者 李静)', '本报讯 (记者 李静) ']) {
      const r = importText(`## 标题\n\n${opening}1月26日，我市召开会议。\n`);
      const c = r.articles[0].content;
      expect([c.lead, c.byline]).toEqual(['本报讯', '记者 李静']);
      expect(c.body).toEqual([{ type: 'paragraph', text: '1月26日，我市召开会议。' }]);
    }
  });

  it('a byline repeated at the end of a story that opened 本报讯（记者 X） is not printed twice', () => {
    // The lead's bracketed byline and the closing byline line name the same reporter; the
    // closing one may add a 通讯员. Joined as they came, the page printed 记者 刘佳 记者 刘佳.
    const story = (closing: string) => importText(['## 标题', '', '本报讯（记者 刘佳）1月26日，我市召开会议。', '', closing].join('\n')).articles[0].content.byline;
    expect(story('记者 刘佳')).toBe('记者 刘佳');
    expect(story('记者 刘佳 通讯员 赵文斌')).toBe('记者 刘佳 通讯员 赵文斌');
    expect(story('通讯员 赵文斌')).toBe('记者 刘佳 通讯员 赵文斌');
    // 记者 X ⏎ 通讯员 Y on two lines after the story, and the second line repeating the first.
    const twoLines = (a: string, b: string) => importText(['## 标题', '', '正文。', '', a, b].join('\n')).articles[0].content.byline;
    expect(twoLines('记者 李静', '通讯员 王芳')).toBe('记者 李静 通讯员 王芳');
    expect(twoLines('记者 李静', '记者 李静')).toBe('记者 李静');
  });

  it('an agency dateline keeps its reporter: 新华社北京1月26日电（记者 王飞航） is all lead', () => {
    const wire = importText('## 标题\n\n新华社北京1月26日电（记者 王飞航）国务院新闻办公室26日举行发布会。\n').articles[0].content;
    expect([wire.lead, wire.byline]).toEqual(['新华社北京1月26日电（记者 王飞航）', null]);
    expect(wire.body).toEqual([{ type: 'paragraph', text: '国务院新闻办公室26日举行发布会。' }]);
    // The paper's own dateline still gives its byline.
    const own = importText('## 标题\n\n本报太原1月26日电（记者 李静）我市召开会议。\n').articles[0].content;
    expect([own.lead, own.byline]).toEqual(['本报太原1月26日电', '记者 李静']);
  });

  it('editor credits close a briefs column: (以上由王勇编辑整理) → 以上由王勇编辑整理', () => {
    expect(at(108).content.editorCredit).toBe('以上由王勇编辑整理');
    expect(allText).not.toContain('编辑整理');
  });

  it('(上接第1版) sets continuedFrom and leaves the body, standing alone or opening a paragraph', () => {
    expect(at(45).content.continuedFrom).toBe(1); // alone on line 47, under the headline
    expect(at(102).content.continuedFrom).toBe(1); // (上接第1版)以降低PM…
    expect(paragraphs(at(102))[0].text.startsWith('以降低PM10为攻坚方向')).toBe(true);
    expect(at(126).content.continuedFrom).toBe(1); // alone on line 126, before the briefs
    expect(allText).not.toMatch(/上接/);
  });

  it('(上接第N版) in full-width brackets and Chinese numerals', () => {
    const cases: [string, number][] = [
      ['（上接第1版）', 1],
      ['(上接第一版)', 1],
      ['（上接第十二版）', 12],
      ['(上接第 3 版)', 3],
      ['（上接第１２版）', 12],
    ];
    for (const [marker, page] of cases) {
      const alone = importText(`## 标题\n\n${marker}\n\n正文。`).articles[0].content;
      expect([alone.continuedFrom, bodyText(alone)]).toEqual([page, '正文。']);
      const opening = importText(`## 标题\n\n正文。(何宝国)\n\n${marker}接着写。`).articles[1].content;
      expect([opening.continuedFrom, bodyText(opening), opening.headline]).toEqual([page, '接着写。', []]);
    }
  });

  it('paragraphs split mid-sentence by a column break are rejoined, with no space in CJK', () => {
    const story = paragraphs(at(45)).map((p) => p.text);
    expect(story).toContain(
      '太原市进一步深化区域交流合作，拓展招商渠道，探索招商新路，充分运用以商招商、校友招商、委托招商、驻点招商等多样化招商方式，多措并举招项目，千方百计引投资，“人人都是招商员”蔚然成风。',
    );
    expect(story.some((t) => t.startsWith('投资'))).toBe(false);
    const jinyuan = briefs(at(126)).find((b) => b.title === '晋源区')!;
    expect(jinyuan.paragraphs).toHaveLength(1);
    expect(jinyuan.paragraphs[0].text).toContain('带队来到万佳购生活广场、森泰花卉园');
  });

  it('a fragment that belongs nowhere is an orphan-fragment warning, not glued to any article', () => {
    const orphans = page.warnings.filter((w) => w.code === 'orphan-fragment');
    expect(orphans).toHaveLength(1);
    expect(orphans[0]).toMatchObject({ line: 106, text: '高全县安全生产整体工作水平。' });
    expect(allText).not.toContain('高全县');
    // it names the likely owner, the 阳曲县 brief that stops at “不断提”, without gluing
    expect(orphans[0].message).toContain('阳曲县');
    const yangqu = briefs(at(126)).find((b) => b.title === '阳曲县')!;
    expect(yangqu.paragraphs.at(-1)!.text.endsWith('不断提')).toBe(true);
    expect(page.warnings).toContainEqual(expect.objectContaining({ code: 'suspicious-break', line: 156 }));
  });

  it('ASCII punctuation between Chinese characters becomes full-width, never inside Latin words or numbers', () => {
    const story = bodyText(at(45).content);
    expect(story).toContain('国家会展中心（上海）的5.1馆B2-01进博会');
    expect(story).toContain('首席代表Emilio Mendez，与太原市');
    expect(story).toContain('每年3.5万吨，目前');
    expect(story).toContain('发展好？这就');
    expect(story).toContain('信心更足了！”4月');
    expect(story).toContain('2022年3月开始对接，12月正式签署投资合作协议，2023年');
    expect(bodyText(at(3).content)).toContain('AR/VR等数字技术');
    expect(bodyText(at(3).content)).toContain('5A级旅游景区');
    expect(bodyText(at(3).content)).toContain('分别为：大同市');
    expect(bodyText(at(3).content)).toContain('文化等文旅品牌；运城');
    expect(bodyText(at(102).content)).toContain('5.15万余次，督促');
    expect(allText).not.toMatch(/[,:;()?!](?=\p{Script=Han})|(?<=\p{Script=Han})[,:;()?!]/u);
  });

  it('<sub>10</sub> becomes text with a sub mark; no literal tags remain', () => {
    const first = paragraphs(at(102))[0];
    expect(first.text.startsWith('以降低PM10为攻坚方向')).toBe(true);
    expect(first.marks).toEqual([{ type: 'sub', start: 5, end: 7 }]);
    expect(first.text.slice(5, 7)).toBe('10');
    expect(allText).not.toMatch(/<\/?[a-z]+>/i);
  });

  it('the caption ending in 牛晨阳 摄 is a photo in a stand-alone article of kind photo', () => {
    const photo = at(124);
    expect(photo.content.kind).toBe('photo');
    expect(photo.content.headline).toEqual([]);
    expect(photo.content.body).toEqual([
      {
        type: 'photo',
        caption: '1月27日，山西省击剑俱乐部联赛总决赛在山西体育中心自行车馆举行，来自全省的300余名击剑爱好者参赛。',
        credit: '牛晨阳 摄',
        asset: null,
      },
    ]);
  });

  it('a photo caption inside a story stands alone and does not cut the story', () => {
    const r = importText(['## 标题', '', '第一段。', '', '市民在广场上观看演出。记者 王芳 摄', '', '第二段。', '', '记者 李静'].join('\n'));
    expect(r.articles.map((a) => [a.content.kind, a.line, paragraphCount(a.content)])).toEqual([
      ['story', 1, 2],
      ['photo', 5, 0],
    ]);
    expect(r.articles[1].content.body).toEqual([{ type: 'photo', caption: '市民在广场上观看演出。', credit: '记者 王芳 摄', asset: null }]);
    expect(r.articles[0].content.byline).toBe('记者 李静');
  });

  it('(下转第N版) jump-out lines are dropped: layout draws jump lines itself', () => {
    const r = importText('## 标题\n\n第一段。\n\n第二段。(下转第2版)\n\n(下转第3版)\n');
    expect(bodyText(r.articles[0].content)).toBe('第一段。\n第二段。');
    expect(r.warnings).toEqual([]);
  });

  it('jump lines naming pages by label — (下转第A4版), (下转A4版), (转第4版), (上接A1版) — are taken out too', () => {
    // Left in the text they print the copied page's jump line, whatever page the story now goes on to.
    const r = importText('## 标题\n\n第一段。（下转第A4版）\n\n第二段。(下转A4版)\n\n（转第4版）\n\n记者 王芳\n\n## 续篇\n\n（上接第A1版）\n\n接着写。\n\n(上接A1版)再写一篇。(下转B12版)\n');
    expect(r.articles.map((a) => bodyText(a.content))).toEqual(['第一段。\n第二段。', '接着写。', '再写一篇。']);
    // Each (上接) starts its continuation; a label gives no page number.
    expect(r.articles.map((a) => a.content.continuedFrom)).toEqual([null, null, null]);
    expect(r.warnings).toEqual([]);
    expect(importText('（上接第二版）\n\n接着写。').articles[0].content.continuedFrom).toBe(2);
  });

  it('the district briefs become articles of kind briefs whose body is titled brief blocks', () => {
    const first = at(108);
    expect(first.content.kind).toBe('briefs');
    expect(first.content.body.every((b: Block) => b.type === 'brief')).toBe(true);
    expect(briefs(first).map((b) => [b.title, b.paragraphs.length])).toEqual([
      ['娄烦县', 1],
      ['综改示范区', 1],
      ['中北高新区', 1],
    ]);
    expect(first.content.continuedFrom).toBeNull();
    const second = at(126);
    expect(second.content.kind).toBe('briefs');
    expect(second.content.continuedFrom).toBe(1);
    expect(briefs(second).map((b) => b.title)).toEqual(['杏花岭区', '尖草坪区', '万柏林区', '晋源区', '古交市', '清徐县', '阳曲县']);
    expect(briefs(second)[2].paragraphs[0].text).toContain('党工委（党组）书记');
  });

  it('briefs are detected by their shape, not by their names', () => {
    const text = [
      '## 一篇报道',
      '',
      '第一段。',
      '',
      '第二段。',
      '',
      '第三段。(张三)',
      '',
      '## 东镇',
      '',
      '东镇召开会议。',
      '',
      '## 西村',
      '',
      '西村修好了路。',
      '',
      '第二段。',
      '',
      '## 南乡',
      '',
      '南乡开展活动。',
      '',
      '(李四)',
    ].join('\n');
    const r = importText(text);
    expect(r.articles.map((a) => a.content.kind)).toEqual(['story', 'briefs']);
    expect(briefs(r.articles[1]).map((b) => [b.title, b.paragraphs.length])).toEqual([
      ['东镇', 1],
      ['西村', 2],
      ['南乡', 1],
    ]);
    expect(r.articles[1].content.credit).toBe('李四');
    // short subheads over short sections, ending in a byline, are a story, not briefs
    const story = importText(['## 新城', '', '一段。', '', '## 小标题', '', '二段。', '', '记者 王五'].join('\n'));
    expect(story.articles).toHaveLength(1);
    expect(story.articles[0].content.kind).toBe('story');
    expect(story.articles[0].content.body.map((b) => b.type)).toEqual(['paragraph', 'subhead', 'paragraph']);
  });

  it('the story 相知可抵云海深: headline, continuedFrom 1, subheads kept, byline 记者 李静', () => {
    const a = byHeadline('相知可抵云海深');
    expect(a.content.continuedFrom).toBe(1);
    expect(a.content.byline).toBe('记者 李静');
    expect(a.content.body[0]).toEqual({ type: 'subhead', text: '拓展渠道，全员招商' });
    expect(a.content.body.filter((b) => b.type === 'subhead').map((b) => (b as { text: string }).text)).toEqual([
      '拓展渠道，全员招商',
      '创新驱动，双向奔赴',
      '优无止境，砥砺前行',
    ]);
  });

  it('a story with no headline after (上接第1版) has headline [], continuedFrom 1 and its credit', () => {
    const a = at(102);
    expect(a.content.headline).toEqual([]);
    expect(a.content.kind).toBe('story');
    expect(a.content.continuedFrom).toBe(1);
    expect(a.content.credit).toBe('任晓明');
    expect(paragraphs(a).at(-1)!.text.endsWith('近零碳排放试点示范工程。')).toBe(true);
  });

  it('headline and subhead text gets the punctuation normalisation', () => {
    expect(importText('## 拓展渠道,全员招商\n\n正文。').articles[0].content.headline).toEqual(['拓展渠道，全员招商']);
    expect(at(45).content.body[0]).toEqual({ type: 'subhead', text: '拓展渠道，全员招商' });
  });

  it('every draft carries its start line, language zh, status draft, priority 0, section null', () => {
    expect(page.articles.map((a) => a.line)).toEqual([3, 17, 45, 93, 102, 108, 124, 126]);
    for (const a of page.articles) {
      expect(a.content).toMatchObject({ language: 'zh', status: 'draft', priority: 0, section: null, kicker: null, subhead: null });
    }
  });

  it('lists every article of the page with its deck, byline/credit, continuation and paragraphs', () => {
    const summary = page.articles.map((a) => ({
      line: a.line,
      kind: a.content.kind,
      headline: a.content.headline,
      byline: a.content.byline,
      credit: a.content.credit,
      lead: a.content.lead,
      editorCredit: a.content.editorCredit,
      continuedFrom: a.content.continuedFrom,
      paragraphs: paragraphCount(a.content),
    }));
    // Written out by reading the fixture: paragraphs are the body lines between the headline
    // and the byline/credit, with the two column-broken ones (59+61, 142+144) counted once.
    expect(summary).toEqual([
      {
        line: 3,
        kind: 'story',
        headline: ['省政府支持太原打造为旅游热点门户城市'],
        byline: null,
        credit: '何宝国',
        lead: '本报讯',
        editorCredit: null,
        continuedFrom: null,
        paragraphs: 5, // lines 5, 7, 9, 11, 13
      },
      {
        line: 17,
        kind: 'story',
        headline: ['推出194项服务“清单”', '力促住宅小区', '物业服务阳光运行'],
        byline: '记者 贺娟芳',
        credit: null,
        lead: null,
        editorCredit: null,
        continuedFrom: null,
        paragraphs: 8, // 21 | 25 27 | 31 33 | 37 39 41
      },
      {
        line: 45,
        kind: 'story',
        headline: ['相知可抵云海深'],
        byline: '记者 李静',
        credit: null,
        lead: null,
        editorCredit: null,
        continuedFrom: 1,
        paragraphs: 17, // 51 53 55 57 59+61 | 65 67 69 71 73 75 | 79 81 83 85 87 89
      },
      {
        line: 93,
        kind: 'story',
        headline: ['我省给重点产业链', '整体营收“定目标”'],
        byline: null,
        credit: '何宝国',
        lead: '本报讯',
        editorCredit: null,
        continuedFrom: null,
        paragraphs: 3, // 96 98 100
      },
      {
        line: 102,
        kind: 'story',
        headline: [],
        byline: null,
        credit: '任晓明',
        lead: null,
        editorCredit: null,
        continuedFrom: 1,
        paragraphs: 2, // 102 104
      },
      {
        line: 108,
        kind: 'briefs',
        headline: [],
        byline: null,
        credit: null,
        lead: null,
        editorCredit: '以上由王勇编辑整理',
        continuedFrom: null,
        paragraphs: 3, // 娄烦县 综改示范区 中北高新区
      },
      {
        line: 124,
        kind: 'photo',
        headline: [],
        byline: null,
        credit: null,
        lead: null,
        editorCredit: null,
        continuedFrom: null,
        paragraphs: 0,
      },
      {
        line: 126,
        kind: 'briefs',
        headline: [],
        byline: null,
        credit: null,
        lead: null,
        editorCredit: null,
        continuedFrom: 1,
        paragraphs: 7, // 杏花岭区 尖草坪区 万柏林区 晋源区(142+144) 古交市 清徐县 阳曲县
      },
    ]);
    expect(page.warnings.map((w) => [w.code, w.line])).toEqual([
      ['orphan-fragment', 106],
      ['suspicious-break', 156],
    ]);
  });
});

describe('Chinese text written as Markdown', () => {
  const md = [
    '# 太原举行新春灯会',
    '',
    '记者 王五',
    '',
    '本报讯 1月26日，太原举行新春灯会。',
    '',
    '## 灯会现场',
    '',
    '市民纷纷前往观赏，**人气很旺**。',
    '',
    '---',
    '',
    '# 第二篇文章标题',
    '',
    '第二篇的正文内容。',
    '',
    '# 第三篇紧接着',
    '',
    '第三篇的正文。',
  ].join('\n');

  it('keeps the newsroom rules (byline, 本报讯 lead, ## subheads) and splits articles at --- and at every # headline', () => {
    const r = importText(md);
    expect(r.warnings).toEqual([]);
    expect(r.articles.map((a) => [a.line, a.content.headline, a.content.byline, a.content.lead])).toEqual([
      [1, ['太原举行新春灯会'], '记者 王五', '本报讯'],
      [13, ['第二篇文章标题'], null, null],
      [17, ['第三篇紧接着'], null, null],
    ]);
    expect(r.articles[0].content.body).toEqual([
      { type: 'paragraph', text: '1月26日，太原举行新春灯会。' },
      { type: 'subhead', text: '灯会现场' },
      { type: 'paragraph', text: '市民纷纷前往观赏，人气很旺。', marks: [{ type: 'bold', start: 9, end: 13 }] },
    ]);
    expect(bodyText(r.articles[1].content)).toBe('第二篇的正文内容。');
  });

  it('takes an English byline ("By Jane Doe") in Chinese text as the byline, not glued to the next paragraph', () => {
    const r = importText('# 吉野家开新店\n\nBy Jane Doe\n\n吉野家在太原开了新店，市民排队品尝。\n');
    expect(r.articles.map((a) => [a.content.headline, a.content.byline, bodyText(a.content)])).toEqual([[['吉野家开新店'], 'By Jane Doe', '吉野家在太原开了新店，市民排队品尝。']]);
  });

  it('takes a ## right under a # headline as its 副题', () => {
    const text = '# 我市推进“数字政府”建设\n## 年内实现90%政务服务事项“一网通办”\n\n本报记者 王明\n\n本报讯　1月26日，记者获悉，我市将加快建设。\n\n## 下一步\n\n将推动更多应用落地。\n';
    for (const format of ['auto', 'newsroom'] as const) {
      const r = importText(text, { format });
      expect(r.warnings, format).toEqual([]);
      expect(r.articles.map((a) => [a.content.headline, a.content.subhead, a.content.byline, a.content.lead]), format).toEqual([
        [['我市推进“数字政府”建设'], '年内实现90%政务服务事项“一网通办”', '本报记者 王明', '本报讯'],
      ]);
      // a ## after the text is still a crosshead (subhead block)
      expect(r.articles[0].content.body.map((b) => b.type), format).toEqual(['paragraph', 'subhead', 'paragraph']);
    }
    // the newsroom page's own ## headlines are untouched: a ## after a ## headline starts nothing new
    expect(importText('## 标题\n## 第二行\n\n正文。\n').articles).toHaveLength(1);
  });

  it('reads a traditional-character page (Taiwan, Hong Kong) by the same rules: 本報訊, 記者, 上接, 下轉, 攝, 責任編輯', () => {
    const text = [
      '## 臺灣經濟數據公布',
      '',
      '本報記者 陳冠宇',
      '',
      '本報訊　行政院主計總處今日公布最新經濟數據，出口回溫。（下轉第3版）',
      '',
      '（責任編輯：王小明）',
      '',
      '（上接第1版）專家表示，內需穩健是主要原因。（何寶國）',
      '',
      '市民在台北街頭參加活動。林大明 攝',
    ].join('\n');
    const r = importText(text);
    expect(r.articles.map((a) => [a.content.kind, a.content.headline, a.content.byline, a.content.lead, a.content.editorCredit, a.content.continuedFrom, a.content.credit])).toEqual([
      ['story', ['臺灣經濟數據公布'], '本報記者 陳冠宇', '本報訊', '責任編輯：王小明', null, null],
      ['story', [], null, null, null, 1, '何寶國'],
      ['photo', [], null, null, null, null, null],
    ]);
    expect(bodyText(r.articles[0].content)).toBe('行政院主計總處今日公布最新經濟數據，出口回溫。');
    expect(r.articles[2].content.body).toEqual([{ type: 'photo', caption: '市民在台北街頭參加活動。', credit: '林大明 攝', asset: null }]);
  });

  it('leaves * alone in newsroom text that has no Markdown emphasis', () => {
    const r = importText('## 标题\n\n面积为5*3米，另有*号标注。\n');
    expect(bodyText(r.articles[0].content)).toBe('面积为5*3米，另有*号标注。');
  });
});
