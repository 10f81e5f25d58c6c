// Two demo instances sharing one real redis-server (sessions through connect-redis, activity
// through the plugin's Redis store), as behind a load balancer: a session signed in on one is
// valid on the other, activity on one keeps it alive on the other, a logout on one ends it on both.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { type RunningDemo, startDemo } from './support/demo-server.js';
import { readStatus } from './support/http.js';
import { signInWithForm, waitForLoginInAll } from './support/pages.js';
import { type RunningRedis, redisUnavailableReason, startRedis } from './support/redis.js';

const unavailable = redisUnavailableReason();
if (unavailable && process.env.CI === 'true') {
  throw new Error(`CI=true but ${unavailable}`);
}

const EXPIRE_AFTER_SECONDS = 10;

describe('two demo instances sharing one Redis', {
  skip: unavailable ?? false,
  timeout: 90_000,
}, () => {
  let redis: RunningRedis;
  let first: RunningDemo;
  let second: RunningDemo;
  let browser: Browser;

  before(async () => {
    redis = await startRedis();
    const options = {
      warnAfterSeconds: 5,
      expireAfterSeconds: EXPIRE_AFTER_SECONDS,
      redisUrl: redis.url,
      sessionSecret: 'a shared secret for both instances of the e2e test',
    };
    [first, second, browser] = await Promise.all([
      startDemo(options),
      startDemo(options),
      launchChromium(),
    ]);
  });

  after(async () => {
    await browser?.close();
    await first?.close();
    await second?.close();
    await redis?.stop();
  });

  it('activity on one instance keeps the session alive on the other; logout on one ends it on both', async () => {
    const context = await browser.newContext();
    const active = await context.newPage();
    await signInWithForm(active, first.origin);
    // Cookies belong to the host, not the port: this tab on the second instance shares the session.
    const idle = await context.newPage();
    await idle.goto(`${second.origin}/other`);
    assert.equal(new URL(idle.url()).pathname, '/other', 'signed in on the second instance too');
    const [cookie] = await context.cookies();
    assert.ok(cookie);
    const cookieHeader = `${cookie.name}=${cookie.value}`;
    const idleLoadedMs = Date.now();

    // The user works in the first instance's tab only, past the expiry of the idle tab.
    while (Date.now() - idleLoadedMs < (EXPIRE_AFTER_SECONDS + 3) * 1000) {
      await active.keyboard.press('Shift');
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    }
    // 13 s after the idle tab's last page load (expiry: 10 s), only the activity reported through
    // the first instance can have kept the session alive on the second.
    const status = await readStatus(second.origin, cookieHeader);
    assert.equal(status.state, 'active', `second instance: ${JSON.stringify(status)}`);
    assert.equal(new URL(idle.url()).pathname, '/other', 'the idle tab is still signed in');
    assert.equal(await idle.locator('main[data-authenticated]').isVisible(), true);

    await active.locator('#logout').click();
    await waitForLoginInAll([active], first.origin, 5_000, 'logout');
    const afterLogout = await readStatus(second.origin, cookieHeader);
    assert.equal(
      afterLogout.state,
      'expired',
      'the logout on the first instance ended it on the second',
    );
    const reload = await idle.goto(`${second.origin}/other`);
    assert.equal(new URL(idle.url()).pathname, '/login');
    assert.equal(reload?.status(), 200);
    await context.close();
  });
});
