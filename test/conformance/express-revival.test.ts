// Issue 14, finding 1, in the Express example: a request in flight must not revive a session
// after the form logout, the protocol's logout or a new sign-in.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Express } from 'express';
import { createExampleApp, type RunningServer, serve } from './support/servers.js';

/** A gate the held route waits on. */
function gate() {
  let open!: () => void;
  let entered!: () => void;
  return {
    opened: new Promise<void>((resolve) => {
      open = resolve;
    }),
    entered: new Promise<void>((resolve) => {
      entered = resolve;
    }),
    open: () => open(),
    markEntered: () => entered(),
  };
}

describe('the Express example: a request in flight cannot revive a session', () => {
  let server: RunningServer;
  let held: ReturnType<typeof gate> | null = null;

  before(async () => {
    const app = (await createExampleApp()) as unknown as Express;
    // After the example's own middleware, as an application route: it changes the session, so
    // express-session saves it when the response ends.
    app.post('/hold', async (req, res) => {
      const current = held;
      const session = req.session as unknown as { visits?: number };
      session.visits = (session.visits ?? 0) + 1;
      if (current) {
        current.markEntered();
        await current.opened;
      }
      res.send('held');
    });
    server = await serve(app as never);
  });
  after(() => server?.close());

  const url = (path: string) => new URL(path, server.baseUrl);
  const sameOrigin = () => ({ 'sec-fetch-site': 'same-origin', origin: server.baseUrl.origin });

  async function signIn(cookie?: string): Promise<string> {
    const response = await fetch(url('/login'), {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...sameOrigin(),
        ...(cookie ? { cookie } : {}),
      },
      body: 'username=demo&password=demo',
    });
    assert.equal(response.status, 303);
    return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  }

  async function hold(cookie: string) {
    held = gate();
    const current = held;
    const answer = fetch(url('/hold'), { method: 'POST', headers: { cookie, ...sameOrigin() } });
    await current.entered;
    held = null;
    return async () => {
      current.open();
      return (await answer).text();
    };
  }

  // Node's fetch is an API client to the example (Sec-Fetch-Mode: cors): an ended session's
  // request gets 401, a live one the page (200).
  const home = async (cookie: string) =>
    (await fetch(url('/'), { redirect: 'manual', headers: { cookie } })).status;
  const SIGNED_OUT = 401;

  const logouts: Array<[string, (cookie: string) => Promise<Response>]> = [
    [
      'the form logout',
      (cookie) =>
        fetch(url('/logout'), {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie, ...sameOrigin() },
        }),
    ],
    [
      "the protocol's DELETE",
      (cookie) =>
        fetch(url('/session-security'), {
          method: 'DELETE',
          headers: { cookie, ...sameOrigin(), 'session-security-version': '1' },
        }),
    ],
  ];
  for (const [what, logout] of logouts) {
    it(`after ${what}`, async () => {
      const cookie = await signIn();
      const finish = await hold(cookie);
      const response = await logout(cookie);
      assert.ok(response.status === 303 || response.status === 200, `${response.status}`);
      assert.equal(response.headers.get('clear-site-data'), '"cache"');
      assert.equal(await finish(), 'held');
      assert.equal(await home(cookie), SIGNED_OUT, 'the old cookie is signed out');
    });
  }

  it('after a new sign-in', async () => {
    const cookie = await signIn();
    const finish = await hold(cookie);
    const fresh = await signIn(cookie);
    assert.notEqual(fresh, cookie);
    assert.equal(await finish(), 'held');
    assert.equal(await home(cookie), SIGNED_OUT, 'the old cookie is signed out');
    assert.equal(await home(fresh), 200);
  });

  it('refuses a cross-site form logout and keeps the session', async () => {
    const cookie = await signIn();
    const response = await fetch(url('/logout'), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
    });
    assert.equal(response.status, 403);
    assert.equal(await home(cookie), 200);
  });
});
