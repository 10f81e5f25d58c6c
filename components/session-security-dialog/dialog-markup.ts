/**
 * The dialog's shadow DOM, built by hand instead of with lit-html (bundle budget): its shape
 * never changes, only texts, a few attributes and, with the variant, the surface element.
 * Everything is built on first use, never on import, so importing stays safe without a DOM.
 */

import type { WarningKind } from '../session-security/core/deadlines.js';
import { isRightToLeft } from './lang-resolution.js';
import { type DialogStrings, formatDuration } from './strings.js';

/** `modal`: a modal `<dialog>`, the page behind is inert. `banner`: a non-modal box on top. */
export type DialogVariant = 'modal' | 'banner';

/** The nodes the element updates; everything else in the shadow DOM is static. */
export interface DialogView {
  /** The variant the surface was built for. */
  variant: DialogVariant;
  /** The dialog box (`part="dialog"`): a modal `<dialog>` or a banner `<section>`. */
  surface: HTMLElement;
  /** The heading slot, whose fallback text is the default heading. */
  heading: HTMLSlotElement;
  /** The paragraph of the message slot's fallback content. */
  message: HTMLParagraphElement;
  /** "Time left:", the timer's label. */
  label: HTMLElement;
  /** The time left (`role="timer"`, silent). */
  timer: HTMLElement;
  /** The status line shown while the dialog is open. */
  status: HTMLElement;
  stay: HTMLButtonElement;
  logout: HTMLButtonElement;
  /** The visually hidden live region that speaks the time left. */
  announcer: HTMLElement;
  /** The visually hidden status outside the surface, heard while the dialog is closed. */
  closedStatus: HTMLElement;
}

const surfaceAttributes =
  'part="dialog" aria-labelledby="heading" aria-describedby="message countdown"';

const contentMarkup =
  '<h2 id="heading" part="heading"><slot name="heading"></slot></h2>' +
  '<div id="message" part="message"><slot name="message"><p></p></slot></div>' +
  '<slot name="extra"></slot>' +
  '<p id="countdown" part="countdown"><span id="label"></span> ' +
  '<span part="timer" role="timer" aria-live="off" aria-labelledby="label"></span></p>' +
  '<p part="status" role="status"></p>' +
  '<div part="actions">' +
  '<button class="stay" part="button stay-button"></button>' +
  '<button class="logout" part="button logout-button"></button>' +
  '</div>' +
  '<div class="sr announcer" role="status" aria-live="polite" aria-atomic="true"></div>';

const closedStatusMarkup = '<div class="sr" role="status"></div>';

function surfaceMarkup(variant: DialogVariant, content = ''): string {
  return variant === 'banner'
    ? `<section ${surfaceAttributes}>${content}</section>`
    : `<dialog role="alertdialog" ${surfaceAttributes}>${content}</dialog>`;
}

function parse(markup: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = markup;
  return template.content;
}

/** Appends the dialog's shadow DOM (texts empty) to `root` and finds the nodes to update. */
export function appendDialogView(root: Node, variant: DialogVariant): DialogView {
  const dom = parse(surfaceMarkup(variant, contentMarkup) + closedStatusMarkup);
  const find = <T extends Element>(selector: string) => dom.querySelector(selector) as T;
  const view: DialogView = {
    variant,
    surface: find('[part="dialog"]'),
    heading: find('slot[name="heading"]'),
    message: find('#message p'),
    label: find('#label'),
    timer: find('[role="timer"]'),
    status: find('[part="status"]'),
    stay: find('.stay'),
    logout: find('.logout'),
    announcer: find('.announcer'),
    closedStatus: dom.lastElementChild as HTMLElement,
  };
  root.appendChild(dom);
  return view;
}

/** Moves the content into a new surface for `variant`, where the old surface was. */
export function replaceSurface(view: DialogView, variant: DialogVariant): void {
  const surface = parse(surfaceMarkup(variant)).firstElementChild as HTMLElement;
  surface.append(...view.surface.childNodes);
  view.surface.replaceWith(surface);
  view.variant = variant;
  view.surface = surface;
}

/**
 * Writes a node's text only when it changed: every write is a mutation that a screen reader
 * may announce again in a live region. An empty text leaves the node empty (`:empty`).
 */
export function setTextIfChanged(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

/** Sets an attribute, or removes it for `null`, only when that changes it. */
export function setAttributeIfChanged(element: Element, name: string, value: string | null): void {
  if (element.getAttribute(name) === value) return;
  if (value === null) element.removeAttribute(name);
  else element.setAttribute(name, value);
}

/**
 * Writes the texts and attributes of one update, each only when it changed: `status` is the
 * element's `statusMessage`, `spokenSeconds` the time left to announce (null: nothing).
 */
export function writeTexts(
  view: DialogView,
  strings: DialogStrings,
  lang: string,
  kind: WarningKind,
  open: boolean,
  statusMessage: string,
  shownSeconds: number,
  spokenSeconds: number | null,
): void {
  const absolute = kind === 'absolute';
  const status =
    {
      'extended-elsewhere': strings.extendedElsewhere,
      'signed-out-elsewhere': strings.signedOutElsewhere,
    }[statusMessage] ?? statusMessage;
  setAttributeIfChanged(view.surface, 'lang', lang);
  setAttributeIfChanged(view.surface, 'dir', isRightToLeft(lang) ? 'rtl' : null);
  if (view.variant === 'banner') view.surface.toggleAttribute('hidden', !open);
  setTextIfChanged(view.heading, absolute ? strings.absoluteHeading : strings.idleHeading);
  setTextIfChanged(view.message, absolute ? strings.absoluteMessage : strings.idleMessage);
  setTextIfChanged(view.label, strings.timeLeftLabel);
  setTextIfChanged(view.timer, formatDuration(shownSeconds, strings, lang));
  setTextIfChanged(view.status, (open && status) || '');
  setTextIfChanged(view.stay, absolute ? strings.acknowledgeButton : strings.stayButton);
  setTextIfChanged(view.logout, strings.logoutButton);
  setTextIfChanged(
    view.announcer,
    open && spokenSeconds !== null
      ? (absolute ? strings.absoluteAnnouncement : strings.idleAnnouncement).replace(
          '{time}',
          formatDuration(spokenSeconds, strings, lang),
        )
      : '',
  );
  setTextIfChanged(view.closedStatus, (!open && status) || '');
}
