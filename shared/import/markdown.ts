// Markdown and plain-text importers (wire copy, English stories, anything typed by hand).
//
// Markdown: `#`/`##` start an article with its headline (a deeper heading right under a
// headline is its subhead, 副题), `###`… are subheads in the body, `**bold**` / `*italic*` and
// <sub>/<sup> are marks, paragraphs are separated by blank lines, a "By X" line is the byline,
// `![caption](file "credit")` is a photo, a `---` line separates articles.
// Plain text: one article; the first line is the headline when it is short and text follows,
// paragraphs are separated by blank lines, a "By X" line is the byline.
// English briefs (a column of short titled items) are found by shape in both: see briefsColumn.
import { emptyContent, type ArticleContent, type BriefBlock, type ParagraphBlock, type RichText } from '../model';
import { assignDeck, deckLabel } from './deck';
import { joinSeparator, normalisePunctuation, parseInline, richText } from './inline';
import { continuedFrom, englishJumps } from './jump-lines';
import type { ArticleDraft, ImportResult, ImportWarning, PictureReference } from './types';

type Language = 'zh' | 'en';

const HEADING = /^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
/** A heading mark with nothing after it. */
export const EMPTY_HEADING = /^#{1,6}$/;
const SETEXT = /^(=+|-+)[ \t]*$/;
/** A thematic break (---, ***, ___): between articles. */
export const RULE = /^(?:-[ \t]*){3,}$|^(?:\*[ \t]*){3,}$|^(?:_[ \t]*){3,}$/;
// "By Jane Doe", "By Jane Doe and John Roe", "By JANE DOE, Reuters" — not "By the way, …".
export const BYLINE =
  /^[Bb][Yy][ \t]+\p{Lu}[\p{L}.'’-]*(?:[ \t]+(?:(?:and|&)[ \t]+)?\p{Lu}[\p{L}.'’-]*){0,5}(?:[ \t]*,[ \t]*[\p{L}. ]{2,40})?$/u;
/**
 * A byline's second line: the writer's title or organisation (Staff Writer, Associated Press,
 * The Riverton Times) or e-mail address — short, capitalised, no sentence.
 */
const BYLINE_EXTRA = /^(?:\p{Lu}[\p{L}.'’&-]*(?:[ \t]+(?:of|for|the|and|&|\p{Lu}[\p{L}.'’&-]*)){0,5}|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)$/u;
/** An editor's note, which stands over the story it introduces: 编者按：…, 【编者按】…, 编者的话, Editor's note: …. */
export const EDITORS_NOTE = new RegExp("^(?:[【[]?(?:编者按|編者按|编者的话|編者的話)[】\\]]?|Editor[’']?s\\s+note\\b)", 'iu'); // a string: the bundle is ASCII
/** A wire service's slug line (BC-US--Winter Storm, 1st Ld-Writethru; AP-EU--Britain-Election): routing, not text. */
export const WIRE_SLUG = /^(?:BC|AP)-[A-Z]{2,}-{1,2}[^\s.!?]/;
/**
 * An English desk's production line, who handled the copy — `Copy editor: J. Smith`, `Edited by
 * Ann Lee`, `Proofreader: Tom Ray, Jo Li` — as 责任编辑：李明 is a Chinese one: a role, then names
 * only (every word capitalised), so `Editor: What comes next?` stays text.
 */
const PRODUCTION_LINE =
  /^(?:(?:(?:[Cc]opy|[Nn]ight|[Pp]age|[Ss]lot|[Dd]esk)[ \t]+)?(?:[Ee]ditor|[Dd]esigner|[Pp]roofreader|[Cc]hecker)[ \t]*:|(?:[Cc]opy[ \t]+)?(?:[Ee]dited|[Pp]roofread|[Cc]hecked|[Dd]esigned)[ \t]+by)[ \t]*\p{Lu}[\p{L}.'’-]*(?:(?:[ \t]*,[ \t]*|[ \t]+(?:(?:and|&)[ \t]+)?)\p{Lu}[\p{L}.'’-]*){0,7}$/u;

