import {
  type ActivityStore,
  type AdvanceOptions,
  type EndOptions,
  READ_NOW,
  type ReadsNow,
  type StartOptions,
  type StoredActivity,
} from './activity-store.js';

interface MemoryEntry {
  record: StoredActivity;
  /** Epoch ms (of the plugin's clock) after which the entry may be dropped. */
  keepUntilMs: number;
}

/** Options of {@link memoryActivityStore}. */
export interface MemoryActivityStoreOptions {
  /** Sweep expired entries at most this often, in milliseconds of the plugin's clock. Default 60000. */
  readonly sweepIntervalMs?: number;
  /**
   * At most this many records (live ones and tombstones) are kept; beyond, the oldest written
   * is dropped. Default 100,000. Dropping is safe: a session whose record is gone is treated as
   * ended (the session's marker says it was seen before), so the cap can sign a user out early,
   * never keep one signed in.
   */
  readonly maxRecords?: number;
}

/** A {@link memoryActivityStore} with a size probe, for tests and monitoring. */
export interface MemoryActivityStore extends ActivityStore {
  /** Number of records currently held (live records and tombstones). */
  readonly size: number;
}

/**
 * The in-process activity store: the default, for development and single-instance deployments.
 * Records expire after their TTL (measured with the plugin's injected clock) and are swept on
 * writes, so ended sessions do not accumulate. Not shared between processes: use
 * {@link redisActivityStore} behind a load balancer.
 */
export function memoryActivityStore(options: MemoryActivityStoreOptions = {}): MemoryActivityStore {
  const sweepIntervalMs = options.sweepIntervalMs ?? 60_000;
  if (!Number.isFinite(sweepIntervalMs) || sweepIntervalMs <= 0) {
    throw new Error(
      `session-security: memoryActivityStore sweepIntervalMs must be a positive number, got ${String(sweepIntervalMs)}`,
    );
  }
  const maxRecords = options.maxRecords ?? 100_000;
  if (!Number.isInteger(maxRecords) || maxRecords <= 0) {
    throw new Error(
      `session-security: memoryActivityStore maxRecords must be a positive integer, got ${String(maxRecords)}`,
    );
  }
  return new MemoryRecords(sweepIntervalMs, maxRecords);
}

/** {@link memoryActivityStore}'s records, with their keep-until times. */
class MemoryRecords implements MemoryActivityStore, ReadsNow {
  // Map order is write order: a write moves the record to the end, the oldest is dropped first.
  readonly #entries = new Map<string, MemoryEntry>();
  readonly #sweepIntervalMs: number;
  readonly #maxRecords: number;
  #lastSweepMs = Number.NEGATIVE_INFINITY;

  constructor(sweepIntervalMs: number, maxRecords: number) {
    this.#sweepIntervalMs = sweepIntervalMs;
    this.#maxRecords = maxRecords;
  }

  get size(): number {
    return this.#entries.size;
  }

  async get(sessionId: string): Promise<StoredActivity | null> {
    return this[READ_NOW](sessionId);
  }

  [READ_NOW](sessionId: string): StoredActivity | null {
    return this.#entries.get(sessionId)?.record ?? null;
  }

  async start(sessionId: string, { nowMs, ttlMs }: StartOptions): Promise<StoredActivity> {
    const existing = this.#live(sessionId, nowMs);
    if (existing) return existing.record;
    const record = { lastActivityMs: nowMs, startedAtMs: nowMs };
    this.#put(sessionId, record, nowMs, ttlMs);
    return record;
  }

  async advance(
    sessionId: string,
    { lastActivityMs, minStepMs, nowMs, ttlMs }: AdvanceOptions,
  ): Promise<StoredActivity | null> {
    const existing = this.#live(sessionId, nowMs);
    if (!existing) return null;
    const { record } = existing;
    if (record.endedReason !== undefined) return record;
    if (
      lastActivityMs - record.lastActivityMs < minStepMs ||
      lastActivityMs <= record.lastActivityMs
    ) {
      return record;
    }
    const advanced = { lastActivityMs, startedAtMs: record.startedAtMs };
    this.#put(sessionId, advanced, nowMs, ttlMs);
    return advanced;
  }

  async end(sessionId: string, { reason, nowMs, ttlMs }: EndOptions): Promise<boolean> {
    const existing = this.#live(sessionId, nowMs)?.record;
    if (existing?.endedReason !== undefined) return false;
    const ended = {
      lastActivityMs: existing?.lastActivityMs ?? nowMs,
      startedAtMs: existing?.startedAtMs ?? nowMs,
      endedReason: reason,
    };
    this.#put(sessionId, ended, nowMs, ttlMs);
    return true;
  }

  #sweep(nowMs: number): void {
    // A clock that stepped back also triggers a sweep; harmless.
    if (Math.abs(nowMs - this.#lastSweepMs) < this.#sweepIntervalMs) return;
    this.#lastSweepMs = nowMs;
    for (const [id, entry] of this.#entries) {
      if (entry.keepUntilMs <= nowMs) this.#entries.delete(id);
    }
  }

  #live(sessionId: string, nowMs: number): MemoryEntry | undefined {
    const entry = this.#entries.get(sessionId);
    if (entry && entry.keepUntilMs <= nowMs) {
      this.#entries.delete(sessionId);
      return undefined;
    }
    return entry;
  }

  #put(sessionId: string, record: StoredActivity, nowMs: number, ttlMs: number): void {
    const entries = this.#entries;
    const previous = entries.get(sessionId);
    const keepUntilMs = Math.max(previous?.keepUntilMs ?? 0, nowMs + ttlMs);
    entries.delete(sessionId);
    entries.set(sessionId, { record, keepUntilMs });
    this.#sweep(nowMs);
    while (entries.size > this.#maxRecords) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
  }
}
