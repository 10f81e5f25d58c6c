import { setTimeout as sleep } from 'node:timers/promises';
import { VERSION_HEADER } from '../protocol/index.js';
import { CookieJar } from './cookie-jar.js';
import { CheckSkipped, expectActive, fail } from './expect.js';
import type { Exchange, HttpClient } from './http-client.js';
import type { SuiteOptions } from './options.js';

/** Slack allowed between durations the server reports and what the suite measured. */
export const TOLERANCE_SECONDS = 0.35;
/** How long past a deadline the suite waits before it expects the session to have ended. */
export const PAST_DEADLINE_MS = 300;
/** Shortest idle timeout the suite can test reliably with its tolerance. */
export const MIN_EXPIRE_SECONDS = 2;
/** Wait before an ordinary request, so that a server that writes activity at most once per second writes it. */
export const ACTIVITY_WRITE_WAIT_MS = 1300;

/** A signed-in session as the suite holds it. */
export interface Session {
  readonly jar: CookieJar;
  /**
   * Client time at or after the server's last recorded activity (the sign-in answer's arrival):
   * while the session is untouched, its idle time is at least the time elapsed since then.
   */
  anchorMs: number;
  /** Client time at or before the server's last recorded activity (the sign-in request's sending). */
  activeSinceMs: number;
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
  /** In cookie mode, set once a check has ended the only session there is. */
  cookieSessionEnded = false;

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
  status(session?: Session, method = 'GET'): Promise<Exchange> {
    return this.client.send(method, this.resourcePath, {
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
  async newSession(): Promise<Session> {
    const signIn = this.options.signIn;
    if (signIn.kind === 'cookie') {
      if (this.cookieSessionEnded) {
        throw new CheckSkipped(
          'needs a fresh session, and --cookie gives one: sign in with --login-url',
        );
      }
      const jar = new CookieJar();
      jar.set(signIn.name, signIn.value);
      // Anchor the idle time at a report of activity: the session's history is unknown.
      const exchange = await this.report({ jar, anchorMs: 0, activeSinceMs: 0 }, 0);
      expectActive(exchange, 'the --cookie session must be signed in');
      return { jar, anchorMs: exchange.receivedAtMs, activeSinceMs: exchange.sentAtMs };
    }
    const jar = new CookieJar();
    const body = new URLSearchParams({ username: signIn.username, password: signIn.password });
    const login = await this.client.send('POST', signIn.loginPath, {
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html,*/*;q=0.8',
        origin: this.client.origin,
        'sec-fetch-site': 'same-origin',
        'sec-fetch-mode': 'navigate',
      },
      body: body.toString(),
      jar,
    });
    if (login.response.status >= 400)
      fail('sign-in failed: the login form answered an error', login);
    if (jar.isEmpty()) fail('sign-in set no cookie', login);
    const session = { jar, anchorMs: login.receivedAtMs, activeSinceMs: login.sentAtMs };
    expectActive(await this.status(session), 'right after sign-in');
    return session;
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

/** Memoizes an async factory: every caller gets the same promise. */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => {
    promise ??= make();
    return promise;
  };
}
