import type { Browser, CDPSession, Page } from 'playwright-core';
import {
  enableRendererMetrics,
  heapUsedAfterGc,
  openCdp,
  rendererMetrics,
  windowAndDocumentListeners,
} from './heap.js';
import { PAGE_ROUTES, startPageServer } from './page-server.js';

/** What a page holds that an element left behind would show up in. */
export interface PageResources {
  readonly heapBytes: number;
  /** Listeners on window and document. */
  readonly listeners: number;
  /** JavaScript event listeners alive anywhere in the page (Chromium's count). */
  readonly jsEventListeners: number;
  /** Pending timeouts, intervals and animation frames. */
  readonly timers: number;
  /** BroadcastChannels not closed. */
  readonly channels: number;
  /** Web Locks held or requested. */
  readonly locks: number;
}

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

declare global {
  interface Window {
    __benchResources?: () => Promise<
      Omit<PageResources, 'heapBytes' | 'listeners' | 'jsEventListeners'>
    >;
    __benchCycles?: (tag: string, cycles: number, fresh: boolean) => Promise<void>;
    __benchConnectOne?: (tag: string) => Promise<void>;
    __benchDisconnectAll?: () => void;
  }
}

/**
 * Runs in the page before its scripts: counts live timers and open BroadcastChannels, and
 * defines the connect/disconnect loop. The element gets a transport that answers at once, so
 * the loop measures the element and not the network.
 */
