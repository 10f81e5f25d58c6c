/**
 * `session-security/react`: types only. `import type {} from 'session-security/react'` once
 * makes `<session-security>` known to React 19's JSX with its attributes and the `ref` of a
 * {@link SessionSecurityElement}.
 */
import type * as React from 'react';
import type { SessionSecurityElement } from '../session-security.js';
import type { SessionSecurityAttributes } from './attributes.js';

export type * from '../global.js';
export type { SessionSecurityAttributes };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'session-security': React.DetailedHTMLProps<
        React.HTMLAttributes<SessionSecurityElement>,
        SessionSecurityElement
      > &
        SessionSecurityAttributes;
    }
  }
}
