/**
 * django-session-security's server in memory, as a `fetch` function: its middleware (expiry
 * first, then last activity = max(last, now - idleFor) for a ping) and its ping view (a bare
 * integer of idle seconds, or "logout"; session_security/middleware.py and views.py in that
 * project), on an injected clock, with Python's whole-second arithmetic (`timedelta.seconds`,
 * `int(idleFor)`). It answers GET on its ping path only.
 */

/** One request the view saw. */
export interface SeenPing {
  readonly url: URL;
  readonly init: RequestInit;
  readonly atMs: number;
}

/** What the next request gets instead of the view's answer (the session is left as it is). */
export type PingFault = 'network' | { readonly status: number; readonly body: string };

const SECONDS_PER_DAY = 86_400;

export class LegacyPingView {
  /** The session's last activity (`_session_security`), or null: no authenticated session. */
  lastActivityMs: number | null;
  readonly requests: SeenPing[] = [];
  readonly faults: PingFault[] = [];

  constructor(
    private readonly nowMs: () => number,
    readonly expireAfterSeconds = 10,
    readonly path = '/session_security/ping/',
    signedIn = true,
  ) {
    this.lastActivityMs = signedIn ? nowMs() : null;
  }

  /** Seconds idle as the server computes them: whole seconds, days dropped (`.seconds`). */
  serverIdleSeconds(): number {
    if (this.lastActivityMs === null) throw new Error('no session');
    return Math.floor((this.nowMs() - this.lastActivityMs) / 1000) % SECONDS_PER_DAY;
  }

  /** Any other (non-passive) page request of the user: the middleware records activity. */
  pageLoad(): void {
    if (this.#expireIfDue()) return;
    if (this.lastActivityMs !== null) this.lastActivityMs = this.nowMs();
  }

  readonly fetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input, location.href);
    this.requests.push({ url, init, atMs: this.nowMs() });
    const fault = this.faults.shift();
    if (fault === 'network') throw new TypeError('Failed to fetch');
    if (fault) return json(fault.body, fault.status);
    if (url.pathname !== this.path) return json('"not found"', 404);
    if ((init.method ?? 'GET') !== 'GET') return json('"method not allowed"', 405);
    return json(this.#ping(url.searchParams.get('idleFor')), 200);
  };

  /** The middleware (expiry first, then the ping rule), then the view. */
  #ping(idleFor: string | null): string {
    if (this.#expireIfDue() || this.lastActivityMs === null) return '"logout"';
    if (idleFor !== null) this.#updateLastActivity(idleFor);
    return String(this.serverIdleSeconds());
  }

  #expireIfDue(): boolean {
    if (this.lastActivityMs === null) return false;
    if (this.nowMs() - this.lastActivityMs < this.expireAfterSeconds * 1000) return false;
    this.lastActivityMs = null;
    return true;
  }

  #updateLastActivity(idleFor: string): void {
    // Python's int(): optional blanks and sign, digits only; anything else is ignored.
    if (!/^\s*[+-]?\d+\s*$/.test(idleFor)) return;
    const clientIdleSeconds = Math.max(0, Number.parseInt(idleFor, 10));
    if (clientIdleSeconds < this.serverIdleSeconds()) {
      this.lastActivityMs = this.nowMs() - clientIdleSeconds * 1000;
    }
  }
}

function json(body: string, status: number): Response {
  return new Response(body, { status, headers: { 'content-type': 'application/json' } });
}
