import type { SessionStatus } from '../../../protocol/index.js';

/**
 * How the element talks to the server. Every method resolves with a validated status or rejects
 * with a {@link TransportError}; none retries (the session machine owns retries and timing).
 * Implementations: {@link FetchTransport} (protocol v1). Keep new ones this small.
 */
export interface Transport {
  /** Passive status read: never counts as activity. */
  readStatus(): Promise<SessionStatus>;
  /** Reports that this browser has been idle for `idleSeconds` (0 = active now). */
  reportActivity(idleSeconds: number): Promise<SessionStatus>;
  /** Ends the session on the server. */
  logout(): Promise<SessionStatus>;
  /**
   * False when the server never says why a session ended (the legacy ping answers "logout" for
   * everything): its "no-session" is then taken as is. Protocol v1 servers say why.
   */
  readonly explainsEnd?: boolean;
}

/** Why a transport call failed: no answer, an HTTP error, or an answer that breaks the protocol. */
export type TransportErrorKind = 'network' | 'http' | 'malformed';

/** A failed transport call. The session is never assumed extended after one. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
    /** HTTP status, for `http` errors. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Anything thrown, as an Error. */
export function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
