// One test per preflight rule, plus the shape of an issue.
import { describe, expect, it } from 'vitest';
import { commandContext } from '../../../shared/edition/commands';
import { effectivePpi, preflight, preflightLayout, reportIssues, hasErrors, looseness, ISSUE_SEVERITY, LOOSE_LETTER_SPACE, LOOSE_WORD_SPACE, type Issue, type PreflightArticle, type PreflightImage } from '../../../shared/edition/preflight';
import { NEWSPRINT_INK_LIMIT } from '../../../shared/images/jpeg-ink';
import { layoutEdition } from '../../../shared/layout/edition';
import { emptyContent, type ArticleContent } from '../../../shared/model/article';
import { fillPageFormat, type Edition } from '../../../shared/model/edition';
import { SHIPPED_TEMPLATES } from '../../../shared/model/templates';
import { createFakeProvider } from '../../helpers/fake-font';
import { blank, EN, jumped, jumpedCommands, run, ZH } from './fixtures';

const provider = createFakeProvider();
const content = (chars: number, headline: string): ArticleContent => ({ ...emptyContent('zh'), headline: [headline], body: [{ type: 'paragraph', text: '文'.repeat(chars) }] });
const library = (entries: [number, Partial<PreflightArticle>][]) => new Map(entries.map(([id, a]) => [id, { continuedFrom: null, headline: [`稿${id}`], ...a }]));
const only = (issues: Issue[], code: string) => issues.filter((i) => i.code === code);

function laidOut(doc: Edition, texts: Map<number, ArticleContent>) {
  return preflightLayout(layoutEdition(provider, { edition: doc, template: ZH, articles: texts }));
}

