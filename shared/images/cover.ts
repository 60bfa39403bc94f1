// Where a picture goes in its photo box, as both the painter and preflight need it: scaled to
// cover the box, the overflow cropped. Pure geometry of the picture's facts (jpeg.ts).
import { turnsQuarter, type JpegInfo } from './jpeg';

/** The picture's pixels across and down as it is shown: a quarter-turn orientation swaps them. */
export function uprightSize(image: Pick<JpegInfo, 'width' | 'height' | 'orientation'>): [across: number, down: number] {
  return turnsQuarter(image.orientation) ? [image.height, image.width] : [image.width, image.height];
}

/**
 * A picture's shape as it is shown (EXIF orientation applied), what the layout needs to give a
 * story's photo its proportions (layout/article.ts, storyPhotoLines). Named across/down, not
 * width/height, so that a JpegInfo (stored pixels, orientation aside) is never taken for one.
 */
export interface PictureShape {
  across: number;
  down: number;
}

export function pictureShape(image: Pick<JpegInfo, 'width' | 'height' | 'orientation'>): PictureShape {
  const [across, down] = uprightSize(image);
  return { across, down };
}

export interface Placement {
  /** The picture's upright size on the page, in points (it covers the box). */
  width: number;
  height: number;
  /** Its top-left corner (trim coordinates, y down). */
  x: number;
  y: number;
  /** Pixels per inch as placed, the lower of the two directions. */
  ppi: number;
}

/**
 * Where a picture goes in its box: scaled to cover it, the overflow cropped. Across, it is
 * centred; down, a third of the overflow comes off the top and two thirds off the bottom, so
 * the picture's upper third line stays on the box's. That is where a portrait's eyes are: a
 * portrait in a landscape box centred lost the face above the chin (in a story's one-column
 * photo block nothing of the head was left but the chin), the crop a desk would make keeps the head.
 */
export function coverPlacement(box: { x: number; y: number; width: number; height: number }, image: Pick<JpegInfo, 'width' | 'height' | 'orientation'>): Placement {
  const [w, h] = uprightSize(image);
  const scale = Math.max(box.width / w, box.height / h);
  const width = w * scale;
  const height = h * scale;
  return { width, height, x: box.x + (box.width - width) / 2, y: box.y + (box.height - height) / 3, ppi: Math.min((w * 72) / box.width, (h * 72) / box.height) };
}
