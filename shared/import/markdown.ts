// Markdown and plain-text importers (wire copy, English stories, anything typed by hand).
//
// Markdown: `#`/`##` start an article with its headline (a deeper heading right under a
// headline is its subhead, 副题), `###`… are subheads in the body, `**bold**` / `*italic*` and
// <sub>/<sup> are marks, paragraphs are separated by blank lines, a "By X" line is the byline,
// `![caption](file)` is a photo, a `---` line separates articles.
// Plain text: one article; the first line is the headline when it is short and text follows,
// paragraphs are separated by blank lines, a "By X" line is the byline.
import { emptyContent, type ArticleContent, type RichText } from '../model';
import { joinSeparator, normalisePunctuation, parseInline, richText } from './inline';
import type { ArticleDraft, ImportResult, ImportWarning } from './types';

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
const IMAGE = /^!\[([^\]]*)\]\(([^)\s]*)(?:[ \t]+"[^"]*")?\)$/;
const HEADLINE_MAX = 200;

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
  current: ArticleDraft | null = null;
  headlineLevel = 0;

  constructor(
    private readonly language: Language,
    private readonly markdown: boolean,
  ) {}

  open(line: number): ArticleDraft {
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

  paragraph(lines: string[], line: number): void {
    const text = joinLines(lines);
    if (!text) return;
    this.article(line).body.push({ type: 'paragraph', ...this.rich(text, line) });
  }

  byline(text: string, line: number): void {
    const content = this.article(line);
    content.byline = content.byline ? `${content.byline} ${text}` : text;
  }

  heading(level: number, raw: string, line: number, sameBlock: boolean): void {
    const text = plain(raw, true, this.latin);
    const cur = this.current?.content;
    const bare = !!cur && cur.body.length === 0;
    if (level >= 3) {
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

  finish(): ImportResult {
    for (const a of this.articles) {
      if (a.content.body.length > 0) continue;
      this.warnings.push({
        line: a.line,
        code: 'empty-article',
        message: 'An article with no text (a headline only); imported empty',
        text: a.content.headline.join(' ') || (a.content.byline ?? ''),
      });
    }
    this.warnings.sort((a, b) => a.line - b.line);
    return { articles: this.articles, warnings: this.warnings };
  }
}

export function parseMarkdown(lines: string[], language: Language): ImportResult {
  const b = new Builder(language, true);
  for (const block of splitBlocks(lines)) {
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
        b.current = null; // --- between articles
        return;
      }
      const image = IMAGE.exec(text);
      if (image) {
        flush();
        b.article(line).body.push({ type: 'photo', caption: plain(image[1], true, b.latin), credit: null, asset: image[2] || null });
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
  blocks.forEach((block, i) => {
    const text = joinLines(block.lines);
    const first = i === 0;
    if (first && blocks.length > 1 && block.lines.length === 1 && [...text].length <= HEADLINE_MAX) {
      b.open(block.line).content.headline = [plain(text, false, b.latin)];
    } else if (block.lines.length === 1 && BYLINE.test(text)) {
      b.byline(plain(text, false, b.latin), block.line);
    } else {
      b.paragraph([text], block.line);
    }
  });
  return b.finish();
}
