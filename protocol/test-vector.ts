import type { SessionStatus } from './types.js';

/**
 * One protocol test vector (protocol/vectors/*.json): the server's state before a request,
 * the request, and what a conforming server answers and keeps. Vectors are the single source
 * of truth replayed by the plugin's tests, the element's fake server and the conformance suite.
 *
 * The server's origin is `http://localhost` and its resource path is `/session-security`;
 * `request.path` is relative to the origin. Times are relative to the request: the server's
 * clock does not move while it handles it.
 */
export interface TestVector {
  readonly name: string;
  readonly description: string;
  readonly timeouts: {
    readonly warnAfterSeconds: number;
    readonly expireAfterSeconds: number;
    readonly absoluteTimeoutSeconds: number | null;
  };
  readonly prior: VectorSessionState;
  readonly request: {
    readonly method: string;
    readonly path: string;
    /** Lower-case header names. The session cookie is added by the harness when there is one. */
    readonly headers: Readonly<Record<string, string>>;
    /** Raw body text, sent as is (encoded as UTF-8); absent for no body. */
    readonly body?: string;
    /**
     * The body's exact bytes in base64, for bodies that are not valid UTF-8 text; never together
     * with `body`.
     */
    readonly bodyBase64?: string;
  };
  readonly response: {
    readonly status: number;
    readonly contentType: 'application/json' | 'application/problem+json';
    /** Exact body of a successful answer. */
    readonly body?: SessionStatus;
    /** Problem type URI of an error answer. */
    readonly problemType?: string;
    /** Response headers a conforming server MUST send: lower-case names, exact values. */
    readonly headers?: Readonly<Record<string, string>>;
    /** Lower-case names of response headers a conforming server MUST NOT send. */
    readonly absentHeaders?: readonly string[];
  };
  /** Server state after the request. */
  readonly after: VectorSessionState;
}

/** A session's state in a vector, relative to the request's moment. */
export type VectorSessionState =
  | { readonly session: 'none' }
  | {
      readonly session: 'active';
      /** Milliseconds since last activity. */
      readonly idleMs: number;
      /** Milliseconds since sign-in (for the absolute lifetime). */
      readonly ageMs: number;
    };
