import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** Something that happened in a page, timed by the page's own clock. */
export interface PageEvent {
  /** The tab it happened in. */
  readonly page: Page;
  /** A random id per document (a navigation makes a new one). */
  readonly documentId: string;
  readonly path: string;
  /**
   * `load`: the document started; `show`: `pageshow` (value `true` when restored from the
   * back/forward cache); `key`: a key went down; `state`: the element's state changed.
   */
  readonly type: 'load' | 'show' | 'key' | 'state';
  /** The new state for `state` events, the key for `key` events, `persisted` for `show`. */
  readonly value: string;
  /**
   * The page's `Date.now()` when it happened: the machine's wall clock, as Node's, unless the
   * test installed Playwright's clock.
   */
  readonly atMs: number;
  /** Whether the page's authenticated content was visible at that moment. */
  readonly authenticatedVisible: boolean;
}

/**
 * Records, for every page of `context`, document starts, key presses (before any page listener
 * sees them) and every change of the element's `state` attribute, including on pages that
 * navigate away right after: the binding reports at once.
 */
export async function recordPageEvents(context: BrowserContext): Promise<PageEvent[]> {
  const events: PageEvent[] = [];
  await context.exposeBinding('__e2eReport', (source, event: Omit<PageEvent, 'page'>) => {
    events.push({ ...event, page: source.page });
  });
  await context.addInitScript(() => {
    const documentId = Math.random().toString(36).slice(2);
    const report = (type: string, value: string) => {
      const main = document.querySelector('main[data-authenticated]') as HTMLElement | null;
      const send = (window as unknown as Record<string, (event: unknown) => void>).__e2eReport;
      send?.({
        documentId,
        path: location.pathname,
        type,
        value,
        atMs: Date.now(),
        authenticatedVisible: main?.checkVisibility() === true,
      });
    };
    report('load', '');
    window.addEventListener('pageshow', (event) => report('show', String(event.persisted)));
    window.addEventListener('keydown', (event) => report('key', event.key), { capture: true });
    new MutationObserver((records) => {
      for (const record of records) {
        const element = record.target as Element;
        if (element.localName === 'session-security') {
          report('state', element.getAttribute('state') ?? '');
        }
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['state'] });
  });
  return events;
}

/** The first event matching `match` at or after `fromMs`, or undefined. */
export function firstEvent(
  events: readonly PageEvent[],
  match: Partial<Pick<PageEvent, 'page' | 'documentId' | 'path' | 'type' | 'value'>>,
  fromMs = Number.NEGATIVE_INFINITY,
): PageEvent | undefined {
  return events.find(
    (event) =>
      event.atMs >= fromMs &&
      (Object.keys(match) as (keyof typeof match)[]).every((key) => event[key] === match[key]),
  );
}

/** Signs in through the login form of `page` and waits for the home page. */
export async function signInWithForm(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/login`);
  await page.fill('#username', 'demo');
  await page.fill('#password', 'demo');
  await Promise.all([page.waitForURL(`${origin}/`), page.click('button[type=submit]')]);
}

/** A new browser context with `count` signed-in tabs on the demo's protected pages. */
export async function signedInTabs(
  browser: Browser,
  origin: string,
  count: number,
): Promise<{ context: BrowserContext; pages: Page[]; events: PageEvent[] }> {
  const context = await browser.newContext();
  const events = await recordPageEvents(context);
  const first = await context.newPage();
  await signInWithForm(first, origin);
  const pages = [first];
  for (let index = 1; index < count; index += 1) {
    const page = await context.newPage();
    await page.goto(`${origin}${index % 2 === 1 ? '/other' : '/'}`);
    pages.push(page);
  }
  return { context, pages, events };
}

/** The element's `state` attribute in `page`, or null when the page has none. */
export function elementState(page: Page): Promise<string | null> {
  return page.evaluate(
    () => document.querySelector('session-security')?.getAttribute('state') ?? null,
  );
}

/** Waits until every page shows the element in `state`, at most `timeoutMs`. */
export async function waitForStateInAll(
  pages: readonly Page[],
  state: string,
  timeoutMs: number,
): Promise<void> {
  await Promise.all(
    pages.map((page) =>
      page
        .locator(`session-security[state="${state}"]`)
        .waitFor({ state: 'attached', timeout: timeoutMs }),
    ),
  );
}

/** Waits until every page is on the login page, optionally with `?reason=`. */
export async function waitForLoginInAll(
  pages: readonly Page[],
  origin: string,
  timeoutMs: number,
  reason?: string,
): Promise<void> {
  await Promise.all(
    pages.map((page) =>
      page.waitForURL(
        (url) =>
          url.origin === origin &&
          url.pathname === '/login' &&
          (reason === undefined || url.searchParams.get('reason') === reason),
        { timeout: timeoutMs },
      ),
    ),
  );
}

/** Asserts `value` lies in [min, max], with a message naming what it is. */
export function assertBetween(what: string, value: number, min: number, max: number): void {
  assert.ok(value >= min && value <= max, `${what}: ${value} not in [${min}, ${max}]`);
}

/** Seconds from `fromMs` to `toMs`, rounded to milliseconds. */
export function secondsBetween(fromMs: number, toMs: number): number {
  return Math.round(toMs - fromMs) / 1000;
}

/** Collects page errors and Content-Security-Policy violations of every page of `context`. */
export function collectPageProblems(context: BrowserContext): string[] {
  const problems: string[] = [];
  const watch = (page: Page) => {
    page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${page.url()}: ${message.text()}`);
    });
  };
  for (const page of context.pages()) watch(page);
  context.on('page', watch);
  return problems;
}
