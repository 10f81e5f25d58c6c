// The client's clock set back or forward an hour mid-session, in real Chromium and real time,
// against the demo (warn 5 s, expire 10 s) and, in legacy mode, against a fake
// django-session-security ping with the same timings: the element's `now` is replaced by the
// page's clock plus an offset that the test changes a second after a key press (the key not yet
// reported).
// The page's events are timed by Date.now, which no step touches. The figures are printed for
// docs/how-it-works.md.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { useDemoWithChromium } from './support/demo-with-chromium.js';
import { type LegacyPingServer, startLegacyPingServer } from './support/legacy-ping-server.js';
import {
  assertBetween,
  type PageEvent,
  recordPageEvents,
  secondsBetween,
  signedInTabs,
  waitForEvent,
} from './support/pages.js';
import { waitMs } from './support/real-time.js';

const HOUR_MS = 3_600_000;

const running = useDemoWithChromium({ warnAfterSeconds: 5, expireAfterSeconds: 10 });

/** Moves the element's clock by `offsetMs` from the page's (0: the same). */
function setClockOffset(page: Page, offsetMs: number): Promise<void> {
  return page.evaluate((offset) => {
    const holder = window as unknown as { clockOffsetMs: number };
    holder.clockOffsetMs = offset;
    const element = document.querySelector('session-security') as unknown as {
      now: () => number;
    };
    element.now = () => Date.now() + holder.clockOffsetMs;
  }, offsetMs);
}

interface OpenedTab {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly events: PageEvent[];
  readonly reloadsAtExpiry: boolean;
}

/** A signed-in tab of the demo (protocol v1; the expiry reloads it). */
async function demoTab(): Promise<OpenedTab> {
  const { context, pages, events } = await signedInTabs(running.browser, running.demo.origin, 1);
  return { context, page: pages[0] as Page, events, reloadsAtExpiry: true };
}

/**
 * A tab of a fake django-session-security site of its own (legacy mode, expiry action `none`),
 * and that server.
 */
async function legacyTab(): Promise<OpenedTab & { legacy: LegacyPingServer }> {
  const legacy = await startLegacyPingServer({ warnAfterSeconds: 5, expireAfterSeconds: 10 });
  const context = await running.browser.newContext();
  const events = await recordPageEvents(context);
  const page = await context.newPage();
  await page.goto(`${legacy.origin}/`);
  return { context, page, events, reloadsAtExpiry: false, legacy };
}

/**
 * In the tab `opened`, presses a key 2.5 s after the load, steps the element's clock by `stepMs`
 * a second later, and answers the load, the key, the warning and the expiry (page clock, ms).
 */
async function keyThenStep(stepMs: number, { context, page, events, reloadsAtExpiry }: OpenedTab) {
  const load = await waitForEvent(events, { page, type: 'load', path: '/' }, 'page load', 5_000);
  // The page's request, which the server counts as activity, left after the navigation began
  // and before the load: the server's deadlines lie between the two.
  const navigationMs = await page.evaluate(() => performance.timeOrigin);
  await setClockOffset(page, 0);
  await waitMs(load.atMs + 2_500 - Date.now());
  await page.keyboard.press('Shift');
  const key = await waitForEvent(events, { page, type: 'key' }, 'key press', 2_000);
  await waitMs(key.atMs + 1_000 - Date.now());
  await setClockOffset(page, stepMs);
  const warning = await waitForEvent(
    events,
    { page, type: 'state', value: 'warning' },
    'warning',
    10_000,
  );
  const expired = await waitForEvent(
    events,
    { page, type: 'state', value: 'expired' },
    'expiry',
    10_000,
  );
  // The expiry reloads the page: a context closed during that navigation once took 45 s.
  if (reloadsAtExpiry)
    await waitForEvent(events, { page, type: 'load' }, 'reload', 10_000, expired.atMs);
  await context.close();
  const afterKey = (event: PageEvent) => secondsBetween(key.atMs, event.atMs);
  const afterLoad = (event: PageEvent) => secondsBetween(load.atMs, event.atMs);
  const afterNavigation = (event: PageEvent) => secondsBetween(navigationMs, event.atMs);
  console.log(
    `${reloadsAtExpiry ? 'v1' : 'legacy'} step ${stepMs / HOUR_MS} h: warning ${afterKey(warning)} s, expiry ${afterKey(expired)} s after the key (${afterLoad(warning)} s, ${afterLoad(expired)} s after the load)`,
  );
  return { afterKey, afterLoad, afterNavigation, warning, expired };
}

