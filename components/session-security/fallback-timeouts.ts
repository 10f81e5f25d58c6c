import { validateTimeouts } from '../../protocol/index.js';

/** The element's `warn-after` default, seconds (django-session-security's `WARN_AFTER`). */
export const DEFAULT_WARN_AFTER_SECONDS = 540;
/** The element's `expire-after` default, seconds (django-session-security's `EXPIRE_AFTER`). */
export const DEFAULT_EXPIRE_AFTER_SECONDS = 600;

/**
 * The timeouts the session machine uses until the server's first answer: the element's
 * `warn-after` and `expire-after` when valid, else the defaults (`fail` is told why).
 */
export function fallbackTimeouts(
  warnAfterSeconds: number,
  expireAfterSeconds: number,
  fail: (error: Error) => void,
): { warnAfterSeconds: number; expireAfterSeconds: number } {
  const timeouts = validateTimeouts({ warnAfterSeconds, expireAfterSeconds });
  if (timeouts.ok) return timeouts.value;
  fail(new Error(`warn-after/expire-after ignored, defaults used: ${timeouts.error}`));
  return {
    warnAfterSeconds: DEFAULT_WARN_AFTER_SECONDS,
    expireAfterSeconds: DEFAULT_EXPIRE_AFTER_SECONDS,
  };
}
