import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';

/** Events that count as user activity by default. */
export const DEFAULT_ACTIVITY_EVENTS: readonly string[] = [
  'pointerdown',
  'pointermove',
  'keydown',
  'wheel',
  'touchstart',
  'scroll',
];

/** Events that happen without the user meaning anything (a mouse nudged by the desk). */
const UNINTENTIONAL_EVENTS: readonly string[] = ['pointermove', 'mousemove'];

/** After an activity event the listeners rest this long: a burst of input costs one call. */
export const ACTIVITY_REST_MS = 1000;

/** Configuration read from the host each time it connects or calls `refresh()`. */
export interface ActivityOptions {
  /** Event names, separated by spaces or commas. */
  events(): string;
  /** Count only intentional input (no pointer moves). */
  intentionalOnly(): boolean;
  /** The clock, wall-clock epoch milliseconds. */
  nowMs(): number;
  /** Activity at `atMs` (never later than now); must do constant work. */
  onActivity(atMs: number): void;
}

const listenerOptions: AddEventListenerOptions = { capture: true, passive: true };

/** The event names to listen to for an `activity-events` value. */
export function activityEventNames(events: string, intentionalOnly: boolean): string[] {
  const names = events.split(/[\s,]+/).filter((name) => name !== '');
  return [...new Set(names)].filter(
    (name) => !intentionalOnly || !UNINTENTIONAL_EVENTS.includes(name),
  );
}

/**
 * Passive capture listeners on `window` for user input (UI events are composed, so input inside
 * shadow roots is seen too). An event is recorded at once (so an action during the warning is
 * reported at once); then the listeners rest for {@link ACTIVITY_REST_MS}, so a stream of input
 * costs one listener call and one timer a second instead of a call per event. Input during the
 * rest is unseen, so when the rest ends, activity is recorded at its end: the recorded time is
 * never earlier than the last input (warnings never come early) and at most one rest later.
 */
export class ActivityController implements ReactiveController {
  #names: string[] = [];
  #restTimer: ReturnType<typeof setTimeout> | undefined;
  #restEndMs = 0;

  #listener = (): void => {
    const nowMs = this.options.nowMs();
    this.options.onActivity(nowMs);
    this.#detach();
    this.#restEndMs = nowMs + ACTIVITY_REST_MS;
    this.#restTimer = setTimeout(this.#endRest, ACTIVITY_REST_MS);
  };

  #endRest = (): void => {
    this.#restTimer = undefined;
    // A timer of a hidden tab or a sleeping laptop fires late: the rest ended on time.
    this.options.onActivity(Math.min(this.#restEndMs, this.options.nowMs()));
    this.#attach();
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly options: ActivityOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#names = activityEventNames(this.options.events(), this.options.intentionalOnly());
    this.#attach();
  }

  hostDisconnected(): void {
    clearTimeout(this.#restTimer);
    this.#restTimer = undefined;
    this.#detach();
    this.#names = [];
  }

  /** Re-reads the event list. */
  refresh(): void {
    // A rest cut short still counts to its end, as far as the clock has got.
    if (this.#restTimer !== undefined) {
      this.options.onActivity(Math.min(this.#restEndMs, this.options.nowMs()));
    }
    this.hostDisconnected();
    this.hostConnected();
  }

  #attach(): void {
    for (const name of this.#names) window.addEventListener(name, this.#listener, listenerOptions);
  }

  #detach(): void {
    for (const name of this.#names) {
      window.removeEventListener(name, this.#listener, listenerOptions);
    }
  }
}
