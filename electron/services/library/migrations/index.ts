// Schema migrations, numbered and tracked in PRAGMA user_version.
//
// To change the schema, add a file NNN-name.ts exporting a Migration with the next version and
// append it to `migrations` below. Never edit a migration that has shipped: libraries in the
// field have already run it. Each migration runs in its own transaction together with the
// user_version bump, so a library is always at exactly one version. A migration that must
// rebuild a table (SQLite's 12-step ALTER) sets `rebuildsTables`: foreign keys are switched off
// around its transaction and checked before it commits.
import type Database from 'better-sqlite3';
import { m001Articles } from './001-articles';
import { m002Search } from './002-search';
import { m003Editions } from './003-editions';
import { m004SearchIndexes } from './004-search-indexes';
import { m005TextSavedAt } from './005-text-saved-at';
import { m006SearchFold } from './006-search-fold';
import { m007RevisionSource } from './007-revision-source';
import { m008Images } from './008-images';
import { m009PictureInk } from './009-picture-ink';
import { m010ImageProfiles } from './010-image-profiles';

export interface Migration {
  version: number;
  name: string;
  rebuildsTables?: boolean;
  up(db: Database.Database): void;
}

export const migrations: readonly Migration[] = [m001Articles, m002Search, m003Editions, m004SearchIndexes, m005TextSavedAt, m006SearchFold, m007RevisionSource, m008Images, m009PictureInk, m010ImageProfiles];

/** The schema version this code writes and reads. */
export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1].version;

for (let i = 0; i < migrations.length; i++) {
  if (migrations[i].version !== i + 1) throw new Error(`Migration ${migrations[i].name} must have version ${i + 1}`);
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to schema version `upTo` (default: the latest), one transaction per
 * migration. Returns the version reached. Refuses a database newer than this code.
 */
export function migrate(db: Database.Database, upTo: number = LATEST_SCHEMA_VERSION): number {
  if (!Number.isInteger(upTo) || upTo < 0 || upTo > LATEST_SCHEMA_VERSION) {
    throw new RangeError(`migrate: no schema version ${upTo} (latest is ${LATEST_SCHEMA_VERSION})`);
  }
  let version = schemaVersion(db);
  if (version > LATEST_SCHEMA_VERSION) {
    throw new Error(`Library schema ${version} is newer than this code (${LATEST_SCHEMA_VERSION})`);
  }
  for (const m of migrations) {
    if (m.version <= version || m.version > upTo) continue;
    const fkWasOn = db.pragma('foreign_keys', { simple: true }) === 1;
    if (m.rebuildsTables && fkWasOn) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        // Read again under the write lock: another process may have run this migration since
        // `version` was read (two apps opening an old library at once), and running it twice
        // fails (ALTER TABLE ADD COLUMN) or doubles its rows.
        const now = schemaVersion(db);
        if (now >= m.version) {
          version = now;
          return;
        }
        m.up(db);
        if (m.rebuildsTables) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length) throw new Error(`Migration ${m.version} (${m.name}) broke ${broken.length} foreign keys`);
        }
        db.pragma(`user_version = ${m.version}`);
      }).immediate();
    } finally {
      if (m.rebuildsTables && fkWasOn) db.pragma('foreign_keys = ON');
    }
    version = Math.max(version, m.version);
  }
  return version;
}
