export { FileImportError, firstInvalidUtf8, importFile, readImportFile } from './read-file';
export type { FileImportErrorCode, FileImportResult, ImportFile, ReadOptions } from './read-file';
export { ENCODING_NAMES, parseEncoding, TEXT_ENCODINGS, type TextEncoding } from './encoding';
