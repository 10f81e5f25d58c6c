// The demo's server side over plain HTTP, with the server clock moved by the test (no waits):
// sign-in, protected pages, logout, the signed-out reasons, headers, CSRF refusals, cookie replay.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type AdjustableClock,
  adjustableClock,
  type RunningDemo,
  startDemo,
} from './support/demo-server.js';
import { getPage, postForm, readStatus, reportActivity, send, signIn } from './support/http.js';

const WARN_AFTER_SECONDS = 5;
const EXPIRE_AFTER_SECONDS = 10;
const ABSOLUTE_TIMEOUT_SECONDS = 30;

let demo: RunningDemo;
let clock: AdjustableClock;

before(async () => {
  clock = adjustableClock({ frozen: true });
  demo = await startDemo({
    warnAfterSeconds: WARN_AFTER_SECONDS,
    expireAfterSeconds: EXPIRE_AFTER_SECONDS,
    absoluteTimeoutSeconds: ABSOLUTE_TIMEOUT_SECONDS,
    nowMs: clock.nowMs,
  });
});

after(() => demo.close());

describe('sign-in', () => {
  it('redirects protected pages to /login without creating a session', async () => {
    for (const path of ['/', '/other']) {
      const response = await getPage(demo.origin, path);
      assert.equal(response.status, 303);
      assert.equal(response.headers.location, '/login');
      assert.deepEqual(response.setCookies, []);
    }
  });

  it('shows a login form with username and password, never cached, under a strict CSP', async () => {
    const response = await getPage(demo.origin, '/login');
    assert.equal(response.status, 200);
    const body = response.text;
    assert.match(body, /<form method="post" action="\/login"/);
    assert.match(body, /name="username"/);
    assert.match(body, /name="password" type="password"/);
    assert.equal(response.headers['cache-control'], 'no-store');
    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.deepEqual(response.setCookies, []);
    assert.doesNotMatch(body, /<script>|<style>| on\w+=/, 'no inline script or style');
  });

  it('re-shows the form with an error on wrong credentials, and creates no session', async () => {
    const response = await postForm(demo.origin, '/login', { username: 'demo', password: 'nope' });
    assert.equal(response.status, 200);
    const body = response.text;
    assert.match(body, /Wrong username or password/);
    assert.match(body, /value="demo"/, 'the username is kept');
    assert.deepEqual(response.setCookies, []);
  });

  it('refuses a form without a password with a 400 and no session', async () => {
    const response = await postForm(demo.origin, '/login', { username: 'demo' });
    assert.equal(response.status, 400);
    assert.match(response.text, /password/);
    assert.deepEqual(response.setCookies, []);
  });

  it('refuses a cross-site sign-in post (login CSRF)', async () => {
    const crossSite = { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' };
    const fields = { username: 'demo', password: 'demo' };
    const response = await postForm(demo.origin, '/login', fields, crossSite);
    assert.equal(response.status, 403);
    assert.deepEqual(response.setCookies, []);
  });

  it('signs demo/demo in with an HttpOnly, SameSite=Lax session cookie (not Secure: plain http)', async () => {
    const response = await postForm(demo.origin, '/login', { username: 'demo', password: 'demo' });
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, '/');
    const [cookie] = response.setCookies;
    assert.match(cookie ?? '', /^sid=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/);
  });

  it('serves protected pages with the element, logout, a new-tab link, the draft and widget', async () => {
    const cookie = await signIn(demo.origin);
    const home = await getPage(demo.origin, '/', cookie);
    assert.equal(home.status, 200);
    assert.equal(home.headers['cache-control'], 'no-store');
    const body = home.text;
    assert.match(body, /<script type="module" src="\/assets\/session-security.js"><\/script>/);
    assert.match(body, /<session-security [^>]*><\/session-security>/);
    assert.match(body, /<form method="post" action="\/logout"/);
    assert.match(body, /target="_blank"/);
    assert.match(body, /<textarea id="draft"/);
    assert.match(body, /id="server-clock"/);
    const other = await getPage(demo.origin, '/other', cookie);
    assert.equal(other.status, 200);
    assert.match(other.text, /<session-security /);
  });

  it('redirects /login to / for a signed-in user', async () => {
    const cookie = await signIn(demo.origin);
    const response = await getPage(demo.origin, '/login', cookie);
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, '/');
  });
});

