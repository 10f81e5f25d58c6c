/**
 * The attributes of `<session-security>` as JSX props, shared by the React, Preact and Solid
 * typings. Values are what the attributes accept (numbers may be written as numbers).
 */
import type { DialogVariant } from '../../session-security-dialog/dialog-markup.js';
import type { ExpireAction } from '../events.js';

export interface SessionSecurityAttributes {
  /** Path of the protocol resource (default `/session-security`). */
  endpoint?: string;
  /** django-session-security's ping URL: speak that protocol instead of protocol v1. */
  'legacy-ping-url'?: string;
  /** Seconds of inactivity before the warning, until the server says (default 540). */
  'warn-after'?: number | `${number}`;
  /** Seconds of inactivity before expiry, until the server says (default 600). */
  'expire-after'?: number | `${number}`;
  /** What happens when the session has ended (default `reload`). */
  'expire-action'?: ExpireAction;
  /** Target of `redirect` and `logout-redirect`; `{reason}` is replaced by the reason. */
  'redirect-url'?: string;
  /** Event names counted as activity, separated by spaces or commas. */
  'activity-events'?: string;
  /** Pointer moves do not count as activity. */
  'intentional-only'?: boolean;
  /** Cross-tab channel name (default `default`). */
  channel?: string;
  /** CSS selector of elements hidden at expiry. */
  'hide-on-expire'?: string;
  /** The warning as a `modal` dialog (default) or a non-modal `banner`. */
  variant?: DialogVariant;
}
