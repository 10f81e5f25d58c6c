import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BENCH_ROUTES } from '../server/app.js';
import { PAGE_ROUTES, type PageServer, startPageServer } from './page-server.js';

/** Options of {@link measureTraffic}. */
export interface TrafficOptions {
  /** Simulated time after the pages loaded, seconds (an hour: 3600). */
  readonly simulatedSeconds: number;
  /** The user moves the pointer or presses a key this often, simulated seconds. */
  readonly activityEverySeconds: number;
  /** The user switches to the next tab this often, simulated seconds. */
  readonly switchTabEverySeconds: number;
  /** The browser clock advances by this much at a time (the server clock follows). */
  readonly stepSeconds: number;
  readonly warnAfterSeconds: number;
  readonly expireAfterSeconds: number;
  /** Called after each step with the simulated milliseconds done. */
  readonly onProgress?: (tabs: number, simulatedMs: number) => void;
}

/** The protocol requests of one browser with a number of tabs open. */
export interface TrafficFigures {
  readonly tabs: number;
  /** Requests while the tabs loaded (each tab's first status check). */
  readonly loadRequests: number;
  /** Routine requests over the simulated time, after loading. */
  readonly routineRequests: number;
  readonly routineByMethod: Readonly<Record<string, number>>;
  /** Routine requests sent by each tab, in the order the tabs were opened. */
  readonly routineByTab: readonly number[];
  /** Each routine request: simulated seconds after loading, tab index, method. */
  readonly routineTimeline: readonly { atSeconds: number; tab: number; method: string }[];
  /** Whether the session was still active in every tab at the end (the user was active). */
  readonly activeAtEnd: boolean;
}

const START_MS = Date.UTC(2026, 0, 5, 9, 0);

function total(counts: Map<string, number>): number {
  let sum = 0;
  for (const count of counts.values()) sum += count;
  return sum;
}

