/** Registers `<session-security-dialog>` (once; importing twice is harmless). */
import { DIALOG_TAG, SessionSecurityDialogElement } from './session-security-dialog.js';

if (!customElements.get(DIALOG_TAG))
  customElements.define(DIALOG_TAG, SessionSecurityDialogElement);

export { DIALOG_TAG, SessionSecurityDialogElement };
