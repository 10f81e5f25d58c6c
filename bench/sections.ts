// The sections of `npm run bench`: what each measures, how long it may take, and its table rows.
// Each runs in its own process (bench/section-process.ts) with its own browser when it needs one,
// so that a crash or a hang ends only that section.
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
import { activityRows, bundleRows, memoryRows, trafficRows, writeRows } from './rows.js';
import { countStoreWrites } from './server/store-writes.js';
import { measureThroughput } from './server/throughput.js';
import type { BenchRow } from './table.js';
import { throughputRows } from './throughput-rows.js';

export const SECTION_NAMES = [
  'bundle',
  'writes',
  'activity',
  'memory',
  'traffic',
  'throughput',
] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

/** What a section answers: its raw figures (for --json) and its table rows. */
export interface SectionResult {
  readonly figures: unknown;
  readonly rows: readonly BenchRow[];
  /** Chromium's version, for browser sections. */
  readonly chromium?: string;
}

/** One section of the bench. */
export interface Section {
  /** What the progress line says. */
  readonly title: string;
  /**
   * The longest this section may take, seconds, before it is stopped and reported failed.
   * About three times what it takes on this 2-core machine under other helpers' load.
   */
  readonly timeoutSeconds: (quick: boolean) => number;
  readonly run: (quick: boolean) => Promise<SectionResult>;
}

function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** Runs `measure` with a fresh Chromium, closed whatever happens. */
async function withChromium<T>(
  measure: (browser: Awaited<ReturnType<typeof launchBenchChromium>>) => Promise<T>,
): Promise<{ value: T; chromium: string }> {
  const browser = await launchBenchChromium();
  try {
    return { value: await measure(browser), chromium: browser.version() };
  } finally {
    await browser.close();
  }
}

export const SECTIONS: Readonly<Record<SectionName, Section>> = {
  bundle: {
    title: 'bundle sizes',
    timeoutSeconds: () => 120,
    async run() {
      const bundle = {
        elementBytes: await elementGzipBytes(),
        litCoreBytes: await litCoreGzipBytes(),
        litReactiveElementBytes: await litReactiveElementGzipBytes(),
        jquery: await jqueryGzipBytes(),
      };
      return { figures: bundle, rows: bundleRows(bundle) };
    },
  },
  writes: {
    title: 'store writes',
    timeoutSeconds: () => 180,
    async run() {
      const burst = { requests: 1000, spanMs: 1000 } as const;
      const writes = {
        activeOneSecond: await countStoreWrites({ kind: 'active-route', ...burst }),
        activeTenSeconds: await countStoreWrites({
          kind: 'active-route',
          ...burst,
          spanMs: 10_000,
        }),
        reports: await countStoreWrites({ kind: 'activity-report', ...burst }),
        passiveRoute: await countStoreWrites({ kind: 'passive-route', ...burst }),
        passiveHeader: await countStoreWrites({ kind: 'passive-header', ...burst }),
        statusReads: await countStoreWrites({ kind: 'status-read', ...burst }),
        stampEveryRequest: await countStoreWrites({
          kind: 'active-route',
          ...burst,
          model: 'stamp-every-request',
        }),
        stampPassive: await countStoreWrites({
          kind: 'passive-route',
          ...burst,
          model: 'stamp-every-request',
        }),
      };
      return { figures: writes, rows: writeRows(writes) };
    },
  },
  activity: {
    title: 'activity cost in Chromium',
    timeoutSeconds: () => 420,
    async run(quick) {
      const { value, chromium } = await withChromium((browser) =>
        measureActivityCost(browser, { events: 100_000, rounds: quick ? 3 : 7 }),
      );
      return { figures: value, rows: activityRows(value), chromium };
    },
  },
  memory: {
    title: 'connect/disconnect cycles in Chromium',
    timeoutSeconds: () => 420,
    async run(quick) {
      const { value, chromium } = await withChromium((browser) =>
        measureConnectCycles(browser, {
          cycles: quick ? 1000 : 10_000,
          onProgress: (message) => progress(`memory: ${message}`),
        }),
      );
      return { figures: value, rows: memoryRows(value), chromium };
    },
  },
  traffic: {
    title: 'server traffic per browser, simulated hour (1, 5, 10 tabs)',
    timeoutSeconds: (quick) => (quick ? 420 : 900),
    async run(quick) {
      const simulatedSeconds = quick ? 1200 : 3600;
      const { value, chromium } = await withChromium((browser) =>
        measureTraffic(browser, [1, 5, 10], {
          simulatedSeconds,
          activityEverySeconds: 10,
          switchTabEverySeconds: 300,
          stepSeconds: 1,
          warnAfterSeconds: 540,
          expireAfterSeconds: 600,
          onProgress: (tabs, simulatedMs) => {
            if (simulatedMs % 600_000 === 0) {
              progress(`traffic: ${tabs} tab(s), ${simulatedMs / 60_000} simulated min`);
            }
          },
        }),
      );
      return { figures: value, rows: trafficRows(value, simulatedSeconds), chromium };
    },
  },
  throughput: {
    title: 'server throughput with autocannon (alternating rounds)',
    // Six comparisons of 15 rounds take about 410 s here.
    timeoutSeconds: () => 1200,
    async run(quick) {
      const throughput = await measureThroughput({
        // A run's median of 9 rounds moved by +-0.06 from run to run on this machine.
        rounds: quick ? 3 : 15,
        durationSeconds: 1,
        connections: 10,
      });
      return { figures: throughput, rows: throughputRows(throughput) };
    },
  },
};
