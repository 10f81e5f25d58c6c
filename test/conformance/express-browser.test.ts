import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { createExampleApp, ROOT_URL, type RunningServer, serve } from './support/servers.js';

interface ChromiumSetup {
  chromiumPath(): string;
  chromiumArgs: string[];
}

const ELEMENT_FILE = fileURLToPath(new URL('dist/session-security.js', ROOT_URL));

describe('the <session-security> element against the Express example, in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    assert.ok(existsSync(ELEMENT_FILE), `${ELEMENT_FILE} is missing: run npm run build`);
    const app = await createExampleApp({
      warnAfterSeconds: 2,
      expireAfterSeconds: 4,
      absoluteTimeoutSeconds: null,
      elementScriptFile: ELEMENT_FILE,
    });
    server = await serve(app);
    // scripts/chromium.mjs is plain JS shared with web-test-runner, loaded by URL.
    const setup = (await import(new URL('scripts/chromium.mjs', ROOT_URL).href)) as ChromiumSetup;
    browser = await chromium.launch({
      executablePath: setup.chromiumPath(),
      args: setup.chromiumArgs,
      headless: true,
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('warns, extends on "Stay signed in", then signs the user out on the server', async () => {
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(new URL('/login', server.baseUrl).href);
    await page.getByLabel('User name').fill('demo');
    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(new URL('/', server.baseUrl).href);
    const element = page.locator('session-security');
    await assert.doesNotReject(element.waitFor({ state: 'attached' }));

    // Warn after 2 s idle: the warning dialog shows with its two actions.
    await page.waitForSelector('session-security[state="warning"]', {
      state: 'attached',
      timeout: 5000,
    });
    const stay = page.getByRole('button', { name: /stay signed in/i });
    await stay.waitFor({ state: 'visible', timeout: 2000 });
    await stay.click();
    await page.waitForSelector('session-security[state="active"]', {
      state: 'attached',
      timeout: 3000,
    });
    // The element's report reached the Express server: the session is fresh again.
    const status = await page.evaluate(async () => {
      const response = await fetch('/session-security', { cache: 'no-store' });
      return (await response.json()) as { state: string; idleSeconds?: number };
    });
    assert.equal(status.state, 'active');
    assert.ok((status.idleSeconds ?? Number.POSITIVE_INFINITY) < 1.5, JSON.stringify(status));

    // Left alone: warning again, then expiry; the reload lands on the login page with the reason.
    await page.waitForSelector('session-security[state="warning"]', {
      state: 'attached',
      timeout: 5000,
    });
    await page.waitForURL(/\/login\?reason=idle$/, { timeout: 8000 });
    await assert.doesNotReject(
      page.getByText('You were signed out after a period of inactivity.').waitFor(),
    );
    // The server session is gone: the protected page sends the user to sign in.
    const again = await page.goto(new URL('/', server.baseUrl).href);
    assert.match(again?.url() ?? '', /\/login$/);
    assert.deepEqual(pageErrors, []);
  });
});
