import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Events that count as user activity by default. */
export const DEFAULT_ACTIVITY_EVENTS: readonly string[] = [
  'pointerdown',
  'pointermove',
  'keydown',
  'wheel',
  'touchstart',
  'scroll',
];

/**
 * How long the listeners stay off after an activity event. Activity is then known to within this
 * much, always on the early side, so deadlines only come earlier (the server keeps whole seconds).
 */
export const ACTIVITY_RESOLUTION_MS = 1_000;

/** Events that happen without the user meaning anything (a mouse nudged by the desk). */
const UNINTENTIONAL_EVENTS: readonly string[] = ['pointermove', 'mousemove'];

/** Configuration read from the host each time it connects or calls `refresh()`. */
export interface ActivityOptions {
  /** Event names, separated by spaces or commas. */
  events(): string;
  /** Count only intentional input (no pointer moves). */
  intentionalOnly(): boolean;
  /**
   * Called at the first activity event after a quiet {@link ACTIVITY_RESOLUTION_MS}, at once;
   * never more than once per that interval. Must do constant work.
   */
  onActivity(): void;
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
 * shadow roots is seen too). An event calls `onActivity`, then the listeners are removed and one
 * timer adds them back after {@link ACTIVITY_RESOLUTION_MS}: calling into JavaScript for every
 * event costs as much as dispatching it, so a burst of input costs one call and one timer per
 * interval, and an idle page runs no timer at all.
 */
export class ActivityController implements ReactiveController {
  #names: string[] = [];
  #rearmTimer: number | undefined;
  #listener = (): void => {
    if (this.#rearmTimer !== undefined) return;
    this.#removeListeners();
    this.#rearmTimer = window.setTimeout(this.#rearm, ACTIVITY_RESOLUTION_MS);
    this.options.onActivity();
  };
  #rearm = (): void => {
    this.#rearmTimer = undefined;
    this.#addListeners();
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly options: ActivityOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#names = activityEventNames(this.options.events(), this.options.intentionalOnly());
    this.#addListeners();
  }

  hostDisconnected(): void {
    if (this.#rearmTimer !== undefined) window.clearTimeout(this.#rearmTimer);
    this.#rearmTimer = undefined;
    this.#removeListeners();
    this.#names = [];
  }

  /** Re-reads the event list (and listens again at once). */
  refresh(): void {
    this.hostDisconnected();
    this.hostConnected();
  }

  #addListeners(): void {
    for (const name of this.#names) window.addEventListener(name, this.#listener, listenerOptions);
  }

  #removeListeners(): void {
    for (const name of this.#names)
      window.removeEventListener(name, this.#listener, listenerOptions);
  }
}
