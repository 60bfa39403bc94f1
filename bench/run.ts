// `npm run bench`: every benchmark, one table. Goals are for this 2-core machine.
import { printTable, type BenchRow } from './table';

const suites: { name: string; load: () => Promise<() => Promise<BenchRow[]>> }[] = [
  { name: 'library', load: async () => (await import('./library')).benchLibrary },
  { name: 'shaping', load: async () => (await import('./shaping')).benchShaping },
  { name: 'engine', load: async () => (await import('./engine')).benchEngine },
  { name: 'export', load: async () => (await import('./export')).benchExport },
  { name: 'edition', load: async () => (await import('./edition')).benchEdition },
  { name: 'picture-ink', load: async () => (await import('./picture-ink')).benchPictureInk },
];

const only = process.argv.slice(2);
const rows: BenchRow[] = [];
for (const suite of suites) {
  if (only.length && !only.includes(suite.name)) continue;
  process.stderr.write(`running ${suite.name}…\n`);
  rows.push(...(await (await suite.load())()));
}
printTable(rows);
