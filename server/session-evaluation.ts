import { expiryReasonAt, type Timeouts } from '../protocol/index.js';
import type { EndedReason, StoredActivity } from './stores/activity-store.js';

/**
 * Activity writes closer together than this are skipped: last activity has a granularity of one
 * second, so a busy page does not write the store on every request.
 */
export const ACTIVITY_WRITE_GRANULARITY_MS = 1000;

/** Activity records outlive the idle timeout by this much (then the session is over anyway). */
const RECORD_TTL_MARGIN_MS = 60_000;

/** A session found active, as `SessionGuard.evaluate` answers it. */
export interface ActiveEvaluation {
  readonly state: 'active';
  readonly sessionId: string;
  readonly record: StoredActivity;
  readonly timeouts: Timeouts;
  readonly nowMs: number;
}

/** What a request's session turned out to be. */
export type SessionEvaluation =
  | { readonly state: 'anonymous' }
  | { readonly state: 'ended'; readonly reason: EndedReason; readonly timeouts: Timeouts }
  | ActiveEvaluation;

export const ANONYMOUS: SessionEvaluation = Object.freeze({ state: 'anonymous' });

/** A record of a session that is neither ended nor expired at `nowMs`. */
export function isLive(
  record: StoredActivity | null,
  timeouts: Timeouts,
  nowMs: number,
): record is StoredActivity {
  if (record === null || record.endedReason !== undefined) return false;
  const reason = expiryReasonAt(record, timeouts, nowMs);
  return reason !== 'idle' && reason !== 'absolute';
}

/** How long an activity record must be kept from a write. */
export function recordTtlMs(timeouts: Timeouts): number {
  return timeouts.expireAfterSeconds * 1000 + RECORD_TTL_MARGIN_MS;
}
