let channels = 0;

/** A channel name no other test uses (BroadcastChannel and Web Locks are page-wide). */
export function uniqueChannel(): string {
  channels += 1;
  return `test-${channels}-${Math.random().toString(36).slice(2)}`;
}
