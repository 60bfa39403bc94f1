// Crop and registration marks, drawn outside the bleed (the MediaBox grows to hold them).
// They are in the registration colour: Separation /All, which prints on every plate.
import { MM } from '../../../shared/model/edition';

export interface MarksGeometry {
  /** Distance from the trim to the MediaBox edge, pt. */
  margin: number;
  /** Crop marks start this far from the trim (never inside the bleed), pt. */
  offset: number;
  /** Length of a crop mark, pt. */
  length: number;
  /** Registration target radius, pt. */
  radius: number;
  /** Stroke width, pt. */
  width: number;
}

export function marksGeometry(bleed: number): MarksGeometry {
  const offset = Math.max(bleed, 3 * MM) + 1 * MM;
  const length = 6 * MM;
  return { margin: offset + length + 2 * MM, offset, length, radius: 2 * MM, width: 0.25 };
}

function n(x: number): string {
  const r = Math.round(x * 1000) / 1000;
  return r === 0 ? '0' : String(r);
}

/** Four Bézier quarter circles. */
function circle(cx: number, cy: number, r: number): string {
  const k = 0.5523 * r;
  return (
    `${n(cx + r)} ${n(cy)} m ` +
    `${n(cx + r)} ${n(cy + k)} ${n(cx + k)} ${n(cy + r)} ${n(cx)} ${n(cy + r)} c ` +
    `${n(cx - k)} ${n(cy + r)} ${n(cx - r)} ${n(cy + k)} ${n(cx - r)} ${n(cy)} c ` +
    `${n(cx - r)} ${n(cy - k)} ${n(cx - k)} ${n(cy - r)} ${n(cx)} ${n(cy - r)} c ` +
    `${n(cx + k)} ${n(cy - r)} ${n(cx + r)} ${n(cy - k)} ${n(cx + r)} ${n(cy)} c S\n`
  );
}

function target(cx: number, cy: number, r: number): string {
  const a = r * 1.6;
  return circle(cx, cy, r) + circle(cx, cy, r / 2) + `${n(cx - a)} ${n(cy)} m ${n(cx + a)} ${n(cy)} l ${n(cx)} ${n(cy - a)} m ${n(cx)} ${n(cy + a)} l S\n`;
}

/**
 * Marks around a trim of `w` × `h` pt whose bottom-left corner is the current origin.
 * `cs` names the Separation /All colour space in the page resources.
 */
export function cropMarks(w: number, h: number, g: MarksGeometry, cs: string): string {
  const out: string[] = [`q\n/${cs} CS 1 SCN\n${n(g.width)} w 0 J\n`];
  const o = g.offset;
  const e = g.offset + g.length;
  for (const [x, sx] of [[0, -1], [w, 1]] as const) {
    for (const [y, sy] of [[0, -1], [h, 1]] as const) {
      // Horizontal mark on the trim line, vertical mark on the trim line, both outside.
      out.push(`${n(x + sx * o)} ${n(y)} m ${n(x + sx * e)} ${n(y)} l S\n`);
      out.push(`${n(x)} ${n(y + sy * o)} m ${n(x)} ${n(y + sy * e)} l S\n`);
    }
  }
  const mid = g.offset + g.length / 2;
  out.push(target(w / 2, h + mid, g.radius), target(w / 2, -mid, g.radius), target(-mid, h / 2, g.radius), target(w + mid, h / 2, g.radius));
  out.push('Q\n');
  return out.join('');
}
