import type { CheckGroup } from '../check-group.js';
import { parseSetCookie } from '../cookie-jar.js';
import { fail, hasNoStore } from '../expect.js';
import type { Exchange } from '../http-client.js';

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
    {
      name: 'no-set-cookie-on-resource',
      description: 'no response of the resource sets a cookie, except a DELETE clearing one',
    },
    {
      name: 'no-secrets-in-answers',
      description: 'no response of the resource repeats a cookie value the request carried',
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
    await recorder.check('no-set-cookie-on-resource', async () => {
      const first = ofResource.find((exchange) =>
        exchange.response.setCookies.some(
          (line) => exchange.request.method !== 'DELETE' || !parseSetCookie(line)?.cleared,
        ),
      );
      if (first) fail('a response of the resource sets a cookie', first);
    });
    await recorder.check('no-secrets-in-answers', async () => {
      const first = ofResource.find((exchange) =>
        cookieValues(exchange).some((value) => exchange.response.body.includes(value)),
      );
      if (first) fail('a response of the resource repeats a cookie value of the request', first);
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

/**
 * Values of the cookies a request carried that are long enough to be secrets: as sent, decoded,
 * and the id inside a signed `s:<id>.<signature>` value.
 */
function cookieValues(exchange: Exchange): string[] {
  return (exchange.request.headers.cookie ?? '')
    .split(';')
    .map((pair) => pair.slice(pair.indexOf('=') + 1).trim())
    .flatMap((value) => {
      let decoded = value;
      try {
        decoded = decodeURIComponent(value);
      } catch {
        // Not percent-encoded: the value as sent is all there is.
      }
      const signedId = /^s:([^.]+)\./.exec(decoded)?.[1];
      return [value, decoded, ...(signedId ? [signedId] : [])];
    })
    .filter((value) => value.length >= 8);
}
