import { fail, hasNoStore } from '../expect.js';
import type { Exchange } from '../http-client.js';
import type { CheckGroup } from '../runner.js';

/**
 * Rules about every response the suite received, checked once all other checks are done, so
 * that every error answer and every session state is covered.
 */
export const everyResponseChecks: CheckGroup = {
  name: 'every-response',
  needsSession: false,
  waitsForExpiry: false,
  endsSession: false,
  checks: [
    {
      name: 'no-store-everywhere',
      description: 'every response of the resource, errors included, has Cache-Control: no-store',
    },
    { name: 'no-cors', description: 'no response carries Access-Control-* headers' },
    { name: 'no-server-errors', description: 'no response is a 5xx' },
  ],
  async run(context, recorder) {
    const exchanges = [...context.client.exchanges];
    const ofResource = exchanges.filter(
      (exchange) => new URL(exchange.request.url).pathname === context.resourcePath,
    );
    await recorder.check('no-store-everywhere', async () => {
      if (ofResource.length === 0) fail('no response of the resource was received');
      const missing = ofResource.filter((exchange) => !hasNoStore(exchange));
      const first = missing[0];
      if (first) {
        const got = first.response.headers['cache-control'] ?? 'none';
        fail(
          `${missing.length} of ${ofResource.length} responses lack Cache-Control: no-store (the first has ${got})`,
          first,
        );
      }
    });
    await recorder.check('no-cors', async () => {
      const first = exchanges.find(hasCorsHeader);
      if (first) fail('a response carries CORS headers: the resource must never be shared', first);
    });
    await recorder.check('no-server-errors', async () => {
      const errors = exchanges.filter((exchange) => exchange.response.status >= 500);
      const first = errors[0];
      if (first) fail(`${errors.length} responses were server errors; the first:`, first);
    });
  },
};

function hasCorsHeader(exchange: Exchange): boolean {
  return Object.keys(exchange.response.headers).some((name) => name.startsWith('access-control-'));
}
