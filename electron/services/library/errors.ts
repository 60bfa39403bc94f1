// Errors of the article library. Every one names the library file (or the article) concerned,
// so the CLI and the app can show the message as it is.

export class LibraryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * The file exists but is not a Pasteup library (another SQLite database, not SQLite at all,
 * a folder, ...). It was only read, never written: the file is left exactly as it was.
 */
export class NotALibraryError extends LibraryError {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path} is not a Pasteup library (${reason}); the file was left untouched.`);
  }
}

/** The library was written by a newer Pasteup: its schema is beyond the migrations we know. */
export class LibraryTooNewError extends LibraryError {
  constructor(
    readonly path: string,
    readonly version: number,
    readonly supported: number,
  ) {
    super(
      `${path} was written by a newer Pasteup (library schema ${version}, this version knows up to ${supported}); ` +
        'update Pasteup to open it. The file was left untouched.',
    );
  }
}

/** Opened read-only (or create: false) but the library must first be upgraded or created. */
export class LibraryNeedsUpgradeError extends LibraryError {
  constructor(
    readonly path: string,
    readonly version: number,
    readonly latest: number,
  ) {
    super(
      `${path} has library schema ${version} and needs an upgrade to ${latest}; open it once read-write to upgrade it.`,
    );
  }
}

export class LibraryNotFoundError extends LibraryError {
  constructor(readonly path: string) {
    super(`${path} does not exist (open with create: true to make a new library).`);
  }
}

export class ArticleNotFoundError extends LibraryError {
  constructor(readonly id: number) {
    super(`No article with id ${id} in the library.`);
  }
}

/** Content that does not satisfy the article model; `line` is the draft's source line, if any. */
export class InvalidArticleError extends LibraryError {
  constructor(
    message: string,
    readonly issues: string[],
    readonly line: number | null = null,
  ) {
    super(message);
  }
}
