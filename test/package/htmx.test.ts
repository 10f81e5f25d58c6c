// The README's htmx recipe in a Fastify + htmx 4 app that installed the tarball, in Chromium, with
// the server's clock in the test's hands: a poll sent with the passive header leaves the idle time
// running while a click's request resets it, and the request that finds the session past its
// deadline sends the page to the login page with the reason, through the recipe's listener.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../e2e/support/browser.js';
import { recordPageEvents } from '../e2e/support/pages.js';
import { readmeBlock } from './support/readme.js';
import { scratchProject, writeFiles } from './support/scratch.js';

/** A Fastify app as an adopter would write it around the README's layout block. */
const APP = `import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import sessionSecurity from 'session-security/fastify';

const folderOf = (specifier) => dirname(fileURLToPath(import.meta.resolve(specifier)));

export async function startApp({ nowMs, layout }) {
  const app = Fastify();
  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: 'a test secret of 32 or more characters',
    saveUninitialized: false,
    rolling: false,
    cookie: { secure: false },
  });
  await app.register(sessionSecurity, {
    warnAfterSeconds: 540,
    expireAfterSeconds: 600,
    now: nowMs,
    passiveRoutes: ['/assets/*'],
  });
  await app.register(fastifyStatic, {
    root: folderOf('session-security/dist/session-security.js'),
    prefix: '/assets/session-security/',
  });
  await app.register(fastifyStatic, {
    root: folderOf('htmx.org/dist/htmx.min.js'),
    prefix: '/assets/htmx/',
    decorateReply: false,
  });
  app.get('/sign-in', async (request, reply) => {
    await request.sessionSecurity.regenerate();
    request.session.set('user', { name: 'demo' });
    return reply.redirect('/', 303);
  });
  app.get('/', async (request, reply) => {
    if (!request.session.get('user')) return reply.redirect('/login');
    return reply.type('text/html').send(\`<!doctype html><html lang="en"><meta charset="utf-8">
<title>htmx</title><body>\${layout}
<button hx-get="/fragment" hx-target="#fragment">More</button><div id="fragment"></div></body></html>\`);
  });
  app.get('/notifications', async () => 'no news');
  app.get('/fragment', async (request, reply) => reply.type('text/html').send('<p>more</p>'));
  app.get('/login', async (request, reply) => reply.type('text/html').send('<title>login</title>'));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { origin: \`http://127.0.0.1:\${app.server.address().port}\`, close: () => app.close() };
}
`;

/** The README block's `hx-trigger="every 30s"`. */
const POLL_INTERVAL_MS = 30_000;

interface RunningApp {
  readonly origin: string;
  close(): Promise<void>;
}

interface AppModule {
  startApp(options: { nowMs: () => number; layout: string }): Promise<RunningApp>;
}

describe("the README's htmx recipe, in a Fastify + htmx 4 app", () => {
  let serverNowMs = Date.parse('2026-12-06T10:00:00Z');
  let app: RunningApp;
  let browser: Browser;

  before(async () => {
    const dir = await writeFiles(join(await scratchProject(), 'htmx-app'), { 'app.mjs': APP });
    const { startApp } = (await import(pathToFileURL(join(dir, 'app.mjs')).href)) as AppModule;
    const layout = await readmeBlock('htmx-app/layout.html');
    [app, browser] = await Promise.all([
      startApp({ nowMs: () => serverNowMs, layout }),
      launchChromium(),
    ]);
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Seconds since the last activity, as the server counts them (a passive read). */
  async function idleSeconds(page: Page): Promise<number> {
    const status = await page.evaluate(() =>
      fetch('/session-security', { headers: { 'Session-Security-Passive': '1' } }).then(
        (response) => response.json() as Promise<{ idleSeconds: number }>,
      ),
    );
    return status.idleSeconds;
  }

  /** A signed-in page whose timers (htmx's poll, the element's) run on Playwright's clock. */
  async function signedInPage(): Promise<Page> {
    const context = await browser.newContext();
    await context.clock.install();
    const page = await context.newPage();
    await page.goto(`${app.origin}/sign-in`);
    return page;
  }

  const answered = (page: Page, path: string) =>
    page.waitForResponse((response) => new URL(response.url()).pathname === path);

  it('a poll with the passive header leaves the idle time running; a click resets it', async () => {
    const page = await signedInPage();
    assert.equal(await idleSeconds(page), 0);
    serverNowMs += 60_000;
    const [poll] = await Promise.all([
      page.waitForRequest((request) => new URL(request.url()).pathname === '/notifications'),
      page.clock.runFor(POLL_INTERVAL_MS),
    ]);
    await poll.response();
    assert.equal(await poll.headerValue('session-security-passive'), '1');
    assert.equal(await idleSeconds(page), 60, 'the poll was not activity');
    await Promise.all([answered(page, '/fragment'), page.click('button')]);
    assert.equal(await page.locator('#fragment').textContent(), 'more');
    assert.equal(await idleSeconds(page), 0, "the click's request was activity");
    await page.context().close();
  });

  it('the request that finds the session past its deadline sends the page to the login page', async () => {
    const page = await signedInPage();
    const events = await recordPageEvents(page.context());
    serverNowMs += 601_000;
    const [refused] = await Promise.all([
      answered(page, '/notifications'),
      page.clock.runFor(POLL_INTERVAL_MS),
    ]);
    assert.equal(refused.status(), 401);
    await page.waitForURL((url) => url.pathname === '/login', { timeout: 10_000 });
    assert.equal(new URL(page.url()).search, '?reason=idle');
    // The recipe's listener sent it there: the element had not seen the session end.
    assert.deepEqual(
      events.filter((event) => event.page === page && event.value === 'expired'),
      [],
    );
    await page.context().close();
  });
});
