// Pictures in photo boxes: a gray or CMYK JPEG from the library goes into the PDF as it is
// (DCTDecode, no re-compression); an RGB one is separated into CMYK with the plant's profile
// when the export has one (separate.ts), from the colour space its embedded profile says
// (sRGB without one), and is otherwise not printed: PDF/X-1a carries no
// RGB, and no CMYK profile ships to separate with (FACTS.md). Preflight's `rgb-image` says
// so before the export; an RGB picture exported anyway prints the placeholder. Each picture
// is scaled to fill its box, cropped (centred across, a third of the overflow off the top and
// two thirds off the bottom: heads stay), and turned as its EXIF orientation says.
import { deflateAsync } from './font-program';
import type { ImageAsset } from '../../../shared/images/jpeg';
import { coverPlacement } from '../../../shared/images/cover';
import { NEWSPRINT_INK_LIMIT } from '../../../shared/images/jpeg-ink';
import type { PhotoBox } from '../../../shared/layout/types';

/** A picture as the plate gets it: gray or CMYK, JPEG as it came or separated pixels (Flate). */
export interface PlateImage {
  ref: string;
  width: number;
  height: number;
  components: 1 | 4;
  orientation: number;
  filter: 'DCTDecode' | 'FlateDecode';
  /** Adobe CMYK JPEG samples are stored inverted (ImageAsset.adobeTransform). */
  inverted: boolean;
  data: Uint8Array;
  /** Separated from RGB with the plant's profile. */
  separated: boolean;
}

/**
 * The resolution an RGB picture is separated at, at least, where it is placed largest: twice
 * what newsprint needs (FACTS.md: 150 ppi). Pixels beyond twice this are averaged away.
 */
export const SEPARATED_PPI = 300;

/** A photo box's picture as printed, by its asset reference; null: the box prints a placeholder. */
export type PictureLookup = (ref: string) => PlateImage | null;

/**
 * The plate images of every picture the layout's photo boxes reference: gray and CMYK JPEGs
 * as they are, RGB ones separated with `profile` (the plant's CMYK output profile) when one is
 * given. `unprintable` lists the references that print a placeholder and why; `assumedSrgb`
 * the RGB pictures separated as sRGB because their embedded profile cannot be used, and why.
 */
export async function plateImages(boxes: Iterable<Pick<PhotoBox, 'x' | 'y' | 'width' | 'height' | 'asset'>>, lookup: ((ref: string) => ImageAsset | null) | undefined, profile: Uint8Array | undefined): Promise<{ images: Map<string, PlateImage>; unprintable: { ref: string; why: string }[]; assumedSrgb: { ref: string; why: string }[]; warnings: string[] }> {
  const images = new Map<string, PlateImage>();
  const unprintable: { ref: string; why: string }[] = [];
  const assumedSrgb: { ref: string; why: string }[] = [];
  const warnings: string[] = [];
  // One separation table per source space (sRGB, each embedded profile), made when first needed.
  const lattices = new Map<string, Uint8Array>();
  let latticeError = '';
  let mostInk = 0;
  // Loaded only when an RGB picture is separated: it brings a JPEG decoder (jpeg-js) that an
  // export of gray and CMYK pictures, or none, never needs at start-up.
  let separate: typeof import('./separate') | undefined;
  const placed = new Map<string, Pick<PhotoBox, 'x' | 'y' | 'width' | 'height'>[]>();
  for (const b of boxes) if (b.asset) placed.set(b.asset, [...(placed.get(b.asset) ?? []), b]);
  for (const [ref, where] of placed) {
    const a = lookup?.(ref) ?? null;
    if (!a) {
      unprintable.push({ ref, why: 'not in the library' });
      continue;
    }
    const base = { ref, width: a.width, height: a.height, orientation: a.orientation };
    if (a.components !== 3) {
      images.set(ref, { ...base, components: a.components, filter: 'DCTDecode', inverted: a.components === 4 && a.adobeTransform !== null, data: a.bytes, separated: false });
      continue;
    }
    if (!profile) {
      unprintable.push({ ref, why: "RGB, and no plant's profile was given to separate it with" });
      continue;
    }
    separate ??= await import('./separate');
    if (latticeError) {
      unprintable.push({ ref, why: `RGB, and ${latticeError}` });
      continue;
    }
    const source = separate.sourceSpace(a);
    let lattice = lattices.get(source.key);
    if (!lattice) {
      try {
        lattice = separate.separationTable(profile, source.toLab);
      } catch (err) {
        latticeError = (err as Error).message;
        unprintable.push({ ref, why: `RGB, and ${latticeError}` });
        continue;
      }
      lattices.set(source.key, lattice);
      mostInk = Math.max(mostInk, separate.latticeTotalInk(lattice));
    }
    // Separated pixels go in uncompressed but for Flate: a camera's 24 MP picture in a two-column
    // box was 1500 ppi, 96 MB of CMYK to separate and write. Each block of `step`² pixels is
    // averaged into one, keeping at least SEPARATED_PPI where the picture is placed largest.
    const ppi = Math.min(...where.map((b) => coverPlacement(b, a).ppi));
    const step = Math.max(1, Math.floor(ppi / SEPARATED_PPI));
    // readJpeg reads the markers only: a file cut short in its scan (a copy interrupted) is
    // found here, by the decoder. It prints the placeholder and is named, as an RGB picture
    // without a profile is, rather than failing the export with the decoder's words alone.
    let cmyk: { data: Uint8Array; width: number; height: number };
    try {
      cmyk = separate.separatePicture(a, lattice, step);
    } catch (err) {
      unprintable.push({ ref, why: `RGB, and its JPEG data cannot be decoded (${(err as Error).message})` });
      continue;
    }
    if (source.why) assumedSrgb.push({ ref, why: source.why });
    images.set(ref, { ...base, width: cmyk.width, height: cmyk.height, components: 4, filter: 'FlateDecode', inverted: false, data: await deflateAsync(cmyk.data), separated: true });
  }
  // The one newsprint limit, preflight's picture-ink's too; the tables' figure rounded, as a
  // plant's 240 % profile interpolates to a fraction above it.
  if (Math.round(mostInk) > NEWSPRINT_INK_LIMIT) warnings.push(`the profile separates RGB pictures with up to ${Math.round(mostInk)} % total ink: newsprint takes 220 % (a plant's limit at most ${NEWSPRINT_INK_LIMIT} %), so it is not the plant's newsprint profile and the pictures' shadows will set off and smear (export with the plant's own profile)`);
  return { images, unprintable, assumedSrgb, warnings };
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

/**
 * The operators that draw a picture in its box: clipped to the box, covering it. `pageHeight`
 * flips y (the painter's origin is the trim's bottom-left corner); `fmt` writes numbers.
 */
export function pictureOps(box: PhotoBox, asset: PlateImage, pageHeight: number, fmt: (x: number) => string): string {
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
export function imageEntries(image: PlateImage): { colorSpace: 'DeviceGray' | 'DeviceCMYK'; decode: number[] | null } {
  if (image.components === 1) return { colorSpace: 'DeviceGray', decode: null };
  return { colorSpace: 'DeviceCMYK', decode: image.inverted ? [1, 0, 1, 0, 1, 0, 1, 0] : null };
}
