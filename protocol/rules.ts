import { checkDuration } from './parse.js';
import type { ExpiryReason, ParseResult, SessionStatus } from './types.js';

/** Timeouts that apply to one session, in seconds. */
export interface Timeouts {
  readonly warnAfterSeconds: number;
  readonly expireAfterSeconds: number;
  /** Absolute lifetime counted from sign-in; `undefined` or `null` when there is none. */
  readonly absoluteTimeoutSeconds?: number | null;
}

/** What a server keeps per session: wall-clock epoch milliseconds of its own clock. */
export interface ActivityRecord {
  readonly lastActivityMs: number;
  readonly startedAtMs: number;
}

/** Validates timeouts: positive finite numbers, warn < expire. */
export function validateTimeouts(timeouts: unknown): ParseResult<Timeouts> {
  if (typeof timeouts !== 'object' || timeouts === null) {
    return { ok: false, error: 'timeouts must be an object' };
  }
  const t = timeouts as Record<string, unknown>;
  const error =
    checkDuration('warnAfterSeconds', t.warnAfterSeconds, { exclusiveMin: true }) ??
    checkDuration('expireAfterSeconds', t.expireAfterSeconds, { exclusiveMin: true }) ??
    (t.absoluteTimeoutSeconds == null
      ? null
      : checkDuration('absoluteTimeoutSeconds', t.absoluteTimeoutSeconds, { exclusiveMin: true }));
  if (error) return { ok: false, error };
  if ((t.warnAfterSeconds as number) >= (t.expireAfterSeconds as number)) {
    return { ok: false, error: 'warnAfterSeconds must be less than expireAfterSeconds' };
  }
  return {
    ok: true,
    value: {
      warnAfterSeconds: t.warnAfterSeconds as number,
      expireAfterSeconds: t.expireAfterSeconds as number,
      absoluteTimeoutSeconds: (t.absoluteTimeoutSeconds as number | null | undefined) ?? null,
    },
  };
}

/** Milliseconds idle at `nowMs`; never negative, so a clock that steps back never expires. */
export function idleMs(record: ActivityRecord, nowMs: number): number {
  return Math.max(0, nowMs - record.lastActivityMs);
}

/**
 * Why the session has expired at `nowMs`, or null while it is valid. The idle rule is checked
 * first, then the absolute one. A session is expired AT its deadline: valid 1 ms before.
 */
export function expiryReasonAt(
  record: ActivityRecord,
  timeouts: Timeouts,
  nowMs: number,
): ExpiryReason | null {
  if (idleMs(record, nowMs) >= timeouts.expireAfterSeconds * 1000) return 'idle';
  if (
    timeouts.absoluteTimeoutSeconds != null &&
    Math.max(0, nowMs - record.startedAtMs) >= timeouts.absoluteTimeoutSeconds * 1000
  ) {
    return 'absolute';
  }
  return null;
}

/**
 * The last activity after a report of `idleSeconds`: the most recent activity wins, last activity
 * only moves forward and never lies in the future.
 */
export function lastActivityAfterReport(
  record: ActivityRecord,
  idleSeconds: number,
  nowMs: number,
): number {
  const reportedMs = Math.min(nowMs, nowMs - idleSeconds * 1000);
  return Math.max(record.lastActivityMs, reportedMs);
}

/** The status answer for a valid session at `nowMs`. */
export function activeStatus(
  record: ActivityRecord,
  timeouts: Timeouts,
  nowMs: number,
): SessionStatus {
  const base = {
    version: 1 as const,
    state: 'active' as const,
    idleSeconds: idleMs(record, nowMs) / 1000,
    warnAfterSeconds: timeouts.warnAfterSeconds,
    expireAfterSeconds: timeouts.expireAfterSeconds,
  };
  if (timeouts.absoluteTimeoutSeconds == null) return base;
  const remainingMs =
    timeouts.absoluteTimeoutSeconds * 1000 - Math.max(0, nowMs - record.startedAtMs);
  return { ...base, absoluteRemainingSeconds: Math.max(0, remainingMs) / 1000 };
}

/** The status answer for an ended session, or for a caller with none. */
export function expiredStatus(reason: ExpiryReason): SessionStatus {
  return { version: 1, state: 'expired', reason };
}
