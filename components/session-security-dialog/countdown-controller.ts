import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';

/** What the countdown needs from its host. */
export interface CountdownHost extends ReactiveControllerHost {
  /** Milliseconds left now; the controller stops ticking at 0. */
  millisecondsLeft(): number;
  /** Called on every tick, about once a second. */
  tick(): void;
}

/**
 * A one-second tick while the dialog is open. Each tick is timed to land just after the time
 * left crosses a whole second, so the visible countdown never lags; a timer is only a wake-up
 * hint, the time left is always recomputed from the deadline and the clock.
 */
export class CountdownController implements ReactiveController {
  #host: CountdownHost;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: CountdownHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Starts (or re-times) the tick. */
  start(): void {
    this.stop();
    const left = this.#host.millisecondsLeft();
    if (left <= 0) return;
    const untilNextSecond = left % 1000 || 1000;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#host.tick();
      this.start();
    }, untilNextSecond + 5);
  }

  /** Stops ticking. */
  stop(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  hostDisconnected(): void {
    this.stop();
  }
}
