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
import { monotonicClock, wallClockSteps } from './session-clock.js';
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
  /** A monotonic clock (default `performance.now()`): tells a clock set back from time passing. */
  readonly monotonicMs?: () => number;
  /** Base of a relative ping URL (default: the document's base URL). */
  readonly baseUrl?: string;
  /** The origin the ping URL must be on (default: the page's). */
  readonly origin?: string;
  /** When this page was requested: the server counted that request as activity. */
  readonly loadedAtMs?: number;
  /** A ping without an answer after this long fails, so deadlines are still acted on. */
  readonly timeoutMs?: number;
  /** Waits `ms` (default: a timer); a report waits for whole seconds of idle time. */
  readonly wait?: (ms: number) => Promise<void>;
}

/**
 * Talks to an unchanged django-session-security server through its ping view
 * (`GET <ping-url>?idleFor=N&_=<cache buster>`, answered by whole seconds idle or `"logout"`),
 * so that the element replaces the old jQuery script. See protocol/SPEC.md, Appendix A.
 *
 * That protocol has neither a passive read nor a logout call:
 * - `readStatus()` pings with the whole seconds (rounded up) since the earliest moment the
 *   server's last activity can be. The server keeps the most recent activity, so that ping
 *   changes nothing.
 * - `logout()` sends nothing and answers expired `logout`; the element's expiry action then
 *   ends the session (e.g. `expire-action="redirect"` to the site's logout URL).
 *
 * Whole seconds, both ways. A report waits until the activity is whole seconds old (at most a
 * second; activity within {@link LEGACY_NOW_TOLERANCE_SECONDS} goes at once as 0), so the
 * server records it as it was, not up to a second earlier or later. The server answers
 * `timedelta.seconds`, truncated: an answer I means between I and I + 1 seconds idle. So an
 * answer is turned into the earliest last activity it allows (or, when this report certainly
 * moved the server's last activity, that moment), and the status says that many seconds idle
 * at the moment the element asked: the element's deadlines are never later than the server's.
 */
export class LegacyTransport implements Transport {
  readonly explainsEnd = false;
  readonly #pingUrl: ParseResult<URL>;
  readonly #timeouts: LegacyTimeouts;
  readonly #fetch: FetchFunction;
  readonly #nowMs: () => number;
  readonly #timeoutMs: number;
  readonly #wait: (ms: number) => Promise<void>;
  readonly #steps: (wallMs: number) => number;
  /** How far {@link #now} is ahead of the wall clock: the sum of the wall clock's steps back. */
  #offsetMs = 0;
  // Moments below are on #now(), so a wall clock set back never makes the server's last
  // activity look in the future (a ping would then claim activity now, or send a negative idleFor).
  /** The earliest the server's last activity can be (this machine's clock). */
  #serverLastFromMs: number;
  /** The latest it could be at the last answer (other tabs may have moved it since). */
  #serverLastUntilMs: number;
  #lastCacheBuster = 0;

  constructor(
    readonly pingUrl: string,
    options: LegacyTransportOptions,
  ) {
    this.#timeouts = options.timeouts;
    this.#fetch = options.fetchFunction ?? ((input, init) => fetch(input, init));
    this.#nowMs = options.nowMs ?? (() => Date.now());
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#wait = options.wait ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#steps = wallClockSteps(options.monotonicMs ?? monotonicClock);
    const baseUrl = options.baseUrl ?? globalThis.document?.baseURI ?? '';
    const origin = options.origin ?? globalThis.location?.origin ?? '';
    this.#pingUrl = resolvePingUrl(pingUrl, baseUrl, origin);
    // The page's own request counted as activity: after it was sent, before now.
    const nowMs = this.#now();
    this.#serverLastFromMs = Math.min(
      options.loadedAtMs ?? globalThis.performance?.timeOrigin ?? 0,
      nowMs,
    );
    // The server recorded the page's request before answering it.
    const navigation = globalThis.performance?.getEntriesByType?.('navigation')[0] as
      | PerformanceNavigationTiming
      | undefined;
    this.#serverLastUntilMs =
      options.loadedAtMs === undefined && navigation && navigation.responseStart > 0
        ? Math.min(nowMs, performance.timeOrigin + navigation.responseStart)
        : nowMs;
  }

  readStatus(): Promise<SessionStatus> {
    const askedAtMs = this.#now();
    return this.#ping(askedAtMs, Math.ceil((askedAtMs - this.#serverLastFromMs) / 1000));
  }

  async reportActivity(idleSeconds: number): Promise<SessionStatus> {
    const error = checkDuration('idleSeconds', idleSeconds);
    if (error) throw new RangeError(error);
    const askedAtMs = this.#now();
    const idleFor = idleForSeconds(idleSeconds);
    const waitMs = (idleFor - idleSeconds) * 1000;
    if (waitMs > 0) await this.#wait(waitMs);
    return this.#ping(askedAtMs, idleFor);
  }

  logout(): Promise<SessionStatus> {
    return Promise.resolve(expiredStatus('logout'));
  }

  /** The wall clock, moved on by each of its steps back: the moments above stay in order. */
  #now(): number {
    const wallMs = this.#nowMs();
    this.#offsetMs -= this.#steps(wallMs);
    return wallMs + this.#offsetMs;
  }

  /** One ping; its answer as seconds idle at `askedAtMs`, when the element asked. */
  async #ping(askedAtMs: number, idleFor: number): Promise<SessionStatus> {
    if (!this.#pingUrl.ok) throw new TypeError(this.#pingUrl.error);
    const sentAtMs = this.#now();
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
    if (status.value.state !== 'active') return status.value;
    const answer = status.value.idleSeconds;
    // The server moves its last activity only when idleFor is below its own truncated idle
    // time: certain when even the latest it could have been was idleFor + 1 s before the send.
    const moved = answer === idleFor && this.#serverLastUntilMs <= sentAtMs - (idleFor + 1) * 1000;
    this.#serverLastFromMs = Math.max(
      this.#serverLastFromMs,
      sentAtMs - (answer + 1) * 1000,
      moved ? sentAtMs - idleFor * 1000 : 0,
    );
    // Not kept lower by earlier answers: another tab may have moved it since.
    this.#serverLastUntilMs = this.#now() - answer * 1000;
    const expireAfterSeconds = status.value.expireAfterSeconds;
    return {
      ...status.value,
      // Just under expireAfterSeconds at most: an answer below it means "not expired yet".
      idleSeconds: Math.min(
        Math.max(0, (askedAtMs - this.#serverLastFromMs) / 1000),
        expireAfterSeconds - 0.001,
      ),
    };
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
