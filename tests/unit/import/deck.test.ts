// Headline decks: what a copy says about its kicker (引题), headline (主题) and subhead (副题).
import { describe, expect, it } from 'vitest';
import { importText } from '../../../shared/import';

const deckOf = (text: string) =>
  importText(text).articles.map(({ content: c }) => ({ kicker: c.kicker, headline: c.headline, subhead: c.subhead }));

describe('Chinese decks', () => {
  it('## lines with no blank line between them are one deck, not an empty article and a story', () => {
    const r = importText('## 春节临近年味浓\n## 我市年货市场供应充足\n\n本报讯（记者 王晓燕）春节临近，年货琳琅满目。\n');
    expect(r.articles).toHaveLength(1);
    expect(r.articles[0].content.headline).toEqual(['春节临近年味浓', '我市年货市场供应充足']);
    // the deck no longer stands between the article and its 本报讯 lead
    expect(r.articles[0].content).toMatchObject({ lead: '本报讯', byline: '记者 王晓燕' });
    expect(r.warnings).toEqual([]);
  });

  it('a last deck line opening with —— is the 副题, as printed', () => {
    expect(deckOf('## 春节临近年味浓\n## 年货供应充足\n## ——记者走访商超\n\n正文一句。\n')).toEqual([
      { kicker: null, headline: ['春节临近年味浓', '年货供应充足'], subhead: '——记者走访商超' },
    ]);
    expect(deckOf('从“能用”到“好用”  \n加装电梯超过300部  \n——“太原模式”\n\n正文一句。\n')).toEqual([
      { kicker: null, headline: ['从“能用”到“好用”', '加装电梯超过300部'], subhead: '——“太原模式”' },
    ]);
  });

  it('an unmarked deck stays all headline: the kicker is not guessed', () => {
    expect(deckOf('推出194项服务“清单”  \n力促住宅小区  \n物业服务阳光运行\n\n正文一句。\n')[0]).toEqual({
      kicker: null,
      headline: ['推出194项服务“清单”', '力促住宅小区', '物业服务阳光运行'],
      subhead: null,
    });
  });

  it('labelled lines (引题：主题：副题：, 【引题】, traditional 引題) go to their parts', () => {
    const r = deckOf('引题：坚持“一县一策”\n主题：农村饮水安全保障水平持续提升\n副题：普及率达到93%\n\n本报讯 正文一句。\n\n（张三）\n\n【肩題】聚焦“三个转变”\n【主題】太原推动制造业发展\n\n正文一句。\n');
    expect(r).toEqual([
      { kicker: '坚持“一县一策”', headline: ['农村饮水安全保障水平持续提升'], subhead: '普及率达到93%' },
      { kicker: '聚焦“三个转变”', headline: ['太原推动制造业发展'], subhead: null },
    ]);
  });

  it('labelled lines in blocks of their own make one deck', () => {
    expect(deckOf('引题：聚焦“三个转变”\n\n主题：太原推动制造业发展\n\n副题：出台十条措施\n\n正文一句。\n')).toEqual([
      { kicker: '聚焦“三个转变”', headline: ['太原推动制造业发展'], subhead: '出台十条措施' },
    ]);
  });

  it('heading levels give the parts: a smaller line over the # headline is its kicker, under it its subhead', () => {
    expect(deckOf('## 聚焦“三个转变”\n# 太原推动制造业发展\n## 出台十条措施\n\n正文一句。\n')).toEqual([
      { kicker: '聚焦“三个转变”', headline: ['太原推动制造业发展'], subhead: '出台十条措施' },
    ]);
  });

  it('a budget of headlines one a line stays one empty article per headline', () => {
    const r = importText('## 第一条标题\n## 第二条标题\n\n## 第三条标题\n');
    expect(r.articles.map((a) => a.content.headline)).toEqual([['第一条标题'], ['第二条标题'], ['第三条标题']]);
  });
});

