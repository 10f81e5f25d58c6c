import { setTimeout as sleep } from 'node:timers/promises';
import { MAX_BODY_BYTES, MAX_IDLE_SECONDS, PASSIVE_HEADER } from '../../protocol/index.js';
import { once } from '../async-helpers.js';
import type { CheckGroup } from '../check-group.js';
import type { Session, SuiteContext } from '../context.js';
import { expectNear, expectNoSetCookie, expectStatusCode, fail, round } from '../expect.js';
import type { Exchange } from '../http-client.js';
import { ACTIVITY_WRITE_WAIT_MS, TOLERANCE_SECONDS } from '../timing.js';
import { REPORT_ACCEPTED } from './setup.js';

/** Fails unless the session's idle time still counts from its anchor (nothing reset it). */
function expectNotReset(
  context: SuiteContext,
  session: Session,
  idleSeconds: number,
  exchange: Exchange,
  what: string,
): void {
  const minimum = (exchange.sentAtMs - session.anchorMs) / 1000 - TOLERANCE_SECONDS;
  if (idleSeconds < minimum) {
    fail(
      `${what}: idleSeconds is ${round(idleSeconds)} but ${round(context.secondsSince(session.anchorMs))} s passed without activity`,
      exchange,
    );
  }
}

/** Status reads are passive: they never extend the session and never set a cookie. */
export const passiveStatusChecks: CheckGroup = {
  name: 'passive-status',
  needsSession: true,
  waitsForExpiry: false,
  endsSession: false,
  checks: [
    {
      name: 'status-is-passive',
      description:
        'GET and HEAD of the resource (a query string included) never extend the session and never set a cookie',
    },
  ],
  async run(context, recorder) {
    await recorder.check('status-is-passive', async () => {
      const session = await context.newSession();
      // The last read carries a query like django-session-security's ping: it must be ignored.
      const reads = [
        ['GET', ''],
        ['HEAD', ''],
        ['GET', ''],
        ['GET', '?idleSeconds=0&idleFor=0'],
      ];
      for (const [method = 'GET', query = ''] of reads) {
        await sleep(500);
        const exchange = await context.status(session, method, query);
        expectNoSetCookie(exchange, 'a status read never writes the session');
        if (method === 'HEAD') {
          expectStatusCode(exchange, 200, 'HEAD behaves like GET');
          continue;
        }
        const status = context.expectAlive(session, exchange, 'the session is young');
        expectNotReset(
          context,
          session,
          status.idleSeconds,
          exchange,
          'a status read extended the session',
        );
      }
    });
  },
};

/** Activity reports: `lastActivity = max(lastActivity, now - idleSeconds)`. */
export const reportChecks: CheckGroup = {
  name: 'reports',
  needsSession: true,
  waitsForExpiry: false,
  endsSession: false,
  checks: [
    {
      name: 'report-max-rule',
      description:
        'a report of a smaller idle time moves last activity forward; a larger one leaves it unchanged',
      dependsOn: [REPORT_ACCEPTED],
    },
    {
      name: 'report-valid-bodies',
      description:
        'reports with fractions, unknown members, a charset, the largest idle and a 1024-byte body are accepted',
      dependsOn: [REPORT_ACCEPTED],
    },
  ],
  async run(context, recorder) {
    const session = once(() => context.newSession());
    await recorder.check('report-max-rule', async () => {
      const current = await session();
      await context.sleepUntil(current.anchorMs + 1500);
      const smaller = 0.3;
      const first = await context.report(current, smaller);
      const afterSmaller = context.expectAlive(current, first, 'a report keeps the session');
      expectNear(
        afterSmaller.idleSeconds,
        smaller,
        TOLERANCE_SECONDS,
        `after reporting ${smaller} s idle`,
        first,
      );
      const larger = 1.2;
      const second = await context.report(current, larger);
      const afterLarger = context.expectAlive(current, second, 'a report keeps the session');
      // Unchanged last activity: the idle time grew only by the time between the two answers.
      const maximum =
        afterSmaller.idleSeconds + (second.receivedAtMs - first.sentAtMs) / 1000 + 0.05;
      if (afterLarger.idleSeconds > maximum) {
        fail(
          `after reporting ${larger} s idle, idleSeconds is ${round(afterLarger.idleSeconds)}, at most ${round(maximum)} expected: last activity moved back`,
          second,
        );
      }
      const read = await context.status(current);
      const status = context.expectAlive(current, read, 'a report keeps the session');
      // The server computed the two idle times at most this far apart.
      const apartSeconds = (read.receivedAtMs - second.sentAtMs) / 1000;
      if (status.idleSeconds > afterLarger.idleSeconds + apartSeconds + 0.05) {
        fail('the status read disagrees with the last report', read);
      }
    });
    await recorder.check('report-valid-bodies', async () => {
      const current = await session();
      const bodies: [string, string][] = [
        ['application/json', '{"idleSeconds":0.25,"futureMember":{"nested":[1,2]}}'],
        ['application/json; charset=utf-8', '{"idleSeconds":0}'],
        ['application/json', `{"idleSeconds":${MAX_IDLE_SECONDS}}`],
        ['application/json', padTo('{"idleSeconds":0,"padding":"', '"}', MAX_BODY_BYTES)],
      ];
      for (const [contentType, body] of bodies) {
        const exchange = await context.client.send('POST', context.resourcePath, {
          headers: context.protocolHeaders({ 'content-type': contentType }),
          body,
          jar: current.jar,
        });
        context.expectAlive(current, exchange, 'a valid report is accepted');
      }
    });
  },
};

