// Scenarios about long stretches of time, run with Playwright's clock (shared by every tab of a
// context) moved together with the demo server's clock: a sleeping laptop, a hidden tab, the
// keyboard-only warning. Real production timings (warn 540 s, expire 600 s): no real waiting.
// Also the back/forward cache after logout. Each test has its own demo and server clock.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import {
  type AdjustableClock,
  adjustableClock,
  type RunningDemo,
  startDemo,
} from './support/demo-server.js';
import { getPage, readStatus } from './support/http.js';
import {
  firstEvent,
  type PageEvent,
  recordPageEvents,
  signInWithForm,
  waitForLoginInAll,
  waitForStateInAll,
} from './support/pages.js';

const WARN_AFTER_SECONDS = 540;
const EXPIRE_AFTER_SECONDS = 600;

let browser: Browser;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

interface ClockedSetup {
  readonly demo: RunningDemo;
  readonly serverClock: AdjustableClock;
  readonly context: BrowserContext;
  readonly events: PageEvent[];
  readonly page: Page;
  /** Moves the server's and every tab's clock forward together, firing due timers. */
  jumpMs(deltaMs: number): Promise<void>;
  /** Requests of the context and clock jumps, in order, for failure messages. */
  readonly log: string[];
}

/** A demo with its own server clock, and a signed-in context whose clock Playwright drives. */
async function clockedSetup(): Promise<ClockedSetup> {
  const serverClock = adjustableClock();
  const demo = await startDemo({
    warnAfterSeconds: WARN_AFTER_SECONDS,
    expireAfterSeconds: EXPIRE_AFTER_SECONDS,
    nowMs: serverClock.nowMs,
  });
  const context = await browser.newContext();
  await context.clock.install();
  const events = await recordPageEvents(context);
  const log: string[] = [];
  context.on('request', (request) => {
    log.push(`${request.method()} ${request.url().replace(demo.origin, '')}`);
  });
  context.on('response', (response) => {
    if (new URL(response.url()).pathname !== '/session-security') return;
    void response.text().then(
      (body) => log.push(`  ${response.request().method()} answered ${body}`),
      () => {},
    );
  });
  const page = await context.newPage();
  await signInWithForm(page, demo.origin);
  return {
    demo,
    serverClock,
    context,
    events,
    page,
    log,
    jumpMs: async (deltaMs) => {
      log.push(`jump ${deltaMs} ms`);
      serverClock.advance(deltaMs);
      await context.clock.fastForward(deltaMs);
    },
  };
}

/** Runs `scenario` on a fresh setup; a failure carries the request log; always tears down. */
async function withSetup(scenario: (setup: ClockedSetup) => Promise<void>): Promise<void> {
  const setup = await clockedSetup();
  try {
    await scenario(setup);
  } catch (error) {
    const states = setup.events
      .filter((event) => event.type === 'state' || event.type === 'load')
      .map((event) => `${event.type} ${event.path} ${event.value} at ${event.atMs}`);
    throw new Error(
      `${(error as Error).message}\nrequests:\n${setup.log.join('\n')}\npage events:\n${states.join('\n')}`,
      { cause: error },
    );
  } finally {
    await setup.context.close();
    await setup.demo.close();
  }
}

/** Makes `page` report itself hidden or visible, as when its tab is switched away or back. */
async function setVisibility(page: Page, visible: boolean): Promise<void> {
  await page.evaluate((isVisible) => {
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => (isVisible ? 'visible' : 'hidden'),
    });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => !isVisible });
    document.dispatchEvent(new Event('visibilitychange'));
  }, visible);
}

/** The element that has focus, looking inside shadow roots. */
function deepFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return `${active?.localName ?? 'none'}#${active?.id ?? ''} ${active?.textContent?.trim() ?? ''}`;
  });
}

function assertNoWarningAfter(events: readonly PageEvent[], page: Page, fromMs: number): void {
  const warning = firstEvent(events, { page, type: 'state', value: 'warning' }, fromMs);
  assert.equal(warning, undefined, 'the warning never flashed');
}

function assertExpiredHidden(events: readonly PageEvent[], page: Page): void {
  const expired = firstEvent(events, { page, type: 'state', value: 'expired' });
  assert.ok(expired, 'the element expired');
  assert.equal(expired.authenticatedVisible, false, 'no authenticated content at expiry');
}

