/**
 * `session-security` and `session-security/define`: registers `<session-security>` and its
 * dialog, `<session-security-dialog>` (once; importing twice is harmless), and exports the
 * public API of the element. The bundle `dist/session-security.js` is this module with lit
 * included. Modules under core/ and controllers/ are internal and may change in any release.
 */
import '../session-security-dialog/define.js';
import { SessionSecurityElement } from './session-security.js';

export type * from './global.js';

/** The element's tag name. */
export const SESSION_SECURITY_TAG = 'session-security';

if (!customElements.get(SESSION_SECURITY_TAG)) {
  customElements.define(SESSION_SECURITY_TAG, SessionSecurityElement);
}

export type { ExpiryReason, SessionStatus } from '../../protocol/index.js';
export type { WarningKind } from './core/deadlines.js';
export { type FetchFunction, FetchTransport } from './core/fetch-transport.js';
export type { ChangeSource, SessionState } from './core/session-types.js';
export { type Transport, TransportError, type TransportErrorKind } from './core/transport.js';
export type * from './events.js';
export type { ExpireNavigation } from './expire-actions.js';
export { SessionSecurityElement };