describe('preflight', () => {
  it('passes a clean edition: only its placeholders are named, as warnings', () => {
    const issues = preflight(jumped(), { template: ZH, articles: library([[1, {}], [2, {}]]) });
    expect(issues.map((i) => [i.code, i.page, i.frames])).toEqual([
      ['placeholder', 1, ['f6']],
      ['placeholder', 2, ['f8']],
    ]);
    expect(hasErrors(issues)).toBe(false);
  });

  it('a story that ends well above its last frame\'s foot is an underfull warning (a hole on the page)', () => {
    const doc = jumped();
    // article 2 ends on page 3 (f9, 30 lines) with a few lines of text; article 1 is long.
    const layout = laidOut(doc, new Map([[1, content(5000, '长稿')], [2, content(1700, '乙')]]));
    expect(layout.underfull?.map((u) => u.frame)).toEqual(['f9']);
    const issues = only(preflight(doc, { template: ZH, layout, articles: library([[1, {}], [2, { headline: ['乙'] }]]) }), 'underfull');
    expect(issues.map((i) => [i.severity, i.page, i.frame, i.article])).toEqual([['warning', 3, 'f9', 2]]);
    const lines = layout.underfull![0].lines;
    expect(issues[0].message.en).toBe(`The text of “乙” (frame f9) on page 3 ends ${lines} lines above the frame's foot: a hole on the page (shorten the frame or add text)`);
  });

  it("the engine's own check of the text (text-broken) is an error that names the frame", () => {
    const doc = jumped();
    const issues = only(preflight(doc, { template: ZH, articles: library([[1, { headline: ['甲'] }], [2, {}]]), layout: { overset: {}, frames: {}, frameProblems: [{ page: 3, frame: 'f10', code: 'text-broken' }] } }), 'text-broken');
    expect(issues.map((i) => [i.severity, i.page, i.frame, i.article])).toEqual([['error', 4, 'f10', 1]]);
    expect(issues[0].message.en).toBe('The text of “甲” (frame f10) on page 4 does not go on where the lines before it stopped: words are repeated or lost (a fault of Pasteup; please report it)');
  });

  it('names each page holding picture or ad placeholders, pictures inside stories too (from the layout)', () => {
    const doc = jumped();
    const issues = only(preflight(doc, { template: ZH, layout: { overset: {}, frames: { f5: { lines: 40 }, f7: { lines: 30, photos: 1 } } } }), 'placeholder');
    expect(issues.map((i) => [i.page, i.frames, i.severity])).toEqual([
      [1, ['f6'], 'warning'],
      [2, ['f7', 'f8'], 'warning'],
    ]);
    expect(issues[1].message.en).toBe('Page 2 holds picture or ad placeholders (frames f7, f8): no picture is placed there, so the plate prints a grey box or a labelled outline');
    expect(issues[1].message.zh).toBe('第2版有图片或广告占位框（框 f7、f8）：未置入图片，印版上是灰框或带字的框线');
    // From a real layout: story 2 has a picture in it.
    const pictured: ArticleContent = { ...content(300, '乙'), body: [{ type: 'photo', caption: '图', credit: null, asset: null }, { type: 'paragraph', text: '文'.repeat(300) }] };
    const layout = laidOut(doc, new Map([[1, content(800, '甲')], [2, pictured]]));
    expect(layout.frames.f7.photos).toBe(1);
    expect(only(preflight(doc, { template: ZH, layout }), 'placeholder').map((i) => i.frames)).toEqual([['f6'], ['f7', 'f8']]);
  });

  it('a report lists the placeholders of several pages on one line, every frame in it, after the other issues', () => {
    // An ad on page 3 over the continuation there: an overlap error, and a third page of placeholders.
    const doc = run(jumped(), [{ type: 'placeAd', page: 'p3', label: '广告', col: 3, span: 2, top: 0, height: 10 }]);
    const issues = preflight(doc, { template: ZH, articles: library([[1, {}], [2, {}]]) });
    const perPage = only(issues, 'placeholder');
    expect(perPage.map((i) => i.page)).toEqual([1, 2, 3]);
    const frames = perPage.flatMap((i) => i.frames);
    const report = reportIssues(issues);
    const grouped = only(report, 'placeholder');
    expect(grouped).toHaveLength(1);
    expect(report[report.length - 1]).toBe(grouped[0]);
    expect(grouped[0]).toMatchObject({ severity: 'warning', page: null, pageLabel: null, frame: null, frames });
    expect(grouped[0].message.en).toBe(`3 pages hold ${frames.length} picture or ad placeholders (${perPage.map((i) => `page ${i.page}: ${i.frames.join(', ')}`).join('; ')}): no picture is placed there, so the plate prints a grey box or a labelled outline`);
    expect(grouped[0].message.zh).toBe(`3 个版面有 ${frames.length} 个图片或广告占位框（${perPage.map((i) => `第${i.page}版：${i.frames.join('、')}`).join('；')}）：未置入图片，印版上是灰框或带字的框线`);
    // The rest as they were, in their order: the overlap first.
    expect(report.filter((i) => i.code !== 'placeholder')).toEqual(issues.filter((i) => i.code !== 'placeholder'));
    expect(report[0].code).toBe('overlap');
    // One page of placeholders: its own issue, as preflight gives it.
    const one = preflight(jumped(), { template: ZH }).filter((i) => i.page !== 2);
    expect(reportIssues(one)).toEqual(one);
  });

  it('overset text in the last part is an error (from the engine’s layout)', () => {
    const doc = jumped();
    const layout = laidOut(doc, new Map([[1, content(5000, '长稿')], [2, content(1700, '乙')]]));
    expect(layout.overset[1]).toBeGreaterThan(0);
    const issues = only(preflight(doc, { template: ZH, layout, articles: library([[1, { headline: ['长稿'] }], [2, {}]]) }), 'overset');
    expect(issues).toEqual([
      {
        code: 'overset',
        severity: 'error',
        page: 4,
        pageLabel: '4',
        frame: 'f10',
        frames: ['f10'],
        article: 1,
        message: {
          zh: expect.stringMatching(new RegExp(`^《长稿》超出 ${layout.overset[1]} 字（第4版，框 f10）：最后 ${layout.lost?.[1].lines} 行排不下，从“…文{2,12}…”起$`)),
          en: expect.stringMatching(new RegExp(`^“长稿” is overset by ${layout.overset[1]} characters \\(page 4, frame f10\\): its last ${layout.lost?.[1].lines} lines do not fit, from “…文{2,12}…”$`)),
        },
      },
    ]);
    expect(layout.lost?.[1].lines).toBeGreaterThan(1);
    expect(hasErrors(issues)).toBe(true);
  });

  describe('overset says what the reader loses: its last lines from their first words, the closing credit, sign-off or tagline', () => {
    /** The overset message of a story in a one-column frame `height` lines deep, for every depth that oversets it (deepest first). */
    const oversets = (template: typeof ZH, story: ArticleContent) => {
      const out: { lines: number; zh: string; en: string }[] = [];
      for (let height = 20; height >= 1; height--) {
        const doc = run(blank(1, template), [{ type: 'placeArticle', page: 'p1', article: 1, col: 0, span: 1, top: 0, height }], commandContext(template));
        const layout = preflightLayout(layoutEdition(provider, { edition: doc, template, articles: new Map([[1, story]]) }));
        const issue = only(preflight(doc, { template, layout, articles: library([[1, { headline: story.headline }]]) }), 'overset')[0];
        if (issue) out.push({ lines: layout.lost?.[1]?.lines ?? 0, ...issue.message });
      }
      return out;
    };

    it('Chinese: the credit （通讯员 赵文斌） alone, or the last lines from a paragraph’s opening words or from mid-paragraph, with the credit', () => {
      const story: ArticleContent = { ...emptyContent('zh'), headline: ['长稿'], credit: '通讯员 赵文斌', body: [{ type: 'paragraph', text: `以降低PM10为攻坚方向${'文'.repeat(40)}` }, { type: 'paragraph', text: `第二段开头${'字'.repeat(37)}` }] };
      const all = oversets(ZH, story);
      // The deepest frame that oversets it loses the credit alone, on its own line.
      expect(all[0].zh).toMatch(/^《长稿》超出 8 字（第1版，框 f2）：文末署名“（通讯员 赵文斌）”排不下$/);
      expect(all[0].en).toMatch(/^“长稿” is overset by 8 characters \(page 1, frame f2\): its closing credit “（通讯员 赵文斌）” does not fit$/);
      // A frame that stops at the second paragraph: its opening words, no ellipsis before them.
      const opening = all.find((m) => m.zh.includes('从“第二段开头'));
      expect(opening?.zh).toBe(`《长稿》超出 ${opening?.zh.match(/超出 (\d+) 字/)?.[1]} 字（第1版，框 f2）：最后 ${opening?.lines} 行排不下，从“第二段开头字字字字…”起，连同文末署名“（通讯员 赵文斌）”`);
      expect(opening?.en).toContain(`its last ${opening?.lines} lines do not fit, from “第二段开头字字字字…”, with its closing credit “（通讯员 赵文斌）”`);
      // Cut in mid-paragraph: the line's words with an ellipsis before them.
      expect(all.some((m) => /最后 \d+ 行排不下，从“…[^“]*”起，连同文末署名“（通讯员 赵文斌）”$/.test(m.zh))).toBe(true);
      // Shallower frames lose more lines.
      expect(all.map((m) => m.lines)).toEqual([...all.map((m) => m.lines)].sort((a, b) => a - b));
    });

    it('a photo that finds no room is named: alone when the text all fits (a photo without a caption is no character of overset), else after the lines', () => {
      const story: ArticleContent = { ...emptyContent('zh'), headline: ['图稿'], body: [{ type: 'paragraph', text: '文'.repeat(60) }, { type: 'photo', caption: '', credit: null, asset: null }] };
      const all = oversets(ZH, story);
      // Deepest first: the text fits and the photo does not; before the fix no issue was given.
      expect(all[0]).toEqual({ lines: 0, zh: '《图稿》超出版面（第1版，框 f2）：一幅图片排不下，印版上没有', en: '“图稿” is overset (page 1, frame f2): a photo does not fit and is not printed' });
      const cut = all.find((m) => m.lines > 0);
      expect(cut?.zh).toMatch(/^《图稿》超出 \d+ 字（第1版，框 f2）：最后.*排不下.*，一幅图片也排不下$/);
      expect(cut?.en).toMatch(/^“图稿” is overset by \d+ characters \(page 1, frame f2\): its last .*; a photo does not fit either$/);
    });

    it('English: the tagline and the sign-off are named as such, and the words of the first line lost are quoted', () => {
      const tagline = '— Staff writer Sam Green';
      const story: ArticleContent = {
        ...emptyContent('en'),
        headline: ['Storm'],
        editorCredit: 'From staff reports',
        body: [
          { type: 'paragraph', text: 'Firefighters battled a fast-moving wildfire on Tuesday as winds rose across the valley and the town emptied.' },
          { type: 'paragraph', text: 'Residents of the north side were told to leave by noon, officials said.' },
          { type: 'paragraph', text: tagline, marks: [{ type: 'italic', start: 0, end: tagline.length }] },
        ],
      };
      const all = oversets(EN, story);
      expect(all[0].en).toMatch(/: its sign-off “— From staff reports” does not fit$/);
      expect(all[0].zh).toMatch(/：文末编辑署名“— From staff reports”排不下$/);
      expect(all[1].en).toMatch(/: its tagline “— Staff writer Sam Green” and its sign-off “— From staff reports” do not fit$/);
      const opening = all.find((m) => m.en.includes('from “Residents'));
      expect(opening?.en).toMatch(new RegExp(`: its last ${opening?.lines} lines do not fit, from “Residents of the north…”, with its tagline “— Staff writer Sam Green”, its sign-off “— From staff reports”$`));
      // Not italic from end to end: a last paragraph like any other, its words quoted as text.
      const plain = oversets(EN, { ...story, editorCredit: null, body: story.body.map((b) => (b.type === 'paragraph' ? { type: 'paragraph' as const, text: b.text } : b)) });
      expect(plain[0].en).toMatch(/: its last line does not fit: “— Staff writer Sam…”$/);
      // A long tagline is quoted by its first words, as a line is.
      const note = 'Associated Press writer John Roe in Hartford, Connecticut, contributed to this report.';
      const long = oversets(EN, { ...story, editorCredit: null, body: [...story.body.slice(0, 2), { type: 'paragraph', text: note, marks: [{ type: 'italic', start: 0, end: note.length }] }] });
      expect(long[0].en).toMatch(/: its tagline “Associated Press writer John Roe in…” does not fit$/);
      expect(long[0].zh).toMatch(/：文末附记“Associated Press writer John Roe in…”排不下$/);
      // A line that opens a quotation is quoted with its quote marks made single, not doubled.
      const quoted = oversets(EN, { ...story, editorCredit: null, body: [story.body[0], { type: 'paragraph', text: '“It was the biggest fire in years,” the chief said.' }] });
      expect(quoted.some((m) => m.en.includes('from “‘It was the'))).toBe(true);
      expect(quoted.every((m) => !m.en.includes('““'))).toBe(true);
    });
  });

  it('a photo caption too long for its frame is an overset error (the export would drop its end and the credit)', () => {
    // The QA plan: a one-column, five-line photo frame with a 48-character caption.
    const caption = '1月27日，山西省击剑俱乐部联赛总决赛在山西体育中心自行车馆举行，来自全省的300余名击剑爱好者参赛。';
    const doc = run(blank(1), [{ type: 'placePhoto', page: 'p1', caption, credit: '牛晨阳 摄', asset: null, col: 0, span: 1, top: 0, height: 5 }]);
    const layout = laidOut(doc, new Map());
    expect(layout.captionOverset?.f2).toBeGreaterThan(0);
    const issues = only(preflight(doc, { template: ZH, layout }), 'overset');
    expect(issues.map((i) => [i.severity, i.page, i.frame, i.frames, i.article])).toEqual([['error', 1, 'f2', ['f2'], null]]);
    // What is lost is quoted: the caption's last words, and the credit run on after them.
    expect(issues[0].message.en).toMatch(new RegExp(`^The caption of photo frame f2 on page 1 is overset by ${layout.captionOverset?.f2} characters: its last line does not fit: “…[^”　]*赛。”, with its credit “牛晨阳 摄” \\(enlarge the frame or shorten the caption\\)$`));
    expect(issues[0].message.zh).toMatch(new RegExp(`^第1版的图片框 f2 的图片说明超出 ${layout.captionOverset?.f2} 字：最后一行排不下：“…[^”　]*赛。”，连同摄影署名“牛晨阳 摄”（放大图框或删减说明）$`));
    // A frame tall enough for it: nothing.
    const tall = run(blank(1), [{ type: 'placePhoto', page: 'p1', caption, credit: '牛晨阳 摄', asset: null, col: 0, span: 1, top: 0, height: 30 }]);
    expect(only(preflight(tall, { template: ZH, layout: laidOut(tall, new Map()) }), 'overset')).toEqual([]);
  });

  it('a character no bundled font has is an error, in an article or a photo caption, with the characters named', () => {
    const doc = jumped();
    // Article 1 (f1, continued on page 4) and the photo's caption on page 1 hold 𠀀; the fake font lacks it.
    const photo = doc.pages[0].frames.find((f) => f.kind === 'photo')!;
    if (photo.kind === 'photo') photo.caption = '图片𠀀';
    const texts = new Map([[1, { ...content(900, '甲'), body: [{ type: 'paragraph' as const, text: '文'.repeat(400) + '𠀀' + '文'.repeat(400) }] }], [2, content(700, '乙')]]);
    const layout = preflightLayout(layoutEdition(createFakeProvider({ missing: '𠀀' }), { edition: doc, template: ZH, articles: texts }));
    const start = doc.pages[0].frames.find((f) => f.kind === 'article' && f.article === 1)!.id;
    expect(layout.missing).toEqual([
      { page: 0, frame: start, codePoints: [0x20000] },
      { page: 0, frame: photo.id, codePoints: [0x20000] },
    ]);
    const issues = only(preflight(doc, { template: ZH, layout, articles: library([[1, { headline: ['甲'] }], [2, {}]]) }), 'missing-glyph');
    expect(issues.map((i) => [i.severity, i.page, i.frame, i.article, i.message.zh])).toEqual([
      ['error', 1, start, 1, `《甲》（第1版，框 ${start}）有 1 个字没有字体可排，会印成空白：𠀀（U+20000）`],
      ['error', 1, photo.id, null, `第1版的图片框 ${photo.id} 的图片说明有 1 个字没有字体可排，会印成空白：𠀀（U+20000）`],
    ]);
    expect(issues[0].message.en).toBe(`“甲” (page 1, frame ${start}) has 1 character no bundled font has, which would print blank: 𠀀 (U+20000)`);
    // Without it, nothing.
    expect(only(preflight(doc, { template: ZH, layout: preflightLayout(layoutEdition(provider, { edition: doc, template: ZH, articles: texts })) }), 'missing-glyph')).toEqual([]);
    // A page label the fonts lack prints blank in the folio: reported for that page, frame null, naming the label.
    const labelled = run(jumped(), [{ type: 'setPage', page: 'p3', label: '𠀀' }]);
    const folio = only(preflight(labelled, { template: ZH, layout: preflightLayout(layoutEdition(createFakeProvider({ missing: '𠀀' }), { edition: labelled, template: ZH, articles: new Map() })) }), 'missing-glyph');
    expect(folio.map((i) => [i.page, i.frame, i.message.zh])).toEqual([[3, null, '第3个版面的版名“𠀀”（印在版头和指向此版的转版说明里）有 1 个字没有字体可排，会印成空白：𠀀（U+20000）']]);
    expect(folio[0].message.en).toBe('The page label “𠀀” of the page at position 3 (printed in its folio and in the jump lines naming that page) has 1 character no bundled font has, which would print blank: 𠀀 (U+20000)');
  });

  it('a character no font has in a page label is the label’s, not that of the article whose jump line names it', () => {
    // B jumps from page 2 to page 3, labelled 𠀀: its jump lines read （下转第𠀀版） and （上接第2版）.
    const doc = run(jumped(), [{ type: 'setPage', page: 'p3', label: '𠀀', section: '要闻' }]);
    const texts = new Map([[1, content(1700, '甲')], [2, content(1200, '乙')]]);
    const layout = preflightLayout(layoutEdition(createFakeProvider({ missing: '𠀀' }), { edition: doc, template: ZH, articles: texts }));
    expect(layout.missing).toEqual([{ page: 2, frame: null, folio: 'label', codePoints: [0x20000] }]);
    const issues = only(preflight(doc, { template: ZH, layout, articles: library([[1, {}], [2, { headline: ['乙'] }]]) }), 'missing-glyph');
    expect(issues.map((i) => [i.page, i.pageLabel, i.frame, i.article])).toEqual([[3, '𠀀', null, null]]);
    expect(issues[0].message.en).toContain('The page label “𠀀” of the page at position 3');
    // The same character in the article's own text is still the article's too.
    const own = new Map([[1, content(1700, '甲')], [2, { ...content(1200, '乙'), byline: '记者 王𠀀' }]]);
    const both = preflightLayout(layoutEdition(createFakeProvider({ missing: '𠀀' }), { edition: doc, template: ZH, articles: own }));
    expect(both.missing?.map((m) => [m.page, m.frame])).toEqual([[2, null], [1, 'f7']]);
    // A section or the publication's name is named as such; the publication once, for the edition.
    const named = { ...run(jumped(), [{ type: 'setPage', page: 'p2', section: '要闻𠀀' }]), publication: '𠀀报' };
    const folio = only(preflight(named, { template: ZH, layout: preflightLayout(layoutEdition(createFakeProvider({ missing: '𠀀' }), { edition: named, template: ZH, articles: new Map() })) }), 'missing-glyph');
    expect(folio.map((i) => [i.page, i.message.en])).toEqual([
      [2, 'The section “要闻𠀀” of page 2 has 1 character no bundled font has, which would print blank: 𠀀 (U+20000)'],
      [null, 'The publication name “𠀀报” (printed in every page\'s folio) has 1 character no bundled font has, which would print blank: 𠀀 (U+20000)'],
    ]);
    expect(folio[1].message.zh).toBe('报名“𠀀报”（印在每版的版头）有 1 个字没有字体可排，会印成空白：𠀀（U+20000）');
  });

  it('a character no bundled font has in an ad label is an error: the export sets the label and would print a blank', () => {
    const doc = run(jumped(), [{ type: 'placeAd', page: 'p3', label: '𠀀记火锅', col: 6, span: 2, top: 0, height: 20 }]);
    const layout = preflightLayout(layoutEdition(createFakeProvider({ missing: '𠀀' }), { edition: doc, template: ZH, articles: new Map() }));
    expect(layout.missing).toEqual([{ page: 2, frame: 'f11', codePoints: [0x20000] }]);
    const issues = only(preflight(doc, { template: ZH, layout }), 'missing-glyph');
    expect(issues.map((i) => [i.severity, i.page, i.frame, i.article, i.message.zh])).toEqual([['error', 3, 'f11', null, '第3版的广告框 f11 的标注“𠀀记火锅”有 1 个字没有字体可排，会印成空白：𠀀（U+20000）']]);
    expect(issues[0].message.en).toBe('The label “𠀀记火锅” of ad frame f11 on page 3 has 1 character no bundled font has, which would print blank: 𠀀 (U+20000)');
    // The label of the ad already on page 2 (广告) is fine.
    expect(only(preflight(jumped(), { template: ZH, layout: laidOut(jumped(), new Map()) }), 'missing-glyph')).toEqual([]);
  });

  it('a continuation that receives no text is an error', () => {
    const doc = jumped();
    // B (700 characters) ends in its start: its continuation on page 3 stays empty.
    const layout = laidOut(doc, new Map([[1, content(1700, '甲')], [2, content(700, '乙')]]));
    expect(layout.frames.f9).toEqual({ lines: 0 });
    const issues = preflight(doc, { template: ZH, layout });
    expect(only(issues, 'empty-continuation')).toEqual([expect.objectContaining({ severity: 'error', page: 3, frame: 'f9', article: 2 })]);
    // Said as the reader meets it: the line on page 2 that sends them to nothing.
    expect(only(issues, 'empty-continuation')[0].message).toEqual({
      zh: '稿件2在第3版的转版部分 f9 没有文字：第2版印着“（下转第3版）”，读者翻过去却没有下文（删去这个转版部分，或补稿）',
      en: 'The continuation f9 of article 2 on page 3 receives no text: page 2 prints “（下转第3版）”, and the reader finds nothing there (remove the continuation, or add text)',
    });
    // The same rule from hand-made layout facts.
    expect(only(preflight(doc, { template: ZH, layout: { overset: {}, frames: { f9: { lines: 3 }, f10: { lines: 0 } } } }), 'empty-continuation').map((i) => i.frame)).toEqual(['f10']);
  });

  it('two consecutive parts on the same page are an error', () => {
    const doc = run(jumped(), [{ type: 'moveFrame', frame: 'f10', page: 'p1', col: 4, top: 40 }]);
    expect(only(preflight(doc, { template: ZH }), 'same-page-jump')).toEqual([expect.objectContaining({ severity: 'error', page: 1, frames: ['f5', 'f10'], article: 1 })]);
  });

  it('a jump to an earlier page is a warning', () => {
    const doc = run(jumped(), [{ type: 'movePage', from: 3, to: 0 }]);
    const issues = preflight(doc, { template: ZH }).filter((i) => i.code !== 'placeholder');
    // On page 1, where the reader lands: its frame (f10, the continuation) first.
    expect(issues).toEqual([expect.objectContaining({ code: 'backward-jump', severity: 'warning', page: 1, frame: 'f10', frames: ['f10', 'f5'], article: 1 })]);
    expect(issues[0].message.en).toBe('Article 1 jumps back from page 2 to page 1');
    expect(hasErrors(issues)).toBe(false);
  });

  it('names pages by position too when the pages a message names read alike', () => {
    // Page 4 (A's continuation) moved first and labelled "2": A jumps from page 2 (position 2) back to page 2 (position 1).
    const doc = run(jumped(), [{ type: 'movePage', from: 3, to: 0 }, { type: 'setPage', page: 'p4', label: '2' }]);
    const back = only(preflight(doc, { template: ZH }), 'backward-jump');
    expect(back.map((i) => [i.message.en, i.message.zh])).toEqual([['Article 1 jumps back from page 2 (position 2) to page 2 (position 1)', '稿件1从第2版（第2个版面）向前转到第2版（第1个版面）']]);
    // A label that prints as the other one (第2版 and 2) reads alike too.
    const printed = run(doc, [{ type: 'setPage', page: 'p4', label: '第2版' }]);
    expect(only(preflight(printed, { template: ZH }), 'backward-jump')[0].message.zh).toBe('稿件1从第2版（第2个版面）向前转到第2版（第1个版面）');
    // Two starts on pages labelled alike.
    const twice = run(blank(2), [
      { type: 'setPage', page: 'p2', label: '1' },
      { type: 'placeArticle', page: 'p1', article: 1, col: 0, span: 2, top: 0, height: 10 },
      { type: 'insertFrame', page: 'p2', index: 0, frame: { id: 'x', kind: 'article', article: 1, part: 0, col: 0, span: 2, top: 0, height: 10 } },
    ]);
    expect(only(preflight(twice, { template: ZH }), 'placed-twice')[0].message.en).toBe('Article 1 is placed twice (page 1 (position 1), page 1 (position 2))');
    // Different labels: no positions.
    expect(only(preflight(run(jumped(), [{ type: 'movePage', from: 3, to: 0 }]), { template: ZH }), 'backward-jump')[0].message.en).toBe('Article 1 jumps back from page 2 to page 1');
  });

  it('overlapping frames are an error naming both frames', () => {
    const doc = run(jumped(), [{ type: 'placeAd', page: 'p1', label: '广告', col: 3, span: 2, top: 20, height: 10 }]);
    const issues = only(preflight(doc, { template: ZH }), 'overlap');
    expect(issues.map((i) => [i.page, i.frames])).toEqual([[1, ['f5', 'f11']], [1, ['f6', 'f11']]]);
    expect(issues[0].message.zh).toContain('f5');
    expect(issues[0].message.zh).toContain('f11');
    // Frames that only touch do not overlap.
    const touching = run(jumped(), [{ type: 'placeAd', page: 'p1', label: '广告', col: 0, span: 8, top: 40, height: 10 }]);
    expect(only(preflight(touching, { template: ZH }), 'overlap')).toEqual([]);
  });

  it('a frame outside the type area is an error (after a template change)', () => {
    // The broadsheet edition checked against the tabloid (5 columns, 59 lines).
    const tabloid = SHIPPED_TEMPLATES.find((t) => t.id === 'tabloid-zh')!;
    const issues = only(preflight(jumped(), { template: tabloid }), 'outside-type-area');
    expect(issues.map((i) => [i.page, i.frame])).toEqual([[1, 'f6'], [2, 'f7'], [2, 'f8'], [4, 'f10']]);
    expect(issues.every((i) => i.severity === 'error')).toBe(true);
  });

  it('an article placed twice is an error (two starts, or a part number twice)', () => {
    let doc = run(jumped(), [{ type: 'insertFrame', page: 'p3', index: 1, frame: { id: 'x', kind: 'article', article: 1, part: 0, col: 6, span: 2, top: 0, height: 10 } }]);
    expect(only(preflight(doc, { template: ZH }), 'placed-twice')).toEqual([expect.objectContaining({ severity: 'error', article: 1, frames: ['f5', 'x'], page: 3 })]);
    doc = run(jumped(), [{ type: 'insertFrame', page: 'p1', index: 2, frame: { id: 'y', kind: 'article', article: 2, part: 1, col: 0, span: 2, top: 50, height: 10 } }]);
    const twice = only(preflight(doc, { template: ZH }), 'placed-twice');
    expect(twice).toEqual([expect.objectContaining({ article: 2, frames: ['y', 'f9'] })]);
    expect(twice[0].message.en).toBe('Continuation 1 of article 2 is placed twice (page 1, page 3)');
  });

  it('an imported continuation placed as a start warns that its start is not placed', () => {
    const doc = run(jumped(), [{ type: 'placeArticle', page: 'p3', article: 3, col: 5, span: 3, top: 0, height: 40 }]);
    const articles = library([[1, {}], [2, {}], [3, { continuedFrom: 1, headline: ['转版稿'] }]]);
    const issues = only(preflight(doc, { template: ZH, articles }), 'start-not-placed');
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', page: 3, frame: 'f11', article: 3 })]);
    expect(issues[0].message.zh).toContain('上接第1版');
    expect(issues[0].message.en).toContain('from page 1');
  });

  it('names a piece with no headline by its opening words as well as its number, as the desk finds it on the page', () => {
    // “Article 5 was imported as a continuation…” named nothing a desk could see on the page.
    const doc = run(jumped(), [{ type: 'placeArticle', page: 'p3', article: 3, col: 5, span: 3, top: 0, height: 40 }]);
    const named = (a: Partial<PreflightArticle>) => only(preflight(doc, { template: ZH, articles: library([[1, {}], [2, {}], [3, { continuedFrom: 1, headline: [], ...a }]]) }), 'start-not-placed')[0].message;
    const zh = named({ language: 'zh', body: [{ type: 'paragraph', text: '以降低PM10为攻坚方向，我市开展施工工地绩效分级。' }] });
    expect([zh.zh, zh.en].map((m) => m.split('was imported')[0].split('原是')[0])).toEqual(['稿件3（“以降低PM10为攻坚方向…”）', 'Article 3 (“以降低PM10为攻坚方向…”) ']);
    const briefs = named({ language: 'zh', body: [{ type: 'brief', title: '杏花岭区', paragraphs: [{ text: '1月26日，杏花岭区召开会议。' }] }] });
    expect(briefs.zh).toContain('稿件3（“杏花岭区”）');
    const en = named({ language: 'en', body: [{ type: 'paragraph', text: 'Firefighters battled a fast-moving wildfire in the foothills.' }] });
    expect(en.en).toContain('rticle 3 (“Firefighters battled a fast-moving wildfire…”)');
    // with no text to quote, the number alone, as before
    expect(named({}).en).toMatch(/^Article 3 was imported/);
  });

  it('an imported continuation whose start is on the page it names and jumps on is set as in print', () => {
    // Article 3 (“上接第1版”) starts on page 1 and continues on page 3: no warning.
    const doc = run(jumped(), [
      { type: 'placeArticle', page: 'p1', article: 3, col: 5, span: 3, top: 60, height: 20 },
      { type: 'continueArticle', page: 'p3', article: 3, col: 5, span: 3, top: 0, height: 40 },
    ]);
    const articles = library([[1, {}], [2, {}], [3, { continuedFrom: 1, headline: ['转版稿'] }]]);
    expect(only(preflight(doc, { template: ZH, articles }), 'start-not-placed')).toEqual([]);
    // Its start alone on page 1, with nothing to jump to, still warns.
    const alone = run(jumped(), [{ type: 'placeArticle', page: 'p1', article: 3, col: 5, span: 3, top: 60, height: 20 }]);
    expect(only(preflight(alone, { template: ZH, articles }), 'start-not-placed')).toHaveLength(1);
    // The page it names may be labelled 第1版 or 第一版: the same page 1.
    for (const label of ['第1版', '第一版', '1版']) {
      const named = run(doc, [{ type: 'setPage', page: 'p1', label }]);
      expect(only(preflight(named, { template: ZH, articles }), 'start-not-placed'), label).toEqual([]);
    }
    const issue = only(preflight(run(alone, [{ type: 'setPage', page: 'p1', label: '第1版' }]), { template: ZH, articles }), 'start-not-placed')[0];
    expect(issue.message.zh).toContain('却作为开头排在第1版：');
  });

  it('a page is named in messages as its jump lines print it (第A1版, 头版, page 3), never as “A1版” or “第头版”', () => {
    const labels: [string, string][] = [['p1', 'A1'], ['p2', '头版'], ['p3', 'Page 3'], ['p4', '要闻二']];
    const doc = run(jumped(), [
      ...labels.map(([page, label]) => ({ type: 'setPage' as const, page, label })),
      ...['p3', 'p4'].map((page) => ({ type: 'placeAd' as const, page, label: 'Ad', col: 6, span: 2, top: 90, height: 5 })),
    ]);
    const named = only(preflight(doc, { template: ZH }), 'placeholder');
    for (const issue of named) {
      const label = labels[issue.page! - 1][1];
      expect(issue.message.zh, label).toContain(fillPageFormat(ZH.jumps.out, label).slice(3, -1));
      expect(issue.message.en.toLowerCase(), label).toContain(fillPageFormat(EN.jumps.out, label).toLowerCase().replace('continued on ', ''));
    }
    expect(named.map((i) => i.message.zh.split('有')[0])).toEqual(['第A1版', '头版', '第Page 3版', '要闻二版']);
    expect(named[2].message.en).toMatch(/^Page 3 holds/);
  });

  it('an imported “(上接第1版)” placed at the front of an edition labelled A1, B1… and jumping on is set as in print', () => {
    const articles = library([[1, {}], [2, {}], [3, { continuedFrom: 1, headline: ['转版稿'] }]]);
    const placed = run(jumped(), [
      { type: 'setPage', page: 'p1', label: 'A1' },
      { type: 'setPage', page: 'p2', label: 'A2' },
      { type: 'setPage', page: 'p3', label: 'B1' },
      { type: 'placeArticle', page: 'p1', article: 3, col: 5, span: 3, top: 60, height: 20 },
      { type: 'continueArticle', page: 'p3', article: 3, col: 5, span: 3, top: 0, height: 40 },
    ]);
    expect(only(preflight(placed, { template: ZH, articles }), 'start-not-placed')).toEqual([]);
    // Its start on B1 (page 1 of section B, not the front page) still warns, naming B1 as printed.
    const onB1 = run(jumped(), [
      ...['A1', 'A2', 'B1', 'B2'].map((label, i) => ({ type: 'setPage' as const, page: `p${i + 1}`, label })),
      { type: 'placeArticle', page: 'p3', article: 3, col: 5, span: 3, top: 60, height: 20 },
      { type: 'continueArticle', page: 'p4', article: 3, col: 5, span: 3, top: 0, height: 40 },
    ]);
    const issues = only(preflight(onB1, { template: ZH, articles }), 'start-not-placed');
    expect(issues.map((i) => i.pageLabel)).toEqual(['B1']);
    expect(issues[0].message.zh).toContain('却作为开头排在第B1版：');
    // An English edition's "Page 1" is page 1 too.
    const english = run(placed, [{ type: 'setPage', page: 'p1', label: 'Page 1' }]);
    expect(only(preflight(english, { template: EN, articles }), 'start-not-placed')).toEqual([]);
  });

  it('a jump line left in an article\'s text (copied with it) is an error: it would print a page no layout chose', () => {
    const texts = new Map<number, PreflightArticle>([
      [1, { continuedFrom: null, headline: ['甲'], language: 'zh', body: [{ type: 'paragraph', text: '第一段。（下转第A4版）' }, { type: 'paragraph', text: '（上接第2版）第二段。' }] }],
      [2, { continuedFrom: null, headline: ['Budget'], language: 'en', body: [{ type: 'paragraph', text: 'The vote was late.' }, { type: 'paragraph', text: 'Continued on page 4' }] }],
    ]);
    const issues = only(preflight(jumped(), { template: ZH, articles: texts }), 'copied-jump-line');
    expect(issues.map((i) => [i.severity, i.page, i.frame, i.article])).toEqual([['error', 1, 'f5', 1], ['error', 2, 'f7', 2]]);
    expect(issues[0].message.zh).toContain('“（下转第A4版）”、“（上接第2版）”');
    expect(issues[1].message.en).toBe('The text of “Budget” holds a jump line copied with it, “Continued on page 4”, which would print as it is, whatever page the story goes on to: delete it from the article (Pasteup prints jump lines itself, from the pages)');
    // Text that only mentions a page is no jump line.
    const clean = new Map<number, PreflightArticle>([[1, { continuedFrom: null, headline: ['甲'], language: 'zh', body: [{ type: 'paragraph', text: '详见第4版。第4版有图。' }] }]]);
    expect(only(preflight(jumped(), { template: ZH, articles: clean }), 'copied-jump-line')).toEqual([]);
  });

  it('a frame whose article is no longer in the library is an error', () => {
    const issues = only(preflight(jumped(), { template: ZH, articles: library([[1, {}]]) }), 'article-missing');
    expect(issues.map((i) => [i.severity, i.page, i.frame, i.article])).toEqual([['error', 2, 'f7', 2], ['error', 3, 'f9', 2]]);
  });

  it('a part whose page was deleted is reported as missing', () => {
    const doc = run(jumped(), [{ type: 'deletePage', page: 'p2' }]);
    const issues = preflight(doc, { template: ZH, articles: library([[1, {}], [2, { headline: ['乙'] }]]) }).filter((i) => i.code !== 'placeholder');
    expect(issues).toEqual([expect.objectContaining({ code: 'part-missing', severity: 'error', page: 2, pageLabel: '2', frame: 'f9', article: 2 })]);
    expect(issues[0].message.zh).toContain('《乙》缺少开头');
    // What the page prints now: the continuation opens the story, nothing jumps to it.
    expect(issues[0].message.en).toBe('“乙” is missing its start (its page or frame may have been removed): the part on page 2 opens the story, and no page jumps to it (place the missing part, or renumber the parts if that is meant)');
  });

  it('a middle part removed: the message says where the jump lines now go, not that they lead nowhere', () => {
    let doc = run(jumped(), [{ type: 'continueArticle', article: 1, page: 'p3', col: 5, span: 3, top: 0, height: 40 }]);
    doc = run(doc, [{ type: 'removeFrame', frame: 'f10' }]);
    const issues = only(preflight(doc, { template: ZH }), 'part-missing');
    expect(issues.map((i) => [i.page, i.frame])).toEqual([[3, 'f11']]);
    expect(issues[0].message.en).toBe('Article 1 is missing continuation 1 (its page or frame may have been removed): its jump lines now go from page 1 straight to page 3 (place the missing part, or renumber the parts if that is meant)');
    expect(issues[0].message.zh).toBe('稿件1缺少第1个转版部分（所在版面或框可能已删除）：转版说明现在从第1版直接转到第3版（补排缺少的部分，或重排转版顺序）');
  });

  it('two pages printing the same label warn', () => {
    const doc = run(jumped(), [{ type: 'setPage', page: 'p3', label: '2' }]);
    expect(only(preflight(doc, { template: ZH }), 'duplicate-page-label')).toEqual([expect.objectContaining({ severity: 'warning', page: 3, pageLabel: '2' })]);
  });

  it('a jump line naming a label two pages print is an error on the frame that prints it', () => {
    // B jumps from p2 to p3 (A from p1 to p4). p3 labelled "2" prints as p2 does: both of B's
    // jump lines name "2", which could be either page. A's lines name 1 and 4: not concerned.
    const doc = run(jumped(), [{ type: 'setPage', page: 'p3', label: '2' }]);
    const issues = only(preflight(doc, { template: ZH }), 'ambiguous-jump');
    expect(issues.map((i) => [i.severity, i.page, i.frame, i.article])).toEqual([['error', 2, 'f7', 2], ['error', 3, 'f9', 2]]);
    expect(issues[0].message.en).toBe('The jump line “（下转第2版）” of article 2 on page 2 is ambiguous: 2 pages print that label (positions 2, 3), so a reader may turn to the wrong one; give those pages different labels');
    // Only the lines naming the doubled label: with p4 labelled "第2版" (as p2 prints), A's
    // jump-out (to p4) and B's jump-in (from p2); not A's jump-in (1) nor B's jump-out (3).
    const two = only(preflight(run(jumped(), [{ type: 'setPage', page: 'p4', label: '第2版' }]), { template: ZH }), 'ambiguous-jump');
    expect(two.map((i) => [i.page, i.frame])).toEqual([[1, 'f5'], [3, 'f9']]);
    expect(two[0].message.zh).toBe('第1版稿件1的转版说明“（下转第2版）”指向的版名有 2 个版面都印着（第2个、第4个版面），读者可能翻错版：请给这些版面不同的版名');
    expect(hasErrors(preflight(run(jumped(), [{ type: 'setPage', page: 'p1', label: '2' }]), { template: ZH }))).toBe(true);
    // Letters and digits read alike in any width or case: A3, Ａ３ and "a 3".
    for (const label of ['Ａ３', 'a 3']) {
      const doc2 = run(jumped(), [{ type: 'setPage', page: 'p2', label: 'A3' }, { type: 'setPage', page: 'p3', label }]);
      expect(only(preflight(doc2, { template: ZH }), 'ambiguous-jump').map((i) => i.frame), label).toEqual(['f7', 'f9']);
    }
  });

  it('labels that print alike (1, 第1版, 第 1 版, 第一版) are one label', () => {
    const doc = run(jumped(), [
      { type: 'setPage', page: 'p1', label: '1' },
      { type: 'setPage', page: 'p2', label: '第 1 版' },
      { type: 'setPage', page: 'p3', label: '第一版' },
      { type: 'setPage', page: 'p4', label: 'A1' },
    ]);
    const issues = only(preflight(doc, { template: ZH }), 'duplicate-page-label');
    expect(issues.map((i) => i.page)).toEqual([2, 3]);
    expect(issues[0].message.zh).toBe('3 个版面（“1”、“第 1 版”、“第一版”）都印作“第1版”，转版说明会有歧义');
    // The one typed with spaces is still the page 1 an imported “(上接第1版)” names.
    const texts = library([[1, {}], [2, {}], [3, { continuedFrom: 1 }]]);
    const placed = run(jumped(), [
      { type: 'setPage', page: 'p1', label: '第 1 版' },
      { type: 'placeArticle', page: 'p1', article: 3, col: 5, span: 3, top: 60, height: 20 },
      { type: 'continueArticle', page: 'p3', article: 3, col: 5, span: 3, top: 0, height: 40 },
    ]);
    expect(only(preflight(placed, { template: ZH, articles: texts }), 'start-not-placed')).toEqual([]);
  });

  it('an id used twice is an error', () => {
    const doc = jumped();
    const hand: Edition = { ...doc, pages: doc.pages.map((p, i) => (i === 2 ? { ...p, frames: [...p.frames, { ...doc.pages[0].frames[1] }] } : p)) };
    expect(only(preflight(hand, { template: ZH }), 'duplicate-id')).toEqual([expect.objectContaining({ severity: 'error', page: 3, frame: 'f6' })]);
  });

  describe('loose lines', () => {
    /** One article (1) in a one-column frame f2 on page 1, its body one paragraph; the layout's lines and the preflight. */
    const oneColumn = (language: 'zh' | 'en', text: string) => {
      const template = language === 'zh' ? ZH : EN;
      const doc = run(blank(1, template), [{ type: 'placeArticle', page: 'p1', article: 1, col: 0, span: 1, top: 0, height: 20 }], commandContext(template));
      const article: ArticleContent = { ...emptyContent(language), headline: ['H'], body: [{ type: 'paragraph', text }] };
      const edition = layoutEdition(provider, { edition: doc, template, articles: new Map([[1, article]]) });
      const lines = edition.pages[0].frames.find((f) => f.frame === 'f2')!.columns[0].lines;
      const layout = preflightLayout(edition);
      const issues = preflight(doc, { template, layout, articles: library([[1, { headline: ['乙'] }]]) });
      return { lines, layout, issues, loose: only(issues, 'loose-line') };
    };

    it('a Chinese line spaced more than ¼ em between characters is a warning that names it (page, frame, column, line, its start, the spacing)', () => {
      // The 11.28 em column: the 14-digit number cannot follow the first line's seven Han
      // characters (after the 2 em indent), which are spread over 2.28 em; no line before it
      // can give it a character (lines.ts, easeLooseLines).
      const { lines, layout, issues, loose } = oneColumn('zh', '文'.repeat(7) + '12345678901234' + '文'.repeat(29));
      expect(lines.map((l) => [l.text, l.justified, l.last, Math.round(l.letterSpace * 1000) / 1000])).toEqual([
        ['文文文文文文文', true, false, 0.38],
        ['12345678901234文文文文', true, false, 0],
        ['文文文文文文文文文文文', true, false, 0.028],
        ['文文文文文文文文文文文', true, false, 0.028],
        ['文文文', false, true, 0],
      ]);
      expect(layout.loose).toEqual([{ page: 0, frame: 'f2', count: 1, lines: [{ column: 0, line: 0, text: '文文文文文文文', wordSpace: 0, letterSpace: expect.closeTo(0.38, 3) }] }]);
      expect(loose.map((i) => [i.severity, i.page, i.frame, i.frames, i.article])).toEqual([['warning', 1, 'f2', ['f2'], 1]]);
      expect(loose[0].message).toEqual({
        zh: '第1版《乙》（框 f2）有 1 行排得过松：第1栏第1行“文文文文文文文”（字距加宽 0.38 em）（改动文字或调整框宽）',
        en: '“乙” (frame f2) on page 1 has 1 loose line, spaced wider than a reader accepts: column 1, line 1 “文文文文文文文” (characters 0.38 em apart) (edit the text or change the frame\'s width)',
      });
      // A warning: it never blocks the export.
      expect(hasErrors(issues)).toBe(false);
    });

    it('an English line whose word spaces stretch past 1 em warns; a line set flush left (an address) and a last line do not', () => {
      const { lines, loose } = oneColumn('en', `Go to the page at www.aaaaaaaaaaaaaaaaaa.example for more. Then see www.${'b'.repeat(63)}.example today.`);
      expect(lines.map((l) => [l.text.trimEnd(), l.justified, l.last, Math.round(l.wordSpace * 100) / 100])).toEqual([
        ['Go to the page at', true, false, 1.28], // its letters tracked 0.03 em, a line this loose
        ['www.aaaaaaaaaaaaaaaaaa', false, false, 0], // one address: flush left, not spaced out
        ['.example for more. Then see', true, false, 0.32],
        ['www', false, false, 0], // an address cut at its own punctuation: the short line flush left
        ['.bbbbbbbbbbbbbbbbbbbbbbbb', false, false, 0],
        ['bbbbbbbbbbbbbbbbbbbbbbbbb', false, false, 0],
        ['bbbbbbbbbbbbbb.example to', true, false, 0.29],
        ['day.', false, true, 0], // the last line
      ]);
      expect(loose.map((i) => i.frames)).toEqual([['f2']]);
      expect(loose[0].message.en).toBe('“乙” (frame f2) on page 1 has 1 loose line, spaced wider than a reader accepts: column 1, line 1 “Go to the page…” (word spaces 1.28 em) (edit the text or change the frame\'s width)');
      expect(loose[0].message.zh).toBe('第1版《乙》（框 f2）有 1 行排得过松：第1栏第1行“Go to the page…”（词距 1.28 em）（改动文字或调整框宽）');
    });

    it('one warning per frame: the three loosest lines in reading order, and the count', () => {
      const doc = jumped();
      const line = (column: number, n: number, text: string, wordSpace: number) => ({ column, line: n, text, wordSpace, letterSpace: 0.02 });
      const layout = { overset: {}, frames: {}, loose: [{ page: 0, frame: 'f5', count: 5, lines: [line(0, 3, 'The vote came at', 1.47), line(1, 0, 'Parent Jennifer', 4.56), line(2, 9, 'are available at', 2.9)] }] };
      const issues = only(preflight(doc, { template: ZH, layout, articles: library([[1, { headline: ['Budget passes'] }]]) }), 'loose-line');
      expect(issues.map((i) => [i.page, i.frame, i.article])).toEqual([[1, 'f5', 1]]);
      expect(issues[0].message.en).toBe('“Budget passes” (frame f5) on page 1 has 5 loose lines, spaced wider than a reader accepts: column 1, line 4 “The vote came at” (word spaces 1.47 em); column 2, line 1 “Parent Jennifer” (word spaces 4.56 em); column 3, line 10 “are available at” (word spaces 2.9 em); and 2 more (edit the text or change the frame\'s width)');
      expect(issues[0].message.zh).toBe('第1版《Budget passes》（框 f5）有 5 行排得过松：第1栏第4行“The vote came at”（词距 1.47 em）；第2栏第1行“Parent Jennifer”（词距 4.56 em）；第3栏第10行“are available at”（词距 2.9 em）；另有 2 行（改动文字或调整框宽）');
    });

    it('thresholds: past 1 em of word space or ¼ em between characters, on justified lines that are not a paragraph\'s last', () => {
      const l = (wordSpace: number, letterSpace: number, justified = true, last = false) => looseness({ justified, last, wordSpace, letterSpace });
      expect([LOOSE_WORD_SPACE, LOOSE_LETTER_SPACE]).toEqual([1, 0.25]);
      expect(l(0.98, 0.02)).toBe(0);
      expect(l(1.02, 0.02)).toBeGreaterThan(1);
      // The engine's own limit when it pushes text down to save a last line (⅕ em) is not loose.
      expect(l(0, 0.2)).toBe(0);
      expect(l(0, 0.142)).toBe(0); // one character short of an 11-em column
      expect(l(0, 0.285)).toBeGreaterThan(1); // two characters short
      expect(l(2, 0.3, false)).toBe(0);
      expect(l(2, 0.3, true, true)).toBe(0);
    });
  });

  it('sorts issues by page, errors first, and every rule has a severity', () => {
    const doc = run(jumped(), [
      { type: 'movePage', from: 3, to: 0 },
      { type: 'placeAd', page: 'p4', label: 'x', col: 0, span: 1, top: 55, height: 1 },
    ]);
    const issues = preflight(doc, { template: ZH, articles: library([[1, {}]]) });
    expect(issues.map((i) => [i.page, i.code])).toEqual([[1, 'overlap'], [1, 'backward-jump'], [1, 'placeholder'], [2, 'placeholder'], [3, 'article-missing'], [3, 'placeholder'], [4, 'article-missing']]);
    for (const i of issues) expect(i.severity).toBe(ISSUE_SEVERITY[i.code]);
  });
});

