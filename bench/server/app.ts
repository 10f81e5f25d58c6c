import fastifyCookie from '@fastify/cookie';
import fastifySession, { MemoryStore, type SessionStore } from '@fastify/session';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { SESSION_MARKER_KEY } from '../../server/fastify-session.js';
import { type ActivityStore, sessionSecurity } from '../../server/index.js';
import { ACTIVITY_WRITE_GRANULARITY_MS } from '../../server/session-evaluation.js';

/**
 * Which application: @fastify/session alone, the same with the session-security plugin, or one
 * of two references for the throughput section: the same with the least an inactivity check can
 * do ({@link addMinimalHook}), without and with the plugin's marker in the session blob.
 */
export type BenchAppVariant =
  | 'session-only'
  | 'session-security'
  | 'minimal-hook'
  | 'minimal-hook-marked';

export const BENCH_APP_VARIANTS: readonly BenchAppVariant[] = [
  'session-only',
  'session-security',
  'minimal-hook',
  'minimal-hook-marked',
];

/** Options of {@link createBenchApp}. */
export interface BenchAppOptions {
  readonly variant: BenchAppVariant;
  /** The plugin's clock, epoch milliseconds. Default `Date.now`. */
  readonly nowMs?: () => number;
  readonly activityStore?: ActivityStore;
  readonly sessionStore?: SessionStore;
  /** The plugin's timeouts. Default {@link BENCH_TIMEOUTS}. */
  readonly timeouts?: { readonly warnAfterSeconds: number; readonly expireAfterSeconds: number };
  /** Called before the routes are added (e.g. to add a hook of a baseline). */
  readonly beforeRoutes?: ((app: FastifyInstance) => void) | undefined;
}

/** Routes of the benchmark application; the same in both variants. */
export const BENCH_ROUTES = {
  signIn: '/sign-in',
  /** An ordinary API route: activity when the plugin is there. */
  active: '/api/active',
  /** The same work on a route configured passive. */
  passive: '/api/passive',
  /**
   * A bare route that reads the session and answers what the plugin's status read answers (the
   * same fields, `cache-control: no-store`), its idle time from the clock alone: no plugin logic.
   */
  bareStatus: '/api/bare-status',
  /** The plugin's protocol resource (404 in the session-only variant). */
  protocolStatus: '/session-security',
} as const;

export const BENCH_SECRET = 'benchmark secret, loopback only, at least 32 chars';
export const BENCH_COOKIE_NAME = 'sid';

/** Timeouts long enough that no session expires during a benchmark. */
export const BENCH_TIMEOUTS = { warnAfterSeconds: 3000, expireAfterSeconds: 3600 } as const;

function userOf(request: FastifyRequest): unknown {
  const session = request.session as unknown as { get(key: string): unknown } | undefined;
  return session?.get('user') ?? null;
}

/**
 * The least work an in-process inactivity check can do on a signed-in request: one onRequest
 * hook, one Map read of last activity, one clock read, a Map write at most once a second (the
 * plugin's write granularity). No expiry, no protocol, no passive requests, no marker: a floor
 * to read the plugin's figures against, not a check anyone should use.
 */
function addMinimalHook(app: FastifyInstance): void {
  const lastActivityMsBySessionId = new Map<string, number>();
  app.addHook('onRequest', (request, _reply, done) => {
    const session = request.session as unknown as
      | { readonly sessionId: string; get(key: string): unknown }
      | undefined;
    if (session?.get('user') !== undefined) {
      const nowMs = Date.now();
      const lastActivityMs = lastActivityMsBySessionId.get(session.sessionId);
      if (lastActivityMs === undefined || nowMs - lastActivityMs >= ACTIVITY_WRITE_GRANULARITY_MS) {
        lastActivityMsBySessionId.set(session.sessionId, nowMs);
      }
    }
    done();
  });
}

/**
 * A small application the way the README sets one up: @fastify/cookie, @fastify/session with
 * rolling off and no uninitialized sessions, then (variant `session-security`) the plugin with
 * its defaults. Routes do the least work that reads the session, so the figures show the
 * session machinery and the plugin, not the application.
 */
export async function createBenchApp(options: BenchAppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: BENCH_SECRET,
    cookieName: BENCH_COOKIE_NAME,
    saveUninitialized: false,
    rolling: false,
    cookie: { secure: false, httpOnly: true, sameSite: 'lax', path: '/' },
    store: options.sessionStore ?? new MemoryStore(),
  });
  if (options.variant === 'session-security') {
    await app.register(sessionSecurity, {
      ...(options.timeouts ?? BENCH_TIMEOUTS),
      ...(options.nowMs ? { now: options.nowMs } : {}),
      ...(options.activityStore ? { activityStore: options.activityStore } : {}),
    });
  }
  if (options.variant === 'minimal-hook' || options.variant === 'minimal-hook-marked') {
    addMinimalHook(app);
  }
  options.beforeRoutes?.(app);
  app.post(BENCH_ROUTES.signIn, async (request) => {
    await request.session.regenerate();
    const session = request.session as unknown as { set(key: string, value: unknown): void };
    session.set('user', { name: 'ada' });
    // The blob as the plugin leaves it: the same key and value, so the same bytes to hash.
    if (options.variant === 'minimal-hook-marked') session.set(SESSION_MARKER_KEY, true);
    return { signedIn: true };
  });
  app.get(BENCH_ROUTES.active, async (request) => ({ user: userOf(request) }));
  app.get(
    BENCH_ROUTES.passive,
    { config: { sessionSecurity: { passive: true } } },
    async (request) => ({ user: userOf(request) }),
  );
  const startedAtMs = Date.now();
  app.get(BENCH_ROUTES.bareStatus, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    if (userOf(request) === null) return { version: 1, state: 'expired', reason: 'no-session' };
    // The plugin's answer, field for field, from the clock alone (no activity store).
    return {
      version: 1,
      state: 'active',
      idleSeconds: (Date.now() - startedAtMs) / 1000,
      warnAfterSeconds: BENCH_TIMEOUTS.warnAfterSeconds,
      expireAfterSeconds: BENCH_TIMEOUTS.expireAfterSeconds,
    };
  });
  await app.ready();
  return app;
}

/** The `sid=...` pair of a Set-Cookie header value, or null. */
export function sessionCookieFrom(
  setCookie: string | readonly string[] | undefined,
): string | null {
  const values = typeof setCookie === 'string' ? [setCookie] : (setCookie ?? []);
  for (const value of values) {
    const pair = value.split(';', 1)[0] ?? '';
    if (pair.startsWith(`${BENCH_COOKIE_NAME}=`) && pair.length > BENCH_COOKIE_NAME.length + 1) {
      return pair;
    }
  }
  return null;
}
