import { createHash, timingSafeEqual } from 'node:crypto';

/** The one account of the demo. */
export const DEMO_USERNAME = 'demo';
export const DEMO_PASSWORD = 'demo';

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Checks the demo credentials in constant time (digests have equal length whatever the input). */
export function isDemoAccount(username: string, password: string): boolean {
  const userMatches = timingSafeEqual(digest(username), digest(DEMO_USERNAME));
  const passwordMatches = timingSafeEqual(digest(password), digest(DEMO_PASSWORD));
  return userMatches && passwordMatches;
}
