import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';

/**
 * A one-second tick while the dialog is open. Each tick is timed to land just after the time
 * left crosses a whole second, so the visible countdown never lags; a timer is only a wake-up
 * hint, the time left is always recomputed from the deadline and the clock.
 */
export class CountdownController implements ReactiveController {
  #millisecondsLeft: () => number;
  #tick: () => void;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * `millisecondsLeft`: the time left now (ticking stops at 0); `tick`: called on every tick,
   * about once a second.
   */
  constructor(host: ReactiveControllerHost, millisecondsLeft: () => number, tick: () => void) {
    this.#millisecondsLeft = millisecondsLeft;
    this.#tick = tick;
    host.addController(this);
  }

  /** Starts (or re-times) the tick. */
  start(): void {
    this.stop();
    const left = this.#millisecondsLeft();
    if (left <= 0) return;
    const untilNextSecond = left % 1000 || 1000;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#tick();
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
