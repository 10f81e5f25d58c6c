import type { FastifyInstance } from 'fastify';
import { BENCH_ROUTES, createBenchApp, sessionCookieFrom } from './app.js';
import {
  type CountingActivityStore,
  type CountingSessionStore,
  countingActivityStore,
  countingSessionStore,
} from './counting-stores.js';

/** Which requests a burst is made of. */
export type BurstKind =
  /** GET of an ordinary API route: activity. */
  | 'active-route'
  /** POST of the protocol resource with `{"idleSeconds":0}`: activity. */
  | 'activity-report'
  /** GET of a route configured passive. */
  | 'passive-route'
  /** GET of an ordinary route with `Session-Security-Passive: 1`. */
  | 'passive-header'
  /** GET of the protocol resource: the status read. */
  | 'status-read';

/** Which server: the plugin, or a per-request activity stamp like django-session-security's. */
export type WriteModel = 'session-security' | 'stamp-every-request';

/** Options of {@link countStoreWrites}. */
export interface BurstOptions {
  readonly kind: BurstKind;
  readonly requests: number;
  /** The burst spreads evenly over this many milliseconds of the injected clock. */
  readonly spanMs: number;
  readonly model?: WriteModel;
}

/** Store operations during a burst, after the session's first request. */
export interface StoreWriteCounts {
  readonly activityWrites: number;
  readonly sessionWrites: number;
  readonly totalWrites: number;
  readonly statusCodes: ReadonlySet<number>;
}

const START_MS = Date.UTC(2026, 0, 5, 9, 0);

const SAME_ORIGIN = {
  host: 'localhost',
  origin: 'http://localhost',
  'sec-fetch-site': 'same-origin',
  'sec-fetch-mode': 'cors',
  accept: 'application/json',
} as const;

interface CountingApp {
  readonly app: FastifyInstance;
  readonly activity: CountingActivityStore;
  readonly sessions: CountingSessionStore;
  readonly clock: { nowMs: number };
}

/**
 * The baseline django-session-security represents: its middleware stores the time of every
 * non-passive request in the session (`request.session['_session_security'] = now`), so the
 * session is saved on every such request. Reproduced on @fastify/session alone.
 */
function stampEveryRequest(app: FastifyInstance, clock: { nowMs: number }): void {
  app.addHook('preHandler', async (request) => {
    const session = request.session as unknown as {
      get(key: string): unknown;
      set(key: string, value: unknown): void;
    };
    if (session.get('user') === undefined) return;
    if (request.headers['session-security-passive'] === '1') return;
    if (request.routeOptions.config?.sessionSecurity?.passive === true) return;
    session.set('lastActivityMs', clock.nowMs);
  });
}

async function countingApp(model: WriteModel): Promise<CountingApp> {
  const activity = countingActivityStore();
  const sessions = countingSessionStore();
  const clock = { nowMs: START_MS };
  const app = await createBenchApp({
    variant: model === 'session-security' ? 'session-security' : 'session-only',
    nowMs: () => clock.nowMs,
    activityStore: activity,
    sessionStore: sessions,
    beforeRoutes:
      model === 'stamp-every-request'
        ? (instance) => stampEveryRequest(instance, clock)
        : undefined,
  });
  return { app, activity, sessions, clock };
}

async function request(target: CountingApp, kind: BurstKind, cookie: string): Promise<number> {
  const headers = { ...SAME_ORIGIN, cookie };
  const response = await (() => {
    switch (kind) {
      case 'active-route':
        return target.app.inject({ method: 'GET', url: BENCH_ROUTES.active, headers });
      case 'passive-route':
        return target.app.inject({ method: 'GET', url: BENCH_ROUTES.passive, headers });
      case 'passive-header':
        return target.app.inject({
          method: 'GET',
          url: BENCH_ROUTES.active,
          headers: { ...headers, 'session-security-passive': '1' },
        });
      case 'status-read':
        return target.app.inject({ method: 'GET', url: BENCH_ROUTES.protocolStatus, headers });
      case 'activity-report':
        return target.app.inject({
          method: 'POST',
          url: BENCH_ROUTES.protocolStatus,
          headers: {
            ...headers,
            'content-type': 'application/json',
            'session-security-version': '1',
          },
          payload: '{"idleSeconds":0}',
        });
    }
  })();
  return response.statusCode;
}

/**
 * Signs in, makes the session's first request (which creates its activity record and marks the
 * session once), then counts the store writes of `requests` requests of one kind spread over
 * `spanMs` of the injected clock, starting one second after that first request.
 */
export async function countStoreWrites(options: BurstOptions): Promise<StoreWriteCounts> {
  const target = await countingApp(options.model ?? 'session-security');
  try {
    const signIn = await target.app.inject({ method: 'POST', url: BENCH_ROUTES.signIn });
    const cookie = sessionCookieFrom(signIn.headers['set-cookie']);
    if (signIn.statusCode !== 200 || !cookie) throw new Error(`sign-in failed: ${signIn.body}`);
    const first = await request(target, 'active-route', cookie);
    if (first !== 200) throw new Error(`first request failed with ${first}`);
    target.activity.reset();
    target.sessions.reset();
    target.clock.nowMs += 1000;
    const burstStartMs = target.clock.nowMs;
    const statusCodes = new Set<number>();
    for (let index = 0; index < options.requests; index++) {
      target.clock.nowMs = burstStartMs + Math.floor((index * options.spanMs) / options.requests);
      statusCodes.add(await request(target, options.kind, cookie));
    }
    const activityWrites = target.activity.counts.writes;
    const sessionWrites = target.sessions.counts.writes;
    return {
      activityWrites,
      sessionWrites,
      totalWrites: activityWrites + sessionWrites,
      statusCodes,
    };
  } finally {
    await target.app.close();
  }
}
