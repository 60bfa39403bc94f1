// Shared by the library-verb tests: temp folders, the fixture, file fingerprints, and the
// README's JSON shapes as strict zod schemas (a renamed, retyped or leaked field fails them).
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { z } from 'zod';
import { ArticleSchema } from '../../../shared/model';
import { runCli, type CliResult } from './run-cli';

export const FIXTURE = fileURLToPath(new URL('../../../../shared/fixtures/taiyuan-daily-2024-01.txt', import.meta.url));
export const FIXTURE_NAME = 'taiyuan-daily-2024-01.txt';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `pasteup-${prefix}-`));
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** SQLite side files that must never appear next to a file that is not a library. */
export function sideFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => /-(wal|shm|journal)$/.test(f));
}

// --- The JSON shapes of README.md ("JSON shapes") ------------------------------------------

const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString() === s, 'ISO 8601 UTC time');

/** ArticleSummary: exactly the README's fields, with their types. */
export const ArticleSummaryJson = z.strictObject({
  id: z.number().int().positive(),
  slug: z.string().min(1),
  kind: z.enum(['story', 'briefs', 'photo']),
  language: z.enum(['zh', 'en']),
  status: z.enum(['draft', 'edited', 'ready', 'placed']),
  headline: z.array(z.string()),
  byline: z.string().nullable(),
  credit: z.string().nullable(),
  continuedFrom: z.number().int().positive().nullable(),
  paragraphs: z.number().int().nonnegative(),
  chars: z.number().int().nonnegative(),
  revision: z.number().int().positive(),
  updatedAt: isoTime,
});
export type ArticleSummaryJson = z.infer<typeof ArticleSummaryJson>;

export const WarningJson = z.strictObject({
  line: z.number().int().positive(),
  code: z.enum(['orphan-fragment', 'empty-article', 'suspicious-break', 'unclosed-markup', 'unknown-markup', 'furniture', 'unusable-picture']),
  message: z.string().min(1),
  text: z.string(),
});

export const ImportJson = z.strictObject({
  files: z.array(
    z.strictObject({
      file: z.string().min(1),
      path: z.string().min(1),
      encoding: z.enum(['utf-8', 'gb18030', 'big5', 'utf-16le', 'utf-16be', 'windows-1252']),
      imported: z.array(ArticleSummaryJson),
      duplicates: z.array(z.strictObject({ line: z.number().int().positive(), existingId: z.number().int().positive() })),
      warnings: z.array(WarningJson),
    }),
  ),
  errors: z.array(z.strictObject({ file: z.string().min(1), message: z.string().min(1) })),
});
export type ImportJson = z.infer<typeof ImportJson>;

export const ArticlesJson = z.strictObject({ articles: z.array(ArticleSummaryJson), more: z.boolean() });

/** show --json: the model's Article (shared/model/article.ts), nothing more, and its revisions. */
export const ShowJson = z.strictObject({
  article: z.strictObject({ ...ArticleSchema.shape, createdAt: isoTime, updatedAt: isoTime }),
  revisions: z.array(z.strictObject({ revision: z.number().int().positive(), savedAt: isoTime, source: ArticleSchema.shape.source })),
});
export type ShowJson = z.infer<typeof ShowJson>;

export const CheckJson = z.object({
  ok: z.boolean(),
  problems: z.array(z.string()),
  counts: z.object({ articles: z.number().int().nonnegative().nullable() }).loose(),
});

/** Parses stdout as JSON and checks it against one of the shapes above. */
export function parseOut<S extends z.ZodType>(schema: S, r: CliResult): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(r.out);
  } catch {
    throw new Error(`stdout is not JSON (exit ${r.code}):\n${r.out}\nstderr:\n${r.err}`);
  }
  return schema.parse(value);
}

// --- Commands used by many tests ---------------------------------------------------------

export async function importJson(files: string[], lib: string, extra: string[] = []): Promise<{ r: CliResult; json: ImportJson }> {
  const r = await runCli(['import', ...files, '--library', lib, '--json', ...extra]);
  return { r, json: parseOut(ImportJson, r) };
}

export async function listArticles(lib: string, extra: string[] = []): Promise<ArticleSummaryJson[]> {
  const r = await runCli(['articles', '--library', lib, '--limit', '1000', '--json', ...extra]);
  expect(r.code, r.err).toBe(0);
  return parseOut(ArticlesJson, r).articles;
}

export async function showArticle(lib: string, id: number): Promise<ShowJson> {
  const r = await runCli(['show', String(id), '--library', lib, '--json']);
  expect(r.code, r.err).toBe(0);
  return parseOut(ShowJson, r);
}

/**
 * A failure as the README promises it: the documented exit code, a message on stderr naming
 * `mentions`, and no stack trace (which would mean an exception escaped the verb).
 */
export function expectCleanFailure(r: CliResult, code: 1 | 2, ...mentions: (string | RegExp)[]): void {
  expect(r.code, `exit code; stderr: ${r.err}`).toBe(code);
  expect(r.signal ?? null).toBeNull();
  expect(r.err).toMatch(/^pasteup( [a-z]+)*: /m);
  expect(r.err).not.toMatch(/^\s+at .+[(:]\d+/m); // a stack frame
  expect(r.err).not.toMatch(/\b(TypeError|RangeError|SqliteError|ReferenceError)\b/);
  for (const m of mentions) {
    if (typeof m === 'string') expect(r.err).toContain(m);
    else expect(r.err).toMatch(m);
  }
}
