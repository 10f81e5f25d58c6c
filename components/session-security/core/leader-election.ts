import { CHANNEL_PREFIX } from './cross-tab-channel.js';
import type { LeaderElection } from './election.js';

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

/** Loads the storage-lease election's module (a chunk of its own in dist/). */
export type LeaseModuleLoader = () => Promise<typeof import('./storage-lease-election.js')>;

const loadLeaseModule: LeaseModuleLoader = () => import('./storage-lease-election.js');

/**
 * The election of browsers without Web Locks, from a chunk of its own loaded at start (only
 * those browsers download it): a lease in `localStorage` where it can be used. Until it runs
 * this tab does not lead (its start-up check does not need to); if it cannot load, this tab
 * leads alone, as with {@link SoloElection}.
 */
export class LazyStorageLeaseElection implements LeaderElection {
  #election: LeaderElection | null = null;
  #stopped = false;

  constructor(
    private readonly name: string,
    private readonly loadModule: LeaseModuleLoader = loadLeaseModule,
  ) {}

  start(onChange: (leader: boolean) => void): void {
    this.loadModule().then(
      ({ createStorageLeaseElection }) => {
        if (this.#stopped) return;
        this.#election = createStorageLeaseElection(this.name);
        this.#election.start(onChange);
      },
      () => {
        if (!this.#stopped) onChange(true);
      },
    );
  }

  stop(): void {
    this.#stopped = true;
    this.#election?.stop();
    this.#election = null;
  }
}

/** Web Locks where the browser has them (`locks`, null for none), else a storage lease. */
export function createLeaderElection(
  name: string,
  locks: LockManager | null = (typeof navigator === 'object' && navigator.locks) || null,
): LeaderElection {
  return locks ? new WebLocksElection(locks, name) : new LazyStorageLeaseElection(name);
}
