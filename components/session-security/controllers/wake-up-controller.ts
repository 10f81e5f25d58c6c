import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import type { WakeReason } from '../core/session-types.js';

/** Window events after which timers may have been late (`visibilitychange` is the document's). */
const WINDOW_WAKE_EVENTS = ['pageshow', 'focus', 'online'] as const;

/**
 * Tells the host when timers may have been late: the tab was shown again, restored from the
 * back/forward cache, focused, or came back online. It is the listener object of all four
 * events (one `handleEvent`, so adding and removing them is one loop).
 */
export class WakeUpController implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly onWake: (reason: WakeReason) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#listen('addEventListener');
  }

  hostDisconnected(): void {
    this.#listen('removeEventListener');
  }

  /** One of the four events: shown (not hidden), restored from the cache, focused, online. */
  handleEvent(event: Event): void {
    const { type } = event;
    if (type === 'visibilitychange') {
      if (document.visibilityState === 'visible') this.onWake('visible');
    } else if (type !== 'pageshow' || (event as PageTransitionEvent).persisted) {
      this.onWake(type as WakeReason);
    }
  }

  #listen(method: 'addEventListener' | 'removeEventListener'): void {
    document[method]('visibilitychange', this);
    for (const type of WINDOW_WAKE_EVENTS) window[method](type, this);
  }
}