/**
 * A byline block: `By Jane Doe` alone, or with its title, organisation or e-mail on the lines
 * under it (By JANE DOE ⏎ Associated Press), joined as one line prints it: "By JANE DOE,
 * Associated Press". Null for any other block.
 */
export function bylineBlock(lines: string[]): string | null {
  const [first, ...rest] = lines.map((l) => l.trim());
  if (!BYLINE.test(first) || rest.length > 2 || !rest.every((l) => BYLINE_EXTRA.test(l) && !BYLINE.test(l))) return null;
  return [first, ...rest].join(', ');
}
/** A Markdown picture: `![caption](file "title")`, alone on its line. */
export const IMAGE = /^!\[([^\]]*)\]\(([^)\s]*)(?:[ \t]+"([^"]*)")?\)$/;
/** A wire caption's closing credit: (AP Photo/Jane Doe), (Photo: Jane Doe), (Staff photo by Ana López). */
const CAPTION_CREDIT = /\s*\(\s*((?:[^()]*\s)?photos?(?:\s*[/:]|\s+by\s)[^()]*?)\s*\)\s*$/i;

/** A picture's caption and credit: the image's title (`![caption](file "credit")`), else a wire caption's closing (AP Photo/…). */
function captionAndCredit(alt: string, title: string | undefined): { caption: string; credit: string | null } {
  if (title?.trim()) return { caption: alt, credit: title.trim() };
  const m = CAPTION_CREDIT.exec(alt);
  if (m && m.index > 0) return { caption: alt.slice(0, m.index), credit: m[1] };
  return { caption: alt, credit: null };
}
const HEADLINE_MAX = 200;

/** Longest brief title, in words and characters: a headline in a few words, not a sentence. */
const BRIEF_TITLE_WORDS = 12;
const BRIEF_TITLE_MAX = 80;
/** Longest brief, in words of its paragraphs: a US brief runs 50–150 words. */
const BRIEF_WORDS_MAX = 200;

const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

/**
 * A title's last word may end in the point of an abbreviation, which is no full stop: a street
 * (Elm St., Riverside Dr.), a name's suffix (Jr.), a company (Inc.), initials (U.S., D.C.).
 */
