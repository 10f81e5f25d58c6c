import type { ExpiryReason } from '../../protocol/index.js';
import { toError } from './core/transport.js';
import type { ExpireAction } from './events.js';

/** The navigation functions the expiry actions use (`window.location` by default). */
export interface ExpireNavigation {
  reload(): void;
  assign(url: string): void;
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

/** Hides every element matching `selector` (e.g. `main, [data-private]`). Throws on a bad selector. */
export function hideMatching(root: ParentNode, selector: string): void {
  if (selector.trim() === '') return;
  for (const element of root.querySelectorAll(selector)) element.setAttribute('hidden', '');
}

/**
 * Runs an expiry action (`action` is valid): `reload`, or go to `redirectUrl` (a bad one is
 * reported through `fail` and reloads instead), after the server's logout for
 * `logout-redirect` when the session did not end by a logout already.
 */
export async function runExpireAction(
  action: ExpireAction,
  reason: ExpiryReason,
  redirectUrl: string,
  navigation: ExpireNavigation,
  logoutOnServer: () => Promise<unknown>,
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
    await logoutOnServer().catch((error: unknown) => fail(toError(error)));
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

/** Hides the elements `hide-on-expire` selects; a bad selector goes to `fail`. */
export function hideAtExpiry(selector: string, fail: (error: Error) => void): void {
  try {
    hideMatching(document, selector);
  } catch (error) {
    fail(new Error(`hide-on-expire is not a valid selector: ${String(error)}`));
  }
}
