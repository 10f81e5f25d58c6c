/** One row of the benchmark table. */
export interface BenchRow {
  /** What was measured, e.g. "bundle gzip -9". */
  readonly what: string;
  /** The figure of session-security, formatted with its unit. */
  readonly figure: string;
  /** The figure it is compared with, formatted with its unit and named. */
  readonly baseline: string;
  /** figure / baseline (or the comparison that the goal is about), formatted. */
  readonly ratio: string;
  /** The goal, in words. */
  readonly goal: string;
  /** Whether the goal is met; null when the measurement could not run or the row is a reference. */
  readonly met: boolean | null;
}

const HEADINGS = ['what', 'figure', 'baseline', 'ratio', 'goal', 'met?'] as const;

function cells(row: BenchRow): string[] {
  const met = row.met === null ? 'n/a' : row.met ? 'yes' : 'NO';
  return [row.what, row.figure, row.baseline, row.ratio, row.goal, met];
}

/** The rows as a Markdown table (readable in a terminal too: columns are padded). */
export function formatTable(rows: readonly BenchRow[]): string {
  const lines = [HEADINGS.slice(), HEADINGS.map(() => '---'), ...rows.map(cells)];
  const widths = HEADINGS.map((_, column) =>
    Math.max(...lines.map((line) => (line[column] ?? '').length)),
  );
  return lines
    .map((line, index) => {
      const padded = line.map((cell, column) =>
        index === 1 ? '-'.repeat(widths[column] ?? 3) : cell.padEnd(widths[column] ?? 0),
      );
      return `| ${padded.join(' | ')} |`;
    })
    .join('\n');
}

/** `1234567` as `1,234,567`. */
export function formatInteger(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** A number with `digits` decimals. */
export function formatDecimal(value: number, digits = 2): string {
  return value.toFixed(digits);
}

/** A ratio as a percentage with one decimal, e.g. `+3.2 %`. */
export function formatPercent(value: number): string {
  const percent = value * 100;
  return `${percent >= 0 ? '+' : ''}${percent.toFixed(1)} %`;
}
