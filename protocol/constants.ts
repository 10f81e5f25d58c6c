/** The protocol version this package speaks. */
export const PROTOCOL_VERSION = 1;

/** Default path of the protocol resource on the application's origin. */
export const DEFAULT_RESOURCE_PATH = '/session-security';

/**
 * Request header that state-changing protocol requests MUST carry with the value `1`.
 * A custom header cannot be sent cross-origin without a CORS preflight, which the server never
 * grants; it doubles as the version marker.
 */
export const VERSION_HEADER = 'session-security-version';

/** Request header by which any application request marks itself passive (value `1`). */
export const PASSIVE_HEADER = 'session-security-passive';

/** Media type of protocol requests and of successful protocol responses. */
export const JSON_MEDIA_TYPE = 'application/json';

/** Media type of protocol error responses (RFC 9457). */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** Value of `Cache-Control` on every protocol response. */
export const CACHE_CONTROL_NO_STORE = 'no-store';

/** Largest `idleSeconds` a client may report: 365 days. Larger values are rejected, not clamped. */
export const MAX_IDLE_SECONDS = 31_536_000;

/** Largest duration, in seconds, that any status member may carry: 365 days. */
export const MAX_DURATION_SECONDS = 31_536_000;

/** Largest accepted activity-report body, in bytes. */
export const MAX_BODY_BYTES = 1024;

/** Prefix of every problem type URI defined by protocol v1. */
export const PROBLEM_TYPE_BASE = 'https://session-security.dev/problems/';
