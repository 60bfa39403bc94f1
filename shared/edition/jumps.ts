// Jump lines are data (DESIGN.md, "Jumps are data"): an article's parts are its frames in
// part order; each part but the last ends with a jump-out line naming the page of the next
// part, each part but the first opens with a jump-in line naming the page of the part before.
// Page references come from page labels at layout time, so they are never stale.
import type { Language } from '../model/article';
import type { ArticleFrame, Edition, JumpTexts, Template } from '../model/edition';
import { fillPageFormat, pageLabel, pageLabelCore } from '../model/edition';
import { JUMP_WORDING } from '../model/templates';

export interface PlacedPart {
  frame: ArticleFrame;
  /** Index of the page in the edition. */
  page: number;
}

/** Every article's parts, in part order (a gap in part numbers is tolerated: order is what counts). */
export function articleParts(edition: Edition): Map<number, PlacedPart[]> {
  const parts = new Map<number, PlacedPart[]>();
  edition.pages.forEach((page, index) => {
    for (const f of page.frames) {
      if (f.kind !== 'article') continue;
      let list = parts.get(f.article);
      if (!list) parts.set(f.article, (list = []));
      list.push({ frame: f, page: index });
    }
  });
  for (const list of parts.values()) list.sort((a, b) => a.frame.part - b.frame.part || a.page - b.page);
  return parts;
}

export function jumpText(template: string, label: string): string {
  return fillPageFormat(template, label);
}

/**
 * A jump line as an article prints it. A story in the template's language prints the
 * template's wording. A story in the other language — an English story in a Chinese paper, a
 * Chinese one in an English paper — is read by readers of its own language, so it prints that
 * language's wording in its own face, "Continued on page 3" in italic under an English story,
 * not （下转第3版） set in the Latin italic: the page is named by its label without the folio's
 * words (第3版 → 3, "Page 3" → 3), A4 and 要闻二 as they are.
 */
export function articleJumpLine(template: Template, language: Language, jump: 'in' | 'out', label: string): string {
  if (language === template.language) return fillPageFormat(template.jumps[jump], label);
  return fillPageFormat(JUMP_WORDING[language][jump], pageLabelCore(template.folio.pageFormat, label));
}

export interface ResolvedJump {
  jumpIn: string | null;
  jumpOut: string | null;
  /** Pages (labels) the part continues from and to. */
  fromPage: string | null;
  toPage: string | null;
}

/** The jump lines of every article frame in the template's wording (`texts`), keyed by frame id. */
export function resolveJumps(edition: Edition, texts: JumpTexts): Map<string, ResolvedJump> {
  return jumpsOf(edition, (_, jump, label) => jumpText(texts[jump], label));
}

/**
 * The jump lines every article frame prints, keyed by frame id: each in its article's language
 * (articleJumpLine; `languageOf` gives it, the template's when it does not know the article).
 * What layout sets and what the edit verbs report.
 */
export function printedJumps(edition: Edition, template: Template, languageOf: (article: number) => Language | undefined): Map<string, ResolvedJump> {
  return jumpsOf(edition, (article, jump, label) => articleJumpLine(template, languageOf(article) ?? template.language, jump, label));
}

function jumpsOf(edition: Edition, line: (article: number, jump: 'in' | 'out', label: string) => string): Map<string, ResolvedJump> {
  const out = new Map<string, ResolvedJump>();
  for (const [article, list] of articleParts(edition)) {
    list.forEach((p, i) => {
      const prev = list[i - 1];
      const next = list[i + 1];
      const fromPage = prev ? pageLabel(edition, prev.page) : null;
      const toPage = next ? pageLabel(edition, next.page) : null;
      out.set(p.frame.id, {
        jumpIn: fromPage === null ? null : line(article, 'in', fromPage),
        jumpOut: toPage === null ? null : line(article, 'out', toPage),
        fromPage,
        toPage,
      });
    });
  }
  return out;
}
