// Editions for the edition tests: built with commands, the way the editor builds them.
import { apply, commandContext, type Command, type CommandContext } from '../../../shared/edition/commands';
import type { Edition, Template } from '../../../shared/model/edition';
import { SHIPPED_TEMPLATES } from '../../../shared/model/templates';

export const ZH: Template = SHIPPED_TEMPLATES.find((t) => t.id === 'broadsheet-zh')!;
export const EN: Template = SHIPPED_TEMPLATES.find((t) => t.id === 'broadsheet-us')!;
/** 8 columns × 103 lines. */
export const ctx: CommandContext = commandContext(ZH);

/** An edition of `pages` empty unlabelled pages p1..pN (as the library creates it). */
export function blank(pages = 4, template: Template = ZH): Edition {
  return {
    id: 1,
    publication: template.folio.publication,
    date: '2024-01-15',
    name: 'test',
    template: template.id,
    language: template.language,
    pages: Array.from({ length: pages }, (_, i) => ({ id: `p${i + 1}`, label: null, section: null, frames: [] })),
    nextId: pages + 1,
  };
}

export function run(doc: Edition, cmds: Command[], c: CommandContext = ctx): Edition {
  return cmds.reduce((d, cmd) => apply(d, cmd, c).doc, doc);
}

/**
 * Four pages, two jumped articles: A (1) from page 1 to page 4, B (2) from page 2 to page 3,
 * plus a photo on page 1 and an ad on page 2.
 * Frames: f5 A part 0 (p1), f6 photo (p1), f7 B part 0 (p2), f8 ad (p2), f9 B part 1 (p3), f10 A part 1 (p4).
 */
export function jumped(): Edition {
  return run(blank(4), jumpedCommands());
}

/** The commands that make jumped() from blank(4). */
export function jumpedCommands(): Command[] {
  return [
    { type: 'placeArticle', page: 'p1', article: 1, col: 0, span: 4, top: 0, height: 40 },
    { type: 'placePhoto', page: 'p1', caption: '图片', credit: '记者 李静', asset: null, col: 4, span: 4, top: 0, height: 30 },
    { type: 'placeArticle', page: 'p2', article: 2, col: 0, span: 3, top: 10, height: 50 },
    { type: 'placeAd', page: 'p2', label: '广告', col: 0, span: 8, top: 80, height: 23 },
    { type: 'continueArticle', article: 2, page: 'p3', col: 2, span: 3, top: 0, height: 30 },
    { type: 'continueArticle', article: 1, page: 'p4', col: 0, span: 2, top: 50, height: 20 },
  ];
}

/** Freeze a value deeply, so that any mutation of a command's input throws. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
