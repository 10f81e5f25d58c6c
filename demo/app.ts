import { readdir, readFile } from 'node:fs/promises';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import { RedisStore } from 'connect-redis';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { createClient } from 'redis';
import sessionSecurity, { memoryActivityStore, redisActivityStore } from 'session-security/fastify';
import { boundedSessionStore } from './bounded-session-store.js';
import { boundedMemorySessionStore } from './memory-session-store.js';
import { ASSETS, DEMO_CSS, DEMO_ICON_SVG, type ElementSettings, errorPage } from './pages.js';
import { loginRoutes, pageRoutes, sendHtml } from './routes.js';

/** What the demo keeps in a session. */
export interface DemoUser {
  readonly name: string;
}

declare module 'fastify' {
  interface Session {
    user?: DemoUser;
    draft?: string;
  }
}

/** Options of {@link createDemoApp}; timings in seconds. */
export interface DemoAppOptions {
  readonly warnAfterSeconds: number;
  readonly expireAfterSeconds: number;
  /** Lifetime counted from sign-in; null or absent for none. */
  readonly absoluteTimeoutSeconds?: number | null;
  /** Redis URL for sessions and activity (several instances can share it); absent: memory. */
  readonly redisUrl?: string | null;
  /** Signs the session cookie; instances that share sessions need the same one. */
  readonly sessionSecret?: string | null;
  /** Server clock in epoch milliseconds (tests move it together with the browser's clock). */
  readonly nowMs?: () => number;
  /**
   * Milliseconds a Redis command (sessions and activity) may take before the request fails
   * closed with 503. Default 2000.
   */
  readonly storeTimeoutMs?: number;
  /**
   * Memory mode: at most this many sessions (and activity records) are kept, the least recently
   * used dropped first. Default 10,000.
   */
  readonly maxMemorySessions?: number;
  /**
   * Milliseconds a client may take to send a whole request (headers and body) before it gets
   * 408 and the connection is closed; slow bodies cannot hold requests open. Default 10000.
   */
  readonly requestTimeoutMs?: number;
  /** Fastify's logger (off by default). */
  readonly logger?: boolean;
}

/** Used when SESSION_SECRET is not set. Public, so only for a demo on loopback. */
export const DEMO_ONLY_SESSION_SECRET = 'session-security demo secret: never use in production';

const DEFAULT_MAX_MEMORY_SESSIONS = 10_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** An idle keep-alive connection is closed after this long. */
const CONNECTION_TIMEOUT_MS = 30_000;

/**
 * A request target in absolute form (`GET http://host/path HTTP/1.1`, valid HTTP, sent by
 * proxies and scanners) as the origin form every route and the session cookie's path expect.
 */
function originFormOf(request: { url?: string }): string {
  const url = request.url ?? '/';
  if (url.startsWith('/')) return url;
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    // Not a URL either ("*", garbage): the router answers 404, no session is involved.
    return url;
  }
}

/** How long a Redis command may take before the request fails closed with 503. */
const DEFAULT_STORE_TIMEOUT_MS = 2000;

/** Name of the session cookie. */
export const SESSION_COOKIE_NAME = 'sid';

const MAX_FORM_BYTES = 32_768;

/** Strict: scripts and styles only from files of this origin, no inline code at all. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** The element bundle's other languages: chunks it imports from ./locales/ on demand. */
async function localeChunks(elementUrl: URL): Promise<string[]> {
  try {
    const names = await readdir(new URL('./locales/', elementUrl));
    return names.filter((name) => /^[\w-]+\.js$/.test(name)).sort();
  } catch {
    return [];
  }
}

async function loadAssets(): Promise<Map<string, string>> {
  const elementUrl = new URL(import.meta.resolve('session-security/dist/session-security.js'));
  const read = async (url: URL, what: string) => {
    try {
      return await readFile(url, 'utf8');
    } catch (error) {
      throw new Error(`demo: cannot read ${what} (${String(error)}); run "npm run build" first`);
    }
  };
  const assets = new Map<string, string>([
    [ASSETS.element, await read(elementUrl, 'the element bundle dist/session-security.js')],
    [
      ASSETS.leaseElection,
      await read(new URL('./storage-lease-election.js', elementUrl), 'storage-lease-election.js'),
    ],
    [ASSETS.pageScript, await read(new URL('./client/page.js', import.meta.url), 'page.js')],
    [ASSETS.draftScript, await read(new URL('./client/draft.js', import.meta.url), 'draft.js')],
    [ASSETS.widgetScript, await read(new URL('./client/widget.js', import.meta.url), 'widget.js')],
    [ASSETS.style, DEMO_CSS],
    [ASSETS.icon, DEMO_ICON_SVG],
  ]);
  for (const name of await localeChunks(elementUrl)) {
    const url = new URL(`./locales/${name}`, elementUrl);
    assets.set(`${ASSETS.localesDirectory}${name}`, await read(url, name));
  }
  return assets;
}

