// Pictures named by Markdown, in English and in Chinese copy: the photo block keeps the path as
// written (the CLI stores the file and puts its reference there) and the result lists each
// picture with its line, for the warnings of a file that cannot be used.
import { describe, expect, it } from 'vitest';
import { importText } from '../../../shared/import';

describe('Markdown pictures', () => {
  it('lists each picture with its line and keeps its path in the photo block', () => {
    const r = importText('# Council approves budget\n\nThe council voted.\n\n![The vote](photos/vote.jpg "Jane Doe")\n\n![No file]()\n\n![Again](photos/vote.jpg)\n\nMore text.\n');
    expect(r.pictures).toEqual([
      { line: 5, path: 'photos/vote.jpg' },
      { line: 9, path: 'photos/vote.jpg' },
    ]);
    expect(r.articles[0].content.body.filter((b) => b.type === 'photo').map((b) => b.type === 'photo' && b.asset)).toEqual(['photos/vote.jpg', null, 'photos/vote.jpg']);
  });

  it('Chinese Markdown: a picture is read as a photo, not printed as text; in a story it is the story\'s', () => {
    const r = importText('# 太原推动文旅融合\n\n![图片说明：1月27日，游客在钟楼街游览。牛晨阳 摄](photos/a.jpg)\n\n本报讯（记者 李静）太原市今年推动文旅融合，游客人数创新高。\n\n![雪后晋祠](b.jpg "王勇 摄")\n\n春节期间各景区正常开放。\n');
    expect(r.articles).toHaveLength(1);
    const c = r.articles[0].content;
    // The lead and byline are read as ever, the picture above the text notwithstanding.
    expect(c).toMatchObject({ kind: 'story', headline: ['太原推动文旅融合'], lead: '本报讯', byline: '记者 李静' });
    expect(c.body).toEqual([
      { type: 'photo', caption: '1月27日，游客在钟楼街游览。', credit: '牛晨阳 摄', asset: 'photos/a.jpg' },
      { type: 'paragraph', text: '太原市今年推动文旅融合，游客人数创新高。' },
      { type: 'photo', caption: '雪后晋祠', credit: '王勇 摄', asset: 'b.jpg' },
      { type: 'paragraph', text: '春节期间各景区正常开放。' },
    ]);
    expect(r.pictures).toEqual([
      { line: 3, path: 'photos/a.jpg' },
      { line: 7, path: 'b.jpg' },
    ]);
  });

  it('Chinese Markdown: a picture with no story open is a news photo, and the story after it is its own', () => {
    const r = importText('![1月27日，游客在钟楼街游览。](photos/a.jpg "牛晨阳 摄")\n\n# 另一篇\n\n本报讯 正文在此。\n');
    expect(r.articles.map((a) => [a.content.kind, a.content.headline, a.content.body.length])).toEqual([
      ['photo', [], 1],
      ['story', ['另一篇'], 1],
    ]);
  });
});
