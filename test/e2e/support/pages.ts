import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { waitMs } from './real-time.js';

/** Something that happened in a page, timed by the page's own clock. */
export interface PageEvent {
  /** The tab it happened in. */
  readonly page: Page;
  /** A random id per document (a navigation makes a new one). */
  readonly documentId: string;
  /** The event's place among its document's events (0, 1, ...). */
  readonly sequence: number;
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
 * Where a document keeps, in its tab's sessionStorage, the events Node has not acknowledged yet
 * (one key per document: the prefix and the document's id).
 */
export const UNACKNOWLEDGED_EVENTS_KEY_PREFIX = 'e2e-unacknowledged-events:';

/** What the recorder adds to every page (its binding, and the wait for its deliveries). */
interface RecorderGlobals {
  __e2eReport?: (event: Omit<PageEvent, 'page'>) => Promise<void>;
  __e2eDelivered?: () => Promise<void>;
}

/**
 * Records, for every page of `context`, document starts, key presses (before any page listener
 * sees them) and every change of the element's `state` attribute, each once, in the order each
 * tab saw them.
 *
 * A page that navigates away right after an event can lose its report: Playwright drops a binding
 * call whose document is gone by the time it is handled (seen when the test process is busy).
 * So each document keeps its events in sessionStorage until Node acknowledges them, and the
 * tab's next document sends again whatever an earlier one left there.
 */
export async function recordPageEvents(context: BrowserContext): Promise<PageEvent[]> {
  const events: PageEvent[] = [];
  const recorded = new Set<string>();
  await context.exposeBinding('__e2eReport', (source, event: Omit<PageEvent, 'page'>) => {
    const id = `${event.documentId}:${event.sequence}`;
    if (recorded.has(id)) return;
    recorded.add(id);
    events.push({ ...event, page: source.page });
  });
  await context.addInitScript((keyPrefix: string) => {
    const globals = window as unknown as RecorderGlobals;
    const documentId = Math.random().toString(36).slice(2);
    const ownKey = `${keyPrefix}${documentId}`;
    let storage: Storage | undefined;
    try {
      storage = window.sessionStorage;
    } catch {
      // An opaque origin (the first about:blank) has no sessionStorage: nothing to keep there.
    }
    const unacknowledged = new Map<string, Omit<PageEvent, 'page'>>();
    const deliveries = new Set<Promise<void>>();
    const keep = () => {
      if (unacknowledged.size === 0) storage?.removeItem(ownKey);
      else storage?.setItem(ownKey, JSON.stringify([...unacknowledged.values()]));
    };
    const deliver = (event: Omit<PageEvent, 'page'>) => {
      const id = `${event.documentId}:${event.sequence}`;
      unacknowledged.set(id, event);
      keep();
      const sent = globals.__e2eReport?.(event);
      if (!sent) return;
      const delivery = sent.then(() => {
        unacknowledged.delete(id);
        keep();
      });
      deliveries.add(delivery);
      void delivery.finally(() => deliveries.delete(delivery));
    };
    globals.__e2eDelivered = () => Promise.all([...deliveries]).then(() => undefined);

    const left: Omit<PageEvent, 'page'>[] = [];
    for (const key of Object.keys(storage ?? {})) {
      if (!key.startsWith(keyPrefix) || key === ownKey) continue;
      left.push(...(JSON.parse(storage?.getItem(key) ?? '[]') as Omit<PageEvent, 'page'>[]));
      storage?.removeItem(key);
    }
    for (const event of left.sort((a, b) => a.atMs - b.atMs)) deliver(event);

    let sequence = 0;
    const report = (type: PageEvent['type'], value: string) => {
      const main = document.querySelector('main[data-authenticated]') as HTMLElement | null;
      deliver({
        documentId,
        sequence: sequence++,
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
  }, UNACKNOWLEDGED_EVENTS_KEY_PREFIX);
  return events;
}

/**
 * Waits until Node has recorded every event `pages` reported so far (including those their
 * earlier documents left unacknowledged). A page between two documents is asked again once its
 * new one has loaded.
 */
export async function eventsDelivered(pages: readonly Page[]): Promise<void> {
  await Promise.all(
    pages.map(async (page) => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          await page.evaluate(() => (window as unknown as RecorderGlobals).__e2eDelivered?.());
          return;
        } catch (error) {
          if (attempt === 3 || !/context was destroyed|navigat/i.test(String(error))) throw error;
          await page.waitForLoadState('load');
        }
      }
    }),
  );
}

/**
 * The first event matching `match` at or after `fromMs`, once it is recorded; fails after
 * `timeoutMs`, naming `what` and listing the tab's recorded events.
 */
export async function waitForEvent(
  events: readonly PageEvent[],
  match: EventMatch,
  what: string,
  timeoutMs: number,
  fromMs = Number.NEGATIVE_INFINITY,
): Promise<PageEvent> {
  const deadlineMs = Date.now() + timeoutMs;
  while (!firstEvent(events, match, fromMs) && Date.now() < deadlineMs) await waitMs(20);
  return requiredEvent(events, match, what, fromMs);
}

/**
 * The first event matching `match` at or after `fromMs`; fails, naming `what` and listing the
 * tab's recorded events, when there is none.
 */
export function requiredEvent(
  events: readonly PageEvent[],
  match: EventMatch,
  what: string,
  fromMs = Number.NEGATIVE_INFINITY,
): PageEvent {
  const event = firstEvent(events, match, fromMs);
  if (event) return event;
  const seen = events
    .filter((candidate) => match.page === undefined || candidate.page === match.page)
    .map((candidate) => `${candidate.atMs} ${candidate.path} ${candidate.type} ${candidate.value}`);
  assert.fail(`no event: ${what}; the tab recorded:\n${seen.join('\n') || '(nothing)'}`);
}

/** What to look for among the recorded events: every given field must be equal. */
export type EventMatch = Partial<
  Pick<PageEvent, 'page' | 'documentId' | 'path' | 'type' | 'value'>
>;

/** The first event matching `match` at or after `fromMs`, or undefined. */
export function firstEvent(
  events: readonly PageEvent[],
  match: EventMatch,
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

/**
 * Waits until every page shows the element in `state`, at most `timeoutMs`, and its events up to
 * then are recorded.
 */
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
  await eventsDelivered(pages);
}

/**
 * Waits until every page is on the login page, optionally with `?reason=`, and its events up to
 * then are recorded.
 */
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
  await eventsDelivered(pages);
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
