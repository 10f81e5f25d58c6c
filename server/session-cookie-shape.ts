import type { FastifyRequest } from 'fastify';
import { type SessionHandle, signedSessionId } from './fastify-session.js';

function cookiesOf(request: FastifyRequest): Record<string, string | undefined> {
  return (request.cookies ?? {}) as Record<string, string | undefined>;
}

/**
 * How the application's session cookie carries a session id (its name and @fastify/session's
 * `cookiePrefix`), learned from a request whose session was loaded from that cookie: the plugin
 * is not told either. With it, a page request whose session is gone can still name the session
 * its cookie pointed to, and so find that session's tombstone and the reason it ended (the
 * element's own request ended it, then the expiry action reloaded the page).
 */
export class SessionCookieShape {
  #name: string | null = null;
  #prefix = '';

  /** Learns the shape from a loaded session, once; cheap when already known. */
  learn(request: FastifyRequest, session: SessionHandle | null): void {
    if (this.#name !== null || !session) return;
    const signed = signedSessionId(session);
    // Only the `id.signature` form of @fastify/cookie's signer can be read back without the key.
    if (!signed?.startsWith(`${session.sessionId}.`)) return;
    for (const [name, value] of Object.entries(cookiesOf(request))) {
      if (typeof value === 'string' && value.endsWith(signed)) {
        this.#name = name;
        this.#prefix = value.slice(0, value.length - signed.length);
        return;
      }
    }
  }

  /**
   * The session id the request's session cookie names, or null (shape not learned yet, no such
   * cookie). The id is not verified: it is only ever used to look up a tombstone, and a
   * tombstone tells nothing but why a session that no longer exists ended.
   */
  sessionIdIn(request: FastifyRequest): string | null {
    if (this.#name === null) return null;
    const value = cookiesOf(request)[this.#name];
    if (typeof value !== 'string' || !value.startsWith(this.#prefix)) return null;
    const signed = value.slice(this.#prefix.length);
    const dot = signed.lastIndexOf('.');
    return dot > 0 ? signed.slice(0, dot) : null;
  }
}
