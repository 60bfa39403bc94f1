#!/usr/bin/env node
// The `pasteup` command. Runs dist/cli.cjs, the bundle of the TypeScript sources, with a V8
// code cache per verb; scripts/launch.cjs rebuilds the bundle when a source is newer, so
// there is no build step to remember after `npm install` or an edit. Without esbuild it runs
// the sources through tsx (slower to start), as it does with PASTEUP_NO_BUNDLE=1.
//
// CommonJS (bin/package.json), like scripts/launch.cjs: a bundled run then never starts
// Node's ES module loader (harfbuzzjs comes as dist/harfbuzz.cjs too).
'use strict';
const { BUNDLE, ensureBundle, loadBundle, oneShotProcess } = require('../scripts/launch.cjs');

async function run(argv) {
  oneShotProcess();
  if (process.env.PASTEUP_NO_BUNDLE !== '1' && (await ensureBundle()) === 'bundle') {
    // One code cache per verb (the functions a verb runs are what its cache holds); help and
    // usage errors share one; a word that is no verb writes none.
    const word = /^[a-z]+$/.test(argv[0] ?? '') ? argv[0] : 'other';
    const bundle = loadBundle(BUNDLE, word);
    process.exitCode = await bundle.exports.main(argv);
    if (word === 'other' || bundle.exports.findVerb(argv)) bundle.saveCache();
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    const { main } = await import('../electron/cli/main.ts');
    process.exitCode = await main(argv);
  }
}

run(process.argv.slice(2)).catch((err) => {
  process.exitCode = 1;
  throw err;
});
