// With the default expiry action, reload, the element's own request ends the session and the
// reloaded page has none; the plugin still finds why (the stale cookie names the ended session,
// its tombstone the reason), so the demo's login page says it. Real Chromium, real time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useDemoWithChromium } from './support/demo-with-chromium.js';
import { requiredEvent, signedInTabs, waitForLoginInAll } from './support/pages.js';

const running = useDemoWithChromium({ warnAfterSeconds: 5, expireAfterSeconds: 10 });

describe('expiry action reload (the default)', { timeout: 60_000 }, () => {
  it('after an idle expiry the reloaded page lands on the login page, which says why', async () => {
    const { context, pages, events } = await signedInTabs(running.browser, running.demo.origin, 1);
    const page = pages[0] as (typeof pages)[0];
    // The demo's pages ask for a redirect with the reason; this page uses the default instead.
    await page.evaluate(() => {
      const element = document.querySelector('session-security');
      if (!element) throw new Error('no element');
      element.setAttribute('expire-action', 'reload');
      element.removeAttribute('redirect-url');
    });
    assert.equal(
      await page.evaluate(() => document.querySelector('session-security')?.expireAction),
      'reload',
    );
    const requested: string[] = [];
    page.on('request', (request) => {
      if (request.isNavigationRequest()) requested.push(new URL(request.url()).pathname);
    });
    await waitForLoginInAll([page], running.demo.origin, 20_000);
    requiredEvent(events, { page, type: 'state', value: 'expired' }, 'the element expired');
    // The element reloaded / (no reason in any URL it asked for); the server redirected.
    assert.deepEqual(requested.slice(0, 1), ['/']);
    assert.equal(new URL(page.url()).searchParams.get('reason'), 'idle');
    assert.match(
      (await page.locator('.notice').textContent()) ?? '',
      /signed out after 10 seconds of inactivity/,
    );
    await context.close();
  });
});
