// Pictures in photo boxes: a JPEG from the library goes into the PDF as it is (DCTDecode, no
// re-compression), scaled to fill its box and cropped centred, turned as its EXIF
// orientation says. Only gray and CMYK pictures are printed: PDF/X-1a carries no RGB, and
// no CMYK profile ships to separate one with (README, "Photos"); preflight's `rgb-image`
// says so before the export, and an RGB picture exported anyway prints the placeholder.
import type { ImageAsset } from '../../../shared/images/jpeg';
import { turnsQuarter } from '../../../shared/images/jpeg';
import type { PhotoBox } from '../../../shared/layout/types';

/** A picture the plate can carry: gray or CMYK. */
export function printable(asset: ImageAsset | null | undefined): asset is ImageAsset {
  return !!asset && (asset.components === 1 || asset.components === 4);
}

/** The XObject resource name of a picture: from its digest, so every file names it alike. */
export function imageResource(ref: string): string {
  return 'Im' + ref.replace(/^sha256:/, '').slice(0, 16);
}

/**
 * Maps the image's unit square to itself so that its stored pixels appear upright: EXIF
 * orientation 1-8 (x right, y up, as PDF image space is; the stored first row is at the top).
 */
const ORIENT: Readonly<Record<number, readonly [number, number, number, number, number, number]>> = {
  1: [1, 0, 0, 1, 0, 0],
  2: [-1, 0, 0, 1, 1, 0],
  3: [-1, 0, 0, -1, 1, 1],
  4: [1, 0, 0, -1, 0, 1],
  5: [0, -1, -1, 0, 1, 1],
  6: [0, -1, 1, 0, 0, 1],
  7: [0, 1, 1, 0, 0, 0],
  8: [0, 1, -1, 0, 1, 0],
};

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

/** Where a picture goes in its box: scaled to cover it, centred, the overflow cropped. */
export function coverPlacement(box: Pick<PhotoBox, 'x' | 'y' | 'width' | 'height'>, asset: Pick<ImageAsset, 'width' | 'height' | 'orientation'>): Placement {
  const quarter = turnsQuarter(asset.orientation);
  const w = quarter ? asset.height : asset.width;
  const h = quarter ? asset.width : asset.height;
  const scale = Math.max(box.width / w, box.height / h);
  const width = w * scale;
  const height = h * scale;
  return { width, height, x: box.x + (box.width - width) / 2, y: box.y + (box.height - height) / 2, ppi: 72 / scale };
}

/**
 * The operators that draw a picture in its box: clipped to the box, covering it. `pageHeight`
 * flips y (the painter's origin is the trim's bottom-left corner); `fmt` writes numbers.
 */
export function pictureOps(box: PhotoBox, asset: ImageAsset, pageHeight: number, fmt: (x: number) => string): string {
  const p = coverPlacement(box, asset);
  const o = ORIENT[asset.orientation] ?? ORIENT[1];
  const clip = `${fmt(box.x)} ${fmt(pageHeight - box.y - box.height)} ${fmt(box.width)} ${fmt(box.height)} re W n\n`;
  const place = `${fmt(p.width)} 0 0 ${fmt(p.height)} ${fmt(p.x)} ${fmt(pageHeight - p.y - p.height)} cm\n`;
  const turn = asset.orientation === 1 ? '' : `${o.join(' ')} cm\n`;
  return `q\n${clip}${place}${turn}/${imageResource(asset.ref)} Do\nQ\n`;
}

/**
 * The image dictionary's entries for a picture: an inverted Adobe CMYK JPEG (an APP14 marker,
 * as Photoshop writes CMYK) gets a /Decode array that turns its samples back.
 */
export function imageEntries(asset: ImageAsset): { colorSpace: 'DeviceGray' | 'DeviceCMYK'; decode: number[] | null } {
  if (asset.components === 1) return { colorSpace: 'DeviceGray', decode: null };
  if (asset.components !== 4) throw new Error(`picture ${asset.ref} is not gray or CMYK`);
  return { colorSpace: 'DeviceCMYK', decode: asset.adobeTransform === null ? null : [1, 0, 1, 0, 1, 0, 1, 0] };
}
