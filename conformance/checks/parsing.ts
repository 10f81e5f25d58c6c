import type { CheckGroup } from '../check-group.js';
import type { Session, SuiteContext } from '../context.js';
import { describeAnswer, expectProblem, fail, round } from '../expect.js';
import type { Exchange } from '../http-client.js';
import { TOLERANCE_SECONDS } from '../timing.js';
import { REPORT_ACCEPTED } from './setup.js';

/** Nesting every server must accept (SPEC Section 4.3). */
const ACCEPTED_DEPTH = 32;
/** Nesting a 1024-byte report can reach: a server may accept it or refuse it with 400. */
const DEEP_DEPTH = 490;
/** How long the session idles before the duplicate-member report, so that its effect shows. */
const IDLE_BEFORE_DUPLICATE_MS = 2000;

/** `{"idleSeconds":N,"nested":[[...]]}` with the report object at level 1. */
function nestedReport(idleSeconds: number, depth: number): string {
  const arrays = depth - 1;
  return `{"idleSeconds":${idleSeconds},"nested":${'['.repeat(arrays)}${']'.repeat(arrays)}}`;
}

function postRaw(
  context: SuiteContext,
  session: Session,
  body: string | Uint8Array,
): Promise<Exchange> {
  return context.client.send('POST', context.resourcePath, {
    headers: context.protocolHeaders(),
    body,
    jar: session.jar,
  });
}

/**
 * The encoding and parsing rules of SPEC Section 4.3 that accepted reports must follow:
 * duplicate members, a byte order mark, nesting. (Invalid UTF-8 is a refusal: see rejections.)
 */
export const parsingChecks: CheckGroup = {
  name: 'parsing',
  needsSession: true,
  waitsForExpiry: false,
  endsSession: false,
  checks: [
    {
      name: 'body-duplicate-members',
      description:
        'of duplicate members the last counts: {"idleSeconds":100,"idleSeconds":0} reports 0 s',
      dependsOn: [REPORT_ACCEPTED],
    },
    {
      name: 'body-byte-order-mark',
      description: 'a report with one leading byte order mark is accepted',
      dependsOn: [REPORT_ACCEPTED],
    },
    {
      name: 'body-nesting-accepted',
      description: `a report with an unknown member nested ${ACCEPTED_DEPTH} levels deep is accepted`,
      dependsOn: [REPORT_ACCEPTED],
    },
    {
      name: 'body-deep-nesting',
      description: `a report nested ${DEEP_DEPTH} levels deep is accepted or refused with 400 invalid-request, never a 5xx`,
      dependsOn: [REPORT_ACCEPTED],
    },
  ],
  async run(context, recorder) {
    const session = await context.newSession();
    await recorder.check('body-duplicate-members', async () => {
      await context.sleepUntil(session.anchorMs + IDLE_BEFORE_DUPLICATE_MS);
      const exchange = await postRaw(context, session, '{"idleSeconds":100,"idleSeconds":0}');
      const status = context.expectAlive(session, exchange, 'a valid report keeps the session');
      if (status.idleSeconds > TOLERANCE_SECONDS) {
        fail(
          `idleSeconds is ${round(status.idleSeconds)} after {"idleSeconds":100,"idleSeconds":0}: the last member (0) must count, so about 0 was expected`,
          exchange,
        );
      }
    });
    await recorder.check('body-byte-order-mark', async () => {
      const body = Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from('{"idleSeconds":0}')]);
      context.expectAlive(session, await postRaw(context, session, body), 'a BOM is ignored');
    });
    await recorder.check('body-nesting-accepted', async () => {
      const exchange = await postRaw(context, session, nestedReport(0, ACCEPTED_DEPTH));
      context.expectAlive(session, exchange, `nesting up to ${ACCEPTED_DEPTH} levels is accepted`);
    });
    await recorder.check('body-deep-nesting', async () => {
      const exchange = await postRaw(context, session, nestedReport(0, DEEP_DEPTH));
      if (exchange.response.status === 200) {
        context.expectAlive(session, exchange, 'an accepted deep report keeps the session');
        return;
      }
      if (exchange.response.status !== 400) {
        fail(
          `expected 200 or 400 invalid-request for ${DEEP_DEPTH} levels of nesting, got ${describeAnswer(exchange)}`,
          exchange,
        );
      }
      expectProblem(exchange, 'invalid-request');
    });
  },
};
