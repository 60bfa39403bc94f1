// Library verbs: import, articles, show, check.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { ArticleStatusSchema, blockText, summarize, type Article, type ArticleStatus, type ArticleSummary } from '../../../shared/model';
import { importText } from '../../../shared/import';
import { ImportError, type ImportResult, type ImportWarning } from '../../../shared/import/types';
import { checkLibraryFile, DEFAULT_PAGE_SIZE, LibraryBusyError, LibraryNotFoundError, LibraryReadOnlyError, MAX_PAGE_SIZE, openLibrary, type Library } from '../../services/library';
import { FileImportError, readImportFile, type ImportFile } from '../../services/import/read-file';
import { ENCODING_NAMES, TEXT_ENCODINGS, type TextEncoding } from '../../services/import/encoding';
import { readImportPictures, resolveImportPictures, storeImportPictures } from '../../services/import/pictures';
import type { JpegInfo } from '../../../shared/images/jpeg';
import { CliError, countOf, defineVerb, encodingOption, positiveInt, printJson, required, type Io } from '../cli';

const libraryOption = { library: { type: 'string', short: 'l' } } as const;
const jsonOption = { json: { type: 'boolean' } } as const;

/** Opens --library, creating it when the path does not exist (unless create: false). */
/** Opens --library for a verb, with the CLI's words for a path that holds no library. */
export function openCliLibrary(values: Record<string, unknown>, opts: { create?: boolean } = {}): Library {
  const path = required(values, 'library');
  if (/[\\/]$/.test(path)) throw new CliError(`--library names the library's file, and '${path}' ends in a slash, as a folder does (try ${path.replace(/[\\/]+$/, '')}/library.pasteup)`, 2);
  try {
    return openLibrary(path, { create: opts.create ?? true });
  } catch (e) {
    // The library's own message speaks of `create: true`, which means nothing on the command line.
    if (e instanceof LibraryNotFoundError) {
      throw new CliError(`there is no library at ${e.path} (import a file into it to create it: pasteup import FILE --library ${path})`);
    }
    throw e;
  }
}

/** Runs a verb on --library (opened, checked writable when the verb writes, closed after). */
export function withLibrary<T>(values: Record<string, unknown>, fn: (lib: Library) => T, opts: { create?: boolean; write?: boolean } = {}): T {
  const lib = openCliLibrary(values, opts);
  try {
    // A verb that writes says so before it does anything (not once per file or command).
    if (opts.write && lib.readonlyReason !== null) throw new LibraryReadOnlyError(lib.path, lib.readonlyReason);
    return fn(lib);
  } finally {
    lib.close();
  }
}

/** True when --library names no library yet: the verb would create it (no file, or an empty one). */
export function libraryIsNew(values: Record<string, unknown>): boolean {
  const stat = statSync(resolve(required(values, 'library')), { throwIfNoEntry: false });
  return !stat || (stat.isFile() && stat.size === 0);
}

/**
 * Before a verb creates a library (the path holds none yet), runs `fn` on a scratch library
 * in a temporary folder of its own: when it fails there, it would fail on the new library too,
 * and its error is thrown before anything exists at the path. A failed command so leaves no
 * new, empty library behind (a plan placing an unknown article, a frame outside the grid),
 * and never has to delete one: another process may have opened the new file meanwhile, and
 * removing it lost that process's articles.
 */
