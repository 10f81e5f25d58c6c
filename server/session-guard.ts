import type { FastifyRequest } from 'fastify';
import { expiryReasonAt, type Timeouts } from '../protocol/index.js';
import { isAuthenticatedBy, timeoutsOf } from './application-callbacks.js';
import {
  destroySession,
  isMarked,
  mark,
  type SessionHandle,
  sessionOf,
} from './fastify-session.js';
import type { ResolvedOptions } from './options.js';
import { storeFailure } from './session-check-error.js';
import { SessionCookieShape } from './session-cookie-shape.js';
import { SessionEnding } from './session-ending.js';
import {
  type ActiveEvaluation,
  ANONYMOUS,
  isLive,
  recordTtlMs,
  type SessionEvaluation,
} from './session-evaluation.js';
import {
  type ActivityStore,
  type EndedReason,
  readNowOf,
  type StoredActivity,
} from './stores/activity-store.js';

/** Expiry checks and activity recording shared by the request hook and the protocol resource. */
export class SessionGuard {
  readonly #options: ResolvedOptions;
  readonly #store: ActivityStore;
  /** The store's read without a promise (the memory store's), or null. */
  readonly #readNow: ((sessionId: string) => StoredActivity | null) | null;
  /** The session cookie's name and prefix, learned from the first active session. */
  readonly #sessionCookie = new SessionCookieShape();

  /** Ends sessions: expired ones here, the logouts and sign-ins of the resource and the application. */
  readonly ending: SessionEnding;

