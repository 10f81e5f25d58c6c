// Type test (tsc -p test/types/preact): <session-security> in Preact JSX, with its attributes.
import type {} from '../../../components/session-security/jsx/preact.js';
import type { SessionSecurityElement } from '../../../components/session-security/session-security.js';

export function Page(props: { onRef: (element: SessionSecurityElement | null) => void }) {
  return (
    <session-security
      ref={props.onRef}
      expire-action="redirect"
      redirect-url="/login?reason={reason}"
      warn-after={540}
      intentional-only
      class="timeout"
    />
  );
}

// @ts-expect-error: not an expiry action
export const wrongAction = <session-security expire-action="explode" />;

document.addEventListener(
  'session-security-expired',
  (event) => event.detail.reason satisfies string,
);
