// The page formats Pasteup ships. Users add their own (stored in the library).
import type { Template } from './edition';

const ZH_JUMPS = { out: '（下转第{page}版）', in: '（上接第{page}版）', head: true };
const EN_JUMPS = { out: 'Continued on page {page}', in: 'Continued from page {page}', head: true };
/** Each language's jump wording: a story in the other language than its template's prints its own (shared/edition/jumps.ts). */
export const JUMP_WORDING = { zh: ZH_JUMPS, en: EN_JUMPS } as const;

export const SHIPPED_TEMPLATES: readonly Template[] = [
  {
    // 对开: the Chinese broadsheet. 8 columns of 11 characters of 小五 (9 pt) Song.
    id: 'broadsheet-zh',
    name: '对开 broadsheet (8 columns, 9 pt Song)',
    language: 'zh',
    trim: { width: 350, height: 500 },
    bleed: 3,
    margins: { top: 24, bottom: 18, inside: 16, outside: 16 },
    columns: 8,
    gutter: 4.5,
    bodySize: 9,
    leading: 12.6,
    folio: { publication: '太原日报', pageFormat: '第{page}版', size: 9 },
    jumps: ZH_JUMPS,
    builtIn: true,
  },
  {
    // 四开: the Chinese tabloid. 5 columns of 五号 (10.5 pt) Song.
    id: 'tabloid-zh',
    name: '四开 tabloid (5 columns, 10.5 pt Song)',
    language: 'zh',
    trim: { width: 250, height: 350 },
    bleed: 3,
    margins: { top: 20, bottom: 14, inside: 12, outside: 12 },
    columns: 5,
    gutter: 4,
    bodySize: 10.5,
    leading: 15,
    folio: { publication: '太原日报', pageFormat: '第{page}版', size: 9 },
    jumps: ZH_JUMPS,
    builtIn: true,
  },
  {
    // US broadsheet: 12 × 22.75 in, 6 columns, 9.5 pt on 10.5 pt.
    id: 'broadsheet-us',
    name: 'US broadsheet (6 columns, 9.5 pt serif)',
    language: 'en',
    trim: { width: 304.8, height: 577.85 },
    bleed: 3,
    margins: { top: 22, bottom: 14, inside: 12.7, outside: 12.7 },
    columns: 6,
    gutter: 4.2,
    bodySize: 9.5,
    leading: 10.5,
    folio: { publication: 'The Daily Paste', pageFormat: 'Page {page}', size: 8.5 },
    jumps: EN_JUMPS,
    builtIn: true,
  },
];
