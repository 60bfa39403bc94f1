// Article workflow verbs: status (draft → edited → ready → placed) and update (a new text for
// an article already in the library: a new revision, the old one kept in its history).
import { ArticleStatusSchema, summarize, type ArticleStatus } from '../../../shared/model';
import { ENCODING_NAMES } from '../../services/import/encoding';
import { readImportPictures, resolveImportPictures, storeImportPictures } from '../../services/import/pictures';
import { contentHash } from '../../services/library';
import { CliError, defineVerb, positiveInt, printJson } from '../cli';
import { headlineText, readArticles, textFileOptions, withLibrary } from './library';

const STATUSES = ArticleStatusSchema.options as readonly string[];

const statusVerb = defineVerb({
  name: 'status',
  summary: 'Move an article through the workflow: draft, edited, ready, placed.',
  usage: 'ID STATUS --library LIB [--json]',
  help: `
STATUS is one of ${STATUSES.join(', ')} (DESIGN.md: draft → edited → ready → placed; a desk may
send an article back, so any step is allowed). A status change is not a new revision.
--json prints {"article": ArticleSummary, "from": STATUS}.`,
  options: { library: { type: 'string', short: 'l' }, json: { type: 'boolean' } },
  positionals: true,
  run({ values, positionals }, io) {
    if (positionals.length !== 2) throw new CliError('give an article ID and a STATUS', 2);
    const id = positiveInt(positionals[0], 'ID');
    const status = positionals[1];
    if (!STATUSES.includes(status)) throw new CliError(`STATUS must be one of ${STATUSES.join(', ')}, got '${status}'`, 2);
    return withLibrary(
      values,
      (lib) => {
        // Read and changed in one write transaction: a status set meanwhile is the one reported.
        const { before, after } = lib.transaction(() => {
          const current = lib.articles.get(id);
          if (!current) throw new CliError(`no article #${id} in ${values.library}`);
          return { before: current, after: lib.articles.setStatus(id, status as ArticleStatus) };
        });
        if (values.json) printJson(io, { article: summarize(after), from: before.status });
        else io.out(`#${id} ${headlineText(after)}: ${before.status === after.status ? `already ${after.status}` : `${before.status} → ${after.status}`}\n`);
        return 0;
      },
      { create: false, write: true },
    );
  },
});

const updateVerb = defineVerb({
  name: 'update',
  summary: 'Replace an article with a new version of its text: a new revision, the old one kept.',
  usage: 'ID FILE --library LIB [--format auto|newsroom|markdown|plain] [--language zh|en] [--encoding E] [--allow-duplicates] [--json]',
  help: `
FILE is read as import reads it and must hold exactly one article: the new version of article
ID (the reporter's rewrite, the desk's edit). Its content replaces the article's; the version
it replaces stays in the history (show --json lists the revisions). The same text again is no
new revision. Status, id and slug stay; the article's source becomes FILE (its name and the
line the article starts on), and each version in the history keeps its own. A text that is already another article's (the wrong
file picked) is refused, as import skips duplicates; --allow-duplicates saves it anyway.
--json prints {"article": ArticleSummary, "changed": boolean, "encoding", "warnings": [{"line", "code", "message", "text"}]}.`,
  options: {
    library: { type: 'string', short: 'l' },
    json: { type: 'boolean' },
    format: { type: 'string' },
    language: { type: 'string' },
    encoding: { type: 'string' },
    'allow-duplicates': { type: 'boolean' },
  },
  positionals: true,
  run({ values, positionals }, io) {
    if (positionals.length !== 2) throw new CliError('give an article ID and a FILE', 2);
    const id = positiveInt(positionals[0], 'ID');
    const path = positionals[1];
    const options = textFileOptions(values);
    return withLibrary(
      values,
      (lib) => {
        if (!lib.articles.get(id)) throw new CliError(`no article #${id} in ${values.library}`);
        const { read, result } = readArticles(path, options);
        const readAs = read.encoding;
        if (result.articles.length !== 1) {
          const lines = result.articles.map((a) => a.line).join(', ');
          throw new CliError(`${path} holds ${result.articles.length} articles (at lines ${lines}); update takes a file of one article`);
        }
        // Its pictures (Markdown), read now and stored with the new text, in its transaction.
        const pictures = readImportPictures(result, path);
        const { articles, warnings } = resolveImportPictures(result, pictures);
        // The text is new; where the article stands in the workflow and on the desk is not.
        // Read inside the write transaction: a status another process set while this one
        // waited for the lock is kept, not written back over.
        const { before, after } = lib.transaction(() => {
          const content = articles[0].content;
          const current = lib.articles.get(id);
          if (!current) throw new CliError(`no article #${id} in ${values.library}`);
          const { status, section, priority } = current;
          const next = { ...content, status, section, priority };
          // Its own text again is no change (even when another article shares it).
          const hash = contentHash(next);
          const other = values['allow-duplicates'] || hash === current.contentHash ? null : lib.articles.findByHash(hash, id);
          if (other !== null) {
            const was = lib.articles.get(other);
            throw new CliError(
              `${path} holds the text of article #${other}${was ? ` (${headlineText(was)})` : ''}, not a new version of #${id}; nothing was changed (--allow-duplicates saves it anyway)`,
            );
          }
          // The article's source becomes this file; the version replaced keeps the one it had.
          const after = lib.articles.update(id, next, { file: read.fileName, line: result.articles[0].line });
          storeImportPictures(lib, [after], pictures);
          return { before: current, after };
        });
        const changed = after.revision !== before.revision;
        if (values.json) printJson(io, { article: summarize(after), changed, encoding: readAs, warnings });
        else {
          for (const w of warnings) io.err(`${path}:${w.line}: warning: ${w.message}\n`);
          io.out(`#${id} ${headlineText(after)}${readAs === 'utf-8' ? '' : ` (read as ${ENCODING_NAMES[readAs]})`}: ${changed ? `revision ${after.revision} (revision ${before.revision} kept in its history)` : `unchanged, still revision ${after.revision}`}\n`);
        }
        return 0;
      },
      { create: false, write: true },
    );
  },
});

export const articleVerbs = [statusVerb, updateVerb];
