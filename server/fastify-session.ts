import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Session key of the plugin's marker, `true` once the plugin started this session's clocks: a
 * marked session whose activity record is gone has ended, it is never started afresh. Short on
 * purpose: @fastify/session copies and hashes (SHA-256, twice) the whole blob on every request,
 * so every byte of it is paid per request (docs/benchmarks.md, third and fourth passes).
 */
export const SESSION_MARKER_KEY = 'sessionSecurity';

/** The marker's key in 1.0.0-rc.0 (the sign-in time in epoch ms), still honoured when read. */
const RC0_MARKER_KEY = 'sessionSecurityStartedAtMs';

/** Whether the plugin marked this session (see {@link SESSION_MARKER_KEY}). */
export function isMarked(session: SessionHandle): boolean {
  return session.get(SESSION_MARKER_KEY) !== undefined || session.get(RC0_MARKER_KEY) !== undefined;
}

/** Marks the session as seen by the plugin (see {@link SESSION_MARKER_KEY}). */
export function mark(session: SessionHandle): void {
  session.set(SESSION_MARKER_KEY, true);
}

/** The members of an @fastify/session `Session` this plugin relies on. */
export interface SessionHandle {
  readonly sessionId: string;
  readonly encryptedSessionId: string | undefined;
  readonly cookie?: {
    readonly path?: string | null;
    readonly domain?: string | null;
    readonly secure?: boolean | 'auto' | null;
    readonly sameSite?: boolean | 'lax' | 'strict' | 'none' | null;
    readonly httpOnly?: boolean;
  };
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  destroy(): Promise<void>;
}

/** The request's session when @fastify/session loaded a real one, else null. */
export function sessionOf(request: FastifyRequest): SessionHandle | null {
  const session = request.session as unknown as Partial<SessionHandle> | null | undefined;
  if (
    typeof session?.get !== 'function' ||
    typeof session.destroy !== 'function' ||
    typeof session.sessionId !== 'string'
  ) {
    return null;
  }
  return session as SessionHandle;
}

/** Where a suppressed session keeps its signed id, for {@link signedSessionId}. */
const SUPPRESSED_SIGNED_ID = Symbol('session-security signed session id');

/**
 * @fastify/session's private key of the signed id (what its `encryptedSessionId` getter reads),
 * found on the first session; null when this version of @fastify/session has none we can use.
 */
let signedIdKey: symbol | null | undefined;

function signedIdKeyOf(session: SessionHandle): symbol | null {
  if (signedIdKey === undefined) {
    const key = Object.getOwnPropertySymbols(session).find(
      (symbol) => symbol.description === 'encryptedSessionId',
    );
    const record = session as unknown as Record<symbol, unknown>;
    signedIdKey = key !== undefined && record[key] === session.encryptedSessionId ? key : null;
  }
  return signedIdKey;
}

/** Shadows the `encryptedSessionId` getter on this one instance (non-enumerable). */
function shadowSignedId(session: SessionHandle): void {
  Object.defineProperty(session, 'encryptedSessionId', {
    value: undefined,
    configurable: true,
    enumerable: false,
  });
}

/**
 * Makes @fastify/session skip saving this request's session and setting its cookie, whatever
 * `saveUninitialized` and `rolling` say. Its onSend hook runs before any onSend hook of ours and
 * skips a session without `encryptedSessionId`, so that value is emptied on this one instance
 * and kept under a symbol of ours (symbols never reach the store's JSON). Emptying the
 * library's own field is a plain property write; where that field cannot be found or does not
 * empty the getter, the getter is shadowed with `Object.defineProperty` (the same effect, ten
 * times the cost, and the instance's shape changes). A session the app creates later in the
 * request with `regenerate()` is a new object and is saved normally.
 */
export function suppressSessionSave(request: FastifyRequest): void {
  const session = sessionOf(request);
  if (!session || session.encryptedSessionId === undefined) return;
  const key = signedIdKeyOf(session);
  if (key !== null) {
    const record = session as unknown as Record<symbol, unknown>;
    record[SUPPRESSED_SIGNED_ID] = record[key];
    record[key] = undefined;
    if (session.encryptedSessionId === undefined) return;
    record[key] = record[SUPPRESSED_SIGNED_ID];
    signedIdKey = null;
  }
  shadowSignedId(session);
}

/** The signed session id the cookie carries, read past {@link suppressSessionSave}. */
export function signedSessionId(session: SessionHandle): string | undefined {
  const kept = (session as unknown as Record<symbol, unknown>)[SUPPRESSED_SIGNED_ID];
  const value =
    kept ?? Reflect.get(Object.getPrototypeOf(session) as object, 'encryptedSessionId', session);
  return typeof value === 'string' ? value : undefined;
}

/**
 * Destroys the session in the session store and leaves the request with the same session object,
 * emptied and never saved: the rest of the request sees an anonymous session (so application
 * code that reads `request.session` keeps working) and nothing can write it back.
 */
export async function destroySession(
  request: FastifyRequest,
  session: SessionHandle,
): Promise<void> {
  await session.destroy();
  for (const key of Object.keys(session)) {
    if (key !== 'cookie') delete (session as unknown as Record<string, unknown>)[key];
  }
  request.session = session as unknown as FastifyRequest['session'];
  suppressSessionSave(request);
}

/** Clears the browser's session cookie (the cookie whose value carries this session's id). */
export function clearSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  session: SessionHandle,
): void {
  const signed = signedSessionId(session);
  if (!signed) return;
  const cookies = (request.cookies ?? {}) as Record<string, string | undefined>;
  const cookie = session.cookie ?? {};
  for (const [name, value] of Object.entries(cookies)) {
    if (typeof value !== 'string' || !value.endsWith(signed)) continue;
    reply.clearCookie(name, {
      path: cookie.path ?? '/',
      ...(cookie.domain ? { domain: cookie.domain } : {}),
      ...(typeof cookie.secure === 'boolean' ? { secure: cookie.secure } : {}),
      ...(cookie.sameSite ? { sameSite: cookie.sameSite } : {}),
      httpOnly: cookie.httpOnly ?? true,
    });
  }
}
