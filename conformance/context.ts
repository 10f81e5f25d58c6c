import { setTimeout as sleep } from 'node:timers/promises';
import type { ActiveStatus } from '../protocol/index.js';
import { VERSION_HEADER } from '../protocol/index.js';
import { CookieJar } from './cookie-jar.js';
import { CheckSkipped, expectActive, expectStatus, round } from './expect.js';
import type { Exchange, HttpClient } from './http-client.js';
import type { SuiteOptions } from './options.js';
import { signInWithForm } from './sign-in.js';
import { TOLERANCE_SECONDS } from './timing.js';

/** A signed-in session as the suite holds it. */
export interface Session {
  readonly jar: CookieJar;
  /**
   * Client time at or after the server's last recorded activity: while the session is
   * untouched, its idle time is at least the time elapsed since then.
   */
  anchorMs: number;
  /** Client time at or before the server's last recorded activity. */
  activeSinceMs: number;
  /** Client time at or before the sign-in (0 when unknown, as with --cookie). */
  readonly signInSentAtMs: number;
}

/** The timeouts the server announced in a fresh session's status. */
export interface ServerTimeouts {
  readonly warnAfterSeconds: number;
  readonly expireAfterSeconds: number;
  /** The absolute lifetime left right after sign-in, or null when none is configured. */
  readonly absoluteRemainingSeconds: number | null;
}

/** Request headers a same-origin browser sends with a protocol POST or DELETE. */
export type HeaderChanges = Readonly<Record<string, string | null>>;

/** Shared state and helpers for the checks: the client, sign-in, protocol requests. */
export class SuiteContext {
  /** Set by the setup checks once a fresh session answered. */
  timeouts: ServerTimeouts | null = null;
  /** In cookie mode, the check or group that ended the only session there is, once one has. */
  cookieSessionEndedBy: string | null = null;
  /** In cookie mode, the client time at which the session's absolute lifetime ends at the latest. */
  cookieAbsoluteDeadlineMs: number | null = null;

  constructor(
    readonly client: HttpClient,
    readonly options: SuiteOptions,
  ) {}

  get resourcePath(): string {
    return this.options.resourcePath;
  }

  /** Headers of a well-formed same-origin protocol request, with `changes` applied (null removes). */
  protocolHeaders(changes: HeaderChanges = {}, method = 'POST'): Record<string, string> {
    const headers: Record<string, string> = {
      'sec-fetch-site': 'same-origin',
      'sec-fetch-mode': 'cors',
      origin: this.client.origin,
      [VERSION_HEADER]: '1',
      accept: 'application/json',
      ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
    };
    for (const [name, value] of Object.entries(changes)) {
      if (value === null) delete headers[name.toLowerCase()];
      else headers[name.toLowerCase()] = value;
    }
    return headers;
  }

  /** `GET` of the resource: a passive status read. */
  status(session?: Session, method = 'GET', query = ''): Promise<Exchange> {
    return this.client.send(method, this.resourcePath + query, {
      headers: {
        accept: 'application/json',
        'sec-fetch-site': 'same-origin',
        'sec-fetch-mode': 'cors',
      },
      ...(session ? { jar: session.jar } : {}),
    });
  }

  /** `POST` of the resource with `{"idleSeconds": N}` from the same origin. */
  report(session: Session | undefined, idleSeconds: number): Promise<Exchange> {
    return this.client.send('POST', this.resourcePath, {
      headers: this.protocolHeaders(),
      body: JSON.stringify({ idleSeconds }),
      ...(session ? { jar: session.jar } : {}),
    });
  }

  /** `DELETE` of the resource from the same origin. */
  logout(session?: Session): Promise<Exchange> {
    return this.client.send('DELETE', this.resourcePath, {
      headers: this.protocolHeaders({}, 'DELETE'),
      ...(session ? { jar: session.jar } : {}),
    });
  }

  /** An ordinary request of the protected URL, as a page load or as an API (fetch) call. */
  ordinaryRequest(
    kind: 'page' | 'api' | 'api-without-fetch-metadata',
    jar?: CookieJar,
    extraHeaders: Readonly<Record<string, string>> = {},
  ): Promise<Exchange> {
    const headers: Record<string, string> =
      kind === 'page'
        ? {
            accept: 'text/html,*/*;q=0.8',
            'sec-fetch-mode': 'navigate',
            'sec-fetch-site': 'same-origin',
          }
        : kind === 'api'
          ? {
              accept: 'application/json',
              'sec-fetch-mode': 'cors',
              'sec-fetch-site': 'same-origin',
            }
          : { accept: 'application/json' };
    return this.client.send('GET', this.options.protectedPath, {
      headers: { ...headers, ...extraHeaders },
      ...(jar ? { jar } : {}),
    });
  }

