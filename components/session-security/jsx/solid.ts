/**
 * `session-security/solid`: types only. `import type {} from 'session-security/solid'` once
 * makes `<session-security>` known to Solid's JSX with its attributes.
 */
import type { JSX } from 'solid-js';
import type { SessionSecurityElement } from '../session-security.js';
import type { SessionSecurityAttributes } from './attributes.js';

export type * from '../global.js';
export type { SessionSecurityAttributes };

declare module 'solid-js' {
  namespace JSX {
    interface IntrinsicElements {
      'session-security': JSX.HTMLAttributes<SessionSecurityElement> & SessionSecurityAttributes;
    }
  }
}
