import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { signedSessionId } from '../../server/fastify-session.js';
import { type ActivityStore, memoryActivityStore } from '../../server/index.js';
import { buildApp, FETCH_HEADERS, signIn, type TestApp } from './support/app.js';

// Issue 18: what the plugin does on every signed-in request, counted (the time it takes is
// measured by the bench, never asserted).

/**
 * Counts the calls of each method of a store. `ownStore`: the memory store itself, with its own
 * read without a promise; else a plain wrapper around one, as any other store is.
 */
function countingStore(ownStore: boolean) {
  const inner = memoryActivityStore();
  const store: ActivityStore = ownStore
    ? inner
    : {
        get: (id) => inner.get(id),
        start: (id, options) => inner.start(id, options),
        advance: (id, options) => inner.advance(id, options),
        end: (id, options) => inner.end(id, options),
      };
  const calls = { get: 0, start: 0, advance: 0, end: 0 };
  for (const method of ['get', 'start', 'advance', 'end'] as const) {
    const original = store[method].bind(store) as (...args: unknown[]) => Promise<unknown>;
    (store as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      calls[method] += 1;
      return original(...args);
    };
  }
  return { store, calls };
}

async function activeRequests(testApp: TestApp, cookie: string, count: number): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    const response = await testApp.app.inject({
      method: 'GET',
      url: '/api/data',
      headers: { ...FETCH_HEADERS, cookie },
    });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().state.status.state, 'active');
  }
}

/** Store calls made by `count` active requests after sign-in (`ownStore`: see countingStore). */
async function storeCallsOfActiveRequests(ownStore: boolean, count: number) {
  const { store, calls } = countingStore(ownStore);
  const testApp = await buildApp({ activityStore: store });
  try {
    const { cookie } = await signIn(testApp);
    const before = { ...calls };
    await activeRequests(testApp, cookie, count);
    return {
      get: calls.get - before.get,
      writes:
        calls.start + calls.advance + calls.end - (before.start + before.advance + before.end),
      advance: calls.advance - before.advance,
    };
  } finally {
    await testApp.app.close();
  }
}

describe('the hot path: a signed-in request', () => {
  it('reads the memory store without a promise: no get() call for 10 active requests', async () => {
    const calls = await storeCallsOfActiveRequests(true, 10);
    assert.equal(calls.get, 0);
    assert.equal(calls.writes, 0);
  });

  it('reads any other store once per request: 10 get() calls for 10 active requests', async () => {
    const calls = await storeCallsOfActiveRequests(false, 10);
    assert.equal(calls.get, 10);
    assert.equal(calls.advance, 0, 'the clock did not move: no write');
  });

  it('suppresses the session save of a passive request without changing the session shape', async () => {
    const seen: { own: boolean; getter: unknown; signed: string | undefined }[] = [];
    const testApp = await buildApp({
      session: { rolling: true },
      extend: (app) => {
        app.addHook('onSend', (request: FastifyRequest, _reply, payload, done) => {
          const session = request.session as unknown as Parameters<typeof signedSessionId>[0];
          seen.push({
            own: Object.hasOwn(session, 'encryptedSessionId'),
            getter: session.encryptedSessionId,
            signed: signedSessionId(session),
          });
          done(null, payload);
        });
      },
    });
    try {
      const { cookie, sessionId } = await signIn(testApp);
      const response = await testApp.app.inject({
        method: 'GET',
        url: '/poll',
        headers: { ...FETCH_HEADERS, cookie },
      });
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['set-cookie'], undefined, 'rolling: true, yet no cookie');
      const last = seen.at(-1);
      assert.equal(last?.own, false, 'no own property shadows the getter');
      assert.equal(last?.getter, undefined);
      assert.ok(last?.signed?.startsWith(`${sessionId}.`), 'the signed id is still readable');
      assert.ok(decodeURIComponent(cookie).endsWith(last?.signed ?? '-'));
    } finally {
      await testApp.app.close();
    }
  });
});
