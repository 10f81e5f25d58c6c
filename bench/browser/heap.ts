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

/** Renderer metrics read through DevTools `Performance.getMetrics`. */
export interface RendererMetrics {
  /** CPU time of the page's main thread spent in tasks, milliseconds (thread ticks). */
  readonly taskCpuMs: number;
  /** JavaScript event listeners alive in the page, on any target. */
  readonly jsEventListeners: number;
}

/** Starts renderer metrics with durations in CPU time of the thread (not wall time). */
export async function enableRendererMetrics(cdp: CDPSession): Promise<void> {
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
}

export async function rendererMetrics(cdp: CDPSession): Promise<RendererMetrics> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string) => {
    const metric = metrics.find((candidate) => candidate.name === name);
    if (!metric) throw new Error(`Chromium reports no ${name} metric`);
    return metric.value;
  };
  return {
    taskCpuMs: value('TaskDuration') * 1000,
    jsEventListeners: value('JSEventListeners'),
  };
}
