import { JSON_MEDIA_TYPE, parseJson } from '../../protocol/index.js';
import type { CheckGroup } from '../check-group.js';
import { parseSetCookie } from '../cookie-jar.js';
import { fail, hasNoStore, mediaType } from '../expect.js';
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
      description:
        'no response of the resource sets a cookie; only an answer that ended a session (expired, logout) clears one',
    },
    {
      name: 'status-form-members',
      description:
        'every status answer has the members of its form and none of the other form (no idleSeconds in an expired status, no reason in an active one)',
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
      const setting = ofResource.find((exchange) =>
        exchange.response.setCookies.some((line) => !parseSetCookie(line)?.cleared),
      );
      if (setting) fail('a response of the resource sets a cookie', setting);
      const clearing = ofResource.find(
        (exchange) => exchange.response.setCookies.length > 0 && !endedASession(exchange),
      );
      if (clearing) {
        fail(
          'a response of the resource clears a cookie although it did not end a session (only an expired or logout answer to a request with a cookie may)',
          clearing,
        );
      }
    });
    await recorder.check('status-form-members', async () => {
      for (const exchange of ofResource) {
        const extra = otherFormMembers(exchange);
        if (extra.length > 0) {
          fail(
            `a ${extra[0]} status carries ${extra.slice(1).join(', ')}, members of the other form`,
            exchange,
          );
        }
      }
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

const ACTIVE_ONLY = [
  'idleSeconds',
  'warnAfterSeconds',
  'expireAfterSeconds',
  'absoluteRemainingSeconds',
];
const EXPIRED_ONLY = ['reason'];

/** The parsed JSON of a 200 status answer, or null. */
function statusBody(exchange: Exchange): Record<string, unknown> | null {
  if (exchange.response.status !== 200 || mediaType(exchange) !== JSON_MEDIA_TYPE) return null;
  const json = parseJson(exchange.response.body);
  return json.ok && typeof json.value === 'object' && json.value !== null
    ? (json.value as Record<string, unknown>)
    : null;
}

/** [state, ...members of the other form] of a status answer; [] when it has none. */
function otherFormMembers(exchange: Exchange): string[] {
  const body = statusBody(exchange);
  if (body === null) return [];
  const other =
    body.state === 'active' ? EXPIRED_ONLY : body.state === 'expired' ? ACTIVE_ONLY : [];
  const found = other.filter((name) => name in body);
  return found.length === 0 ? [] : [String(body.state), ...found];
}

/** The request carried a cookie and the answer says its session ended (not no-session alone). */
function endedASession(exchange: Exchange): boolean {
  if (exchange.request.headers.cookie === undefined) return false;
  const body = statusBody(exchange);
  // HEAD answers have no body: judged like the GET they mirror, by the absence of one.
  if (exchange.request.method === 'HEAD') return exchange.response.status === 200;
  return body?.state === 'expired';
}

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
