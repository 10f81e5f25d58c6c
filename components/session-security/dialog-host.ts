/**
 * The element's one child in its shadow root: the warning dialog, its parts exported and the
 * page's slotted content forwarded.
 */
import {
  DIALOG_LOGOUT_EVENT,
  DIALOG_STAY_EVENT,
  DIALOG_TAG,
  type SessionSecurityDialogElement,
} from '../session-security-dialog/session-security-dialog.js';

const forwardedSlots = ['heading', 'message', 'extra'] as const;
const dialogParts =
  'dialog,heading,message,countdown,timer,status,actions,button,stay-button,logout-button';

/** A dialog appended to `root`; its choices call `onStay` and `onLogout` (and go no further). */
export function appendDialog(
  root: ParentNode,
  onStay: () => void,
  onLogout: () => void,
): SessionSecurityDialogElement {
  const dialog = document.createElement(DIALOG_TAG);
  dialog.setAttribute('exportparts', dialogParts);
  dialog.addEventListener(DIALOG_STAY_EVENT, (event) => {
    event.stopPropagation();
    onStay();
  });
  dialog.addEventListener(DIALOG_LOGOUT_EVENT, (event) => {
    event.stopPropagation();
    onLogout();
  });
  root.append(dialog);
  return dialog;
}

/** Forwards only the slots `host` fills, so the dialog's default text shows otherwise. */
export function forwardSlots(host: Element, dialog: SessionSecurityDialogElement): void {
  for (const name of forwardedSlots) {
    const provided = host.querySelector(`:scope > [slot="${name}"]`) !== null;
    const forwarded = dialog.querySelector(`:scope > slot[name="${name}"]`);
    if (provided && !forwarded) {
      const slot = document.createElement('slot');
      slot.name = slot.slot = name;
      dialog.append(slot);
    } else if (!provided) forwarded?.remove();
  }
}
