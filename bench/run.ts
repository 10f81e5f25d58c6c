// `npm run bench`: every benchmark of docs/benchmarks.md, each against its baseline in the same
// run, printed as one table. Options: --only=bundle,activity,traffic,throughput,writes,memory
// (a subset), --quick (fewer rounds, for a smoke run), --json=FILE (also write the figures).
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { Browser } from 'playwright-core';
import { measureActivityCost } from './browser/activity-cost.js';
import { launchBenchChromium } from './browser/chromium.js';
import { measureConnectCycles } from './browser/memory.js';
import { measureTraffic } from './browser/traffic.js';
import {
  elementGzipBytes,
  jqueryGzipBytes,
  litCoreGzipBytes,
  litReactiveElementGzipBytes,
} from './bundle-size.js';
import {
  activityRows,
  bundleRows,
  memoryRows,
  throughputRows,
  trafficRows,
  writeRows,
} from './rows.js';
import { countStoreWrites } from './server/store-writes.js';
import { measureThroughput } from './server/throughput.js';
import { type BenchRow, formatTable } from './table.js';

const SECTIONS = ['bundle', 'activity', 'traffic', 'throughput', 'writes', 'memory'] as const;
type Section = (typeof SECTIONS)[number];

interface RunOptions {
  readonly only: ReadonlySet<Section>;
  readonly quick: boolean;
  readonly jsonPath: string | null;
}

function parseArguments(args: readonly string[]): RunOptions {
  let only = new Set<Section>(SECTIONS);
  let quick = false;
  let jsonPath: string | null = null;
  for (const arg of args) {
    if (arg === '--quick') quick = true;
    else if (arg.startsWith('--json=')) jsonPath = arg.slice('--json='.length);
    else if (arg.startsWith('--only=')) {
      const names = arg.slice('--only='.length).split(',');
      const unknown = names.filter((name) => !(SECTIONS as readonly string[]).includes(name));
      if (unknown.length > 0) {
        throw new Error(`unknown section ${unknown.join(', ')}; known: ${SECTIONS.join(', ')}`);
      }
      only = new Set(names as Section[]);
    } else {
      throw new Error(`unknown argument ${arg}; use --only=..., --quick, --json=FILE`);
    }
  }
  return { only, quick, jsonPath };
}

function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  const rows: BenchRow[] = [];
  const figures: Record<string, unknown> = {};
  const needsBrowser = ['activity', 'traffic', 'memory'].some((name) =>
    options.only.has(name as Section),
  );
  let browser: Browser | null = null;
  try {
    if (needsBrowser) browser = await launchBenchChromium();
    figures.machine = {
      date: new Date().toISOString(),
      cores: availableParallelism(),
      node: process.version,
      chromium: browser?.version() ?? null,
    };
    if (options.only.has('bundle')) {
      progress('bundle sizes');
      const bundle = {
        elementBytes: await elementGzipBytes(),
        litCoreBytes: await litCoreGzipBytes(),
        litReactiveElementBytes: await litReactiveElementGzipBytes(),
        jquery: await jqueryGzipBytes(),
      };
      figures.bundle = bundle;
      rows.push(...bundleRows(bundle));
    }
    if (options.only.has('writes')) {
      progress('store writes');
      const writes = {
        activeOneSecond: await countStoreWrites({
          kind: 'active-route',
          requests: 1000,
          spanMs: 1000,
        }),
        activeTenSeconds: await countStoreWrites({
          kind: 'active-route',
          requests: 1000,
          spanMs: 10_000,
        }),
        reports: await countStoreWrites({ kind: 'activity-report', requests: 1000, spanMs: 1000 }),
        passiveRoute: await countStoreWrites({
          kind: 'passive-route',
          requests: 1000,
          spanMs: 1000,
        }),
        passiveHeader: await countStoreWrites({
          kind: 'passive-header',
          requests: 1000,
          spanMs: 1000,
        }),
        statusReads: await countStoreWrites({ kind: 'status-read', requests: 1000, spanMs: 1000 }),
        stampEveryRequest: await countStoreWrites({
          kind: 'active-route',
          requests: 1000,
          spanMs: 1000,
          model: 'stamp-every-request',
        }),
        stampPassive: await countStoreWrites({
          kind: 'passive-route',
          requests: 1000,
          spanMs: 1000,
          model: 'stamp-every-request',
        }),
      };
      figures.writes = writes;
      rows.push(...writeRows(writes));
    }
    if (browser && options.only.has('activity')) {
      progress('activity cost in Chromium');
      const activity = await measureActivityCost(browser, {
        events: 100_000,
        rounds: options.quick ? 3 : 7,
      });
      figures.activity = activity;
      rows.push(...activityRows(activity));
    }
    if (browser && options.only.has('memory')) {
      progress('connect/disconnect cycles in Chromium');
      const memory = await measureConnectCycles(browser, {
        cycles: options.quick ? 1000 : 10_000,
      });
      figures.memory = memory;
      rows.push(...memoryRows(memory));
    }
    if (browser && options.only.has('traffic')) {
      progress('server traffic per browser, simulated hour (1, 5, 10 tabs)');
      const simulatedSeconds = options.quick ? 1200 : 3600;
      const traffic = await measureTraffic(browser, [1, 5, 10], {
        simulatedSeconds,
        activityEverySeconds: 10,
        switchTabEverySeconds: 300,
        stepSeconds: 1,
        warnAfterSeconds: 540,
        expireAfterSeconds: 600,
      });
      figures.traffic = traffic;
      rows.push(...trafficRows(traffic, simulatedSeconds));
    }
    await browser?.close();
    browser = null;
    if (options.only.has('throughput')) {
      progress('server throughput with autocannon (alternating rounds)');
      const throughput = await measureThroughput({
        rounds: options.quick ? 3 : 8,
        durationSeconds: options.quick ? 1 : 1.5,
        connections: 10,
      });
      figures.throughput = throughput;
      rows.push(...throughputRows(throughput));
    }
  } finally {
    await browser?.close();
  }
  process.stdout.write(`${formatTable(rows)}\n`);
  const unmet = rows.filter((row) => row.met === false).length;
  process.stdout.write(
    `\n${rows.length} figures, ${unmet} goal${unmet === 1 ? '' : 's'} not met (see docs/benchmarks.md)\n`,
  );
  if (options.jsonPath) {
    const replacer = (_key: string, value: unknown) => (value instanceof Set ? [...value] : value);
    await writeFile(options.jsonPath, `${JSON.stringify(figures, replacer, 2)}\n`);
  }
}

await main();
