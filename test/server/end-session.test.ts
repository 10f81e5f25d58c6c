import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { SessionEnd } from '../../server/index.js';
import {
  FETCH_HEADERS,
  Gate,
  PAGE_HEADERS,
  readStatus,
  sessionCookieOf,
  signIn,
  type TestApp,
} from './support/app.js';
import { describeOnEveryStore } from './support/store-matrix.js';

// Issue 14, finding 1 (the application's own logout and sign-in), the audit hook and
// Clear-Site-Data on logout.

const STATE_CHANGING = FETCH_HEADERS;

async function page(testApp: TestApp, cookie: string) {
  return testApp.app.inject({ method: 'GET', url: '/page', headers: { ...PAGE_HEADERS, cookie } });
}

/** A GET /slow held after the session was checked; `finish()` lets it save the session. */
async function holdSlowRequest(testApp: TestApp, cookie: string) {
  const gate = new Gate();
  testApp.gate = gate;
  const answer = testApp.app.inject({
    method: 'GET',
    url: '/slow',
    headers: { ...FETCH_HEADERS, cookie },
  });
  await gate.entered;
  testApp.gate = null;
  return {
    async finish() {
      gate.open();
      return answer;
    },
  };
}

function recorder() {
  const ended: Array<Omit<SessionEnd, 'request'>> = [];
  return {
    ended,
    onSessionEnd: ({ reason, user, endedAtMs }: SessionEnd) => {
      ended.push({ reason, user, endedAtMs });
    },
  };
}

describeOnEveryStore('endSession() and regenerate()', (build) => {
  it('endSession(): a request in flight cannot save the session back to life', async () => {
    const testApp = await build();
    const { cookie } = await signIn(testApp);
    const held = await holdSlowRequest(testApp, cookie);
    const logout = await testApp.app.inject({
      method: 'POST',
      url: '/logout',
      headers: { ...STATE_CHANGING, cookie },
    });
    assert.equal(logout.statusCode, 200, logout.body);
    const cleared = logout.cookies.find((c) => c.name === 'sid');
    assert.equal(cleared?.value, '', 'the session cookie is cleared');
    const late = await held.finish();
    assert.equal(late.statusCode, 200);
    assert.equal((await page(testApp, cookie)).body, '<p>anonymous logout</p>');
    assert.equal((await readStatus(testApp, cookie)).json().state, 'expired');
  });

  it('regenerate(): the old session id is ended, the new one works', async () => {
    const testApp = await build();
    const { cookie } = await signIn(testApp);
    const held = await holdSlowRequest(testApp, cookie);
    const again = await testApp.app.inject({
      method: 'POST',
      url: '/rotating-sign-in',
      headers: { ...STATE_CHANGING, cookie },
    });
    const fresh = sessionCookieOf(again);
    assert.ok(fresh && fresh !== cookie, 'a new session cookie');
    await held.finish();
    assert.match((await page(testApp, cookie)).body, /anonymous/, 'the old id stays ended');
    assert.match((await page(testApp, fresh)).body, /hello ada/);
  });

  it('regenerate() of an anonymous session ends nothing and tells nothing', async () => {
    const calls = recorder();
    const testApp = await build({ plugin: { onSessionEnd: calls.onSessionEnd } });
    const signIn = await testApp.app.inject({ method: 'POST', url: '/rotating-sign-in' });
    assert.equal(signIn.statusCode, 200);
    assert.match((await page(testApp, sessionCookieOf(signIn) ?? '')).body, /hello ada/);
    assert.deepEqual(calls.ended, []);
  });

  it('endSession() refuses an unknown reason and changes nothing', async () => {
    const testApp = await build();
    const { cookie } = await signIn(testApp);
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/logout?reason=bored',
      headers: { ...STATE_CHANGING, cookie },
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.json().error, /endSession reason must be one of idle, absolute, logout/);
    assert.match((await page(testApp, cookie)).body, /hello ada/);
  });
});

