import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import Fastify, { type FastifyInstance } from 'fastify';
import { SESSION_MARKER_KEY } from '../../server/fastify-session.js';
import { sessionSecurity } from '../../server/index.js';
import {
  buildApp,
  FETCH_HEADERS,
  Gate,
  REPORT_HEADERS,
  readStatus,
  report,
  SECRET,
  signIn,
  type TestApp,
} from './support/app.js';
import { api, page } from './support/requests.js';
import { CountingSessionStore, FlakyActivityStore } from './support/stores.js';

/** A bare app with the three plugins and routes added by `addRoutes`. */
async function buildAppWith(addRoutes: (app: FastifyInstance) => void): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(fastifyCookie);
  await app.register(fastifySession, { secret: SECRET, cookie: { secure: false } });
  await app.register(sessionSecurity, { warnAfterSeconds: 5, expireAfterSeconds: 10 });
  addRoutes(app);
  await app.ready();
  return app;
}

const LOGOUT_HEADERS = { ...FETCH_HEADERS, 'session-security-version': '1' };

async function logout(testApp: TestApp, cookie: string | null) {
  return testApp.app.inject({
    method: 'DELETE',
    url: '/session-security',
    headers: { ...LOGOUT_HEADERS, ...(cookie ? { cookie } : {}) },
  });
}

const permissive = { session: { saveUninitialized: true, rolling: true } } as const;

describe('no session for anonymous callers', () => {
  it('resource requests create no session and set no cookie, even with saveUninitialized and rolling', async () => {
    const testApp = await buildApp(permissive);
    const requests = [
      { method: 'GET', headers: FETCH_HEADERS },
      { method: 'HEAD', headers: FETCH_HEADERS },
      { method: 'POST', headers: REPORT_HEADERS, payload: '{"idleSeconds":0}' },
      { method: 'POST', headers: REPORT_HEADERS, payload: '{"idleSeconds":-1}' },
      {
        method: 'POST',
        headers: { ...REPORT_HEADERS, 'sec-fetch-site': 'cross-site' },
        payload: '{}',
      },
      { method: 'DELETE', headers: LOGOUT_HEADERS },
      { method: 'PUT', headers: REPORT_HEADERS, payload: '{}' },
    ] as const;
    for (const request of requests) {
      const response = await testApp.app.inject({ ...request, url: '/session-security' });
      assert.ok(response.statusCode < 500, `${request.method}: ${response.statusCode}`);
      assert.equal(response.headers['set-cookie'], undefined, request.method);
    }
    assert.equal(testApp.sessions.size, 0);
    await testApp.app.close();
  });

  it('passive application requests of anonymous callers create no session', async () => {
    const testApp = await buildApp(permissive);
    const response = await testApp.app.inject({
      method: 'GET',
      url: '/api/data',
      headers: { ...FETCH_HEADERS, 'session-security-passive': '1' },
    });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['set-cookie'], undefined);
    assert.equal(testApp.sessions.size, 0);
    await testApp.app.close();
  });

  it('resource requests of a signed-in user never write the session blob nor resend the cookie', async () => {
    const sessionStore = new CountingSessionStore();
    const testApp = await buildApp({ ...permissive, sessionStore });
    const { cookie } = await signIn(testApp);
    await page(testApp, cookie);
    const writes = sessionStore.sets;
    testApp.clock.advance(2_000);
    for (const response of [await readStatus(testApp, cookie), await report(testApp, cookie, 0)]) {
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['set-cookie'], undefined);
    }
    assert.equal(sessionStore.sets, writes);
    await testApp.app.close();
  });

  it('the sign-in request of the application still saves its session (the plugin only guards)', async () => {
    const testApp = await buildApp();
    await signIn(testApp);
    assert.equal(testApp.sessions.size, 1);
    await testApp.app.close();
  });
});

