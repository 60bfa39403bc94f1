// Copy furniture: what a manuscript carries that is not printed as the story's text.
import { describe, expect, it } from 'vitest';
import { bodyText } from '../../../shared/model';
import { importText } from '../../../shared/import';

describe('production lines (责任编辑, 校对)', () => {
  it('are kept out of the body and reported, one line each, in any of the ways desks type them', () => {
    const r = importText('## 年货市场供应充足\n\n本报讯 市场供应充足。\n\n价格总体平稳。\n\n责任编辑：李明\n校对：赵红\n\n## 铁路春运启动\n\n春运今日启动。\n\n责任编辑　王勇　校对 李丽\n');
    expect(r.articles.map((a) => bodyText(a.content))).toEqual(['市场供应充足。\n价格总体平稳。', '春运今日启动。']);
    expect(r.warnings.map((w) => [w.code, w.line, w.text])).toEqual([
      ['furniture', 7, '责任编辑：李明'],
      ['furniture', 8, '校对：赵红'],
      ['furniture', 14, '责任编辑　王勇　校对 李丽'],
    ]);
  });

  it('sign a story off: text after them is no longer glued to it', () => {
    const r = importText('## 铁路春运启动\n\n春运今日启动。\n\n责编：孙丽\n\n另一篇稿件的一段文字。\n');
    expect(bodyText(r.articles[0].content)).toBe('春运今日启动。');
    expect(r.warnings.map((w) => w.code)).toEqual(['furniture', 'orphan-fragment']);
  });

  it('are text when a sentence merely starts with the word', () => {
    const r = importText('## 出版业调研\n\n编辑部门认为\n\n编辑：要让读者读懂。\n');
    expect(bodyText(r.articles[0].content)).toBe('编辑部门认为编辑：要让读者读懂。');
  });
});

describe('English production lines (Copy editor: J. Smith)', () => {
  it('are kept out of the story and reported, and the tagline over them is the story’s last line, in italic', () => {
    for (const copy of [
      '# Plant closing to cost 300 jobs\n\nBy Sam Green\n\nThe plant will close in March.\n\nWorkers were told Wednesday.\n\n— Staff writer Sam Green\n\nCopy editor: J. Smith\n',
      'Plant closing to cost 300 jobs\n\nBy Sam Green\n\nThe plant will close in March.\n\nWorkers were told Wednesday.\n\n— Staff writer Sam Green\n\nEdited by Ann Lee and Tom Ray\n',
    ]) {
      const r = importText(copy);
      const body = r.articles[0].content.body;
      expect(bodyText(r.articles[0].content), copy).toBe('The plant will close in March.\nWorkers were told Wednesday.\n— Staff writer Sam Green');
      expect(body.at(-1), copy).toMatchObject({ marks: [{ type: 'italic', start: 0, end: '— Staff writer Sam Green'.length }] });
      expect(r.warnings.map((w) => [w.code, w.line]), copy).toEqual([['furniture', 11]]);
    }
  });

  it('are text when the line is a sentence, or opens the copy', () => {
    const r = importText('# Ask the mayor\n\nThe mayor answered readers’ questions.\n\nEditor: What comes next for the pier?\n');
    expect(bodyText(r.articles[0].content)).toBe('The mayor answered readers’ questions.\nEditor: What comes next for the pier?');
    expect(r.warnings).toEqual([]);
  });
});