async function sessionStores(options: DemoAppOptions) {
  if (!options.redisUrl) {
    const sessionStore = boundedMemorySessionStore({
      // The plugin ends a session idle this long; a minute more covers clock and request time.
      idleTtlMs: options.expireAfterSeconds * 1000 + 60_000,
      maxSessions: options.maxMemorySessions ?? DEFAULT_MAX_MEMORY_SESSIONS,
      now: options.nowMs ?? Date.now,
    });
    return {
      sessionStore,
      activityStore: memoryActivityStore({
        maxRecords: options.maxMemorySessions ?? DEFAULT_MAX_MEMORY_SESSIONS,
      }),
      close: async () => {},
    };
  }
  const client = createClient({ url: options.redisUrl });
  client.on('error', () => {
    // Reconnection is automatic; requests meanwhile fail closed in the plugin.
  });
  await client.connect();
  const timeoutMs = options.storeTimeoutMs ?? DEFAULT_STORE_TIMEOUT_MS;
  return {
    sessionStore: boundedSessionStore(
      new RedisStore({ client, prefix: 'session-security-demo:sess:' }),
      timeoutMs,
    ),
    activityStore: redisActivityStore({ client, commandTimeoutMs: timeoutMs }),
    close: async () => {
      await client.close();
    },
  };
}

/**
 * Builds the demo application (not listening yet): sign-in, two protected pages with the
 * `<session-security>` element, a draft form, a passive polling widget, and logout.
 */
export async function createDemoApp(options: DemoAppOptions): Promise<FastifyInstance> {
  const settings: ElementSettings = {
    warnAfterSeconds: options.warnAfterSeconds,
    expireAfterSeconds: options.expireAfterSeconds,
  };
  const assets = await loadAssets();
  const stores = await sessionStores(options);
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const app = Fastify({
    logger: options.logger ?? false,
    // A slow body held a request open for good, and with it a session to save after a logout.
    // Node applies requestTimeout to bodies only when the server is created with it: Fastify's
    // own option alone (set afterwards) bounds headers but not a body that never ends.
    requestTimeout: requestTimeoutMs,
    http: { requestTimeout: requestTimeoutMs, connectionsCheckingInterval: 1000 },
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    rewriteUrl: originFormOf,
  });
  app.addHook('onClose', stores.close);

  addPageHandling(app);
  serveAssets(app, assets);

  // @fastify/session and session-security (both fastify-plugin) apply to this context only.
  await app.register((scope) => registerSessionScope(scope, options, stores, settings));

  return app;
}

/** Form bodies, the security headers of every answer, the not-found and error pages. */
function addPageHandling(app: FastifyInstance): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: MAX_FORM_BYTES },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    if (!request.url.startsWith('/assets/')) {
      // Pages show personal data: never keep them in any cache, nor in the back/forward cache.
      reply.header('cache-control', 'no-store');
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    }
    return payload;
  });

  app.setNotFoundHandler((_request, reply) =>
    sendHtml(reply, 404, errorPage('Not found', 'There is no such page in the demo.')),
  );
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const statusCode = error.statusCode ?? 500;
    if (statusCode >= 500) {
      request.log.error(error);
      return sendHtml(reply, statusCode, errorPage('Server error', 'Please try again.'));
    }
    return sendHtml(reply, statusCode, errorPage('Bad request', error.message));
  });
}

/**
 * Static files never touch the session: they are served outside the encapsulated context that
 * holds the session plugins, so no session hook runs for them. A favicon or script the browser
 * fetches (say, right after a laptop wakes up) is no user activity, and must not be the request
 * that ends the session before the element asks why.
 */
function serveAssets(app: FastifyInstance, assets: Map<string, string>): void {
  for (const [path, body] of assets) {
    const type = path.endsWith('.css')
      ? 'text/css'
      : path.endsWith('.svg')
        ? 'image/svg+xml'
        : 'text/javascript';
    app.get(path, (_request, reply) =>
      reply.type(`${type}; charset=utf-8`).header('cache-control', 'no-cache').send(body),
    );
  }
}

/** @fastify/session and session-security (both fastify-plugin) apply to this context only. */
async function registerSessionScope(
  scope: FastifyInstance,
  options: DemoAppOptions,
  stores: Awaited<ReturnType<typeof sessionStores>>,
  settings: ElementSettings,
): Promise<void> {
  await scope.register(fastifyCookie);
  await scope.register(fastifySession, {
    secret: options.sessionSecret ?? DEMO_ONLY_SESSION_SECRET,
    cookieName: SESSION_COOKIE_NAME,
    saveUninitialized: false,
    rolling: false,
    // secure: false because the demo serves plain http on loopback; behind TLS use true.
    cookie: { httpOnly: true, sameSite: 'lax', secure: false, path: '/' },
    ...(stores.sessionStore ? { store: stores.sessionStore } : {}),
  });
  await scope.register(sessionSecurity, {
    warnAfterSeconds: options.warnAfterSeconds,
    expireAfterSeconds: options.expireAfterSeconds,
    ...(options.absoluteTimeoutSeconds
      ? { absoluteTimeoutSeconds: options.absoluteTimeoutSeconds }
      : {}),
    activityStore: stores.activityStore,
    ...(options.nowMs ? { now: options.nowMs } : {}),
  });

  loginRoutes(scope, settings);

  pageRoutes(scope, settings, options.nowMs);
}
