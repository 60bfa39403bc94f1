// Picture files on their way into the library: read from disk and checked (a JPEG the plate
// can carry, readJpeg) before any transaction starts, stored in the library by the command
// that places them. A Markdown story's pictures (`![caption](photos/dam.jpg)`, relative to the
// Markdown file) are read here too; one that cannot be used leaves its photo without a
// picture and says why in an import warning, and the story still imports.
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ImageError } from '../../../shared/images/jpeg';
import { readPicture, type PictureFacts } from '../../../shared/images/jpeg-ink';
import type { ImportResult, ImportWarning } from '../../../shared/import/types';
import type { Library } from '../library';

/** A picture file that cannot be used: `file` as the user wrote it, and why. */
export class PictureFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'PictureFileError';
  }
}

export interface PictureFile {
  /** The file as the user wrote it (messages name it so; the library keeps its base name). */
  file: string;
  bytes: Uint8Array;
  /** Its facts, a CMYK picture's total ink measured (readPicture): handed to ImageRepository.add. */
  info: PictureFacts;
}

/**
 * Reads and checks a picture file. `file` is named in errors as written; `base` is the folder a
 * relative path is taken from (a plan's or a Markdown file's; default: the working folder).
 */
export function readPictureFile(file: string, base?: string): PictureFile {
  const path = base === undefined || isAbsolute(file) ? resolve(file) : resolve(base, file);
  let bytes: Uint8Array;
  try {
    if (statSync(path).isDirectory()) throw new PictureFileError(file, `it is a folder (${path})`);
    bytes = new Uint8Array(readFileSync(path));
  } catch (e) {
    if (e instanceof PictureFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new PictureFileError(file, code === 'ENOENT' ? `no such file (${path})` : `cannot be read (${path}: ${(e as Error).message})`);
  }
  try {
    return { file, bytes, info: readPicture(bytes) };
  } catch (e) {
    if (e instanceof ImageError) throw new PictureFileError(file, e.message);
    throw e;
  }
}

/** The pictures an import names, read: each path as written → its file, or null when it cannot be used. */
export interface ImportPictures {
  files: Map<string, PictureFile | null>;
  /** One `unusable-picture` warning per line naming a picture that cannot be used. */
  warnings: ImportWarning[];
}

/**
 * Reads the pictures the drafts' photos name, relative to the text file `from`. Nothing is
 * stored: storeImportPictures does that, in the import's transaction.
 */
export function readImportPictures(result: ImportResult, from: string): ImportPictures {
  const files = new Map<string, PictureFile | null>();
  const reasons = new Map<string, string>();
  const base = dirname(resolve(from));
  for (const { path } of result.pictures ?? []) {
    if (files.has(path)) continue;
    try {
      files.set(path, readPictureFile(path, base));
    } catch (e) {
      if (!(e instanceof PictureFileError)) throw e;
      files.set(path, null);
      reasons.set(path, e.reason);
    }
  }
  const warnings = (result.pictures ?? [])
    .filter((p) => reasons.has(p.path))
    .map((p): ImportWarning => ({
      line: p.line,
      code: 'unusable-picture',
      message: `The picture ${p.path} cannot be used: ${reasons.get(p.path)}; the photo is imported without it (put the JPEG there, then give the story its picture with pasteup update ID FILE: importing the file again would add the story a second time)`,
      text: p.path,
    }));
  return { files, warnings };
}

/**
 * Stores the pictures read (inside the caller's transaction) and puts each one's reference in
 * the photos that name it; a photo whose picture cannot be used gets none (`asset` null).
 * Returns the result with the picture warnings among the others, in line order.
 */
export function storeImportPictures(lib: Library, result: ImportResult, pictures: ImportPictures): ImportResult {
  const refs = new Map<string, string | null>();
  for (const [path, file] of pictures.files) refs.set(path, file === null ? null : lib.images.add(file.bytes, file.file, file.info).image.ref);
  const articles = result.articles.map((d) => ({
    ...d,
    content: { ...d.content, body: d.content.body.map((b) => (b.type === 'photo' && b.asset !== null ? { ...b, asset: refs.get(b.asset) ?? null } : b)) },
  }));
  const warnings = [...result.warnings, ...pictures.warnings].sort((a, b) => a.line - b.line);
  return { ...result, articles, warnings };
}
