import type { CDPSession, Page } from 'playwright-core';

/** Bytes of the page's JavaScript heap in use after a full garbage collection. */
export async function heapUsedAfterGc(cdp: CDPSession): Promise<number> {
  // Twice: objects freed by the first collection's finalizers go in the second.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  return usage.usedSize;
}

/** A DevTools session on `page`, with the heap profiler enabled. */
export async function openCdp(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  return cdp;
}

/** Number of event listeners registered on `window` and on `document`. */
export async function windowAndDocumentListeners(cdp: CDPSession): Promise<number> {
  let count = 0;
  for (const expression of ['window', 'document']) {
    const { result } = await cdp.send('Runtime.evaluate', { expression });
    if (!result.objectId) throw new Error(`no object for ${expression}`);
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', {
      objectId: result.objectId,
    });
    count += listeners.length;
    await cdp.send('Runtime.releaseObject', { objectId: result.objectId });
  }
  return count;
}
