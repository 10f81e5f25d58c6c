import { CHANNEL_PREFIX } from './cross-tab-channel.js';
import { type LeaderElection, SoloElection } from './election.js';
import { globalScheduler, type Scheduler } from './wake-up-timer.js';

/** How long a lease lasts unless renewed: a tab that died leads no longer than this. */
export const LEASE_DURATION_MS = 5000;
/** How often every tab looks at the lease, and the leader renews it. */
export const LEASE_RENEW_MS = 1500;

/** A random name for this tab (`crypto.randomUUID` needs a secure context; this does not). */
function randomHolder(): string {
  return Array.from(crypto.getRandomValues(new Uint32Array(4)), (n) => n.toString(36)).join('-');
}

/** The lease as stored: who holds it and until when (wall-clock epoch milliseconds). */
interface Lease {
  readonly holder: string;
  readonly untilMs: number;
}

/** The storage an election needs (`localStorage` in a page). */
export type LeaseStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * Leadership for browsers without Web Locks: a lease in `localStorage`. The holder of an
 * unexpired lease leads and renews it every {@link LEASE_RENEW_MS}; a tab that closes gives it
 * up, and one that dies or is discarded stops renewing, so another tab claims it once it
 * expires. A claim only counts when it is still there at the next look: two tabs that claim at
 * once cannot both lead, since one of the writes overwrote the other.
 *
 * The stored value is untrusted (any script of the origin can write it): anything that is not a
 * lease of the expected shape is treated as no lease, and one that claims to last longer than a
 * lease can as one that ends now. If the storage cannot be used at all, this tab leads, like a
 * browser without any election: correct, only less frugal.
 */
export class StorageLeaseElection implements LeaderElection {
  readonly #key: string;
  readonly #holder: string;
  #onChange: ((leader: boolean) => void) | null = null;
  #leader: boolean | null = null;
  #claimed = false;
  #handle: unknown = null;

  constructor(
    private readonly storage: LeaseStorage,
    name: string,
    private readonly nowMs: () => number = () => Date.now(),
    private readonly scheduler: Scheduler = globalScheduler,
    holder: string = randomHolder(),
  ) {
    this.#key = `${CHANNEL_PREFIX}leader:${name}`;
    this.#holder = holder;
  }

  start(onChange: (leader: boolean) => void): void {
    this.#onChange = onChange;
    this.#look();
  }

  stop(): void {
    this.scheduler.clearTimeout(this.#handle);
    this.#handle = null;
    this.#onChange = null;
    try {
      if (this.#read()?.holder === this.#holder) this.storage.removeItem(this.#key);
    } catch {
      // Storage gone: the lease simply expires.
    }
  }

  #look(): void {
    if (!this.#onChange) return;
    try {
      const nowMs = this.nowMs();
      const lease = this.#read();
      const ours = lease?.holder === this.#holder;
      const free = !lease || lease.untilMs <= nowMs;
      if ((ours && this.#claimed) || free) {
        this.storage.setItem(
          this.#key,
          JSON.stringify({ holder: this.#holder, untilMs: nowMs + LEASE_DURATION_MS }),
        );
      }
      // A claim leads from the next look on, if no other tab's claim replaced it meanwhile.
      this.#set(ours && this.#claimed);
      this.#claimed = ours || free;
    } catch {
      this.#set(true);
      return;
    }
    this.#handle = this.scheduler.setTimeout(() => this.#look(), LEASE_RENEW_MS);
  }

  #read(): Lease | null {
    let value: unknown;
    try {
      value = JSON.parse(this.storage.getItem(this.#key) ?? 'null');
    } catch {
      return null;
    }
    if (typeof value !== 'object' || value === null) return null;
    const { holder, untilMs } = value as Record<string, unknown>;
    if (typeof holder !== 'string' || holder.length > 64) return null;
    if (typeof untilMs !== 'number' || Number.isNaN(untilMs)) return null;
    // A lease cannot last longer than LEASE_DURATION_MS from now: one that claims to (written
    // before the wall clock was set back, or by a squatter) ends now, and its holder renews it
    // at once while it lives. Otherwise a dead leader would block every tab for the step.
    const nowMs = this.nowMs();
    return { holder, untilMs: untilMs - nowMs > LEASE_DURATION_MS ? nowMs : untilMs };
  }

  #set(leader: boolean): void {
    if (leader === this.#leader) return;
    this.#leader = leader;
    this.#onChange?.(leader);
  }
}

/** A lease in the page's `localStorage`, or {@link SoloElection} where storage is denied. */
export function createStorageLeaseElection(name: string): LeaderElection {
  try {
    return new StorageLeaseElection(localStorage, name);
  } catch {
    // Storage denied (e.g. a sandboxed frame, or cookies blocked).
    return new SoloElection();
  }
}
