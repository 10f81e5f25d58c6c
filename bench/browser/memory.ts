import type { Browser, Page } from 'playwright-core';
import { enableRendererMetrics, openCdp } from './heap.js';
import { instrumentPages } from './memory-page.js';
import { connectedFootprint, type PageResources, resources } from './page-resources.js';
import { PAGE_ROUTES, startPageServer } from './page-server.js';

/** Growth over the cycles of one kind of element. */
export interface CycleGrowth {
  readonly tag: string;
  readonly cycles: number;
  /** Each cycle a new element (true) or the same one again (false). */
  readonly freshElements: boolean;
  readonly before: PageResources;
  readonly after: PageResources;
  /** What one element of this kind holds while connected (the counters see it), heap excluded. */
  readonly whileConnected: Omit<PageResources, 'heapBytes'>;
}

/** Options of {@link measureConnectCycles}. */
export interface MemoryOptions {
  readonly cycles: number;
  /** Called after every chunk of cycles. */
  readonly onProgress?: (message: string) => void;
}

/** Cycles per page.evaluate: progress shows between them, and a slowdown shows where it began. */
const CYCLES_PER_CHUNK = 1000;

async function cyclesOf(
  page: Page,
  tag: string,
  cycles: number,
  fresh: boolean,
  onProgress?: (message: string) => void,
) {
  for (let done = 0; done < cycles; done += CYCLES_PER_CHUNK) {
    const count = Math.min(CYCLES_PER_CHUNK, cycles - done);
    const startedMs = Date.now();
    await page.evaluate(
      ([name, chunk, freshElements]) => {
        const run = window.__benchCycles;
        if (!run) throw new Error('instrumentation missing');
        return run(name, chunk, freshElements);
      },
      [tag, count, fresh] as const,
    );
    onProgress?.(
      `${tag} ${fresh ? 'new' : 'same'}: ${done + count} cycles (${Date.now() - startedMs} ms for the last ${count})`,
    );
  }
}

/**
 * Connects and disconnects `<session-security>` `cycles` times (a new element each time, then
 * the same element again and again) and a plain custom element the same way as the baseline,
 * after a warm-up of 100 cycles each; compares what the page holds before and after.
 */
export async function measureConnectCycles(
  browser: Browser,
  options: MemoryOptions,
): Promise<CycleGrowth[]> {
  const server = await startPageServer({ warnAfterSeconds: 540, expireAfterSeconds: 600 });
  const context = await browser.newContext();
  try {
    await instrumentPages(context);
    const page = await context.newPage();
    await page.goto(`${server.origin}${PAGE_ROUTES.bundleOnly}`);
    await page.waitForFunction(() => customElements.get('session-security') !== undefined);
    const cdp = await openCdp(page);
    await enableRendererMetrics(cdp);
    const growth: CycleGrowth[] = [];
    for (const tag of ['bench-plain-element', 'session-security']) {
      for (const fresh of [true, false]) {
        const whileConnected = await connectedFootprint(page, cdp, tag);
        await cyclesOf(page, tag, 100, fresh);
        const before = await resources(page, cdp);
        await cyclesOf(page, tag, options.cycles, fresh, options.onProgress);
        const after = await resources(page, cdp);
        growth.push({
          tag,
          cycles: options.cycles,
          freshElements: fresh,
          before,
          after,
          whileConnected,
        });
      }
    }
    return growth;
  } finally {
    await context.close();
    await server.close();
  }
}
