import assert from 'node:assert/strict';
import { it } from 'node:test';
import { PAGE_HEADERS, readStatus, signIn, type TestApp } from './support/app.js';
import { describeOnEveryStore } from './support/store-matrix.js';

// Issue 14, finding 2: another site kept a session alive forever with requests of its own.

/** What Chromium sends for `<img src="https://app/page">` on a page of another site. */
const CROSS_SITE_IMAGE = {
  host: 'localhost',
  accept: 'image/avif,image/webp,*/*',
  'sec-fetch-site': 'cross-site',
  'sec-fetch-mode': 'no-cors',
  'sec-fetch-dest': 'image',
} as const;

/** The same from a sibling subdomain (Lax cookies are sent: same site). */
const SAME_SITE_IMAGE = { ...CROSS_SITE_IMAGE, 'sec-fetch-site': 'same-site' } as const;

/** A navigation of a window another site opened, driven by its script: no user activation. */
const CROSS_SITE_SCRIPTED_NAVIGATION = {
  ...PAGE_HEADERS,
  'sec-fetch-site': 'cross-site',
  'sec-fetch-dest': 'document',
} as const;

/** The user clicked a link to the application on another site. */
const CROSS_SITE_CLICKED_LINK = { ...CROSS_SITE_SCRIPTED_NAVIGATION, 'sec-fetch-user': '?1' };

async function idleOrExpired(testApp: TestApp, cookie: string): Promise<number | string> {
  const body = (await readStatus(testApp, cookie)).json() as {
    state: string;
    idleSeconds?: number;
    reason?: string;
  };
  return body.state === 'active' ? (body.idleSeconds as number) : `expired:${body.reason}`;
}

describeOnEveryStore('requests another site makes are no activity', (build) => {
  const foreign: Array<[string, Record<string, string>]> = [
    ['a cross-site <img> every 2 s', CROSS_SITE_IMAGE],
    ['a same-site <img> every 2 s', SAME_SITE_IMAGE],
    ['a scripted cross-site navigation every 2 s', CROSS_SITE_SCRIPTED_NAVIGATION],
  ];
  for (const [attack, headers] of foreign) {
    it(`${attack} does not keep an idle session alive (EXPIRE 10 s)`, async () => {
      const testApp = await build();
      const { cookie } = await signIn(testApp);
      for (let second = 2; second <= 8; second += 2) {
        testApp.clock.advance(2_000);
        const response = await testApp.app.inject({
          method: 'GET',
          url: '/page',
          headers: { ...headers, cookie },
        });
        assert.equal(response.statusCode, 200, response.body);
        assert.match(response.body, /hello ada/, 'the session is still valid');
        assert.equal(await idleOrExpired(testApp, cookie), second, 'idle time keeps growing');
      }
      testApp.clock.advance(2_000);
      await testApp.app.inject({ method: 'GET', url: '/page', headers: { ...headers, cookie } });
      assert.equal(await idleOrExpired(testApp, cookie), 'expired:no-session');
    });
  }

  const own: Array<[string, Record<string, string>]> = [
    ['a same-origin navigation', PAGE_HEADERS],
    ['a typed address (Sec-Fetch-Site: none)', { ...PAGE_HEADERS, 'sec-fetch-site': 'none' }],
    ['a link the user clicked on another site', CROSS_SITE_CLICKED_LINK],
    ['a client without Fetch Metadata', { host: 'localhost', accept: 'text/html' }],
  ];
  for (const [what, headers] of own) {
    it(`${what} counts as activity`, async () => {
      const testApp = await build();
      const { cookie } = await signIn(testApp);
      testApp.clock.advance(4_000);
      const response = await testApp.app.inject({
        method: 'GET',
        url: '/page',
        headers: { ...headers, cookie },
      });
      assert.match(response.body, /hello ada/);
      assert.equal(await idleOrExpired(testApp, cookie), 0);
    });
  }

  it('a cross-site <img> still ends an expired session and is refused with 401', async () => {
    const testApp = await build();
    const { cookie } = await signIn(testApp);
    testApp.clock.advance(10_000);
    const response = await testApp.app.inject({
      method: 'GET',
      url: '/page',
      headers: { ...CROSS_SITE_IMAGE, cookie },
    });
    assert.equal(response.statusCode, 401);
    assert.equal(await idleOrExpired(testApp, cookie), 'expired:no-session');
  });
});
