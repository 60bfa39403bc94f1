#!/usr/bin/env node
// The `pasteup` command. Runs the TypeScript sources directly through tsx, so there is no
// build step to remember after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
