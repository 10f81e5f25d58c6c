import type { SessionStatus, Timeouts } from '../protocol/index.js';
import type { EndedReason } from './activity-store.js';

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
}

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
