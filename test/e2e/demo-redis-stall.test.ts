// Issue 14, finding 3: with the demo's Redis frozen (SIGSTOP), requests hung for good instead
// of failing closed; those whose clients gave up were applied when Redis came back.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type RunningDemo, startDemo } from './support/demo-server.js';
import { getPage, readStatus, reportActivity, signIn } from './support/http.js';
import { type RunningRedis, redisUnavailableReason, startRedis } from './support/redis.js';

const STORE_TIMEOUT_MS = 300;

describe('the demo with a frozen redis-server', {
  skip: redisUnavailableReason() ?? false,
}, () => {
  let redis: RunningRedis;
  let demo: RunningDemo;

  before(async () => {
    redis = await startRedis();
    demo = await startDemo({
      warnAfterSeconds: 30,
      expireAfterSeconds: 60,
      redisUrl: redis.url,
      storeTimeoutMs: STORE_TIMEOUT_MS,
    });
  });
  after(async () => {
    // A failed (timed out) test leaves Redis frozen, and closing the client would wait forever.
    redis?.resume();
    await demo?.close();
    await redis?.stop();
  });

  it('answers 503 to pages and protocol requests in time, then works again', {
    timeout: 5_000,
  }, async () => {
    const cookie = await signIn(demo.origin);
    redis.pause();
    try {
      const answers = await Promise.all([
        getPage(demo.origin, '/other', cookie),
        reportActivity(demo.origin, cookie, 0),
        getPage(demo.origin, '/login'),
      ]);
      for (const answer of answers.slice(0, 2)) {
        assert.equal(answer.status, 503, answer.text);
        assert.deepEqual(answer.setCookies, []);
      }
      assert.equal(answers[2]?.status, 200, 'a page without a session cookie needs no store');
    } finally {
      redis.resume();
    }
    assert.equal((await readStatus(demo.origin, cookie)).state, 'active');
    assert.equal((await getPage(demo.origin, '/other', cookie)).status, 200);
  });
});
