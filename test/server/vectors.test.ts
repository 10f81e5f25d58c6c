import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { TestVector, VectorSessionState } from '../../protocol/index.js';
import { memoryActivityStore } from '../../server/index.js';
import { buildApp, signIn, type TestApp } from './support/app.js';

// Compiled to build/test/server/; the vectors stay in the source tree.
const vectorsDir = new URL('../../../protocol/vectors/', import.meta.url);
const vectorFiles = readdirSync(vectorsDir)
  .filter((name) => name.endsWith('.json'))
  .sort();

const RECORD_TTL_MS = 3_600_000;

async function seed(
  testApp: TestApp,
  prior: VectorSessionState,
): Promise<{ sessionId: string; cookie: string } | null> {
  if (prior.session === 'none') return null;
  assert.ok(prior.idleMs <= prior.ageMs, 'a vector cannot be idle longer than it is old');
  const nowMs = testApp.clock.nowMs;
  // Sign in ageMs ago: the sign-in response starts the session's clocks.
  const signInMs = nowMs - prior.ageMs;
  testApp.clock.nowMs = signInMs;
  const { sessionId, cookie } = await signIn(testApp);
  testApp.clock.nowMs = nowMs;
  // The activity between sign-in and now, as one write made while the record was alive.
  await testApp.activity.advance(sessionId, {
    lastActivityMs: nowMs - prior.idleMs,
    minStepMs: 0,
    nowMs: signInMs,
    ttlMs: RECORD_TTL_MS,
  });
  return { sessionId, cookie };
}

async function assertAfter(
  testApp: TestApp,
  sessionId: string | null,
  after: VectorSessionState,
): Promise<void> {
  if (after.session === 'none') {
    assert.equal(testApp.sessions.size, 0, 'no session is left in the session store');
    if (sessionId) {
      const record = await testApp.activity.get(sessionId);
      assert.ok(record === null || record.endedReason !== undefined, 'the activity record ended');
    }
    return;
  }
  assert.ok(sessionId, 'the vector starts with a session');
  assert.ok(testApp.sessions.has(sessionId), 'the session is still in the session store');
  const record = await testApp.activity.get(sessionId);
  assert.ok(record && record.endedReason === undefined, 'the activity record is live');
  assert.equal(testApp.clock.nowMs - record.lastActivityMs, after.idleMs, 'idle ms after');
  assert.equal(testApp.clock.nowMs - record.startedAtMs, after.ageMs, 'age ms after');
}

describe('protocol vectors replayed through the plugin', () => {
  it('finds vector files to replay', () => {
    assert.ok(vectorFiles.length > 0, `no vector in ${vectorsDir.pathname}`);
  });

  for (const file of vectorFiles) {
    const vector = JSON.parse(readFileSync(new URL(file, vectorsDir), 'utf8')) as TestVector;
    it(`${vector.name}: ${vector.description}`, async () => {
      const testApp = await buildApp({
        plugin: {
          warnAfterSeconds: vector.timeouts.warnAfterSeconds,
          expireAfterSeconds: vector.timeouts.expireAfterSeconds,
          absoluteTimeoutSeconds: vector.timeouts.absoluteTimeoutSeconds,
        },
        activityStore: memoryActivityStore(),
      });
      try {
        const seeded = await seed(testApp, vector.prior);
        const response = await testApp.app.inject({
          method: vector.request.method as 'GET',
          url: vector.request.path,
          headers: {
            ...vector.request.headers,
            ...(seeded ? { cookie: seeded.cookie } : {}),
          },
          ...(vector.request.body === undefined ? {} : { payload: vector.request.body }),
          ...(vector.request.bodyBase64 === undefined
            ? {}
            : { payload: Buffer.from(vector.request.bodyBase64, 'base64') }),
        });
        assert.equal(response.statusCode, vector.response.status, response.body);
        const mediaType = String(response.headers['content-type'] ?? '').split(';')[0];
        assert.equal(mediaType, vector.response.contentType);
        if (vector.response.body !== undefined) {
          assert.deepEqual(response.json(), vector.response.body);
        }
        if (vector.response.problemType !== undefined) {
          assert.equal((response.json() as { type: string }).type, vector.response.problemType);
        }
        if (vector.request.method === 'HEAD') assert.equal(response.body, '');
        for (const [name, value] of Object.entries(vector.response.headers ?? {})) {
          assert.equal(response.headers[name], value, `header ${name}`);
        }
        for (const name of vector.response.absentHeaders ?? []) {
          assert.equal(response.headers[name], undefined, `header ${name} must be absent`);
        }
        await assertAfter(testApp, seeded?.sessionId ?? null, vector.after);
      } finally {
        await testApp.app.close();
      }
    });
  }
});
