import { MemoryStore, type SessionStore } from '@fastify/session';
import { type ActivityStore, memoryActivityStore } from '../../server/index.js';

/** Operations seen by a {@link CountingActivityStore}. */
export interface ActivityStoreCounts {
  reads: number;
  /** Calls of start, advance and end: each may write the backend (one command in Redis). */
  writes: number;
}

/** The plugin's memory activity store, counting what the plugin asks of it. */
export interface CountingActivityStore extends ActivityStore {
  readonly counts: ActivityStoreCounts;
  reset(): void;
}

/** Wraps a fresh {@link memoryActivityStore} so that every read and write is counted. */
export function countingActivityStore(): CountingActivityStore {
  const inner = memoryActivityStore();
  const counts: ActivityStoreCounts = { reads: 0, writes: 0 };
  return {
    counts,
    reset() {
      counts.reads = 0;
      counts.writes = 0;
    },
    get(sessionId) {
      counts.reads++;
      return inner.get(sessionId);
    },
    start(sessionId, options) {
      counts.writes++;
      return inner.start(sessionId, options);
    },
    advance(sessionId, options) {
      counts.writes++;
      return inner.advance(sessionId, options);
    },
    end(sessionId, options) {
      counts.writes++;
      return inner.end(sessionId, options);
    },
  };
}

/** Operations seen by a {@link CountingSessionStore}. */
export interface SessionStoreCounts {
  reads: number;
  /** Saves and destroys. */
  writes: number;
}

/** @fastify/session's memory store, counting its reads and writes. */
export interface CountingSessionStore extends SessionStore {
  readonly counts: SessionStoreCounts;
  reset(): void;
}

/** Wraps a fresh @fastify/session MemoryStore so that every get, set and destroy is counted. */
export function countingSessionStore(): CountingSessionStore {
  const inner = new MemoryStore();
  const counts: SessionStoreCounts = { reads: 0, writes: 0 };
  return {
    counts,
    reset() {
      counts.reads = 0;
      counts.writes = 0;
    },
    get(sessionId, callback) {
      counts.reads++;
      inner.get(sessionId, callback);
    },
    set(sessionId, session, callback) {
      counts.writes++;
      inner.set(sessionId, session, callback);
    },
    destroy(sessionId, callback) {
      counts.writes++;
      inner.destroy(sessionId, callback);
    },
  };
}
