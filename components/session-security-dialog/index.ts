/**
 * `session-security/dialog`: the dialog's public API without side effects: the element class,
 * its tag, events and types, and the language functions. Registering the tag is define.ts.
 * Every other module here is internal and may change in any release.
 */
export type { WarningKind } from '../session-security/core/deadlines.js';
export type { DialogVariant } from './dialog-markup.js';
export { builtInLocales, registerLocale } from './locale-registry.js';
export {
  DIALOG_LOGOUT_EVENT,
  DIALOG_STAY_EVENT,
  DIALOG_TAG,
  type DialogActionDetail,
  SessionSecurityDialogElement,
} from './session-security-dialog.js';
export { type DialogStrings, englishStrings, type PluralForms } from './strings.js';
