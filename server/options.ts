import type { FastifyRequest } from 'fastify';
import { DEFAULT_RESOURCE_PATH, type Timeouts, validateTimeouts } from '../protocol/index.js';
import { type PassiveRoute, validatePassiveRoutes } from './passive-routes.js';
import type { ActivityStore, EndedReason } from './stores/activity-store.js';
import { memoryActivityStore } from './stores/memory-activity-store.js';

/** Options of the session-security Fastify plugin. */
export interface SessionSecurityOptions {
  /** Idle seconds after which the browser warns the user; less than `expireAfterSeconds`. */
  readonly warnAfterSeconds: number;
  /** Idle seconds after which the server expires the session. */
  readonly expireAfterSeconds: number;
  /** Absolute session lifetime in seconds, counted from sign-in; `null` or absent for none. */
  readonly absoluteTimeoutSeconds?: number | null;
  /**
   * Whether the request belongs to a signed-in user, as a boolean (anything else, or a throw,
   * fails the request closed with 503). Default: the session holds a `user` value. Called after
   * @fastify/session loaded the session.
   */
  readonly isAuthenticated?: (request: FastifyRequest) => boolean;
  /**
   * Timeouts of this request's user (e.g. stricter for administrators), sync or async. Its answer
   * replaces the three timeout options for the request and is validated like them.
   */
  readonly timeoutsFor?: (request: FastifyRequest) => Timeouts | Promise<Timeouts>;
  /**
   * Routes whose requests never count as activity: exact paths (`/health`), prefixes (`/api/poll/*`
   * matches `/api/poll` and everything below it) and regular expressions tested on the path.
   */
  readonly passiveRoutes?: readonly PassiveRoute[];
  /** Path of the protocol resource. Default `/session-security`. */
  readonly resourcePath?: string;
  /**
   * The application's origin exactly as browsers send it in `Origin` (`https://app.example`).
   * Default: derived from each request (`request.protocol` and `request.host`, default ports
   * dropped); set it behind a proxy that does not forward the original host and scheme.
   */
  readonly origin?: string;
  /** The clock, in epoch milliseconds. Default `Date.now`. Inject one in tests. */
  readonly now?: () => number;
  /** Where activity is kept. Default: a new {@link memoryActivityStore}. */
  readonly activityStore?: ActivityStore;
  /**
   * Told once when a session of a user ends, whichever way (idle or absolute timeout seen by any
   * request, the protocol's logout, `endSession()`, the old session of a `regenerate()`), before
   * the session data is destroyed: for audit logs (HIPAA automatic logoff, PCI DSS 8.2.8). Awaited;
   * a throw is logged and changes nothing. A session nobody asks about again (every tab closed)
   * is dropped by its store's expiry without a call.
   */
  readonly onSessionEnd?: (ended: SessionEnd) => void | Promise<void>;
  /**
   * The session's user as the application identifies it, for {@link onSessionEnd} (an id, a
   * name; avoid secrets). Called while the session is still loaded. Default: the session's
   * `user` value.
   */
  readonly userOf?: (request: FastifyRequest) => unknown;
  /**
   * What a logout (the protocol's DELETE, `endSession('logout')`) asks the browser to erase with
   * `Clear-Site-Data`, for this origin. Default `['cache']`: cached pages go, nothing the user
   * typed does. `'storage'` also erases localStorage, sessionStorage and IndexedDB (drafts kept
   * there are lost, in every tab); `'cookies'` erases every cookie of the registrable domain
   * (other subdomains' too). `[]`: no field.
   */
  readonly clearSiteDataOnLogout?: readonly ClearSiteDataType[];
}

/** What `Clear-Site-Data` can ask for (`executionContexts` is left out: it reloads every tab). */
export type ClearSiteDataType = 'cache' | 'cookies' | 'storage';

/** What {@link SessionSecurityOptions.onSessionEnd} is told. */
export interface SessionEnd {
  /** Why it ended: `idle`, `absolute` or `logout` (a sign-in's rotation of a session counts as one). */
  readonly reason: EndedReason;
  /** The session's user, as {@link SessionSecurityOptions.userOf} answered (null if it threw). */
  readonly user: unknown;
  /** When the plugin ended it, epoch milliseconds of the plugin's clock. */
  readonly endedAtMs: number;
  /** The request during which it ended (for `request.log`, the client address...). */
  readonly request: FastifyRequest;
}

/** Options after validation, with defaults applied. */
export interface ResolvedOptions {
  readonly timeouts: Timeouts;
  readonly isAuthenticated: (request: FastifyRequest) => boolean;
  readonly timeoutsFor: ((request: FastifyRequest) => Timeouts | Promise<Timeouts>) | null;
  readonly passiveRoutes: readonly PassiveRoute[];
  readonly resourcePath: string;
  readonly origin: string | null;
  readonly now: () => number;
  readonly activityStore: ActivityStore;
  readonly onSessionEnd: ((ended: SessionEnd) => void | Promise<void>) | null;
  readonly userOf: (request: FastifyRequest) => unknown;
  /** The `Clear-Site-Data` value of a logout answer, or null for none. */
  readonly clearSiteDataOnLogout: string | null;
}

const KNOWN_OPTIONS = new Set([
  'warnAfterSeconds',
  'expireAfterSeconds',
  'absoluteTimeoutSeconds',
  'isAuthenticated',
  'timeoutsFor',
  'passiveRoutes',
  'resourcePath',
  'origin',
  'now',
  'activityStore',
  'onSessionEnd',
  'userOf',
  'clearSiteDataOnLogout',
]);