/** Waits (real time, bounded) until no protocol request arrived for `quietMs`. */
async function settle(server: PageServer, quietMs = 150, limitMs = 5000): Promise<void> {
  const deadline = Date.now() + limitMs;
  let seen = -1;
  while (Date.now() < deadline) {
    const now = total(server.resourceRequests);
    if (now === seen) return;
    seen = now;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}

/**
 * Counts the page's fetches in flight (`window.__benchFetchesInFlight`). Playwright's clock fires
 * timers inside `runFor`, so a check's fetch has started by the time `runFor` returns; waiting
 * until none is in flight keeps the server clock from running ahead of a request.
 */
function countFetchesInFlight(): void {
  const counted = window as unknown as { __benchFetchesInFlight: number };
  counted.__benchFetchesInFlight = 0;
  const original = window.fetch.bind(window);
  window.fetch = (...args: Parameters<typeof fetch>) => {
    counted.__benchFetchesInFlight++;
    return original(...args).finally(() => {
      counted.__benchFetchesInFlight--;
    });
  };
}

async function fetchesInFlight(page: Page): Promise<number> {
  return page.evaluate(
    () => (window as unknown as { __benchFetchesInFlight: number }).__benchFetchesInFlight,
  );
}

/** Waits (real time, bounded) until no page has a fetch in flight. */
async function drain(pages: readonly Page[], limitMs = 5000): Promise<void> {
  const deadline = Date.now() + limitMs;
  for (const page of pages) {
    while ((await fetchesInFlight(page)) > 0) {
      if (Date.now() > deadline) throw new Error('a protocol request did not finish in 5 s');
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
}

async function elementState(page: Page): Promise<string | null> {
  return page.evaluate(
    () => document.querySelector('session-security')?.getAttribute('state') ?? null,
  );
}

async function oneBrowser(
  browser: Browser,
  tabs: number,
  options: TrafficOptions,
): Promise<TrafficFigures> {
  const realStartMs = Date.now();
  let pausedAtMs: number | null = null;
  // The server's clock follows the browser's: real time from START_MS until the browser clock
  // is paused, then exactly the simulated time.
  const serverNowMs = () => pausedAtMs ?? START_MS + (Date.now() - realStartMs);
  const server = await startPageServer({
    warnAfterSeconds: options.warnAfterSeconds,
    expireAfterSeconds: options.expireAfterSeconds,
    nowMs: serverNowMs,
  });
  let context: BrowserContext | null = null;
  try {
    context = await browser.newContext();
    await context.clock.install({ time: START_MS });
    await context.addInitScript(countFetchesInFlight);
    const signIn = await context.request.post(`${server.origin}${BENCH_ROUTES.signIn}`);
    if (!signIn.ok()) throw new Error(`sign-in failed with ${signIn.status()}`);
    const pages: Page[] = [];
    for (let index = 0; index < tabs; index++) {
      const page = await context.newPage();
      await page.goto(`${server.origin}${PAGE_ROUTES.withElement}`);
      await page.waitForFunction(() =>
        document.querySelector('session-security')?.hasAttribute('state'),
      );
      pages.push(page);
    }
    await settle(server);
    const loadRequests = total(server.resourceRequests);
    server.resetCounts();
    const routineByTab = pages.map(() => 0);
    let requestsSeen = 0;
    const routineTimeline: { atSeconds: number; tab: number; method: string }[] = [];
    let loadedAtMs = 0;
    context.on('request', (request) => {
      if (new URL(request.url()).pathname !== BENCH_ROUTES.protocolStatus) return;
      requestsSeen++;
      const tab = pages.indexOf(request.frame().page());
      if (tab >= 0) routineByTab[tab] = (routineByTab[tab] ?? 0) + 1;
      routineTimeline.push({
        atSeconds: ((pausedAtMs ?? loadedAtMs) - loadedAtMs) / 1000,
        tab,
        method: request.method(),
      });
    });
    const first = pages[0] as Page;
    loadedAtMs = (await first.evaluate(() => Date.now())) + 1000;
    pausedAtMs = loadedAtMs;
    await context.clock.pauseAt(pausedAtMs);
    const stepMs = options.stepSeconds * 1000;
    for (let elapsedMs = 0; elapsedMs < options.simulatedSeconds * 1000; elapsedMs += stepMs) {
      if (elapsedMs % (options.activityEverySeconds * 1000) === 0) {
        const tab = Math.floor(elapsedMs / (options.switchTabEverySeconds * 1000)) % tabs;
        const page = pages[tab] as Page;
        const offset = (elapsedMs / 1000) % 100;
        await page.mouse.move(100 + offset, 100 + offset);
      }
      const seenBefore = requestsSeen;
      await context.clock.runFor(stepMs);
      // Chromium reports a request on the page's session before the evaluation that fired the
      // timer answers, so a step that sent nothing needs no drain (the common case).
      if (requestsSeen !== seenBefore) await drain(pages);
      pausedAtMs += stepMs;
      options.onProgress?.(tabs, elapsedMs + stepMs);
    }
    await drain(pages);
    await settle(server);
    const states = await Promise.all(pages.map(elementState));
    return {
      tabs,
      loadRequests,
      routineRequests: total(server.resourceRequests),
      routineByMethod: Object.fromEntries(server.resourceRequests),
      routineByTab,
      routineTimeline,
      activeAtEnd: states.every((state) => state === 'active'),
    };
  } finally {
    await context?.close();
    await server.close();
  }
}

/**
 * Protocol requests of one browser over a simulated active period, with 1, 5, 10... tabs open
 * on a page with the element. Playwright's clock drives every tab of the context at once; the
 * server clock follows it.
 */
export async function measureTraffic(
  browser: Browser,
  tabCounts: readonly number[],
  options: TrafficOptions,
): Promise<TrafficFigures[]> {
  const figures: TrafficFigures[] = [];
  for (const tabs of tabCounts) figures.push(await oneBrowser(browser, tabs, options));
  return figures;
}
