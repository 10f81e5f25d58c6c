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
 *
 * The first request uses `ifAvailable`, so it is granted or refused at once and never has to
 * be aborted: Chromium leaves a lock held forever when a request is aborted while its grant is
 * on the way (seen with a request aborted right after it was made). Only a tab that found the
 * lock taken queues, and a queued request can be aborted safely.
 */
export class WebLocksElection implements LeaderElection {
  #abort = new AbortController();
  #release: (() => void) | null = null;
  #stopped = false;

  constructor(
    private readonly locks: LockManager,
    private readonly name: string,
  ) {}

  start(onChange: (leader: boolean) => void): void {
    const name = CHANNEL_PREFIX + this.name;
    const ignore = () => {};
    const hold = (): Promise<void> | undefined => {
      if (this.#stopped) return undefined;
      onChange(true);
      return new Promise<void>((resolve) => {
        this.#release = resolve;
      });
    };
    this.locks
      .request(name, { ifAvailable: true }, (lock) => {
        if (lock) return hold();
        if (!this.#stopped) {
          this.locks.request(name, { signal: this.#abort.signal }, hold).catch(ignore);
        }
        return undefined;
      })
      .catch(ignore);
  }

  stop(): void {
    this.#stopped = true;
    this.#abort.abort();
    this.#release?.();
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
