// The <session-security> element against the Django demo (examples/django) in real Chromium, in
// real time (warn 2 s, expire 5 s): the warning, activity in another tab, expiry and logout reach
// every tab. The two timelines run side by side, each in a browser context of its own.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../e2e/support/browser.js';
import {
  collectPageProblems,
  firstEvent,
  secondsBetween,
  signedInTabs,
  waitForLoginInAll,
  waitForStateInAll,
} from '../e2e/support/pages.js';
import { type RunningDjango, startDjango } from './support/django-server.js';

let django: RunningDjango;
let browser: Browser;

before(async () => {
  [django, browser] = await Promise.all([
    startDjango({ warnAfterSeconds: 2, expireAfterSeconds: 5, absoluteTimeoutSeconds: null }),
    launchChromium(),
  ]);
});

after(async () => {
  await browser?.close();
  await django?.close();
});

/** The server's view of the session of `page`'s browser context. */
function serverStatus(
  page: Page,
): Promise<{ state: string; idleSeconds?: number; reason?: string }> {
  return page.evaluate(async () => {
    const response = await fetch('/session-security', { cache: 'no-store' });
    return (await response.json()) as { state: string; idleSeconds?: number; reason?: string };
  });
}

describe('the element against the Django demo, two tabs (warn 2 s, expire 5 s)', {
  concurrency: true,
  timeout: 60_000,
}, () => {
  it('warns in both tabs, a key in the other tab extends both, then both expire on the server', async () => {
    const { context, pages, events } = await signedInTabs(browser, django.origin, 2);
    const problems = collectPageProblems(context);
    const [home, other] = pages as [Page, Page];

    await waitForStateInAll(pages, 'warning', 6_000);
    const keyMs = Date.now();
    await other.keyboard.press('Shift');
    await waitForStateInAll(pages, 'active', 3_000);
    const keyPress = firstEvent(events, { page: other, type: 'key' }, keyMs);
    assert.ok(keyPress, 'the key press reached the other tab');
    // The key's report reached Django: its last activity moved for the whole session.
    const status = await serverStatus(home);
    assert.equal(status.state, 'active');
    assert.ok((status.idleSeconds ?? Number.POSITIVE_INFINITY) < 1.5, JSON.stringify(status));

    await waitForStateInAll(pages, 'warning', 6_000);
    await waitForLoginInAll(pages, django.origin, 8_000, 'idle');
    const expired = firstEvent(events, { type: 'load', path: '/login' }, keyPress.atMs);
    assert.ok(expired, 'a tab reached the login page');
    const seconds = secondsBetween(keyPress.atMs, expired.atMs);
    assert.ok(seconds >= 5, `signed out ${seconds} s after the last activity, before 5 s`);
    await assert.doesNotReject(
      home.getByText('You were signed out after a period of inactivity.').waitFor(),
    );
    // The session is gone on the server: the protected page sends the user to sign in.
    const again = await home.goto(`${django.origin}/`);
    assert.equal(new URL(again?.url() ?? '').pathname, '/login');
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('side by side: activity in a page still on the old ping postpones expiry of a protocol v1 page', async () => {
    const { context, pages, events } = await signedInTabs(browser, django.origin, 1);
    const problems = collectPageProblems(context);
    const v1 = pages[0] as Page;
    const legacy = await context.newPage();
    const pings: string[] = [];
    context.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/session_security/ping/') pings.push(url.search);
    });
    await legacy.goto(`${django.origin}/legacy`);
    const both = [v1, legacy];

    await waitForStateInAll(both, 'warning', 6_000);
    const keyMs = Date.now();
    await legacy.keyboard.press('Shift');
    await waitForStateInAll(both, 'active', 3_000);
    const keyPress = firstEvent(events, { page: legacy, type: 'key' }, keyMs);
    assert.ok(keyPress, 'the key press reached the old page');
    assert.ok(pings.length > 0, 'the old page pinged the old URL');
    // The old ping moved the last activity that protocol v1 reports.
    const status = await serverStatus(v1);
    assert.equal(status.state, 'active');
    assert.ok((status.idleSeconds ?? Number.POSITIVE_INFINITY) < 1.5, JSON.stringify(status));

    await waitForLoginInAll(both, django.origin, 9_000);
    const expired = firstEvent(events, { type: 'load', path: '/login' }, keyPress.atMs);
    assert.ok(expired, 'a tab reached the login page');
    const seconds = secondsBetween(keyPress.atMs, expired.atMs);
    assert.ok(seconds >= 5, `signed out ${seconds} s after the last activity, before 5 s`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('"Log out" in one tab ends the session on the server and signs out every tab', async () => {
    const { context, pages } = await signedInTabs(browser, django.origin, 2);
    const problems = collectPageProblems(context);
    const [home, other] = pages as [Page, Page];
    await other.locator('#logout').click();
    await waitForLoginInAll(pages, django.origin, 4_000, 'logout');
    assert.deepEqual(await serverStatus(home), {
      version: 1,
      state: 'expired',
      reason: 'no-session',
    });
    const again = await other.goto(`${django.origin}/`);
    assert.equal(new URL(again?.url() ?? '').pathname, '/login');
    assert.match(django.log(), /session ended: user=demo reason=logout$/m);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
