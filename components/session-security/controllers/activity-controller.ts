import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import { watchInputs } from './host-inputs.js';

/** Events that count as user activity by default, separated by spaces. */
export const DEFAULT_ACTIVITY_EVENTS = 'pointerdown pointermove keydown wheel touchstart scroll';

/** Events that happen without the user meaning anything (a mouse nudged by the desk). */
const UNINTENTIONAL_EVENTS: readonly string[] = ['pointermove', 'mousemove'];

/** After an activity event the listeners rest this long: a burst of input costs one call. */
export const ACTIVITY_REST_MS = 1000;

/** Configuration read from the host each time it connects or its events change. */
export interface ActivityOptions {
  /** Event names, separated by spaces or commas. */
  events(): string;
  /** Count only intentional input (no pointer moves). */
  intentionalOnly(): boolean;
  /** The clock, wall-clock epoch milliseconds. */
  nowMs(): number;
  /** Activity at `atMs` (never later than now); must do constant work. */
  onActivity(atMs: number): void;
  /** Also count input in same-origin iframes (loads dist/frame-activity.js). */
  frames(): boolean;
}

const listenerOptions: AddEventListenerOptions = { capture: true, passive: true };

/** The event names to listen to for an `activity-events` value. */
export function activityEventNames(events: string, intentionalOnly: boolean): string[] {
  // A name given twice is harmless: adding the same listener twice adds it once.
  return events
    .split(/[\s,]+/)
    .filter((name) => name && !(intentionalOnly && UNINTENTIONAL_EVENTS.includes(name)));
}

/**
 * Passive capture listeners on `window` for user input (UI events are composed, so input inside
 * shadow roots is seen too). An event is recorded at once, at its time (so an action during the
 * warning is reported at once); then the listeners rest for {@link ACTIVITY_REST_MS}, so a
 * stream of input costs one listener call and one timer a second instead of a call per event.
 * During a rest only the first input is seen, and only to know that there was some (the
 * listeners then come off until the rest ends): a rest without input ends with nothing recorded
 * (the last input is the one already recorded, exactly); a rest with input records its end
 * (never earlier than that input, at most a rest later) and rests again.
 */
export class ActivityController implements ReactiveController {
  #names: string[] = [];
  #restTimer: ReturnType<typeof setTimeout> | undefined;
  #inputDuringRest = false;
  /** Frame tracking, once its chunk loaded: resolves with the function that undoes it. */
  #frames: Promise<() => void> | undefined;

  #listener = (event: Event): void => {
    // Pointer input on the host (its dialog: the modal's backdrop covers the page) is left to the
    // dialog's buttons: reaching for "Log out" sends no report first, "Stay signed in" one
    // request. Key presses there count, as anywhere during the warning.
    if ((event.target as unknown) === this.#host && !(event as KeyboardEvent).key) return;
    if (this.#restTimer) {
      this.#inputDuringRest = true;
      this.#detach();
    } else this.#record(this.#options.nowMs());
  };

  #endRest = (restEndMs: number): void => {
    this.#restTimer = undefined;
    this.#attach();
    // A timer of a hidden tab or a sleeping laptop fires late: the rest ended on time.
    if (this.#inputDuringRest) this.#record(Math.min(restEndMs, this.#options.nowMs()));
  };

  #host: Pick<ReactiveControllerHost, 'addController'>;
  #options: ActivityOptions;
  #target: EventTarget;
  #inputsChanged: () => boolean;

  /** `target`: where the listeners go (`window`, or a frame's document). */
  constructor(
    host: Pick<ReactiveControllerHost, 'addController'>,
    options: ActivityOptions,
    target: EventTarget = window,
  ) {
    this.#host = host;
    this.#options = options;
    this.#target = target;
    this.#inputsChanged = watchInputs(() => [options.events(), options.intentionalOnly()]);
    host.addController(this);
  }

  hostConnected(): void {
    this.#names = activityEventNames(this.#options.events(), this.#options.intentionalOnly());
    this.#attach();
    // A chunk that fails to load is a console error: frames are then not tracked.
    if (this.#options.frames()) {
      this.#frames = import('./frame-activity.js').then((module) =>
        module.trackFrames(this.#options, ActivityController),
      );
    }
  }

  hostDisconnected(): void {
    clearTimeout(this.#restTimer);
    this.#restTimer = undefined;
    this.#detach();
    // Undoing twice (a later disconnect) is harmless.
    this.#frames?.then((undo) => undo());
  }

  hostUpdate(): void {
    if (this.#inputsChanged()) this.refresh();
  }

  /** Re-reads the event list. */
  refresh(): void {
    // Input seen during a rest cut short happened by now.
    if (this.#restTimer && this.#inputDuringRest) {
      this.#options.onActivity(this.#options.nowMs());
    }
    this.hostDisconnected();
    this.hostConnected();
  }

  /** Records activity at `atMs`, then rests: the listeners stay until the rest's first input. */
  #record(atMs: number): void {
    this.#options.onActivity(atMs);
    this.#inputDuringRest = false;
    this.#restTimer = setTimeout(this.#endRest, ACTIVITY_REST_MS, atMs + ACTIVITY_REST_MS);
  }

  #attach(): void {
    for (const name of this.#names) {
      this.#target.addEventListener(name, this.#listener, listenerOptions);
    }
  }

  #detach(): void {
    for (const name of this.#names) {
      this.#target.removeEventListener(name, this.#listener, listenerOptions);
    }
  }
}
