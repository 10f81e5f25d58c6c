// Type test (tsc -p test/types/solid): <session-security> in Solid JSX, with its attributes.
import type {} from '../../../components/session-security/jsx/solid.js';
import type { SessionSecurityElement } from '../../../components/session-security/session-security.js';

export function Page(props: { onRef: (element: SessionSecurityElement | null) => void }) {
  return (
    <session-security
      ref={(element) => props.onRef(element)}
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
