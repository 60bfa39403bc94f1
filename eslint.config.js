// Lint rules that enforce the layers of DESIGN.md:
// - shared/ is pure: no electron, node:*, DOM-only or UI libraries, sqlite, pdf-lib, no clock or randomness;
// - only electron/app imports 'electron';
// - SQL (better-sqlite3) lives only in electron/services/library;
// - renderer/ reaches the main side only through the IPC contract.
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'fs', 'fs/promises', 'path', 'os', 'child_process', 'crypto', 'url', 'util', 'worker_threads',
  'stream', 'events', 'http', 'https', 'net', 'zlib', 'process', 'module', 'readline', 'buffer',
];
const restrict = (names, message) => names.map((name) => ({ name, message }));
const electronOnlyInApp = restrict(['electron'], "Only electron/app may import 'electron' (DESIGN.md).");
const sqlOnlyInLibrary = restrict(['better-sqlite3'], 'SQL lives only in electron/services/library (DESIGN.md).');

export default tseslint.config(
  { ignores: ['node_modules/**', 'tmp/**', 'dist/**', 'out/**', 'test-results/**', 'resources/**'] },
  ...tseslint.configs.recommended,
  {
    // The launchers are CommonJS (scripts/launch.cjs, bench/cold-run.cjs; bin/package.json makes
    // bin/ CommonJS), and so are the preloads tests give a child with node --require.
    files: ['scripts/*.cjs', 'bin/*.js', 'bench/*.cjs', 'tests/**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [...electronOnlyInApp, ...sqlOnlyInLibrary] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          ...electronOnlyInApp,
          ...sqlOnlyInLibrary,
          ...restrict(['react', 'react-dom', 'zustand', 'pdf-lib', 'harfbuzzjs', ...nodeBuiltins], 'shared/ is pure (DESIGN.md): no platform, UI or I/O modules.'),
        ],
        patterns: [{ group: ['node:*'], message: 'shared/ is pure (DESIGN.md): no node: modules.' },
          { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ depends on nothing outside shared/.' }],
      }],
      'no-restricted-globals': ['error',
        { name: 'Date', message: 'shared/ has no clock: pass time in.' },
        { name: 'process', message: 'shared/ is pure.' },
        { name: 'window', message: 'shared/ is pure.' },
        { name: 'document', message: 'shared/ is pure.' },
        { name: 'fetch', message: 'shared/ does no I/O.' },
        { name: 'require', message: 'shared/ is pure.' }],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'shared/ is deterministic: no randomness.' },
        { object: 'Date', property: 'now', message: 'shared/ has no clock.' },
        { object: 'performance', property: 'now', message: 'shared/ has no clock.' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...electronOnlyInApp, ...sqlOnlyInLibrary, ...restrict(nodeBuiltins, 'renderer/ reaches the main side only through shared/ipc.')],
        patterns: [{ group: ['node:*'], message: 'renderer/ reaches the main side only through shared/ipc.' },
          { group: ['**/electron/**'], message: 'renderer/ reaches the main side only through shared/ipc.' }],
      }],
    },
  },
  {
    files: ['electron/services/library/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: electronOnlyInApp }] },
  },
  {
    files: ['electron/app/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: sqlOnlyInLibrary }] },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
