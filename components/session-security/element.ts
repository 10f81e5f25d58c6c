/**
 * `session-security/element`: the element class and its types, with no side effects (safe to
 * import on a server, registers nothing). `session-security` registers the tag.
 */

export type { ExpiryReason, SessionStatus } from '../../protocol/index.js';
export type { WarningKind } from './core/deadlines.js';
export type { ChangeSource, SessionState } from './core/session-types.js';
export type { Transport, TransportErrorKind } from './core/transport.js';
export type * from './events.js';
export type { ExpireNavigation } from './expire-actions.js';
export type * from './global.js';
export { SessionSecurityElement } from './session-security.js';
