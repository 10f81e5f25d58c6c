import type { FetchFunction } from '../../../components/session-security/core/fetch-transport.js';
import { makeProblem, parseActivityReport, parseJson } from '../../../protocol/index.js';
import type { FakeServer } from '../../support/fake-server.js';

/** A request as the fake fetch received it. */
export interface FetchCall {
  readonly input: string;
  readonly init: RequestInit;
}

function json(body: unknown, status = 200, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': type, 'cache-control': 'no-store' },
  });
}

/** `fetch` answering protocol v1 from a {@link FakeServer}, recording every call. */
export function fakeFetch(server: FakeServer, calls: FetchCall[] = []): FetchFunction {
  return async (input, init) => {
    calls.push({ input, init });
    const method = init.method ?? 'GET';
    const headers = new Headers(init.headers);
    if (method !== 'GET' && headers.get('session-security-version') !== '1') {
      return json(makeProblem('missing-version-header'), 403, 'application/problem+json');
    }
    if (method === 'GET') return json(await server.readStatus());
    if (method === 'DELETE') return json(await server.logout());
    const body = parseJson(String(init.body));
    const report = body.ok ? parseActivityReport(body.value) : body;
    if (!report.ok) {
      return json(makeProblem('invalid-request', report.error), 400, 'application/problem+json');
    }
    return json(await server.reportActivity(report.value.idleSeconds));
  };
}

/** `fetch` that always answers `body` as `type` with `status`. */
export function cannedFetch(body: string, status = 200, type = 'application/json'): FetchFunction {
  return async () => new Response(body, { status, headers: { 'content-type': type } });
}