describe('long stretches of time (Playwright clock, warn 540 s, expire 600 s)', {
  concurrency: true,
  timeout: 90_000,
}, () => {
  it('laptop sleep: waking 700 s later goes straight to the login page, content hidden, no warning', async () => {
    await withSetup(async (setup) => {
      const { page, events, demo } = setup;
      await page.goto(`${demo.origin}/other`);
      const beforeSleepMs = await page.evaluate(() => Date.now());
      await setup.jumpMs(700_000);
      await waitForLoginInAll([page], demo.origin, 5_000, 'idle');
      assertNoWarningAfter(events, page, beforeSleepMs);
      assertExpiredHidden(events, page);
      assert.match((await page.locator('.notice').textContent()) ?? '', /inactivity/);
    });
  });

  it('hidden tab: a tab hidden through the sleep shows nothing protected and lands on the login page', async () => {
    await withSetup(async (setup) => {
      const { page: visibleTab, events, demo, context } = setup;
      await visibleTab.goto(`${demo.origin}/other`);
      const hiddenTab = await context.newPage();
      await hiddenTab.goto(`${demo.origin}/other`);
      await setVisibility(hiddenTab, false);
      const beforeSleepMs = await visibleTab.evaluate(() => Date.now());
      await setup.jumpMs(700_000);
      await waitForLoginInAll([visibleTab], demo.origin, 5_000);
      if (new URL(hiddenTab.url()).pathname !== '/login') {
        // The tab may leave for the login page while it is being shown again: that is fine.
        await setVisibility(hiddenTab, true).catch((error: Error) => {
          if (!/context was destroyed|navigat/i.test(error.message)) throw error;
        });
      }
      await waitForLoginInAll([hiddenTab], demo.origin, 5_000);
      // Both tabs wake past the deadline and may both ask the server: the first question ends
      // the session (idle), a second one finds none (no-session). Known gap, see the report.
      const reasons = [visibleTab, hiddenTab].map((tab) =>
        new URL(tab.url()).searchParams.get('reason'),
      );
      assert.ok(reasons.includes('idle'), `a tab says inactivity: ${reasons.join(', ')}`);
      for (const reason of reasons) assert.match(String(reason), /^(idle|no-session)$/);
      for (const page of [visibleTab, hiddenTab]) {
        assertNoWarningAfter(events, page, beforeSleepMs);
        assertExpiredHidden(events, page);
      }
    });
  });

  it('a sleep shorter than the timeout keeps the session: the warning shows, nothing else', async () => {
    await withSetup(async (setup) => {
      const { page, demo } = setup;
      await page.goto(`${demo.origin}/other`);
      await setup.jumpMs((WARN_AFTER_SECONDS + 10) * 1000);
      await waitForStateInAll([page], 'warning', 5_000);
      assert.equal(new URL(page.url()).pathname, '/other');
      assert.equal(await page.locator('main[data-authenticated]').isVisible(), true);
    });
  });

  it('keyboard only: focus starts on "Stay signed in", Escape extends the session, focus returns', async () => {
    await withSetup(async (setup) => {
      const { page, demo, context } = setup;
      for (let presses = 0; presses < 15; presses += 1) {
        if ((await deepFocus(page)).startsWith('textarea#draft')) break;
        await page.keyboard.press('Tab');
      }
      assert.match(await deepFocus(page), /^textarea#draft/, 'Tab reaches the draft');
      await setup.jumpMs((WARN_AFTER_SECONDS + 5) * 1000);
      await waitForStateInAll([page], 'warning', 5_000);
      assert.match(await deepFocus(page), /^button#? Stay signed in$/);
      const [cookie] = await context.cookies();
      assert.ok(cookie);
      const idleBefore = Number(
        (await readStatus(demo.origin, `${cookie.name}=${cookie.value}`)).idleSeconds,
      );
      assert.ok(idleBefore >= WARN_AFTER_SECONDS, `idle ${idleBefore} s before Escape`);
      await page.keyboard.press('Escape');
      await waitForStateInAll([page], 'active', 2_000);
      assert.match(await deepFocus(page), /^textarea#draft/, 'focus is back where it was');
      const status = await readStatus(demo.origin, `${cookie.name}=${cookie.value}`);
      assert.equal(status.state, 'active');
      assert.ok(
        Number(status.idleSeconds) < 5,
        `the server heard of it: ${JSON.stringify(status)}`,
      );
    });
  });
});

describe('back/forward cache', { timeout: 60_000 }, () => {
  let demo: RunningDemo;
  before(async () => {
    demo = await startDemo({ warnAfterSeconds: 540, expireAfterSeconds: 600 });
  });
  after(() => demo.close());

  it('going back after logout never shows a protected page again', async () => {
    const context = await browser.newContext();
    const events = await recordPageEvents(context);
    const page = await context.newPage();
    await signInWithForm(page, demo.origin);
    await page.click('a[href="/other"]:not([target])');
    await page.waitForURL(`${demo.origin}/other`);
    const protectedPage = await getPage(
      demo.origin,
      '/other',
      (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; '),
    );
    assert.equal(protectedPage.headers['cache-control'], 'no-store');
    await page.click('#logout');
    await waitForLoginInAll([page], demo.origin, 5_000, 'logout');
    const loggedOutMs = Date.now();
    for (let step = 0; step < 2; step += 1) {
      await page.goBack();
      assert.equal(new URL(page.url()).pathname, '/login', `back ${step + 1}: on the login page`);
      assert.equal(await page.locator('main[data-authenticated]').count(), 0);
    }
    const restored = events.filter(
      (event) => event.type === 'show' && event.value === 'true' && event.atMs >= loggedOutMs,
    );
    assert.deepEqual(
      restored.map((event) => event.path).filter((path) => path !== '/login'),
      [],
      'no protected page came back from the back/forward cache',
    );
    await context.close();
  });
});
