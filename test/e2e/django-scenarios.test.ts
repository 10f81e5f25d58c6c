// django-session-security's own browser scenarios (the Selenium tests of its test project),
// with its timings (warn 5 s, expire 10 s), in real Chromium against the demo, in real time.
// Independent timelines run concurrently, each in its own browser context (its own cookies and
// tabs).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useDemoWithChromium } from './support/demo-with-chromium.js';
import { getPage } from './support/http.js';
import {
  assertBetween,
  collectPageProblems,
  requiredEvent,
  secondsBetween,
  signedInTabs,
  signInWithForm,
  waitForLoginInAll,
  waitForStateInAll,
} from './support/pages.js';
import { waitMs } from './support/real-time.js';

const WARN_AFTER_SECONDS = 5;
const EXPIRE_AFTER_SECONDS = 10;

const running = useDemoWithChromium({
  warnAfterSeconds: WARN_AFTER_SECONDS,
  expireAfterSeconds: EXPIRE_AFTER_SECONDS,
});

describe('django-session-security scenarios (warn 5 s, expire 10 s)', {
  concurrency: true,
  timeout: 120_000,
}, () => {
  it('two windows: warning in both at 5-9 s; a key press in one hides it in both; warning again no sooner than 5 s after; login page at 10-15 s; the draft survives', async () => {
    const { context, pages, events } = await signedInTabs(running.browser, running.demo.origin, 2);
    const problems = collectPageProblems(context);
    const polls: { atMs: number; passive: string | undefined }[] = [];
    context.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/server-time') {
        polls.push({ atMs: Date.now(), passive: request.headers()['session-security-passive'] });
      }
    });
    const [home, other] = pages as [(typeof pages)[0], (typeof pages)[0]];
    const [cookie] = await context.cookies();
    assert.ok(cookie, 'a session cookie');
    await home.locator('#draft').pressSequentially('half-written message');
    const lastActivityMs = Math.max(
      ...events.filter((event) => event.type !== 'state').map((event) => event.atMs),
    );

    await waitForStateInAll(pages, 'warning', 10_000);
    for (const page of pages) {
      const warning = requiredEvent(
        events,
        { page, type: 'state', value: 'warning' },
        'first warning',
      );
      assertBetween(
        'first warning, s after the last activity',
        secondsBetween(lastActivityMs, warning.atMs),
        5,
        9,
      );
    }

    await other.keyboard.press('Shift');
    const keyPress = requiredEvent(events, { page: other, type: 'key' }, 'key press');
    await waitForStateInAll(pages, 'active', 2_000);
    for (const page of pages) {
      const hidden = requiredEvent(
        events,
        { page, type: 'state', value: 'active' },
        'warning hidden',
        keyPress.atMs,
      );
      assertBetween(
        'warning hidden, s after the key press',
        secondsBetween(keyPress.atMs, hidden.atMs),
        0,
        2,
      );
    }

    await waitForStateInAll(pages, 'warning', 10_000);
    for (const page of pages) {
      const warning = requiredEvent(
        events,
        { page, type: 'state', value: 'warning' },
        'second warning',
        keyPress.atMs,
      );
      assertBetween(
        'second warning, s after the key press',
        secondsBetween(keyPress.atMs, warning.atMs),
        5,
        9,
      );
    }

    await waitForLoginInAll(pages, running.demo.origin, 8_000, 'idle');
    for (const page of pages) {
      const expired = requiredEvent(
        events,
        { page, type: 'state', value: 'expired' },
        'expired state',
      );
      assert.equal(expired.authenticatedVisible, false, 'authenticated content hidden at expiry');
      const login = requiredEvent(
        events,
        { page, type: 'load', path: '/login' },
        'login page',
        keyPress.atMs,
      );
      assertBetween(
        'login page, s after the key press',
        secondsBetween(keyPress.atMs, login.atMs),
        10,
        15,
      );
      assert.match(
        (await page.locator('.notice').textContent()) ?? '',
        /signed out after 10 seconds of inactivity/,
      );
    }

    assert.ok(polls.length >= 2, `the widget polled ${polls.length} times`);
    assert.deepEqual(new Set(polls.map((poll) => poll.passive)), new Set(['1']), 'all passive');
    // Had the widget's polls counted as activity, no tab could sign out sooner than 10 s after
    // the last poll.
    const homeLogin = requiredEvent(
      events,
      { page: home, type: 'load', path: '/login' },
      'login page',
      keyPress.atMs,
    );
    const lastPoll = polls.filter((poll) => poll.atMs < homeLogin.atMs).at(-1);
    assert.ok(lastPoll && lastPoll.atMs > keyPress.atMs, 'the widget polled after the key press');
    assert.ok(
      secondsBetween(lastPoll.atMs, homeLogin.atMs) < EXPIRE_AFTER_SECONDS,
      `signed out ${secondsBetween(lastPoll.atMs, homeLogin.atMs)} s after the last poll`,
    );

    const replay = await getPage(running.demo.origin, '/', `${cookie.name}=${cookie.value}`);
    assert.equal(replay.status, 303, 'the old cookie is refused after expiry');
    // Refused; the ended session's tombstone still says why (it tells nothing else).
    assert.equal(replay.headers.location, '/login?reason=idle');

    await home.fill('#username', 'demo');
    await home.fill('#password', 'demo');
    await Promise.all([
      home.waitForURL(`${running.demo.origin}/`),
      home.click('button[type=submit]'),
    ]);
    assert.equal(await home.inputValue('#draft'), 'half-written message', 'the draft came back');
    assert.match((await home.locator('#draft-status').textContent()) ?? '', /unsaved draft/);
    assert.deepEqual(
      problems.filter((problem) => /Content Security Policy|Uncaught|TypeError/.test(problem)),
      [],
    );
    await context.close();
  });

  it('a key press at 3.5 s: the warning appears no sooner than 5 s after the key press', async () => {
    const { context, pages, events } = await signedInTabs(running.browser, running.demo.origin, 1);
    const page = pages[0] as (typeof pages)[0];
    const loaded = requiredEvent(events, { page, type: 'load', path: '/' }, 'page load');
    await waitMs(loaded.atMs + 3_500 - Date.now());
    await page.keyboard.press('Shift');
    const keyPress = requiredEvent(events, { page, type: 'key' }, 'key press');
    assertBetween(
      'key press, s after the page load',
      secondsBetween(loaded.atMs, keyPress.atMs),
      3.5,
      4.5,
    );
    await waitForStateInAll(pages, 'warning', 12_000);
    const warning = requiredEvent(events, { page, type: 'state', value: 'warning' }, 'warning');
    assertBetween(
      'warning, s after the key press',
      secondsBetween(keyPress.atMs, warning.atMs),
      5,
      9,
    );
    await context.close();
  });

  it('page loads count as activity: a page opened at 4 s postpones the warning in the first tab', async () => {
    const { context, pages, events } = await signedInTabs(running.browser, running.demo.origin, 1);
    const first = pages[0] as (typeof pages)[0];
    const loaded = requiredEvent(events, { page: first, type: 'load', path: '/' }, 'load');
    await waitMs(loaded.atMs + 4_000 - Date.now());
    const second = await context.newPage();
    await second.goto(`${running.demo.origin}/other`);
    const secondLoad = requiredEvent(events, { page: second, type: 'load' }, 'second load');
    await waitForStateInAll([first, second], 'warning', 12_000);
    const warning = requiredEvent(
      events,
      { page: first, type: 'state', value: 'warning' },
      'warning',
    );
    assert.ok(
      secondsBetween(secondLoad.atMs, warning.atMs) >= 5,
      `the first tab warned ${secondsBetween(secondLoad.atMs, warning.atMs)} s after the second page load`,
    );
    // Past the first tab's own expiry (10 s after its load), both tabs are still signed in.
    await waitMs(loaded.atMs + 11_000 - Date.now());
    for (const page of [first, second]) {
      assert.notEqual(new URL(page.url()).pathname, '/login');
      assert.equal(await page.locator('main[data-authenticated]').isVisible(), true);
    }
    await context.close();
  });

  it('browsing without JavaScript never signs out a user who loads a page every 4 s', async () => {
    const context = await running.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signInWithForm(page, running.demo.origin);
    for (let step = 1; step <= 4; step += 1) {
      await waitMs(4_000);
      const response = await page.goto(`${running.demo.origin}${step % 2 === 0 ? '/' : '/other'}`);
      assert.equal(new URL(page.url()).pathname, step % 2 === 0 ? '/' : '/other', `load ${step}`);
      assert.equal(response?.status(), 200);
    }
    await context.close();
  });
});
