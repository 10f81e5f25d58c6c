import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { FetchTransport } from '../../components/session-security/core/fetch-transport.js';
import { TransportError } from '../../components/session-security/core/transport.js';
import { checkActivityReportBody, type TestVector } from '../../protocol/index.js';
import { FakeServer } from '../support/fake-server.js';
import { describe, it } from '../support/mocha.js';
import { cannedFetch, type FetchCall, fakeFetch } from './support/fake-fetch.js';

async function failure(promise: Promise<unknown>): Promise<TransportError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TransportError) return error;
    throw error;
  }
  throw new Error('expected a TransportError');
}

describe('FetchTransport (protocol v1 over fetch)', () => {
  it('reads the status with a plain GET: same-origin credentials, no-store, no custom header', async () => {
    const calls: FetchCall[] = [];
    const server = new FakeServer(() => Date.now());
    const status = await new FetchTransport('/s', fakeFetch(server, calls)).readStatus();
    expect(status.state).to.equal('active');
    const [call] = calls;
    expect(call?.input).to.equal('/s');
    expect(call?.init).to.include({ method: 'GET', credentials: 'same-origin', cache: 'no-store' });
    expect(call?.init.headers).to.equal(undefined);
  });

  it('reports activity with a versioned JSON POST and logs out with a versioned DELETE', async () => {
    const calls: FetchCall[] = [];
    const server = new FakeServer(() => Date.now());
    const transport = new FetchTransport('/s', fakeFetch(server, calls));
    expect((await transport.reportActivity(2.5)).state).to.equal('active');
    expect(await transport.logout()).to.deep.equal({
      version: 1,
      state: 'expired',
      reason: 'logout',
    });
    expect(calls.map((c) => [c.init.method, c.init.body])).to.deep.equal([
      ['POST', '{"idleSeconds":2.5}'],
      ['DELETE', undefined],
    ]);
    for (const call of calls) {
      expect(call.init.headers).to.deep.equal({
        'session-security-version': '1',
        'content-type': 'application/json',
      });
    }
  });

  const malformed: Array<[string, string, string?]> = [
    ['invalid JSON', '{"version":1,'],
    ['an array', '[]'],
    ['another version', '{"version":2,"state":"expired","reason":"idle"}'],
    ['an unknown state', '{"version":1,"state":"sleeping"}'],
    ['an unknown reason', '{"version":1,"state":"expired","reason":"bored"}'],
    ['a missing member', '{"version":1,"state":"active","idleSeconds":1,"warnAfterSeconds":5}'],
    [
      'warn after expire',
      '{"version":1,"state":"active","idleSeconds":1,"warnAfterSeconds":9,"expireAfterSeconds":5}',
    ],
    [
      'a negative idle time',
      '{"version":1,"state":"active","idleSeconds":-1,"warnAfterSeconds":5,"expireAfterSeconds":9}',
    ],
    ['an HTML page', '<!doctype html><p>Sign in', 'text/html'],
  ];
  for (const [what, body, type] of malformed) {
    it(`rejects an answer with ${what} as malformed`, async () => {
      const error = await failure(
        new FetchTransport('/s', cannedFetch(body, 200, type)).readStatus(),
      );
      expect(error.kind).to.equal('malformed');
    });
  }

  it('turns an HTTP error into an http error with the problem detail', async () => {
    const problem = JSON.stringify({
      type: 'https://session-security.dev/problems/store-unavailable',
      title: 'The session store is unavailable',
      status: 503,
      detail: 'redis is down',
    });
    const error = await failure(
      new FetchTransport('/s', cannedFetch(problem, 503, 'application/problem+json')).readStatus(),
    );
    expect(error.kind).to.equal('http');
    expect(error.status).to.equal(503);
    expect(error.message).to.contain('redis is down');
  });

  it('turns a failed fetch into a network error', async () => {
    const transport = new FetchTransport('/s', () => Promise.reject(new TypeError('offline')));
    const error = await failure(transport.reportActivity(0));
    expect(error.kind).to.equal('network');
    expect(error.message).to.contain('offline');
  });
});

describe('the fake server agrees with the protocol vectors', () => {
  it('answers every successful GET, POST and DELETE vector exactly, and keeps the same state', async () => {
    const names = (await executeServerCommand('list-protocol-vectors')) as string[];
    let replayed = 0;
    for (const name of names) {
      const vector = (await (await fetch(`/protocol/vectors/${name}`)).json()) as TestVector;
      const { method } = vector.request;
      if (vector.response.status !== 200 || !['GET', 'POST', 'DELETE'].includes(method)) continue;
      const nowMs = 1_700_000_000_000;
      const server = new FakeServer(() => nowMs, vector.timeouts);
      server.record =
        vector.prior.session === 'none'
          ? null
          : {
              lastActivityMs: nowMs - vector.prior.idleMs,
              startedAtMs: nowMs - vector.prior.ageMs,
            };
      let answer: unknown;
      if (method === 'GET') answer = await server.readStatus();
      else if (method === 'DELETE') answer = await server.logout();
      else {
        const contentType = vector.request.headers['content-type'];
        const report = checkActivityReportBody(contentType, vector.request.body ?? '');
        if (!report.ok) throw new Error(`${name}: ${report.detail}`);
        answer = await server.reportActivity(report.value.idleSeconds);
      }
      expect(answer, name).to.deep.equal(vector.response.body);
      const after = server.record
        ? {
            session: 'active',
            idleMs: nowMs - server.record.lastActivityMs,
            ageMs: nowMs - server.record.startedAtMs,
          }
        : { session: 'none' };
      expect(after, name).to.deep.equal(vector.after);
      replayed += 1;
    }
    expect(replayed).to.be.greaterThan(20);
  });
});
