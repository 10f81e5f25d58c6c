import { setTimeout as sleep } from 'node:timers/promises';
import type { CheckGroup, Recorder } from '../check-group.js';
import type { Session, SuiteContext } from '../context.js';
import {
  expectActive,
  expectExpired,
  expectNoCookieSet,
  expectNoStore,
  expectProblem,
  expectStatus,
  fail,
  round,
} from '../expect.js';
import { PAST_DEADLINE_MS, TOLERANCE_SECONDS } from '../timing.js';
import { REPORT_ACCEPTED } from './setup.js';

/** Client time after which a session untouched since its anchor must have expired. */
function pastIdleDeadline(context: SuiteContext, session: Session): number {
  return session.anchorMs + context.requireTimeouts().expireAfterSeconds * 1000 + PAST_DEADLINE_MS;
}

/** Status reads that tighten a session's anchor (each is passive, so nothing moves). */
const ANCHOR_READS = 3;

/**
 * A fresh session whose anchor is as close as a few status reads make it to the server's last
 * activity: each read bounds it from above by its arrival minus the idle time it reports, and
 * a read that came back quickly bounds it tightly, even on a loaded machine.
 */
async function tightlyAnchoredSession(context: SuiteContext): Promise<Session> {
  const session = await context.newSession();
  for (let read = 0; read < ANCHOR_READS; read += 1) {
    const exchange = await context.status(session);
    const status = context.expectAlive(session, exchange, 'a fresh session');
    session.anchorMs = Math.min(
      session.anchorMs,
      exchange.receivedAtMs - status.idleSeconds * 1000,
    );
  }
  return session;
}

/** A fresh session left idle until past its idle deadline. */
async function idleUntilExpired(context: SuiteContext): Promise<Session> {
  const session = await context.newSession();
  await context.sleepUntil(pastIdleDeadline(context, session));
  return session;
}

function group(
  name: string,
  description: string,
  dependsOn: readonly string[],
  run: (context: SuiteContext, recorder: Recorder) => Promise<void>,
  extra: Partial<CheckGroup> = {},
): CheckGroup {
  return {
    name,
    needsSession: true,
    waitsForExpiry: true,
    endsSession: true,
    checks: [{ name, description, dependsOn }],
    run,
    ...extra,
  };
}

/** Checks that need idle expiry to work (their sessions must have expired when they look). */
const AFTER_IDLE_EXPIRY = ['idle-expiry'];

