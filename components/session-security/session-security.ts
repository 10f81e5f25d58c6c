import { css, type PropertyValues, ReactiveElement } from '@lit/reactive-element';
import { DEFAULT_RESOURCE_PATH } from '../../protocol/index.js';
import type { DialogVariant } from '../session-security-dialog/dialog-markup.js';
import type { SessionSecurityDialogElement } from '../session-security-dialog/session-security-dialog.js';
import type { DialogStrings } from '../session-security-dialog/strings.js';
import { ActivityController, DEFAULT_ACTIVITY_EVENTS } from './controllers/activity-controller.js';
import { SessionSyncController } from './controllers/session-sync-controller.js';
import { WakeUpController } from './controllers/wake-up-controller.js';
import { FetchTransport } from './core/fetch-transport.js';
import { lazyLegacyTransport } from './core/lazy-legacy-transport.js';
import {
  type ChangeSource,
  INITIAL_SNAPSHOT,
  type SessionSnapshot,
  type SessionState,
} from './core/session-types.js';
import type { Transport } from './core/transport.js';
import { appendDialog, forwardSlots } from './dialog-host.js';
import { emit, emitError } from './emit.js';
import type { ExpireAction } from './events.js';
import { type ExpireNavigation, expire } from './expire-actions.js';
import {
  DEFAULT_EXPIRE_AFTER_SECONDS,
  DEFAULT_WARN_AFTER_SECONDS,
  fallbackTimeouts,
} from './fallback-timeouts.js';

/**
 * `<session-security>`: signs out an inactive user in every open tab of the site, after a
 * warning, talking to the server through protocol v1. Import `define.js` to register it.
 *
 * @tag session-security
 * @attr endpoint - protocol resource path (default `/session-security`).
 * @attr legacy-ping-url - talk to an unchanged django-session-security server through this ping
 *   URL instead of protocol v1 (see docs/migrating-from-django-session-security.md).
 * @attr warn-after - seconds of inactivity before the warning, until the server says (default 540).
 * @attr expire-after - seconds of inactivity before expiry, until the server says (default 600).
 * @attr expire-action - `reload` (default) | `redirect` | `logout-redirect` | `none`.
 * @attr redirect-url - where `redirect` and `logout-redirect` go; `{reason}` is replaced by the
 *   expiry reason. Only http(s) URLs.
 * @attr activity-events - event names counted as activity, separated by spaces or commas.
 * @attr intentional-only - boolean: pointer moves do not count as activity.
 * @attr track-frames - boolean: input in same-origin iframes counts too (cross-origin frames
 *   are never touched); loads `dist/frame-activity.js`.
 * @attr channel - cross-tab channel name (default `default`): apps on one origin stay apart.
 * @attr hide-on-expire - CSS selector of elements hidden (`hidden` attribute) at expiry.
 * @attr variant - the warning as a `modal` dialog (default) or a non-modal `banner`.
 * @attr state - reflected, read-only: `active`, `warning` or `expired`.
 *
 * @fires session-security-warning - the warning or absolute-lifetime notice is shown.
 * @fires session-security-extended - the warning closed: the session is active again.
 * @fires session-security-before-expire - cancelable; the session ended and the expiry action
 *   is about to run (save drafts now, or cancel to handle it yourself).
 * @fires session-security-expired - the session ended.
 * @fires session-security-logged-out - the session ended by a logout, here or in another tab.
 * @fires session-security-error - a request failed (with the retry delay) or a setting is wrong.
 *
 * @slot heading - replaces the warning's heading.
 * @slot message - replaces the warning's message.
 * @slot extra - extra content in the warning.
 *
 * @csspart dialog - the warning's box (the `<dialog>`, or the banner); the dialog's parts are
 *   exported through this element.
 * @csspart heading - the heading.
 * @csspart message - the message.
 * @csspart countdown - the line with the time left.
 * @csspart timer - the time left itself (`role="timer"`).
 * @csspart status - the status line (e.g. "extended in another tab").
 * @csspart actions - the row of buttons.
 * @csspart button - both buttons.
 * @csspart stay-button - "Stay signed in" (or "OK" for the absolute-lifetime notice).
 * @csspart logout-button - "Log out now".
 *
 * @cssprop --session-security-width - warning width (default 30rem, never wider than the viewport).
 * @cssprop --session-security-background - warning background.
 * @cssprop --session-security-color - text colour.
 * @cssprop --session-security-accent - primary button and focus ring colour.
 * @cssprop --session-security-on-accent - text colour on the accent.
 * @cssprop --session-security-border-color - box and secondary button border.
 * @cssprop --session-security-focus-color - focus ring (default: the accent).
 * @cssprop --session-security-radius - corner radius.
 * @cssprop --session-security-font - font family.
 * @cssprop --session-security-backdrop - backdrop behind the modal dialog.
 */
