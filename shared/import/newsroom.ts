// The newsroom-text parser: the text of a printed Chinese newspaper page, as it comes out of
// the paper's editorial system or a PDF extraction (see ../../../shared/fixtures/).
//
// Three passes, each linear:
//   1. classify — lines → items (heading, headline deck, (上接) marker, byline, credit,
//      editor credit, photo caption, paragraph with its leading marker / trailing credit);
//   2. rejoin   — paragraphs split mid-sentence by a column break are put back together;
//   3. assemble — a small state machine turns the items into article drafts, and text that
//      belongs to no article into warnings.
// The decisions behind the rules are written down in ./README.md.
import { emptyContent, parsePageNumber, type ArticleContent, type Block, type BriefBlock, type RichText } from '../model';
import { endsMidSentence, joinSeparator, normalisePunctuation, parseInline, richText } from './inline';
import { CLOSE, continuedFrom, OPEN, ZH_JUMP_IN, ZH_JUMP_OUT } from './jump-lines';
import { assignDeck, deckLabel, SUBHEAD_DASH, type DeckLine } from './deck';
import { BYLINE as LATIN_BYLINE, EDITORS_NOTE, EMPTY_HEADING, IMAGE, RULE, splitBlocks } from './markdown';
import type { ArticleDraft, ImportResult, ImportWarning, PictureReference } from './types';

type Language = 'zh' | 'en';

type Item =
  /** `runIn`: a run-in brief title, split off this paragraph (■标题　本报讯 …). */
  | { kind: 'heading'; line: number; text: string; level: number; runIn?: Para }
  | { kind: 'deck'; line: number; lines: DeckLine[] }
  /** page: see Para.from. */
  | { kind: 'marker'; line: number; page: number; text: string }
  | { kind: 'byline'; line: number; text: string }
  | { kind: 'credit'; line: number; text: string }
  | { kind: 'editor'; line: number; text: string }
  | { kind: 'end'; line: number }
  | { kind: 'furniture'; line: number; text: string }
  | { kind: 'caption'; line: number; caption: string; credit: string }
  /** A Markdown picture, `![caption](file "credit")` (path null when empty). */
  | { kind: 'picture'; line: number; caption: string; credit: string | null; path: string | null }
  | Para;

interface Para {
  kind: 'para';
  line: number;
  text: string;
  /** Page of a leading (上接第N版), removed from the text; 0 for a page named by a label (上接A1版). */
  from: number | null;
  /** A trailing (何宝国) after the last sentence, removed from the text. */
  credit: string | null;
  /** An editor's note (编者按：…): printed ahead of the story, it opens one, as a deck does. */
  note: boolean;
}

// ---------------------------------------------------------------------------------------
// Patterns. Brackets may be ASCII or full-width; page numbers Arabic, full-width or Chinese;
// words in simplified or traditional characters (本报讯 / 本報訊, 记者 / 記者: Taiwan and Hong
// Kong desks write Big5 and traditional text).

const NAME = '[\\p{Script=Han}·]{2,5}';
const NAMES = `${NAME}(?:[、\\s\\u3000]+${NAME})*`;
// A role takes one or more of its qualifiers: 本报首席记者, 本报特约记者, 新华社记者.
// A commentator signs as one too: 本报评论员 郑言, 本报特约评论员 张三.
const ROLE = '(?:本报|本報|新华社|新華社|中新社|特约|特約|见习|見習|首席|摄影|攝影)*(?:记者|記者|通讯员|通訊員|实习生|實習生|评论员|評論員)';
/** An editorial signed by the paper, with no name: 本报评论员, 新华社评论员, 本报编辑部. */
const HOUSE_BYLINE = new RegExp('^(?:本报|本報|新华社|新華社|中新社)(?:特约|特約)?(?:评论员|評論員|编辑部|編輯部)$', 'u');
// What a credit did, before or after it: 文/图 本报记者 张三, 本报记者 张三 文/图, 文／记者 张三.
const WORK = '(?:文[/／][图圖]|[图圖][/／]文|文[/／]|[图圖][/／])';

