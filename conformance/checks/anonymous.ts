import { JSON_MEDIA_TYPE } from '../../protocol/index.js';
import type { CheckGroup } from '../check-group.js';
import { expectExpired, expectNoSetCookie, expectStatusCode, fail, mediaType } from '../expect.js';
import { REPORT_ACCEPTED } from './setup.js';

const why = 'an anonymous caller never gets a session';

/** Callers without a session: answered `no-session`, and no session is ever created. */
export const anonymousChecks: CheckGroup = {
  name: 'anonymous',
  needsSession: false,
  waitsForExpiry: false,
  endsSession: false,
  checks: [
    {
      name: 'anonymous-status',
      description: 'GET without a session answers expired no-session and sets no cookie',
    },
    {
      name: 'anonymous-head',
      description:
        'HEAD without a session answers 200 with the GET header fields (application/json), without a body, and sets no cookie',
    },
    {
      name: 'anonymous-report',
      description: 'POST without a session answers expired no-session and sets no cookie',
      dependsOn: [REPORT_ACCEPTED],
    },
    {
      name: 'anonymous-logout',
      description: 'DELETE without a session answers expired no-session and sets no cookie',
      dependsOn: [REPORT_ACCEPTED],
    },
  ],
  async run(context, recorder) {
    await recorder.check('anonymous-status', async () => {
      const exchange = await context.status();
      expectExpired(exchange, ['no-session'], why);
      expectNoSetCookie(exchange, why);
    });
    await recorder.check('anonymous-head', async () => {
      const exchange = await context.status(undefined, 'HEAD');
      expectStatusCode(exchange, 200, 'HEAD behaves like GET');
      if (exchange.response.body !== '') fail('a HEAD answer has no body', exchange);
      if (mediaType(exchange) !== JSON_MEDIA_TYPE) {
        fail(
          `a HEAD answer has the header fields of the GET: expected Content-Type ${JSON_MEDIA_TYPE}, got ${mediaType(exchange) || 'none'}`,
          exchange,
        );
      }
      expectNoSetCookie(exchange, why);
    });
    await recorder.check('anonymous-report', async () => {
      const exchange = await context.report(undefined, 0);
      expectExpired(exchange, ['no-session'], why);
      expectNoSetCookie(exchange, why);
    });
    await recorder.check('anonymous-logout', async () => {
      const exchange = await context.logout();
      expectExpired(exchange, ['no-session'], why);
      expectNoSetCookie(exchange, why);
    });
  },
};
