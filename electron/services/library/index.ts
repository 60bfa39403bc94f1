// The article library: the one place Pasteup keeps articles, and the only code that speaks SQL.
export { openLibrary, checkLibraryFile, createLibraryFile, APPLICATION_ID, BUSY_TIMEOUT_MS, type Library, type OpenOptions } from './library';
export { ArticleRepository, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type ArticleSource, type ListOptions } from './articles';
export type { ImportRequest, ImportOutcome, ImportDuplicate } from './import-drafts';
export type { CheckResult } from './check';
export { LATEST_SCHEMA_VERSION, migrate, migrations, type Migration } from './migrations';
export {
  LibraryError,
  NotALibraryError,
  LibraryTooNewError,
  LibraryNeedsUpgradeError,
  LibraryNotFoundError,
  LibraryBusyError,
  LibraryDamagedError,
  LibraryReadOnlyError,
  ArticleNotFoundError,
  InvalidArticleError,
} from './errors';
export { contentHash } from './rows';
export { parseQuery, type SearchTerm } from './search-text';
export { TemplateRepository } from './templates';
export { EditionRepository, EditionNotFoundError, type EditionSummary, type NewEdition, type Applied, type Step } from './editions';
export { ImageRepository, InvalidImageError, refOf, type AddedImage, type ImageSummary } from './images';
