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
    /** Why it cannot be upgraded here (it is read-only: the file is not writable, ...), if that is why. */
    readonly readonlyReason: string | null = null,
  ) {
    super(
      readonlyReason === null
        ? `${path} has library schema ${version} and needs an upgrade to ${latest}; open it once read-write to upgrade it.`
        : `${path} has library schema ${version} and needs an upgrade to ${latest}, but it is read-only (${readonlyReason}); ` +
            'ask whoever can write it to open it once, or copy it to a folder of yours.',
    );
  }
}

/** A change to a library this process cannot write (its file or folder), or one opened read-only. */
export class LibraryReadOnlyError extends LibraryError {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path} is read-only (${reason}); nothing was changed.`);
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

/**
 * Another process held the library's write lock for longer than a writer waits (the busy
 * timeout, 30 s by default): typically a long import. Nothing was written; trying again later
 * works.
 */
export class LibraryBusyError extends LibraryError {
  constructor(
    readonly path: string,
    readonly waitedMs: number,
  ) {
    super(
      `${path} is busy: another process has been writing to it for over ${Math.round(waitedMs / 1000)} s ` +
        '(an import?); nothing was changed. Try again when it has finished.',
    );
  }
}

/**
 * SQLite found the file damaged (SQLITE_CORRUPT, SQLITE_NOTADB): a page it needed cannot be
 * read. check() reports what is wrong; nothing was changed.
 */
export class LibraryDamagedError extends LibraryError {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path} is damaged (${reason}); nothing was changed. A library check lists what is wrong.`);
  }
}

/** The SQLite result code of an error thrown by better-sqlite3 (SQLITE_BUSY, ...), if any. */
export function sqliteCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/**
 * SQLite's own words name no file ("database is locked"): the library's errors do. Returns
 * the LibraryError that says what happened to `path`, or `e` itself when it is not one of these.
 */
export interface ErrorContext {
  busyTimeoutMs: number;
  /** Why the connection cannot write (whyReadOnly, or "opened read-only"), or null. */
  readonlyReason: string | null;
}

export function libraryErrorFor(path: string, e: unknown, ctx: ErrorContext): unknown {
  const code = sqliteCode(e);
  if (code === undefined) return e;
  if (code.startsWith('SQLITE_READONLY')) return new LibraryReadOnlyError(path, ctx.readonlyReason ?? (e as Error).message);
  if (code.startsWith('SQLITE_BUSY')) return new LibraryBusyError(path, ctx.busyTimeoutMs);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return new LibraryDamagedError(path, (e as Error).message);
  return e;
}
