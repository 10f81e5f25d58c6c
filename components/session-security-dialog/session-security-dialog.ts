import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { shouldAnnounce } from './announcement-cadence.js';
import { CountdownController } from './countdown-controller.js';
import { deepActiveElement } from './deep-active-element.js';
import { dialogStyles } from './dialog-styles.js';
import { inheritedLang, isRightToLeft } from './lang-resolution.js';
import { loadStrings, matchLocale, readyStrings } from './locale-registry.js';
import { type DialogStrings, englishStrings, formatDuration, secondsLeft } from './strings.js';

/** The tag name the dialog is registered under (by define.ts, never on import). */
export const DIALOG_TAG = 'session-security-dialog';
/** Fired when the user chooses to stay signed in (or closes the absolute-lifetime notice). */
export const DIALOG_STAY_EVENT = 'session-security-dialog-stay';
/** Fired when the user chooses to log out now. */
export const DIALOG_LOGOUT_EVENT = 'session-security-dialog-logout';

/** `idle`: inactivity warning, can be extended. `absolute`: the session's lifetime ends. */
export type DialogKind = 'idle' | 'absolute';
/** `modal`: a modal `<dialog>`, the page behind is inert. `banner`: a non-modal bar on top. */
export type DialogVariant = 'modal' | 'banner';
/** Detail of both dialog events. */
export interface DialogActionDetail {
  /** Which warning the user answered. */
  kind: DialogKind;
}

const focusableSelector =
  'a[href],area[href],button,input,select,textarea,iframe,[tabindex],[contenteditable=""],[contenteditable="true"]';

/**
 * The session-timeout warning: a native modal `<dialog>` (or a non-modal banner) with a live
 * countdown to a wall-clock deadline, "Stay signed in" and "Log out now", in the page's
 * language. It only reports choices: choosing closes it and fires an event; the owner decides
 * what happens to the session.
 *
 * Language: the element's `lang`, else the nearest ancestor's (across shadow roots), else the
 * document's; English is built in, other languages load on demand (see locale-registry.ts).
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
 * @cssprop --session-security-width - dialog width (default 30rem, never wider than the viewport).
 * @cssprop --session-security-background - dialog background.
 * @cssprop --session-security-color - text colour.
 * @cssprop --session-security-muted-color - colour of the status line.
 * @cssprop --session-security-accent - primary button and focus ring colour.
 * @cssprop --session-security-on-accent - text colour on the accent.
 * @cssprop --session-security-border-color - dialog and secondary button border.
 * @cssprop --session-security-focus-color - focus ring (default: the accent).
 * @cssprop --session-security-radius - corner radius.
 * @cssprop --session-security-font - font family.
 * @cssprop --session-security-backdrop - backdrop behind the modal dialog.
 * @cssprop --session-security-shadow - dialog shadow.
 * @cssprop --session-security-padding - dialog padding.
 */
export class SessionSecurityDialogElement extends LitElement {
  static override styles = dialogStyles;

  static override get observedAttributes(): string[] {
    // biome-ignore lint/complexity/noThisInStatic: super runs lit's getter for this subclass.
    return [...super.observedAttributes, 'lang'];
  }

  /** Whether the warning is shown. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** Which warning: inactivity (`idle`) or the end of the session's absolute lifetime. */
  @property({ reflect: true }) kind: DialogKind = 'idle';

  /** When the session ends, as wall-clock epoch milliseconds. */
  @property({ type: Number, attribute: 'deadline-ms' }) deadlineMs = 0;

  /** The clock, epoch milliseconds (inject one in tests). */
  @property({ attribute: false }) nowMs: () => number = () => Date.now();

  /** Modal dialog (default) or non-modal banner. */
  @property({ reflect: true }) variant: DialogVariant = 'modal';

  /**
   * A short status line: literal text, or `extended-elsewhere` / `signed-out-elsewhere` for the
   * built-in, translated messages. Announced politely, also while the dialog is closed.
   */
  @property({ attribute: 'status-message' }) statusMessage = '';

  /** Overrides for any text; the rest comes from the language. */
  @property({ attribute: false }) strings: Partial<DialogStrings> = {};

  /** The locale key in use (e.g. `de`, `pt-BR`, `en`). */
  @state() protected locale = 'en';
  @state() private announcedSeconds: number | null = null;
  @state() private shownSeconds = 0;

  @query('dialog') private dialogElement?: HTMLDialogElement | null;
  @query('.stay') private stayButton?: HTMLButtonElement | null;

