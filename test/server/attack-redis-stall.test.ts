import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { redisActivityStore } from '../../server/index.js';
import {
  buildApp,
  FETCH_HEADERS,
  PAGE_HEADERS,
  readStatus,
  signIn,
  type TestApp,
} from './support/app.js';
import { RedisServer, redisUnavailableReason } from './support/redis-server.js';
import { connectRedis } from './support/store-matrix.js';

// Issue 14, finding 3: with Redis frozen (SIGSTOP), requests hung instead of failing closed:
// node-redis stops timing a command once it is written to the socket.

const COMMAND_TIMEOUT_MS = 300;
/** A hang fails the test instead of the suite: far above the command timeout. */
const HANG_MS = 5_000;

describe('a frozen redis-server (SIGSTOP): 503 in time, never a hang', {
  skip: redisUnavailableReason() ?? false,
}, () => {
  let server: RedisServer;
  let client: Awaited<ReturnType<typeof connectRedis>>;
  let testApp: TestApp;

  before(async () => {
    server = await RedisServer.start();
    client = await connectRedis(server);
    testApp = await buildApp({
      activityStore: redisActivityStore({ client, commandTimeoutMs: COMMAND_TIMEOUT_MS }),
    });
  });
  after(async () => {
    // A failed (timed out) test leaves Redis frozen, and closing the client would wait forever.
    server?.resume();
    await testApp?.app.close();
    await server?.dispose();
    await client?.close().catch(() => {});
  });

  it('page, API, status read, report and logout fail closed while Redis is frozen', {
    timeout: HANG_MS,
  }, async () => {
    const { cookie } = await signIn(testApp);
    server.pause();
    try {
      const requests = [
        testApp.app.inject({ method: 'GET', url: '/page', headers: { ...PAGE_HEADERS, cookie } }),
        testApp.app.inject({
          method: 'GET',
          url: '/api/data',
          headers: { ...FETCH_HEADERS, cookie },
        }),
        readStatus(testApp, cookie),
        testApp.app.inject({
          method: 'POST',
          url: '/session-security',
          headers: {
            ...FETCH_HEADERS,
            cookie,
            'content-type': 'application/json',
            'session-security-version': '1',
          },
          payload: '{"idleSeconds":0}',
        }),
        testApp.app.inject({
          method: 'DELETE',
          url: '/session-security',
          headers: { ...FETCH_HEADERS, cookie, 'session-security-version': '1' },
        }),
      ];
      for (const response of await Promise.all(requests)) {
        assert.equal(response.statusCode, 503, response.body);
        assert.match(response.json().type, /store-unavailable$/);
        assert.equal(response.headers['set-cookie'], undefined);
      }
    } finally {
      server.resume();
    }
    // Back: the session is usable, or ended by the logout that Redis ran late; never revived
    // after an end.
    const state = (await readStatus(testApp, cookie)).json().state;
    const page = await testApp.app.inject({
      method: 'GET',
      url: '/page',
      headers: { ...PAGE_HEADERS, cookie },
    });
    if (state === 'expired') assert.match(page.body, /anonymous/);
    else assert.match(page.body, /hello ada/);
  });
});