const STORE_METHODS = ['get', 'start', 'advance', 'end'] as const;

function optionError(message: string): Error {
  return new Error(`session-security: ${message}`);
}

/** The default `isAuthenticated`: the session holds a `user` value. */
export function hasSessionUser(request: FastifyRequest): boolean {
  const session = request.session as { get?: (key: string) => unknown } | null | undefined;
  return typeof session?.get === 'function' && session.get('user') !== undefined;
}

/** The default `userOf`: the session's `user` value (null when there is none). */
function sessionUser(request: FastifyRequest): unknown {
  const session = request.session as { get?: (key: string) => unknown } | null | undefined;
  return typeof session?.get === 'function' ? (session.get('user') ?? null) : null;
}

const CLEAR_SITE_DATA_TYPES: readonly string[] = ['cache', 'cookies', 'storage'];

function checkClearSiteData(value: unknown): string | null {
  if (value === undefined) return '"cache"';
  if (
    !Array.isArray(value) ||
    value.some((type) => !CLEAR_SITE_DATA_TYPES.includes(type)) ||
    new Set(value).size !== value.length
  ) {
    throw optionError(
      `option clearSiteDataOnLogout must be an array of distinct values among ${CLEAR_SITE_DATA_TYPES.join(', ')} ([] for none), got ${JSON.stringify(value)}`,
    );
  }
  return value.length === 0 ? null : value.map((type) => `"${type}"`).join(', ');
}

function checkFunction(options: Record<string, unknown>, name: string): void {
  if (options[name] !== undefined && typeof options[name] !== 'function') {
    throw optionError(`option ${name} must be a function, got ${typeof options[name]}`);
  }
}

function checkResourcePath(value: unknown): string {
  if (value === undefined) return DEFAULT_RESOURCE_PATH;
  if (typeof value !== 'string' || !/^\/[A-Za-z0-9\-._~/]*$/.test(value) || value.includes('//')) {
    throw optionError(
      `option resourcePath must be a plain absolute path such as "/session-security" (letters, digits, - . _ ~ /), got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function checkOrigin(value: unknown): string | null {
  if (value === undefined) return null;
  let parsed: URL | null = null;
  try {
    parsed = typeof value === 'string' ? new URL(value) : null;
  } catch {
    parsed = null;
  }
  if (
    !parsed ||
    (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') ||
    parsed.origin !== value
  ) {
    throw optionError(
      `option origin must be an origin exactly as browsers send it, such as "https://app.example" (scheme://host[:port], no path, no trailing slash), got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function checkStore(value: unknown): ActivityStore {
  if (value === undefined) return memoryActivityStore();
  const store = value as Record<string, unknown> | null;
  const missing = STORE_METHODS.filter((method) => typeof store?.[method] !== 'function');
  if (typeof store !== 'object' || store === null || missing.length > 0) {
    throw optionError(
      `option activityStore must implement ${STORE_METHODS.join(', ')} (missing: ${missing.join(', ')}); use memoryActivityStore() or redisActivityStore({ client })`,
    );
  }
  return store as unknown as ActivityStore;
}

/**
 * Validates the plugin options; throws an Error naming the option on the first problem. Nothing
 * invalid is replaced by a default; absent optional options get their documented defaults.
 */
export function resolveOptions(input: unknown): ResolvedOptions {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw optionError('options must be an object');
  }
  const options = input as Record<string, unknown>;
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key)) throw optionError(`unknown option ${key}`);
  }
  if (options.warnAfterSeconds === undefined)
    throw optionError('option warnAfterSeconds is required');
  if (options.expireAfterSeconds === undefined) {
    throw optionError('option expireAfterSeconds is required');
  }
  const timeouts = validateTimeouts({
    warnAfterSeconds: options.warnAfterSeconds,
    expireAfterSeconds: options.expireAfterSeconds,
    absoluteTimeoutSeconds: options.absoluteTimeoutSeconds,
  });
  if (!timeouts.ok) throw optionError(`option ${timeouts.error}`);
  for (const name of ['isAuthenticated', 'timeoutsFor', 'now', 'onSessionEnd', 'userOf']) {
    checkFunction(options, name);
  }
  const passive = validatePassiveRoutes(options.passiveRoutes);
  if (!passive.ok) throw optionError(`option passiveRoutes: ${passive.error}`);
  return {
    timeouts: timeouts.value,
    isAuthenticated:
      (options.isAuthenticated as ResolvedOptions['isAuthenticated'] | undefined) ?? hasSessionUser,
    timeoutsFor: (options.timeoutsFor as ResolvedOptions['timeoutsFor'] | undefined) ?? null,
    passiveRoutes: passive.value,
    resourcePath: checkResourcePath(options.resourcePath),
    origin: checkOrigin(options.origin),
    now: (options.now as (() => number) | undefined) ?? Date.now,
    activityStore: checkStore(options.activityStore),
    onSessionEnd: (options.onSessionEnd as ResolvedOptions['onSessionEnd'] | undefined) ?? null,
    userOf: (options.userOf as ResolvedOptions['userOf'] | undefined) ?? sessionUser,
    clearSiteDataOnLogout: checkClearSiteData(options.clearSiteDataOnLogout),
  };
}
