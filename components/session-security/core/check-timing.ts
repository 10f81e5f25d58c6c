/** When the session machine talks to the server: leads, grace periods and backoff. */

/** The leader checks with the server this long before the warning is due. */
export const CHECK_LEAD_MS = 1000;
/** At most this long before the server's deadline, the leader reports activity that postpones it. */
export const MAX_DEADLINE_CHECK_LEAD_MS = 10_000;

/** How long before the server's deadline the leader reports: half the warning period, 1-10 s. */
export function deadlineCheckLeadMs(warningPeriodMs: number): number {
  return Math.min(MAX_DEADLINE_CHECK_LEAD_MS, Math.max(CHECK_LEAD_MS, warningPeriodMs / 2));
}
/** Every tab shares its unreported activity this long before the server's warning moment. */
export const SHARE_LEAD_MS = 2000;
/**
 * The leader asks this long after a deadline: the deadline is anchored at a request's send time,
 * so it comes before the server's by that request's travel time, and a check sent right at it
 * would find the session still active, then wait {@link MIN_CHECK_GAP_MS} to ask again.
 */
export const DEADLINE_CHECK_DELAY_MS = 250;
/** Tabs that do not lead check for themselves this long after a deadline the leader missed. */
export const FOLLOWER_GRACE_MS = 2000;
/** Routine checks are at least this far apart (guards against a server that keeps answering "almost expired"). */
export const MIN_CHECK_GAP_MS = 1000;
/** Backoff after failed requests: 1 s, 2 s, 4 s ... at most 60 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60_000, 1000 * 2 ** attempt);
}
