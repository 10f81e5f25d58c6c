// Several tabs of one browser against the demo, in real time (warn 5 s, expire 10 s): the warning,
// activity, "Stay signed in" and logout reach every tab, and the routine server checks do not
// grow with the number of tabs. One, two and five tabs run the same script side by side, each in
// its own browser context (a browser of its own as far as cookies, locks and channels go).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { useDemoWithChromium } from './support/demo-with-chromium.js';
import {
  assertBetween,
  firstEvent,
  type PageEvent,
  secondsBetween,
  signedInTabs,
  waitForLoginInAll,
  waitForStateInAll,
} from './support/pages.js';

const running = useDemoWithChromium({ warnAfterSeconds: 5, expireAfterSeconds: 10 });

/**
 * Every page is in `state` by `withinSeconds` after `fromMs` (page clocks): its latest state
 * change is to `state` and came no later than that.
 */
function assertAllChanged(
  events: readonly PageEvent[],
  pages: readonly Page[],
  state: string,
  fromMs: number,
  withinSeconds: number,
  what: string,
): void {
  pages.forEach((page, index) => {
    const changes = events.filter((event) => event.page === page && event.type === 'state');
    const latest = changes.at(-1);
    assert.equal(latest?.value, state, `${what}: tab ${index + 1} is not ${state}`);
    assert.ok(
      (latest as PageEvent).atMs - fromMs <= withinSeconds * 1000,
      `${what}: tab ${index + 1} became ${state} ${secondsBetween(fromMs, (latest as PageEvent).atMs)} s after`,
    );
  });
}

interface TabRun {
  readonly tabs: number;
  /** Protocol requests from all tabs between "all tabs loaded" and the logout. */
  readonly routineChecks: number;
  /** Those checks as `method@tab`, for the failure message. */
  readonly checks: readonly string[];
}

/** The whole script in `tabs` tabs: warning, activity, warning, stay, logout. */
async function runTabs(tabs: number): Promise<TabRun> {
  const { context, pages, events } = await signedInTabs(running.browser, running.demo.origin, tabs);
  const protocolRequests: { atMs: number; what: string }[] = [];
  context.on('request', (request) => {
    if (new URL(request.url()).pathname !== '/session-security') return;
    const tab = pages.indexOf(request.frame().page()) + 1;
    protocolRequests.push({ atMs: Date.now(), what: `${request.method()}@${tab}` });
  });
  // Each page load asks the server once; routine checks are what comes after.
  await Promise.all(pages.map((page) => page.waitForLoadState('networkidle')));
  const loadedMs = Date.now();
  const last = pages[pages.length - 1] as Page;
  const stayer = pages[Math.min(1, tabs - 1)] as Page;

  await waitForStateInAll(pages, 'warning', 10_000);
  const beforeKeyMs = Date.now();
  await last.keyboard.press('Shift');
  await waitForStateInAll(pages, 'active', 3_000);
  const keyPress = firstEvent(events, { page: last, type: 'key' }, beforeKeyMs);
  assert.ok(keyPress, 'the key press reached the page');
  assertAllChanged(
    events,
    pages,
    'active',
    keyPress.atMs,
    2,
    `${tabs} tabs, key press in the last tab`,
  );

  await waitForStateInAll(pages, 'warning', 10_000);
  const stayMs = Date.now();
  await stayer.getByRole('button', { name: 'Stay signed in' }).click();
  await waitForStateInAll(pages, 'active', 3_000);
  // Measured from the moment the server confirmed the extension: the first tab to know of it.
  const extended = firstEvent(events, { type: 'state', value: 'active' }, stayMs);
  assert.ok(extended, 'a tab closed its warning');
  assertAllChanged(events, pages, 'active', extended.atMs, 2, `${tabs} tabs, "Stay signed in"`);
  const checks = protocolRequests
    .filter((request) => request.atMs >= loadedMs)
    .map((request) => request.what);
  const routineChecks = checks.length;

  const logoutMs = Date.now();
  await stayer.locator('#logout').click();
  await waitForLoginInAll(pages, running.demo.origin, 5_000, 'logout');
  // A tab may leave before its `state` attribute changes, so the login page's own start is
  // what is timed, from the first sign of the logout in any tab.
  const loggedOut = events.find(
    (event) =>
      event.atMs >= logoutMs &&
      ((event.type === 'state' && event.value === 'expired') ||
        (event.type === 'load' && event.path === '/login')),
  );
  assert.ok(loggedOut, 'a tab ended the session');
  pages.forEach((page, index) => {
    const login = firstEvent(events, { page, type: 'load', path: '/login' }, logoutMs);
    assert.ok(login, `${tabs} tabs, logout: tab ${index + 1} never loaded the login page`);
    const seconds = secondsBetween(loggedOut.atMs, login.atMs);
    assertBetween(`${tabs} tabs, logout: tab ${index + 1} on the login page, s`, seconds, 0, 3);
  });
  for (const page of pages) {
    assert.match((await page.locator('.notice').textContent()) ?? '', /You have signed out/);
  }
  await context.close();
  return { tabs, routineChecks, checks };
}

describe('several tabs of one browser', { timeout: 120_000 }, () => {
  it('1, 2 and 5 tabs: warning in all; activity, "Stay signed in" and logout in one reach all; routine checks do not grow with tabs', async (t) => {
    const runs = await Promise.all([runTabs(1), runTabs(2), runTabs(5)]);
    t.diagnostic(runs.map((run) => `${run.tabs} tab(s): ${run.checks.join(' ')}`).join('; '));
    const [one, two, five] = runs as [TabRun, TabRun, TabRun];
    assert.ok(one.routineChecks >= 2, 'the single tab checked before each warning');
    assert.ok(
      // Same script, same moments: a tab or two of slack for timing, never one per tab.
      two.routineChecks <= one.routineChecks + 2 && five.routineChecks <= one.routineChecks + 2,
      `checks per browser grew with tabs: ${JSON.stringify(runs)}`,
    );
  });
});
