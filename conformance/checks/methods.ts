import type { CheckGroup } from '../check-group.js';
import { expectProblem, fail } from '../expect.js';
import type { Exchange } from '../http-client.js';

const ALLOWED = ['DELETE', 'GET', 'HEAD', 'POST'];

function expectAllowHeader(exchange: Exchange): void {
  const allow = (exchange.response.headers.allow ?? '')
    .split(',')
    .map((method) => method.trim().toUpperCase())
    .filter((method) => method !== '')
    .sort();
  if (allow.join(',') !== ALLOWED.join(',')) {
    fail(
      `expected Allow: GET, HEAD, POST, DELETE, got ${exchange.response.headers.allow ?? 'none'}`,
      exchange,
    );
  }
}

/** Methods other than GET, HEAD, POST and DELETE: 405 problem with Allow, and no CORS preflight. */
export const methodChecks: CheckGroup = {
  name: 'methods',
  needsSession: false,
  waitsForExpiry: false,
  endsSession: false,
  checks: [
    { name: 'method-put', description: 'PUT answers 405 method-not-allowed with Allow' },
    { name: 'method-patch', description: 'PATCH answers 405 method-not-allowed with Allow' },
    {
      name: 'method-propfind',
      description:
        'a method outside the usual set (PROPFIND, WebDAV) answers 405 method-not-allowed with Allow, not 404',
    },
    {
      name: 'method-options-preflight',
      description: 'a CORS preflight (OPTIONS) answers 405 method-not-allowed and grants nothing',
    },
  ],
  async run(context, recorder) {
    for (const method of ['PUT', 'PATCH']) {
      await recorder.check(`method-${method.toLowerCase()}`, async () => {
        const exchange = await context.client.send(method, context.resourcePath, {
          headers: context.protocolHeaders(),
          body: '{"idleSeconds":0}',
        });
        expectProblem(exchange, 'method-not-allowed');
        expectAllowHeader(exchange);
      });
    }
    await recorder.check('method-propfind', async () => {
      const exchange = await context.client.send('PROPFIND', context.resourcePath, {
        headers: { depth: '0' },
      });
      expectProblem(exchange, 'method-not-allowed');
      expectAllowHeader(exchange);
    });
    await recorder.check('method-options-preflight', async () => {
      const exchange = await context.client.send('OPTIONS', context.resourcePath, {
        headers: {
          origin: 'https://attacker.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, session-security-version',
          'sec-fetch-mode': 'cors',
          'sec-fetch-site': 'cross-site',
        },
      });
      expectProblem(exchange, 'method-not-allowed');
      expectAllowHeader(exchange);
    });
  },
};
