// Bylines and sign-offs as desks file them: who wrote a piece, and the lines that close it.
import { describe, expect, it } from 'vitest';
import { bodyText } from '../../../shared/model';
import { importText } from '../../../shared/import';

describe('Chinese bylines', () => {
  it('a commentator’s byline (本报评论员 郑言) is the byline, not glued to the first paragraph', () => {
    const r = importText('## 让“烟火气”更可持续\n\n本报评论员 郑言\n\n街头巷尾的小吃摊，构成了城市的底色。\n\n需要管理者拿出绣花功夫。\n');
    expect(r.articles[0].content.byline).toBe('本报评论员 郑言');
    expect(bodyText(r.articles[0].content)).toBe('街头巷尾的小吃摊，构成了城市的底色。\n需要管理者拿出绣花功夫。');
  });

  it('an editorial signed by the paper alone (本报评论员, 本报编辑部) is a byline too', () => {
    for (const sign of ['本报评论员', '新华社评论员', '本报编辑部', '本報特約評論員']) {
      const r = importText(`## 社论标题\n\n${sign}\n\n第一段文字。\n`);
      expect(r.articles[0].content.byline).toBe(sign);
      expect(bodyText(r.articles[0].content)).toBe('第一段文字。');
    }
  });
});

describe('English wire copy and bylines', () => {
  const wire =
    'BC-US--Winter Storm, 1st Ld-Writethru\n\nWinter storm knocks out power in Northeast\n\nBy JANE DOE\nAssociated Press\n\nBOSTON (AP) — A winter storm knocked out power to 200,000 homes on Friday.\n\nSchools were closed.\n\n___\n\nAssociated Press writer John Roe in Hartford, Connecticut, contributed to this report.';

  it('an AP slug line is not the headline: kept out with a furniture warning, the headline under it', () => {
    const r = importText(wire);
    expect(r.articles[0].content.headline).toEqual(['Winter storm knocks out power in Northeast']);
    expect(r.warnings.map((w) => [w.code, w.line, w.text])).toEqual([['furniture', 1, 'BC-US--Winter Storm, 1st Ld-Writethru']]);
  });

  it('a byline with its organisation or title on the next line is one byline, not a paragraph', () => {
    expect(importText(wire).articles[0].content.byline).toBe('By JANE DOE, Associated Press');
    const md = importText('# Riverton edges Central\n\nBy Tom Baker\nSports Writer\n\nRiverton won 58-56 on Friday.\n');
    expect(md.articles[0].content.byline).toBe('By Tom Baker, Sports Writer');
    expect(md.articles[0].content.body).toHaveLength(1);
    const mail = importText('# Plant to close\n\nBy Sam Green\nsgreen@rivertontimes.com\n\nThe plant will close in March.\n');
    expect(mail.articles[0].content.byline).toBe('By Sam Green, sgreen@rivertontimes.com');
    // a byline's next line that is a sentence stays a paragraph of its own block
    const lead = importText('# Plant to close\n\nBy Sam Green\nThe plant will close in March, the company said.\n');
    expect(lead.articles[0].content.byline).toBeNull();
  });

  it('the ___ over a plain wire story’s tag line prints nothing; the tag line stays the story’s', () => {
    const body = bodyText(importText(wire).articles[0].content);
    expect(body).not.toContain('___');
    expect(body.endsWith('contributed to this report.')).toBe(true);
  });
});

