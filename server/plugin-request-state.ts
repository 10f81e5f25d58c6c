import type { FastifyRequest } from 'fastify';
import {
  activeStatus,
  expiredStatus,
  type SessionStatus,
  type Timeouts,
} from '../protocol/index.js';
import type { SessionHandle } from './fastify-session.js';
import type { SessionSecurityRequestState } from './request-state.js';
import type { SessionGuard } from './session-guard.js';
import type { EndedReason, StoredActivity } from './stores/activity-store.js';

const NO_SESSION_STATUS: SessionStatus = Object.freeze(expiredStatus('no-session'));

/**
 * `request.sessionSecurity`: the one object the plugin allocates per request. It starts as the
 * state of a request without a session and is filled in as the check goes; the active status
 * is built only when the application reads it (most requests never do), and `endSession` /
 * `regenerate` are bound to the request only when read.
 */
export class PluginRequestState implements SessionSecurityRequestState {
  passive: boolean;
  expiredReason: EndedReason | null = null;
  timeouts: Timeouts | null = null;
  readonly #guard: SessionGuard;
  readonly #request: FastifyRequest;
  /** A request of the protocol resource: it answers the status itself, no sign-in check. */
  readonly #resource: boolean;
  #status: SessionStatus = NO_SESSION_STATUS;
  // Private: the session id must not reach logs or responses that serialize this state.
  #activeSessionId: string | null = null;
  #activeRecord: StoredActivity | null = null;
  #nowMs = 0;
  #endedByApplication: { session: SessionHandle; reason: EndedReason } | null = null;

  constructor(guard: SessionGuard, request: FastifyRequest, resource: boolean, passive: boolean) {
    this.#guard = guard;
    this.#request = request;
    this.#resource = resource;
    this.passive = passive;
  }

  get status(): SessionStatus {
    const record = this.#activeRecord;
    if (record !== null && this.timeouts !== null) {
      return activeStatus(record, this.timeouts, this.#nowMs);
    }
    return this.#status;
  }

  /** See {@link SessionSecurityRequestState.endSession}; bound, so it may be destructured. */
  get endSession(): (reason?: EndedReason) => Promise<void> {
    return async (reason: EndedReason = 'logout') => {
      const session = await this.#guard.ending.endSession(this.#request, reason);
      if (session) this.#endedByApplication = { session, reason };
    };
  }

  /** See {@link SessionSecurityRequestState.regenerate}; bound, so it may be destructured. */
  get regenerate(): () => Promise<void> {
    return () => this.#guard.ending.regenerate(this.#request);
  }

  /** The session was found active (`record` as stored after this request's activity). */
  settleActive(sessionId: string, record: StoredActivity, timeouts: Timeouts, nowMs: number) {
    this.#activeSessionId = sessionId;
    this.#activeRecord = record;
    this.timeouts = timeouts;
    this.#nowMs = nowMs;
  }

  /** The session ended (during this request, or before: `timeouts` null when unknown). */
  settleEnded(reason: EndedReason, timeouts: Timeouts | null) {
    this.expiredReason = reason;
    this.timeouts = timeouts;
    this.#status = expiredStatus(reason);
  }

  /** A protocol resource's answer. */
  settleAnswer(
    passive: boolean,
    expiredReason: EndedReason | null,
    timeouts: Timeouts | null,
    status: SessionStatus,
  ) {
    this.passive = passive;
    this.expiredReason = expiredReason;
    this.timeouts = timeouts;
    this.#activeRecord = null;
    this.#status = status;
  }

  /** For the onSend hook: whether this is a request of the protocol resource. */
  static isResource(state: PluginRequestState): boolean {
    return state.#resource;
  }

  /** For the onSend hook: the session id the check found active, or null. */
  static activeSessionIdOf(state: PluginRequestState): string | null {
    return state.#activeSessionId;
  }

  /** For the onSend hook: the session the application ended during this request, if any. */
  static endedByApplicationOf(
    state: PluginRequestState,
  ): { session: SessionHandle; reason: EndedReason } | null {
    return state.#endedByApplication;
  }

  /** Serializes like a plain state object, status included. */
  toJSON(): Omit<SessionSecurityRequestState, 'endSession' | 'regenerate'> {
    const { passive, expiredReason, timeouts, status } = this;
    return { passive, expiredReason, timeouts, status };
  }
}

/** Starts the state of a request; the hooks fill it in. */
export function startRequestState(
  guard: SessionGuard,
  request: FastifyRequest,
  options: { resource: boolean; passive: boolean },
): PluginRequestState {
  const state = new PluginRequestState(guard, request, options.resource, options.passive);
  request.sessionSecurity = state;
  return state;
}

/** The plugin's state of a request, or null when its hooks did not run (a failed session load). */
export function pluginStateOf(request: FastifyRequest): PluginRequestState | null {
  const state: unknown = request.sessionSecurity;
  return state instanceof PluginRequestState ? state : null;
}
