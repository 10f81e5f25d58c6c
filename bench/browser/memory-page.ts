// Scripts that run in the memory section's page before its own scripts (Playwright's
// addInitScript): they count what an element could leave behind (timers, animation frames,
// BroadcastChannels) and define the connect/disconnect loop. Each is serialized on its own, so
// each is self-contained; they share their state through `window.__bench*`.
import type { BrowserContext } from 'playwright-core';

/** What the in-page counters see: timers and frames pending, channels open, locks. */
export interface PageCounts {
  /** Pending timeouts, intervals and animation frames. */
  readonly timers: number;
  /** BroadcastChannels not closed. */
  readonly channels: number;
  /** Web Locks held or requested. */
  readonly locks: number;
}

declare global {
  interface Window {
    __benchLiveTimers?: Set<number>;
    __benchLiveFrames?: Set<number>;
    __benchResources?: () => Promise<PageCounts>;
    __benchMake?: (tag: string) => HTMLElement & { updateComplete?: Promise<boolean> };
    __benchCycles?: (tag: string, cycles: number, fresh: boolean) => Promise<void>;
    __benchConnectOne?: (tag: string) => Promise<void>;
    __benchDisconnectAll?: () => void;
  }
}

/** Counts pending timeouts and intervals (intervals as negative ids) in `__benchLiveTimers`. */
function countTimers(): void {
  const live = new Set<number>();
  window.__benchLiveTimers = live;
  const nativeSetTimeout = window.setTimeout.bind(window);
  const nativeClearTimeout = window.clearTimeout.bind(window);
  const nativeSetInterval = window.setInterval.bind(window);
  const nativeClearInterval = window.clearInterval.bind(window);
  window.setTimeout = ((handler: TimerHandler, timeoutMs?: number, ...args: unknown[]) => {
    const run = (...callArgs: unknown[]) => {
      live.delete(id);
      if (typeof handler === 'function') handler(...callArgs);
    };
    const id: number = nativeSetTimeout(run, timeoutMs, ...args);
    live.add(id);
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (id !== undefined) live.delete(id);
    nativeClearTimeout(id);
  }) as typeof window.clearTimeout;
  window.setInterval = ((handler: TimerHandler, timeoutMs?: number, ...args: unknown[]) => {
    const id = nativeSetInterval(handler, timeoutMs, ...args);
    live.add(-id);
    return id;
  }) as typeof window.setInterval;
  window.clearInterval = ((id?: number) => {
    if (id !== undefined) live.delete(-id);
    nativeClearInterval(id);
  }) as typeof window.clearInterval;
}

/** Counts pending animation frames in `__benchLiveFrames`. */
function countFrames(): void {
  const live = new Set<number>();
  window.__benchLiveFrames = live;
  const nativeRaf = window.requestAnimationFrame.bind(window);
  const nativeCancelRaf = window.cancelAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback: FrameRequestCallback) => {
    const id = nativeRaf((time) => {
      live.delete(id);
      callback(time);
    });
    live.add(id);
    return id;
  };
  window.cancelAnimationFrame = (id: number) => {
    live.delete(id);
    nativeCancelRaf(id);
  };
}

/** Counts open BroadcastChannels, and defines `__benchResources` over all the counters. */
function countChannelsAndLocks(): void {
  let open = 0;
  const NativeChannel = window.BroadcastChannel;
  window.BroadcastChannel = class CountedChannel extends NativeChannel {
    #open = true;
    constructor(name: string) {
      super(name);
      open++;
    }
    override close(): void {
      if (this.#open) open--;
      this.#open = false;
      super.close();
    }
  };
  window.__benchResources = async () => {
    const locks = await navigator.locks.query();
    return {
      timers:
        (window.__benchLiveTimers?.size ?? Number.NaN) +
        (window.__benchLiveFrames?.size ?? Number.NaN),
      channels: open,
      locks: (locks.held?.length ?? 0) + (locks.pending?.length ?? 0),
    };
  };
}

/**
 * Defines how elements are made: `<session-security>` gets a transport that answers at once (the
 * loop measures the element, not the network); the baseline is a plain custom element.
 */
function defineElements(): void {
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
  window.__benchMake = (tag) => {
    const element = document.createElement(tag) as HTMLElement & { transport?: unknown };
    if (tag === 'session-security') element.transport = transport;
    return element;
  };
  if (!customElements.get('bench-plain-element')) {
    customElements.define('bench-plain-element', class extends HTMLElement {});
  }
}

/** Defines the connect/disconnect loop and the one-element footprint helpers. */
function defineCycles(): void {
  const make = (tag: string) => {
    if (!window.__benchMake) throw new Error('defineElements must run first');
    return window.__benchMake(tag);
  };
  const held: HTMLElement[] = [];
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

/** Adds the scripts above to every page of `context`, in order. */
export async function instrumentPages(context: BrowserContext): Promise<void> {
  for (const script of [
    countTimers,
    countFrames,
    countChannelsAndLocks,
    defineElements,
    defineCycles,
  ]) {
    await context.addInitScript(script);
  }
}
