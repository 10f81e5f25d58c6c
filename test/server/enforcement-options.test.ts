import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildApp, FETCH_HEADERS, readStatus, report, signIn } from './support/app.js';
import { api, countingStore, idleSeconds, page } from './support/requests.js';

describe('activity writes', () => {
  it('write at most once per second per session', async () => {
    const { store, counts } = countingStore();
    const testApp = await buildApp({ activityStore: store });
    const { cookie } = await signIn(testApp);
    await page(testApp, cookie);
    assert.equal(counts.start, 1);
    for (let step = 0; step < 20; step += 1) {
      testApp.clock.advance(250);
      await page(testApp, cookie);
    }
    // 5 s of requests every 250 ms: one write per second.
    assert.equal(counts.advance, 5);
    assert.equal(await idleSeconds(testApp, cookie), 0);
    testApp.clock.advance(999);
    await page(testApp, cookie);
    assert.equal(counts.advance, 5, 'less than a second after the last write: skipped');
    assert.equal(await idleSeconds(testApp, cookie), 0.999);
    await testApp.app.close();
  });

  it('status reads write nothing', async () => {
    const { store, counts } = countingStore();
    const testApp = await buildApp({ activityStore: store });
    const { cookie } = await signIn(testApp);
    await page(testApp, cookie);
    const before = { ...counts };
    for (let step = 0; step < 5; step += 1) {
      testApp.clock.advance(1_500);
      await readStatus(testApp, cookie);
      await api(testApp, cookie, '/poll');
    }
    assert.deepEqual(counts, before);
    await testApp.app.close();
  });

  it('last activity only moves forward: a report older than a page load changes nothing', async () => {
    const testApp = await buildApp();
    const { cookie } = await signIn(testApp);
    await page(testApp, cookie);
    testApp.clock.advance(2_000);
    await page(testApp, cookie);
    testApp.clock.advance(1_000);
    assert.equal((await report(testApp, cookie, 8)).json().idleSeconds, 1);
    await testApp.app.close();
  });
});

describe('clocks', () => {
  it('a clock that steps back never expires anyone and never yields a negative idle time', async () => {
    const testApp = await buildApp();
    const { cookie } = await signIn(testApp);
    await page(testApp, cookie);
    testApp.clock.advance(-3_600_000);
    assert.equal(await idleSeconds(testApp, cookie), 0);
    assert.match((await page(testApp, cookie)).body, /hello ada/);
    testApp.clock.advance(3_600_000 + 9_000);
    assert.equal(await idleSeconds(testApp, cookie), 9, 'last activity did not move back');
    await testApp.app.close();
  });

  it('a daylight-saving change does not log anyone out (epoch milliseconds, no local time)', async () => {
    const previousTimeZone = process.env.TZ;
    process.env.TZ = 'Europe/Paris';
    try {
      // 2026-03-29 01:00 UTC: clocks in Paris jump from 02:00 to 03:00.
      const testApp = await buildApp();
      testApp.clock.nowMs = Date.UTC(2026, 2, 29, 0, 59, 55);
      const { cookie } = await signIn(testApp);
      await page(testApp, cookie);
      testApp.clock.advance(8_000);
      assert.equal(await idleSeconds(testApp, cookie), 8);
      assert.match((await page(testApp, cookie)).body, /hello ada/);
      await testApp.app.close();
    } finally {
      if (previousTimeZone === undefined) delete process.env.TZ;
      else process.env.TZ = previousTimeZone;
    }
  });
});

describe('isAuthenticated', () => {
  it('a non-boolean answer fails closed with 503 and a logged error, never "anonymous"', async () => {
    const logs: string[] = [];
    const testApp = await buildApp({
      logs,
      plugin: {
        warnAfterSeconds: 40,
        expireAfterSeconds: 60,
        isAuthenticated: ((request: { session: { get(key: string): unknown } }) =>
          request.session.get('user')) as never,
      },
    });
    // Misconfigured everywhere, so it shows at once: even the sign-in request is refused.
    const response = await testApp.app.inject({ method: 'POST', url: '/sign-in' });
    assert.equal(response.statusCode, 503);
    assert.equal(response.headers['set-cookie'], undefined);
    assert.ok(
      logs.some((line) => /isAuthenticated option must return a boolean, got undefined/.test(line)),
      logs.join('\n'),
    );
    await testApp.app.close();
  });

  it('a custom answer decides which sessions are timed', async () => {
    const testApp = await buildApp({ plugin: { isAuthenticated: () => false } });
    const { cookie } = await signIn(testApp);
    testApp.clock.advance(60_000);
    assert.equal((await api(testApp, cookie)).statusCode, 200);
    assert.equal((await readStatus(testApp, cookie)).json().reason, 'no-session');
    await testApp.app.close();
  });
});

describe('per-request timeouts', () => {
  it('the timeoutsFor hook decides the timeouts of each request', async () => {
    const testApp = await buildApp({
      plugin: {
        timeoutsFor: async (request) =>
          request.headers['x-admin'] === '1'
            ? { warnAfterSeconds: 2, expireAfterSeconds: 4 }
            : { warnAfterSeconds: 5, expireAfterSeconds: 10, absoluteTimeoutSeconds: 100 },
      },
    });
    const { cookie } = await signIn(testApp);
    await page(testApp, cookie);
    const status = (await readStatus(testApp, cookie)).json();
    assert.equal(status.absoluteRemainingSeconds, 100);
    testApp.clock.advance(4_000);
    const admin = await testApp.app.inject({
      method: 'GET',
      url: '/api/data',
      headers: { ...FETCH_HEADERS, 'x-admin': '1', cookie },
    });
    assert.equal(admin.statusCode, 401);
    await testApp.app.close();
  });

  for (const [name, hook] of [
    ['invalid timeouts', () => ({ warnAfterSeconds: 10, expireAfterSeconds: 5 })],
    [
      'a throwing hook',
      () => {
        throw new Error('directory down');
      },
    ],
  ] as const) {
    it(`${name} fail closed with 503 store-unavailable and a logged error`, async () => {
      const logs: string[] = [];
      const testApp = await buildApp({
        logs,
        plugin: { warnAfterSeconds: 40, expireAfterSeconds: 60, timeoutsFor: hook },
      });
      const { cookie, sessionId } = await signIn(testApp);
      for (const response of [
        await api(testApp, cookie),
        await readStatus(testApp, cookie),
        await page(testApp, cookie),
      ]) {
        assert.equal(response.statusCode, 503);
        assert.equal(
          response.json().type,
          'https://session-security.dev/problems/store-unavailable',
        );
        assert.equal(response.headers['cache-control'], 'no-store');
      }
      assert.ok(testApp.sessions.has(sessionId), 'the session is kept');
      assert.ok(
        logs.some((line) =>
          /session-security: the timeoutsFor option (returned invalid|threw)/.test(line),
        ),
        logs.join('\n'),
      );
      await testApp.app.close();
    });
  }
});
