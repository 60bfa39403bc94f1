// Run-in brief titles: a brief whose bold title runs into its first sentence.
import { describe, expect, it } from 'vitest';
import { bodyText, type BriefBlock } from '../../../shared/model';
import { importText } from '../../../shared/import';

const briefs = (text: string) => {
  const a = importText(text).articles[0].content;
  return { kind: a.kind, headline: a.headline, editorCredit: a.editorCredit, items: a.body.map((b) => (b.type === 'brief' ? [b.title, ...(b as BriefBlock).paragraphs.map((p) => p.text)] : [b.type])) };
};

describe('Chinese run-in briefs', () => {
  it('■标题　本报讯 … paragraphs make a briefs column with the titles split off', () => {
    const r = briefs('## 短讯\n\n■市图书馆春节期间正常开放　本报讯 春节期间，市图书馆正常开放。\n\n●地铁2号线延长运营时间本报讯 1月26日起，末班车延长至23:00。\n\n另有一段补充说明。\n\n（以上由王勇编辑整理）\n');
    expect(r).toEqual({
      kind: 'briefs',
      headline: ['短讯'],
      editorCredit: '以上由王勇编辑整理',
      items: [
        ['市图书馆春节期间正常开放', '本报讯 春节期间，市图书馆正常开放。'],
        ['地铁2号线延长运营时间', '本报讯 1月26日起，末班车延长至23:00。', '另有一段补充说明。'],
      ],
    });
  });

  it('【标题】 run-in titles too', () => {
    const r = briefs('【图书馆春节正常开放】春节期间，市图书馆正常开放。\n\n【地铁末班车延后】1月26日起，末班车延长至23:00。\n');
    expect(r.items).toEqual([
      ['图书馆春节正常开放', '春节期间，市图书馆正常开放。'],
      ['地铁末班车延后', '1月26日起，末班车延长至23:00。'],
    ]);
  });

  it('one ■ paragraph, or ■ paragraphs inside a story’s text, stay paragraphs as written', () => {
    const one = importText('## 新闻标题\n\n■市图书馆春节期间正常开放　本报讯 春节期间正常开放。\n\n记者 李静\n');
    expect(bodyText(one.articles[0].content)).toBe('■市图书馆春节期间正常开放　本报讯 春节期间正常开放。');
    const story = importText('## 新闻标题\n\n导语一段。\n\n■细节一　第一件事。\n\n■细节二　第二件事。\n\n记者 李静\n');
    expect(story.articles[0].content.kind).toBe('story');
    expect(bodyText(story.articles[0].content)).toBe('导语一段。\n■细节一　第一件事。\n■细节二　第二件事。');
  });
});

describe('English run-in briefs', () => {
  const column = '# Around Town\n\n**Road closed.** The city will close Elm Street on Monday.\n\n**Food drive** — The Lions Club will collect *canned* food Saturday.\n\n— From staff reports\n';

  it('**Road closed.** The city… paragraphs make a briefs column; the sign-off is its editor credit', () => {
    expect(briefs(column)).toEqual({
      kind: 'briefs',
      headline: ['Around Town'],
      editorCredit: 'From staff reports',
      items: [
        ['Road closed', 'The city will close Elm Street on Monday.'],
        ['Food drive', 'The Lions Club will collect canned food Saturday.'],
      ],
    });
    // marks after the title move with the text
    const food = importText(column).articles[0].content.body[1] as BriefBlock;
    const at = food.paragraphs[0].text.indexOf('canned');
    expect(food.paragraphs[0].marks).toEqual([{ type: 'italic', start: at, end: at + 'canned'.length }]);
  });

  it('a column of ### titles closed by "Compiled by Jane Doe" keeps the sign-off out of the last brief', () => {
    const r = briefs('# Briefs\n\n### Library hours\n\nThe library stays open late.\n\n### Pool opens\n\nThe pool opens Saturday.\n\nCompiled by Jane Doe\n');
    expect(r.kind).toBe('briefs');
    expect(r.editorCredit).toBe('Compiled by Jane Doe');
    expect(r.items[1]).toEqual(['Pool opens', 'The pool opens Saturday.']);
  });

  it('an interview’s **Q:** and **A:** stay a story', () => {
    const r = importText('# Talking with the mayor\n\n**Q:** Why now?\n\n**A:** Because the budget allows it.\n');
    expect(r.articles[0].content.kind).toBe('story');
  });
});