const HEADING = /^(#{1,6})[ \t\u3000]+(.*?)(?:[ \t\u3000]+#+)?[ \t\u3000]*$/u;
const CONTINUED = new RegExp(`^${ZH_JUMP_IN}`, 'u');
const JUMP_OUT = new RegExp(ZH_JUMP_OUT, 'u');
const BYLINE = new RegExp(`^(?:(?:${WORK}[\\s\\u3000]*)?${ROLE}[\\s\\u3000]*${NAMES}[\\s\\u3000]*(?:${WORK}[\\s\\u3000]*)?)+$`, 'u');
const CREDIT = new RegExp(`^${OPEN}\\s*(${NAMES})\\s*${CLOSE}$`, 'u');
const TRAILING_CREDIT = new RegExp(`([。！？!?”’…])\\s*${OPEN}\\s*(${NAMES})\\s*${CLOSE}$`, 'u');
// (以上由王勇编辑整理), and the responsible-editor line (责任编辑：张三) closing a piece.
const EDITOR = new RegExp(`^${OPEN}\\s*((?:以上|责任编辑|責任編輯|责编|責編)[^()（）]{1,30}?)\\s*${CLOSE}$`, 'u');
// 责任编辑：李明 ⏎ 校对：赵红, 责任编辑 张华　校对 李丽: the production lines of a manuscript
// (who edited and proofread it), which the page prints, if at all, on its folio — never in the
// story. Unbracketed: a bracketed (责任编辑：张三) closing a piece is the EDITOR credit above.
const PRODUCTION_ROLE =
  '(?:责任编辑|責任編輯|责编|責編|值班编辑|值班編輯|编辑|編輯|校对|校對|审校|審校|审核|審核|终审|終審|签发|簽發|美编|美編|组版|組版)';
const FURNITURE = new RegExp(`^${PRODUCTION_ROLE}[\\s\\u3000]*[:：\\s\\u3000][\\s\\u3000]*${NAMES}(?:[\\s\\u3000，,；;|｜]+${PRODUCTION_ROLE}[\\s\\u3000]*[:：\\s\\u3000][\\s\\u3000]*${NAMES})*$`, 'u');
const END_MARK = new RegExp(`^${OPEN}\\s*完\\s*${CLOSE}$`, 'u');
// "…参赛。牛晨阳 摄": the credit follows the caption's last sentence (or stands alone).
const CAPTION = new RegExp(
  `(^|[。！？!?”）)])[\\s\\u3000]*${OPEN}?((?:${ROLE}[\\s\\u3000]*)?${NAMES}[\\s\\u3000]*[摄攝])${CLOSE}?$`,
  'u',
);
/** The desk's label on a caption (图片说明：…, 图说：…, 【图注】…): says what the text is, is not printed. */
const CAPTION_LABEL = new RegExp('^[【[]?(?:图片说明|圖片說明|图说|圖說|图注|圖註)(?:[】\\]][\\s\\u3000]*|[\\s\\u3000]*[:：][\\s\\u3000]*)', 'u');
/** A news agency's dateline (新华社北京1月26日电), not the paper's own (本报讯, 本报太原1月26日电). */
// A string, not a regex literal: the bundle is ASCII, and esbuild escapes strings only.
const AGENCY = new RegExp('^(?:新华社|新華社|中新社)', 'u');
/** The label of an editor's note or afterword opening a paragraph: 编者按：, 【编者按】, 编者的话：, 编后：, 【编后语】 (traditional too). */
// A string, not a regex literal: the bundle is ASCII, and esbuild escapes strings only.
const NOTE_LABEL = new RegExp('^(?:[【\\[](?:编者按|編者按|编者的话|編者的話|编后语?|編後語?)[】\\]][：:]?|(?:编者按|編者按|编者的话|編者的話|编后语?|編後語?)[：:])', 'u');

const LEAD = new RegExp(
  `^(本报讯|本報訊|(?:本报|本報|新华社|新華社|中新社)[\\p{Script=Han}]{0,8}?(?:\\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\\d{1,2}|[一二三四五六七八九十]{1,3})日(?:电|電|讯|訊))` +
    `[\\s\\u3000]*(?:${OPEN}([^()（）]{1,40})${CLOSE})?[\\s\\u3000]*`,
  'u',
);

// A brief whose title runs into its first sentence: ■市图书馆春节期间正常开放　本报讯 春节期间…
// (a bullet, a title with no sentence punctuation, then a space or the dateline), or
// 【市图书馆春节期间正常开放】春节期间…
const RUN_IN = new RegExp(
  '^(?:[■●◆▲★□◇▶◎][\\s\\u3000]*([^\\s\\u3000。，！？；：,;!?【】]{2,30}?)(?:[\\s\\u3000]+|(?=本报讯|本報訊|新华社|新華社|中新社))' +
    '|【([^\\s\\u3000。，！？；：,;!?【】]{2,30})】[\\s\\u3000]*)(?=\\S)',
  'u',
);

/** Longest line taken for a headline line, a byline or a brief title. */
const HEADLINE_MAX = 30;
const BRIEF_TITLE_MAX = 12;

function length(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** A line that can be (part of) a headline: short, no full stop, no trailing pause mark. */
function isHeadlineLike(line: string): boolean {
  if (line.length === 0 || line.length > 2 * HEADLINE_MAX) return false;
  // Not ending in ，、；： (or , ; :).
  return length(line) <= HEADLINE_MAX && !line.includes('。') && !/[\uff0c\u3001\uff1b\uff1a,;:]$/.test(line);
}

// ---------------------------------------------------------------------------------------
// Pass 1: classify

function classifyLine(text: string, line: number): Item | null {
  // Tails and heads are matched on short slices, so a 5 MB line costs nothing here.
  if (EMPTY_HEADING.test(text)) return null; // "# " with no heading: nothing, not a headline "#"
  const heading = HEADING.exec(text.length < 400 ? text : '');
  if (heading) return heading[2] ? { kind: 'heading', line, text: heading[2], level: heading[1].length } : null;
  // A Markdown thematic break (---, ***, ___) between articles closes the one before, as (完) does.
  if (RULE.test(text)) return { kind: 'end', line };
  const image = IMAGE.exec(text.length < 2000 ? text : '');
  if (image) return picture(image, line);
  const short = text.length <= 60;
  if (short) {
    const continued = CONTINUED.exec(text);
    if (continued && continued[0].length === text.length) return { kind: 'marker', line, page: parsePageNumber(continued[1]), text };
    if (JUMP_OUT.test(text) && text.replace(JUMP_OUT, '').trim() === '') return null; // redrawn by layout
    const editor = EDITOR.exec(text);
    if (editor) return { kind: 'editor', line, text: editor[1] };
    if (END_MARK.test(text)) return { kind: 'end', line };
    if (FURNITURE.test(text)) return { kind: 'furniture', line, text };
    const credit = CREDIT.exec(text);
    if (credit) return { kind: 'credit', line, text: credit[1].trim() };
    if ((BYLINE.test(text) || LATIN_BYLINE.test(text) || HOUSE_BYLINE.test(text)) && length(text) <= HEADLINE_MAX) return { kind: 'byline', line, text };
  }
  const tailStart = Math.max(0, text.length - 60);
  const caption = CAPTION.exec(text.slice(tailStart));
  if (caption && (caption[1] !== '' || tailStart === 0)) {
    const captionText = text.slice(0, tailStart + caption.index + caption[1].length).trim().replace(CAPTION_LABEL, '');
    return { kind: 'caption', line, caption: captionText, credit: caption[2].trim() };
  }
  return paragraph(text, line);
}

/**
 * `![1月27日，游客在钟楼街游览。](photos/a.jpg "牛晨阳 摄")`: the title is the credit; without
 * one, a credit closing the caption as on the page (…游览。牛晨阳 摄) is split off as a caption
 * line's is. The desk's label (图片说明：) is dropped.
 */
function picture(image: RegExpExecArray, line: number): Item {
  const alt = image[1].trim();
  const title = image[3]?.trim();
  const tail = title ? null : CAPTION.exec(alt);
  const caption = (tail ? alt.slice(0, tail.index + tail[1].length) : alt).trim().replace(CAPTION_LABEL, '');
  return { kind: 'picture', line, caption, credit: title || (tail ? tail[2].trim() : null), path: image[2] || null };
}

function paragraph(text: string, line: number): Para {
  let from: number | null = null;
  let credit: string | null = null;
  const continued = CONTINUED.exec(text.slice(0, 40));
  if (continued) {
    from = parsePageNumber(continued[1]);
    text = text.slice(continued[0].length).trimStart();
  }
  const tailStart = Math.max(0, text.length - 40);
  const jump = JUMP_OUT.exec(text.slice(tailStart));
  if (jump && tailStart + jump.index + jump[0].length === text.length) {
    text = text.slice(0, tailStart + jump.index).trimEnd(); // (下转第N版): layout redraws jump lines
  }
  const tail = text.slice(Math.max(0, text.length - 40));
  const trailing = TRAILING_CREDIT.exec(tail);
  if (trailing) {
    credit = trailing[2].trim();
    text = text.slice(0, text.length - tail.length + trailing.index + trailing[1].length);
  }
  return { kind: 'para', line, text, from, credit, note: from === null && EDITORS_NOTE.test(text) };
}


/** The last item that is not a picture (a story's picture neither ends nor starts it). */
function lastText(items: readonly Item[]): Item | undefined {
  for (let k = items.length - 1; k >= 0; k--) if (items[k].kind !== 'picture') return items[k];
  return undefined;
}

/** True where an article may start: at the top, or after a line that ends an article. */
function atArticleStart(prev: Item | undefined): boolean {
  if (!prev) return true;
  // An editor's note stands over a story: the deck after it is that story's.
  if (prev.kind === 'para') return prev.credit !== null || prev.note;
  return prev.kind !== 'heading' && prev.kind !== 'deck';
}

function classify(lines: string[]): Item[] {
  const items: Item[] = [];
  const all = splitBlocks(lines);
  all.forEach((block, b) => {
    const texts = block.lines.map((l) => l.trim());
    const single = texts.map((t, k) => classifyLine(t, block.line + k));
    // A block of short lines is one headline deck ("推出194项服务“清单”  ⏎力促住宅小区  ⏎
    // 物业服务阳光运行") when its lines are hard-broken (end in spaces) or when it stands
    // where an article starts; inside an article it is body text (a list, say). A lone
    // short line opening the file is a headline too (plain Chinese text without ## marks);
    // anywhere else a lone line without ## is body text.
    const plain = single.every((it) => it?.kind === 'para' && it.from === null && it.credit === null);
    const hardBroken = block.lines.slice(0, -1).every((l) => /[ \t\u3000]$/.test(l));
    // A picture between blocks changes nothing here: what stood before it decides.
    const start = atArticleStart(lastText(items));
    // A labelled line (引题：… 主题：… 副题：…) is a deck line wherever it stands: the desk said so.
    const labelled = plain && texts.some((t) => deckLabel(t) !== null);
    // A 副题 in a block of its own right under the headline (## 主题 ⏎⏎ ——副题); under a
    // crosshead in a story's text such a line is text.
    const prev = items[items.length - 1];
    const underHeadline = prev?.kind === 'deck' || (prev?.kind === 'heading' && atArticleStart(items[items.length - 2]));
    const dashed = texts.length === 1 && SUBHEAD_DASH.test(texts[0]) && underHeadline;
    const deck = plain && texts.every(isHeadlineLike) && (labelled || dashed || (texts.length >= 2 && (hardBroken || start)));
    const opening = b === 0 && all.length > 1 && texts.length === 1 && plain && isHeadlineLike(texts[0]);
    if (deck || opening) {
      items.push(opening && !labelled ? { kind: 'heading', line: block.line, text: texts[0], level: 2 } : { kind: 'deck', line: block.line, lines: texts.map((text) => ({ text })) });
      return;
    }
    // Heading lines with no blank line between them (## 引题 ⏎ ## 主题 ⏎ ## ——副题) are one deck
    // where an article starts and text follows (headlines alone, one a line, are the day's budget).
    const headings = single.filter((it): it is Extract<Item, { kind: 'heading' }> => it?.kind === 'heading');
    const next = all[b + 1];
    const followedByText = next !== undefined && !HEADING.test(next.lines[0].trim());
    if (texts.length >= 2 && headings.length === texts.length && followedByText && headings.every((h) => isHeadlineLike(h.text))) {
      if (start || headings.some((h) => h.level === 1)) {
        items.push({ kind: 'deck', line: block.line, lines: headings.map((h) => ({ text: h.text, level: h.level })) });
        return;
      }
    }
    for (const it of single) if (it) items.push(it);
  });
  return items;
}

// ---------------------------------------------------------------------------------------
// Pass 2: rejoin paragraphs split by a column break

function rejoin(items: Item[]): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    const first = items[i];
    if (first.kind !== 'para' || first.credit !== null || !endsMidSentence(first.text)) {
      out.push(first);
      continue;
    }
    const parts = [first.text];
    let last: Para = first;
    while (i + 1 < items.length) {
      const next = items[i + 1];
      if (next.kind !== 'para' || next.from !== null || last.credit !== null || !endsMidSentence(last.text)) break;
      parts.push(joinSeparator(last.text, next.text), next.text.trimStart());
      last = next;
      i++;
    }
    out.push(last === first ? first : { ...first, text: parts.join(''), credit: last.credit });
  }
  return out;
}

