import type { CheckGroup } from '../check-group.js';
import { testabilityProblem } from '../check-group.js';
import type { Session } from '../context.js';
import { expectActive, fail } from '../expect.js';

/** The check every accepted POST depends on: a well-formed same-origin report is accepted. */
export const REPORT_ACCEPTED = 'report-accepted';

/**
 * Signs in once, reads the timeouts the other checks plan their waits with, and sends one
 * well-formed report: the checks that need an accepted report or DELETE depend on it, so that a
 * server refusing its own origin fails once, here, and not in every check that sends one.
 */
export const setupChecks: CheckGroup = {
  name: 'setup',
  needsSession: false,
  waitsForExpiry: false,
  endsSession: false,
  checks: [
    { name: 'sign-in', description: 'signing in gives a session whose status is active' },
    {
      name: 'timeouts-testable',
      description: 'the server is configured with timeouts the suite can wait for and judge',
      dependsOn: ['sign-in'],
    },
    {
      name: REPORT_ACCEPTED,
      description:
        'a well-formed report from the same origin (Sec-Fetch-Site same-origin, own Origin, version header, application/json) is accepted',
      dependsOn: ['sign-in'],
    },
  ],
  async run(context, recorder) {
    let session: Session | null = null;
    await recorder.check('sign-in', async () => {
      session = await context.newSession();
      const exchange = await context.status(session);
      const status = expectActive(exchange, 'a fresh session');
      context.timeouts = {
        warnAfterSeconds: status.warnAfterSeconds,
        expireAfterSeconds: status.expireAfterSeconds,
        absoluteRemainingSeconds: status.absoluteRemainingSeconds ?? null,
      };
    });
    if (context.timeouts === null || session === null) {
      recorder.skipRest('skipped because sign-in failed', 'sign-in');
      return;
    }
    await recorder.check('timeouts-testable', async () => {
      const problem = testabilityProblem(context);
      if (problem !== null) fail(problem);
    });
    const signedIn: Session = session;
    await recorder.check(REPORT_ACCEPTED, async () => {
      context.expectAlive(
        signedIn,
        await context.report(signedIn, 0),
        'a well-formed same-origin report is accepted',
      );
    });
  },
};
