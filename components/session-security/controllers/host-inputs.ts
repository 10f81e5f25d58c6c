/**
 * Watches the host's values a controller was set up from, as lit's `@lit/task` watches its
 * `args`: the controller, not the host, knows what makes it start over. The answer, called at
 * each host update, tells whether one changed since the previous update (never at the first).
 */
export function watchInputs(read: () => readonly unknown[]): () => boolean {
  let last: readonly unknown[] | null = null;
  return () => {
    const previous = last;
    last = read();
    return previous !== null && last.some((value, index) => value !== previous[index]);
  };
}
