/** Longest delay `setTimeout` honours; longer ones overflow and fire at once. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** Timer functions, injectable for tests. */
export interface Scheduler {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The global timers, looked up at call time (so fake timers installed later apply). */
export const globalScheduler: Scheduler = {
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Delay until `targetMs` from `nowMs`, within what a timer can wait. */
export function timerDelayMs(targetMs: number, nowMs: number): number {
  return Math.min(MAX_TIMER_DELAY_MS, Math.max(0, Math.ceil(targetMs - nowMs)));
}

/**
 * One pending wake-up at a wall-clock time. The timer is only a hint: the callback must compare
 * the clock with its deadlines, because timers run late in hidden tabs and asleep laptops, and a
 * target beyond 2^31-1 ms simply wakes up early.
 */
export class WakeUpTimer {
  #handle: unknown = null;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly nowMs: () => number,
    private readonly onWake: () => void,
  ) {}

  /** Wakes up at `targetMs` (replacing any earlier request), or never for `null`. */
  wakeAt(targetMs: number | null): void {
    this.cancel();
    if (targetMs === null) return;
    this.#handle = this.scheduler.setTimeout(
      () => {
        this.#handle = null;
        this.onWake();
      },
      timerDelayMs(targetMs, this.nowMs()),
    );
  }

  cancel(): void {
    if (this.#handle !== null) this.scheduler.clearTimeout(this.#handle);
    this.#handle = null;
  }
}
