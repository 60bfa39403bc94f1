// Benchmarks print one table: what was measured, the number, and the goal.
export interface BenchRow {
  name: string;
  value: string;
  goal: string;
}

export function printTable(rows: BenchRow[], out: (s: string) => void = (s) => process.stdout.write(s)): void {
  const head: BenchRow = { name: 'benchmark', value: 'measured', goal: 'goal' };
  const all = [head, ...rows];
  const w = (k: keyof BenchRow) => Math.max(...all.map((r) => r[k].length));
  const line = (r: BenchRow) => `| ${r.name.padEnd(w('name'))} | ${r.value.padStart(w('value'))} | ${r.goal.padEnd(w('goal'))} |\n`;
  out(line(head));
  out(`|${'-'.repeat(w('name') + 2)}|${'-'.repeat(w('value') + 2)}|${'-'.repeat(w('goal') + 2)}|\n`);
  for (const r of rows) out(line(r));
}

export function ms(x: number): string {
  return `${x.toFixed(x < 10 ? 2 : 0)} ms`;
}

export function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