describe('editor’s notes (编者按)', () => {
  it('a note over the deck opens the story: the deck is its headline, not body text glued to the lead', () => {
    const r = importText('【编者按】今日起，本报推出“夜太原”系列报道，敬请关注。\n\n钟楼街的夜\n烟火气里看活力\n\n本报讯（记者 陈晨）入夜，钟楼街游人如织。\n\n编后：夜经济更是城市治理能力的体现。\n');
    expect(r.articles).toHaveLength(1);
    const c = r.articles[0].content;
    expect(c.headline).toEqual(['钟楼街的夜', '烟火气里看活力']);
    // the note prints first, the lead stays in the text after it (layout sets a lead at the head of the first paragraph)
    expect(bodyText(c)).toBe('【编者按】今日起，本报推出“夜太原”系列报道，敬请关注。\n本报讯　入夜，钟楼街游人如织。\n编后：夜经济更是城市治理能力的体现。');
    expect(r.warnings).toEqual([]);
  });

  it('the 本报讯 lead after a note is set as every lead is: bold, its reporter in the byline', () => {
    // It printed 本报讯（记者 陈晨）入夜 in roman, the byline in the text, beside stories whose 本报讯 was bold.
    for (const note of ['【编者按】今日起，本报推出“夜太原”系列报道。', '编者按：今日起，本报推出“夜太原”系列报道。']) {
      const c = importText(`## 钟楼街的夜\n\n${note}\n\n本报讯（记者 陈晨）入夜，钟楼街游人如织。\n\n“客流比白天还多。”店主说。\n`).articles[0].content;
      expect(c).toMatchObject({ lead: null, byline: '记者 陈晨' });
      expect(c.body[1]).toEqual({ type: 'paragraph', text: '本报讯　入夜，钟楼街游人如织。', marks: [{ type: 'bold', start: 0, end: 3 }] });
      expect(c.body[0]).toMatchObject({ text: note });
    }
  });

  it('a note’s label and an afterword’s are bold, so the note reads as the desk’s, not the story’s', () => {
    // They printed in roman, one more paragraph of the story.
    const c = importText('## 钟楼街的夜\n\n【编者按】今日起，本报推出系列报道。\n\n本报讯 入夜，游人如织。\n\n编后：夜经济是城市治理能力的体现。\n\n编后记者发现，夜市仍在营业。\n').articles[0].content;
    const label = (i: number) => {
      const b = c.body[i];
      return b.type === 'paragraph' ? (b.marks ?? []).map((m) => `${m.type}:${b.text.slice(m.start, m.end)}`) : [];
    };
    expect([label(0), label(2), label(3)]).toEqual([['bold:【编者按】'], ['bold:编后：'], []]);
    // an agency's dateline keeps its reporter: over the story he would read as the paper's
    const xinhua = importText('## 春运启动\n\n编者按：今日起，本报推出春运系列报道。\n\n新华社北京1月26日电（记者 王飞航）春运启动。\n').articles[0].content;
    expect(xinhua.byline).toBeNull();
    expect(xinhua.body[1]).toMatchObject({ text: '新华社北京1月26日电（记者 王飞航）　春运启动。', marks: [{ type: 'bold', start: 0, end: '新华社北京1月26日电（记者 王飞航）'.length }] });
  });

  it('a note after one story’s text opens the next story, with the deck that follows', () => {
    const r = importText('## 第一篇\n\n第一篇的正文。\n\n编者按：下文是读者来信。\n\n读者来信\n谈夜经济\n\n来信正文。\n');
    expect(r.articles.map((a) => [a.content.headline, bodyText(a.content)])).toEqual([
      [['第一篇'], '第一篇的正文。'],
      [['读者来信', '谈夜经济'], '编者按：下文是读者来信。\n来信正文。'],
    ]);
  });
});

describe('photo captions', () => {
  it('the desk’s label (图片说明：, 图说：, 【图注】) is not printed with the caption', () => {
    for (const label of ['图片说明：', '图说:', '【图注】', '圖說：']) {
      const r = importText(`## 冰雪进校园\n\n活动启动。\n\n${label}学生在体验旱地冰壶。记者 牛晨阳 摄\n\n记者 刘佳\n`);
      const photo = r.articles.find((a) => a.content.kind === 'photo')!.content.body[0];
      expect(photo).toEqual({ type: 'photo', caption: '学生在体验旱地冰壶。', credit: '记者 牛晨阳 摄', asset: null });
    }
  });
});

