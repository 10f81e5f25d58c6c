import type { ExpiryReason } from '../../protocol/index.js';
import type { ChangeSource } from './core/session-types.js';
import { toError } from './core/transport.js';
import { emit, emitError } from './emit.js';
import type { ExpireAction } from './events.js';

/** The navigation functions the expiry actions use (`window.location` by default). */
export interface ExpireNavigation {
  reload(): void;
  assign(url: string): void;
}

/** The element's settings an expiry reads, and the target of its events. */
export interface ExpiringElement extends EventTarget {
  hideOnExpire: string;
  expireAction: ExpireAction;
  redirectUrl: string;
  navigation: ExpireNavigation | null;
}

/** The session, for the logout that `logout-redirect` makes on the server first. */
export interface ServerLogout {
  logoutOnServer(): Promise<unknown>;
}

/** Every valid `expire-action` value. */
export const EXPIRE_ACTIONS: readonly ExpireAction[] = [
  'reload',
  'redirect',
  'logout-redirect',
  'none',
];

/**
 * The URL to go to after expiry: `template` with `{reason}` replaced, resolved against
 * `baseUrl`. Only http(s) URLs are accepted (never `javascript:`). Throws a specific error.
 */
export function redirectTarget(template: string, reason: ExpiryReason, baseUrl: string): string {
  if (template === '') throw new Error('redirect-url is required for this expire-action action');
  const url = new URL(template.replaceAll('{reason}', encodeURIComponent(reason)), baseUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`redirect-url must be an http(s) URL, got ${url.protocol}`);
  }
  return url.href;
}

/**
 * Runs an expiry action (`action` is valid): `reload`, or go to `redirectUrl` (a bad one is
 * reported through `fail` and reloads instead), after `session`'s logout on the server for
 * `logout-redirect` when the session did not end by a logout already.
 */
export async function runExpireAction(
  action: ExpireAction,
  reason: ExpiryReason,
  redirectUrl: string,
  navigation: ExpireNavigation,
  session: ServerLogout,
  fail: (error: Error) => void,
): Promise<void> {
  if (action === 'none') return;
  if (action === 'reload') return navigation.reload();
  let target: string;
  try {
    target = redirectTarget(redirectUrl, reason, document.baseURI);
  } catch (error) {
    fail(error as Error);
    return navigation.reload();
  }
  if (action === 'logout-redirect' && reason !== 'logout') {
    await session.logoutOnServer().catch((error: unknown) => fail(toError(error)));
  }
  navigation.assign(target);
}

/** The expiry action to run: `action` when valid, else `reload` (`fail` is told why). */
export function validExpireAction(
  action: ExpireAction,
  fail: (error: Error) => void,
): ExpireAction {
  if (EXPIRE_ACTIONS.includes(action)) return action;
  fail(new Error(`expire-action "${action}" is not one of ${EXPIRE_ACTIONS.join(', ')}`));
  return 'reload';
}

/**
 * Hides (`hidden` attribute) the elements `hide-on-expire` selects (e.g. `main, [data-private]`);
 * a bad selector goes to `fail`.
 */
export function hideAtExpiry(selector: string, fail: (error: Error) => void): void {
  if (selector.trim() === '') return;
  try {
    for (const element of document.querySelectorAll(selector)) element.setAttribute('hidden', '');
  } catch (error) {
    fail(new Error(`hide-on-expire is not a valid selector: ${String(error)}`));
  }
}

/**
 * The session ended (`source` tells where it was seen first): hides the `hide-on-expire`
 * elements, fires `session-security-logged-out` for a logout, then
 * `session-security-before-expire` and `session-security-expired`, and runs the expiry action
 * unless `session-security-before-expire` was canceled. A bad setting fires
 * `session-security-error`.
 */
export function expire(
  element: ExpiringElement,
  reason: ExpiryReason,
  source: ChangeSource,
  session: ServerLogout,
): void {
  const fail = (error: Error) => emitError(element, error);
  hideAtExpiry(element.hideOnExpire, fail);
  if (reason === 'logout') emit(element, 'session-security-logged-out', { source });
  const action = validExpireAction(element.expireAction, fail);
  const detail = { reason, source, action };
  const proceed = emit(element, 'session-security-before-expire', detail, true);
  emit(element, 'session-security-expired', detail);
  if (proceed) {
    void runExpireAction(
      action,
      reason,
      element.redirectUrl,
      element.navigation ?? window.location,
      session,
      fail,
    );
  }
}