  /**
   * A session for one check. With a login form, always a fresh one; with `--cookie`, the given
   * session until a check has ended it.
   */
  async newSession({ anchored = true } = {}): Promise<Session> {
    const signIn = this.options.signIn;
    if (signIn.kind === 'cookie') {
      if (this.cookieSessionEndedBy !== null) {
        throw new CheckSkipped(
          `needs a fresh session, and --cookie gives only one (${this.cookieSessionEndedBy} ended it): sign in with --login-url`,
        );
      }
      const jar = new CookieJar();
      jar.set(signIn.name, signIn.value);
      // Anchor the idle time at a report of activity: the session's history is unknown.
      const exchange = await this.report(unanchored(jar), 0);
      const status = expectActive(exchange, 'the --cookie session must be signed in');
      if (status.absoluteRemainingSeconds !== undefined && this.cookieAbsoluteDeadlineMs === null) {
        this.cookieAbsoluteDeadlineMs =
          exchange.receivedAtMs + status.absoluteRemainingSeconds * 1000;
      }
      return { jar, signInSentAtMs: 0, ...anchorsOf(exchange, status.idleSeconds) };
    }
    const { jar, login } = await signInWithForm(this.client, signIn);
    // A vector compares states only: it needs no anchor, and saves a request per sign-in.
    if (!anchored) return { ...unanchored(jar), signInSentAtMs: login.sentAtMs };
    // Some servers start the activity record at sign-in, others at the session's first request:
    // the first status read tells when the server counts from.
    const read = await this.status(unanchored(jar));
    const status = expectActive(read, 'right after sign-in');
    return { jar, signInSentAtMs: login.sentAtMs, ...anchorsOf(read, status.idleSeconds) };
  }

  /**
   * Why `exchange` cannot be held against the server, or null: with --cookie, an answer to a
   * request sent after the one session's absolute lifetime may have been ended by it.
   */
  unjudgeable(exchange: Exchange): string | null {
    const deadlineMs = this.cookieAbsoluteDeadlineMs;
    if (deadlineMs === null || exchange.sentAtMs < deadlineMs - TOLERANCE_SECONDS * 1000) {
      return null;
    }
    return `could not judge: the --cookie session had reached (or nearly reached) its absolute lifetime when this request was sent; sign in with --login-url for a fresh session per check`;
  }

  /**
   * The active status in `exchange`, which a check expects because `session` cannot have been
   * idle for the whole idle timeout. If it may have been (a slow server or machine), the failure
   * says so instead of blaming the rule under test.
   */
  expectAlive(session: Session, exchange: Exchange, why: string): ActiveStatus {
    const status = expectStatus(exchange);
    if (status.state === 'active') return status;
    const expireAfterSeconds = this.timeouts?.expireAfterSeconds ?? Number.POSITIVE_INFINITY;
    const idleAtMostSeconds = (exchange.receivedAtMs - session.activeSinceMs) / 1000;
    // `no-session`: an earlier request may have found it expired and destroyed it.
    const endedByTime = status.reason !== 'logout';
    if (endedByTime && idleAtMostSeconds >= expireAfterSeconds) {
      throw new CheckSkipped(
        `could not judge: the session may have reached its idle timeout (${round(idleAtMostSeconds)} s after its last activity) before this check was done: the server or this machine is too slow for expireAfterSeconds ${expireAfterSeconds}; configure a longer one`,
      );
    }
    const lifetimeSeconds = this.timeouts?.absoluteRemainingSeconds ?? null;
    const ageAtMostSeconds = (exchange.receivedAtMs - session.signInSentAtMs) / 1000;
    if (
      endedByTime &&
      lifetimeSeconds !== null &&
      ageAtMostSeconds >= lifetimeSeconds - TOLERANCE_SECONDS
    ) {
      throw new CheckSkipped(
        `could not judge: the session may have reached its absolute lifetime (${round(ageAtMostSeconds)} s after sign-in) before this check was done: the server or this machine is too slow for an absolute lifetime of ${lifetimeSeconds} s; configure a longer one`,
      );
    }
    return expectActive(exchange, why);
  }

  /** Seconds elapsed on the client since `ms`. */
  secondsSince(ms: number): number {
    return (Date.now() - ms) / 1000;
  }

  /** The timeouts, once the setup checks have read them. */
  requireTimeouts(): ServerTimeouts {
    if (!this.timeouts) throw new CheckSkipped('the server timeouts are unknown: sign-in failed');
    return this.timeouts;
  }

  async sleepUntil(clientMs: number): Promise<void> {
    const ms = clientMs - Date.now();
    if (ms > 0) await sleep(ms);
  }
}

/**
 * Bounds of the server's last activity, from an answer that said `idleSeconds`: the server
 * computed it at some moment between sending and receiving.
 */
function anchorsOf(
  exchange: Exchange,
  idleSeconds: number,
): Pick<Session, 'anchorMs' | 'activeSinceMs'> {
  return {
    anchorMs: exchange.receivedAtMs - idleSeconds * 1000,
    activeSinceMs: exchange.sentAtMs - idleSeconds * 1000,
  };
}

/** A session of `jar` whose history is unknown: for requests that judge no idle time. */
export function unanchored(jar: CookieJar): Session {
  return { jar, anchorMs: 0, activeSinceMs: 0, signInSentAtMs: 0 };
}
