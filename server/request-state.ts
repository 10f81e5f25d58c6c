import type { SessionStatus, Timeouts } from '../protocol/index.js';
import type { EndedReason } from './stores/activity-store.js';

/** What the plugin found out about a request, as `request.sessionSecurity`. */
export interface SessionSecurityRequestState {
  /**
   * The request does not count as activity: passive header, passive route or route config, or
   * Fetch Metadata of a request another site made (a cross-site or same-site subresource, a
   * navigation without user activation).
   */
  readonly passive: boolean;
  /**
   * Why the session ended during this request (`idle`, `absolute`, or `logout` when a logged-out
   * session's cookie came back), or null. The request then continues anonymous: a login page
   * can say "you were signed out after N minutes of inactivity". Also set on the first page
   * load after the element's own request ended the session (the expiry action `reload`): the
   * browser's stale session cookie names the session and its tombstone the reason. Passive and
   * API requests never get that one.
   */
  readonly expiredReason: EndedReason | null;
  /** The timeouts that applied to the session (also when it just ended); null when anonymous. */
  readonly timeouts: Timeouts | null;
  /** The session's status as the protocol resource would answer it at the end of the check. */
  readonly status: SessionStatus;
  /**
   * Ends the request's session for good (the application's own logout; `reason` defaults to
   * `logout`): its id is tombstoned, so a request still in flight cannot save it back to life,
   * `onSessionEnd` is told, the session is destroyed and the response clears its cookie (and
   * sends `Clear-Site-Data` on logout). Use it instead of `request.session.destroy()`.
   * Rejects (and the request should answer 503) when the activity store fails.
   */
  readonly endSession: (reason?: EndedReason) => Promise<void>;
  /**
   * The sign-in's session rotation: ends the current session id as {@link endSession} does when
   * it belonged to a user, then `request.session.regenerate()`. Use it instead of calling
   * `regenerate()` directly, then set the user on the new session.
   */
  readonly regenerate: () => Promise<void>;
}

/** The two actions of {@link SessionSecurityRequestState}, bound to one request. */
export type SessionControls = Pick<SessionSecurityRequestState, 'endSession' | 'regenerate'>;

/** Per-route configuration: `{ config: { sessionSecurity: { passive: true } } }`. */
export interface SessionSecurityRouteConfig {
  /** Requests of this route never count as activity and never write the session. */
  readonly passive?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the session-security plugin on every request, before the route's handler runs. */
    sessionSecurity: SessionSecurityRequestState;
  }
  interface FastifyContextConfig {
    /** session-security settings of this route. */
    sessionSecurity?: SessionSecurityRouteConfig;
  }
}
