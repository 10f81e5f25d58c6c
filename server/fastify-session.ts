import type { FastifyReply, FastifyRequest } from 'fastify';

/** Session key holding the sign-in moment (epoch ms) the plugin first saw for this session. */
export const STARTED_MARKER_KEY = 'sessionSecurityStartedAtMs';

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

/**
 * Makes @fastify/session skip saving this request's session and setting its cookie, whatever
 * `saveUninitialized` and `rolling` say. Its onSend hook runs before any onSend hook of ours and
 * skips a session without `encryptedSessionId`, so we shadow that getter on this one instance
 * (non-enumerable: it never reaches the store). A session the app creates later in the request
 * with `regenerate()` is a new object and is saved normally.
 */
export function suppressSessionSave(request: FastifyRequest): void {
  const session = sessionOf(request);
  if (!session) return;
  Object.defineProperty(session, 'encryptedSessionId', {
    value: undefined,
    configurable: true,
    enumerable: false,
  });
}

/** The signed session id the cookie carries, read past {@link suppressSessionSave}'s shadow. */
export function signedSessionId(session: SessionHandle): string | undefined {
  const value = Reflect.get(
    Object.getPrototypeOf(session) as object,
    'encryptedSessionId',
    session,
  );
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
