import { deepActiveElement } from './deep-active-element.js';

const focusableSelector =
  'a[href],button,input,select,textarea,iframe,[tabindex],[contenteditable]';

/**
 * The elements Tab reaches in `root` (the dialog's shadow root), in order: its buttons and
 * what the page slotted in, visible and enabled.
 */
export function focusablesIn(root: ShadowRoot | null): HTMLElement[] {
  const found: HTMLElement[] = [];
  for (const node of root?.querySelectorAll('slot,button') ?? []) {
    if (node instanceof HTMLSlotElement) {
      for (const assigned of node.assignedElements({ flatten: true })) {
        found.push(
          ...([assigned, ...assigned.querySelectorAll(focusableSelector)].filter((e) =>
            e.matches(focusableSelector),
          ) as HTMLElement[]),
        );
      }
    } else found.push(node as HTMLElement);
  }
  return found.filter(
    (e) =>
      e.tabIndex >= 0 && !e.matches(':disabled') && e.checkVisibility({ visibilityProperty: true }),
  );
}

/**
 * Keeps Tab inside the modal dialog: from its last focusable element (first, with Shift) focus
 * wraps around. The page behind is inert, but Tab would still leave for the browser's controls.
 */
export function keepTabInside(event: KeyboardEvent, root: ShadowRoot | null): void {
  if (event.key !== 'Tab') return;
  const focusables = focusablesIn(root);
  const edge = focusables[event.shiftKey ? 0 : focusables.length - 1];
  if (edge && deepActiveElement(document) === edge) {
    event.preventDefault();
    focusables[event.shiftKey ? focusables.length - 1 : 0]?.focus();
  }
}
