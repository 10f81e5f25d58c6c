// Issue 14, finding 7: Clear-Site-Data on logout, in real Chromium. The default ("cache") must not
// erase what the user typed: the demo keeps an unsaved draft in sessionStorage across a sign-out.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { adjustableClock, type RunningDemo, startDemo } from './support/demo-server.js';
import { signInWithForm } from './support/pages.js';

describe('the form logout with the default Clear-Site-Data', () => {
  let browser: Browser;
  let demo: RunningDemo;
  before(async () => {
    browser = await launchChromium();
    demo = await startDemo({
      warnAfterSeconds: 30,
      expireAfterSeconds: 60,
      nowMs: adjustableClock().nowMs,
    });
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  it("signs out (the element's DELETE) and keeps sessionStorage and localStorage", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInWithForm(page, demo.origin);
    await page.evaluate(() => {
      sessionStorage.setItem('typed', 'a draft');
      localStorage.setItem('kept', 'a preference');
    });
    // With JavaScript the page logs out through the element (the protocol's DELETE); the form
    // post to /logout is the fallback. Either answer carries the field.
    const logoutAnswer = page.waitForResponse(
      (response) =>
        new URL(response.url()).pathname === '/logout' || response.request().method() === 'DELETE',
    );
    await page.locator('#logout').click();
    const answer = await logoutAnswer;
    assert.equal(await answer.headerValue('clear-site-data'), '"cache"');
    await page.waitForURL(`${demo.origin}/login?reason=logout`);
    assert.deepEqual(
      await page.evaluate(() => [sessionStorage.getItem('typed'), localStorage.getItem('kept')]),
      ['a draft', 'a preference'],
    );
    await page.goto(`${demo.origin}/`);
    assert.equal(new URL(page.url()).pathname, '/login', 'signed out for good');
    await context.close();
  });
});
