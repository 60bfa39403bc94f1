// Schema 7: where each archived version's text came from. `update ID FILE` saves a text from a
// new file, and the article's source now names that file; the version it replaces keeps the
// source it had. Existing archived versions: revision 1 came from where the article was
// created (an update never changed the source before this schema); a later one's file was
// never recorded (null).
import type { Migration } from './index';

export const m007RevisionSource: Migration = {
  version: 7,
  name: 'revision-source',
  up(db) {
    db.exec(`
      ALTER TABLE article_revisions ADD COLUMN source_file TEXT;
      ALTER TABLE article_revisions ADD COLUMN source_line INTEGER;
      UPDATE article_revisions SET
        source_file = (SELECT a.source_file FROM articles a WHERE a.id = article_revisions.article_id),
        source_line = (SELECT a.source_line FROM articles a WHERE a.id = article_revisions.article_id)
      WHERE revision = 1;
    `);
  },
};
