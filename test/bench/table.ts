/** A benchmark's result, printed as a table by test/bench/run.ts. */
export interface BenchTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
  /** Targets and notes printed under the table. */
  readonly notes?: readonly string[];
}

export function printTable(table: BenchTable): string {
  const cells = [table.columns.map(String), ...table.rows.map((row) => row.map(String))];
  const widths = table.columns.map((_, column) =>
    Math.max(...cells.map((row) => (row[column] ?? '').length)),
  );
  const line = (row: readonly string[]) =>
    `| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [
    `### ${table.title}`,
    '',
    line(cells[0] ?? []),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...cells.slice(1).map(line),
    ...(table.notes?.length ? ['', ...table.notes] : []),
    '',
  ].join('\n');
}

/** Percentile of already-sorted samples (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}

export const ms = (value: number): string => `${value.toFixed(2)} ms`;

/** Runs `task` `warmUp` times unmeasured, then `samples` times timed; the times sorted, in ms. */
export async function timed(
  samples: number,
  warmUp: number,
  task: () => Promise<unknown>,
): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < samples + warmUp; index += 1) {
    const started = performance.now();
    await task();
    if (index >= warmUp) times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}