/** A JSON text of exactly `bytes` bytes: `prefix`, padding, `suffix`. */
export function padTo(prefix: string, suffix: string, bytes: number): string {
  return prefix + 'x'.repeat(bytes - prefix.length - suffix.length) + suffix;
}

/** Ordinary requests record activity, except passive ones. */
export const ordinaryRequestChecks: CheckGroup = {
  name: 'ordinary-requests',
  needsSession: true,
  waitsForExpiry: false,
  endsSession: false,
  checks: [
    {
      name: 'ordinary-request-is-activity',
      description: 'a page load of the protected URL records activity',
    },
    {
      name: 'passive-header-is-not-activity',
      description: `a request with ${PASSIVE_HEADER}: 1 records no activity`,
      // Judged by status reads: one that extended the session would look like activity.
      dependsOn: ['status-is-passive'],
    },
    {
      name: 'foreign-request-is-not-activity',
      description:
        'a cross-site or same-site subresource load (an <img> on another site) and a cross-site navigation without user activation record no activity',
      dependsOn: ['status-is-passive'],
    },
  ],
  async run(context, recorder) {
    await recorder.check('ordinary-request-is-activity', async () => {
      const session = await context.newSession();
      await context.sleepUntil(session.anchorMs + ACTIVITY_WRITE_WAIT_MS);
      const page = await context.ordinaryRequest('page', session.jar);
      if (page.response.status >= 400)
        fail('a signed-in page load of the protected URL failed', page);
      const read = await context.status(session);
      const status = context.expectAlive(session, read, 'the page load was activity');
      const maximum = (read.receivedAtMs - page.sentAtMs) / 1000 + 0.05;
      if (status.idleSeconds > maximum) {
        fail(
          `after a page load, idleSeconds should be at most ${round(maximum)}, got ${round(status.idleSeconds)}`,
          read,
        );
      }
    });
    await recorder.check('passive-header-is-not-activity', async () => {
      const session = await context.newSession();
      await context.sleepUntil(session.anchorMs + ACTIVITY_WRITE_WAIT_MS);
      const request = await context.ordinaryRequest('api', session.jar, { [PASSIVE_HEADER]: '1' });
      if (request.response.status >= 400)
        fail('a signed-in request of the protected URL failed', request);
      expectNoSetCookie(request, 'a passive request never re-sends the session');
      const read = await context.status(session);
      const status = context.expectAlive(session, read, 'nothing ended the session');
      expectNotReset(
        context,
        session,
        status.idleSeconds,
        read,
        'a passive request counted as activity',
      );
    });
    await recorder.check('foreign-request-is-not-activity', async () => {
      const session = await context.newSession();
      await context.sleepUntil(session.anchorMs + ACTIVITY_WRITE_WAIT_MS);
      const foreign: Array<[string, Record<string, string>]> = [
        [
          'a cross-site <img>',
          {
            'sec-fetch-site': 'cross-site',
            'sec-fetch-mode': 'no-cors',
            'sec-fetch-dest': 'image',
          },
        ],
        [
          'a same-site <img>',
          { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' },
        ],
        [
          'a cross-site navigation without user activation',
          { 'sec-fetch-site': 'cross-site', 'sec-fetch-dest': 'document' },
        ],
      ];
      for (const [what, headers] of foreign) {
        const request = await context.ordinaryRequest('page', session.jar, headers);
        if (request.response.status >= 400) fail(`${what} of the protected URL failed`, request);
        const read = await context.status(session);
        const status = context.expectAlive(session, read, 'nothing ended the session');
        expectNotReset(context, session, status.idleSeconds, read, `${what} counted as activity`);
      }
    });
  },
};
