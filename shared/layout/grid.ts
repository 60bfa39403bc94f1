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