describeOnEveryStore(
  'onSessionEnd: the application is told once, with the reason and user',
  (build) => {
    it('idle: told once even when two requests find the session expired', async () => {
      const calls = recorder();
      const testApp = await build({
        plugin: {
          onSessionEnd: calls.onSessionEnd,
          userOf: (request) => (request.session.get('user') as { name: string }).name,
        },
      });
      const { cookie } = await signIn(testApp);
      testApp.clock.advance(10_000);
      await Promise.all([
        page(testApp, cookie),
        page(testApp, cookie),
        readStatus(testApp, cookie),
      ]);
      assert.deepEqual(calls.ended, [
        { reason: 'idle', user: 'ada', endedAtMs: testApp.clock.nowMs },
      ]);
    });

    it('absolute, protocol logout, endSession() and a rotating sign-in', async () => {
      const calls = recorder();
      const testApp = await build({
        plugin: { onSessionEnd: calls.onSessionEnd, absoluteTimeoutSeconds: 20 },
      });
      const first = await signIn(testApp);
      for (let step = 0; step < 5; step += 1) {
        testApp.clock.advance(4_000);
        await page(testApp, first.cookie);
      }
      const second = await signIn(testApp);
      await testApp.app.inject({
        method: 'DELETE',
        url: '/session-security',
        headers: { ...FETCH_HEADERS, 'session-security-version': '1', cookie: second.cookie },
      });
      const third = await signIn(testApp);
      await testApp.app.inject({
        method: 'POST',
        url: '/logout',
        headers: { ...STATE_CHANGING, cookie: third.cookie },
      });
      const fourth = await signIn(testApp);
      await testApp.app.inject({
        method: 'POST',
        url: '/rotating-sign-in',
        headers: { ...STATE_CHANGING, cookie: fourth.cookie },
      });
      const user = { name: 'ada' };
      assert.deepEqual(
        calls.ended.map(({ reason, user }) => ({ reason, user })),
        [
          { reason: 'absolute', user },
          { reason: 'logout', user },
          { reason: 'logout', user },
          { reason: 'logout', user },
        ],
      );
    });

    it('is not told about anonymous callers, and a throwing hook changes nothing', async () => {
      const logs: string[] = [];
      let calls = 0;
      const testApp = await build({
        logs,
        plugin: {
          onSessionEnd: () => {
            calls += 1;
            throw new Error('audit log down');
          },
        },
      });
      const anonymous = await testApp.app.inject({ method: 'POST', url: '/logout' });
      assert.equal(anonymous.statusCode, 200);
      assert.equal(calls, 0);
      const { cookie } = await signIn(testApp);
      const logout = await testApp.app.inject({
        method: 'POST',
        url: '/logout',
        headers: { ...STATE_CHANGING, cookie },
      });
      assert.equal(logout.statusCode, 200);
      assert.equal(calls, 1);
      assert.match(logs.join(''), /onSessionEnd option threw/);
      assert.match((await page(testApp, cookie)).body, /anonymous/);
    });
  },
);

describeOnEveryStore('Clear-Site-Data on logout', (build) => {
  async function logouts(testApp: TestApp) {
    const viaForm = await signIn(testApp);
    const form = await testApp.app.inject({
      method: 'POST',
      url: '/logout',
      headers: { ...STATE_CHANGING, cookie: viaForm.cookie },
    });
    const viaProtocol = await signIn(testApp);
    const protocol = await testApp.app.inject({
      method: 'DELETE',
      url: '/session-security',
      headers: { ...FETCH_HEADERS, 'session-security-version': '1', cookie: viaProtocol.cookie },
    });
    return [form, protocol];
  }

  it('default: "cache" only (drafts in sessionStorage and localStorage survive)', async () => {
    for (const response of await logouts(await build())) {
      assert.equal(response.headers['clear-site-data'], '"cache"');
    }
  });

  it('configured: the listed types; [] for none', async () => {
    const wide = await build({ plugin: { clearSiteDataOnLogout: ['cache', 'storage'] } });
    for (const response of await logouts(wide)) {
      assert.equal(response.headers['clear-site-data'], '"cache", "storage"');
    }
    const none = await build({ plugin: { clearSiteDataOnLogout: [] } });
    for (const response of await logouts(none)) {
      assert.equal(response.headers['clear-site-data'], undefined);
    }
  });

  it('never on an idle expiry (the user may come back to what they typed)', async () => {
    const testApp = await build();
    const { cookie } = await signIn(testApp);
    testApp.clock.advance(10_000);
    const response = await page(testApp, cookie);
    assert.match(response.body, /anonymous idle/);
    assert.equal(response.headers['clear-site-data'], undefined);
  });
});
