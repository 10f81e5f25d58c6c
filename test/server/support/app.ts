import fastifyCookie from '@fastify/cookie';
import fastifySession, { MemoryStore } from '@fastify/session';
import Fastify, {
  type FastifyInstance,
  type FastifyRequest,
  type LightMyRequestResponse,
} from 'fastify';
import {
  type ActivityStore,
  type MemoryActivityStore,
  memoryActivityStore,
  type SessionSecurityOptions,
  sessionSecurity,
} from '../../../server/index.js';

/** The session as a plain key-value map (the demo augments `Session.user` with its own type). */
function data(request: FastifyRequest): {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
} {
  return request.session as unknown as {
    get(key: string): unknown;
    set(key: string, value: unknown): void;
  };
}

/** A clock the test moves by hand. */
export class TestClock {
  nowMs: number;
  constructor(startMs = Date.UTC(2026, 2, 29, 0, 30)) {
    this.nowMs = startMs;
  }
  readonly now = (): number => this.nowMs;
  advance(ms: number): void {
    this.nowMs += ms;
  }
}

/** A gate a slow route waits on, opened by the test. */
export class Gate {
  #open!: () => void;
  #entered!: () => void;
  readonly opened = new Promise<void>((resolve) => {
    this.#open = resolve;
  });
  readonly entered = new Promise<void>((resolve) => {
    this.#entered = resolve;
  });
  markEntered(): void {
    this.#entered();
  }
  open(): void {
    this.#open();
  }
}

export interface TestAppOptions {
  readonly plugin?: Partial<SessionSecurityOptions>;
  readonly session?: { saveUninitialized?: boolean; rolling?: boolean; cookiePrefix?: string };
  readonly sessionStore?: unknown;
  readonly activityStore?: ActivityStore;
  readonly clock?: TestClock;
  readonly logs?: string[];
  readonly trustProxy?: boolean;
  /** Called before the app is ready, e.g. to add a hook that looks at requests. */
  readonly extend?: (app: FastifyInstance) => void;
}

export interface TestApp {
  readonly app: FastifyInstance;
  readonly clock: TestClock;
  readonly sessions: Map<string, unknown>;
  readonly activity: ActivityStore;
  /** Set to make GET /slow wait. */
  gate: Gate | null;
}

export const SECRET = 'a-test-secret-of-at-least-32-characters!';
export const COOKIE_NAME = 'sid';

