/**
 * The element that really has focus: `document.activeElement` only names the outermost shadow
 * host, so follow each host's shadow root down to the focused element inside it.
 */
export function deepActiveElement(root: Document | ShadowRoot): Element | null {
  let active = root.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
