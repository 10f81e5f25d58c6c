import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildApp, signIn, type TestApp } from './support/app.js';

const METHODS = ['POST', 'DELETE'] as const;
const CONTENT_TYPES = [
  undefined,
  'application/json',
  'Application/JSON; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json-patch+json',
] as const;
const VERSION_HEADERS = [undefined, '1', '2'] as const;
const FETCH_SITES = [undefined, 'same-origin', 'same-site', 'cross-site', 'none'] as const;
const ORIGINS = [
  undefined,
  'http://localhost',
  'http://evil.example',
  'null',
  'https://localhost',
] as const;

type Expected = { status: number; problem?: string };

/** The specification's order of checks, written out independently of the plugin. */
function expected(
  method: string,
  contentType: string | undefined,
  version: string | undefined,
  site: string | undefined,
  origin: string | undefined,
): Expected {
  if (site !== undefined && site !== 'same-origin')
    return { status: 403, problem: 'cross-site-request' };
  if (origin !== undefined && origin !== 'http://localhost') {
    return { status: 403, problem: 'cross-site-request' };
  }
  if (version === undefined) return { status: 403, problem: 'missing-version-header' };
  if (version !== '1') return { status: 400, problem: 'unsupported-version' };
  const json = contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
  if (method === 'POST' && !json) return { status: 415, problem: 'unsupported-media-type' };
  return { status: 200 };
}

async function liveRecord(testApp: TestApp, sessionId: string) {
  return JSON.stringify(await testApp.activity.get(sessionId));
}

describe('CSRF matrix: method x content type x version header x Sec-Fetch-Site x Origin', () => {
  it('answers every combination as the specification orders the checks; a refusal changes nothing', async () => {
    // Long timeouts: the clock moves 1 s per request so that an applied report would show.
    const testApp = await buildApp({
      plugin: { warnAfterSeconds: 3000, expireAfterSeconds: 3600 },
    });
    let session = await signIn(testApp);
    let combinations = 0;
    for (const method of METHODS) {
      for (const contentType of CONTENT_TYPES) {
        for (const version of VERSION_HEADERS) {
          for (const site of FETCH_SITES) {
            for (const origin of ORIGINS) {
              combinations += 1;
              testApp.clock.advance(1_000);
              const before = await liveRecord(testApp, session.sessionId);
              const headers: Record<string, string> = { host: 'localhost', cookie: session.cookie };
              if (contentType !== undefined) headers['content-type'] = contentType;
              if (version !== undefined) headers['session-security-version'] = version;
              if (site !== undefined) headers['sec-fetch-site'] = site;
              if (origin !== undefined) headers.origin = origin;
              const response = await testApp.app.inject({
                method,
                url: '/session-security',
                headers,
                payload: '{"idleSeconds":0}',
              });
              const want = expected(method, contentType, version, site, origin);
              const label = JSON.stringify({ method, contentType, version, site, origin });
              assert.equal(response.statusCode, want.status, `${label}: ${response.body}`);
              assert.equal(response.headers['cache-control'], 'no-store', label);
              assert.equal(response.headers['access-control-allow-origin'], undefined, label);
              if (want.problem) {
                assert.equal(
                  response.json().type,
                  `https://session-security.dev/problems/${want.problem}`,
                  label,
                );
                assert.equal(response.headers['set-cookie'], undefined, label);
                assert.equal(await liveRecord(testApp, session.sessionId), before, label);
                assert.ok(testApp.sessions.has(session.sessionId), label);
              } else if (method === 'DELETE') {
                assert.equal(response.json().reason, 'logout', label);
                assert.equal(testApp.sessions.has(session.sessionId), false, label);
                session = await signIn(testApp);
              } else {
                assert.equal(response.json().idleSeconds, 0, label);
              }
            }
          }
        }
      }
    }
    assert.equal(combinations, 2 * 7 * 3 * 5 * 5);
    await testApp.app.close();
  });

  it('refuses a duplicated Origin header', async () => {
    const testApp = await buildApp();
    const { cookie } = await signIn(testApp);
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/session-security',
      headers: {
        host: 'localhost',
        cookie,
        origin: ['http://localhost', 'http://localhost'] as unknown as string,
        'content-type': 'application/json',
        'session-security-version': '1',
      },
      payload: '{"idleSeconds":0}',
    });
    assert.equal(response.statusCode, 403);
    await testApp.app.close();
  });

  it('status reads need no header and are never refused as cross-site (they change nothing)', async () => {
    const testApp = await buildApp();
    const { cookie } = await signIn(testApp);
    const response = await testApp.app.inject({
      method: 'GET',
      url: '/session-security',
      headers: {
        host: 'localhost',
        cookie,
        'sec-fetch-site': 'cross-site',
        origin: 'http://evil.example',
      },
    });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().state, 'active');
    assert.equal(response.headers['access-control-allow-origin'], undefined);
    await testApp.app.close();
  });
});
