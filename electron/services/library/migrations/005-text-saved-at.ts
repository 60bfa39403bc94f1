// Schema 5: when an article's text was saved, apart from when the article last changed.
// updated_at moves with a status change too (a workflow step, not a new text), so the history
// took it as the saved time of the version a later update archived: revision 1 of an article
// moved to 'edited' after its import was dated to the status change. text_saved_at moves only
// with a new text (create, import, update). Existing rows: revision 1 was saved when it was
// created; a later revision's time is the best there is, updated_at.
import type { Migration } from './index';

export const m005TextSavedAt: Migration = {
  version: 5,
  name: 'text-saved-at',
  up(db) {
    db.exec(`
      ALTER TABLE articles ADD COLUMN text_saved_at TEXT NOT NULL DEFAULT '';
      UPDATE articles SET text_saved_at = CASE WHEN revision = 1 THEN created_at ELSE updated_at END;
    `);
  },
};
