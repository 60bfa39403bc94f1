// Picture files on their way into the library: read from disk and checked (a JPEG the plate
// can carry, readJpeg) before any transaction starts, stored in the library by the command
// that places them. A Markdown story's pictures (`![caption](photos/dam.jpg)`, relative to the
// Markdown file) are read here too; one that cannot be used leaves its photo without a
// picture and says why in an import warning, and the story still imports. A picture is stored
// with the story that names it, in its transaction: a story not stored (a duplicate) stores none.
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ImageError } from '../../../shared/images/jpeg';
import { readPicture, type PictureFacts } from '../../../shared/images/jpeg-ink';
import type { ImportResult, ImportWarning } from '../../../shared/import/types';
import type { Library } from '../library';
import { refOf } from '../library/images';
import type { Block } from '../../../shared/model';

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
  /** Each usable file's reference (`sha256:…`), by path as written. */
  refs: Map<string, string>;
  /** One `unusable-picture` warning per line naming a picture that cannot be used. */
  warnings: ImportWarning[];
}

/**
 * Reads the pictures the drafts' photos name, relative to the text file `from`. Nothing is
 * stored: storeImportPictures does that, in the import's transaction, for the stories stored.
 */
export function readImportPictures(result: ImportResult, from: string): ImportPictures {
  const files = new Map<string, PictureFile | null>();
  const refs = new Map<string, string>();
  const reasons = new Map<string, string>();
  const base = dirname(resolve(from));
  for (const { path } of result.pictures ?? []) {
    if (files.has(path)) continue;
    try {
      const file = readPictureFile(path, base);
      files.set(path, file);
      refs.set(path, refOf(file.bytes));
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
  return { files, refs, warnings };
}

/**
 * Puts each picture's reference in the photos that name it (a photo whose picture cannot be
 * used gets none: `asset` null), so that the drafts can be judged and stored; stores nothing.
 * Returns the result with the picture warnings among the others, in line order.
 */
export function resolveImportPictures(result: ImportResult, pictures: ImportPictures): ImportResult {
  const articles = result.articles.map((d) => ({
    ...d,
    content: { ...d.content, body: d.content.body.map((b) => (b.type === 'photo' && b.asset !== null ? { ...b, asset: pictures.refs.get(b.asset) ?? null } : b)) },
  }));
  const warnings = [...result.warnings, ...pictures.warnings].sort((a, b) => a.line - b.line);
  return { ...result, articles, warnings };
}

/**
 * Stores (inside the caller's transaction, the one that stored the articles) the pictures the
 * photos of `stored` name: the stories imported or the version an update saved. A story
 * skipped as a duplicate stores none: pictures are never deleted (undo can place one again),
 * so one stored for nothing would stay for good.
 */
export function storeImportPictures(lib: Library, stored: readonly { body: readonly Block[] }[], pictures: ImportPictures): void {
  const byRef = new Map<string, PictureFile>();
  for (const [path, ref] of pictures.refs) byRef.set(ref, pictures.files.get(path)!);
  for (const a of stored) {
    for (const b of a.body) {
      const file = b.type === 'photo' && b.asset !== null ? byRef.get(b.asset) : undefined;
      if (file) lib.images.add(file.bytes, file.file, file.info);
    }
  }
}
