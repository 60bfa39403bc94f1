// The fast forms of shared/model's derived values that imports compute for every draft must
// equal the model's own: the content hash input (canonical JSON) and the character count.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ArticleContentSchema,
  BriefBlockSchema,
  canonicalJson,
  charCount,
  hashableContent,
  MarkSchema,
  ParagraphBlockSchema,
  PhotoBlockSchema,
  RichTextSchema,
  SubheadBlockSchema,
  type ArticleContent,
  type Block,
} from '../../../shared/model';
import { canonicalContentJson, countChars, parseContent } from '../../../electron/services/library/rows';
import { fixtureArticles, zh } from './helpers';

const reference = (c: ArticleContent) => canonicalJson(hashableContent(c));

/** A content with every field and every kind of block, marks included, all keys set. */
const everything: ArticleContent = {
  kind: 'briefs',
  language: 'zh',
  kicker: '引题 "quoted"',
  headline: ['第一行', 'line \\ two'],
  subhead: '副题\n换行',
  byline: '记者 李静',
  credit: '何宝国',
  lead: '本报讯',
  editorCredit: '以上由王勇编辑整理',
  continuedFrom: 3,
  body: [
    { type: 'paragraph', text: 'PM10 下降', marks: [{ type: 'sub', start: 2, end: 4 }] },
    { type: 'paragraph', text: '没有标记' },
    { type: 'subhead', text: '小标题' },
    { type: 'photo', caption: '图片说明', credit: '摄影 张三', asset: 'assets/1.jpg' },
    { type: 'photo', caption: '无署名', credit: null, asset: null },
    { type: 'brief', title: '简讯', paragraphs: [{ text: '一', marks: [{ type: 'bold', start: 0, end: 1 }] }, { text: '二' }] },
  ],
  section: '要闻',
  priority: 2,
  status: 'ready',
};

describe('canonicalContentJson (the content hash input)', () => {
  it('covers every key of the schema (a new field must be added to it, or hashes would ignore it)', () => {
    const keys = (shape: object) => Object.keys(shape).sort();
    // Workflow fields are not part of the text's identity.
    expect(keys(ArticleContentSchema.shape).filter((k) => !['status', 'priority', 'section'].includes(k))).toEqual(
      ['body', 'byline', 'continuedFrom', 'credit', 'editorCredit', 'headline', 'kicker', 'kind', 'language', 'lead', 'subhead'],
    );
    expect(keys(ParagraphBlockSchema.shape)).toEqual(['marks', 'text', 'type']);
    expect(keys(SubheadBlockSchema.shape)).toEqual(['text', 'type']);
    expect(keys(PhotoBlockSchema.shape)).toEqual(['asset', 'caption', 'credit', 'type']);
    expect(keys(BriefBlockSchema.shape)).toEqual(['paragraphs', 'title', 'type']);
    expect(keys(RichTextSchema.shape)).toEqual(['marks', 'text']);
    expect(keys(MarkSchema.shape)).toEqual(['end', 'start', 'type']);
  });

  it('equals canonicalJson(hashableContent(content)) for every field and block kind', () => {
    const c = parseContent(everything, 'test');
    expect(canonicalContentJson(c)).toBe(reference(c));
    const empty = parseContent({ ...everything, kicker: null, subhead: null, byline: null, credit: null, lead: null, editorCredit: null, continuedFrom: null, headline: [], body: [] }, 'test');
    expect(canonicalContentJson(empty)).toBe(reference(empty));
    for (const a of fixtureArticles(50, 3)) expect(canonicalContentJson(a)).toBe(reference(a));
  });

  it('equals it for arbitrary text (quotes, escapes, control characters, surrogates)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 30 });
    const nullableText = fc.option(text, { nil: null });
    const marks = fc.option(fc.array(fc.record({ type: fc.constantFrom('bold', 'italic', 'sub', 'sup'), start: fc.nat(50), end: fc.nat(50) }), { maxLength: 3 }), { nil: undefined });
    const block: fc.Arbitrary<Block> = fc.oneof(
      fc.record({ type: fc.constant('paragraph' as const), text, marks }).map((b) => (b.marks === undefined ? { type: b.type, text: b.text } : b)),
      fc.record({ type: fc.constant('subhead' as const), text }),
      fc.record({ type: fc.constant('photo' as const), caption: text, credit: nullableText, asset: nullableText }),
      fc.record({ type: fc.constant('brief' as const), title: text, paragraphs: fc.array(fc.record({ text }), { maxLength: 3 }) }),
    );
    fc.assert(
      fc.property(
        fc.record({ kicker: nullableText, headline: fc.array(text, { maxLength: 3 }), byline: nullableText, continuedFrom: fc.option(fc.integer({ min: 1, max: 99 }), { nil: null }), body: fc.array(block, { maxLength: 5 }) }),
        (fields) => {
          const c = parseContent({ ...zh([], []), ...fields }, 'property');
          expect(canonicalContentJson(c)).toBe(reference(c));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('countChars', () => {
  it('equals charCount() (no white space of any kind, a surrogate pair is one character)', () => {
    const spaces = [' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff'];
    const text = fc.array(fc.oneof(fc.constantFrom(...spaces, '𠀀', '\ud800', '\udc00', '字', 'a'), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 20 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(fc.array(text, { maxLength: 4 }), text, fc.option(text, { nil: null }), (paras, title, credit) => {
        const c = zh(['x'], paras, {});
        c.body.push({ type: 'photo', caption: title, credit, asset: null }, { type: 'brief', title, paragraphs: paras.map((p) => ({ text: p })) });
        expect(countChars(c)).toBe(charCount(c));
      }),
      { numRuns: 500 },
    );
    for (const a of fixtureArticles(30, 4)) expect(countChars(a)).toBe(charCount(a));
  });
});
