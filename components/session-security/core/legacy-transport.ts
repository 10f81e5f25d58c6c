import {
  checkDuration,
  expiredStatus,
  type ParseResult,
  type SessionStatus,
  validateTimeouts,
} from '../../../protocol/index.js';
import type { FetchFunction } from './fetch-transport.js';
import {
  idleForSeconds,
  type LegacyTimeouts,
  parseLegacyAnswer,
  pingRequestUrl,
  resolvePingUrl,
} from './legacy-ping.js';
import { type Transport, TransportError } from './transport.js';

/** django-session-security's own defaults, `WARN_AFTER` 540 and `EXPIRE_AFTER` 600 seconds. */
export const LEGACY_DEFAULT_TIMEOUTS: LegacyTimeouts = {
  warnAfterSeconds: 540,
  expireAfterSeconds: 600,
};

/** Dependencies of a {@link LegacyTransport}; all but `timeouts` default to the page's. */
export interface LegacyTransportOptions {
  /** The server's `WARN_AFTER` and `EXPIRE_AFTER` (valid: 0 < warn < expire). */
  readonly timeouts: LegacyTimeouts;
  readonly fetchFunction?: FetchFunction;
  /** The clock: wall-clock epoch milliseconds. */
  readonly nowMs?: () => number;
  /** Base of a relative ping URL (default: the document's base URL). */
  readonly baseUrl?: string;
  /** The origin the ping URL must be on (default: the page's). */
  readonly origin?: string;
  /** When this page was requested: the server counted that request as activity. */
  readonly loadedAtMs?: number;
  /** A ping without an answer after this long fails, so deadlines are still acted on. */
  readonly timeoutMs?: number;
}

/**
 * Talks to an unchanged django-session-security server through its ping view
 * (`GET <ping-url>?idleFor=N&_=<cache buster>`, answered by whole seconds idle or `"logout"`),
 * so that the element replaces the old jQuery script. See protocol/SPEC.md, Appendix A.
 *
 * That protocol has neither a passive read nor a logout call:
 * - `readStatus()` pings with the seconds since the latest activity this tab has already told
 *   the server about (its page load, or its latest successful report). The server keeps the
 *   most recent activity (`last = max(last, now - idleFor)`), so that ping changes nothing.
 * - `logout()` sends nothing and answers expired `logout`; the element's expiry action then
 *   ends the session (e.g. `expire-action="redirect"` to the site's logout URL).
 */
export class LegacyTransport implements Transport {
  readonly explainsEnd = false;
  readonly #pingUrl: ParseResult<URL>;
  readonly #timeouts: LegacyTimeouts;
  readonly #fetch: FetchFunction;
  readonly #nowMs: () => number;
  readonly #timeoutMs: number;
  /** Latest moment of activity the server is known to have recorded from this tab. */
  #toldActivityMs: number;
  #lastCacheBuster = 0;

  constructor(
    readonly pingUrl: string,
    options: LegacyTransportOptions,
  ) {
    this.#timeouts = options.timeouts;
    this.#fetch = options.fetchFunction ?? ((input, init) => fetch(input, init));
    this.#nowMs = options.nowMs ?? (() => Date.now());
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    const baseUrl = options.baseUrl ?? globalThis.document?.baseURI ?? '';
    const origin = options.origin ?? globalThis.location?.origin ?? '';
    this.#pingUrl = resolvePingUrl(pingUrl, baseUrl, origin);
    const loadedAtMs = options.loadedAtMs ?? globalThis.performance?.timeOrigin ?? 0;
    this.#toldActivityMs = Math.min(loadedAtMs, this.#nowMs());
  }

  readStatus(): Promise<SessionStatus> {
    return this.#ping((this.#nowMs() - this.#toldActivityMs) / 1000);
  }

  reportActivity(idleSeconds: number): Promise<SessionStatus> {
    const error = checkDuration('idleSeconds', idleSeconds);
    if (error) return Promise.reject(new RangeError(error));
    return this.#ping(idleSeconds);
  }

  logout(): Promise<SessionStatus> {
    return Promise.resolve(expiredStatus('logout'));
  }

  async #ping(idleSeconds: number): Promise<SessionStatus> {
    if (!this.#pingUrl.ok) throw new TypeError(this.#pingUrl.error);
    const sentAtMs = this.#nowMs();
    const idleFor = idleForSeconds(idleSeconds);
    this.#lastCacheBuster = Math.max(sentAtMs, this.#lastCacheBuster + 1);
    const url = pingRequestUrl(this.#pingUrl.value, idleFor, this.#lastCacheBuster);
    const init: RequestInit = { method: 'GET', credentials: 'same-origin', cache: 'no-store' };
    if (typeof AbortSignal.timeout === 'function') {
      init.signal = AbortSignal.timeout(this.#timeoutMs);
    }
    let response: Response;
    let text: string;
    try {
      response = await this.#fetch(url, init);
      text = await response.text();
    } catch (error) {
      throw new TransportError('network', `GET ${url} failed: ${String(error)}`);
    }
    if (!response.ok) {
      throw new TransportError('http', `GET ${url} answered ${response.status}`, response.status);
    }
    const status = parseLegacyAnswer(text, this.#timeouts);
    if (!status.ok) throw new TransportError('malformed', `GET ${url}: ${status.error}`);
    if (status.value.state === 'active') {
      this.#toldActivityMs = Math.max(this.#toldActivityMs, sentAtMs - idleFor * 1000);
    }
    return status.value;
  }
}

/**
 * The transport of `<session-security legacy-ping-url>`: the element's `warn-after` and
 * `expire-after` stand for the server's settings; invalid ones fall back to the old defaults
 * (the element reports them as an error).
 */
export function createLegacyTransport(
  pingUrl: string,
  warnAfterSeconds: number,
  expireAfterSeconds: number,
): LegacyTransport {
  const timeouts = validateTimeouts({ warnAfterSeconds, expireAfterSeconds });
  return new LegacyTransport(pingUrl, {
    timeouts: timeouts.ok ? timeouts.value : LEGACY_DEFAULT_TIMEOUTS,
  });
}