export class SessionSecurityElement extends ReactiveElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  static override properties = {
    endpoint: {},
    legacyPingUrl: { attribute: 'legacy-ping-url' },
    warnAfterSeconds: { type: Number, attribute: 'warn-after' },
    expireAfterSeconds: { type: Number, attribute: 'expire-after' },
    expireAction: { attribute: 'expire-action' },
    redirectUrl: { attribute: 'redirect-url' },
    activityEvents: { attribute: 'activity-events' },
    intentionalOnly: { type: Boolean, attribute: 'intentional-only' },
    channel: {},
    hideOnExpire: { attribute: 'hide-on-expire' },
    variant: {},
    strings: { attribute: false },
    transport: { attribute: false },
    now: { attribute: false },
    navigation: { attribute: false },
    snapshot: { state: true },
    statusMessage: { state: true },
  };

  /** Path of the protocol resource on this origin. */
  endpoint: string = DEFAULT_RESOURCE_PATH;

  /** django-session-security's ping URL: when set, the element speaks that protocol, not v1. */
  legacyPingUrl = '';

  /** Fallback seconds of inactivity before the warning; the server's answers override it. */
  warnAfterSeconds = DEFAULT_WARN_AFTER_SECONDS;

  /** Fallback seconds of inactivity before expiry; the server's answers override it. */
  expireAfterSeconds = DEFAULT_EXPIRE_AFTER_SECONDS;

  /** What happens when the session has ended. */
  expireAction: ExpireAction = 'reload';

  /** Target of `redirect` and `logout-redirect`; `{reason}` is replaced by the expiry reason. */
  redirectUrl = '';

  /** Events that count as activity, separated by spaces or commas. */
  activityEvents = DEFAULT_ACTIVITY_EVENTS;

  /** Count only intentional input: pointer moves are ignored. */
  intentionalOnly = false;

  /** Cross-tab channel name; apps sharing an origin use different names. */
  channel = 'default';

  /** CSS selector of the elements to hide at expiry. */
  hideOnExpire = '';

  /** The warning as a modal dialog or a non-modal banner. */
  variant: DialogVariant = 'modal';

  /** Overrides for the dialog's texts. */
  strings: Partial<DialogStrings> = {};

  /** A transport to use instead of protocol v1 over `fetch` to `endpoint`. */
  transport: Transport | null = null;

  /** The clock: wall-clock epoch milliseconds. */
  now: () => number = () => Date.now();

  /** Navigation used by the expiry actions (default: `window.location`). */
  navigation: ExpireNavigation | null = null;

  private snapshot: SessionSnapshot = INITIAL_SNAPSHOT;
  private statusMessage = '';

  #dialog: SessionSecurityDialogElement | null = null;

  #sync = new SessionSyncController(this, {
    nowMs: () => this.now(),
    transport: () => this.transport ?? this.createTransport(),
    channelName: () => this.channel,
    fallbackTimeouts: () => fallbackTimeouts(this),
    inputs: () => [
      this.endpoint,
      this.legacyPingUrl,
      this.channel,
      this.transport,
      this.warnAfterSeconds,
      this.expireAfterSeconds,
    ],
    listener: {
      changed: (snapshot, previous, source) => this.#changed(snapshot, previous, source),
      failed: (error, retryInMs) => emitError(this, error, retryInMs),
    },
  });

  constructor() {
    super();
    new ActivityController(this, {
      events: () => this.activityEvents,
      intentionalOnly: () => this.intentionalOnly,
      // An attribute only, read when the listeners start (connect, or a change of the two above).
      frames: () => this.hasAttribute('track-frames'),
      nowMs: () => this.now(),
      onActivity: (atMs) => this.#sync.recordActivity(atMs),
    });
    new WakeUpController(this, (reason) => this.#sync.wake(reason));
  }

  /** `active`, `warning` or `expired` (also reflected as the `state` attribute). */
  get state(): SessionState {
    return this.snapshot.state;
  }

  /** When the session ends by what this tab knows, wall-clock epoch milliseconds. */
  get deadlineMs(): number {
    return this.snapshot.deadlineMs;
  }

  /** Records activity from code (e.g. a video playing). */
  activity(): void {
    this.#sync.recordActivity(this.now());
  }

  /** "Stay signed in": reports activity now; resolves with whether the session is active. */
  extend(): Promise<boolean> {
    return this.#sync.extend();
  }

  /** Ends the session on the server and in every tab, then runs the expiry action. */
  logout(): Promise<void> {
    return this.#sync.logout();
  }

  /** The transport used when none is set: protocol v1 over `fetch`, or the legacy ping. */
  protected createTransport(): Transport {
    if (this.legacyPingUrl) {
      return lazyLegacyTransport(
        this.legacyPingUrl,
        this.warnAfterSeconds,
        this.expireAfterSeconds,
      );
    }
    return new FetchTransport(this.endpoint);
  }

  // lit's ReactiveElement without lit-html: the shadow DOM is one dialog whose shape never
  // changes, and lit-html would cost about 3 KB of the bundle's 10 KB budget.
  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    this.#dialog ??= appendDialog(
      this.renderRoot,
      () => void this.extend(),
      () => void this.logout(),
    );
    const dialog = this.#dialog;
    const { kind, deadlineMs, state } = this.snapshot;
    Object.assign(dialog, {
      kind,
      deadlineMs,
      now: this.now,
      variant: this.variant,
      statusMessage: this.statusMessage,
      strings: this.strings,
      // Set on every update: the dialog closes itself when the user chooses, so the value
      // last set may no longer be the dialog's.
      open: state === 'warning',
    });
    forwardSlots(this, dialog);
    this.#reflectState(state);
  }

  #reflectState(state: SessionState): void {
    if (this.getAttribute('state') !== state) this.setAttribute('state', state);
  }

  #changed(snapshot: SessionSnapshot, previous: SessionSnapshot, source: ChangeSource): void {
    this.snapshot = snapshot;
    // At once, not at the next update: the events below and an expiry action that navigates
    // away must find the attribute (and styles keyed on it) already in the new state.
    this.#reflectState(snapshot.state);
    if (snapshot.state === 'warning' && previous.state !== 'warning') {
      this.statusMessage = '';
      emit(this, 'session-security-warning', {
        kind: snapshot.kind,
        deadlineMs: snapshot.deadlineMs,
      });
    } else if (snapshot.state === 'active' && previous.state === 'warning') {
      if (source === 'other-tab') this.statusMessage = 'extended-elsewhere';
      emit(this, 'session-security-extended', { source, deadlineMs: snapshot.deadlineMs });
    } else if (snapshot.state === 'expired' && snapshot.reason) {
      if (source === 'other-tab') this.statusMessage = 'signed-out-elsewhere';
      expire(this, snapshot.reason, source, this.#sync);
    }
  }
}
