import { defineConfig } from 'vitest/config';

// `npx vitest run` runs every tests/**/*.test.ts, the engine-parity test in tests/e2e included
// (vitest in Node, driving Debian's Chromium through playwright-core). Playwright UI specs that
// drive the renderer through the web host go in tests/e2e/ui/ (or are named *.spec.ts) and are
// not vitest tests.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/ui/**', 'tests/**/*.spec.ts', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
