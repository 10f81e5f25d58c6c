/**
 * The dialog's checks of what a page gives it: a bad value is refused with a specific error on
 * the console and leaves the previous value in place.
 */
import type { PropertyValues } from '@lit/reactive-element';
import type { WarningKind } from '../session-security/core/deadlines.js';
import type { DialogVariant } from './dialog-markup.js';

/** The properties whose values are checked before each update. */
export interface CheckedDialogInputs {
  kind: WarningKind;
  variant: DialogVariant;
  deadlineMs: number;
}

/** Logs that `name` was given `value` instead of `expected`. */
export function refuse(name: string, expected: string, value: unknown): void {
  console.error(`session-security-dialog: ${name} must be ${expected}, not ${String(value)}`);
}

/** Whether `text` parses as JSON (the `strings` attribute). */
export function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Puts back the previous value (or the default) of each input that is not valid. */
export function keepValidInputs(
  inputs: CheckedDialogInputs,
  changed: PropertyValues<CheckedDialogInputs>,
): void {
  if (!['idle', 'absolute'].includes(inputs.kind)) {
    refuse('kind', 'idle or absolute', inputs.kind);
    inputs.kind = changed.get('kind') ?? 'idle';
  }
  if (!['modal', 'banner'].includes(inputs.variant)) {
    refuse('variant', 'modal or banner', inputs.variant);
    inputs.variant = changed.get('variant') ?? 'modal';
  }
  if (!Number.isFinite(inputs.deadlineMs)) {
    refuse('deadlineMs', 'a finite number of epoch milliseconds', inputs.deadlineMs);
    inputs.deadlineMs = changed.get('deadlineMs') ?? 0;
  }
}
