import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseActivityReport } from '../../protocol/index.js';
import { buildApp, REPORT_HEADERS, signIn, type TestApp } from './support/app.js';
import { seededRandom } from './support/prng.js';

async function post(testApp: TestApp, cookie: string, payload: string | Buffer, headers = {}) {
  return testApp.app.inject({
    method: 'POST',
    url: '/session-security',
    headers: { ...REPORT_HEADERS, cookie, ...headers },
    payload,
  });
}

async function snapshot(testApp: TestApp, sessionId: string) {
  return JSON.stringify([await testApp.activity.get(sessionId), testApp.sessions.get(sessionId)]);
}

const BAD_BODIES: Array<[string, string, number]> = [
  ['a string member', '{"idleSeconds":"5"}', 400],
  ['a boolean member', '{"idleSeconds":true}', 400],
  ['a null member', '{"idleSeconds":null}', 400],
  ['an array member', '{"idleSeconds":[5]}', 400],
  ['an object member', '{"idleSeconds":{"n":5}}', 400],
  ['a negative number', '{"idleSeconds":-1}', 400],
  ['a tiny negative number', '{"idleSeconds":-1e-300}', 400],
  ['more than a year', '{"idleSeconds":31536000.001}', 400],
  ['1e309 (Infinity)', '{"idleSeconds":1e309}', 400],
  ['NaN', '{"idleSeconds":NaN}', 400],
  ['a missing member', '{"idle":5}', 400],
  ['an array body', '[{"idleSeconds":5}]', 400],
  ['a string body', '"idleSeconds"', 400],
  ['a number body', '5', 400],
  ['null', 'null', 400],
  ['an empty body', '', 400],
  ['invalid JSON', '{"idleSeconds":', 400],
  ['trailing garbage', '{"idleSeconds":1} x', 400],
  ['a prototype-poisoning body', '{"__proto__":{"idleSeconds":1}}', 400],
  ['an oversize body', `{"idleSeconds":1,"pad":"${'x'.repeat(1100)}"}`, 413],
  ['an oversize multibyte body', `{"idleSeconds":1,"pad":"${'é'.repeat(600)}"}`, 413],
];

describe('bad input', () => {
  for (const [name, payload, status] of BAD_BODIES) {
    it(`refuses ${name} with ${status} problem+json and changes nothing`, async () => {
      const testApp = await buildApp();
      const { cookie, sessionId } = await signIn(testApp);
      await post(testApp, cookie, '{"idleSeconds":0}');
      testApp.clock.advance(3_000);
      const before = await snapshot(testApp, sessionId);
      const response = await post(testApp, cookie, payload);
      assert.equal(response.statusCode, status, response.body);
      assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.equal(response.headers['cache-control'], 'no-store');
      const problem = response.json();
      assert.equal(problem.status, status);
      assert.equal(typeof problem.detail, 'string');
      assert.equal(response.headers['set-cookie'], undefined);
      assert.equal(await snapshot(testApp, sessionId), before);
      await testApp.app.close();
    });
  }

  it('names what is wrong', async () => {
    const testApp = await buildApp();
    const { cookie } = await signIn(testApp);
    const response = await post(testApp, cookie, '{"idleSeconds":-1}');
    assert.equal(response.json().detail, 'idleSeconds must be at least 0, got -1');
    await testApp.app.close();
  });

  it('accepts 1024 bytes and fractions, ignores unknown members', async () => {
    const testApp = await buildApp();
    const { cookie } = await signIn(testApp);
    await post(testApp, cookie, '{"idleSeconds":0}');
    testApp.clock.advance(5_000);
    const body = `{"idleSeconds":2.5,"x":"${'y'.repeat(1024 - 26)}"}`;
    assert.equal(Buffer.byteLength(body), 1024);
    const response = await post(testApp, cookie, body);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().idleSeconds, 2.5);
    await testApp.app.close();
  });
});

function randomBody(random: () => number): string | Buffer {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const numbers = [
    0,
    -0,
    1,
    -1,
    0.5,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.MAX_VALUE,
    31_536_000,
    31_536_001,
    1e-320,
    2 ** 53,
    -(2 ** 31),
  ];
  const scalar = (): unknown =>
    pick([
      () => pick(numbers),
      () => (random() - 0.5) * 10 ** Math.floor(random() * 12),
      () => String(Math.floor(random() * 100)),
      () => random() < 0.5,
      () => null,
      () => [],
      () => ({}),
      () => 'x'.repeat(Math.floor(random() * 40)),
    ])();
  const kind = Math.floor(random() * 6);
  if (kind === 0) {
    return Buffer.from(
      Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256)),
    );
  }
  if (kind === 1) return JSON.stringify(scalar());
  if (kind === 2) {
    const text = JSON.stringify({ idleSeconds: scalar(), other: scalar() });
    return text.slice(0, Math.floor(random() * (text.length + 1)));
  }
  if (kind === 3)
    return `{"idleSeconds":${pick(['1e309', 'NaN', '-0', '01', '.5', '1.', '0x10', 'Infinity', '"1"', '1e-7'])}}`;
  if (kind === 4) {
    const member = pick(['idleSeconds', 'IdleSeconds', 'idle_seconds', '__proto__', 'constructor']);
    return `{"${member}":${JSON.stringify(scalar())}}`;
  }
  return JSON.stringify({ idleSeconds: scalar(), pad: 'z'.repeat(Math.floor(random() * 1100)) });
}

describe('fuzz', () => {
  it('3000 random bodies: never a 5xx, and the session never changes (its idle time is 0)', async () => {
    const seed = 20_260_326;
    const random = seededRandom(seed);
    const testApp = await buildApp();
    const { cookie, sessionId } = await signIn(testApp);
    // Last activity = now: no valid report can move it, so any change would be a bug.
    await post(testApp, cookie, '{"idleSeconds":0}');
    const before = await snapshot(testApp, sessionId);
    const seen = new Set<number>();
    for (let index = 0; index < 3000; index += 1) {
      const body = randomBody(random);
      const response = await post(testApp, cookie, body);
      seen.add(response.statusCode);
      const label = `seed ${seed}, case ${index}: ${String(body).slice(0, 80)}`;
      assert.ok(response.statusCode < 500, `${label} -> ${response.statusCode} ${response.body}`);
      assert.equal(response.headers['cache-control'], 'no-store', label);
      if (response.statusCode === 200) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(String(body));
        } catch {
          assert.fail(`${label}: accepted a body that is not JSON`);
        }
        assert.ok(parsed !== undefined && parsed !== null);
        assert.ok(parseActivityReport(parsed).ok, `${label}: accepted an invalid report`);
      } else {
        assert.equal(
          response.headers['content-type'],
          'application/problem+json; charset=utf-8',
          label,
        );
      }
      assert.equal(await snapshot(testApp, sessionId), before, label);
    }
    assert.ok(seen.has(200) && seen.has(400) && seen.has(413), `statuses seen: ${[...seen]}`);
    await testApp.app.close();
  });
});
