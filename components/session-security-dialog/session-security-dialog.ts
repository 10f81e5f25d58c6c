import { type PropertyValues, ReactiveElement } from '@lit/reactive-element';
import type { WarningKind } from '../session-security/core/deadlines.js';
import { shouldAnnounce } from './announcement-cadence.js';
import { CountdownController } from './countdown-controller.js';
import { deepActiveElement } from './deep-active-element.js';
import { isJson, keepValidInputs, refuse } from './dialog-inputs.js';
import {
  appendDialogView,
  type DialogVariant,
  type DialogView,
  replaceSurface,
  writeTexts,
} from './dialog-markup.js';
import { dialogStyles } from './dialog-styles.js';
import { keepTabInside } from './focusables.js';
import { localeFor, readyStrings } from './locale-registry.js';
import { type DialogStrings, englishStrings, secondsLeft } from './strings.js';

/** The tag name the dialog is registered under (by define.ts, never on import). */
export const DIALOG_TAG = 'session-security-dialog';
/** Fired when the user chooses to stay signed in (or closes the absolute-lifetime notice). */
export const DIALOG_STAY_EVENT = 'session-security-dialog-stay';
/** Fired when the user chooses to log out now. */
export const DIALOG_LOGOUT_EVENT = 'session-security-dialog-logout';

/** Detail of both dialog events. */
export interface DialogActionDetail {
  /** Which warning the user answered. */
  kind: WarningKind;
}

/**
 * The session-timeout warning: a native modal `<dialog>` (or a non-modal banner) with a live
 * countdown to a wall-clock deadline, "Stay signed in" and "Log out now", in the page's
 * language. It only reports choices: choosing closes it and fires an event; the owner decides
 * what happens to the session.
 *
 * Language: the element's `lang`, else the nearest ancestor's (across shadow roots), else the
 * document's, else English. English is built in; the other languages load on demand
 * (locale-registry.ts).
 *
 * @tag session-security-dialog
 *
 * @fires session-security-dialog-stay - the user chose to stay (button or Escape); in the
 *   `absolute` kind, the user acknowledged the notice (nothing can be extended).
 * @fires session-security-dialog-logout - the user chose "Log out now".
 *
 * @slot heading - replaces the heading text.
 * @slot message - replaces the message text.
 * @slot extra - extra content under the message (e.g. a link to save a draft).
 *
 * @csspart dialog - the dialog box (the `<dialog>`, or the banner).
 * @csspart heading - the heading.
 * @csspart message - the message.
 * @csspart countdown - the line with the time left.
 * @csspart timer - the time left itself (`role="timer"`).
 * @csspart status - the status line (e.g. "extended in another tab").
 * @csspart actions - the row of buttons.
 * @csspart button - both buttons.
 * @csspart stay-button - "Stay signed in" (or "OK" in the absolute kind).
 * @csspart logout-button - "Log out now".
 *
 * Custom properties (defaults switch with prefers-color-scheme; see docs/dialog.md):
 * @cssprop --session-security-width - dialog width (default 30rem, never wider than the viewport).
 * @cssprop --session-security-background - dialog background.
 * @cssprop --session-security-color - text colour.
 * @cssprop --session-security-accent - primary button and focus ring colour.
 * @cssprop --session-security-on-accent - text colour on the accent.
 * @cssprop --session-security-border-color - dialog and secondary button border.
 * @cssprop --session-security-focus-color - focus ring (default: the accent).
 * @cssprop --session-security-radius - corner radius.
 * @cssprop --session-security-font - font family.
 * @cssprop --session-security-backdrop - backdrop behind the modal dialog.
 */
export class SessionSecurityDialogElement extends ReactiveElement {
  static override styles = dialogStyles;

  static override properties = {
    open: { type: Boolean, reflect: true },
    kind: { reflect: true },
    deadlineMs: { type: Number, attribute: 'deadline-ms' },
    now: { attribute: false },
    variant: { reflect: true },
    statusMessage: { attribute: 'status-message' },
    strings: { type: Object },
    locale: { state: true },
    shownSeconds: { state: true },
    announcedSeconds: { state: true },
  };

  static override get observedAttributes(): string[] {
    // biome-ignore lint/complexity/noThisInStatic: super runs lit's getter for this subclass.
    return [...super.observedAttributes, 'lang'];
  }

  /** Whether the warning is shown. Choosing an action sets it to false. */
  open = false;
  /** Which warning: inactivity (`idle`) or the end of the session's absolute lifetime. */
  kind: WarningKind = 'idle';
  /** When the session ends, as wall-clock epoch milliseconds. */
  deadlineMs = 0;
  /** The clock, epoch milliseconds (inject one in tests). */
  now: () => number = () => Date.now();
  /** Modal dialog (default) or non-modal banner. */
  variant: DialogVariant = 'modal';
  /**
   * A short status line: literal text, or `extended-elsewhere` / `signed-out-elsewhere` for the
   * built-in, translated messages. Announced politely, also while the dialog is closed.
   */
  statusMessage = '';
  /** Overrides for any text; the rest comes from the language. Attribute: the same as JSON. */
  strings: Partial<DialogStrings> = {};
  /** The locale key in use (e.g. `de`, `pt-BR`, `en`), resolved from `lang`; read only. */
  locale = 'en';
  protected shownSeconds = 0;
  protected announcedSeconds: number | null = null;

