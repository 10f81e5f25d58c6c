import type { CDPSession, Page } from 'playwright-core';
import { heapUsedAfterGc, rendererMetrics, windowAndDocumentListeners } from './heap.js';
import type { PageCounts } from './memory-page.js';

/** What a page holds that an element left behind would show up in. */
export interface PageResources extends PageCounts {
  readonly heapBytes: number;
  /** Listeners on window and document. */
  readonly listeners: number;
  /** JavaScript event listeners alive anywhere in the page (Chromium's count). */
  readonly jsEventListeners: number;
}

/** The page's own counters (memory-page.ts). */
function pageCounts(page: Page): Promise<PageCounts> {
  return page.evaluate(() => {
    const read = window.__benchResources;
    if (!read) throw new Error('instrumentation missing');
    return read();
  });
}

/**
 * Lock releases go through the browser process: on a loaded machine the last element's release
 * can take longer than a fixed pause (a run at load average 28 saw "locks 1" that was gone a
 * moment later). Nothing is connected here, so wait until no lock is left, at most this long; a
 * lock really left behind still shows.
 */
const LOCK_SETTLE_LIMIT_MS = 5000;

/** The page's counters after a moment; `settleLocks`: wait (bounded) for lock releases too. */
async function settledPageCounts(page: Page, settleLocks: boolean): Promise<PageCounts> {
  // Give lock requests and channel closes, which go through the browser process, a moment.
  await page.waitForTimeout(200);
  let counted = await pageCounts(page);
  const deadlineMs = Date.now() + LOCK_SETTLE_LIMIT_MS;
  while (settleLocks && counted.locks > 0 && Date.now() < deadlineMs) {
    await page.waitForTimeout(100);
    counted = await pageCounts(page);
  }
  return counted;
}

async function listenerCounts(cdp: CDPSession) {
  return {
    listeners: await windowAndDocumentListeners(cdp),
    jsEventListeners: (await rendererMetrics(cdp)).jsEventListeners,
  };
}

async function counters(page: Page, cdp: CDPSession): Promise<Omit<PageResources, 'heapBytes'>> {
  return { ...(await settledPageCounts(page, false)), ...(await listenerCounts(cdp)) };
}

/**
 * What the page holds with nothing connected: its counters once lock releases came through, the
 * heap after a full collection, then the listeners (those of collected elements gone).
 */
export async function resources(page: Page, cdp: CDPSession): Promise<PageResources> {
  const counted = await settledPageCounts(page, true);
  const heapBytes = await heapUsedAfterGc(cdp);
  return { ...counted, ...(await listenerCounts(cdp)), heapBytes };
}

/** What one connected element holds, above the page without it. */
export async function connectedFootprint(
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
