import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SESSION_MARKER_KEY } from '../../server/fastify-session.js';
import { buildApp, REPORT_HEADERS, report, signIn } from './support/app.js';
import { api, page } from './support/requests.js';

describe('origin', () => {
  it('accepts the configured origin and refuses the request-derived one', async () => {
    const testApp = await buildApp({ plugin: { origin: 'https://app.example' } });
    const { cookie } = await signIn(testApp);
    const headers = { ...REPORT_HEADERS, cookie };
    const ok = await testApp.app.inject({
      method: 'POST',
      url: '/session-security',
      headers: { ...headers, origin: 'https://app.example' },
      payload: '{"idleSeconds":0}',
    });
    assert.equal(ok.statusCode, 200);
    const refused = await report(testApp, cookie, 0);
    assert.equal(refused.statusCode, 403);
    await testApp.app.close();
  });

  it('derives the origin from the request: host case and default port do not matter', async () => {
    const testApp = await buildApp();
    const { cookie } = await signIn(testApp);
    for (const host of ['LocalHost', 'localhost:80']) {
      const response = await testApp.app.inject({
        method: 'POST',
        url: '/session-security',
        headers: { ...REPORT_HEADERS, host, cookie },
        payload: '{"idleSeconds":0}',
      });
      assert.equal(response.statusCode, 200, host);
    }
    const otherPort = await testApp.app.inject({
      method: 'POST',
      url: '/session-security',
      headers: { ...REPORT_HEADERS, host: 'localhost:8080', cookie },
      payload: '{"idleSeconds":0}',
    });
    assert.equal(otherPort.statusCode, 403);
    await testApp.app.close();
  });

  it('behind a trusted proxy, derives the origin from X-Forwarded-Proto and X-Forwarded-Host', async () => {
    const testApp = await buildApp({ trustProxy: true });
    const { cookie } = await signIn(testApp);
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/session-security',
      headers: {
        ...REPORT_HEADERS,
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'app.example',
        origin: 'https://app.example',
        cookie,
      },
      payload: '{"idleSeconds":0}',
    });
    assert.equal(response.statusCode, 200, response.body);
    await testApp.app.close();
  });
});

describe('resource path', () => {
  it('serves the resource at the configured path only', async () => {
    const testApp = await buildApp({ plugin: { resourcePath: '/auth/ss' } });
    assert.equal(
      (await testApp.app.inject({ method: 'GET', url: '/auth/ss' })).json().reason,
      'no-session',
    );
    assert.equal(
      (await testApp.app.inject({ method: 'GET', url: '/session-security' })).statusCode,
      404,
    );
    await testApp.app.close();
  });
});

describe('sign-in starts the clocks', () => {
  it('idle time counts from the sign-in response, not from the next request', async () => {
    const testApp = await buildApp();
    const { cookie, sessionId } = await signIn(testApp);
    const record = await testApp.activity.get(sessionId);
    assert.equal(
      record?.startedAtMs,
      testApp.clock.nowMs,
      'the sign-in response started the record',
    );
    testApp.clock.advance(10_000);
    const response = await api(testApp, cookie);
    assert.equal(response.statusCode, 401, 'no request after sign-in for the whole idle timeout');
    assert.equal(response.json().reason, 'idle');
    await testApp.app.close();
  });

  it('a session that is still signed in keeps its record and its start time', async () => {
    const testApp = await buildApp();
    const { cookie, sessionId } = await signIn(testApp);
    const startedAtMs = testApp.clock.nowMs;
    testApp.clock.advance(4_000);
    assert.equal((await page(testApp, cookie)).statusCode, 200);
    const record = await testApp.activity.get(sessionId);
    assert.equal(record?.startedAtMs, startedAtMs);
    assert.equal(record?.lastActivityMs, startedAtMs + 4_000);
    await testApp.app.close();
  });
});

describe('sign-in marks the session', () => {
  it('a session never used after sign-in, whose record is gone, is over and not restarted', async () => {
    const testApp = await buildApp();
    const { cookie, sessionId } = await signIn(testApp);
    assert.equal(
      (testApp.sessions.get(sessionId) as Record<string, unknown>)[SESSION_MARKER_KEY],
      true,
      'the sign-in response saved the marker',
    );
    testApp.clock.advance(24 * 60 * 60 * 1000);
    const response = await api(testApp, cookie);
    assert.equal(response.statusCode, 401);
    assert.equal(response.json().reason, 'idle');
    await testApp.app.close();
  });
});
