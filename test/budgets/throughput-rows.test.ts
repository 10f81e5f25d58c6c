// How the throughput section judges its figures (bench/rows.ts): pure functions, fed made-up
// figures; the figures themselves are only measured by `npm run bench`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ComparisonName } from '../../bench/server/comparisons.js';
import type { ThroughputComparison } from '../../bench/server/throughput.js';
import { median } from '../../bench/stats.js';
import { CALIBRATION_TOLERANCE, throughputRows } from '../../bench/throughput-rows.js';

function comparison(name: ComparisonName, cpuRatios: number[], ratios = cpuRatios) {
  return {
    name,
    baselineRequestsPerSecond: 10_000,
    pluginRequestsPerSecond: 9_500,
    baselineP99LatencyMs: 3,
    pluginP99LatencyMs: 3,
    baselineCpuMicrosPerRequest: 70,
    pluginCpuMicrosPerRequest: 73,
    cpuRatio: median(cpuRatios),
    cpuRatios,
    ratio: median(ratios),
    ratios,
  } satisfies ThroughputComparison;
}

function rowsOf(comparisons: ThroughputComparison[], pinned = true) {
  return throughputRows({ pinned, comparisons });
}

describe('throughput rows', () => {
  it('judges each route against its own goal, on the median of the rounds', () => {
    const rows = rowsOf([
      comparison('active route', [0.8, 0.96, 1.1]),
      comparison('passive route', [0.96, 0.96, 1.2]),
      comparison('status read', [0.94, 0.95, 0.99]),
    ]);
    const met = Object.fromEntries(rows.map((row) => [row.what, row.met]));
    assert.deepEqual(met, {
      'req/s active route (p99 latency)': true,
      'server CPU per request, active route': true,
      'req/s passive route (p99 latency)': false,
      'server CPU per request, passive route': false,
      'req/s status read (p99 latency)': true,
      'server CPU per request, status read': true,
    });
  });

  it('shows the spread of the rounds beside each median', () => {
    const [, cpuRow] = rowsOf([comparison('active route', [1.1, 0.8, 0.96])]);
    assert.equal(cpuRow?.ratio, '0.96 (rounds 0.80-1.10)');
  });

  it(`accepts a calibration only within ${CALIBRATION_TOLERANCE} of 1.00, on either side`, () => {
    const judged = (ratio: number) =>
      rowsOf([comparison('calibration', [ratio])]).map((row) => row.met);
    assert.deepEqual(judged(1 + CALIBRATION_TOLERANCE), [true, true]);
    assert.deepEqual(judged(1 - CALIBRATION_TOLERANCE), [true, true]);
    assert.deepEqual(judged(1 + CALIBRATION_TOLERANCE + 0.01), [false, false]);
    assert.deepEqual(judged(1 - CALIBRATION_TOLERANCE - 0.01), [false, false]);
  });

  it('names a calibration of servers that could not be pinned to cores', () => {
    const [pinned] = rowsOf([comparison('calibration', [1])], true);
    const [unpinned] = rowsOf([comparison('calibration', [1])], false);
    assert.doesNotMatch(pinned?.what ?? '', /not pinned/);
    assert.match(unpinned?.what ?? '', /not pinned to cores/);
  });

  it('shows the minimal-hook references with their spread and judges neither, whatever the ratio', () => {
    for (const name of ['minimal hook', 'minimal hook + marker'] as const) {
      for (const ratio of [0.5, 0.95, 1.2]) {
        const rows = rowsOf([comparison(name, [ratio, 1, 0.9])]);
        assert.deepEqual(
          rows.map((row) => row.met),
          [null, null],
        );
        const cpuRow = rows[1];
        assert.equal(cpuRow?.what, `server CPU per request, ${name} (reference)`);
        const { min, max } = { min: Math.min(ratio, 0.9), max: Math.max(ratio, 1) };
        const spread = `(rounds ${min.toFixed(2)}-${max.toFixed(2)})`;
        assert.equal(cpuRow?.ratio, `${median([ratio, 1, 0.9]).toFixed(2)} ${spread}`);
      }
    }
  });
});
