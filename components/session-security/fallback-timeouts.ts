import { validateTimeouts } from '../../protocol/index.js';
import { emitError } from './emit.js';

/** The element's `warn-after` default, seconds (django-session-security's `WARN_AFTER`). */
export const DEFAULT_WARN_AFTER_SECONDS = 540;
/** The element's `expire-after` default, seconds (django-session-security's `EXPIRE_AFTER`). */
export const DEFAULT_EXPIRE_AFTER_SECONDS = 600;

/** The element's settings the fallback timeouts come from; its error event says why not. */
export interface TimeoutSettings extends EventTarget {
  warnAfterSeconds: number;
  expireAfterSeconds: number;
}

/**
 * The timeouts the session machine uses until the server's first answer: the element's
 * `warn-after` and `expire-after` when valid, else the defaults (`session-security-error` says
 * why).
 */
export function fallbackTimeouts(element: TimeoutSettings): {
  warnAfterSeconds: number;
  expireAfterSeconds: number;
} {
  const { warnAfterSeconds, expireAfterSeconds } = element;
  const timeouts = validateTimeouts({ warnAfterSeconds, expireAfterSeconds });
  if (timeouts.ok) return timeouts.value;
  const error = new Error(`warn-after/expire-after ignored, defaults used: ${timeouts.error}`);
  emitError(element, error);
  return {
    warnAfterSeconds: DEFAULT_WARN_AFTER_SECONDS,
    expireAfterSeconds: DEFAULT_EXPIRE_AFTER_SECONDS,
  };
}
