import {
  expiredStatus,
  MAX_IDLE_SECONDS,
  type ParseResult,
  parseJson,
  type SessionStatus,
} from '../../../protocol/index.js';

/**
 * The django-session-security ping (protocol/SPEC.md, Appendix A), pure: the request URL and
 * the mapping of its answers onto protocol v1 statuses. No DOM, no fetch.
 */

/** Query parameter carrying the whole seconds the browser has been idle. */
export const IDLE_FOR_PARAMETER = 'idleFor';

/** Query parameter that makes every ping URL unique, as jQuery's `cache: false` did. */
export const CACHE_BUSTER_PARAMETER = '_';

/** The ping's answer when there is no authenticated session (never signed in, or expired). */
export const LEGACY_LOGOUT_ANSWER = 'logout';

/** The legacy server's `WARN_AFTER` and `EXPIRE_AFTER`: its answers do not carry them. */
export interface LegacyTimeouts {
  readonly warnAfterSeconds: number;
  readonly expireAfterSeconds: number;
}

/**
 * Resolves the ping URL against `baseUrl` and checks that it is http(s) on `origin`: the ping
 * needs the session cookie, which is only sent same-origin.
 */
export function resolvePingUrl(pingUrl: string, baseUrl: string, origin: string): ParseResult<URL> {
  let url: URL;
  try {
    url = new URL(pingUrl, baseUrl);
  } catch {
    return { ok: false, error: `legacy-ping-url "${pingUrl}" is not a valid URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, error: `legacy-ping-url must be an http(s) URL, got ${url.protocol}` };
  }
  if (url.origin !== origin) {
    return {
      ok: false,
      error: `legacy-ping-url must be on this page's origin ${origin}, got ${url.origin}`,
    };
  }
  return { ok: true, value: url };
}

/**
 * Activity this recent counts as "now" (`idleFor=0`): a user action reported at once is sent a
 * few milliseconds after it happened, and the old server, which works in whole seconds, must
 * hear 0 for it, not 1. The error is below what the request's own travel time adds.
 */
export const LEGACY_NOW_TOLERANCE_SECONDS = 0.1;

/**
 * Whole seconds to send as `idleFor` for `idleSeconds`: rounded up past the tolerance above, so
 * the server never hears of activity more recent than the real one by more than that (the old
 * script rounded down).
 */
export function idleForSeconds(idleSeconds: number): number {
  const seconds = Math.max(0, idleSeconds - LEGACY_NOW_TOLERANCE_SECONDS);
  return Math.min(MAX_IDLE_SECONDS, Math.ceil(seconds));
}

/** The URL of one ping: `pingUrl` with `idleFor` and the cache buster set (others kept). */
export function pingRequestUrl(pingUrl: URL, idleFor: number, cacheBuster: number): string {
  const url = new URL(pingUrl.href);
  url.searchParams.set(IDLE_FOR_PARAMETER, String(idleFor));
  url.searchParams.set(CACHE_BUSTER_PARAMETER, String(cacheBuster));
  return url.href;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

/**
 * Maps a ping answer onto a protocol v1 status (SPEC Appendix A.2): a whole number I of seconds
 * idle -> active with `idleSeconds` I and the configured timeouts; `"logout"` -> expired
 * `no-session` (the legacy answer does not say why). Anything else is an error, including an
 * idle time at or past `expireAfterSeconds`: the server never answers that unless its
 * `EXPIRE_AFTER` is longer than the one configured here.
 */
export function parseLegacyAnswer(
  text: string,
  timeouts: LegacyTimeouts,
): ParseResult<SessionStatus> {
  const json = parseJson(text);
  if (!json.ok) return { ok: false, error: `the ping answer is not JSON (${json.error})` };
  const value = json.value;
  if (value === LEGACY_LOGOUT_ANSWER) return { ok: true, value: expiredStatus('no-session') };
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    return {
      ok: false,
      error: `the ping answer must be whole seconds idle or "logout", got ${describe(value)}`,
    };
  }
  if (value > MAX_IDLE_SECONDS) {
    return { ok: false, error: `the ping answer ${value} s is out of range (over a year)` };
  }
  if (value >= timeouts.expireAfterSeconds) {
    return {
      ok: false,
      error:
        `the ping answer says ${value} s idle, at or past expire-after ` +
        `(${timeouts.expireAfterSeconds} s): set expire-after to the server's EXPIRE_AFTER`,
    };
  }
  return {
    ok: true,
    value: {
      version: 1,
      state: 'active',
      idleSeconds: value,
      warnAfterSeconds: timeouts.warnAfterSeconds,
      expireAfterSeconds: timeouts.expireAfterSeconds,
    },
  };
}
