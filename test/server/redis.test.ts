import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { RedisStore } from 'connect-redis';
import { createClient } from 'redis';
import { redisActivityStore } from '../../server/index.js';
import {
  buildApp,
  FETCH_HEADERS,
  PAGE_HEADERS,
  readStatus,
  report,
  signIn,
  type TestApp,
  TestClock,
} from './support/app.js';
import { RedisServer, redisUnavailableReason } from './support/redis-server.js';

const skip = redisUnavailableReason() ?? false;

type Client = ReturnType<typeof createClient>;

/** Two Fastify apps (two plugin instances) sharing one Redis for sessions and activity. */
describe('two instances sharing Redis (connect-redis sessions, redisActivityStore)', {
  skip,
}, () => {
  let server: RedisServer;
  let client: Client;
  let first: TestApp;
  let second: TestApp;
  const clock = new TestClock();

  async function instance(): Promise<TestApp> {
    return buildApp({
      clock,
      sessionStore: new RedisStore({ client, prefix: 'sess:' }),
      activityStore: redisActivityStore({ client, prefix: 'activity:', commandTimeoutMs: 500 }),
      plugin: { warnAfterSeconds: 40, expireAfterSeconds: 60 },
    });
  }

  before(async () => {
    server = await RedisServer.start();
    client = createClient({
      url: server.url,
      // Fail fast while Redis is away instead of queueing requests until it is back.
      disableOfflineQueue: true,
      socket: { reconnectStrategy: () => 50 },
    });
    client.on('error', () => {});
    await client.connect();
    first = await instance();
    second = await instance();
  });

  after(async () => {
    await first?.app.close();
    await second?.app.close();
    await client?.close();
    await server?.dispose();
  });

  async function page(app: TestApp, cookie: string) {
    return app.app.inject({ method: 'GET', url: '/page', headers: { ...PAGE_HEADERS, cookie } });
  }

  it('activity recorded on one instance is seen by the other', async () => {
    const { cookie } = await signIn(first);
    assert.match((await page(second, cookie)).body, /hello ada/, 'the session is shared');
    clock.advance(3_000);
    assert.equal((await readStatus(first, cookie)).json().idleSeconds, 3);
    await page(second, cookie);
    clock.advance(2_000);
    assert.equal((await readStatus(first, cookie)).json().idleSeconds, 2);
    assert.equal((await report(first, cookie, 1)).json().idleSeconds, 1);
    assert.equal((await readStatus(second, cookie)).json().idleSeconds, 1);
  });

  it('concurrent reports on both instances: last activity is the newest', async () => {
    const { cookie, sessionId } = await signIn(first);
    await page(first, cookie);
    clock.advance(30_000);
    const idles = Array.from({ length: 40 }, (_, index) => ((index * 17) % 40) * 0.5 + 0.25);
    const responses = await Promise.all(
      idles.map((idle, index) => report(index % 2 === 0 ? first : second, cookie, idle)),
    );
    for (const response of responses) assert.equal(response.statusCode, 200, response.body);
    const record = await first.activity.get(sessionId);
    assert.equal(record?.lastActivityMs, clock.nowMs - Math.min(...idles) * 1000);
    assert.equal((await readStatus(second, cookie)).json().idleSeconds, 0.25);
  });

  it('concurrent page loads and reports never move last activity back', async () => {
    const { cookie, sessionId } = await signIn(first);
    await page(first, cookie);
    clock.advance(20_000);
    await Promise.all([
      ...Array.from({ length: 10 }, (_, index) => page(index % 2 ? first : second, cookie)),
      ...Array.from({ length: 10 }, (_, index) => report(index % 2 ? second : first, cookie, 15)),
    ]);
    assert.equal((await first.activity.get(sessionId))?.lastActivityMs, clock.nowMs);
  });

  it('a logout on one instance ends the session on the other', async () => {
    const { cookie } = await signIn(first);
    await page(first, cookie);
    const logout = await second.app.inject({
      method: 'DELETE',
      url: '/session-security',
      headers: { ...FETCH_HEADERS, 'session-security-version': '1', cookie },
    });
    assert.equal(logout.json().reason, 'logout');
    assert.match((await page(first, cookie)).body, /anonymous/);
  });

  it('Redis stopped: fail closed; restarted: works again with nothing lost', async () => {
    const { cookie } = await signIn(first);
    await page(first, cookie);
    clock.advance(5_000);
    await client.sendCommand(['SAVE']);
    await server.stop();

    for (const app of [first, second]) {
      const status = await readStatus(app, cookie);
      assert.equal(status.statusCode, 503, status.body);
      assert.equal(status.json().type, 'https://session-security.dev/problems/store-unavailable');
      assert.equal(status.headers['cache-control'], 'no-store');
      const reported = await report(app, cookie, 0);
      assert.equal(reported.statusCode, 503);
      // The session store (connect-redis) fails inside @fastify/session: still a 503 problem.
      const pageResponse = await page(app, cookie);
      assert.equal(pageResponse.statusCode, 503);
      assert.equal(
        pageResponse.json().type,
        'https://session-security.dev/problems/store-unavailable',
      );
    }

    await server.restart();
    if (!client.isReady) await once(client, 'ready');
    const status = await readStatus(second, cookie);
    assert.equal(status.statusCode, 200, status.body);
    assert.deepEqual(
      { state: status.json().state, idleSeconds: status.json().idleSeconds },
      { state: 'active', idleSeconds: 5 },
      'the session and its activity survived the outage',
    );
    assert.match((await page(first, cookie)).body, /hello ada/);
  });

  it('activity is never kept in the session blob', async () => {
    const { cookie, sessionId } = await signIn(first);
    await page(first, cookie);
    const blob = JSON.parse(String(await client.sendCommand(['GET', `sess:${sessionId}`])));
    assert.deepEqual(Object.keys(blob).sort(), ['cookie', 'sessionSecurity', 'user']);
  });
});

describe('activity in Redis, sessions in memory: a Redis outage', { skip }, () => {
  it('answers 503 store-unavailable to page and API requests alike', async () => {
    const server = await RedisServer.start();
    const client = createClient({ url: server.url, disableOfflineQueue: true });
    client.on('error', () => {});
    await client.connect();
    const testApp = await buildApp({ activityStore: redisActivityStore({ client }) });
    try {
      const { cookie } = await signIn(testApp);
      await testApp.app.inject({
        method: 'GET',
        url: '/page',
        headers: { ...PAGE_HEADERS, cookie },
      });
      await server.stop();
      for (const headers of [PAGE_HEADERS, FETCH_HEADERS]) {
        const response = await testApp.app.inject({
          method: 'GET',
          url: '/page',
          headers: { ...headers, cookie },
        });
        assert.equal(response.statusCode, 503);
        assert.equal(
          response.json().type,
          'https://session-security.dev/problems/store-unavailable',
        );
      }
      assert.equal(testApp.sessions.size, 1, 'nothing was destroyed');
    } finally {
      await testApp.app.close();
      await client.close();
      await server.dispose();
    }
  });
});
