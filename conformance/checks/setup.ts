import type { CheckGroup } from '../check-group.js';
import { testabilityProblem } from '../check-group.js';
import { expectActive, fail } from '../expect.js';

/** Signs in once and reads the timeouts the other checks plan their waits with. */
export const setupChecks: CheckGroup = {
  name: 'setup',
  needsSession: false,
  waitsForExpiry: false,
  endsSession: false,
  checks: [
    { name: 'sign-in', description: 'signing in gives a session whose status is active' },
    {
      name: 'timeouts-testable',
      description: 'the server is configured with timeouts short enough to wait for',
    },
  ],
  async run(context, recorder) {
    await recorder.check('sign-in', async () => {
      const session = await context.newSession();
      const exchange = await context.status(session);
      const status = expectActive(exchange, 'a fresh session');
      context.timeouts = {
        warnAfterSeconds: status.warnAfterSeconds,
        expireAfterSeconds: status.expireAfterSeconds,
        absoluteRemainingSeconds: status.absoluteRemainingSeconds ?? null,
      };
    });
    if (context.timeouts === null) {
      recorder.skip('timeouts-testable', 'no signed-in session: see the sign-in check');
      return;
    }
    await recorder.check('timeouts-testable', async () => {
      const problem = testabilityProblem(context);
      if (problem !== null) fail(problem);
    });
  },
};