/**
 * Run-in brief titles: where two or more paragraphs in a row (a brief may have a second
 * paragraph without one) open with a run-in title, each title becomes a heading item ahead of
 * its paragraph's text, for briefsRun to read as the column it is. One alone is a paragraph.
 */
function splitRunIns(items: Item[]): Item[] {
  const found = items.map((it) => (it.kind === 'para' && it.from === null ? RUN_IN.exec(it.text) : null));
  const out: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    const m = found[i];
    const item = items[i];
    const next = found[i + 1] ?? (items[i + 1]?.kind === 'para' ? found[i + 2] : null);
    const prev = found[i - 1] ?? (items[i - 1]?.kind === 'para' ? found[i - 2] : null);
    if (!m || item.kind !== 'para' || (!next && !prev)) {
      out.push(item);
      continue;
    }
    out.push({ kind: 'heading', line: item.line, text: m[1] ?? m[2], level: 2, runIn: item });
    out.push({ ...item, text: item.text.slice(m[0].length) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Pass 3: assemble

/** Where a text ends: the last paragraph of an article, or of each brief. */
interface Tail {
  article: ArticleDraft;
  brief: { title: string; line: number } | null;
  line: number;
  text: string;
}

interface BriefsRun {
  entries: { title: string; line: number; paras: Para[] }[];
  next: number;
}

/**
 * A briefs column: two or more short `## ` titles in a row, each followed by one or two
 * paragraphs, ending where an article ends (credit, editor credit, (上接) marker, photo,
 * headline deck, end of text). A run that ends in a byline or another heading is a story
 * with subheads instead.
 */
function briefsRun(items: Item[], i: number): BriefsRun | null {
  const entries: BriefsRun['entries'] = [];
  let j = i;
  while (j < items.length) {
    const head = items[j];
    // A title holds no 。，：(or , :).
    if (head.kind !== 'heading' || head.level === 1 || length(head.text) > (head.runIn ? HEADLINE_MAX : BRIEF_TITLE_MAX) || /[\u3002\uff0c,\uff1a:]/.test(head.text)) break;
    const paras: Para[] = [];
    let k = j + 1;
    while (k < items.length && paras.length < 3) {
      const p = items[k];
      if (p.kind !== 'para' || p.from !== null) break;
      paras.push(p);
      k++;
      if (p.credit !== null) break;
    }
    if (paras.length < 1 || paras.length > 2) break;
    entries.push({ title: head.text, line: head.line, paras });
    j = k;
  }
  if (entries.length < 2) return null;
  const stop = items[j];
  if (stop && (stop.kind === 'heading' || stop.kind === 'byline')) return null;
  return { entries, next: j };
}

class Assembler {
  readonly articles: ArticleDraft[] = [];
  readonly warnings: ImportWarning[] = [];
  /** Per article: its last paragraph, or for a briefs column the last paragraph of each brief. */
  readonly tails = new Map<ArticleDraft, Tail[]>();
  private current: ArticleDraft | null = null;
  /** False for a briefs column once its run is read: only closing lines may follow. */
  private acceptsBody = false;
  private pending: { page: number; line: number } | null = null;
  private pendingText = '';
  /** Editor's notes (编者按): an article holding only its note is still bare. */
  private readonly notes = new WeakSet<Block>();
  /** The Markdown pictures met, with their lines (ImportResult.pictures). */
  readonly pictures: PictureReference[] = [];
  /** Articles whose headline is a level-1 heading (`# `): a `## ` right under it is its 副题. */
  private readonly levelOne = new WeakSet<ArticleDraft>();

  constructor(
    private readonly language: Language,
    /** The text uses Markdown emphasis (**bold**, *italic*): parse it in paragraphs. */
    private readonly markdown = false,
  ) {}

  run(items: Item[]): void {
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      switch (item.kind) {
        case 'heading':
          i = this.heading(items, i);
          break;
        case 'deck':
          this.deck(item);
          break;
        case 'marker':
          if (this.current && this.acceptsBody && this.isBare(this.current) && this.current.content.continuedFrom === null) {
            this.current.content.continuedFrom = continuedFrom(item.page);
          } else {
            this.close();
            this.setPending(item);
          }
          break;
        case 'para':
          this.paragraph(item);
          break;
        case 'byline':
          if (!this.current && i > 0 && items[i - 1].kind === 'byline' && this.articles.length > 0) {
            const last = this.articles[this.articles.length - 1].content; // 记者 X ⏎ 通讯员 Y
            last.byline = joinBylines(last.byline, item.text);
          } else if (this.current) {
            const c = this.current.content;
            c.byline = joinBylines(c.byline, item.text);
            if (!this.acceptsBody || this.current.content.body.length > 0) this.close();
          } else {
            this.open(item.line).content.byline = item.text;
          }
          break;
        case 'credit':
        case 'editor': {
          const field = item.kind === 'credit' ? 'credit' : 'editorCredit';
          const target = this.current ?? this.articles[this.articles.length - 1];
          if (target && target.content[field] === null) target.content[field] = item.text;
          else this.orphan(item.line, `(${item.text})`, 'A credit line that belongs to no article');
          this.close();
          break;
        }
        case 'end':
          this.close();
          break;
        case 'furniture':
          // Kept out of the text and reported; after a story's text it signs the story off.
          this.warnings.push({ line: item.line, code: 'furniture', message: 'A production line (责任编辑, 校对…), not printed with the story; kept out', text: item.text });
          if (this.current && !this.isBare(this.current)) this.close();
          break;
        case 'caption': {
          // A news photo (图片新闻) stands alone; it does not end an article it interrupts.
          // The credit is kept as printed, "牛晨阳 摄": 摄 is part of the credit line (as 记者
          // is part of a byline), the layout prints it verbatim, and blockText() gives back
          // the printed caption line.
          const photo: ArticleDraft = { content: this.content('photo'), line: item.line };
          photo.content.body.push({ type: 'photo', caption: plainText(item.caption), credit: item.credit, asset: null });
          this.articles.push(photo);
          break;
        }
        case 'picture': {
          // Chinese Markdown's picture: in the story it stands in, as Markdown places it (a
          // caption line alone is a news photo of its own; a picture between a story's
          // paragraphs is the story's); with no story open, a news photo (图片新闻).
          const block: Block = { type: 'photo', caption: plainText(item.caption), credit: item.credit === null ? null : plainText(item.credit), asset: item.path };
          if (this.current && this.acceptsBody) this.current.content.body.push(block);
          else {
            const photo: ArticleDraft = { content: this.content('photo'), line: item.line };
            photo.content.body.push(block);
            this.articles.push(photo);
          }
          if (item.path !== null) this.pictures.push({ line: item.line, path: item.path });
          break;
        }
      }
    }
    this.close();
    if (this.pending) this.orphan(this.pending.line, this.pendingText, 'A continuation marker followed by no text');
  }

  private content(kind: ArticleContent['kind']): ArticleContent {
    return { ...emptyContent(this.language), kind };
  }

  /** No text yet but an editor's note or pictures: the deck, lead and (上接) of the story may still come. */
  private isBare(a: ArticleDraft): boolean {
    return a.content.body.every((b) => this.notes.has(b) || b.type === 'photo');
  }

  private setPending(marker: { page: number; line: number; text: string }): void {
    this.pending = { page: marker.page, line: marker.line };
    this.pendingText = marker.text;
  }

  private open(line: number, kind: ArticleContent['kind'] = 'story'): ArticleDraft {
    this.close();
    const draft: ArticleDraft = { content: this.content(kind), line };
    if (this.pending) {
      draft.content.continuedFrom = continuedFrom(this.pending.page);
      draft.line = Math.min(line, this.pending.line);
      this.pending = null;
    }
    this.articles.push(draft);
    this.current = draft;
    this.acceptsBody = true;
    return draft;
  }

  private close(): void {
    this.current = null;
    this.acceptsBody = false;
  }

  private heading(items: Item[], i: number): number {
    const item = items[i] as Extract<Item, { kind: 'heading' }>;
    const cur = this.current;
    if (!cur || (this.acceptsBody && this.isBare(cur) && cur.content.kind === 'story')) {
      const run = briefsRun(items, i);
      if (run) {
        const draft = cur ?? this.open(item.line, 'briefs');
        draft.content.kind = 'briefs';
        for (const e of run.entries) draft.content.body.push(this.brief(draft, e));
        this.acceptsBody = false;
        return run.next - 1;
      }
    }
    // A run-in title that makes no briefs column here: its paragraph is text, as written.
    if (item.runIn) {
      this.paragraph(item.runIn);
      return i + 1;
    }
    const text = plainText(item.text, this.markdown);
    // A level-1 heading (`# `, Chinese text written as Markdown) is always an article's
    // headline; `## ` inside an article is a subhead, as on the newsroom page — but a `## `
    // right under a `# ` headline, before any text, is the deck's 副题 (# Headline ⏎ ## Dek).
    if (cur && this.acceptsBody && item.level === 2 && this.levelOne.has(cur) && this.isBare(cur) && cur.content.subhead === null) {
      cur.content.subhead = text;
      return i;
    }
    // A smaller heading alone over a `# ` headline, a blank line between (## 聚焦“三个转变” ⏎⏎
    // # 太原推动…), is its 引题, as in one block: it was an empty article of its own.
    const c = cur?.content;
    if (cur && c && this.acceptsBody && item.level === 1 && !this.levelOne.has(cur) && this.isBare(cur) && c.headline.length === 1 && c.kicker === null && c.subhead === null && c.byline === null && c.lead === null) {
      Object.assign(c, { kicker: c.headline[0], headline: [text] });
      this.levelOne.add(cur);
      return i;
    }
    if (cur && this.acceptsBody && (item.level > 1 || (cur.content.headline.length === 0 && this.isBare(cur)))) {
      if (cur.content.headline.length === 0 && this.isBare(cur)) {
        cur.content.headline = [text];
        if (item.level === 1) this.levelOne.add(cur);
        return i;
      }
      // Inside an article a heading is a subhead — unless the article has no text yet and
      // nothing follows this heading but another heading: then it is the next headline
      // (a file of headlines only).
      const next = items[i + 1];
      if (!this.isBare(cur) || next?.kind === 'para') {
        cur.content.body.push({ type: 'subhead', text });
        return i;
      }
    }
    const draft = this.open(item.line);
    draft.content.headline = [text];
    if (item.level === 1) this.levelOne.add(draft);
    return i;
  }

  /**
   * A deck fills the kicker, headline and subhead of a new article, or of the bare article a
   * deck just opened when it fills parts still empty (引题：… ⏎⏎ 主题：…). An unmarked deck is
   * all headline, one entry per printed line: in print the kicker (引题) is told by its smaller
   * type, and plain text carries no sizes — "推出194项服务“清单”" may be a kicker or the first
   * line of a three-line headline. What the copy does say (labels, heading levels, the 副题's
   * dash) is read by assignDeck.
   */
  private deck(item: Extract<Item, { kind: 'deck' }>): void {
    const deck = assignDeck(item.lines, (l) => plainText(l, this.markdown));
    const cur = this.current;
    const fits =
      cur !== null &&
      this.acceptsBody &&
      this.isBare(cur) &&
      (deck.kicker === null || cur.content.kicker === null) &&
      (deck.headline.length === 0 || cur.content.headline.length === 0) &&
      (deck.subhead === null || cur.content.subhead === null);
    const draft = fits ? cur : this.open(item.line);
    const c = draft.content;
    if (deck.kicker !== null) c.kicker = deck.kicker;
    if (deck.headline.length > 0) c.headline = deck.headline;
    if (deck.subhead !== null) c.subhead = deck.subhead;
    if (item.lines.some((l) => l.level === 1)) this.levelOne.add(draft);
  }

  private brief(draft: ArticleDraft, e: BriefsRun['entries'][number]): BriefBlock {
    const paragraphs: RichText[] = e.paras.map((p) => {
      const raw = p.credit !== null ? `${p.text}（${p.credit}）` : p.text;
      return this.rich(raw, p.line);
    });
    const last = e.paras[e.paras.length - 1];
    const tail: Tail = { article: draft, brief: { title: plainText(e.title), line: e.line }, line: last.line, text: last.text };
    this.tails.set(draft, [...(this.tails.get(draft) ?? []), tail]);
    return { type: 'brief', title: plainText(e.title), paragraphs };
  }

  private paragraph(item: Para): void {
    let cur = this.current;
    if (item.from !== null) {
      if (cur && this.acceptsBody && this.isBare(cur) && cur.content.continuedFrom === null) {
        cur.content.continuedFrom = continuedFrom(item.from);
      } else {
        cur = this.open(item.line);
        cur.content.continuedFrom = continuedFrom(item.from);
      }
    } else if (item.note && cur && !this.isBare(cur)) {
      cur = this.open(item.line); // an editor's note after a story's text opens the next story
    } else if (!cur || !this.acceptsBody) {
      if (!this.pending && this.articles.length > 0 && !item.note) {
        this.orphan(item.line, item.text, 'Text that belongs to no article: no headline and no (上接) marker before it');
        return;
      }
      cur = this.open(item.line);
    }
    let text = item.text;
    /** After an editor's note, the lead set as layout sets one (bold, an ideographic space after it) at the head of this paragraph. */
    let noteLead = '';
    if (this.isBare(cur) && !item.note && cur.content.lead === null) {
      const lead = LEAD.exec(text.slice(0, 80));
      if (lead) {
        let dateline = lead[1];
        // The paper's own reporter goes to the byline; an agency's stays in its dateline
        // (新华社北京1月26日电（记者 王飞航）): over the story, 记者 王飞航 would read as ours.
        if (lead[2] && BYLINE.test(lead[2].trim()) && cur.content.byline === null && !AGENCY.test(lead[1])) cur.content.byline = lead[2].trim();
        else if (lead[2]) dateline = `${lead[1]}（${lead[2].trim()}）`;
        text = text.slice(lead[0].length);
        // Layout sets the lead at the head of the story's first paragraph, which after an
        // editor's note is the note's: this paragraph keeps it, printed as layout prints one.
        // Before, 本报讯（记者 陈晨）入夜 printed in roman, its byline in the text.
        if (cur.content.body.every((b) => b.type === 'photo')) cur.content.lead = dateline; // layout sets it on the first paragraph
        else noteLead = dateline;
      }
    }
    const block: Block = { type: 'paragraph', ...this.rich(noteLead ? `${noteLead}\u3000${text}` : text, item.line) };
    if (noteLead) block.marks = [{ type: 'bold', start: 0, end: noteLead.length }, ...(block.marks ?? [])];
    // An editor's note (编者按：, 【编者按】) or afterword (编后：) is told from the story's text by
    // its label in bold, as a lead is: in roman it read as one more paragraph of the story.
    const label = NOTE_LABEL.exec(block.text);
    if (label && !block.marks?.some((m) => m.start < label[0].length)) block.marks = [{ type: 'bold', start: 0, end: label[0].length }, ...(block.marks ?? [])];
    cur.content.body.push(block);
    if (item.note) this.notes.add(block);
    this.tails.set(cur, [{ article: cur, brief: null, line: item.line, text }]);
    if (item.credit !== null) {
      cur.content.credit = item.credit;
      this.close();
    }
  }

  private rich(raw: string, line: number): RichText {
    const { problems, ...rich } = richText(raw, this.markdown);
    for (const p of problems) this.warnings.push({ line, code: p.code, message: p.message, text: p.text });
    return rich;
  }

  orphan(line: number, text: string, message: string): void {
    this.warnings.push({ line, code: 'orphan-fragment', message, text });
  }
}

/**
 * A byline line added to the byline an article has: the byline of 本报讯（记者 刘佳） and the
 * closing line 记者 刘佳 通讯员 赵文斌 name the same reporter, and joined as they came the page
 * printed 记者 刘佳 记者 刘佳 通讯员 赵文斌. A line that holds the byline so far replaces it, one
 * the byline holds adds nothing, any other is added after it.
 */
function joinBylines(had: string | null, line: string): string {
  if (!had) return line;
  const words = (s: string) => s.trim().split(/[\s\u3000]+/u);
  const contains = (a: string[], b: string[]) => a.some((_, i) => b.every((w, k) => a[i + k] === w));
  const [a, b] = [words(had), words(line)];
  if (contains(b, a)) return line;
  if (contains(a, b)) return had;
  return `${had} ${line}`;
}

/** Headline, subhead and caption text: tags removed (no marks there), punctuation normalised. */
function plainText(raw: string, markdown = false): string {
  return normalisePunctuation(parseInline(raw.trim(), markdown).text).text;
}

function describe(t: Tail): string {
  if (t.brief) return `the brief “${t.brief.title}” (line ${t.brief.line})`;
  const head = t.article.content.headline.join('');
  return head ? `“${head}” (line ${t.article.line})` : `the article at line ${t.article.line}`;
}

/** Warnings that need the whole page: empty articles, texts that stop mid-sentence, owners. */
function review(asm: Assembler): void {
  const { articles, warnings, tails } = asm;
  const cut: Tail[] = [];
  for (const a of articles) {
    if (a.content.body.length === 0) {
      warnings.push({
        line: a.line,
        code: 'empty-article',
        message: 'An article with no text (a headline only); imported empty',
        text: a.content.headline.join('') || (a.content.byline ?? ''),
      });
      continue;
    }
    for (const t of tails.get(a) ?? []) {
      if (!endsMidSentence(t.text)) continue;
      cut.push(t);
      warnings.push({
        line: t.line,
        code: 'suspicious-break',
        message: `The text of ${describe(t)} stops mid-sentence`,
        text: [...t.text].slice(-12).join(''),
      });
    }
  }
  // Suggest where orphans may belong — but never glue them: an editor decides.
  for (const w of warnings) {
    if (w.code !== 'orphan-fragment' || cut.length === 0 || /^[(\uff08]/.test(w.text)) continue; // ( or （
    const owners = cut.map((t) => `${describe(t)}, which ends “…${[...plainText(t.text)].slice(-6).join('')}”`);
    w.message += `. It may be the end of ${owners.join(' or ')}`;
  }
  warnings.sort((a, b) => a.line - b.line);
}

/** `markdown`: the text uses Markdown emphasis, which paragraphs then parse (`**加粗**` → bold). */
export function parseNewsroom(lines: string[], language: Language, markdown = false): ImportResult {
  const items = splitRunIns(rejoin(classify(lines)));
  const asm = new Assembler(language, markdown);
  asm.run(items);
  review(asm);
  return { articles: asm.articles, warnings: asm.warnings, pictures: asm.pictures };
}

