import type { ExpiryReason } from '../../../protocol/index.js';
import type { CrossTabChannel } from './cross-tab-channel.js';
import type { WarningKind } from './deadlines.js';
import type { Transport } from './transport.js';
import type { Scheduler } from './wake-up-timer.js';

/** What the user is shown: nothing, the warning, or the end of the session. */
export type SessionState = 'active' | 'warning' | 'expired';

/** Whether a change started in this tab or came from another one. */
export type ChangeSource = 'this-tab' | 'other-tab';

/** What the session machine currently shows. */
export interface SessionSnapshot {
  readonly state: SessionState;
  /** Which deadline comes first: inactivity or the absolute lifetime. */
  readonly kind: WarningKind;
  /** When the session ends, wall-clock epoch milliseconds. */
  readonly deadlineMs: number;
  /** Why the session ended; null until `state` is `expired`. */
  readonly reason: ExpiryReason | null;
}

/** What the machine shows before it starts. */
export const INITIAL_SNAPSHOT: SessionSnapshot = {
  state: 'active',
  kind: 'idle',
  deadlineMs: 0,
  reason: null,
};

/** Whether two snapshots show the same thing (every field equal). */
export function sameSnapshot(a: SessionSnapshot, b: SessionSnapshot): boolean {
  return (Object.keys(a) as Array<keyof SessionSnapshot>).every((key) => a[key] === b[key]);
}

/** Receives the machine's news. */
export interface SessionMachineListener {
  changed(snapshot: SessionSnapshot, previous: SessionSnapshot, source: ChangeSource): void;
  /** A request failed; `retryInMs` is the wait before the next try, or null for none. */
  failed(error: Error, retryInMs: number | null): void;
}

/** Dependencies and fallbacks of a {@link SessionMachine}. */
export interface SessionMachineOptions {
  /** The wall clock, epoch milliseconds. */
  readonly nowMs: () => number;
  /** A monotonic clock (default `performance.now()`): tells a clock set back from time passing. */
  readonly monotonicMs?: () => number;
  readonly transport: Transport;
  readonly channel?: CrossTabChannel | null;
  readonly scheduler?: Scheduler;
  /** Used until the server's first answer. */
  readonly warnAfterSeconds: number;
  /** Used until the server's first answer. */
  readonly expireAfterSeconds: number;
  readonly listener: SessionMachineListener;
}

/** Why the page asks for a recheck. */
export type WakeReason = 'visible' | 'pageshow' | 'focus' | 'online';
