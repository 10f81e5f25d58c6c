/**
 * Global typings only, no runtime code: the tag in `HTMLElementTagNameMap` and the element's
 * events in `GlobalEventHandlersEventMap`, so `document.addEventListener(
 * 'session-security-expired', (event) => event.detail.reason)` type-checks. Every entry point
 * of the element re-exports these types; `import type {} from 'session-security'` brings them
 * in without loading the element.
 */
import type { SessionSecurityEventMap } from './events.js';
import type { SessionSecurityElement } from './session-security.js';

declare global {
  interface HTMLElementTagNameMap {
    'session-security': SessionSecurityElement;
  }
  interface GlobalEventHandlersEventMap extends SessionSecurityEventMap {}
}

export type { SessionSecurityEventMap };
