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
