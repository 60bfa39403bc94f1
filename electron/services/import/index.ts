export { FileImportError, firstInvalidUtf8, importFile, readImportFile } from './read-file';
export type { FileImportErrorCode, FileImportResult, ImportFile } from './read-file';
