/** How the element fires its events (their types and names: events.ts). */
import type { SessionSecurityEventMap } from './events.js';

/**
 * Fires one of the element's events on `target`, bubbling and composed like all of them.
 * Answers false when a cancelable event was canceled.
 */
export function emit<K extends keyof SessionSecurityEventMap>(
  target: EventTarget,
  type: K,
  detail: SessionSecurityEventMap[K]['detail'],
  cancelable = false,
): boolean {
  return target.dispatchEvent(
    new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }),
  );
}

/**
 * Fires `session-security-error` for `error`: a request failed or a setting is wrong.
 * `retryInMs` is the wait before the next try, null when none follows.
 */
export function emitError(
  target: EventTarget,
  error: Error,
  retryInMs: number | null = null,
): void {
  emit(target, 'session-security-error', { error, retryInMs });
}
