import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildApp,
  FETCH_HEADERS,
  PAGE_HEADERS,
  readStatus,
  report,
  signIn,
} from './support/app.js';
import { api, idleSeconds, page } from './support/requests.js';

describe("django-session-security's scenarios (WARN 5 s, EXPIRE 10 s)", () => {
  it('page loads count as activity: browsing without JavaScript never logs out an active user', async () => {
    const testApp = await buildApp();
    const { cookie } = await signIn(testApp);
    for (let step = 0; step < 10; step += 1) {
      testApp.clock.advance(8_000);
      const response = await page(testApp, cookie);
      assert.match(response.body, /hello ada/, `step ${step}`);
    }
    assert.equal(await idleSeconds(testApp, cookie), 0);
    await testApp.app.close();
  });

  it('an idle user is logged out at EXPIRE_AFTER: the page continues anonymous and knows why', async () => {
    const testApp = await buildApp();
    const { cookie } = await signIn(testApp);
    await page(testApp, cookie);
    testApp.clock.advance(10_000);
    const response = await page(testApp, cookie);
    assert.equal(response.statusCode, 200);
    assert.equal(response.body, '<p>anonymous idle</p>');
    assert.equal(
      response.headers['set-cookie'],
      undefined,
      'no new session for the expired caller',
    );
    assert.equal(testApp.sessions.size, 0, 'the session was destroyed in the store');
    assert.equal(await idleSeconds(testApp, cookie), 'expired:no-session');
    await testApp.app.close();
  });

  const pings: Array<[number, number, number | string]> = [
    [1, 4, 1],
    [3, 2, 2],
    [5, 5, 5],
    [12, 14, 'logout'],
  ];
  for (const [serverIdle, clientIdle, expected] of pings) {
    it(`ping (server idle ${serverIdle}, client idle ${clientIdle}) -> ${expected}`, async () => {
      const testApp = await buildApp();
      const { cookie } = await signIn(testApp);
      await page(testApp, cookie);
      testApp.clock.advance(serverIdle * 1000);
      const body = (await report(testApp, cookie, clientIdle)).json() as {
        state: string;
        idleSeconds?: number;
        reason?: string;
      };
      if (expected === 'logout')
        assert.deepEqual(body, { version: 1, state: 'expired', reason: 'idle' });
      else assert.equal(body.idleSeconds, expected);
      await testApp.app.close();
    });
  }

  it('a small idleFor after expiry does not revive the session', async () => {
    const testApp = await buildApp();
    const { cookie } = await signIn(testApp);
    await page(testApp, cookie);
    testApp.clock.advance(30_000);
    assert.equal((await report(testApp, cookie, 0)).json().state, 'expired');
    assert.equal((await report(testApp, cookie, 0)).json().reason, 'no-session');
    assert.match((await page(testApp, cookie)).body, /anonymous/);
    await testApp.app.close();
  });

  it('a key press at 3.5 s: the warning comes no sooner than 5 s after it', async () => {
    const testApp = await buildApp();
    const { cookie } = await signIn(testApp);
    await page(testApp, cookie);
    testApp.clock.advance(3_500);
    await report(testApp, cookie, 0);
    testApp.clock.advance(4_999);
    assert.equal(await idleSeconds(testApp, cookie), 4.999);
    testApp.clock.advance(1);
    assert.equal(await idleSeconds(testApp, cookie), 5);
    await testApp.app.close();
  });

  it('passive URLs leave last activity unchanged', async () => {
    const testApp = await buildApp({ plugin: { passiveRoutes: ['/health'] } });
    const { cookie } = await signIn(testApp);
    await page(testApp, cookie);
    testApp.clock.advance(4_000);
    for (const url of ['/health', '/poll']) {
      const response = await api(testApp, cookie, url);
      assert.equal(response.json().passive, true, url);
    }
    assert.equal(await idleSeconds(testApp, cookie), 4);
    await testApp.app.close();
  });
});

describe('expiry boundaries', () => {
  it('idle: valid 1 ms before the deadline, expired at it (ordinary request)', async () => {
    const testApp = await buildApp();
    const { cookie } = await signIn(testApp);
    await page(testApp, cookie);
    testApp.clock.advance(9_999);
    assert.equal((await api(testApp, cookie, '/poll')).statusCode, 200);
    const status = (await readStatus(testApp, cookie)).json();
    assert.equal(status.idleSeconds, 9.999);
    testApp.clock.advance(1);
    const expired = await api(testApp, cookie);
    assert.equal(expired.statusCode, 401);
    assert.equal(expired.json().reason, 'idle');
    await testApp.app.close();
  });

  it('absolute: valid 1 ms before the end of the lifetime, expired at it, activity does not extend it', async () => {
    const testApp = await buildApp({
      plugin: { warnAfterSeconds: 5, expireAfterSeconds: 10, absoluteTimeoutSeconds: 30 },
    });
    const { cookie } = await signIn(testApp);
    await page(testApp, cookie);
    for (let step = 0; step < 7; step += 1) {
      testApp.clock.advance(4_000);
      assert.equal((await page(testApp, cookie)).body, '<p>hello ada </p>');
    }
    testApp.clock.advance(29_999 - 28_000);
    const status = (await readStatus(testApp, cookie)).json();
    assert.equal(status.state, 'active');
    assert.equal(status.absoluteRemainingSeconds, 0.001);
    testApp.clock.advance(1);
    assert.equal((await page(testApp, cookie)).body, '<p>anonymous absolute</p>');
    await testApp.app.close();
  });

  it('idle is checked before absolute', async () => {
    const testApp = await buildApp({
      plugin: { warnAfterSeconds: 5, expireAfterSeconds: 10, absoluteTimeoutSeconds: 10 },
    });
    const { cookie } = await signIn(testApp);
    await page(testApp, cookie);
    testApp.clock.advance(10_000);
    assert.equal((await api(testApp, cookie)).json().reason, 'idle');
    await testApp.app.close();
  });
});