describe('logout', () => {
  it('clears the cookie, also with a cookie prefix', async () => {
    const testApp = await buildApp({ session: { cookiePrefix: 's:' } });
    const { cookie } = await signIn(testApp);
    assert.match(cookie, /^sid=s%3A|^sid=s:/);
    const response = await logout(testApp, cookie);
    assert.deepEqual(response.json(), { version: 1, state: 'expired', reason: 'logout' });
    const setCookie = String(response.headers['set-cookie']);
    assert.match(setCookie, /^sid=;/);
    assert.match(setCookie, /Max-Age=0/);
    assert.match(setCookie, /Path=\//);
    assert.equal(testApp.sessions.size, 0);
    assert.equal((await readStatus(testApp, cookie)).json().reason, 'no-session');
    await testApp.app.close();
  });
});

describe('no resurrection', () => {
  it('a request in flight during logout cannot bring the session back', async () => {
    const testApp = await buildApp();
    const { cookie, sessionId } = await signIn(testApp);
    await page(testApp, cookie);
    testApp.gate = new Gate();
    const slow = api(testApp, cookie, '/slow');
    await testApp.gate.entered;
    assert.equal((await logout(testApp, cookie)).json().reason, 'logout');
    assert.equal(testApp.sessions.size, 0);
    testApp.gate.open();
    const slowResponse = await slow;
    assert.equal(slowResponse.statusCode, 200);
    // @fastify/session saved the modified blob back: the race is real ...
    assert.ok(testApp.sessions.has(sessionId), 'the late save wrote the blob back');
    // ... and the plugin refuses it.
    const next = await api(testApp, cookie);
    assert.equal(next.statusCode, 401);
    assert.equal(next.json().reason, 'logout');
    assert.equal(testApp.sessions.size, 0, 'the resurrected blob is destroyed');
    testApp.gate = null;
    assert.match((await page(testApp, cookie)).body, /anonymous/);
    await testApp.app.close();
  });

  it('a request in flight during expiry cannot bring the session back', async () => {
    const testApp = await buildApp();
    const { cookie, sessionId } = await signIn(testApp);
    await page(testApp, cookie);
    testApp.gate = new Gate();
    const slow = api(testApp, cookie, '/slow');
    await testApp.gate.entered;
    testApp.clock.advance(10_000);
    assert.equal((await api(testApp, cookie)).statusCode, 401);
    testApp.gate.open();
    await slow;
    assert.ok(testApp.sessions.has(sessionId), 'the late save wrote the blob back');
    testApp.gate = null;
    assert.equal((await page(testApp, cookie)).body, '<p>anonymous idle</p>');
    assert.equal(testApp.sessions.size, 0);
    await testApp.app.close();
  });

  it('a blob saved without the marker after logout is refused by the tombstone', async () => {
    const testApp = await buildApp();
    const { cookie, sessionId } = await signIn(testApp);
    // A copy of the blob as an in-flight request could save it, without the marker.
    const blob: Record<string, unknown> = {
      ...(testApp.sessions.get(sessionId) as Record<string, unknown>),
    };
    delete blob[SESSION_MARKER_KEY];
    await readStatus(testApp, cookie);
    await logout(testApp, cookie);
    testApp.sessions.set(sessionId, blob);
    assert.equal((await api(testApp, cookie)).json().reason, 'logout');
    await testApp.app.close();
  });
});

describe('store failures fail closed', () => {
  it('answers 503 store-unavailable to every kind of request, changes nothing, and recovers', async () => {
    const activityStore = new FlakyActivityStore();
    const testApp = await buildApp({ activityStore });
    const { cookie, sessionId } = await signIn(testApp);
    await page(testApp, cookie);
    testApp.clock.advance(3_000);
    activityStore.failing = true;
    const responses = [
      await api(testApp, cookie),
      await page(testApp, cookie),
      await readStatus(testApp, cookie),
      await report(testApp, cookie, 0),
      await logout(testApp, cookie),
    ];
    for (const response of responses) {
      assert.equal(response.statusCode, 503);
      assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.equal(response.headers['cache-control'], 'no-store');
      assert.equal(response.json().type, 'https://session-security.dev/problems/store-unavailable');
      assert.equal(response.headers['set-cookie'], undefined);
    }
    assert.ok(testApp.sessions.has(sessionId), 'the session is kept while the store is down');
    activityStore.failing = false;
    testApp.clock.advance(1_000);
    const status = (await readStatus(testApp, cookie)).json();
    assert.equal(status.state, 'active');
    assert.equal(status.idleSeconds, 4, 'the activity before the outage is kept');
    await testApp.app.close();
  });

  it('an anonymous caller is not affected by an activity store outage', async () => {
    const activityStore = new FlakyActivityStore();
    activityStore.failing = true;
    const testApp = await buildApp({ activityStore });
    assert.equal((await readStatus(testApp, null)).json().reason, 'no-session');
    await testApp.app.close();
  });

  it('a session store error is a 503 problem, not a 500, on the resource and on app routes', async () => {
    const sessionStore = new CountingSessionStore();
    const testApp = await buildApp({ sessionStore });
    const { cookie } = await signIn(testApp);
    sessionStore.get = (_id, callback) => callback(new Error('session store down'));
    for (const response of [
      await readStatus(testApp, cookie),
      await report(testApp, cookie, 0),
      await api(testApp, cookie),
      await page(testApp, cookie),
    ]) {
      assert.equal(response.statusCode, 503);
      assert.equal(response.json().type, 'https://session-security.dev/problems/store-unavailable');
      assert.equal(response.headers['cache-control'], 'no-store');
    }
    await testApp.app.close();
  });

  it("other errors still reach the route's and the application's error handlers", async () => {
    const fresh = await buildAppWith((instance) => {
      instance.setErrorHandler((error: Error, _request, reply) =>
        reply.code(418).send({ handledBy: 'app', message: error.message }),
      );
      instance.get('/boom', async () => {
        throw new Error('boom');
      });
      instance.get(
        '/own',
        {
          errorHandler: (error, _request, reply) => {
            reply.code(409).send({ handledBy: 'route', message: error.message });
          },
        },
        async () => {
          throw new Error('own');
        },
      );
    });
    assert.deepEqual((await fresh.inject({ method: 'GET', url: '/boom' })).json(), {
      handledBy: 'app',
      message: 'boom',
    });
    const own = await fresh.inject({ method: 'GET', url: '/own' });
    assert.equal(own.statusCode, 409);
    assert.equal(own.json().handledBy, 'route');
    await fresh.close();
  });
});
