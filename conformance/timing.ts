// How closely the suite judges durations and deadlines, and how long it waits.

/** Slack allowed between durations the server reports and what the suite measured. */
export const TOLERANCE_SECONDS = 0.35;
/**
 * How long past a deadline the suite waits before it expects the session to have ended. The
 * deadline is computed from an upper bound of the server's last activity (an answer's arrival
 * minus the idle time it reports), so a conforming server has always reached it: this margin only
 * absorbs millisecond rounding, and a load that delays the request only makes it later. A
 * server that expires sessions a few hundred milliseconds late is caught.
 */
export const PAST_DEADLINE_MS = 100;
/** Shortest idle timeout the suite can test reliably with its tolerance. */
export const MIN_EXPIRE_SECONDS = 2;
/** Wait before an ordinary request, so that a server that writes activity at most once per second writes it. */
export const ACTIVITY_WRITE_WAIT_MS = 1300;
