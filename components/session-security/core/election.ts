/**
 * What every leader election implements, and the one that needs nothing: imported by the
 * elections themselves (leader-election.ts, storage-lease-election.ts) and their users.
 */

/** Decides which one tab of the browser runs the routine server checks. */
export interface LeaderElection {
  /** Starts competing; `onChange` is called when this tab gains or loses leadership. */
  start(onChange: (leader: boolean) => void): void;
  /** Stops competing and gives leadership up. */
  stop(): void;
}

/** Every tab checks for itself: correct, only less frugal (no Web Locks, no storage). */
export class SoloElection implements LeaderElection {
  start(onChange: (leader: boolean) => void): void {
    onChange(true);
  }

  stop(): void {}
}
