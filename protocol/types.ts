/** Why a session is no longer active. */
export type ExpiryReason = 'idle' | 'absolute' | 'logout' | 'no-session';

/** All expiry reasons, in the order the specification lists them. */
export const EXPIRY_REASONS: readonly ExpiryReason[] = ['idle', 'absolute', 'logout', 'no-session'];

/** Status of a session that is still valid, as the server computed it when it answered. */
export interface ActiveStatus {
  readonly version: 1;
  readonly state: 'active';
  /** Seconds since the last activity of any tab, as the server knows it (>= 0). */
  readonly idleSeconds: number;
  /** Idle duration, in seconds, after which the client warns the user (0 < warn < expire). */
  readonly warnAfterSeconds: number;
  /** Idle duration, in seconds, after which the server expires the session. */
  readonly expireAfterSeconds: number;
  /** Seconds left before the absolute lifetime ends; absent when none is configured. */
  readonly absoluteRemainingSeconds?: number;
}

/** Status of a session that has ended, or of a caller that has none. */
export interface ExpiredStatus {
  readonly version: 1;
  readonly state: 'expired';
  readonly reason: ExpiryReason;
}

/** The body of every successful protocol response. */
export type SessionStatus = ActiveStatus | ExpiredStatus;

/** Body of an activity report (`POST` to the resource). */
export interface ActivityReport {
  /** Seconds this browser has been idle (0 = active right now). */
  readonly idleSeconds: number;
}

/** Stable names of the problems protocol v1 defines; the type URI is `PROBLEM_TYPE_BASE + name`. */
export type ProblemName =
  | 'invalid-request'
  | 'unsupported-media-type'
  | 'missing-version-header'
  | 'unsupported-version'
  | 'cross-site-request'
  | 'method-not-allowed'
  | 'payload-too-large'
  | 'session-expired'
  | 'store-unavailable';

/** An RFC 9457 problem details object as protocol v1 uses it. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  /** Present on `session-expired` problems. */
  readonly reason?: ExpiryReason;
}

/** Outcome of parsing untrusted input: a typed value, or a precise message. Never throws. */
export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };
