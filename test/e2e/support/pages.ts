import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';

/** One state change of a `<session-security>` element, seen from Node. */
export interface StateChange {
  readonly pageId: string;
  readonly path: string;
  readonly state: string;
  /** Node's Date.now() when the change arrived (a few ms after it happened). */
  readonly atMs: number;
  /** Whether the page's authenticated content was visible at that moment. */
  readonly authenticatedVisible: boolean;
}

/**
 * Records every `state` attribute change of the element in every page of `context`, including
 * changes on pages that navigate away right after (the binding reports synchronously).
 */
export async function recordStates(context: BrowserContext): Promise<StateChange[]> {
  const changes: StateChange[] = [];
  await context.exposeBinding(
    '__sessionSecurityState',
    (_source, pageId: string, path: string, state: string, authenticatedVisible: boolean) => {
      changes.push({ pageId, path, state, atMs: Date.now(), authenticatedVisible });
    },
  );
  await context.addInitScript(() => {
    const pageId = Math.random().toString(36).slice(2);
    (window as unknown as { __pageId: string }).__pageId = pageId;
    const report = (window as unknown as Record<string, unknown>).__sessionSecurityState as (
      ...args: unknown[]
    ) => void;
    new MutationObserver((records) => {
      for (const record of records) {
        const element = record.target as Element;
        if (element.localName !== 'session-security') continue;
        const main = document.querySelector('main[data-authenticated]') as HTMLElement | null;
        const visible = main?.checkVisibility() === true;
        report(pageId, location.pathname, element.getAttribute('state') ?? '', visible);
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['state'] });
  });
  return changes;
}

/** Signs in through the login form of `page` and waits for the home page. */
export async function signInWithForm(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/login`);
  await page.fill('#username', 'demo');
  await page.fill('#password', 'demo');
  await Promise.all([page.waitForURL(`${origin}/`), page.click('button[type=submit]')]);
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

/** Waits until every page is on the login page (pathname /login). */
export async function waitForLoginInAll(
  pages: readonly Page[],
  origin: string,
  timeoutMs: number,
): Promise<void> {
  await Promise.all(
    pages.map((page) =>
      page.waitForURL((url) => url.origin === origin && url.pathname === '/login', {
        timeout: timeoutMs,
      }),
    ),
  );
}

/** Seconds between two Node timestamps. */
export function secondsBetween(fromMs: number, toMs: number): number {
  return (toMs - fromMs) / 1000;
}

/** Asserts `value` lies in [min, max], with a message naming what it is. */
export function assertBetween(what: string, value: number, min: number, max: number): void {
  assert.ok(value >= min && value <= max, `${what}: ${value.toFixed(2)} not in [${min}, ${max}]`);
}