describe('a client clock that steps an hour mid-session (warn 5 s, expire 10 s, real time)', {
  concurrency: true,
  timeout: 60_000,
}, () => {
  it('set back 1 h: warning 5.0-5.3 s and expiry 10.0-10.5 s after the key, as without a step', async () => {
    const { afterKey, warning, expired } = await keyThenStep(-HOUR_MS, await demoTab());
    assertBetween('warning, s after the key', afterKey(warning), 5.0, 5.3);
    assertBetween('expiry, s after the key', afterKey(expired), 10.0, 10.5);
  });

  it('set forward 1 h: like a sleep, the unreported key is lost; never later than the key allows, expiry at the server deadline', async () => {
    const { afterKey, afterLoad, afterNavigation, warning, expired } = await keyThenStep(
      HOUR_MS,
      await demoTab(),
    );
    // The tab notices the step at its next look (the check before the warning), asks the
    // server, whose last activity is the page's request: the warning comes at once, before the
    // key's own warning moment, and the session ends at the server's deadline. Lower bounds
    // count from the navigation's start, upper bounds from the load (both bracket the request).
    assert.ok(
      afterNavigation(warning) >= 5.0,
      `warning ${afterNavigation(warning)} s after the navigation`,
    );
    assert.ok(afterLoad(warning) <= 7.0, `warning ${afterLoad(warning)} s after the load`);
    assert.ok(afterKey(warning) <= 5.0, `warning ${afterKey(warning)} s after the key`);
    assert.ok(
      afterNavigation(expired) >= 10.0,
      `expiry ${afterNavigation(expired)} s after the navigation`,
    );
    assert.ok(afterLoad(expired) <= 10.5, `expiry ${afterLoad(expired)} s after the load`);
  });

  it('legacy mode, set back 1 h: warning 5.0-5.3 s and expiry 10.0-10.5 s after the key, as without a step', async () => {
    const tab = await legacyTab();
    try {
      const { afterKey, warning, expired } = await keyThenStep(-HOUR_MS, tab);
      assertBetween('warning, s after the key', afterKey(warning), 5.0, 5.3);
      assertBetween('expiry, s after the key', afterKey(expired), 10.0, 10.5);
      assert.equal(tab.legacy.lastActivityMs(), null, 'the server logged the user out');
    } finally {
      await tab.legacy.close();
    }
  });

  it('legacy mode, set forward 1 h: never later than the key allows, never before the server ends the session', async () => {
    const tab = await legacyTab();
    try {
      const { afterKey, afterNavigation, warning, expired } = await keyThenStep(HOUR_MS, tab);
      // Whether the key reached the old server before the step or not, its deadlines lie
      // between the page's request and the key: the hour's idleFor moves nothing there. The
      // server's whole seconds put the warning up to a second early, never late; the expiry
      // waits for the server's "logout".
      assert.ok(
        afterNavigation(warning) >= 4.0,
        `warning ${afterNavigation(warning)} s after the navigation`,
      );
      assert.ok(afterKey(warning) <= 5.3, `warning ${afterKey(warning)} s after the key`);
      assert.ok(
        afterNavigation(expired) >= 10.0,
        `expiry ${afterNavigation(expired)} s after the navigation`,
      );
      assert.ok(afterKey(expired) <= 10.5, `expiry ${afterKey(expired)} s after the key`);
      assert.equal(tab.legacy.lastActivityMs(), null, 'the server logged the user out');
    } finally {
      await tab.legacy.close();
    }
  });
});
