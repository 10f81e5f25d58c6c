import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import type { WakeReason } from '../core/session-types.js';

/**
 * Tells the host when timers may have been late: the tab was shown again, restored from the
 * back/forward cache, focused, or came back online.
 */
export class WakeUpController implements ReactiveController {
  #onVisibility = (): void => {
    if (document.visibilityState === 'visible') this.onWake('visible');
  };
  #onPageShow = (event: PageTransitionEvent): void => {
    if (event.persisted) this.onWake('pageshow');
  };
  #onFocus = (): void => this.onWake('focus');
  #onOnline = (): void => this.onWake('online');

  constructor(
    host: ReactiveControllerHost,
    private readonly onWake: (reason: WakeReason) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#onVisibility);
    window.addEventListener('pageshow', this.#onPageShow);
    window.addEventListener('focus', this.#onFocus);
    window.addEventListener('online', this.#onOnline);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#onVisibility);
    window.removeEventListener('pageshow', this.#onPageShow);
    window.removeEventListener('focus', this.#onFocus);
    window.removeEventListener('online', this.#onOnline);
  }
}
