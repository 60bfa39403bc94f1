// Reading a file to import: bytes → checked UTF-8 text with LF line ends. The parsing itself is
// pure and lives in shared/import; this side only knows about files and encodings.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { importText } from '../../../shared/import';
import { ImportError, type ImportOptions, type ImportResult } from '../../../shared/import/types';

export type FileImportErrorCode = 'unreadable' | 'empty' | 'binary' | 'encoding' | 'import';

/** A file that cannot be imported. The message reads `file:line: reason` (line when known). */
export class FileImportError extends Error {
  constructor(
    readonly reason: string,
    readonly fileName: string,
    readonly line: number | null,
    readonly code: FileImportErrorCode,
  ) {
    super(`${fileName}${line !== null ? `:${line}` : ''}: ${reason}`);
    this.name = 'FileImportError';
  }
}

export interface ImportFile {
  /** The text: BOM removed, line ends normalised to LF. */
  text: string;
  /** The file's base name, as messages and the library's source field show it. */
  fileName: string;
  /** The bytes as read (for hashing the source). */
  bytes: Buffer;
}

export interface FileImportResult extends ImportResult {
  fileName: string;
}

/** 1-based line of a byte offset: one more than the line feeds before it. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that is not well-formed UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return i;
    // Second-byte ranges exclude overlong forms, surrogates and code points above U+10FFFF.
    if (b === 0xe0) min = 0xa0;
    else if (b === 0xf0) min = 0x90;
    else min = 0x80;
    if (b === 0xed) max = 0x9f;
    else if (b === 0xf4) max = 0x8f;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      const lo = k === 1 ? min : 0x80;
      const hi = k === 1 ? max : 0xbf;
      if (c === undefined || c < lo || c > hi) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Where binary content starts: a NUL byte, or control bytes making up over a tenth of the text. */
function binaryStart(bytes: Uint8Array): number {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return nul;
  const sample = Math.min(bytes.length, 64 * 1024);
  let controls = 0;
  let first = -1;
  for (let i = 0; i < sample; i++) {
    const b = bytes[i];
    // Tab, LF, VT, FF, CR and ESC are found in real text files; other C0 bytes and DEL are not.
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b) || b === 0x7f) {
      controls++;
      if (first < 0) first = i;
    }
  }
  return controls * 10 > sample ? first : -1;
}

/** Reads a file for import. Throws FileImportError naming the file (and line) when it cannot be used. */
export function readImportFile(path: string): ImportFile {
  const fileName = basename(path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    throw new FileImportError(`cannot read the file: ${why}`, fileName, null, 'unreadable');
  }
  let body: Uint8Array = bytes;
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) body = body.subarray(3);
  if (body.length === 0) throw new FileImportError('the file is empty', fileName, null, 'empty');
  if ((body[0] === 0xff && body[1] === 0xfe) || (body[0] === 0xfe && body[1] === 0xff)) {
    throw new FileImportError('the file is UTF-16; save it as UTF-8 and import it again', fileName, 1, 'encoding');
  }
  const skipped = bytes.length - body.length; // the BOM, for offsets in messages
  const binary = binaryStart(body);
  if (binary >= 0) {
    throw new FileImportError(
      `binary content (byte 0x${body[binary].toString(16).padStart(2, '0')} at offset ${skipped + binary}); not a text file`,
      fileName,
      lineAt(body, binary),
      'binary',
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const at = firstInvalidUtf8(body);
    const offset = at < 0 ? 0 : at;
    throw new FileImportError(
      `invalid UTF-8 (byte 0x${body[offset].toString(16).padStart(2, '0')} at offset ${skipped + offset}); save the file as UTF-8`,
      fileName,
      lineAt(body, offset),
      'encoding',
    );
  }
  return { text: text.replace(/\r\n?/g, '\n'), fileName, bytes };
}

/** Reads and imports a file. Errors, including the importer's, name the file and line. */
export function importFile(path: string, opts: ImportOptions = {}): FileImportResult {
  const { text, fileName } = readImportFile(path);
  try {
    return { fileName, ...importText(text, opts) };
  } catch (e) {
    if (e instanceof ImportError) throw new FileImportError(e.message, fileName, e.line, 'import');
    throw e;
  }
}
