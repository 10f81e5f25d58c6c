/**
 * Registers `<session-security>` and its dialog, `<session-security-dialog>` (once; importing
 * twice is harmless). The bundle `dist/session-security.js` is this module with lit included.
 */
import { SessionSecurityDialogElement } from '../session-security-dialog/session-security-dialog.js';
import type { SessionSecurityEventMap } from './events.js';
import { SessionSecurityElement } from './session-security.js';

/** The element's tag name. */
export const SESSION_SECURITY_TAG = 'session-security';

if (!customElements.get('session-security-dialog')) {
  customElements.define('session-security-dialog', SessionSecurityDialogElement);
}
if (!customElements.get(SESSION_SECURITY_TAG)) {
  customElements.define(SESSION_SECURITY_TAG, SessionSecurityElement);
}

export * from './core/index.js';
export type * from './events.js';
export { SessionSecurityElement };

declare global {
  interface HTMLElementTagNameMap {
    'session-security': SessionSecurityElement;
  }
  interface HTMLElementEventMap extends SessionSecurityEventMap {}
}
