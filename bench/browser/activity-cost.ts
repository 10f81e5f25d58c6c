import type { Browser, CDPSession, Page } from 'playwright-core';
import { BENCH_ROUTES } from '../server/app.js';
import { alternate, median } from '../stats.js';
import { enableRendererMetrics, heapUsedAfterGc, openCdp, rendererMetrics } from './heap.js';
import { PAGE_ROUTES, startPageServer } from './page-server.js';

/** Options of {@link measureActivityCost}. */
export interface ActivityCostOptions {
  /** Events per round: half pointermove, half keydown, interleaved. */
  readonly events: number;
  readonly rounds: number;
}

/** What user input costs on a page with the element, against the same page without it. */
export interface ActivityCostFigures {
  /** Median main-thread CPU milliseconds to dispatch the round's events, with the element. */
  readonly withElementCpuMs: number;
  /** The same without the element. */
  readonly bareCpuMs: number;
  /** Median of the per-round CPU ratios with / without, minus 1 (0.03 = 3 % slower). */
  readonly overhead: number;
  readonly ratios: readonly number[];
  /** Median wall-clock milliseconds (performance.now() around the loop), with the element. */
  readonly withElementWallMs: number;
  readonly bareWallMs: number;
  /** Median of the per-round wall-clock ratios, minus 1: more disturbed by other processes. */
  readonly wallOverhead: number;
  /** Heap growth per event after GC, with the element, bytes. */
  readonly withElementBytesPerEvent: number;
  /** The same without the element, bytes. */
  readonly bareBytesPerEvent: number;
}

declare global {
  interface Window {
    /** Dispatches `count` input events at a button; answers the milliseconds it took. */
    __benchDispatch?: (count: number) => number;
  }
}

function installDispatcher(): void {
  window.__benchDispatch = (count: number) => {
    const target = document.querySelector('button') ?? document.body;
    const startMs = performance.now();
    for (let index = 0; index < count; index += 2) {
      target.dispatchEvent(
        new PointerEvent('pointermove', {
          bubbles: true,
          composed: true,
          clientX: index % 200,
          clientY: 10,
        }),
      );
      target.dispatchEvent(
        new KeyboardEvent('keydown', { bubbles: true, composed: true, key: 'a' }),
      );
    }
    return performance.now() - startMs;
  };
}

async function dispatch(page: Page, count: number): Promise<number> {
  return page.evaluate((events) => {
    const run = window.__benchDispatch;
    if (!run) throw new Error('dispatcher missing');
    return run(events);
  }, count);
}

interface DispatchTimes {
  readonly cpuMs: number;
  readonly wallMs: number;
}

/** Main-thread CPU time (from Chromium's thread ticks) and wall time of one round. */
async function timedDispatch(page: Page, cdp: CDPSession, count: number): Promise<DispatchTimes> {
  const before = await rendererMetrics(cdp);
  const wallMs = await dispatch(page, count);
  const after = await rendererMetrics(cdp);
  return { cpuMs: after.taskCpuMs - before.taskCpuMs, wallMs };
}

async function bytesPerEvent(page: Page, cdp: CDPSession, count: number): Promise<number> {
  const beforeBytes = await heapUsedAfterGc(cdp);
  await dispatch(page, count);
  const afterBytes = await heapUsedAfterGc(cdp);
  return (afterBytes - beforeBytes) / count;
}

/**
 * Dispatches the same synthetic pointermove and keydown events on two pages of one browser, one
 * with `<session-security>` (signed in, so the element runs as it would) and one without,
 * alternating rounds; then the heap growth per event of each after forced GC.
 */
export async function measureActivityCost(
  browser: Browser,
  options: ActivityCostOptions,
): Promise<ActivityCostFigures> {
  const server = await startPageServer({ warnAfterSeconds: 540, expireAfterSeconds: 600 });
  const context = await browser.newContext();
  try {
    const signIn = await context.request.post(`${server.origin}${BENCH_ROUTES.signIn}`);
    if (!signIn.ok()) throw new Error(`sign-in failed with ${signIn.status()}`);
    await context.addInitScript(installDispatcher);
    const withElement = await context.newPage();
    await withElement.goto(`${server.origin}${PAGE_ROUTES.withElement}`);
    await withElement.waitForFunction(
      () => document.querySelector('session-security')?.getAttribute('state') === 'active',
    );
    const bare = await context.newPage();
    await bare.goto(`${server.origin}${PAGE_ROUTES.bare}`);
    const withCdp = await openCdp(withElement);
    const bareCdp = await openCdp(bare);
    await enableRendererMetrics(withCdp);
    await enableRendererMetrics(bareCdp);
    // Warm up both (JIT, event object shapes) before measuring.
    await dispatch(withElement, options.events);
    await dispatch(bare, options.events);
    const wall: { bare: number[]; withElement: number[] } = { bare: [], withElement: [] };
    const rounds = await alternate(
      options.rounds,
      async () => {
        const times = await timedDispatch(bare, bareCdp, options.events);
        wall.bare.push(times.wallMs);
        return times.cpuMs;
      },
      async () => {
        const times = await timedDispatch(withElement, withCdp, options.events);
        wall.withElement.push(times.wallMs);
        return times.cpuMs;
      },
    );
    const wallRatios = wall.withElement.map(
      (wallMs, round) => wallMs / (wall.bare[round] as number),
    );
    const withBytes: number[] = [];
    const bareBytes: number[] = [];
    for (let round = 0; round < 3; round++) {
      withBytes.push(await bytesPerEvent(withElement, withCdp, options.events));
      bareBytes.push(await bytesPerEvent(bare, bareCdp, options.events));
    }
    const state = await withElement.evaluate(() =>
      document.querySelector('session-security')?.getAttribute('state'),
    );
    if (state !== 'active') throw new Error(`the element is ${state}, not active, after the run`);
    return {
      withElementCpuMs: median(rounds.b),
      bareCpuMs: median(rounds.a),
      overhead: median(rounds.ratios) - 1,
      ratios: rounds.ratios,
      withElementWallMs: median(wall.withElement),
      bareWallMs: median(wall.bare),
      wallOverhead: median(wallRatios) - 1,
      withElementBytesPerEvent: median(withBytes),
      bareBytesPerEvent: median(bareBytes),
    };
  } finally {
    await context.close();
    await server.close();
  }
}
