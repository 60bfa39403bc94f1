#!/usr/bin/env node
// Copies the bundled fonts and their licences from node_modules into resources/fonts/,
// as listed in resources/fonts/fonts.json (`source` → `file`). Runs as the `postinstall`
// script; the .ttf files are git-ignored because the CJK ones weigh ~10–15 MB each.
//
// Idempotent: a file whose destination already exists with the same size is skipped.
// Copies go through a temporary file and a rename, so an interrupted run never leaves a
// truncated font behind.
//
//   node scripts/fonts.mjs           copy what is missing or differs
//   node scripts/fonts.mjs --check   copy nothing; exit 1 when a font is missing or differs
//   node scripts/fonts.mjs --quiet   print only problems
import { copyFileSync, existsSync, readFileSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fontsDir = join(root, 'resources', 'fonts');
const manifestPath = join(fontsDir, 'fonts.json');
const require = createRequire(join(root, 'package.json'));

const args = new Set(process.argv.slice(2));
const check = args.has('--check');
const quiet = args.has('--quiet');
const log = (line) => { if (!quiet) console.log(line); };

/** '@scope/name/rest/of/path' → absolute path inside the installed package. */
function resolveSource(source) {
  const parts = source.split('/');
  const pkg = source.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  const rest = parts.slice(source.startsWith('@') ? 2 : 1).join('/');
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    return { path: null, pkg };
  }
  return { path: join(pkgDir, rest), pkg };
}

function sizeOf(path) {
  try {
    return statSync(path).size;
  } catch {
    return -1;
  }
}

const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const items = [
  ...manifest.fonts.map((f) => ({ label: f.id, file: f.file, source: f.source })),
  ...manifest.licenses.map((l) => ({ label: l.file, file: l.file, source: l.source })),
];

let copied = 0;
let skipped = 0;
const problems = [];
for (const item of items) {
  const { path: src, pkg } = resolveSource(item.source);
  const dest = join(fontsDir, item.file);
  if (!src || !existsSync(src)) {
    problems.push(`${item.label}: source not found (${item.source}); is ${pkg} installed?`);
    continue;
  }
  const want = sizeOf(src);
  const have = sizeOf(dest);
  if (have === want) {
    skipped++;
    continue;
  }
  if (check) {
    problems.push(`${item.label}: ${item.file} ${have < 0 ? 'is missing' : `has ${have} bytes, expected ${want}`}`);
    continue;
  }
  const tmp = `${dest}.tmp-${process.pid}`;
  try {
    copyFileSync(src, tmp);
    renameSync(tmp, dest);
  } catch (err) {
    if (existsSync(tmp)) unlinkSync(tmp);
    problems.push(`${item.label}: copy failed: ${err instanceof Error ? err.message : String(err)}`);
    continue;
  }
  copied++;
  log(`fonts: ${item.file} ← ${item.source} (${(want / 1048576).toFixed(1)} MB)`);
}

for (const p of problems) console.error(`fonts: ${p}`);
log(`fonts: ${copied} copied, ${skipped} up to date, ${problems.length} problem(s) in ${fontsDir}`);
process.exitCode = problems.length ? 1 : 0;
