// A template's page geometry in points: trim, bleed, the type area and its line grid.
import { MM, type Template } from '../model/edition';
import type { Grid } from './types';

export interface PageGeometry {
  /** Trim size, pt. */
  width: number;
  height: number;
  /** Bleed on every side, pt. */
  bleed: number;
  grid: Grid;
}

/**
 * Page `index` (0-based) of an edition in this template. Page 1 is a right-hand page, so
 * odd-numbered pages have the inside margin on the left.
 */
export function pageGeometry(t: Template, index: number): PageGeometry {
  const width = t.trim.width * MM;
  const height = t.trim.height * MM;
  const right = index % 2 === 0;
  const left = (right ? t.margins.inside : t.margins.outside) * MM;
  const typeWidth = width - (t.margins.inside + t.margins.outside) * MM;
  const typeHeight = height - (t.margins.top + t.margins.bottom) * MM;
  const gutter = t.gutter * MM;
  const columnWidth = (typeWidth - (t.columns - 1) * gutter) / t.columns;
  return {
    width,
    height,
    bleed: t.bleed * MM,
    grid: {
      columns: t.columns,
      columnWidth,
      gutter,
      bodySize: t.bodySize,
      leading: t.leading,
      lines: Math.floor(typeHeight / t.leading + 1e-9),
      left,
      top: t.margins.top * MM,
    },
  };
}

/** The narrowest column a template may have, in ems of its body: a 2-em indent and a few characters after it. */
export const MIN_COLUMN_EMS = 6;

/**
 * What is wrong with a template's page, in words a designer acts on; empty when it makes a
 * page. The schema checks each value alone (a positive trim, a whole number of columns);
 * this checks them together, as the page is built from them: before, a user's template of
 * five columns with 60 mm gutters was stored and set one character a line in columns of
 * −2.8 mm, margins taller than the page gave a grid of −10 lines ("lines 1–20 of -10"), and
 * a bleed of 0 exported PDFs whose BleedBox was the trim.
 */
export function templateProblems(t: Template): { zh: string; en: string }[] {
  const out: { zh: string; en: string }[] = [];
  const mm = (pt: number) => `${Math.round((pt / MM) * 10) / 10} mm`;
  const across = t.margins.inside + t.margins.outside;
  const down = t.margins.top + t.margins.bottom;
  if (across >= t.trim.width) out.push({ zh: `左右边距（${t.margins.inside} + ${t.margins.outside} mm）不小于版宽 ${t.trim.width} mm：版心没有宽度`, en: `the inside and outside margins (${t.margins.inside} + ${t.margins.outside} mm) are as wide as the page (${t.trim.width} mm): no type area is left` });
  if (down >= t.trim.height) out.push({ zh: `上下边距（${t.margins.top} + ${t.margins.bottom} mm）不小于版高 ${t.trim.height} mm：版心没有高度`, en: `the top and bottom margins (${t.margins.top} + ${t.margins.bottom} mm) are as tall as the page (${t.trim.height} mm): no type area is left` });
  if (t.leading < t.bodySize) out.push({ zh: `行距 ${t.leading} pt 小于正文字号 ${t.bodySize} pt：上下行会压在一起`, en: `the leading (${t.leading} pt) is less than the body size (${t.bodySize} pt): lines would print over each other` });
  if (across < t.trim.width && down < t.trim.height) {
    const g = pageGeometry(t, 0).grid;
    const min = MIN_COLUMN_EMS * t.bodySize;
    const typeWidth = `${Math.round((t.trim.width - across) * 10) / 10} mm`;
    if (g.columnWidth < min) out.push({ zh: `版心宽 ${typeWidth} 排不下 ${t.columns} 栏加 ${t.gutter} mm 栏距：每栏只有 ${mm(g.columnWidth)}，不足 ${MIN_COLUMN_EMS} 个 ${t.bodySize} pt 正文字（${mm(min)}）`, en: `${t.columns} columns with ${t.gutter} mm gutters do not fit the type area (${typeWidth} wide): each column would be ${mm(g.columnWidth)}, narrower than ${MIN_COLUMN_EMS} ems of the ${t.bodySize} pt body (${mm(min)})` });
    else if (g.gutter > g.columnWidth) out.push({ zh: `栏距 ${t.gutter} mm 比栏宽（${mm(g.columnWidth)}）还宽`, en: `the gutter (${t.gutter} mm) is wider than a column (${mm(g.columnWidth)})` });
    if (g.lines < 1) out.push({ zh: `版心高 ${t.trim.height - down} mm，排不下一行 ${t.leading} pt 的正文`, en: `the type area (${t.trim.height - down} mm tall) holds no line of ${t.leading} pt` });
  }
  if (t.gutter * MM < t.bodySize / 2) out.push({ zh: `栏距 ${t.gutter} mm 小于正文半个字（${mm(t.bodySize / 2)}）：相邻两栏的文字会连成一行`, en: `the gutter (${t.gutter} mm) is narrower than half an em of the body (${mm(t.bodySize / 2)}): the lines of neighbouring columns would read as one` });
  if (t.bleed <= 0) out.push({ zh: `出血为 0：印厂要求成品尺寸外有出血（通常 3 mm）`, en: `the bleed is 0: the plant needs a bleed beyond the trim (3 mm is usual)` });
  // The folio is set in the top margin, its baseline 0.9 of its size above the type area.
  if (t.margins.top * MM < 2 * t.folio.size) out.push({ zh: `上边距 ${t.margins.top} mm 放不下 ${t.folio.size} pt 的报眉（至少 ${mm(2 * t.folio.size)}）`, en: `the top margin (${t.margins.top} mm) cannot hold the ${t.folio.size} pt folio (it needs ${mm(2 * t.folio.size)})` });
  for (const [what, format] of [['folio.pageFormat', t.folio.pageFormat], ['jumps.out', t.jumps.out], ['jumps.in', t.jumps.in]] as const) {
    if (!format.includes('{page}')) out.push({ zh: `${what}「${format}」没有 {page}：印出来不带版次`, en: `${what} "${format}" has no {page}: it would print without the page` });
  }
  return out;
}
