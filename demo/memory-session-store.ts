import type { SessionStore } from '@fastify/session';

/** Options of {@link boundedMemorySessionStore}. */
export interface BoundedMemorySessionStoreOptions {
  /** A session neither read nor written for this long is dropped (the plugin ended it anyway). */
  readonly idleTtlMs: number;
  /** At most this many sessions are kept; beyond, the least recently used one is dropped. */
  readonly maxSessions: number;
  /** The clock, epoch milliseconds. */
  readonly now: () => number;
}

/** A {@link boundedMemorySessionStore} that says how many sessions it holds (for tests). */
export interface BoundedMemorySessionStore extends SessionStore {
  readonly size: number;
}

interface Entry {
  readonly session: unknown;
  touchedAtMs: number;
}

/**
 * The demo's in-memory session store. @fastify/session's MemoryStore never forgets a session, so
 * a stream of sign-ins (the demo account is public) grew the process without bound. Here every
 * session expires `idleTtlMs` after it was last used, expired ones are swept as new ones arrive,
 * and the number of sessions is capped (least recently used first out: that user is signed out,
 * the safe direction).
 */
export function boundedMemorySessionStore(
  options: BoundedMemorySessionStoreOptions,
): BoundedMemorySessionStore {
  const { idleTtlMs, maxSessions, now } = options;
  // Map order is use order: a read or write moves the session to the end.
  const entries = new Map<string, Entry>();
  let lastSweepMs = Number.NEGATIVE_INFINITY;
  const sweepIntervalMs = Math.min(idleTtlMs, 10_000);

  function sweep(nowMs: number): void {
    if (nowMs - lastSweepMs < sweepIntervalMs) return;
    lastSweepMs = nowMs;
    for (const [id, entry] of entries) {
      // Oldest first: stop at the first session still in use.
      if (nowMs - entry.touchedAtMs < idleTtlMs) break;
      entries.delete(id);
    }
  }

  return {
    get size() {
      return entries.size;
    },
    get(sessionId, callback) {
      const nowMs = now();
      const entry = entries.get(sessionId);
      if (!entry || nowMs - entry.touchedAtMs >= idleTtlMs) {
        entries.delete(sessionId);
        callback(null, null);
        return;
      }
      entries.delete(sessionId);
      entry.touchedAtMs = nowMs;
      entries.set(sessionId, entry);
      callback(null, entry.session as never);
    },
    set(sessionId, session, callback) {
      const nowMs = now();
      entries.delete(sessionId);
      // Its JSON, as a Redis store keeps it: the live object would keep its request reachable,
      // and the request may change it after the save.
      entries.set(sessionId, { session: JSON.parse(JSON.stringify(session)), touchedAtMs: nowMs });
      sweep(nowMs);
      while (entries.size > maxSessions) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
      callback();
    },
    destroy(sessionId, callback) {
      entries.delete(sessionId);
      callback();
    },
  };
}