export function rehearseOnNewLibrary(values: Record<string, unknown>, fn: (lib: Library) => unknown): void {
  if (!libraryIsNew(values)) return;
  const dir = mkdtempSync(join(tmpdir(), 'pasteup-rehearsal-'));
  try {
    const lib = openLibrary(join(dir, 'rehearsal.pasteup'), { create: true });
    try {
      lib.transaction(() => fn(lib));
    } finally {
      lib.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * How an article is named in lists: its headline deck, or — for pieces printed without one —
 * what it is and how it begins (简讯 · 娄烦县, 图片 · 1月27日…, 转版 · 以降低pm10…).
 */
export function headlineText(a: { headline: string[]; kind: string; slug: string; continuedFrom: number | null }): string {
  if (a.headline.length) return a.headline.join(' / ');
  const what = a.kind === 'briefs' ? '简讯' : a.kind === 'photo' ? '图片' : a.continuedFrom ? '转版' : '无题';
  return `(${what} · ${a.slug})`;
}

/** A CMYK picture's total ink in a list: `, up to 312 % ink`; `, ink not measurable` (null); nothing when not known. */
export function inkNote(ink: { most: number } | null | undefined): string {
  return ink === undefined ? '' : ink ? `, up to ${Math.round(ink.most)} % ink` : ', ink not measurable';
}

/**
 * A picture's colours as the desk is told them: gray, CMYK, or RGB with the colour space the
 * export separates it from — its embedded profile's name (Adobe RGB (1998)), or sRGB when it
 * has none or one that cannot be used (and why).
 */
export function pictureColours(i: Pick<JpegInfo, 'components'> & Partial<Pick<JpegInfo, 'profile'>> & { ink?: { most: number } | null }): string {
  // A CMYK picture's total ink as the library measured it (preflight's picture-ink), when given.
  if (i.components === 4) return `CMYK${inkNote(i.ink)}`;
  if (i.components !== 3) return 'gray';
  if (!i.profile) return 'RGB, no profile: taken as sRGB';
  const name = i.profile.description ? `“${i.profile.description}”` : 'without a name';
  return i.profile.problem ? `RGB, its profile ${name} cannot be used (${i.profile.problem}): taken as sRGB` : `RGB, ${i.profile.description ?? 'an embedded profile without a name'}`;
}

function formatWarning(file: string, w: ImportWarning): string {
  return `${file}:${w.line}: warning: ${w.message}`;
}

export interface ImportFileReport {
  /** The file's base name, as the library's source field keeps it. */
  file: string;
  /** The path as given on the command line: what messages name. */
  path: string;
  /** The encoding the file was read in (a WHATWG label: utf-8, gb18030, big5, …). */
  encoding: TextEncoding;
  imported: ArticleSummary[];
  duplicates: { line: number; existingId: number }[];
  warnings: ImportWarning[];
}

/** Imports one file in one transaction. Errors name the file (and line when known). */
/** --format, --language and --encoding of the verbs that read a text file (import, update). */
export interface TextFileOptions {
  format: 'auto' | 'newsroom' | 'markdown' | 'plain';
  language: 'zh' | 'en' | undefined;
  encoding: TextEncoding | 'auto';
}

export function textFileOptions(values: Record<string, unknown>): TextFileOptions {
  const format = (values.format as string | undefined) ?? 'auto';
  if (!['auto', 'newsroom', 'markdown', 'plain'].includes(format)) throw new CliError(`unknown --format '${format}'`, 2);
  const language = values.language as string | undefined;
  if (language && !['zh', 'en'].includes(language)) throw new CliError(`unknown --language '${language}'`, 2);
  return { format: format as TextFileOptions['format'], language: language as TextFileOptions['language'], encoding: encodingOption(values) };
}

/** Reads a file and parses its articles; errors are FileImportErrors naming the path as given (two a.txt from two folders stay apart). */
export function readArticles(path: string, opts: Partial<TextFileOptions> = {}): { read: ImportFile; result: ImportResult } {
  let read;
  try {
    read = readImportFile(path, { encoding: opts.encoding });
  } catch (e) {
    if (e instanceof FileImportError) throw new FileImportError(e.reason, path, e.line, e.code);
    throw e;
  }
  try {
    return { read, result: importText(read.text, { format: opts.format ?? 'auto', language: opts.language }) };
  } catch (e) {
    // "Nothing to import" and the like: name the file (and line), as reading errors do.
    if (e instanceof ImportError) throw new FileImportError(e.message, path, e.line, 'import');
    throw e;
  }
}

export function importOneFile(lib: Library, path: string, opts: Partial<TextFileOptions> & { allowDuplicates?: boolean } = {}): ImportFileReport {
  const { read, result } = readArticles(path, opts);
  const { bytes, fileName, encoding } = read;
  const fileHash = createHash('sha256').update(bytes).digest('hex');
  // The pictures its photos name (Markdown), read before the transaction; stored in it with
  // the stories that name them (a story skipped as a duplicate stores none).
  const pictures = readImportPictures(result, path);
  const drafts = resolveImportPictures(result, pictures);
  return lib.transaction(() => {
    const { imported, duplicates } = lib.importDrafts({
      fileName,
      fileHash,
      drafts: drafts.articles,
      warnings: drafts.warnings,
      allowDuplicates: opts.allowDuplicates ?? false,
    });
    storeImportPictures(lib, imported, pictures);
    return { file: fileName, path, encoding, imported: imported.map(summarize), duplicates, warnings: drafts.warnings };
  });
}

const importVerb = defineVerb({
  name: 'import',
  summary: 'Import newsroom text, Markdown or plain text files into a library.',
  usage: 'FILE... --library LIB [--format auto|newsroom|markdown|plain] [--language zh|en] [--encoding E] [--allow-duplicates] [--json]',
  help: `
Each file is imported in one transaction: all of its articles or none. A file that cannot be
read (empty, binary, not valid in its encoding) imports nothing and the error names the file
and line.
--encoding is auto (the default), ${TEXT_ENCODINGS.join(', ')} (gbk and gb2312 read as
gb18030). auto takes a byte-order mark (UTF-8, UTF-16), then UTF-8, then recognises GB18030
(GBK, GB2312) and Big5 Chinese text; the text output names an encoding other than UTF-8.
Articles already in the library (same content) are skipped unless --allow-duplicates.
Text that belongs to no article is kept out of the library and reported as a warning.
A Markdown picture, ![caption](photos/dam.jpg), is read relative to the Markdown file and
stored in the library with the story; one that is missing or not a JPEG the plate can carry
is an unusable-picture warning, and the photo is imported without it.

--json prints {"files": [{"file", "path", "encoding", "imported": [ArticleSummary], "duplicates": [{"line", "existingId"}],
"warnings": [{"line", "code", "message", "text"}]}], "errors": [{"file", "message"}]}: "path" and
errors' "file" are the paths as given, "file" of a file imported its base name (the articles' source).`,
  options: {
    ...libraryOption,
    ...jsonOption,
    format: { type: 'string' },
    language: { type: 'string' },
    encoding: { type: 'string' },
    'allow-duplicates': { type: 'boolean' },
  },
  positionals: true,
  run({ values, positionals }, io) {
    if (positionals.length === 0) throw new CliError('no FILE given', 2);
    const options = textFileOptions(values);
    // Into a library that does not exist yet: when no file can be read, say so without making it.
    if (libraryIsNew(values)) {
      const errors: { file: string; message: string }[] = [];
      for (const path of positionals) {
        try {
          readArticles(path, options);
          break;
        } catch (e) {
          errors.push({ file: path, message: (e as Error).message });
        }
      }
      if (errors.length === positionals.length) {
        for (const e of errors) io.err(`pasteup import: ${e.message}\n`);
        if (values.json) printJson(io, { files: [], errors });
        return 1;
      }
    }
    return withLibrary(values, (lib) => {
      const files: ImportFileReport[] = [];
      const errors: { file: string; message: string }[] = [];
      let libraryBusy: string | null = null;
      let notTried = 0;
      for (const path of positionals) {
        if (libraryBusy !== null) {
          // Each file would wait as long again: the rest are not tried.
          errors.push({ file: path, message: `not imported: ${libraryBusy}` });
          notTried++;
          continue;
        }
        try {
          files.push(importOneFile(lib, path, { ...options, allowDuplicates: !!values['allow-duplicates'] }));
        } catch (e) {
          errors.push({ file: path, message: (e as Error).message });
          io.err(`pasteup import: ${(e as Error).message}\n`);
          if (e instanceof LibraryBusyError) libraryBusy = e.message;
        }
      }
      if (notTried) io.err(`pasteup import: ${countOf(notTried, 'more file')} not imported (the library is busy)\n`);
      if (values.json) printJson(io, { files, errors });
      else {
        for (const f of files) {
          for (const w of f.warnings) io.err(`${formatWarning(f.path, w)}\n`);
          io.out(`${f.path}${f.encoding === 'utf-8' ? '' : ` (read as ${ENCODING_NAMES[f.encoding]})`}: ${f.imported.length} imported, ${f.duplicates.length} already in the library, ${f.warnings.length} warnings\n`);
          for (const a of f.imported) io.out(`  #${a.id} ${headlineText(a)}\n`);
        }
      }
      return errors.length ? 1 : 0;
    }, { write: true });
  },
});

function summaryLine(a: ArticleSummary): string {
  const who = a.byline ?? (a.credit ? `(${a.credit})` : '');
  const from = a.continuedFrom ? ` [continued from p.${a.continuedFrom}]` : '';
  return `${String(a.id).padStart(5)}  ${a.kind.padEnd(6)} ${a.status.padEnd(6)} ${String(a.chars).padStart(6)} chars  ${headlineText(a)}${from}${who ? `  — ${who}` : ''}`;
}

const articlesVerb = defineVerb({
  name: 'articles',
  summary: 'List or search the articles of a library.',
  usage: '--library LIB [--search Q] [--status S] [--limit N] [--json]',
  help: `
--search finds articles whose headline or text contains Q (any length: two-character
Chinese names such as 太原 work). Several words must all occur.
--status is one of ${ArticleStatusSchema.options.join(', ')}. --limit N lists at most N (default
${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}); when more match, a note on stderr says so.
--json prints {"articles": [ArticleSummary], "more": boolean} where ArticleSummary is
{"id","slug","kind","language","status","headline":[...],"byline","credit","continuedFrom","paragraphs","chars","revision","updatedAt"}
and "more" is true when more articles match than were listed.`,
  options: { ...libraryOption, ...jsonOption, search: { type: 'string', short: 's' }, status: { type: 'string' }, limit: { type: 'string' } },
  run({ values }, io) {
    const limit = values.limit === undefined ? DEFAULT_PAGE_SIZE : positiveInt(values.limit as string, '--limit');
    // The text as given: Number("99999999999999999999") prints as 100000000000000000000.
    if (limit > MAX_PAGE_SIZE) throw new CliError(`--limit must be at most ${MAX_PAGE_SIZE}, got ${values.limit as string}`, 2);
    const status = values.status as string | undefined;
    if (status !== undefined && !(ArticleStatusSchema.options as readonly string[]).includes(status)) {
      throw new CliError(`--status must be one of ${ArticleStatusSchema.options.join(', ')}, got '${status}'`, 2);
    }
    return withLibrary(values, (lib) => {
      const query = { search: values.search as string | undefined, status: status as ArticleStatus | undefined };
      const articles = lib.articles.list({ ...query, limit });
      // A full list may have been cut: is there one past it?
      const more = articles.length === limit && lib.articles.list({ ...query, limit: 1, offset: limit }).length > 0;
      if (values.json) printJson(io, { articles, more });
      else if (articles.length === 0) io.out('No articles.\n');
      else for (const a of articles) io.out(`${summaryLine(a)}\n`);
      if (more && !values.json) io.err(`(the first ${limit}; more articles match: ${limit < MAX_PAGE_SIZE ? `--limit up to ${MAX_PAGE_SIZE}, or ` : ''}narrow with --search/--status)\n`);
      return 0;
    }, { create: false });
  },
});

export function articleAsText(a: Article): string {
  const out: string[] = [];
  if (a.kicker) out.push(a.kicker);
  out.push(...(a.headline.length ? a.headline : [headlineText(a)]));
  if (a.subhead) out.push(a.subhead);
  const meta = [
    `#${a.id} ${a.kind} ${a.language} ${a.status} rev ${a.revision}`,
    a.continuedFrom ? `continued from page ${a.continuedFrom}` : null,
    a.byline,
    a.credit ? `(${a.credit})` : null,
  ].filter(Boolean);
  out.push(`[${meta.join(' · ')}]`, '');
  let first = true;
  for (const b of a.body) {
    if (b.type === 'paragraph') {
      out.push(`${first && a.lead ? `${a.lead} ` : ''}${b.text}`);
      first = false;
    } else if (b.type === 'subhead') out.push(`## ${b.text}`);
    // Whether the photo has its picture: one without prints a placeholder.
    else if (b.type === 'photo') out.push(`[photo ${b.asset ? `${b.asset.slice(0, 19)}…` : 'without a picture'}] ${blockText(b)}`);
    else out.push(`## ${b.title}`, ...b.paragraphs.map((p) => p.text));
  }
  if (a.editorCredit) out.push(`(${a.editorCredit})`);
  return `${out.join('\n')}\n`;
}

const showVerb = defineVerb({
  name: 'show',
  summary: 'Show one article with its fields, body and revisions.',
  usage: 'ID --library LIB [--json]',
  help: `--json prints {"article": Article, "revisions": [{"revision","savedAt","source"}]} (source:
{file,line}, where that version's text came from, or null); Article is the
model of shared/model/article.ts (kind, language, kicker, headline[], subhead, byline, credit,
lead, editorCredit, continuedFrom, body[], section, priority, status, id, slug, revision,
contentHash, source{file,line}, createdAt, updatedAt).`,
  options: { ...libraryOption, ...jsonOption },
  positionals: true,
  run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new CliError('give exactly one article ID', 2);
    const id = positiveInt(positionals[0], 'ID');
    return withLibrary(
      values,
      (lib) => {
        const article = lib.articles.get(id);
        if (!article) throw new CliError(`no article #${id} in ${values.library}`);
        const revisions = lib.articles.revisions(id).map((r) => ({ revision: r.revision, savedAt: r.savedAt, source: r.source }));
        if (values.json) printJson(io, { article, revisions });
        else io.out(articleAsText(article));
        return 0;
      },
      { create: false },
    );
  },
});

const checkVerb = defineVerb({
  name: 'check',
  summary: 'Check a library: SQLite integrity, foreign keys, search index, every article valid.',
  usage: '--library LIB [--json]',
  help: `Exits 0 when the library is sound, 1 otherwise.
--json prints {"ok": boolean, "problems": [string], "skipped": [string], "notices": [string], "counts": {...}, "schemaVersion": n}.
A damaged or truncated library gets a report too (exit 1); text mode lists what could not be
checked. Notices (pictures stored in the library that nothing uses) do not make it fail.
check never upgrades a library of an older schema: it reports the version and checks what it can.`,
  options: { ...libraryOption, ...jsonOption },
  run({ values }, io: Io) {
    const path = required(values, 'library');
    let report;
    try {
      // Not withLibrary: a damaged library must give a report, not the error opening it meets.
      report = checkLibraryFile(path);
    } catch (e) {
      if (e instanceof LibraryNotFoundError) throw new CliError(`there is no library at ${e.path} (import a file into it to create it: pasteup import FILE --library ${path})`);
      throw e;
    }
    if (values.json) printJson(io, report);
    else {
      io.out(report.ok ? `${basename(path)}: ok\n` : `${basename(path)}: ${countOf(report.problems.length, 'problem')}\n`);
      for (const p of report.problems) io.out(`  ${p}\n`);
      for (const s of report.skipped) io.out(`  not checked: ${s}\n`);
      for (const n of report.notices) io.out(`  notice: ${n}\n`);
    }
    return report.ok ? 0 : 1;
  },
});

export const libraryVerbs = [importVerb, articlesVerb, showVerb, checkVerb];