/** Each of these waits in real time; they run concurrently, each on its own session. */
export const expiryChecks: CheckGroup[] = [
  group(
    'idle-expiry',
    `a session is valid shortly before the idle timeout and expired ${PAST_DEADLINE_MS} ms after it (a deadline applied later fails)`,
    // Judged by status reads: one that extended the session would hide the deadline.
    ['status-is-passive'],
    async (context, recorder) => {
      await recorder.check('idle-expiry', async () => {
        const session = await tightlyAnchoredSession(context);
        const { expireAfterSeconds } = context.requireTimeouts();
        await context.sleepUntil(
          session.anchorMs + (expireAfterSeconds - 2 * TOLERANCE_SECONDS) * 1000,
        );
        const before = await context.status(session);
        // At most this idle when the server answered; a slow answer may have crossed the deadline.
        const idleAtMostSeconds = (before.receivedAtMs - session.activeSinceMs) / 1000;
        if (idleAtMostSeconds < expireAfterSeconds) {
          expectActive(before, `at most ${round(idleAtMostSeconds)} s idle is before the deadline`);
        }
        // A slow answer may already have found it expired and destroyed it.
        const destroyed = expectStatus(before).state === 'expired';
        await context.sleepUntil(pastIdleDeadline(context, session));
        const expired = await context.status(session);
        const idleAtLeastSeconds = (expired.sentAtMs - session.anchorMs) / 1000;
        expectExpired(
          expired,
          destroyed ? ['idle', 'no-session'] : ['idle'],
          `the session had been idle at least ${round(idleAtLeastSeconds)} s when this request was sent, expireAfterSeconds is ${expireAfterSeconds}: a session is expired at its deadline`,
        );
        expectNoCookieSet(expired, 'finding a session expired creates nothing');
        const again = await context.status(session);
        expectExpired(again, ['idle', 'no-session'], 'an expired session is destroyed');
        expectNoCookieSet(again, 'an anonymous caller never gets a session');
      });
    },
  ),
  group(
    'no-revival',
    'a report of activity after the idle timeout does not revive the session',
    [...AFTER_IDLE_EXPIRY, REPORT_ACCEPTED],
    async (context, recorder) => {
      await recorder.check('no-revival', async () => {
        const session = await idleUntilExpired(context);
        const report = await context.report(session, 0);
        expectExpired(report, ['idle'], 'expiry is checked before the report is applied');
        expectNoCookieSet(report, 'an expired session is never revived');
        const read = await context.status(session);
        expectExpired(read, ['idle', 'no-session'], 'the expired session stays ended');
        const again = await context.report(session, 0);
        expectExpired(again, ['idle', 'no-session'], 'the expired session stays ended');
      });
    },
    { endsTheOnlySessionFirst: true },
  ),
  group(
    'expired-api-request',
    'an API request (Sec-Fetch-Mode: cors) of an expired session gets 401 session-expired with reason idle and Cache-Control: no-store, and sets no cookie',
    AFTER_IDLE_EXPIRY,
    async (context, recorder) => {
      await recorder.check('expired-api-request', async () => {
        const session = await idleUntilExpired(context);
        const exchange = await context.ordinaryRequest('api', session.jar);
        const problem = expectProblem(exchange, 'session-expired');
        if (problem.reason !== 'idle')
          fail(`expected member reason "idle", got ${problem.reason}`, exchange);
        expectNoStore(exchange);
        expectNoCookieSet(exchange, 'the 401 may only clear the cookie of the ended session');
        expectExpired(await context.status(session), ['idle', 'no-session'], 'the session ended');
      });
    },
  ),
  group(
    'expired-api-request-by-accept',
    'without fetch metadata, a request whose Accept lacks text/html is an API request: 401',
    AFTER_IDLE_EXPIRY,
    async (context, recorder) => {
      await recorder.check('expired-api-request-by-accept', async () => {
        const session = await idleUntilExpired(context);
        const exchange = await context.ordinaryRequest('api-without-fetch-metadata', session.jar);
        const problem = expectProblem(exchange, 'session-expired');
        if (problem.reason !== 'idle')
          fail(`expected member reason "idle", got ${problem.reason}`, exchange);
      });
    },
  ),
  group(
    'expired-api-request-by-accept-wildcard',
    'without fetch metadata, Accept: text/html;q=0, */* does not list text/html (a wildcard does not, nor a weight of 0): 401',
    AFTER_IDLE_EXPIRY,
    async (context, recorder) => {
      await recorder.check('expired-api-request-by-accept-wildcard', async () => {
        const session = await idleUntilExpired(context);
        const exchange = await context.ordinaryRequest('api-without-fetch-metadata', session.jar, {
          accept: 'text/html;q=0, */*',
        });
        const problem = expectProblem(exchange, 'session-expired');
        if (problem.reason !== 'idle')
          fail(`expected member reason "idle", got ${problem.reason}`, exchange);
      });
    },
  ),
  group(
    'expired-page-request',
    'a page load of an expired session continues as anonymous (same answer as without a session)',
    AFTER_IDLE_EXPIRY,
    async (context, recorder) => {
      await recorder.check('expired-page-request', async () => {
        const anonymous = await context.ordinaryRequest('page');
        const session = await idleUntilExpired(context);
        const exchange = await context.ordinaryRequest('page', session.jar);
        if (exchange.response.status !== anonymous.response.status) {
          fail(
            `expected HTTP ${anonymous.response.status} like an anonymous page load, got ${exchange.response.status}`,
            exchange,
          );
        }
        expectExpired(await context.status(session), ['idle', 'no-session'], 'the session ended');
      });
    },
  ),
  group(
    'keep-alive',
    'reports of activity keep a session alive past the idle timeout',
    [REPORT_ACCEPTED],
    async (context, recorder) => {
      await recorder.check('keep-alive', async () => {
        const session = await context.newSession();
        const { expireAfterSeconds } = context.requireTimeouts();
        const untilMs = session.anchorMs + (expireAfterSeconds + 1) * 1000;
        while (Date.now() < untilMs) {
          await sleep((expireAfterSeconds * 1000) / 4);
          const report = await context.report(session, 0);
          context.expectAlive(session, report, 'activity was reported within the idle timeout');
          session.activeSinceMs = report.sentAtMs;
        }
        context.expectAlive(
          session,
          await context.status(session),
          'activity was reported within the idle timeout',
        );
      });
    },
    { endsSession: false },
  ),
  group(
    'absolute-expiry',
    `the absolute lifetime ends an active session (expired ${PAST_DEADLINE_MS} ms after it), and activity does not extend it`,
    [REPORT_ACCEPTED],
    async (context, recorder) => {
      const { absoluteRemainingSeconds, expireAfterSeconds } = context.requireTimeouts();
      if (absoluteRemainingSeconds === null) {
        recorder.skip(
          'absolute-expiry',
          'no absolute lifetime configured (absoluteRemainingSeconds absent)',
        );
        return;
      }
      if (absoluteRemainingSeconds > context.options.maxWaitSeconds) {
        recorder.skip(
          'absolute-expiry',
          `the absolute lifetime (${absoluteRemainingSeconds} s) is longer than --max-wait-seconds`,
        );
        return;
      }
      await recorder.check('absolute-expiry', async () => {
        const session = await context.newSession();
        const first = await context.status(session);
        let remaining = expectActive(first, 'a fresh session').absoluteRemainingSeconds;
        if (remaining === undefined)
          fail('absoluteRemainingSeconds is missing in this session', first);
        // The server's deadline lies between these two, depending on when it answered.
        const earliestDeadlineMs = first.sentAtMs + remaining * 1000;
        const latestDeadlineMs = first.receivedAtMs + remaining * 1000;
        const stepMs = (expireAfterSeconds * 1000) / 4;
        while (Date.now() + stepMs < earliestDeadlineMs) {
          await sleep(stepMs);
          const report = await context.report(session, 0);
          const status = expectStatus(report);
          if (status.state === 'expired') {
            // Only a slow answer that may have crossed the deadline may say absolute.
            if (status.reason === 'absolute' && report.receivedAtMs >= earliestDeadlineMs) return;
            fail(
              `expected an active session: activity was reported within the idle timeout and ${round((earliestDeadlineMs - report.receivedAtMs) / 1000)} s of absolute lifetime were left`,
              report,
            );
          }
          if (status.absoluteRemainingSeconds === undefined) {
            fail('absoluteRemainingSeconds disappeared', report);
          }
          if (status.absoluteRemainingSeconds > remaining + TOLERANCE_SECONDS) {
            fail(
              `absoluteRemainingSeconds grew from ${remaining} to ${status.absoluteRemainingSeconds}: activity extended the absolute lifetime`,
              report,
            );
          }
          remaining = status.absoluteRemainingSeconds;
        }
        await context.sleepUntil(latestDeadlineMs + PAST_DEADLINE_MS);
        const report = await context.report(session, 0);
        expectExpired(report, ['absolute'], 'the absolute lifetime is over');
        expectExpired(
          await context.status(session),
          ['absolute', 'no-session'],
          'the session ended',
        );
      });
    },
  ),
];