function instrumentPage(): void {
  const liveTimers = new Set<number>();
  const nativeSetTimeout = window.setTimeout.bind(window);
  const nativeClearTimeout = window.clearTimeout.bind(window);
  const nativeSetInterval = window.setInterval.bind(window);
  const nativeClearInterval = window.clearInterval.bind(window);
  const nativeRaf = window.requestAnimationFrame.bind(window);
  const nativeCancelRaf = window.cancelAnimationFrame.bind(window);
  window.setTimeout = ((handler: TimerHandler, timeoutMs?: number, ...args: unknown[]) => {
    const id: number = nativeSetTimeout(
      (...callArgs: unknown[]) => {
        liveTimers.delete(id);
        if (typeof handler === 'function') handler(...callArgs);
      },
      timeoutMs,
      ...args,
    );
    liveTimers.add(id);
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (id !== undefined) liveTimers.delete(id);
    nativeClearTimeout(id);
  }) as typeof window.clearTimeout;
  window.setInterval = ((handler: TimerHandler, timeoutMs?: number, ...args: unknown[]) => {
    const id = nativeSetInterval(handler, timeoutMs, ...args);
    liveTimers.add(-id);
    return id;
  }) as typeof window.setInterval;
  window.clearInterval = ((id?: number) => {
    if (id !== undefined) liveTimers.delete(-id);
    nativeClearInterval(id);
  }) as typeof window.clearInterval;
  const liveFrames = new Set<number>();
  window.requestAnimationFrame = (callback: FrameRequestCallback) => {
    const id = nativeRaf((time) => {
      liveFrames.delete(id);
      callback(time);
    });
    liveFrames.add(id);
    return id;
  };
  window.cancelAnimationFrame = (id: number) => {
    liveFrames.delete(id);
    nativeCancelRaf(id);
  };
  let openChannels = 0;
  const NativeChannel = window.BroadcastChannel;
  window.BroadcastChannel = class CountedChannel extends NativeChannel {
    #open = true;
    constructor(name: string) {
      super(name);
      openChannels++;
    }
    override close(): void {
      if (this.#open) openChannels--;
      this.#open = false;
      super.close();
    }
  };
  window.__benchResources = async () => {
    const locks = await navigator.locks.query();
    return {
      timers: liveTimers.size + liveFrames.size,
      channels: openChannels,
      locks: (locks.held?.length ?? 0) + (locks.pending?.length ?? 0),
    };
  };
  const activeStatus = {
    version: 1,
    state: 'active',
    idleSeconds: 0,
    warnAfterSeconds: 540,
    expireAfterSeconds: 600,
  };
  const transport = {
    readStatus: async () => activeStatus,
    reportActivity: async () => activeStatus,
    logout: async () => ({ version: 1, state: 'expired', reason: 'logout' }),
  };
  type Cycled = HTMLElement & { updateComplete?: Promise<boolean>; transport?: unknown };
  const make = (tag: string): Cycled => {
    const element = document.createElement(tag) as Cycled;
    if (tag === 'session-security') element.transport = transport;
    return element;
  };
  if (!customElements.get('bench-plain-element')) {
    customElements.define('bench-plain-element', class extends HTMLElement {});
  }
  const held: Cycled[] = [];
  window.__benchConnectOne = async (tag) => {
    const element = make(tag);
    held.push(element);
    document.body.append(element);
    await element.updateComplete;
  };
  window.__benchDisconnectAll = () => {
    for (const element of held.splice(0)) element.remove();
  };
  window.__benchCycles = async (tag, cycles, fresh) => {
    const reused = make(tag);
    for (let cycle = 0; cycle < cycles; cycle++) {
      const element = fresh ? make(tag) : reused;
      document.body.append(element);
      await element.updateComplete;
      element.remove();
      // Let the disconnected element's promises (its first status check) settle.
      await Promise.resolve();
    }
  };
}

async function counters(page: Page, cdp: CDPSession): Promise<Omit<PageResources, 'heapBytes'>> {
  // Give lock requests and channel closes, which go through the browser process, a moment.
  await page.waitForTimeout(200);
  const counted = await page.evaluate(() => {
    const read = window.__benchResources;
    if (!read) throw new Error('instrumentation missing');
    return read();
  });
  return {
    ...counted,
    listeners: await windowAndDocumentListeners(cdp),
    jsEventListeners: (await rendererMetrics(cdp)).jsEventListeners,
  };
}

/** What one connected element holds, above the page without it. */
async function connectedFootprint(
  page: Page,
  cdp: CDPSession,
  tag: string,
): Promise<Omit<PageResources, 'heapBytes'>> {
  const without = await counters(page, cdp);
  await page.evaluate((name) => window.__benchConnectOne?.(name), tag);
  const connected = await counters(page, cdp);
  await page.evaluate(() => window.__benchDisconnectAll?.());
  return {
    listeners: connected.listeners - without.listeners,
    jsEventListeners: connected.jsEventListeners - without.jsEventListeners,
    timers: connected.timers - without.timers,
    channels: connected.channels - without.channels,
    locks: connected.locks - without.locks,
  };
}

/**
 * Lock releases go through the browser process: on a loaded machine the last element's release
 * can take longer than a fixed pause (a run at load average 28 saw "locks 1" that was gone a
 * moment later). Nothing is connected here, so wait until no lock is left, at most this long; a
 * lock really left behind still shows.
 */
const LOCK_SETTLE_LIMIT_MS = 5000;

async function resources(page: Page, cdp: CDPSession): Promise<PageResources> {
  const read = () =>
    page.evaluate(() => {
      const counters = window.__benchResources;
      if (!counters) throw new Error('instrumentation missing');
      return counters();
    });
  // Give lock releases and channel closes, which go through the browser process, a moment.
  await page.waitForTimeout(200);
  let counted = await read();
  const deadlineMs = Date.now() + LOCK_SETTLE_LIMIT_MS;
  while (counted.locks > 0 && Date.now() < deadlineMs) {
    await page.waitForTimeout(100);
    counted = await read();
  }
  const heapBytes = await heapUsedAfterGc(cdp);
  return {
    ...counted,
    listeners: await windowAndDocumentListeners(cdp),
    jsEventListeners: (await rendererMetrics(cdp)).jsEventListeners,
    heapBytes,
  };
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
    await context.addInitScript(instrumentPage);
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