  constructor(options: ResolvedOptions) {
    this.ending = new SessionEnding(options, (request) => this.#isAuthenticated(request));
    this.#options = options;
    this.#store = options.activityStore;
    this.#readNow = readNowOf(options.activityStore);
  }

  /** The clock of the plugin, epoch milliseconds. */
  now(): number {
    return this.#options.now();
  }

  /** The timeouts of this request: the options, or the `timeoutsFor` hook's validated answer. */
  timeoutsFor(request: FastifyRequest): Promise<Timeouts> {
    return timeoutsOf(this.#options, request);
  }

  #isAuthenticated(request: FastifyRequest): boolean {
    return isAuthenticatedBy(this.#options, request);
  }

  /**
   * The request's session when it belongs to a signed-in user, else null. Synchronous, so that
   * anonymous requests cost no promise. Throws {@link SessionCheckError} when `isAuthenticated`
   * throws or answers anything but a boolean.
   */
  signedInSession(request: FastifyRequest): SessionHandle | null {
    const session = sessionOf(request);
    if (!session || !this.#isAuthenticated(request)) return null;
    return session;
  }

  /**
   * Checks the request's session: expiry first (idle, then absolute); an expired or ended
   * session is tombstoned and destroyed before this returns. A session seen for the first time
   * starts its record. `markSession`: the request may write the session blob, so a new
   * session gets its marker (resource and passive requests never write it).
   */
  async evaluate(request: FastifyRequest, markSession: boolean): Promise<SessionEvaluation> {
    const session = this.signedInSession(request);
    if (!session) return ANONYMOUS;
    return this.evaluateSession(request, session, markSession);
  }

  /** {@link evaluate} of a session {@link signedInSession} answered. */
  async evaluateSession(
    request: FastifyRequest,
    session: SessionHandle,
    markSession: boolean,
  ): Promise<SessionEvaluation> {
    // Awaited only when there is a hook: an await costs a turn of the microtask queue.
    const timeouts = this.#options.timeoutsFor
      ? await this.timeoutsFor(request)
      : this.#options.timeouts;
    try {
      const record = await this.#store.get(session.sessionId);
      const nowMs = this.now();
      if (isLive(record, timeouts, nowMs)) {
        return this.#active(request, session, markSession, timeouts, record, nowMs);
      }
      return await this.#evaluateInactive(request, session, markSession, timeouts, record, nowMs);
    } catch (error) {
      throw storeFailure(error);
    }
  }

  /**
   * {@link evaluateSession} without a promise, for the most frequent case: the store reads
   * without one (the memory store), there is no `timeoutsFor` hook, and the session is active.
   * Null when the answer needs {@link evaluateSession} (which then reads the store once more).
   */
  activeNow(
    request: FastifyRequest,
    session: SessionHandle,
    markSession: boolean,
  ): ActiveEvaluation | null {
    const readNow = this.#readNow;
    if (readNow === null || this.#options.timeoutsFor !== null) return null;
    let record: StoredActivity | null;
    try {
      record = readNow(session.sessionId);
    } catch (error) {
      throw storeFailure(error);
    }
    const timeouts = this.#options.timeouts;
    const nowMs = this.now();
    if (!isLive(record, timeouts, nowMs)) return null;
    return this.#active(request, session, markSession, timeouts, record, nowMs);
  }

  /** The evaluation of a session whose record is live; marks the session when asked to. */
  #active(
    request: FastifyRequest,
    session: SessionHandle,
    markSession: boolean,
    timeouts: Timeouts,
    record: StoredActivity,
    nowMs: number,
  ): ActiveEvaluation {
    if (markSession && !isMarked(session)) mark(session);
    this.#sessionCookie.learn(request, session);
    return { state: 'active', sessionId: session.sessionId, record, timeouts, nowMs };
  }

  /**
   * A session whose record is missing, a tombstone or expired: ended (tombstoned and destroyed
   * first), or active when this is the first time the plugin sees it (its record is started).
   */
  async #evaluateInactive(
    request: FastifyRequest,
    session: SessionHandle,
    markSession: boolean,
    timeouts: Timeouts,
    found: StoredActivity | null,
    nowMs: number,
  ): Promise<SessionEvaluation> {
    let record = found;
    if (!record) {
      if (isMarked(session)) {
        // The plugin saw this session before and its record is gone: it ended long ago.
        return await this.#end(request, session, 'idle', timeouts, nowMs);
      }
      const ttlMs = recordTtlMs(timeouts);
      record = await this.#store.start(session.sessionId, { nowMs, ttlMs });
    }
    if (record.endedReason !== undefined) {
      await destroySession(request, session);
      return { state: 'ended', reason: record.endedReason, timeouts };
    }
    const reason = expiryReasonAt(record, timeouts, nowMs);
    if (reason === 'idle' || reason === 'absolute') {
      return await this.#end(request, session, reason, timeouts, nowMs);
    }
    return this.#active(request, session, markSession, timeouts, record, nowMs);
  }

  async #end(
    request: FastifyRequest,
    session: SessionHandle,
    reason: EndedReason,
    timeouts: Timeouts,
    nowMs: number,
  ): Promise<SessionEvaluation> {
    await this.ending.tombstoneAndDestroy(request, session, reason, nowMs, true);
    return { state: 'ended', reason, timeouts };
  }

  /**
   * The session id the request's session cookie still names when that is not the request's
   * session (the element's own request ended it and the expiry action reloaded the page), else
   * null. Synchronous and cheap: most requests have nothing to look up.
   */
  staleCookieSessionId(request: FastifyRequest): string | null {
    const sessionId = this.#sessionCookie.sessionIdIn(request);
    if (sessionId === null || sessionId === sessionOf(request)?.sessionId) return null;
    return sessionId;
  }

  /** Why `sessionId` ended, from its tombstone; null when it has none. */
  async endedReasonOf(sessionId: string): Promise<EndedReason | null> {
    try {
      return (await this.#store.get(sessionId))?.endedReason ?? null;
    } catch (error) {
      throw storeFailure(error);
    }
  }

  /**
   * The session a sign-in during this request produced: signed in at the end of the request and
   * not the session the request's check found active (`activeSessionId`), else null.
   * Synchronous; throws {@link SessionCheckError} like {@link signedInSession}.
   */
  signedInDuring(request: FastifyRequest, activeSessionId: string | null): SessionHandle | null {
    const session = sessionOf(request);
    if (!session || session.sessionId === activeSessionId) return null;
    return this.#isAuthenticated(request) ? session : null;
  }

  /**
   * Starts the clocks of a session that became authenticated during this request (a sign-in,
   * found by {@link signedInDuring}), so idle and absolute time count from the sign-in response,
   * not from the next request. An existing record or tombstone is left as it is.
   */
  async startClocks(request: FastifyRequest, session: SessionHandle): Promise<void> {
    const timeouts = await this.timeoutsFor(request);
    try {
      const record = await this.#store.start(session.sessionId, {
        nowMs: this.now(),
        ttlMs: recordTtlMs(timeouts),
      });
      // The marker must reach the blob now: without it, a record that outlived its TTL before
      // the next request would look like a new sign-in. @fastify/session saved the blob just
      // before this hook; save it once more only when it did (never for a cookie not sent).
      const saved = session as unknown as { isSaved?(): boolean; save?(): Promise<void> };
      if (
        record.endedReason === undefined &&
        !isMarked(session) &&
        saved.isSaved?.() === true &&
        typeof saved.save === 'function'
      ) {
        mark(session);
        await saved.save();
      }
    } catch (error) {
      throw storeFailure(error);
    }
  }

  /**
   * Whether {@link recordActivity} would ask the store to write: `lastActivityMs` is at least
   * `minStepMs` newer than the record the check read. Most requests of a busy page are not.
   */
  needsActivityWrite(active: ActiveEvaluation, lastActivityMs: number, minStepMs: number): boolean {
    const stepMs = lastActivityMs - active.record.lastActivityMs;
    return stepMs > 0 && stepMs >= minStepMs;
  }

  /**
   * Moves last activity forward to `lastActivityMs` when that is at least `minStepMs` newer than
   * the stored value. Answers the record as stored afterwards (a tombstone when a logout won).
   */
  async recordActivity(
    active: ActiveEvaluation,
    lastActivityMs: number,
    minStepMs: number,
  ): Promise<StoredActivity> {
    if (!this.needsActivityWrite(active, lastActivityMs, minStepMs)) return active.record;
    try {
      const stored = await this.#store.advance(active.sessionId, {
        lastActivityMs,
        minStepMs,
        nowMs: active.nowMs,
        ttlMs: recordTtlMs(active.timeouts),
      });
      return stored ?? active.record;
    } catch (error) {
      throw storeFailure(error);
    }
  }
}
