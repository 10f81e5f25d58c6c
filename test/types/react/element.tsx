// Type test (tsc -p test/types/react): <session-security> in React 19 JSX, with its attributes.
import type {} from '../../../components/session-security/jsx/react.js';
import type { SessionSecurityElement } from '../../../components/session-security/session-security.js';

export function Page(props: { onRef: (element: SessionSecurityElement | null) => void }) {
  return (
    <session-security
      ref={props.onRef}
      expire-action="redirect"
      redirect-url="/login?reason={reason}"
      warn-after={540}
      intentional-only
      className="timeout"
    />
  );
}

// @ts-expect-error: not an expiry action
export const wrongAction = <session-security expire-action="explode" />;

document.addEventListener(
  'session-security-expired',
  (event) => event.detail.reason satisfies string,
);
