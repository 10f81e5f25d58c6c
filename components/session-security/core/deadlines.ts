import type { ActiveStatus, ExpiryReason, SessionStatus } from '../../../protocol/index.js';
import {
  CHECK_LEAD_MS,
  DEADLINE_CHECK_DELAY_MS,
  deadlineCheckLeadMs,
  FOLLOWER_GRACE_MS,
  MIN_CHECK_GAP_MS,
  SHARE_LEAD_MS,
} from './check-timing.js';

/** Which warning: inactivity, or the end of the session's absolute lifetime. */
export type WarningKind = 'idle' | 'absolute';

/**
 * What this tab knows of the server's session, as wall-clock epoch milliseconds of this
 * machine. Durations from an answer are anchored at the request's send time, so every
 * deadline errs early, never late.
 */
export interface ServerView {
  readonly warnAfterMs: number;
  readonly expireAfterMs: number;
  /** The last activity of any tab that the server has recorded. */
  readonly lastActivityMs: number;
  /** When the absolute lifetime ends, or null when there is none. */
  readonly absoluteExpireAtMs: number | null;
}

/** The moments that matter next. */
export interface Plan {
  readonly kind: WarningKind;
  /** When the warning (or the absolute-lifetime notice) should show. */
  readonly warnAtMs: number;
  /** When the session ends, as far as this tab knows. */
  readonly deadlineMs: number;
}

/**
 * The view of a server's active answer to a request sent at `sentAtMs`; before the first
 * answer, of the page load at `sentAtMs` (0 s idle) with the fallback timeouts.
 */
export function viewFromStatus(
  status: Pick<
    ActiveStatus,
    'idleSeconds' | 'warnAfterSeconds' | 'expireAfterSeconds' | 'absoluteRemainingSeconds'
  >,
  sentAtMs: number,
): ServerView {
  return {
    warnAfterMs: status.warnAfterSeconds * 1000,
    expireAfterMs: status.expireAfterSeconds * 1000,
    lastActivityMs: sentAtMs - status.idleSeconds * 1000,
    absoluteExpireAtMs:
      status.absoluteRemainingSeconds === undefined
        ? null
        : sentAtMs + status.absoluteRemainingSeconds * 1000,
  };
}

/**
 * The plan for `view` given the latest activity this tab knows of (its own or another tab's).
 * Unreported activity postpones the warning but not the server's deadline: the server learns
 * of it at the next check, which is scheduled before that deadline. The absolute-lifetime
 * notice comes as long before its end as the idle warning comes before idle expiry; when the
 * absolute end comes first, the warning is of that kind.
 */
export function planFor(view: ServerView, latestActivityMs: number): Plan {
  const idleDeadlineMs = view.lastActivityMs + view.expireAfterMs;
  const latestMs = Math.max(view.lastActivityMs, latestActivityMs);
  const idleWarnAtMs = latestMs + view.warnAfterMs;
  const absolute = view.absoluteExpireAtMs;
  // Whether the absolute end comes first depends on all known activity, reported or not: the
  // next check reports it, so the notice must not wait for that check.
  if (absolute !== null && absolute <= latestMs + view.expireAfterMs) {
    const noticeMs = view.expireAfterMs - view.warnAfterMs;
    return {
      kind: 'absolute',
      warnAtMs: Math.min(idleWarnAtMs, absolute - noticeMs),
      deadlineMs: Math.min(absolute, idleDeadlineMs),
    };
  }
  return { kind: 'idle', warnAtMs: idleWarnAtMs, deadlineMs: idleDeadlineMs };
}

/** When every tab shares its unreported activity: before the server's warning moment. */
export function shareAtMs(view: ServerView, plan: Plan): number {
  return Math.min(view.lastActivityMs + view.warnAfterMs, plan.deadlineMs) - SHARE_LEAD_MS;
}

/**
 * When the leader's routine check is due: before the warning, and before the server's deadline
 * even when activity keeps postponing the warning: the server must hear of that activity in
 * time, with room for a slow network (up to 10 s, half the warning period in short test setups).
 */
export function routineCheckAtMs(view: ServerView, plan: Plan, warnAtMs: number): number {
  return Math.min(
    warnAtMs - CHECK_LEAD_MS,
    plan.deadlineMs - deadlineCheckLeadMs(view.expireAfterMs - view.warnAfterMs),
  );
}

/**
 * When the warning shows: by `plan`, or, after a failed report (`failed`), by the server's view
 * alone: activity the server has not heard of no longer postpones the warning.
 */
export function warningAtMs(view: ServerView, plan: Plan, failed: boolean): number {
  return failed ? planFor(view, view.lastActivityMs).warnAtMs : plan.warnAtMs;
}

/** Past the deadline, when to ask the server: a moment after it, and not too soon again. */
export function pastDeadlineCheckAtMs(plan: Plan, leader: boolean, lastCheckMs: number): number {
  return Math.max(
    plan.deadlineMs + (leader ? DEADLINE_CHECK_DELAY_MS : FOLLOWER_GRACE_MS),
    lastCheckMs + MIN_CHECK_GAP_MS,
  );
}

/**
 * The reason to show for an expired answer to a request sent at `sentAtMs`: "no-session" asked at
 * or after the deadline of `view` means the session ran out (another request, e.g. another
 * tab's, ended it first), so say so and the page can tell the user why. Not for transports that
 * cannot tell (`explainsEnd` false: their "no-session" may be anything).
 */
export function explainEnd(
  reason: ExpiryReason,
  sentAtMs: number,
  view: ServerView,
  explainsEnd?: boolean,
): ExpiryReason {
  if (reason !== 'no-session' || explainsEnd === false) return reason;
  const plan = planFor(view, view.lastActivityMs);
  return sentAtMs >= plan.deadlineMs ? plan.kind : reason;
}

/** Why an active answer cannot be right (it would be expired already), or null. */
export function inconsistency(status: SessionStatus): string | null {
  if (status.state !== 'active') return null;
  if (status.idleSeconds >= status.expireAfterSeconds) {
    return 'active, yet idleSeconds >= expireAfterSeconds';
  }
  if (status.absoluteRemainingSeconds === 0) {
    return 'active, yet absoluteRemainingSeconds is 0';
  }
  return null;
}
