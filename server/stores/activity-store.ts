import type { ExpiryReason } from '../../protocol/index.js';

/** Why a session ended, as a tombstone records it. */
export type EndedReason = Exclude<ExpiryReason, 'no-session'>;

/**
 * What the plugin keeps per session id, apart from the session blob: server epoch milliseconds
 * of the injected clock. A record with `endedReason` is a tombstone: the session ended and must
 * never be used again, even if a late save writes its blob back.
 */
export interface StoredActivity {
  readonly lastActivityMs: number;
  readonly startedAtMs: number;
  readonly endedReason?: EndedReason;
}

/** What every write to an {@link ActivityStore} carries. */
export interface StoreWriteOptions {
  /** The plugin's clock now, epoch milliseconds. */
  readonly nowMs: number;
  /** Keep the record at least this long from `nowMs`, in milliseconds. */
  readonly ttlMs: number;
}

/** Options of {@link ActivityStore.start}. */
export interface StartOptions extends StoreWriteOptions {}

/** Options of {@link ActivityStore.advance}. */
export interface AdvanceOptions extends StoreWriteOptions {
  /** The new last activity, epoch milliseconds. */
  readonly lastActivityMs: number;
  /** Move only when `lastActivityMs` is at least this much newer than the stored value. */
  readonly minStepMs: number;
}

/** Options of {@link ActivityStore.end}. */
export interface EndOptions extends StoreWriteOptions {
  /** Why the session ended; the first reason recorded wins. */
  readonly reason: EndedReason;
}

/**
 * Where the plugin keeps activity. Every method is atomic per session id. A method that cannot
 * reach its backend rejects; the plugin then fails closed (503) and changes nothing.
 * `ttlMs` is how long the record must be kept at least from `nowMs` (an implementation may drop
 * it afterwards).
 */
export interface ActivityStore {
  /** The record of `sessionId`, or null when there is none. */
  get(sessionId: string): Promise<StoredActivity | null>;
  /**
   * Creates the record of a newly seen session (`lastActivityMs = startedAtMs = nowMs`) unless
   * one exists; answers the record as it is afterwards (an existing one unchanged).
   */
  start(sessionId: string, options: StartOptions): Promise<StoredActivity>;
  /**
   * Moves `lastActivityMs` forward to `lastActivityMs` when that is at least `minStepMs` newer
   * than the stored value; never backwards, never on a tombstone, never creates a record.
   * Answers the record as it is afterwards, or null when there is none.
   */
  advance(sessionId: string, options: AdvanceOptions): Promise<StoredActivity | null>;
  /**
   * Turns the record into a tombstone (creating one when there is no record); first reason wins.
   * Answers true when this call made the tombstone, false when there already was one (so the
   * end of a session is reported once, however many requests race to end it).
   */
  end(sessionId: string, options: EndOptions): Promise<boolean>;
}

/**
 * Internal (not exported by the package): the method of a store that can read a record without a
 * promise, because it holds its records in this process (the memory store). The request hook
 * uses it to check an active session without a turn of the microtask queue; it answers exactly
 * what `get` would.
 */
export const READ_NOW = Symbol('session-security read now');

/** A store with {@link READ_NOW}. */
export interface ReadsNow {
  [READ_NOW](sessionId: string): StoredActivity | null;
}

/** `store`'s {@link READ_NOW}, bound, or null when it has none. */
export function readNowOf(
  store: ActivityStore,
): ((sessionId: string) => StoredActivity | null) | null {
  const method = (store as Partial<ReadsNow>)[READ_NOW];
  return typeof method === 'function' ? method.bind(store) : null;
}
