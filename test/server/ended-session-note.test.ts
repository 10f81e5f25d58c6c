import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import {
  buildApp,
  COOKIE_NAME,
  FETCH_HEADERS,
  PAGE_HEADERS,
  readStatus,
  report,
  signIn,
  type TestApp,
} from './support/app.js';

async function page(testApp: TestApp, cookie: string | null) {
  return testApp.app.inject({
    method: 'GET',
    url: '/page',
    headers: { ...PAGE_HEADERS, ...(cookie ? { cookie } : {}) },
  });
}

function clearsSessionCookie(response: LightMyRequestResponse): boolean {
  return response.cookies.some((c) => c.name === COOKIE_NAME && c.value === '');
}

/** Signs in, loads a page (the plugin sees the live session), lets the element's read end it. */
async function endedByTheElement(testApp: TestApp) {
  const { cookie, sessionId } = await signIn(testApp);
  assert.match((await page(testApp, cookie)).body, /hello ada/);
  testApp.clock.advance(10_000);
  const status = await readStatus(testApp, cookie);
  assert.deepEqual(status.json(), { version: 1, state: 'expired', reason: 'idle' });
  return { cookie, sessionId };
}

describe('the expiry reason reaches the page loaded after the element ended the session', () => {
  it('idle: the page load that follows (expiry action reload) sees expiredReason idle', async () => {
    const testApp = await buildApp();
    const { cookie } = await endedByTheElement(testApp);
    const response = await page(testApp, cookie);
    assert.match(response.body, /anonymous idle/);
    // @fastify/session clears the stale cookie, so the note serves this one page load.
    assert.ok(clearsSessionCookie(response));
    await testApp.app.close();
  });

  it('absolute: the reason is the tombstone’s', async () => {
    const testApp = await buildApp({
      plugin: { warnAfterSeconds: 50, expireAfterSeconds: 60, absoluteTimeoutSeconds: 20 },
    });
    const { cookie } = await signIn(testApp);
    for (let step = 0; step < 3; step += 1) {
      testApp.clock.advance(5_000);
      assert.equal((await report(testApp, cookie, 0)).json().state, 'active', `step ${step}`);
    }
    testApp.clock.advance(6_000);
    assert.equal((await readStatus(testApp, cookie)).json().reason, 'absolute');
    assert.match((await page(testApp, cookie)).body, /anonymous absolute/);
    await testApp.app.close();
  });

  it('an activity report that finds the session idle works the same', async () => {
    const testApp = await buildApp();
    const { cookie } = await signIn(testApp);
    await page(testApp, cookie);
    testApp.clock.advance(11_000);
    assert.equal((await report(testApp, cookie, 0)).json().reason, 'idle');
    assert.match((await page(testApp, cookie)).body, /anonymous idle/);
    await testApp.app.close();
  });

  it('passive and API requests do not see it; the page load still does', async () => {
    const testApp = await buildApp();
    const { cookie } = await endedByTheElement(testApp);
    const passive = await testApp.app.inject({
      method: 'GET',
      url: '/poll',
      headers: { ...PAGE_HEADERS, cookie },
    });
    assert.equal(passive.json().user, null);
    const api = await testApp.app.inject({
      method: 'GET',
      url: '/api/data',
      headers: { ...FETCH_HEADERS, 'session-security-passive': '1', cookie },
    });
    assert.equal(api.json().state.expiredReason, null);
    assert.match((await page(testApp, cookie)).body, /anonymous idle/);
    await testApp.app.close();
  });

  it('a cookie of a live session, a made-up cookie or none: no reason', async () => {
    const testApp = await buildApp();
    const { cookie } = await endedByTheElement(testApp);
    const other = await signIn(testApp);
    const live = other.cookie.replace(/=.*$/, '');
    for (const value of [null, `${COOKIE_NAME}=made-up.signature`, `${live}=x`]) {
      assert.match((await page(testApp, value)).body, /anonymous <\/p>/, String(value));
    }
    assert.match((await page(testApp, other.cookie)).body, /hello ada/);
    assert.match((await page(testApp, cookie)).body, /anonymous idle/);
    await testApp.app.close();
  });

  it('the shape is learned from the cookie, whatever its name and prefix', async () => {
    const testApp = await buildApp({ session: { cookiePrefix: 's:' } });
    const { cookie } = await endedByTheElement(testApp);
    assert.match(cookie, /^sid=s:/);
    assert.match((await page(testApp, cookie)).body, /anonymous idle/);
    await testApp.app.close();
  });
});