describe('expired sessions on ordinary requests', () => {
  it('API requests get a 401 session-expired problem with the reason, never cached', async () => {
    const testApp = await buildApp();
    const { cookie } = await signIn(testApp);
    await page(testApp, cookie);
    testApp.clock.advance(10_000);
    const response = await api(testApp, cookie);
    assert.equal(response.statusCode, 401);
    assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.equal(response.headers['www-authenticate'], 'Session-Security');
    assert.equal(response.headers['set-cookie'], undefined);
    assert.deepEqual(response.json(), {
      type: 'https://session-security.dev/problems/session-expired',
      title: 'The session has expired',
      status: 401,
      detail: 'the session has ended; sign in again',
      reason: 'idle',
    });
    await testApp.app.close();
  });

  it('tells API from page requests by Sec-Fetch-Mode, else by Accept', async () => {
    const cases: Array<[Record<string, string>, number]> = [
      [{ 'sec-fetch-mode': 'navigate', accept: 'application/json' }, 200],
      [{ 'sec-fetch-mode': 'cors', accept: 'text/html' }, 401],
      [{ 'sec-fetch-mode': 'no-cors' }, 401],
      [{ accept: 'text/html,*/*;q=0.8' }, 200],
      [{ accept: 'application/json' }, 401],
      [{}, 401],
    ];
    for (const [headers, expected] of cases) {
      const testApp = await buildApp();
      const { cookie } = await signIn(testApp);
      await page(testApp, cookie);
      testApp.clock.advance(10_000);
      const response = await testApp.app.inject({
        method: 'GET',
        url: '/page',
        headers: { host: 'localhost', ...headers, cookie },
      });
      assert.equal(response.statusCode, expected, JSON.stringify(headers));
      await testApp.app.close();
    }
  });

  it('a page request sees why and after how long: request.sessionSecurity', async () => {
    const testApp = await buildApp({ plugin: { warnAfterSeconds: 240, expireAfterSeconds: 300 } });
    const { cookie } = await signIn(testApp);
    await page(testApp, cookie);
    testApp.clock.advance(300_000);
    const response = await testApp.app.inject({
      method: 'GET',
      url: '/api/data',
      headers: { ...PAGE_HEADERS, cookie },
    });
    assert.deepEqual(response.json(), {
      user: null,
      state: {
        passive: false,
        expiredReason: 'idle',
        timeouts: { warnAfterSeconds: 240, expireAfterSeconds: 300, absoluteTimeoutSeconds: null },
        status: { version: 1, state: 'expired', reason: 'idle' },
      },
    });
    await testApp.app.close();
  });

  it('an active request sees its status', async () => {
    const testApp = await buildApp();
    const { cookie } = await signIn(testApp);
    const response = await api(testApp, cookie);
    assert.deepEqual(response.json().state.status, {
      version: 1,
      state: 'active',
      idleSeconds: 0,
      warnAfterSeconds: 5,
      expireAfterSeconds: 10,
    });
    await testApp.app.close();
  });
});

describe('passive requests', () => {
  const routes: Array<[string, string, Record<string, string>]> = [
    ['the passive header', '/api/data', { 'session-security-passive': '1' }],
    ['a route config flag', '/poll', {}],
    ['an exact passive route', '/health', {}],
    ['a prefix passive route', '/feed/items', {}],
    ['a RegExp passive route', '/api/data', {}],
  ];
  for (const [name, url, headers] of routes) {
    it(`${name} marks ${url} passive: no activity, no session write, no cookie`, async () => {
      const testApp = await buildApp({
        plugin: {
          passiveRoutes: ['/health', '/feed/*', ...(name.includes('RegExp') ? [/^\/api\/d/] : [])],
        },
        session: { rolling: true, saveUninitialized: true },
      });
      const { cookie, sessionId } = await signIn(testApp);
      await page(testApp, cookie);
      const blobBefore = JSON.stringify(testApp.sessions.get(sessionId));
      testApp.clock.advance(3_000);
      const response = await testApp.app.inject({
        method: 'GET',
        url: `${url}?x=1`,
        headers: { ...FETCH_HEADERS, ...headers, cookie },
      });
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['set-cookie'], undefined, 'no Set-Cookie on a passive request');
      assert.equal(JSON.stringify(testApp.sessions.get(sessionId)), blobBefore);
      assert.equal(await idleSeconds(testApp, cookie), 3);
      await testApp.app.close();
    });
  }

  it('a passive header other than "1" is not passive', async () => {
    const testApp = await buildApp();
    const { cookie } = await signIn(testApp);
    testApp.clock.advance(3_000);
    await testApp.app.inject({
      method: 'GET',
      url: '/api/data',
      headers: { ...FETCH_HEADERS, 'session-security-passive': 'true', cookie },
    });
    assert.equal(await idleSeconds(testApp, cookie), 0);
    await testApp.app.close();
  });

  it('a passive request still expires an idle session', async () => {
    const testApp = await buildApp();
    const { cookie } = await signIn(testApp);
    await page(testApp, cookie);
    testApp.clock.advance(10_000);
    const response = await api(testApp, cookie, '/poll');
    assert.equal(response.statusCode, 401);
    assert.equal(testApp.sessions.size, 0);
    await testApp.app.close();
  });
});
