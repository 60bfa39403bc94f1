// Reading a file to import: bytes → checked text with LF line ends, from UTF-8 or the legacy
// encodings newsrooms still write (encoding.ts). The parsing itself is pure and lives in
// shared/import; this side only knows about files and encodings.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { importText } from '../../../shared/import';
import { ImportError, type ImportOptions, type ImportResult } from '../../../shared/import/types';
import { byteOrderMark, decodeStrict, ENCODING_NAMES, firstBadLine, guessChineseEncoding, pastedUtf8, PRIVATE_USE, type TextEncoding } from './encoding';

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
  /** The encoding the text was read in: given, found from a byte-order mark, or recognised. */
  encoding: TextEncoding;
}

export interface ReadOptions {
  /** The file's encoding; `auto` (the default) takes a byte-order mark, then UTF-8, then GB18030 or Big5. */
  encoding?: TextEncoding | 'auto';
}

export interface FileImportResult extends ImportResult {
  fileName: string;
  encoding: TextEncoding;
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

/**
 * Where binary content starts: a NUL, or control characters making up over a tenth of the
 * text. `bytes` are bytes of an ASCII-compatible encoding or the UTF-16 code units of text.
 */
function binaryStart(bytes: Uint8Array | Uint16Array): number {
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
export function readImportFile(path: string, opts: ReadOptions = {}): ImportFile {
  const fileName = basename(path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    throw new FileImportError(`cannot read the file: ${why}`, fileName, null, 'unreadable');
  }
  const fail = (reason: string, line: number | null, code: FileImportErrorCode = 'encoding') => new FileImportError(reason, fileName, line, code);
  let body: Uint8Array = bytes;
  let encoding = opts.encoding ?? 'auto';
  const bom = byteOrderMark(body);
  if (bom) {
    // A UTF-16 byte-order mark settles the byte order, whichever order --encoding named.
    const bothUtf16 = bom.encoding.startsWith('utf-16') && encoding.startsWith('utf-16');
    if (encoding !== 'auto' && encoding !== bom.encoding && !bothUtf16) {
      throw fail(`the file starts with a ${ENCODING_NAMES[bom.encoding]} byte-order mark, but --encoding says ${ENCODING_NAMES[encoding]}`, 1);
    }
    encoding = bom.encoding;
    body = body.subarray(bom.length);
  }
  if (body.length === 0) throw fail('the file is empty', null, 'empty');
  const skipped = bytes.length - body.length; // the BOM, for offsets in messages
  const invalidUtf8 = (at: number) => `invalid UTF-8 (byte 0x${body[at].toString(16).padStart(2, '0')} at offset ${skipped + at})`;
  /** 1-based line of a UTF-16 offset in decoded text. */
  const lineOfText = (t: string, at: number) => t.slice(0, at).split(/\r\n?|\n/).length;
  const utf16 = encoding === 'utf-16le' || encoding === 'utf-16be';
  if (!utf16) {
    const binary = binaryStart(body);
    if (binary >= 0) {
      const hint = body[binary] === 0 && binary < 2 ? ' (UTF-16 without a byte-order mark? give --encoding utf-16le or utf-16be)' : '';
      throw fail(`binary content (byte 0x${body[binary].toString(16).padStart(2, '0')} at offset ${skipped + binary}); not a text file${hint}`, lineAt(body, binary), 'binary');
    }
  }
  if (encoding === 'auto') {
    const invalid = firstInvalidUtf8(body);
    const guess = invalid < 0 ? 'utf-8' : guessChineseEncoding(body);
    if (!guess) {
      throw fail(
        `${invalidUtf8(invalid)}, and not GB18030 or Big5 Chinese either; ` +
          'save the file as UTF-8, or give its encoding with --encoding (gb18030, big5, utf-16le, utf-16be, windows-1252)',
        lineAt(body, invalid),
      );
    }
    encoding = guess;
  } else if (!utf16 && encoding !== 'utf-8' && !bom && firstInvalidUtf8(body) < 0 && body.some((b) => b >= 0x80)) {
    // Well-formed UTF-8 with non-ASCII text is UTF-8: read in a legacy encoding it is garbled
    // (太原 as å¤ªåŽŸ), and a file is hardly ever both by chance.
    throw fail(`the file is UTF-8 (its non-ASCII text is well-formed UTF-8), not ${ENCODING_NAMES[encoding]}: drop --encoding, or give --encoding utf-8`, null);
  }
  if (encoding === 'gb18030') {
    const at = pastedUtf8(body);
    if (at >= 0) throw fail(`GB18030 text with UTF-8 pasted into it (bytes at offset ${skipped + at}); save the file in one encoding, UTF-8 best`, lineAt(body, at));
  }
  let text = decodeStrict(body, encoding);
  if (text !== null && encoding === 'big5' && PRIVATE_USE.test(text)) {
    // Node's Big5 decoder gives Hong Kong (HKSCS) and user-defined characters as private-use
    // codes no font prints; refused rather than imported as blanks.
    const at = text.search(PRIVATE_USE);
    throw fail('Big5 with Hong Kong (HKSCS) or user-defined characters, which cannot be read here; save the file as UTF-8', lineOfText(text, at));
  }
  if (text === null) {
    if (encoding === 'utf-8') {
      const at = firstInvalidUtf8(body);
      throw fail(`${invalidUtf8(at)}; save the file as UTF-8`, lineAt(body, at));
    }
    const line = firstBadLine(body, encoding);
    throw fail(`not valid ${ENCODING_NAMES[encoding]}: check --encoding, or save the file as UTF-8`, line > 0 ? line : null);
  }
  if (utf16) {
    const units = new Uint16Array(text.length);
    for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
    const binary = binaryStart(units);
    if (binary >= 0) {
      throw fail(`binary content (character U+${units[binary].toString(16).padStart(4, '0').toUpperCase()}); not a text file`, lineOfText(text, binary), 'binary');
    }
  }
  text = text.replace(/\r\n?/g, '\n');
  return { text, fileName, bytes, encoding };
}

/** Reads and imports a file. Errors, including the importer's, name the file and line. */
export function importFile(path: string, opts: ImportOptions & ReadOptions = {}): FileImportResult {
  const { encoding, ...importOpts } = opts;
  const read = readImportFile(path, { encoding });
  try {
    return { fileName: read.fileName, encoding: read.encoding, ...importText(read.text, importOpts) };
  } catch (e) {
    if (e instanceof ImportError) throw new FileImportError(e.message, read.fileName, e.line, 'import');
    throw e;
  }
}
