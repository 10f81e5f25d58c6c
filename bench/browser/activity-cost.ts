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
  /** The same with the element taken out of the page. */
  readonly withoutElementCpuMs: number;
  /** Median of the per-round CPU ratios with / without, minus 1 (0.03 = 3 % slower). */
  readonly overhead: number;
  readonly ratios: readonly number[];
  /** Median wall-clock milliseconds (performance.now() around the loop), with the element. */
  readonly withElementWallMs: number;
  readonly withoutElementWallMs: number;
  /** Median of the per-round wall-clock ratios, minus 1: more disturbed by other processes. */
  readonly wallOverhead: number;
  /** Heap growth per event after GC, with the element, bytes. */
  readonly withElementBytesPerEvent: number;
  /** The same with the element taken out of the page, bytes. */
  readonly withoutElementBytesPerEvent: number;
}

declare global {
  interface Window {
    /** Dispatches `count` input events at a button; answers the milliseconds it took. */
    __benchDispatch?: (count: number) => number;
    /** The page's `<session-security>` and where it sits, while the bench takes it out. */
    __benchElement?: { element: Element; parent: Node };
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
 * Puts the page's element back (and waits until it is active again) or takes it out: out of
 * the document it has no listeners, timers or channel (its controllers undo them).
 */
async function setElementConnected(page: Page, connected: boolean): Promise<void> {
  await page.evaluate((wanted) => {
    if (!window.__benchElement) {
      const element = document.querySelector('session-security');
      if (!element?.parentNode) throw new Error('no element on the page');
      window.__benchElement = { element, parent: element.parentNode };
    }
    const { element, parent } = window.__benchElement;
    if (!wanted) element.remove();
    else if (!element.isConnected) parent.appendChild(element);
  }, connected);
  if (connected) {
    await page.waitForFunction(
      () => window.__benchElement?.element.getAttribute('state') === 'active',
      undefined,
      { timeout: 5_000 },
    );
  }
}

/**
 * Dispatches synthetic pointermove and keydown events in one tab of a signed-in page, in
 * alternating rounds with `<session-security>` in the page (running as it would) and taken out
 * of it: the same renderer, heap and compiled code on both sides, so the ratio is the element's
 * own cost (two tabs, one without the element, gave -3 % to +15 % in seven runs). Then the heap
 * growth per event of each after forced GC; the element ends the run active, or this throws.
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
    const page = await context.newPage();
    await page.goto(`${server.origin}${PAGE_ROUTES.withElement}`);
    await setElementConnected(page, true);
    const cdp = await openCdp(page);
    await enableRendererMetrics(cdp);
    const measure = async (connected: boolean, figures: DispatchTimes[]) => {
      await setElementConnected(page, connected);
      const times = await timedDispatch(page, cdp, options.events);
      figures.push(times);
      return times.cpuMs;
    };
    // Warm up both sides (JIT, event object shapes) before measuring.
    await measure(true, []);
    await measure(false, []);
    const without: DispatchTimes[] = [];
    const withElement: DispatchTimes[] = [];
    const rounds = await alternate(
      options.rounds,
      () => measure(false, without),
      () => measure(true, withElement),
    );
    const wallRatios = withElement.map(
      (times, round) => times.wallMs / (without[round] as DispatchTimes).wallMs,
    );
    const withBytes: number[] = [];
    const withoutBytes: number[] = [];
    for (let round = 0; round < 3; round++) {
      await setElementConnected(page, true);
      withBytes.push(await bytesPerEvent(page, cdp, options.events));
      await setElementConnected(page, false);
      withoutBytes.push(await bytesPerEvent(page, cdp, options.events));
    }
    await setElementConnected(page, true);
    return {
      withElementCpuMs: median(rounds.b),
      withoutElementCpuMs: median(rounds.a),
      overhead: median(rounds.ratios) - 1,
      ratios: rounds.ratios,
      withElementWallMs: median(withElement.map((times) => times.wallMs)),
      withoutElementWallMs: median(without.map((times) => times.wallMs)),
      wallOverhead: median(wallRatios) - 1,
      withElementBytesPerEvent: median(withBytes),
      withoutElementBytesPerEvent: median(withoutBytes),
    };
  } finally {
    await context.close();
    await server.close();
  }
}
