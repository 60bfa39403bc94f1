// Jump lines are data (DESIGN.md, "Jumps are data"): an article's parts are its frames in
// part order; each part but the last ends with a jump-out line naming the page of the next
// part, each part but the first opens with a jump-in line naming the page of the part before.
// Page references come from page labels at layout time, so they are never stale.
import type { ArticleFrame, Edition, JumpTexts } from '../model/edition';
import { fillPageFormat, pageLabel } from '../model/edition';

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

export interface ResolvedJump {
  jumpIn: string | null;
  jumpOut: string | null;
  /** Pages (labels) the part continues from and to. */
  fromPage: string | null;
  toPage: string | null;
}

/** The jump lines of every article frame, keyed by frame id. */
export function resolveJumps(edition: Edition, texts: JumpTexts): Map<string, ResolvedJump> {
  const out = new Map<string, ResolvedJump>();
  for (const list of articleParts(edition).values()) {
    list.forEach((p, i) => {
      const prev = list[i - 1];
      const next = list[i + 1];
      const fromPage = prev ? pageLabel(edition, prev.page) : null;
      const toPage = next ? pageLabel(edition, next.page) : null;
      out.set(p.frame.id, {
        jumpIn: fromPage === null ? null : jumpText(texts.in, fromPage),
        jumpOut: toPage === null ? null : jumpText(texts.out, toPage),
        fromPage,
        toPage,
      });
    });
  }
  return out;
}
