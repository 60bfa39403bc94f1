// Schema 6: the search text folds the forms of a mark that a reader types alike. English
// imports print typographic quotes (O’Connor, “Yes”), which nobody types into a search box;
// Chinese imports turn , : ; ( ) ? ! into full-width marks, while text saved through the API
// keeps what the editor typed. searchFields() now stores ‘ ’ ‚ ‛ as ', “ ” „ ‟ as ", and the
// full-width forms U+FF01–FF5E (，：（）！ and ＡＢＣ１２３) as their ASCII letters; parseQuery()
// folds a query the same way, so O'Connor finds O’Connor and 消息，省 finds 消息,省.
// Existing articles: their search text is computed again from their content; where it
// changed, the update trigger (schema 4) re-indexes the trigram tables and drops the grams,
// which are written again here.
import type { Migration } from './index';
import { CONTENT_COLUMNS, searchableContent, type ContentRow } from './002-search';
import { SearchIndex } from '../search-index';
import { searchFields } from '../search-text';

export const m006SearchFold: Migration = {
  version: 6,
  name: 'search-fold',
  up(db) {
    const index = new SearchIndex(db);
    const batch = db.prepare(`SELECT ${CONTENT_COLUMNS}, search_headline, search_body FROM articles WHERE id > ? ORDER BY id LIMIT 500`);
    const setText = db.prepare('UPDATE articles SET search_headline = ?, search_body = ? WHERE id = ?');
    for (let last = 0; ; ) {
      const rows = batch.all(last) as (ContentRow & { search_headline: string; search_body: string })[];
      if (rows.length === 0) break;
      for (const r of rows) {
        const text = searchFields(searchableContent(r));
        if (text.headline === r.search_headline && text.body === r.search_body) continue;
        setText.run(text.headline, text.body, r.id);
        index.replaced(r.id, text);
      }
      last = rows[rows.length - 1].id;
    }
  },
};
