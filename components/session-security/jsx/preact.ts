/**
 * `session-security/preact`: types only. `import type {} from 'session-security/preact'` once
 * makes `<session-security>` known to Preact's JSX with its attributes.
 */
import type { JSX } from 'preact';
import type { SessionSecurityElement } from '../session-security.js';
import type { SessionSecurityAttributes } from './attributes.js';

export type * from '../global.js';
export type { SessionSecurityAttributes };

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'session-security': JSX.HTMLAttributes<SessionSecurityElement> & SessionSecurityAttributes;
    }
  }
}