describe('preflight of pictures', () => {
  const REF = `sha256:${'a'.repeat(64)}`;
  const OTHER = `sha256:${'b'.repeat(64)}`;
  const gray = (width: number, height: number, orientation = 1): PreflightImage => ({ width, height, components: 1, orientation });
  /** jumped() with a picture in photo frame f6 (page 1, 4 columns × 30 lines). */
  const pictured = (asset: string | null = REF) => run(blank(4), [...jumpedCommands().map((c) => (c.type === 'placePhoto' ? { ...c, asset } : c))]);
  const texts = () => new Map([[1, content(800, '甲')], [2, content(300, '乙')]]);

  it('effective resolution is that of cover fit: the picture fills the box, a quarter turn swaps its sides', () => {
    // 300 × 200 px in 2 × 1 inches: 150 ppi across, 200 down; filling the box takes the lower.
    expect(effectivePpi(gray(300, 200), { width: 144, height: 72 })).toBe(150);
    // Turned a quarter (EXIF 6), it shows 200 px across.
    expect(effectivePpi(gray(300, 200, 6), { width: 144, height: 72 })).toBe(100);
    expect(effectivePpi(gray(300, 200, 3), { width: 144, height: 72 })).toBe(150);
  });

  it('a photo whose picture is not in the library is an error, not a placeholder', () => {
    const doc = pictured();
    const issues = preflight(doc, { template: ZH, articles: library([[1, {}], [2, {}]]), images: new Map([[OTHER, gray(2000, 2000)]]) });
    expect(only(issues, 'missing-image').map((i) => [i.severity, i.page, i.frames, i.article])).toEqual([['error', 1, ['f6'], null]]);
    expect(only(issues, 'missing-image')[0].message.en).toBe(`The picture of photo frame f6 on page 1 is not in the library (${REF}), so the plate would print a grey box (place the picture again)`);
    expect(only(issues, 'placeholder').map((i) => i.page)).toEqual([2]);
    // Without the library's pictures the rule does not run (and the photo is no placeholder).
    expect(only(preflight(doc, { template: ZH }), 'missing-image')).toEqual([]);
    expect(only(preflight(doc, { template: ZH }), 'placeholder').map((i) => i.page)).toEqual([2]);
    // A photo with no picture is a placeholder, and not missing.
    const empty = preflight(pictured(null), { template: ZH, images: new Map() });
    expect(only(empty, 'missing-image')).toEqual([]);
    expect(only(empty, 'placeholder').map((i) => [i.page, i.frames])).toEqual([[1, ['f6']], [2, ['f8']]]);
  });

  it('a template that makes pages a plant rejects is an error naming what is wrong', () => {
    const doc = pictured();
    expect(only(preflight(doc, { template: ZH }), 'bad-template')).toEqual([]);
    const bad = { ...ZH, bleed: 0, jumps: { ...ZH.jumps, out: '（下转）' } };
    const issues = only(preflight(doc, { template: bad }), 'bad-template');
    expect(issues.map((i) => [i.severity, i.page, i.message.en])).toEqual([
      ['error', null, `Template '${ZH.id}': the bleed is 0: the plant needs a bleed beyond the trim (3 mm is usual)`],
      ['error', null, `Template '${ZH.id}': jumps.out "（下转）" has no {page}: it would print without the page`],
    ]);
  });

  it('an RGB picture is an error telling the desk to give the plant\'s profile or convert it, unless the export separates RGB', () => {
    const issues = preflight(pictured(), { template: ZH, images: new Map([[REF, { width: 3000, height: 3000, components: 3, orientation: 1 }]]) });
    const rgb = only(issues, 'rgb-image');
    expect(rgb.map((i) => [i.severity, i.page, i.frame])).toEqual([['error', 1, 'f6']]);
    expect(rgb[0].message.en).toBe("The picture of photo frame f6 on page 1 is RGB: a PDF/X-1a plate carries CMYK and gray only, and Pasteup has no CMYK profile to convert it with (export with the plant's profile, --icc, to separate it, or convert it to CMYK or grayscale and place it again)");
    expect(rgb[0].message.zh).toContain('转为 CMYK');
    // An export that separates RGB with the plant's profile takes it.
    expect(only(preflight(pictured(), { template: ZH, separatesRgb: true, images: new Map([[REF, { width: 3000, height: 3000, components: 3, orientation: 1 }]]) }), 'rgb-image')).toEqual([]);
    for (const components of [1, 4] as const) {
      expect(only(preflight(pictured(), { template: ZH, images: new Map([[REF, { width: 3000, height: 3000, components, orientation: 1 }]]) }), 'rgb-image')).toEqual([]);
    }
  });

  it('a CMYK picture with more total ink than newsprint takes is a warning naming the figure, the frame and what to do', () => {
    const cmyk = (ink: PreflightImage['ink']): PreflightImage => ({ width: 3000, height: 3000, components: 4, orientation: 1, ink });
    const inkIssues = (image: PreflightImage) => only(preflight(pictured(), { template: ZH, images: new Map([[REF, image]]) }), 'picture-ink');
    const coated = inkIssues(cmyk({ most: 331.6, over: 0.184 }));
    expect(coated.map((i) => [i.severity, i.page, i.frames])).toEqual([['warning', 1, ['f6']]]);
    expect(coated[0].message.en).toBe(
      `The picture of photo frame f6 on page 1 is CMYK with up to 332 % total ink (18 % of it over ${NEWSPRINT_INK_LIMIT} %), where newsprint takes ${NEWSPRINT_INK_LIMIT} % at most: its shadows would set off and dry slowly, and the plant may send the page back (have the photo desk separate it for newsprint, or place it as RGB and export with the plant's profile, --icc)`,
    );
    expect(coated[0].message.zh).toContain('按新闻纸重新分色');
    expect(inkIssues(cmyk({ most: 241, over: 0.002 }))[0].message.en).toContain('(under 1 % of it over');
    // A newsprint separation (200 %), one just at the limit, gray and RGB pictures: nothing.
    expect(inkIssues(cmyk({ most: 200, over: 0 }))).toEqual([]);
    expect(inkIssues(cmyk({ most: NEWSPRINT_INK_LIMIT, over: 0 }))).toEqual([]);
    expect(inkIssues({ ...gray(3000, 3000) })).toEqual([]);
    // Not measured (a hand-made input): not checked; not measurable (damaged data): said so.
    expect(inkIssues(cmyk(undefined))).toEqual([]);
    expect(inkIssues(cmyk(null))[0].message.en).toMatch(/^The picture of photo frame f6 on page 1 is CMYK and its total ink cannot be measured/);
  });

  it('an RGB picture whose embedded profile the export cannot use is a warning naming the profile and why; a usable one, none, or a CMYK picture passes', () => {
    const picture = (components: 1 | 3 | 4, profile: { description: string | null; problem: string | null } | null) =>
      only(preflight(pictured(), { template: ZH, separatesRgb: true, images: new Map([[REF, { width: 3000, height: 3000, components, orientation: 1, profile }]]) }), 'picture-profile');
    const issues = picture(3, { description: 'Table RGB', problem: 'it is a table-based (A2B0) RGB profile' });
    expect(issues.map((i) => [i.severity, i.page, i.frame])).toEqual([['warning', 1, 'f6']]);
    expect(issues[0].message.en).toBe('The picture of photo frame f6 on page 1 embeds an ICC profile “Table RGB” that cannot be used (it is a table-based (A2B0) RGB profile): it is separated as sRGB and its colours may print off (save it in sRGB or Adobe RGB and place it again)');
    expect(issues[0].message.zh).toContain('按 sRGB 分色');
    expect(picture(3, { description: null, problem: 'APP2 chunk 2 of 3 is missing' })[0].message.en).toContain('embeds an ICC profile that cannot be used (APP2 chunk 2 of 3 is missing)');
    expect(picture(3, { description: 'Adobe RGB (1998)', problem: null })).toEqual([]);
    expect(picture(3, null)).toEqual([]);
    expect(picture(4, { description: 'Coated', problem: 'too short' })).toEqual([]);
  });

  it('a picture below 150 ppi as placed is a warning, below 100 ppi an error, naming the ppi and the box', () => {
    const doc = pictured();
    const layout = laidOut(doc, texts());
    const box = layout.pictures!.find((p) => p.frame === 'f6')!;
    expect(box).toMatchObject({ page: 0, asset: REF });
    // Pixels for a resolution of `ppi` across a box whose sides are in the picture's proportions.
    const px = (ppi: number, pt: number) => Math.ceil((ppi * pt) / 72);
    const at = (image: PreflightImage) => only(preflight(doc, { template: ZH, layout, images: new Map([[REF, image]]) }), 'low-resolution');
    expect(at(gray(px(160, box.width), px(160, box.height)))).toEqual([]);
    const soft = at(gray(px(120, box.width), px(120, box.height)));
    expect(soft.map((i) => [i.severity, i.page, i.frame])).toEqual([['warning', 1, 'f6']]);
    const mm = (pt: number) => Math.round((pt * 25.4) / 72);
    expect(soft[0].message.en).toBe(`The picture of photo frame f6 on page 1 prints at 120 ppi (${px(120, box.width)} × ${px(120, box.height)} pixels filling a box of ${mm(box.width)} × ${mm(box.height)} mm), below 150 ppi: newsprint shows it soft (use a larger original or a smaller box)`);
    const blocky = at(gray(px(80, box.width), px(80, box.height)));
    expect(blocky.map((i) => [i.severity, i.frame])).toEqual([['error', 'f6']]);
    expect(blocky[0].message.en).toMatch(/ prints at 80 ppi .* below 100 ppi: it prints blurred and blocky/);
    expect(hasErrors(blocky)).toBe(true);
    // Cover fit: a long strip fills the box's height and is cropped across, so its height decides.
    expect(at(gray(px(1000, box.width), px(120, box.height)))[0].severity).toBe('warning');
    // A camera's portrait, stored on its side (EXIF 6): its stored height is what shows across.
    expect(at(gray(px(160, box.height), px(160, box.width), 6))).toEqual([]);
    expect(at(gray(px(160, box.height), px(160, box.width), 1)).length).toBe(1);
  });

  it('a box that shows less than a third of its picture is a warning, naming the share shown, the pixels and the box', () => {
    const doc = pictured();
    const layout = laidOut(doc, texts());
    const box = layout.pictures!.find((p) => p.frame === 'f6')!;
    const at = (image: PreflightImage) => only(preflight(doc, { template: ZH, layout, images: new Map([[REF, image]]) }), 'picture-cropped');
    // Plenty of pixels, so only the shape speaks. The box's own shape, and a little wider or taller: nothing.
    const side = 4000;
    const shaped = (ratio: number) => (ratio >= 1 ? gray(side, Math.round(side / ratio)) : gray(Math.round(side * ratio), side));
    const boxShape = box.width / box.height;
    for (const f of [1, 2.5, 1 / 2.5]) expect(at(shaped(boxShape * f)), `shape × ${f}`).toEqual([]);
    // Four times as tall (or wide) as the box's shape: a quarter shows.
    const tall = at(shaped(boxShape / 4));
    expect(tall.map((i) => [i.severity, i.page, i.frame])).toEqual([['warning', 1, 'f6']]);
    expect(tall[0].message.en).toMatch(/^The box of photo frame f6 on page 1 shows 2[45] % of its picture \(\d+ × 4000 pixels in a box of \d+ × \d+ mm\): the rest is cropped away/);
    expect(tall[0].message.zh).toContain('其余都被裁掉');
    expect(at(shaped(boxShape * 4))).toHaveLength(1);
    // A camera's portrait stored on its side (EXIF 6) is judged as it shows: stored 2.5 times
    // the box's shape (fine as it is), shown as a portrait in this landscape box.
    expect(boxShape).toBeGreaterThan(1.1);
    const sideways = { ...shaped(boxShape * 2.5), orientation: 6 };
    expect(at(sideways)).toHaveLength(1);
    expect(at({ ...sideways, orientation: 1 })).toEqual([]);
    expect(ISSUE_SEVERITY['picture-cropped']).toBe('warning');
  });

  it('pictures in stories count too: placed ones are checked, ones with no picture are placeholders', () => {
    const doc = jumped();
    const story = (asset: string | null): ArticleContent => ({ ...content(300, '乙'), body: [{ type: 'photo', caption: '图', credit: null, asset }, { type: 'paragraph', text: '文'.repeat(300) }] });
    const withPicture = laidOut(doc, new Map([[1, content(800, '甲')], [2, story(REF)]]));
    const issues = preflight(doc, { template: ZH, layout: withPicture, articles: library([[1, {}], [2, { headline: ['乙'] }]]), images: new Map([[REF, { width: 20, height: 20, components: 3, orientation: 1 }]]) });
    expect(only(issues, 'rgb-image').map((i) => [i.page, i.frame, i.article])).toEqual([[2, 'f7', 2]]);
    expect(only(issues, 'rgb-image')[0].message.en).toMatch(/^The picture of “乙” \(frame f7\) on page 2 is RGB/);
    expect(only(issues, 'low-resolution').map((i) => [i.severity, i.frame])).toEqual([['error', 'f7']]);
    // Page 2's placeholder is the ad only; page 1's photo frame has no picture.
    expect(only(issues, 'placeholder').map((i) => [i.page, i.frames])).toEqual([[1, ['f6']], [2, ['f8']]]);
    const without = laidOut(doc, new Map([[1, content(800, '甲')], [2, story(null)]]));
    expect(only(preflight(doc, { template: ZH, layout: without, images: new Map() }), 'placeholder').map((i) => [i.page, i.frames])).toEqual([[1, ['f6']], [2, ['f7', 'f8']]]);
  });
});