  #countdown = new CountdownController(this);
  #returnFocusTo: Element | null = null;
  #closedByUs = false;
  #lastSpokenSeconds: number | null = null;
  #announceOpening = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resolveLocale();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#closeModal();
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && this.isConnected) this.#resolveLocale();
  }

  /** Milliseconds left before the deadline by the injected clock (used by the countdown). */
  millisecondsLeft(): number {
    return this.deadlineMs - this.nowMs();
  }

  /** One countdown tick: refresh the time left and maybe announce it. */
  tick(): void {
    this.shownSeconds = secondsLeft(this.deadlineMs, this.nowMs());
    if (this.#announceOpening) {
      // Spoken on the first tick, but the cadence still counts from the opening.
      this.#announceOpening = false;
      this.announcedSeconds = this.shownSeconds;
    } else if (shouldAnnounce(this.shownSeconds, this.#lastSpokenSeconds)) {
      this.#lastSpokenSeconds = this.shownSeconds;
      this.announcedSeconds = this.shownSeconds;
    }
  }

  /** The texts in use: the language's, then the `strings` overrides. */
  get resolvedStrings(): DialogStrings {
    return { ...(readyStrings(this.locale) ?? englishStrings), ...this.strings };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const opening = changed.has('open') && this.open;
    if (opening) this.#resolveLocale();
    this.shownSeconds = secondsLeft(this.deadlineMs, this.nowMs());
    if (!this.open || opening || changed.has('deadlineMs')) {
      // The modal dialog's description already says the time left when it opens; the banner
      // takes no focus, so it speaks once at its first tick. Both then follow the cadence.
      this.announcedSeconds = null;
      this.#lastSpokenSeconds = this.shownSeconds;
      this.#announceOpening = this.variant === 'banner';
    }
    if (changed.has('variant') && changed.get('variant') === 'modal') this.#closeModal();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open') || changed.has('variant')) {
      if (this.open) this.#show();
      else this.#closeModal();
    }
    if (this.open && (changed.has('open') || changed.has('deadlineMs') || changed.has('nowMs'))) {
      this.#countdown.start();
    }
    if (!this.open) this.#countdown.stop();
  }

  protected override render(): TemplateResult {
    const strings = this.resolvedStrings;
    const lang = this.locale;
    const status = this.#statusText(strings);
    const surface =
      this.variant === 'banner' ? this.#banner(strings, lang) : this.#modal(strings, lang);
    return html`${surface}
      <div class="visually-hidden" role="status">${this.open ? nothing : status || nothing}</div>`;
  }

  #modal(strings: DialogStrings, lang: string): TemplateResult {
    return html`<dialog
      class="surface"
      part="dialog"
      role="alertdialog"
      aria-labelledby="heading"
      aria-describedby="message countdown"
      lang=${lang}
      dir=${isRightToLeft(lang) ? 'rtl' : nothing}
      @cancel=${this.#onCancel}
      @close=${this.#onClose}
      @keydown=${this.#onKeydown}
    >
      ${this.#content(strings, lang)}
    </dialog>`;
  }

  #banner(strings: DialogStrings, lang: string): TemplateResult {
    return html`<section
      class="surface banner"
      part="dialog"
      aria-labelledby="heading"
      aria-describedby="message countdown"
      lang=${lang}
      dir=${isRightToLeft(lang) ? 'rtl' : nothing}
      ?hidden=${!this.open}
      @keydown=${this.#onKeydown}
    >
      ${this.#content(strings, lang)}
    </section>`;
  }

  #content(strings: DialogStrings, lang: string): TemplateResult {
    const absolute = this.kind === 'absolute';
    const time = formatDuration(this.shownSeconds, strings, lang);
    const announcement =
      this.open && this.announcedSeconds !== null
        ? (absolute ? strings.absoluteAnnouncement : strings.idleAnnouncement).replace(
            '{time}',
            formatDuration(this.announcedSeconds, strings, lang),
          )
        : '';
    return html`<h2 id="heading" part="heading">
        <slot name="heading">${absolute ? strings.absoluteHeading : strings.idleHeading}</slot>
      </h2>
      <div id="message" class="message" part="message">
        <slot name="message"><p>${absolute ? strings.absoluteMessage : strings.idleMessage}</p></slot>
      </div>
      <slot name="extra"></slot>
      <p id="countdown" class="countdown" part="countdown">
        <span id="time-left-label">${strings.timeLeftLabel}</span>
        <span class="timer" part="timer" role="timer" aria-live="off" aria-atomic="true"
          aria-labelledby="time-left-label">${time}</span>
      </p>
      <p class="status" part="status" role="status">${this.open ? this.#statusText(strings) || nothing : nothing}</p>
      <div class="actions" part="actions">
        <button type="button" class="stay" part="button stay-button" @click=${this.#stay}>
          ${absolute ? strings.acknowledgeButton : strings.stayButton}
        </button>
        <button type="button" class="logout" part="button logout-button" @click=${this.#logout}>
          ${strings.logoutButton}
        </button>
      </div>
      <div class="visually-hidden announcer" role="status" aria-live="polite" aria-atomic="true">${announcement || nothing}</div>`;
  }

  #statusText(strings: DialogStrings): string {
    if (this.statusMessage === 'extended-elsewhere') return strings.extendedElsewhere;
    if (this.statusMessage === 'signed-out-elsewhere') return strings.signedOutElsewhere;
    return this.statusMessage;
  }

  #resolveLocale(): void {
    const locale = matchLocale(inheritedLang(this));
    if (locale !== this.locale) this.locale = locale;
    if (readyStrings(locale)) return;
    loadStrings(locale).then(
      () => {
        if (this.locale === locale) this.requestUpdate();
      },
      (error: unknown) => {
        console.warn(`session-security-dialog: could not load the '${locale}' messages`, error);
      },
    );
  }

  #show(): void {
    if (this.variant !== 'modal') return;
    const dialog = this.dialogElement;
    if (!dialog || dialog.open || !dialog.isConnected) return;
    const active = deepActiveElement(document);
    this.#returnFocusTo = active && !this.shadowRoot?.contains(active) ? active : null;
    dialog.showModal();
    this.stayButton?.focus();
  }

  #closeModal(): void {
    const dialog = this.dialogElement;
    if (dialog?.open) {
      this.#closedByUs = true;
      dialog.close();
    }
    const target = this.#returnFocusTo;
    this.#returnFocusTo = null;
    if (target?.isConnected && typeof (target as HTMLElement).focus === 'function') {
      (target as HTMLElement).focus();
    }
  }

  #onCancel(event: Event): void {
    // Escape means "stay signed in": keep the choice ours instead of a silent close.
    event.preventDefault();
    this.#stay();
  }

  #onClose(event: Event): void {
    // The close event comes a task later. The browser may also close a modal dialog itself (a
    // repeated Escape): that is "stay" too. A reopened dialog ignores the stale event.
    const closedByUs = this.#closedByUs;
    this.#closedByUs = false;
    const dialog = event.target as HTMLDialogElement;
    if (!closedByUs && !dialog.open && this.open && this.isConnected) this.#stay();
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.variant === 'banner') {
      event.preventDefault();
      this.#stay();
      return;
    }
    if (event.key !== 'Tab' || this.variant !== 'modal') return;
    const focusables = this.#focusables();
    const first = focusables[0];
    const last = focusables[focusables.length - 1];
    if (!first || !last) return;
    const active = deepActiveElement(document);
    if (event.shiftKey && active === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }

  #focusables(): HTMLElement[] {
    const found: HTMLElement[] = [];
    const root = this.renderRoot as ShadowRoot;
    for (const node of root.querySelectorAll<HTMLElement>('slot, button')) {
      if (node instanceof HTMLSlotElement) {
        for (const assigned of node.assignedElements({ flatten: true })) {
          if (assigned.matches(focusableSelector)) found.push(assigned as HTMLElement);
          found.push(...assigned.querySelectorAll<HTMLElement>(focusableSelector));
        }
      } else {
        found.push(node);
      }
    }
    return found.filter(
      (element) =>
        element.tabIndex >= 0 &&
        !element.hasAttribute('disabled') &&
        element.checkVisibility({ visibilityProperty: true }),
    );
  }

  #stay(): void {
    this.#choose(DIALOG_STAY_EVENT);
  }

  #logout(): void {
    this.#choose(DIALOG_LOGOUT_EVENT);
  }

  #choose(type: typeof DIALOG_STAY_EVENT | typeof DIALOG_LOGOUT_EVENT): void {
    if (!this.open) return;
    this.open = false;
    this.dispatchEvent(
      new CustomEvent<DialogActionDetail>(type, {
        bubbles: true,
        composed: true,
        detail: { kind: this.kind },
      }),
    );
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
