// The layer rules of DESIGN.md are enforced by ESLint; these tests prove the rules bite.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('layer rules', () => {
  it('shared/ may not import node modules, electron, sqlite or pdf-lib', async () => {
    for (const mod of ['node:fs', 'fs', 'electron', 'better-sqlite3', 'pdf-lib', 'react', 'zustand']) {
      const ids = await ruleIds(`import x from '${mod}';\nexport default x;\n`, 'shared/model/bad.ts');
      expect(ids, mod).toContain('no-restricted-imports');
    }
  });

  it('shared/ has no clock and no randomness', async () => {
    expect(await ruleIds('export const t = Date.now();\n', 'shared/layout/bad.ts')).toContain('no-restricted-properties');
    expect(await ruleIds('export const r = Math.random();\n', 'shared/layout/bad.ts')).toContain('no-restricted-properties');
    expect(await ruleIds('export const d = new Date();\n', 'shared/layout/bad.ts')).toContain('no-restricted-globals');
  });

  it('only electron/app imports electron', async () => {
    const code = "import { app } from 'electron';\nexport default app;\n";
    expect(await ruleIds(code, 'electron/services/export/bad.ts')).toContain('no-restricted-imports');
    expect(await ruleIds(code, 'electron/cli/bad.ts')).toContain('no-restricted-imports');
  });

  it('SQL lives only in electron/services/library', async () => {
    const code = "import Database from 'better-sqlite3';\nexport default Database;\n";
    expect(await ruleIds(code, 'electron/cli/bad.ts')).toContain('no-restricted-imports');
    expect(await ruleIds(code, 'electron/services/export/bad.ts')).toContain('no-restricted-imports');
    expect(await ruleIds(code, 'electron/services/library/ok.ts')).not.toContain('no-restricted-imports');
  });

  it('renderer/ reaches the main side only through the contract', async () => {
    expect(await ruleIds("import fs from 'node:fs';\nexport default fs;\n", 'renderer/app/bad.ts')).toContain('no-restricted-imports');
  });
});