describe('English taglines', () => {
  const last = (text: string) => importText(text).articles[0].content.body.at(-1);

  it('a story’s closing tagline is set in italic, its words as written', () => {
    for (const tag of [
      '— Staff writer Sam Green',
      'Contact the writer at mlopez@rivertontimes.com or 555-0142.',
      '— Staff writer Tom Baker can be reached at tbaker@rivertontimes.com.',
      'Ruth Allen is a columnist for The Riverton Times. Email her at rallen@rivertontimes.com.',
      'Associated Press writer John Roe in Hartford, Connecticut, contributed to this report.',
    ]) {
      for (const copy of [`# Plant to close\n\nThe plant will close in March.\n\n${tag}\n`, `Plant to close\n\nThe plant will close in March.\n\n${tag}\n`]) {
        expect(last(copy)).toEqual({ type: 'paragraph', text: tag, marks: [{ type: 'italic', start: 0, end: tag.length }] });
      }
    }
  });

  it('in Markdown, a tagline after a --- or ___ rule stays its story’s (AP files tag lines under a rule); other text after a rule is an article of its own', () => {
    const tag = 'Associated Press writer John Roe in Hartford, Connecticut, contributed to this report.';
    for (const rule of ['___', '---']) {
      const r = importText(`# Storm knocks out power\n\nA winter storm knocked out power on Friday.\n\n${rule}\n\n${tag}\n\n— Staff writer Sam Green\n\n${rule}\n\n# Plant to close\n\nThe plant will close in March.\n`, { format: 'markdown' });
      expect(r.articles.map((a) => a.content.headline)).toEqual([['Storm knocks out power'], ['Plant to close']]);
      expect(r.articles[0].content.body.slice(1)).toEqual([
        { type: 'paragraph', text: tag, marks: [{ type: 'italic', start: 0, end: tag.length }] },
        { type: 'paragraph', text: '— Staff writer Sam Green', marks: [{ type: 'italic', start: 0, end: 24 }] },
      ]);
    }
    // Text after the rule that is no tagline starts an article, as before.
    const brief = importText('# Storm knocks out power\n\nA winter storm knocked out power on Friday.\n\n---\n\nThe library reopens Monday after repairs.\n', { format: 'markdown' });
    expect(brief.articles).toHaveLength(2);
    expect(brief.articles[1].content.body).toEqual([{ type: 'paragraph', text: 'The library reopens Monday after repairs.' }]);
  });

  it('an ordinary last paragraph, or the story’s only one, is left alone', () => {
    expect(last('# Plant to close\n\nThe plant will close in March.\n\nThe mayor was not available for comment.\n')).toEqual({ type: 'paragraph', text: 'The mayor was not available for comment.' });
    expect(last('# Plant to close\n\nContact the plant at info@acme.com for job listings.\n')).toEqual({ type: 'paragraph', text: 'Contact the plant at info@acme.com for job listings.' });
  });
});

describe('English editor’s notes', () => {
  it('a note over the headline stays with its story, printed first and in italic', () => {
    const note = 'Editor’s note: This is the first of a three-part series on housing.';
    for (const copy of [
      `*Editor's note: This is the first of a three-part series on housing.*\n\n# Rents climb faster than wages\n\nBy Ana Lopez\n\nRents rose 9% last year.\n`,
      `Editor's note: This is the first of a three-part series on housing.\n\nRents climb faster than wages\n\nBy Ana Lopez\n\nRents rose 9% last year.\n`,
    ]) {
      const r = importText(copy);
      expect(r.articles).toHaveLength(1);
      expect(r.articles[0].content).toMatchObject({ headline: ['Rents climb faster than wages'], byline: 'By Ana Lopez' });
      expect(r.articles[0].content.body).toEqual([
        { type: 'paragraph', text: note, marks: [{ type: 'italic', start: 0, end: note.length }] },
        { type: 'paragraph', text: 'Rents rose 9% last year.' },
      ]);
    }
  });
});
