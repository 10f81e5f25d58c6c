/**
 * The words of the warning dialog: their shape, the built-in English, and the pure helpers that
 * turn a number of seconds into words with `Intl.PluralRules`. No DOM here.
 */

/**
 * One phrase per CLDR plural category. `{n}` stands for the formatted number. `other` is
 * required; a language needs every category `new Intl.PluralRules(lang).resolvedOptions()`
 * lists for it (English: one, other; Polish: one, few, many, other; Arabic: all six).
 */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** Every text the dialog shows or announces. Override any of them with the `strings` property. */
export interface DialogStrings {
  /** Heading of the inactivity warning. */
  idleHeading: string;
  /** Message of the inactivity warning. */
  idleMessage: string;
  /** Heading of the notice that the session's absolute lifetime is ending. */
  absoluteHeading: string;
  /** Message of that notice: it cannot be extended, so the user should save their work. */
  absoluteMessage: string;
  /** Label in front of the visible countdown. */
  timeLeftLabel: string;
  /** The button that keeps the session (inactivity warning). */
  stayButton: string;
  /** The button that closes the absolute-lifetime notice without pretending to extend it. */
  acknowledgeButton: string;
  /** The button that signs out at once. */
  logoutButton: string;
  /** Live announcement of the inactivity warning; `{time}` is the time left in words. */
  idleAnnouncement: string;
  /** Live announcement of the absolute-lifetime notice; `{time}` is the time left in words. */
  absoluteAnnouncement: string;
  /** A number of minutes, e.g. `{ one: '{n} minute', other: '{n} minutes' }`. */
  minutes: PluralForms;
  /** A number of seconds. */
  seconds: PluralForms;
  /** How minutes and seconds combine, e.g. `'{minutes} {seconds}'`. */
  minutesAndSeconds: string;
  /** Status shown when another tab kept the session (`statusMessage="extended-elsewhere"`). */
  extendedElsewhere: string;
  /** Status shown when another tab signed out (`statusMessage="signed-out-elsewhere"`). */
  signedOutElsewhere: string;
}

/** English, the one language built into the main bundle. */
export const englishStrings: DialogStrings = {
  idleHeading: 'You will be signed out soon',
  idleMessage:
    'You have not used this site for a while. To protect your information, we will sign you out unless you choose to stay signed in.',
  absoluteHeading: 'Your session is ending',
  absoluteMessage:
    'For your security, a session lasts a limited time and cannot be extended. Save your work now; you will need to sign in again.',
  timeLeftLabel: 'Time left:',
  stayButton: 'Stay signed in',
  acknowledgeButton: 'OK',
  logoutButton: 'Log out now',
  idleAnnouncement: 'You will be signed out in {time}.',
  absoluteAnnouncement: 'Your session ends in {time}.',
  minutes: { one: '{n} minute', other: '{n} minutes' },
  seconds: { one: '{n} second', other: '{n} seconds' },
  minutesAndSeconds: '{minutes} {seconds}',
  extendedElsewhere: 'Your session was extended in another tab.',
  signedOutElsewhere: 'You were signed out in another tab.',
};

/** The keys of DialogStrings whose values are plural forms rather than plain text. */
export const pluralKeys = ['minutes', 'seconds'] as const;

/** Picks the phrase for `count` in `lang` and puts the formatted number in it. */
export function formatPlural(forms: PluralForms, count: number, lang: string): string {
  const category = new Intl.PluralRules(lang).select(count);
  const phrase = forms[category] ?? forms.other;
  return phrase.replace('{n}', new Intl.NumberFormat(lang).format(count));
}

/**
 * Whole seconds in words: "2 minutes 5 seconds", "2 minutes", "45 seconds". Minutes are not
 * converted to hours: warnings are short.
 */
export function formatDuration(totalSeconds: number, strings: DialogStrings, lang: string): string {
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  if (minutes === 0) return formatPlural(strings.seconds, seconds, lang);
  const minutesText = formatPlural(strings.minutes, minutes, lang);
  if (seconds === 0) return minutesText;
  return strings.minutesAndSeconds
    .replace('{minutes}', minutesText)
    .replace('{seconds}', formatPlural(strings.seconds, seconds, lang));
}

/** Whole seconds left before `deadlineMs`, rounded up (never shows 0 before the deadline). */
export function secondsLeft(deadlineMs: number, nowMs: number): number {
  return Math.max(0, Math.ceil((deadlineMs - nowMs) / 1000));
}
