import { once } from '../async-helpers.js';
import type { CheckGroup } from '../check-group.js';
import { CheckSkipped, expectProblem, fail, round } from '../expect.js';
import { TOLERANCE_SECONDS } from '../timing.js';
import { REPORT, type Rejection, rejections } from './rejection-cases.js';
import { REPORT_ACCEPTED } from './setup.js';

/** Refusals a server can only judge once it accepts requests of its own origin. */
function needsOwnOriginAccepted(rejection: Rejection): boolean {
  return rejection.problem !== 'cross-site-request';
}

const ALL = rejections('http://localhost');
const WAIT_BEFORE_MS = 1000;

/**
 * CSRF rules and bad bodies, replayed on one signed-in session: each must be refused with the
 * right problem, and none may change the session (its idle time keeps counting).
 */
export const rejectionChecks: CheckGroup = {
  name: 'rejections',
  needsSession: true,
  waitsForExpiry: false,
  endsSession: false,
  checks: [
    ...ALL.map((rejection) => ({
      name: rejection.name,
      description: rejection.description,
      ...(needsOwnOriginAccepted(rejection) ? { dependsOn: [REPORT_ACCEPTED] } : {}),
    })),
    {
      name: 'rejected-requests-change-nothing',
      description: 'after all those refused requests the session is active and was not extended',
      // A refusal that was accepted instead, or a status read that extends, explains a change.
      dependsOn: [...ALL.map((rejection) => rejection.name), 'status-is-passive'],
    },
    {
      name: 'csrf-same-origin-accepted',
      description: 'a POST with Sec-Fetch-Site: same-origin and the own Origin is accepted',
      // On the battery's session: a refused DELETE that was accepted instead ended it.
      dependsOn: [REPORT_ACCEPTED, ...ALL.map((rejection) => rejection.name)],
    },
    {
      name: 'csrf-no-fetch-metadata-accepted',
      description:
        'a POST with neither Sec-Fetch-Site nor Origin (a non-browser client) is accepted',
      dependsOn: ALL.map((rejection) => rejection.name),
    },
  ],
  async run(context, recorder) {
    const session = once(async () => {
      const signedIn = await context.newSession();
      await context.sleepUntil(signedIn.anchorMs + WAIT_BEFORE_MS);
      return signedIn;
    });
    // Sent all at once: together they must stay well within the idle timeout.
    const refusals = rejections(context.client.origin).map((rejection) =>
      recorder.check(rejection.name, async () => {
        const { jar } = await session();
        const exchange = await context.client.send(rejection.method, context.resourcePath, {
          headers: context.protocolHeaders(rejection.headers, rejection.method),
          ...(rejection.body === undefined ? {} : { body: rejection.body }),
          jar,
        });
        expectProblem(exchange, rejection.problem);
      }),
    );
    await Promise.all(refusals);
    await recorder.check('rejected-requests-change-nothing', async () => {
      const current = await session();
      const read = await context.status(current);
      const idleAtLeastSeconds = (read.sentAtMs - current.anchorMs) / 1000;
      if (idleAtLeastSeconds >= context.requireTimeouts().expireAfterSeconds) {
        throw new CheckSkipped(
          `could not judge: the refused requests took until ${round(idleAtLeastSeconds)} s after sign-in, past the idle timeout: the server or this machine answered too slowly`,
        );
      }
      const status = context.expectAlive(
        current,
        read,
        'refused requests (DELETE included) must not end the session',
      );
      const minimum = (read.sentAtMs - current.anchorMs) / 1000 - TOLERANCE_SECONDS;
      if (status.idleSeconds < minimum) {
        fail(
          `idleSeconds is ${round(status.idleSeconds)}, at least ${round(minimum)} expected: a refused report was applied`,
          read,
        );
      }
    });
    await recorder.check('csrf-no-fetch-metadata-accepted', async () => {
      const current = await session();
      const exchange = await context.client.send('POST', context.resourcePath, {
        headers: context.protocolHeaders({
          'sec-fetch-site': null,
          'sec-fetch-mode': null,
          origin: null,
        }),
        body: REPORT,
        jar: current.jar,
      });
      context.expectAlive(current, exchange, 'a report without fetch metadata is allowed');
    });
    await recorder.check('csrf-same-origin-accepted', async () => {
      const current = await session();
      context.expectAlive(
        current,
        await context.report(current, 0),
        'a same-origin report is accepted',
      );
    });
  },
};
