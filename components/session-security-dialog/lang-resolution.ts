/** Finds the language that applies to an element, the way the page's text gets its language. */

/**
 * The `lang` of the element itself, else of its nearest ancestor, crossing shadow roots to
 * their hosts, else of the document element. `''` when none is set anywhere.
 */
export function inheritedLang(element: Element): string {
  let node: Node | null = element;
  while (node) {
    if (node.nodeType === 1 && (node as Element).hasAttribute('lang')) {
      return (node as Element).getAttribute('lang') ?? '';
    }
    node = node.parentNode ?? (node as ShadowRoot).host ?? null;
  }
  return '';
}

const rtlLanguages = new Set(['ar', 'he', 'iw', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug']);

/** Whether a language tag is written right to left. */
export function isRightToLeft(lang: string): boolean {
  const language = lang.split(/[-_]/)[0]?.toLowerCase() ?? '';
  return rtlLanguages.has(language);
}
