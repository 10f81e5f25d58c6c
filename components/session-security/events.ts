import type { ExpiryReason } from '../../protocol/index.js';
import type { WarningKind } from './core/deadlines.js';
import type { ChangeSource } from './core/session-types.js';

/** What the element does when the session has ended. */
export type ExpireAction = 'reload' | 'redirect' | 'logout-redirect' | 'none';

/** `session-security-warning`: the warning (or the absolute-lifetime notice) is shown. */
export interface SessionSecurityWarningDetail {
  readonly kind: WarningKind;
  /** When the session ends, wall-clock epoch milliseconds. */
  readonly deadlineMs: number;
}

/** `session-security-extended`: the warning closed because the session is active again. */
export interface SessionSecurityExtendedDetail {
  readonly source: ChangeSource;
  readonly deadlineMs: number;
}

/** `session-security-before-expire` (cancelable) and `session-security-expired`. */
export interface SessionSecurityExpiryDetail {
  readonly reason: ExpiryReason;
  readonly source: ChangeSource;
  /** What the element does next, unless `session-security-before-expire` is canceled. */
  readonly action: ExpireAction;
}

/** `session-security-logged-out`: the session was ended by a logout, in this tab or another. */
export interface SessionSecurityLoggedOutDetail {
  readonly source: ChangeSource;
}

/** `session-security-error`: a request failed or the configuration is wrong. */
export interface SessionSecurityErrorDetail {
  readonly error: Error;
  /** Wait before the next try, or null when none follows. */
  readonly retryInMs: number | null;
}

/** Every event the element fires, by name (all bubble and are composed). */
export interface SessionSecurityEventMap {
  'session-security-warning': CustomEvent<SessionSecurityWarningDetail>;
  'session-security-extended': CustomEvent<SessionSecurityExtendedDetail>;
  'session-security-before-expire': CustomEvent<SessionSecurityExpiryDetail>;
  'session-security-expired': CustomEvent<SessionSecurityExpiryDetail>;
  'session-security-logged-out': CustomEvent<SessionSecurityLoggedOutDetail>;
  'session-security-error': CustomEvent<SessionSecurityErrorDetail>;
}
