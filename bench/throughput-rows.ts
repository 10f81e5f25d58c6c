// The throughput section's rows: each route's ratio against its goal, the minimal-hook
// references (no goal) and the calibration, each median shown with the spread of its rounds.
import type { ThroughputComparison } from './server/throughput.js';
import { range } from './stats.js';
import { type BenchRow, formatDecimal, formatInteger } from './table.js';

/** Throughput with the plugin / without, for an active (ordinary) route. */
export const ACTIVE_ROUTE_THROUGHPUT_BUDGET = 0.95;
/** Throughput with the plugin / without, for a passive route (no activity to record). */
export const PASSIVE_ROUTE_THROUGHPUT_BUDGET = 0.97;
/** Throughput of the status read / a bare session-reading route. */
export const STATUS_THROUGHPUT_BUDGET = 0.95;
/**
 * Two identical servers measured side by side must come out within this of 1.00: the spread of
 * the measurement itself, against which the three ratios above are read.
 */
export const CALIBRATION_TOLERANCE = 0.03;

function ratioWithRange(median: number, perRound: readonly number[]): string {
  const { min, max } = range(perRound);
  return `${formatDecimal(median)} (rounds ${formatDecimal(min)}-${formatDecimal(max)})`;
}

function calibrationRows(comparison: ThroughputComparison, pinned: boolean): BenchRow[] {
  // The epsilon keeps 1.03 itself inside (1.03 - 1 is 0.030000000000000027 in binary floating point).
  const within = (ratio: number) => Math.abs(ratio - 1) <= CALIBRATION_TOLERANCE + 1e-9;
  const goal = `${formatDecimal(1 - CALIBRATION_TOLERANCE)}-${formatDecimal(1 + CALIBRATION_TOLERANCE)}`;
  const servers = `two @fastify/session-only servers${pinned ? '' : ' (not pinned to cores)'}`;
  return [
    {
      what: `req/s calibration: ${servers}`,
      figure: formatInteger(comparison.pluginRequestsPerSecond),
      baseline: formatInteger(comparison.baselineRequestsPerSecond),
      ratio: ratioWithRange(comparison.ratio, comparison.ratios),
      goal,
      met: within(comparison.ratio),
    },
    {
      what: `server CPU per request, calibration: ${servers}`,
      figure: `${formatInteger(comparison.pluginCpuMicrosPerRequest)} us`,
      baseline: `${formatInteger(comparison.baselineCpuMicrosPerRequest)} us`,
      ratio: ratioWithRange(comparison.cpuRatio, comparison.cpuRatios),
      goal,
      met: within(comparison.cpuRatio),
    },
  ];
}

/**
 * The minimal-hook references have no goal of their own (met: null, shown as n/a): they show
 * how close to the active route's goal any check that runs a hook on every request can come.
 */
function referenceRows(comparison: ThroughputComparison): BenchRow[] {
  const server = `${comparison.name} (reference)`;
  const goal = 'none: the floor for the active route';
  return [
    {
      what: `req/s ${server}`,
      figure: formatInteger(comparison.pluginRequestsPerSecond),
      baseline: `@fastify/session alone ${formatInteger(comparison.baselineRequestsPerSecond)}`,
      ratio: ratioWithRange(comparison.ratio, comparison.ratios),
      goal,
      met: null,
    },
    {
      what: `server CPU per request, ${server}`,
      figure: `${formatInteger(comparison.pluginCpuMicrosPerRequest)} us`,
      baseline: `@fastify/session alone ${formatInteger(comparison.baselineCpuMicrosPerRequest)} us`,
      ratio: ratioWithRange(comparison.cpuRatio, comparison.cpuRatios),
      goal,
      met: null,
    },
  ];
}

function budgetOf(name: ThroughputComparison['name']): number {
  if (name === 'status read') return STATUS_THROUGHPUT_BUDGET;
  return name === 'passive route'
    ? PASSIVE_ROUTE_THROUGHPUT_BUDGET
    : ACTIVE_ROUTE_THROUGHPUT_BUDGET;
}

export function throughputRows(throughput: {
  readonly pinned: boolean;
  readonly comparisons: readonly ThroughputComparison[];
}): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const comparison of throughput.comparisons) {
    if (comparison.name === 'calibration') {
      rows.push(...calibrationRows(comparison, throughput.pinned));
      continue;
    }
    if (comparison.name === 'minimal hook' || comparison.name === 'minimal hook + marker') {
      rows.push(...referenceRows(comparison));
      continue;
    }
    const budget = budgetOf(comparison.name);
    const baselineName =
      comparison.name === 'status read' ? 'bare session route' : '@fastify/session alone';
    rows.push({
      what: `req/s ${comparison.name} (p99 latency)`,
      figure: `${formatInteger(comparison.pluginRequestsPerSecond)} (${comparison.pluginP99LatencyMs} ms)`,
      baseline: `${baselineName} ${formatInteger(comparison.baselineRequestsPerSecond)} (${comparison.baselineP99LatencyMs} ms)`,
      ratio: ratioWithRange(comparison.ratio, comparison.ratios),
      goal: `>= ${budget}`,
      met: comparison.ratio >= budget,
    });
    rows.push({
      what: `server CPU per request, ${comparison.name}`,
      figure: `${formatInteger(comparison.pluginCpuMicrosPerRequest)} us`,
      baseline: `${baselineName} ${formatInteger(comparison.baselineCpuMicrosPerRequest)} us`,
      ratio: ratioWithRange(comparison.cpuRatio, comparison.cpuRatios),
      goal: `>= ${budget}`,
      met: comparison.cpuRatio >= budget,
    });
  }
  return rows;
}