describe('the login page says why the user was signed out', () => {
  const messages: [string, RegExp][] = [
    ['idle', /signed out after 10 seconds of inactivity/],
    ['absolute', /maximum length/],
    ['logout', /You have signed out/],
  ];
  for (const [reason, message] of messages) {
    it(`?reason=${reason}`, async () => {
      const response = await getPage(demo.origin, `/login?reason=${reason}`);
      assert.equal(response.status, 200);
      assert.match(response.text, message);
    });
  }

  it('refuses an unknown reason with a 400 that names it, and echoes no markup', async () => {
    const response = await getPage(demo.origin, '/login?reason=%3Cscript%3E');
    assert.equal(response.status, 400);
    const body = response.text;
    assert.match(body, /reason/);
    assert.doesNotMatch(body, /<script>/);
  });
});

describe('expiry on the server (the demo clock moved by the test)', () => {
  it('keeps a session 1 ms before the idle deadline; a page load counts as activity', async () => {
    const cookie = await signIn(demo.origin);
    clock.advance(EXPIRE_AFTER_SECONDS * 1000 - 1);
    assert.equal((await getPage(demo.origin, '/', cookie)).status, 200);
    clock.advance(EXPIRE_AFTER_SECONDS * 1000 - 1);
    assert.equal((await getPage(demo.origin, '/other', cookie)).status, 200);
  });

  it('signs out at the idle deadline, says why, and refuses the replayed cookie after', async () => {
    const cookie = await signIn(demo.origin);
    clock.advance(EXPIRE_AFTER_SECONDS * 1000);
    const expired = await getPage(demo.origin, '/', cookie);
    assert.equal(expired.status, 303);
    assert.equal(expired.headers.location, '/login?reason=idle');
    const login = await getPage(demo.origin, '/login?reason=idle');
    assert.match(login.text, /inactivity/);
    // Replaying the old cookie: the session is gone, whatever is sent.
    const ping = await reportActivity(demo.origin, cookie, 0);
    assert.equal(ping.status, 200);
    assert.deepEqual(ping.json(), { version: 1, state: 'expired', reason: 'no-session' });
    assert.deepEqual(ping.setCookies, []);
    const replay = await getPage(demo.origin, '/', cookie);
    assert.equal(replay.status, 303);
    // Refused; the ended session's tombstone still says why (it tells nothing else).
    assert.equal(replay.headers.location, '/login?reason=idle');
  });

  it('signs out at the absolute lifetime even with steady activity', async () => {
    const cookie = await signIn(demo.origin);
    for (let elapsedSeconds = 0; elapsedSeconds < ABSOLUTE_TIMEOUT_SECONDS - 5; ) {
      clock.advance(5_000);
      elapsedSeconds += 5;
      assert.equal((await getPage(demo.origin, '/', cookie)).status, 200, `at ${elapsedSeconds} s`);
    }
    clock.advance(5_000);
    const response = await getPage(demo.origin, '/', cookie);
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, '/login?reason=absolute');
  });

  it('does not count the passive clock widget as activity, but counts other requests', async () => {
    const passiveCookie = await signIn(demo.origin);
    const activeCookie = await signIn(demo.origin);
    clock.advance(EXPIRE_AFTER_SECONDS * 1000 - 1_000);
    const poll = (cookie: string, passive: boolean) =>
      send(demo.origin, 'GET', '/api/server-time', {
        cookie,
        accept: 'application/json',
        'sec-fetch-mode': 'cors',
        ...(passive ? { 'session-security-passive': '1' } : {}),
      });
    assert.equal((await poll(passiveCookie, true)).status, 200);
    assert.equal((await poll(activeCookie, false)).status, 200);
    clock.advance(1_000);
    const expiredPoll = await poll(passiveCookie, true);
    assert.equal(expiredPoll.status, 401, 'the passive poll kept nothing alive');
    const problem = expiredPoll.json();
    assert.equal(problem.reason, 'idle');
    assert.equal((await poll(activeCookie, false)).status, 200);
  });
});