const TITLE_ABBREVIATION = /(?:^|[\s(])(?:(?:\p{Lu}\.){2,}|(?:St|Sts|Ave|Blvd|Rd|Dr|Ln|Ct|Pl|Sq|Pkwy|Hwy|Mt|Ft|Jr|Sr|Inc|Co|Corp|Ltd|Bros)\.)$/u;

/**
 * A brief's title: short, and not a sentence — no full stop, question, exclamation, colon,
 * semicolon or comma at its end ("Library extends hours", not "When will the road reopen?",
 * which is a story's crosshead, nor "Crews worked through the night.", which is a paragraph).
 * The point of an abbreviation is no full stop: "Water main break closes Elm St." is a title.
 */
export function isBriefTitle(text: string): boolean {
  const t = text.trim();
  if (t === '' || wordCount(t) > BRIEF_TITLE_WORDS || [...t].length > BRIEF_TITLE_MAX) return false;
  return !/[.?!:;,\u2026\u3002\uff1f\uff01\uff1a\uff1b\uff0c]["'\u201d\u2019)]*$/.test(t) || TITLE_ABBREVIATION.test(t);
}

/** A piece of an article's text, for briefsColumn: a title candidate, a paragraph, or anything else. */
type Piece = { kind: 'title'; text: string } | { kind: 'para'; rich: RichText } | { kind: 'other' };

/**
 * An English briefs column: the text goes straight from the column head to two or more short
 * titled items, each of one or two paragraphs (at most BRIEF_WORDS_MAX words), and nothing
 * else — no lead paragraphs before the first title, no byline, no picture, no section of three
 * paragraphs. A story with subheads has its lead (and usually a byline and several paragraphs
 * a section), so it never matches. Returns the brief blocks, or null for a story.
 */
export function briefsColumn(pieces: Piece[]): BriefBlock[] | null {
  const out: BriefBlock[] = [];
  let i = 0;
  while (i < pieces.length) {
    const head = pieces[i];
    if (head.kind !== 'title' || !isBriefTitle(head.text)) return null;
    const paragraphs: RichText[] = [];
    for (i++; i < pieces.length; i++) {
      const p = pieces[i];
      if (p.kind !== 'para') break;
      paragraphs.push(p.rich);
    }
    if (paragraphs.length < 1 || paragraphs.length > 2) return null;
    if (paragraphs.reduce((n, p) => n + wordCount(p.text), 0) > BRIEF_WORDS_MAX) return null;
    out.push({ type: 'brief', title: head.text, paragraphs });
  }
  return out.length >= 2 ? out : null;
}

/**
 * Plain text has no heading marks: a one-line paragraph is a title when it reads as one
 * (isBriefTitle) and is followed by a paragraph; otherwise it is a paragraph (a one-line
 * paragraph ends in a full stop, a title does not).
 */
function plainPieces(pieces: Piece[]): Piece[] {
  return pieces.map((p, i) => (p.kind === 'title' && !(isBriefTitle(p.text) && pieces[i + 1] !== undefined) ? { kind: 'para', rich: { text: p.text } } : p));
}

/**
 * The line that closes a briefs column: "— From staff reports", "From staff and wire reports",
 * "Compiled by Jane Doe" (dash and final point optional). Group 1 is the credit as stored.
 */
const SIGN_OFF =
  /^(?:[\u2014\u2013-]+[ \t]*)?((?:From|Compiled from)[ \t]+(?:staff|wire|news)(?:[ \t]*(?:,|and|&)[ \t]*(?:staff|wire|news))*[ \t]+(?:reports|services)|Compiled by[ \t]+\p{Lu}[\p{L}.'’ -]{1,60}|Staff and wire reports)\.?$/iu;

/**
 * A run-in title: a paragraph that opens with a bold phrase ending in a full stop, colon or
 * dash, or followed by one (`**Road closed.** The city…`, `**Food drive** — The club…`).
 * Returns the title (without that mark) and the rest of the paragraph, marks moved; else null.
 */
function runIn(rich: RichText): { title: string; rest: RichText } | null {
  const bold = rich.marks?.find((m) => m.type === 'bold' && m.start === 0);
  if (!bold) return null;
  const head = rich.text.slice(0, bold.end);
  const after = /^[ \t]*(?:[\u2014\u2013:.-][ \t]*)?/.exec(rich.text.slice(bold.end))![0];
  if (!/[.:\u2014\u2013-][ \t]*$/.test(head) && !/[\u2014\u2013:.-]/.test(after)) return null;
  const start = bold.end + after.length;
  if (start >= rich.text.length) return null;
  const title = head.replace(/[ \t]*[.:\u2014\u2013-]+[ \t]*$/, '').trim();
  // An interview's **Q:** and **A:** are speakers, not titles.
  if ([...title.matchAll(/\p{L}/gu)].length < 3) return null;
  const marks = (rich.marks ?? [])
    .filter((m) => m !== bold && m.end > start)
    .map((m) => ({ ...m, start: Math.max(0, m.start - start), end: m.end - start }));
  const rest: RichText = { text: rich.text.slice(start) };
  if (marks.length > 0) rest.marks = marks;
  return { title, rest };
}

/** Pieces with every paragraph's run-in title made a title piece; null unless two or more have one. */
function runInPieces(pieces: Piece[]): Piece[] | null {
  const out: Piece[] = [];
  let count = 0;
  for (const p of pieces) {
    const r = p.kind === 'para' ? runIn(p.rich) : null;
    if (r) {
      count++;
      out.push({ kind: 'title', text: r.title }, { kind: 'para', rich: r.rest });
    } else out.push(p);
  }
  return count >= 2 ? out : null;
}

/**
 * A story's tagline: the line after its text that says who wrote it and how to reach them —
 * "— Staff writer Sam Green", "Contact the writer at …", "… can be reached at …", "Ruth Allen
 * is a columnist for The Riverton Times.", "Associated Press writer John Roe contributed to
 * this report."
 */
const TAGLINE =
  /^(?:[\u2014\u2013]|(?:Contact|Reach|Email|E-mail)\s.*@|.*\bcan be reached\b|.*\bcontributed (?:to )?this (?:report|story)\.?$|\p{Lu}[\p{L}.'’ -]{1,60}\s(?:is|was|are)\s(?:an?|the)\s[\p{L} -]{0,40}(?:columnist|writer|reporter|editor|correspondent|critic)\b)/u;
const TAGLINE_WORDS_MAX = 50;

function isTagline(text: string): boolean {
  return wordCount(text) <= TAGLINE_WORDS_MAX && TAGLINE.test(text);
}

/**
 * An English dateline opening a story's first paragraph: the city in capitals, a state,
 * country or date after a comma, the agency in brackets, and the dash — "BOSTON (AP) —",
 * "WASHINGTON —", "SAN JUAN, Puerto Rico (AP) —", "LONDON, Jan. 5 (Reuters) -". Group 1 is
 * the dateline with its dash. The city has three letters or more ("OK — so" is no dateline).
 */
const EN_DATELINE =
  /^([A-Z][A-Z.'\u2019-]{2,}(?: [A-Z][A-Z.'\u2019-]*){0,3}(?:, [A-Z][A-Za-z.'\u2019-]*(?: [A-Za-z0-9][A-Za-z0-9.'\u2019-]*){0,3})?(?: \([A-Z][A-Za-z&.' ]{0,30}\))? ?(?:\u2014|\u2013|--?)) +(?=\S)/u;

/**
 * The dateline of an English story goes to its `lead`, as 本报讯 does in Chinese: layout sets
 * the lead run in at the head of the first paragraph, in bold, the capitals as the wire wrote
 * them ("**BOSTON (AP) —** A winter storm…"), which is how a US paper prints it. Only a story
 * with no lead; marks after it move with the text. After an editor's note (`note`: the story's
 * first paragraph is one), which layout would set the lead ahead of, the dateline stays in its
 * paragraph, in bold as layout sets a lead: it printed in roman beside bold datelines.
 */
function setDateline(content: ArticleContent, note: boolean): void {
  const first = content.body[0];
  if (content.lead !== null || first?.type !== 'paragraph') return;
  const after = content.body[1];
  if (note) {
    const d = after?.type === 'paragraph' ? EN_DATELINE.exec(after.text) : null;
    if (d && after?.type === 'paragraph' && !after.marks?.some((k) => k.start < d[1].length)) after.marks = [{ type: 'bold', start: 0, end: d[1].length }, ...(after.marks ?? [])];
    return;
  }
  const m = EN_DATELINE.exec(first.text);
  if (!m) return;
  const cut = m[0].length;
  content.lead = m[1];
  first.text = first.text.slice(cut);
  if (first.marks) {
    const marks = first.marks.map((k) => ({ ...k, start: Math.max(0, k.start - cut), end: k.end - cut })).filter((k) => k.end > k.start);
    if (marks.length) first.marks = marks;
    else delete first.marks;
  }
}

/**
 * Taglines are set in italic, as AP style sets them: the last one or two paragraphs of an
 * English story that read as one get an italic mark over their whole text, unless the copy
 * marked them already. Their words stay as written.
 */
function setTaglines(content: ArticleContent): void {
  const body = content.body;
  for (let i = body.length - 1; i >= Math.max(1, body.length - 2); i--) {
    const b = body[i];
    if (b.type !== 'paragraph' || !isTagline(b.text)) return;
    if (!b.marks?.length) b.marks = [{ type: 'italic', start: 0, end: b.text.length }];
  }
}

/**
 * Makes an English story a briefs column when its body has the shape (see briefsColumn), its
 * items titled by headings or run in (`**Road closed.** The city…`). A closing "— From staff
 * reports" is the column's editor credit, as (以上由王勇编辑整理) is a Chinese column's.
 */
function toBriefs(content: ArticleContent, pieces: Piece[]): void {
  if (content.language !== 'en' || content.kind !== 'story' || content.byline !== null || content.lead !== null) return;
  const last = pieces[pieces.length - 1];
  const signOff = last?.kind === 'para' ? SIGN_OFF.exec(last.rich.text.trim()) : null;
  const items = signOff ? pieces.slice(0, -1) : pieces;
  const ran = runInPieces(items);
  const briefs = briefsColumn(items) ?? (ran && briefsColumn(ran));
  if (!briefs) return;
  content.kind = 'briefs';
  content.body = briefs;
  if (signOff) content.editorCredit = signOff[1];
}

interface Block {
  line: number;
  lines: string[];
}

/** Blank-line separated blocks, with the 1-based line of their first line. */
export function splitBlocks(lines: string[]): Block[] {
  const out: Block[] = [];
  let current: Block | null = null;
  lines.forEach((raw, i) => {
    if (raw.trim() === '') {
      current = null;
      return;
    }
    if (!current) {
      current = { line: i + 1, lines: [] };
      out.push(current);
    }
    current.lines.push(raw);
  });
  return out;
}

/** The lines of a paragraph as one text: soft line breaks become a space (nothing in CJK). */
function joinLines(lines: string[]): string {
  const parts: string[] = [];
  let prev = '';
  for (const raw of lines) {
    const line = raw.trim().replace(/\\$/, '');
    if (!line) continue;
    if (prev) parts.push(joinSeparator(prev, line));
    parts.push(line);
    prev = line;
  }
  return parts.join('');
}

/** Headline-like text: no marks there, so tags go (Markdown) and punctuation is normalised. */
function plain(raw: string, markdown: boolean, latin: boolean): string {
  return normalisePunctuation(markdown ? parseInline(raw.trim(), true).text : raw.trim(), undefined, latin).text;
}

class Builder {
  readonly articles: ArticleDraft[] = [];
  readonly warnings: ImportWarning[] = [];
  readonly pictures: PictureReference[] = [];
  current: ArticleDraft | null = null;
  /**
   * The article a thematic break closed: a tagline right after the break is still its (AP
   * files a story's tag lines under a ___ rule); anything else after it starts an article.
   */
  closedByRule: ArticleDraft | null = null;
  headlineLevel = 0;
  /** Editor's notes: an article holding only its note still takes its headline. */
  private readonly notes = new WeakSet<ArticleContent['body'][number]>();

  constructor(
    private readonly language: Language,
    private readonly markdown: boolean,
  ) {}

  open(line: number): ArticleDraft {
    this.closedByRule = null;
    const draft: ArticleDraft = { content: emptyContent(this.language), line };
    this.articles.push(draft);
    this.current = draft;
    this.headlineLevel = 0;
    return draft;
  }

  article(line: number): ArticleContent {
    return (this.current ?? this.open(line)).content;
  }

  /** English copy: punctuation next to a Chinese word stays the sentence's own. */
  get latin(): boolean {
    return this.language === 'en';
  }

  rich(raw: string, line: number): RichText {
    if (!this.markdown) return { text: normalisePunctuation(raw, undefined, this.latin).text }; // plain text has no markup
    const { problems, ...rich } = richText(raw, true, this.latin);
    for (const p of problems) this.warnings.push({ line, code: p.code, message: p.message, text: p.text });
    return rich;
  }

  /**
   * Labelled deck lines before an article's text (Kicker: CITY HALL, Dek: …): each is its part
   * of the deck of the article it opens, or of the bare article whose part is still empty. In
   * the body lines like these are text. Returns false unless every line is labelled.
   */
  deckLines(lines: string[], line: number): boolean {
    const labels = lines.map((l) => deckLabel(l.trim()));
    const cur = this.current?.content;
    if (labels.some((l) => l === null) || (cur && cur.body.length > 0)) return false;
    labels.forEach((l, k) => this.deckPart(l!, line + k));
    return true;
  }

  private deckPart(label: NonNullable<ReturnType<typeof deckLabel>>, line: number): void {
    const cur = this.current?.content;
    const value = plain(label.text, this.markdown, this.latin);
    const free = cur && (label.slot === 'headline' ? cur.headline.length === 0 : cur[label.slot] === null);
    const c = free ? cur : this.open(line).content;
    if (label.slot === 'headline') {
      c.headline = [value];
      this.headlineLevel = 1;
    } else {
      c[label.slot] = value;
    }
  }

  /**
   * A block of heading lines whose first is smaller than a later one: a deck with its kicker
   * (### CITY HALL ⏎ # Council approves budget ⏎ ## Vote splits 5-2), sorted by assignDeck.
   * Other heading blocks are read line by line (heading()).
   */
  headingDeck(lines: string[], line: number): boolean {
    const heads = lines.map((l) => HEADING.exec(l.trim()));
    if (heads.length < 2 || heads.some((h) => !h || !h[2])) return false;
    const levels = heads.map((h) => h![1].length);
    const top = Math.min(...levels);
    if (levels[0] === top) return false;
    const deck = assignDeck(heads.map((h, k) => ({ text: h![2], level: levels[k] })), (t) => plain(t, true, this.latin));
    const cur = this.current?.content;
    const c = cur && this.bare(cur) && cur.headline.length === 0 && cur.kicker === null ? cur : this.open(line).content;
    Object.assign(c, { kicker: deck.kicker, headline: deck.headline, subhead: deck.subhead ?? c.subhead });
    this.headlineLevel = top;
    return true;
  }

  /**
   * A wire slug (BC-US--Winter Storm) and, after a story's text, a production line (Copy editor:
   * J. Smith) are kept out of the text and reported. Before, the production line printed as the
   * story's last paragraph, and the tagline over it was set in roman as one more paragraph.
   */
  furniture(lines: string[], line: number): boolean {
    const text = lines[0].trim();
    if (lines.length !== 1) return false;
    if (WIRE_SLUG.test(text)) this.warnings.push({ line, code: 'furniture', message: 'A wire slug line, not printed; kept out', text });
    else if (this.language === 'en' && this.current?.content.body.length && PRODUCTION_LINE.test(text)) {
      this.warnings.push({ line, code: 'furniture', message: 'A production line (copy editor, proofreader…), not printed with the story; kept out', text });
    } else return false;
    return true;
  }

  /**
   * Adds a paragraph; returns it, or null when it held nothing to print (labelled deck lines,
   * which fill the deck, or a copied jump line).
   */
  paragraph(lines: string[], line: number): ParagraphBlock | null {
    let text = joinLines(lines);
    if (!text || this.deckLines(lines, line)) return null;
    if (this.language === 'en') {
      // "Continued on page A4" copied with the text: layout draws jump lines itself.
      const jump = englishJumps(text);
      const cur = this.current?.content;
      if (jump.from !== null && cur && this.bare(cur) && cur.continuedFrom === null) cur.continuedFrom = continuedFrom(jump.from);
      text = jump.text;
    }
    if (!text) return null;
    const block: ParagraphBlock = { type: 'paragraph', ...this.rich(text, line) };
    const closed = this.current === null && this.latin ? this.closedByRule : null;
    if (closed && isTagline(block.text)) {
      closed.content.body.push(block); // the story stays closed: a paragraph after this starts one
      return block;
    }
    this.article(line).body.push(block);
    if (EDITORS_NOTE.test(block.text)) {
      this.notes.add(block);
      // English editor's notes are set in italic (AP style), as taglines are.
      if (this.latin && !block.marks?.length) block.marks = [{ type: 'italic', start: 0, end: block.text.length }];
    }
    return block;
  }

  /** No text yet but an editor's note. */
  bare(content: ArticleContent): boolean {
    return content.body.every((b) => this.notes.has(b));
  }

  byline(text: string, line: number): void {
    const content = this.article(line);
    content.byline = content.byline ? `${content.byline} ${text}` : text;
  }

  heading(level: number, raw: string, line: number, sameBlock: boolean): void {
    const text = plain(raw, true, this.latin);
    const cur = this.current?.content;
    const bare = !!cur && this.bare(cur);
    const kicker = cur && !sameBlock && level < 3 ? this.loneKicker(cur, level) : null;
    if (cur && kicker !== null) {
      // A smaller heading alone over the headline, a blank line between (### CITY HALL ⏎⏎
      // # Council approves…), is its kicker, as in one block (headingDeck): it was an article
      // of its own holding a crosshead, and the story lost its kicker.
      cur.body = cur.body.filter((b) => b.type !== 'subhead');
      Object.assign(cur, { kicker, headline: [text] });
      this.headlineLevel = level;
    } else if (level >= 3) {
      this.article(line).body.push({ type: 'subhead', text });
    } else if (cur && bare && cur.headline.length > 0 && sameBlock && level === this.headlineLevel) {
      cur.headline.push(text); // a deck written as consecutive heading lines
    } else if (cur && bare && cur.headline.length > 0 && level > this.headlineLevel && cur.subhead === null) {
      cur.subhead = text; // # Headline ⏎ ## Dek
    } else if (cur && bare && cur.headline.length === 0) {
      cur.headline = [text];
      this.headlineLevel = level;
    } else {
      this.open(line).content.headline = [text];
      this.headlineLevel = level;
    }
  }

  /**
   * The text of a heading standing alone where an article starts — its only line, nothing but an
   * editor's note beside it — when it is smaller than the `level` heading coming next: that
   * heading's kicker. A `###` line is held as the article's one crosshead, a `##` as its headline.
   */
  private loneKicker(cur: ArticleContent, level: number): string | null {
    if (cur.kicker !== null || cur.subhead !== null || cur.byline !== null) return null;
    const text = cur.body.filter((b) => !this.notes.has(b));
    if (cur.headline.length === 0) return text.length === 1 && text[0].type === 'subhead' ? text[0].text : null;
    return cur.headline.length === 1 && text.length === 0 && level < this.headlineLevel ? cur.headline[0] : null;
  }

  finish(): ImportResult {
    // Markdown: `###` subheads are the titles of a briefs column when the body has its shape.
    if (this.markdown) {
      for (const a of this.articles) {
        // A picture alone, with no headline, is a news photo (图片新闻), as a caption alone is on a Chinese page.
        const c = a.content;
        if (c.headline.length === 0 && c.byline === null && c.body.length === 1 && c.body[0].type === 'photo') c.kind = 'photo';
        const pieces = a.content.body.map((b): Piece => {
          if (b.type === 'subhead') return { kind: 'title', text: b.text };
          if (b.type === 'paragraph') return { kind: 'para', rich: b.marks ? { text: b.text, marks: b.marks } : { text: b.text } };
          return { kind: 'other' };
        });
        toBriefs(a.content, pieces);
      }
    }
    for (const a of this.articles) {
      if (a.content.kind === 'story' && a.content.language === 'en') {
        setDateline(a.content, this.notes.has(a.content.body[0]));
        setTaglines(a.content);
      }
      if (a.content.body.length > 0) continue;
      this.warnings.push({
        line: a.line,
        code: 'empty-article',
        message: 'An article with no text (a headline only); imported empty',
        text: a.content.headline.join(' ') || (a.content.byline ?? ''),
      });
    }
    this.warnings.sort((a, b) => a.line - b.line);
    return { articles: this.articles, warnings: this.warnings, pictures: this.pictures };
  }
}

export function parseMarkdown(lines: string[], language: Language): ImportResult {
  const b = new Builder(language, true);
  for (const block of splitBlocks(lines)) {
    if (b.furniture(block.lines, block.line)) continue;
    if (b.headingDeck(block.lines, block.line)) continue;
    const by = bylineBlock(block.lines);
    if (by !== null && block.lines.length > 1) {
      b.byline(plain(by, true, b.latin), block.line);
      continue;
    }
    let para: string[] = [];
    let paraLine = block.line;
    let lastHeadingIndex = -2;
    const flush = () => {
      if (para.length > 0) b.paragraph(para, paraLine);
      para = [];
    };
    block.lines.forEach((raw, k) => {
      const line = block.line + k;
      const text = raw.trim();
      // A heading mark with no heading ("# "): nothing to keep, not a paragraph "#".
      if (EMPTY_HEADING.test(text)) return;
      const heading = HEADING.exec(text);
      const setext = para.length > 0 && SETEXT.test(text);
      if (heading || setext) {
        const level = heading ? heading[1].length : text.startsWith('=') ? 1 : 2;
        const title = heading ? heading[2] : joinLines(para);
        const at = heading ? line : paraLine;
        if (!heading) para = [];
        flush();
        b.heading(level, title, at, lastHeadingIndex === k - 1);
        lastHeadingIndex = k;
        return;
      }
      if (RULE.test(text)) {
        flush();
        // --- between articles; a tagline after it is still the story's (paragraph()).
        if (b.current) b.closedByRule = b.current;
        b.current = null;
        return;
      }
      const image = IMAGE.exec(text);
      if (image) {
        flush();
        const { caption, credit } = captionAndCredit(image[1], image[3]);
        b.article(line).body.push({ type: 'photo', caption: plain(caption, true, b.latin), credit: credit === null ? null : plain(credit, true, b.latin), asset: image[2] || null });
        if (image[2]) b.pictures.push({ line, path: image[2] });
        return;
      }
      if (para.length === 0 && BYLINE.test(text) && block.lines.length === 1) {
        b.byline(plain(text, true, b.latin), line);
        return;
      }
      if (para.length === 0) paraLine = line;
      para.push(text.replace(/^>[ \t]?/, ''));
    });
    flush();
  }
  return b.finish();
}

export function parsePlain(lines: string[], language: Language): ImportResult {
  const b = new Builder(language, false);
  const blocks = splitBlocks(lines);
  // One-line paragraphs are brief titles when the whole text is a briefs column.
  const pieces: Piece[] = [];
  // Only labelled deck lines (Overline: …) so far: the next line may still be the headline.
  let deckOnly = true;
  blocks.forEach((block, i) => {
    const text = joinLines(block.lines);
    // A thematic break (the ___ over a wire story's tag lines) and a wire slug print nothing.
    if (RULE.test(text) || b.furniture(block.lines, block.line)) return;
    if (deckOnly && b.deckLines(block.lines, block.line)) return;
    // An editor's note over the story: printed first, and the headline may still follow.
    if (deckOnly && EDITORS_NOTE.test(text)) {
      b.paragraph([text], block.line);
      return;
    }
    const first = deckOnly && !b.current?.content.headline.length;
    deckOnly = false;
    if (first && i < blocks.length - 1 && block.lines.length === 1 && [...text].length <= HEADLINE_MAX) {
      b.article(block.line).headline = [plain(text, false, b.latin)];
    } else if (bylineBlock(block.lines) !== null) {
      b.byline(plain(bylineBlock(block.lines)!, false, b.latin), block.line);
    } else {
      const p = b.paragraph([text], block.line);
      if (p) pieces.push(block.lines.length === 1 ? { kind: 'title', text: p.text } : { kind: 'para', rich: { text: p.text } });
    }
  });
  // A title is also a paragraph of one line: a piece is a title only where briefsColumn needs one.
  const current = b.current?.content;
  if (current) toBriefs(current, plainPieces(pieces));
  return b.finish();
}
