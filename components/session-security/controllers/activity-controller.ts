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

/** Configuration read from the host each time it connects or calls `refresh()`. */
export interface ActivityOptions {
  /** Event names, separated by spaces or commas. */
  events(): string;
  /** Count only intentional input (no pointer moves). */
  intentionalOnly(): boolean;
  /** Called for each activity event; must do constant work. */
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
 * shadow roots is seen too). Each event only calls `onActivity`: no timer, storage or DOM write.
 */
export class ActivityController implements ReactiveController {
  #names: string[] = [];
  #listener = (): void => this.options.onActivity();

  constructor(
    host: ReactiveControllerHost,
    private readonly options: ActivityOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#names = activityEventNames(this.options.events(), this.options.intentionalOnly());
    for (const name of this.#names) window.addEventListener(name, this.#listener, listenerOptions);
  }

  hostDisconnected(): void {
    for (const name of this.#names)
      window.removeEventListener(name, this.#listener, listenerOptions);
    this.#names = [];
  }

  /** Re-reads the event list. */
  refresh(): void {
    this.hostDisconnected();
    this.hostConnected();
  }
}
