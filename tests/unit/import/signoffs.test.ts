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
