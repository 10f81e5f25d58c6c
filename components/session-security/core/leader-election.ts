import { CHANNEL_PREFIX } from './cross-tab-channel.js';

/** Decides which one tab of the browser runs the routine server checks. */
export interface LeaderElection {
  /** Starts competing; `onChange` is called when this tab gains or loses leadership. */
  start(onChange: (leader: boolean) => void): void;
  /** Stops competing and gives leadership up. */
  stop(): void;
}

/**
 * Web Locks: the tab holding the lock leads; the browser releases it when the tab closes, dies or
 * is discarded, and the next waiting tab takes over.
 */
export class WebLocksElection implements LeaderElection {
  #abort: AbortController | null = null;
  #release: (() => void) | null = null;

  constructor(
    private readonly locks: LockManager,
    private readonly name: string,
  ) {}

  start(onChange: (leader: boolean) => void): void {
    const abort = new AbortController();
    this.#abort = abort;
    this.locks
      .request(CHANNEL_PREFIX + this.name, { signal: abort.signal }, () => {
        if (abort.signal.aborted) return undefined;
        onChange(true);
        return new Promise<void>((resolve) => {
          this.#release = resolve;
        });
      })
      .catch(() => {
        // Aborted while waiting: this tab stopped competing.
      });
  }

  stop(): void {
    this.#abort?.abort();
    this.#release?.();
    this.#abort = null;
    this.#release = null;
  }
}

/** Without Web Locks every tab checks for itself: correct, only less frugal. */
export class SoloElection implements LeaderElection {
  start(onChange: (leader: boolean) => void): void {
    onChange(true);
  }

  stop(): void {}
}

/** Web Locks where the browser has them, else {@link SoloElection}. */
export function createLeaderElection(name: string): LeaderElection {
  const locks = typeof navigator === 'object' ? navigator.locks : undefined;
  return locks ? new WebLocksElection(locks, name) : new SoloElection();
}
