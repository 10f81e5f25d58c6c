// Issue 14, finding 1: a request in flight (a slow POST /draft) saved the session again after the
// demo's form logout or a new sign-in, and the old cookie worked again.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setImmediate } from 'node:timers/promises';
import { adjustableClock, type RunningDemo, startDemo } from './support/demo-server.js';
import { holdRequest } from './support/held-request.js';
import { getPage, postForm, readStatus, signIn } from './support/http.js';
import { type RunningRedis, redisUnavailableReason, startRedis } from './support/redis.js';

const modes = [
  { name: 'memory', skip: false as string | false },
  { name: 'Redis', skip: (redisUnavailableReason() ?? false) as string | false },
];

for (const mode of modes) {
  describe(`a request in flight cannot revive a session (${mode.name} mode)`, {
    skip: mode.skip,
  }, () => {
    const clock = adjustableClock({ frozen: true });
    let demo: RunningDemo;
    let redis: RunningRedis | null = null;

    before(async () => {
      if (mode.name === 'Redis') redis = await startRedis();
      demo = await startDemo({
        warnAfterSeconds: 30,
        expireAfterSeconds: 60,
        nowMs: clock.nowMs,
        ...(redis ? { redisUrl: redis.url } : {}),
      });
    });
    after(async () => {
      await demo?.close();
      await redis?.stop();
    });

    /**
     * A POST /draft whose body is still on its way once the server has checked its session: its
     * activity (the clock moved 2 s) is what tells the test that the hooks ran.
     */
    async function holdDraft(cookie: string) {
      clock.advance(2_000);
      const held = holdRequest(
        demo.origin,
        'POST',
        '/draft',
        {
          cookie,
          'content-type': 'application/x-www-form-urlencoded',
          'sec-fetch-site': 'same-origin',
          'sec-fetch-mode': 'navigate',
          origin: demo.origin,
        },
        'draft=written+before+the+logout',
      );
      while ((await readStatus(demo.origin, cookie)).idleSeconds !== 0) await setImmediate();
      return held;
    }

    it('after the form logout (POST /logout)', async () => {
      const cookie = await signIn(demo.origin);
      const held = await holdDraft(cookie);
      const logout = await postForm(demo.origin, '/logout', {}, { cookie });
      assert.equal(logout.status, 303);
      assert.equal(logout.headers.location, '/login?reason=logout');
      await held.finish();
      const other = await getPage(demo.origin, '/other', cookie);
      assert.equal(other.status, 303, 'the old cookie must not show the signed-in page');
      assert.match(String(other.headers.location), /^\/login/);
    });

    it('after a new sign-in rotated the session', async () => {
      const cookie = await signIn(demo.origin);
      const held = await holdDraft(cookie);
      const again = await postForm(
        demo.origin,
        '/login',
        { username: 'demo', password: 'demo' },
        { cookie },
      );
      assert.equal(again.status, 303);
      const fresh = (again.setCookies[0] ?? '').split(';')[0] ?? '';
      assert.notEqual(fresh, cookie, 'a new session id');
      await held.finish();
      const other = await getPage(demo.origin, '/other', cookie);
      assert.equal(other.status, 303, 'the old cookie must not show the signed-in page');
      assert.equal((await getPage(demo.origin, '/other', fresh)).status, 200, 'the new one works');
    });
  });
}
