// npm 12 skips the install scripts of dependencies that package.json's `allowScripts` does not
// approve: better-sqlite3 would be left uncompiled and Electron without its binary. The lockfile
// marks every package that has one (`hasInstallScript`), so this test sees a new one the day it
// is added.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..', '..');
const readJson = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(root, name), 'utf8'));

describe('install scripts', () => {
  it('every dependency with an install script is approved in allowScripts, and nothing else is', () => {
    const lock = readJson('package-lock.json') as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScripts = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && entry.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length))
      .sort();
    expect(withScripts).toContain('better-sqlite3');
    const allowed = (readJson('package.json').allowScripts ?? {}) as Record<string, boolean>;
    const approved = Object.keys(allowed).filter((name) => allowed[name] === true).map((key) => key.replace(/(?<=.)@.*$/, ''));
    expect(approved.sort()).toEqual(withScripts);
  });
});