/** A Fastify app with @fastify/cookie, @fastify/session, the plugin and a few test routes. */
export async function buildApp(options: TestAppOptions = {}): Promise<TestApp> {
  const clock = options.clock ?? new TestClock();
  const sessions = new Map<string, unknown>();
  const activity = options.activityStore ?? memoryActivityStore();
  const logs = options.logs;
  const app = Fastify({
    trustProxy: options.trustProxy ?? false,
    logger: logs
      ? {
          level: 'warn',
          stream: {
            write: (line: string) => {
              logs.push(line);
            },
          },
        }
      : false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: SECRET,
    cookieName: COOKIE_NAME,
    saveUninitialized: options.session?.saveUninitialized ?? false,
    rolling: options.session?.rolling ?? false,
    ...(options.session?.cookiePrefix ? { cookiePrefix: options.session.cookiePrefix } : {}),
    cookie: { secure: false, httpOnly: true, sameSite: 'lax', path: '/' },
    store: (options.sessionStore ?? new MemoryStore(sessions as Map<string, never>)) as never,
  });
  await app.register(sessionSecurity, {
    warnAfterSeconds: 5,
    expireAfterSeconds: 10,
    now: clock.now,
    activityStore: activity,
    ...options.plugin,
  });
  const testApp: TestApp = { app, clock, sessions, activity, gate: null };

  app.post('/sign-in', async (request) => {
    await request.session.regenerate();
    data(request).set('user', { name: 'ada' });
    return { sessionId: request.session.sessionId };
  });
  app.post('/rotating-sign-in', async (request) => {
    await request.sessionSecurity.regenerate();
    data(request).set('user', { name: 'ada' });
    return { sessionId: request.session.sessionId };
  });
  app.post<{ Querystring: { reason?: string } }>('/logout', async (request, reply) => {
    try {
      await request.sessionSecurity.endSession(request.query.reason as 'logout' | undefined);
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      return reply.code(400).send({ error: error.message });
    }
    return { signedOut: true };
  });
  app.get('/page', async (request, reply) => {
    const user = request.session
      ? (data(request).get('user') as { name: string } | undefined)
      : undefined;
    reply.type('text/html');
    return `<p>${user ? `hello ${user.name}` : 'anonymous'} ${request.sessionSecurity.expiredReason ?? ''}</p>`;
  });
  app.get('/api/data', async (request) => ({
    user: data(request).get('user') ?? null,
    state: request.sessionSecurity,
  }));
  app.post('/api/visit', async (request) => {
    const visits = Number(data(request).get('visits') ?? 0) + 1;
    data(request).set('visits', visits);
    return { visits };
  });
  app.get('/poll', { config: { sessionSecurity: { passive: true } } }, async (request) => ({
    user: data(request).get('user') ?? null,
    passive: request.sessionSecurity.passive,
  }));
  app.get('/health', async (request) => ({ passive: request.sessionSecurity.passive }));
  app.get('/feed/items', async (request) => ({ passive: request.sessionSecurity.passive }));
  app.get('/slow', async (request) => {
    const gate = testApp.gate;
    if (gate) {
      gate.markEntered();
      await gate.opened;
    }
    const visits = Number(data(request).get('visits') ?? 0) + 1;
    data(request).set('visits', visits);
    return { visits };
  });
  options.extend?.(app);
  await app.ready();
  return testApp;
}

/** The `name=value` pair of the session cookie a response set, or null. */
export function sessionCookieOf(response: LightMyRequestResponse): string | null {
  const cookie = response.cookies.find((c) => c.name === COOKIE_NAME);
  if (!cookie || cookie.value === '') return null;
  return `${cookie.name}=${cookie.value}`;
}

/** Signs in; answers the cookie header value and the session id. */
export async function signIn(testApp: TestApp): Promise<{ cookie: string; sessionId: string }> {
  const response = await testApp.app.inject({ method: 'POST', url: '/sign-in' });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  const cookie = sessionCookieOf(response);
  if (!cookie) throw new Error('sign-in set no cookie');
  return { cookie, sessionId: (response.json() as { sessionId: string }).sessionId };
}

/** Headers of a same-origin fetch() from the application's pages. */
export const FETCH_HEADERS = {
  host: 'localhost',
  origin: 'http://localhost',
  'sec-fetch-site': 'same-origin',
  'sec-fetch-mode': 'cors',
  'sec-fetch-dest': 'empty',
} as const;

/** Headers of an activity report. */
export const REPORT_HEADERS = {
  ...FETCH_HEADERS,
  'content-type': 'application/json',
  'session-security-version': '1',
} as const;

/** Headers of a page navigation. */
export const PAGE_HEADERS = {
  host: 'localhost',
  accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8',
  'sec-fetch-mode': 'navigate',
  'sec-fetch-site': 'same-origin',
} as const;

export async function report(testApp: TestApp, cookie: string | null, idleSeconds: number) {
  return testApp.app.inject({
    method: 'POST',
    url: '/session-security',
    headers: { ...REPORT_HEADERS, ...(cookie ? { cookie } : {}) },
    payload: JSON.stringify({ idleSeconds }),
  });
}

export async function readStatus(testApp: TestApp, cookie: string | null) {
  return testApp.app.inject({
    method: 'GET',
    url: '/session-security',
    headers: { ...FETCH_HEADERS, ...(cookie ? { cookie } : {}) },
  });
}

export function isMemoryStore(store: ActivityStore): store is MemoryActivityStore {
  return 'size' in store;
}
