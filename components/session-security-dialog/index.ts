/**
 * The dialog's public API without side effects: the element class, its tag, events and types,
 * and the language functions. Registering the tag is define.ts.
 */
export { nextAnnouncementSeconds, shouldAnnounce } from './announcement-cadence.js';
export {
  builtInLocales,
  loadStrings,
  localeProblems,
  matchLocale,
  registerLocale,
} from './locale-registry.js';
export {
  DIALOG_LOGOUT_EVENT,
  DIALOG_STAY_EVENT,
  DIALOG_TAG,
  type DialogActionDetail,
  type DialogKind,
  type DialogVariant,
  SessionSecurityDialogElement,
} from './session-security-dialog.js';
export { type DialogStrings, englishStrings, formatDuration, type PluralForms } from './strings.js';