describe('English decks', () => {
  it('a Kicker: line over the # headline is its kicker, not an article of its own', () => {
    const r = importText('Kicker: CITY HALL\n\n# Council approves parks budget\n\n## Vote splits 5-2\n\nBy Maria Lopez\n\nThe council voted Tuesday.\n');
    expect(r.articles).toHaveLength(1);
    expect(r.articles[0].content).toMatchObject({ kicker: 'CITY HALL', headline: ['Council approves parks budget'], subhead: 'Vote splits 5-2' });
    expect(r.articles[0].content.body).toEqual([{ type: 'paragraph', text: 'The council voted Tuesday.' }]);
  });

  it('Overline:, Hed: and Dek: fill a plain-text deck; the next line is still the headline', () => {
    const plain = importText('Overline: HIGH SCHOOL SPORTS\n\nRiverton edges Central in overtime\n\nJaylen Smith hit two free throws.\n\nRiverton won 58-56.\n');
    expect(plain.articles[0].content).toMatchObject({ kicker: 'HIGH SCHOOL SPORTS', headline: ['Riverton edges Central in overtime'] });
    expect(plain.articles[0].content.body).toHaveLength(2);
    const labelled = importText('Hed: Plant closing to cost 300 jobs\nDek: Acme will shut its River Road plant in March\n\nThe plant will close.\n\nWorkers were told Wednesday.\n');
    expect(labelled.articles[0].content).toMatchObject({ kicker: null, headline: ['Plant closing to cost 300 jobs'], subhead: 'Acme will shut its River Road plant in March' });
  });

  it('a smaller heading over the # headline in one block is its kicker (### CITY HALL ⏎ # … ⏎ ## …)', () => {
    const r = importText('### CITY HALL\n# Council approves parks budget\n## Vote splits 5-2\n\nBy Maria Lopez\n\nThe council voted.\n');
    expect(r.articles).toHaveLength(1);
    expect(r.articles[0].content).toMatchObject({ kicker: 'CITY HALL', headline: ['Council approves parks budget'], subhead: 'Vote splits 5-2', byline: 'By Maria Lopez' });
    // a crosshead in the body stays one
    const body = importText('# Budget passes\n\nThe vote was 5-2.\n\n### What comes next\n\nThe mayor signs it.\n');
    expect(body.articles[0].content.body.map((b) => b.type)).toEqual(['paragraph', 'subhead', 'paragraph']);
  });

  it('a smaller heading alone over the # headline, a blank line between, is its kicker, not an article of its own', () => {
    for (const [copy, kicker, headline] of [
      ['### TRANSPORTATION\n\n# Transit board approves rail extension\n\n## Line would reach Northgate by 2029\n\nBy Jane Doe\n\nRIVERTON — The board voted 7-2.\n', 'TRANSPORTATION', 'Transit board approves rail extension'],
      ['## CITY HALL\n\n# Council approves parks budget\n\nThe council voted 5-2.\n', 'CITY HALL', 'Council approves parks budget'],
      ['## 聚焦“三个转变”\n\n# 太原推动制造业高质量发展\n\n本报讯 今年以来，我市出台多项支持政策。\n\n记者 李静\n', '聚焦“三个转变”', '太原推动制造业高质量发展'],
    ]) {
      const r = importText(copy);
      expect(r.articles, copy).toHaveLength(1);
      expect(r.articles[0].content, copy).toMatchObject({ kicker, headline: [headline] });
      expect(r.articles[0].content.body.map((b) => b.type), copy).toEqual(['paragraph']);
      expect(r.warnings, copy).toEqual([]);
    }
    // the subhead under such a deck is still its dek
    expect(deckOf('### TRANSPORTATION\n\n# Transit board approves rail extension\n\n## Line would reach Northgate\n\nThe board voted.\n')[0].subhead).toBe('Line would reach Northgate');
    // a crosshead closing a story's text stays that story's, and the next # opens a story with no kicker
    const two = deckOf('# Story one\n\nText one.\n\n### More\n\n# Story two\n\nText two.\n');
    expect(two.map((d) => d.kicker)).toEqual([null, null]);
  });

  it('a label in the body is text', () => {
    const r = importText('# Budget passes\n\nThe vote was 5-2.\n\nDeck: the city will rebuild the pier deck next year.\n');
    expect(r.articles[0].content.subhead).toBeNull();
    expect(r.articles[0].content.body).toHaveLength(2);
  });
});

describe('a 副题 in a block of its own', () => {
  it('right under the headline it is the subhead, not glued to the 本报讯 paragraph', () => {
    for (const head of ['## 我市年货市场供应充足', '我市年货市场供应充足']) {
      const r = importText(`${head}\n\n——记者走访多家商超\n\n本报讯（记者 王晓燕）春节临近，年货琳琅满目。\n`);
      expect(r.articles).toHaveLength(1);
      expect(r.articles[0].content).toMatchObject({ headline: ['我市年货市场供应充足'], subhead: '——记者走访多家商超', lead: '本报讯', byline: '记者 王晓燕' });
      expect(r.articles[0].content.body).toEqual([{ type: 'paragraph', text: '春节临近，年货琳琅满目。' }]);
    }
  });

  it('under a crosshead in a story’s text it stays text', () => {
    const r = importText('## 标题\n\n正文一段。\n\n## 小标题\n\n——摘自本报评论\n\n正文二段。\n');
    expect(r.articles).toHaveLength(1);
    expect(r.articles[0].content.subhead).toBeNull();
  });
});