describe('logout and cross-site requests', () => {
  it('refuses a cross-site logout post and keeps the session', async () => {
    const cookie = await signIn(demo.origin);
    for (const headers of [
      { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example', 'sec-fetch-site': '' },
    ]) {
      const cleaned = Object.fromEntries(Object.entries(headers).filter(([, value]) => value));
      const response = await send(demo.origin, 'POST', '/logout', { cookie, ...cleaned });
      assert.equal(response.status, 403, JSON.stringify(cleaned));
    }
    assert.equal((await getPage(demo.origin, '/', cookie)).status, 200);
  });

  it('logs out with a same-origin post, clears the cookie, and the old cookie is refused', async () => {
    const cookie = await signIn(demo.origin);
    const response = await postForm(demo.origin, '/logout', {}, { cookie });
    assert.equal(response.status, 303);
    assert.equal(response.headers.location, '/login?reason=logout');
    assert.match(response.setCookies.join('\n'), /sid=;/);
    assert.equal((await getPage(demo.origin, '/', cookie)).status, 303);
  });

  it('refuses a cross-site activity report and does not extend the session', async () => {
    const cookie = await signIn(demo.origin);
    clock.advance(6_000);
    const crossSite = await reportActivity(demo.origin, cookie, 0, {
      'sec-fetch-site': 'cross-site',
      origin: 'https://evil.example',
    });
    assert.equal(crossSite.status, 403);
    assert.match(String(crossSite.json().type), /cross-site-request$/);
    const foreignOrigin = await send(
      demo.origin,
      'POST',
      '/session-security',
      {
        cookie,
        origin: 'https://evil.example',
        'content-type': 'application/json',
        'session-security-version': '1',
      },
      '{"idleSeconds":0}',
    );
    assert.equal(foreignOrigin.status, 403);
    const status = await readStatus(demo.origin, cookie);
    assert.equal(status.state, 'active');
    assert.ok(Number(status.idleSeconds) >= 6, `still idle: ${JSON.stringify(status)}`);
  });
});

describe('draft', () => {
  it('saves a draft in the session and shows it escaped', async () => {
    const cookie = await signIn(demo.origin);
    const saved = await postForm(demo.origin, '/draft', { draft: '<b>hello</b>' }, { cookie });
    assert.equal(saved.status, 303);
    const body = (await getPage(demo.origin, '/', cookie)).text;
    assert.match(body, /&lt;b&gt;hello&lt;\/b&gt;<\/textarea>/);
  });
});

describe('assets', () => {
  it('never touch the session: no activity recorded, no session ended', async () => {
    const cookie = await signIn(demo.origin);
    clock.advance(EXPIRE_AFTER_SECONDS * 1000 - 1_000);
    const asset = await send(demo.origin, 'GET', '/assets/favicon.svg', { cookie });
    assert.equal(asset.status, 200);
    assert.deepEqual(asset.setCookies, []);
    clock.advance(1_000);
    // Had the asset counted as activity, the session would still be valid; had it ended the
    // session, the status read would find none.
    assert.deepEqual(await readStatus(demo.origin, cookie), {
      version: 1,
      state: 'expired',
      reason: 'idle',
    });
  });

  for (const path of [
    '/assets/session-security.js',
    '/assets/storage-lease-election.js',
    '/assets/demo/page.js',
    '/assets/demo/draft.js',
    '/assets/demo/widget.js',
  ]) {
    it(`serves ${path} as JavaScript`, async () => {
      const response = await send(demo.origin, 'GET', path);
      assert.equal(response.status, 200);
      assert.match(response.headers['content-type'] ?? '', /^text\/javascript/);
      assert.ok(response.text.length > 0);
    });
  }
});