  #countdown = new CountdownController(
    this,
    () => this.deadlineMs - this.now(),
    () => this.#tick(),
  );
  #view: DialogView | undefined;
  #returnFocusTo: Element | null = null;
  #closedByUs = false;
  #lastSpokenSeconds: number | null = null;
  #announceOpening = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resolveLocale();
    // Moved in the DOM while open: disconnecting closed the modal and stopped the countdown.
    if (this.hasUpdated && this.open) this.requestUpdate('open', false);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#closeModal();
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name === 'strings' && value && !isJson(value)) {
      refuse('the strings attribute', 'JSON', value);
      return;
    }
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && this.isConnected) this.#resolveLocale();
  }

  /** One countdown tick: refresh the time left and maybe announce it. */
  #tick(): void {
    const shown = secondsLeft(this.deadlineMs, this.now());
    this.shownSeconds = shown;
    if (this.#announceOpening) {
      // Spoken on the first tick, but the cadence still counts from the opening.
      this.#announceOpening = false;
      this.announcedSeconds = shown;
    } else if (shouldAnnounce(shown, this.#lastSpokenSeconds)) {
      this.#lastSpokenSeconds = this.announcedSeconds = shown;
    }
  }

  /** The texts in use: the language's, then the `strings` overrides. */
  get resolvedStrings(): DialogStrings {
    return { ...(readyStrings(this.locale) ?? englishStrings), ...this.strings };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    keepValidInputs(this, changed);
    const opening = changed.has('open') && this.open;
    if (opening) this.#resolveLocale();
    this.shownSeconds = secondsLeft(this.deadlineMs, this.now());
    if (!this.open || opening || changed.has('deadlineMs')) {
      // The modal dialog's description already says the time left when it opens; the banner
      // takes no focus, so it speaks once at its first tick. Both then follow the cadence.
      this.announcedSeconds = null;
      this.#lastSpokenSeconds = this.shownSeconds;
      this.#announceOpening = this.variant === 'banner';
    }
    if (changed.get('variant') === 'modal') this.#closeModal();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open') || changed.has('variant')) {
      if (this.open) this.#show();
      else this.#closeModal();
    }
    if (!this.open) this.#countdown.stop();
    else if (changed.has('open') || changed.has('deadlineMs') || changed.has('now')) {
      this.#countdown.start();
    }
  }

  // lit's ReactiveElement without lit-html (bundle budget): the shadow DOM keeps one shape, so
  // each update writes only the texts and attributes that changed (see dialog-markup.ts).
  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    this.#view ??= this.#createView();
    const view = this.#view;
    if (view.variant !== this.variant) {
      replaceSurface(view, this.variant);
      this.#listenToSurface(view.surface);
    }
    writeTexts(
      view,
      this.resolvedStrings,
      this.locale,
      this.kind,
      this.open,
      this.statusMessage,
      this.shownSeconds,
      this.announcedSeconds,
    );
  }

  #createView(): DialogView {
    const view = appendDialogView(this.renderRoot, this.variant);
    this.#listenToSurface(view.surface);
    view.stay.addEventListener('click', () => this.#stay());
    view.logout.addEventListener('click', () => this.#choose(DIALOG_LOGOUT_EVENT));
    return view;
  }

  #listenToSurface(surface: HTMLElement): void {
    surface.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.variant === 'banner') {
        event.preventDefault();
        this.#stay();
      }
      if (this.variant === 'modal') keepTabInside(event, this.shadowRoot);
    });
    // Only a modal <dialog> fires these. Escape means "stay signed in": keep the choice ours
    // instead of a silent close.
    surface.addEventListener('cancel', (event) => {
      event.preventDefault();
      this.#stay();
    });
    // The close event comes a task later. The browser may also close a modal dialog itself (a
    // repeated Escape): that is "stay" too. Ignored: our own close, and a stale event (reopened).
    surface.addEventListener('close', (event) => {
      const ignored = this.#closedByUs || (event.target as HTMLDialogElement).open;
      this.#closedByUs = false;
      if (!ignored && this.open && this.isConnected) this.#stay();
    });
  }

  #resolveLocale(): void {
    this.locale = localeFor(this, () => this.requestUpdate());
  }

  /** The modal `<dialog>`; none before the first update and in the banner variant. */
  #dialog(): HTMLDialogElement | undefined {
    const view = this.#view;
    return view?.variant === 'modal' ? (view.surface as HTMLDialogElement) : undefined;
  }

  #show(): void {
    const dialog = this.#dialog();
    if (!dialog?.isConnected || dialog.open) return;
    const active = deepActiveElement(document);
    this.#returnFocusTo = this.shadowRoot?.contains(active) ? null : active;
    dialog.showModal();
    this.#view?.stay.focus();
  }

  #closeModal(): void {
    const dialog = this.#dialog();
    if (dialog?.open) {
      this.#closedByUs = true;
      dialog.close();
    }
    const target = this.#returnFocusTo as HTMLElement | null;
    this.#returnFocusTo = null;
    if (target?.isConnected) target.focus?.();
  }

  #stay(): void {
    this.#choose(DIALOG_STAY_EVENT);
  }

  #choose(type: string): void {
    if (!this.open) return;
    this.open = false;
    const detail: DialogActionDetail = { kind: this.kind };
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'session-security-dialog': SessionSecurityDialogElement;
  }
  interface HTMLElementEventMap {
    'session-security-dialog-stay': CustomEvent<DialogActionDetail>;
    'session-security-dialog-logout': CustomEvent<DialogActionDetail>;
  }
}
