// The page event recorder the browser scenarios time themselves with (support/pages.ts): what a
// document could not deliver before it navigated away still reaches the test, once, in order.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  eventsDelivered,
  type PageEvent,
  recordPageEvents,
  requiredEvent,
  UNACKNOWLEDGED_EVENTS_KEY_PREFIX,
} from './support/pages.js';
import { useServerWithChromium } from './support/server-with-chromium.js';

const running = useServerWithChromium(() => (_request, response) => {
  response.setHeader('content-type', 'text/html; charset=utf-8');
  response.end('<!doctype html><title>page</title><session-security></session-security>');
});

/** The events of `page` as "path type value" lines, without the first about:blank. */
function tabLines(events: readonly PageEvent[], page: PageEvent['page']): string[] {
  return events
    .filter((event) => event.page === page && event.path !== 'blank')
    .map((event) => `${event.path} ${event.type} ${event.value}`.trim());
}

describe('page event recorder (e2e support)', () => {
  it('records what a document left unacknowledged when the next document of its tab starts, once, before that load', async () => {
    const context = await running.browser.newContext();
    const events = await recordPageEvents(context);
    const page = await context.newPage();
    await page.goto(`${running.origin}/a`);
    await page.evaluate(() =>
      document.querySelector('session-security')?.setAttribute('state', 'warning'),
    );
    await eventsDelivered([page]);
    const { page: _page, ...delivered } = requiredEvent(
      events,
      { page, type: 'load', path: '/a' },
      'load /a',
    );
    // As a document leaves them when it navigates away before Node has handled its reports: one
    // event never recorded, and one recorded but not yet acknowledged.
    const lost = { ...delivered, documentId: 'gone', sequence: 0, type: 'state', value: 'expired' };
    await page.evaluate(([key, left]) => sessionStorage.setItem(key, JSON.stringify(left)), [
      `${UNACKNOWLEDGED_EVENTS_KEY_PREFIX}gone`,
      [delivered, lost],
    ] as const);

    await page.goto(`${running.origin}/b`);
    await eventsDelivered([page]);

    assert.deepEqual(tabLines(events, page), [
      '/a load',
      '/a show false',
      '/a state warning',
      '/a state expired',
      '/b load',
      '/b show false',
    ]);
    const left = await page.evaluate(
      (prefix) => Object.keys(sessionStorage).filter((key) => key.startsWith(prefix)),
      UNACKNOWLEDGED_EVENTS_KEY_PREFIX,
    );
    assert.deepEqual(left, [], 'acknowledged events are no longer kept');
    await context.close();
  });

  it('a missing event fails with what the tab recorded', async () => {
    const context = await running.browser.newContext();
    const events = await recordPageEvents(context);
    const page = await context.newPage();
    await page.goto(`${running.origin}/a`);
    await eventsDelivered([page]);
    assert.throws(
      () => requiredEvent(events, { page, type: 'state', value: 'expired' }, 'expired state'),
      /^AssertionError.*no event: expired state; the tab recorded:\n(\d+ blank load \n)?\d+ \/a load \n\d+ \/a show false$/s,
    );
    await context.close();
  });
});
