import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Timeouts } from '../protocol/index.js';
import {
  clearSessionCookie,
  destroySession,
  type SessionHandle,
  sessionOf,
} from './fastify-session.js';
import type { ResolvedOptions } from './options.js';
import { SessionCheckError, storeFailure } from './session-check-error.js';
import type { ActivityStore, EndedReason } from './stores/activity-store.js';

/**
 * How long a tombstone is kept: longer than any request can be in flight, so a late save of an
 * ended session is refused. Afterwards the session marker still refuses a resurrected blob.
 */
export const TOMBSTONE_TTL_MS = 24 * 60 * 60 * 1000;

const ENDED_REASONS: readonly EndedReason[] = ['idle', 'absolute', 'logout'];

/**
 * Ending sessions for good, whoever ends them (expiry, the protocol's logout, the application's
 * own logout or sign-in): tombstone, tell the application once, destroy; and what the response
 * of a logout carries.
 */
export class SessionEnding {
  readonly #options: ResolvedOptions;
  readonly #store: ActivityStore;
  readonly #isAuthenticated: (request: FastifyRequest) => boolean;

  constructor(options: ResolvedOptions, isAuthenticated: (request: FastifyRequest) => boolean) {
    this.#options = options;
    this.#store = options.activityStore;
    this.#isAuthenticated = isAuthenticated;
  }

  /** The clock of the plugin, epoch milliseconds. */
  now(): number {
    return this.#options.now();
  }

  /**
   * Ends a session for good: tombstone first (a request racing with this one, or still in
   * flight, then cannot revive it), then tells the application's `onSessionEnd` (only the call
   * that turned the record into a tombstone does: once per session), then destroys the blob.
   * `authenticated`: the session belongs to a user (an anonymous one is ended without telling).
   */
  async tombstoneAndDestroy(
    request: FastifyRequest,
    session: SessionHandle,
    reason: EndedReason,
    nowMs: number,
    authenticated: boolean,
  ): Promise<void> {
    // The user is read before anything changes: afterwards the session is empty.
    const user = authenticated && this.#options.onSessionEnd ? this.#userOf(request) : undefined;
    const ended = await this.#store.end(session.sessionId, {
      reason,
      nowMs,
      ttlMs: TOMBSTONE_TTL_MS,
    });
    if (ended && authenticated) await this.#tellSessionEnded(request, reason, user, nowMs);
    await destroySession(request, session);
  }

  #userOf(request: FastifyRequest): unknown {
    try {
      return this.#options.userOf(request);
    } catch (error) {
      request.log.error({ err: error }, 'session-security: the userOf option threw');
      return null;
    }
  }

  async #tellSessionEnded(
    request: FastifyRequest,
    reason: EndedReason,
    user: unknown,
    endedAtMs: number,
  ): Promise<void> {
    const hook = this.#options.onSessionEnd;
    if (!hook) return;
    try {
      await hook({ reason, user, endedAtMs, request });
    } catch (error) {
      // The session is ended whatever the hook does; its failure is the application's to see.
      request.log.error({ err: error }, 'session-security: the onSessionEnd option threw');
    }
  }

  /**
   * The application ends the request's session (its own logout, or a rule of its own): the
   * session id is tombstoned, so a request still in flight cannot save it back to life, then
   * destroyed; the response clears the session cookie (and sends Clear-Site-Data on logout):
   * answers the ended session for {@link finishEndedSession}, or null when there was none.
   */
  async endSession(request: FastifyRequest, reason: EndedReason): Promise<SessionHandle | null> {
    if (!ENDED_REASONS.includes(reason)) {
      throw new TypeError(
        `session-security: endSession reason must be one of ${ENDED_REASONS.join(', ')}, got ${JSON.stringify(reason)}`,
      );
    }
    const session = sessionOf(request);
    if (!session) return null;
    const authenticated = this.#isAuthenticated(request);
    try {
      await this.tombstoneAndDestroy(request, session, reason, this.now(), authenticated);
    } catch (error) {
      throw storeFailure(error);
    }
    return session;
  }

  /**
   * A sign-in's session rotation: ends the current session id as {@link endSession} does (when
   * it belonged to a user) and gives the request a new, empty session, whose clocks start when
   * the response goes out with a user in it.
   */
  async regenerate(request: FastifyRequest): Promise<void> {
    const session = sessionOf(request) as (SessionHandle & { regenerate?(): Promise<void> }) | null;
    if (!session || typeof session.regenerate !== 'function') {
      throw new SessionCheckError('regenerate needs a session loaded by @fastify/session');
    }
    if (this.#isAuthenticated(request)) {
      try {
        const user = this.#options.onSessionEnd ? this.#userOf(request) : undefined;
        const nowMs = this.now();
        const ttlMs = TOMBSTONE_TTL_MS;
        if (await this.#store.end(session.sessionId, { reason: 'logout', nowMs, ttlMs })) {
          await this.#tellSessionEnded(request, 'logout', user, nowMs);
        }
      } catch (error) {
        throw storeFailure(error);
      }
    }
    await session.regenerate();
  }

  /**
   * For the onSend hook: when the application ended the session during this request, clears
   * its cookie and, for a logout, sends Clear-Site-Data.
   */
  finishEndedSession(
    request: FastifyRequest,
    reply: FastifyReply,
    ended: { session: SessionHandle; reason: EndedReason },
  ): void {
    clearSessionCookie(request, reply, ended.session);
    if (ended.reason === 'logout') this.sendClearSiteData(reply);
  }

  /** Adds the configured Clear-Site-Data field of a logout answer (none when configured empty). */
  sendClearSiteData(reply: FastifyReply): void {
    const value = this.#options.clearSiteDataOnLogout;
    if (value !== null) reply.header('clear-site-data', value);
  }

  /** Ends an active session on logout (the protocol's DELETE): tombstone, then destroy. */
  async logout(request: FastifyRequest, active: { sessionId: string; timeouts: Timeouts }) {
    const session = sessionOf(request);
    try {
      if (session?.sessionId === active.sessionId) {
        await this.tombstoneAndDestroy(request, session, 'logout', this.now(), true);
      } else {
        await this.#store.end(active.sessionId, {
          reason: 'logout',
          nowMs: this.now(),
          ttlMs: TOMBSTONE_TTL_MS,
        });
      }
    } catch (error) {
      throw storeFailure(error);
    }
  }
}
