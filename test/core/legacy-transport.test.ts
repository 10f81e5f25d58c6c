import { expect } from '@open-wc/testing';
import {
  createLegacyTransport,
  LegacyTransport,
} from '../../components/session-security/core/legacy-transport.js';
import { TransportError } from '../../components/session-security/core/transport.js';
import type { SessionStatus } from '../../protocol/index.js';
import { LegacyPingView } from '../support/legacy-ping-view.js';
import { describe, it } from '../support/mocha.js';

const T0 = 1_700_000_000_000;
const PING_PATH = '/session_security/ping/';

/** A legacy server and a transport to it on one hand-driven clock (the page loaded at T0). */
function setUp(pingUrl = PING_PATH) {
  const clock = { nowMs: T0 };
  const nowMs = () => clock.nowMs;
  const view = new LegacyPingView(nowMs, 10, PING_PATH);
  const waits: number[] = [];
  const transport = new LegacyTransport(pingUrl, {
    timeouts: { warnAfterSeconds: 5, expireAfterSeconds: 10 },
    fetchFunction: view.fetch,
    nowMs,
    loadedAtMs: T0,
    wait: async (ms) => {
      waits.push(ms);
      clock.nowMs += ms;
    },
  });
  const at = (ms: number) => {
    clock.nowMs = T0 + ms;
  };
  return { view, transport, at, waits };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

function active(idleSeconds: number): SessionStatus {
  return { version: 1, state: 'active', idleSeconds, warnAfterSeconds: 5, expireAfterSeconds: 10 };
}

describe('LegacyTransport against the django-session-security ping view', () => {
  // The old server's answer is truncated: 1 means 1 to 2 s idle, and the status says 2 (the
  // earliest last activity) unless this report certainly moved the server (3, 2).
  const pairs: Array<[number, number, SessionStatus]> = [
    [1, 4, active(2)],
    [3, 2, active(2)],
    [5, 5, active(5)],
    [12, 14, { version: 1, state: 'expired', reason: 'no-session' }],
  ];
  for (const [serverIdle, idleFor, expected] of pairs) {
    it(`ping(server idle ${serverIdle}, idleFor ${idleFor}): sent as is, answered never later`, async () => {
      const { view, transport, at } = setUp();
      at(100_000);
      view.lastActivityMs = T0 + 100_000 - serverIdle * 1000;
      const status = await transport.reportActivity(idleFor);
      expect(status).to.deep.equal(expected);
      expect(view.requests.map((r) => r.url.searchParams.get('idleFor'))).to.deep.equal([
        String(idleFor),
      ]);
    });
  }

  it('a report waits until the activity is whole seconds old, so the server records it as it was', async () => {
    const { view, transport, at, waits } = setUp();
    at(6_000);
    const status = await transport.reportActivity(2.3);
    expect(waits).to.have.length(1);
    expect(waits[0]).to.be.closeTo(700, 0.001);
    expect(
      view.requests.map((r) => [r.atMs - T0, r.url.searchParams.get('idleFor')]),
    ).to.deep.equal([[6_700, '3']]);
    expect(view.lastActivityMs).to.equal(T0 + 3_700);
    // Seconds idle at the moment the element asked (6 s): exactly 2.3.
    expect(status).to.deep.equal(active(2.3));
  });

  it('activity within 0.1 s goes at once as idleFor=0', async () => {
    const { view, transport, at, waits } = setUp();
    at(6_000);
    await transport.reportActivity(0.05);
    expect(waits).to.deep.equal([]);
    expect(view.requests[0]?.url.searchParams.get('idleFor')).to.equal('0');
  });

  it("a truncated answer about activity from elsewhere: the deadline is never later than the server's", async () => {
    const { view, transport, at } = setUp();
    at(900);
    view.pageLoad();
    at(5_800);
    // The server is 4.9 s idle and answers 4: the last activity is taken as 0.8 s, not 1.8 s.
    const status = await transport.readStatus();
    expect(status).to.deep.include({ state: 'active' });
    const idleSeconds = (status as { idleSeconds: number }).idleSeconds;
    expect(T0 + 5_800 - idleSeconds * 1000).to.be.at.most(view.lastActivityMs as number);
    expect(idleSeconds).to.equal(5);
  });

  it('never revives an expired session, whatever idleFor says afterwards', async () => {
    const { view, transport, at } = setUp();
    at(12_000);
    expect(await transport.reportActivity(0)).to.deep.include({ state: 'expired' });
    expect(view.lastActivityMs).to.equal(null);
    at(12_500);
    expect(await transport.reportActivity(0)).to.deep.include({ state: 'expired' });
    expect(await transport.readStatus()).to.deep.include({ state: 'expired' });
    expect(view.lastActivityMs).to.equal(null);
  });

  it('sends GET <ping-url>?idleFor=<whole seconds>&_=<unique>, same-origin, no-store, no headers', async () => {
    const { view, transport, at } = setUp(`${PING_PATH}?site=intranet`);
    at(1_000);
    await transport.reportActivity(0);
    await transport.reportActivity(2.3);
    await transport.readStatus();
    expect(view.requests).to.have.length(3);
    for (const { url, init } of view.requests) {
      expect(url.origin).to.equal(location.origin);
      expect(url.pathname).to.equal(PING_PATH);
      expect(url.searchParams.get('site')).to.equal('intranet');
      expect(url.searchParams.get('idleFor')).to.match(/^\d+$/);
      expect(url.searchParams.get('_')).to.match(/^\d+$/);
      expect(init.method).to.equal('GET');
      expect(init.credentials).to.equal('same-origin');
      expect(init.cache).to.equal('no-store');
      expect(init.headers).to.equal(undefined);
      expect(init.body).to.equal(undefined);
    }
    const busters = view.requests.map((r) => r.url.searchParams.get('_'));
    expect(new Set(busters).size, 'cache busters differ').to.equal(3);
    // A report waits for whole seconds (2.3 s -> 3 s, 0.7 s later). The read asks with the
    // time since the earliest the server's last activity can be (the first report's 1 s),
    // rounded up (0.7 s -> 1): it never moves the server.
    expect(view.requests.map((r) => r.url.searchParams.get('idleFor'))).to.deep.equal([
      '0',
      '3',
      '1',
    ]);
  });

  it('reads the status without moving the server last activity (readStatus is passive)', async () => {
    const { view, transport, at } = setUp();
    at(4_000);
    expect(await transport.readStatus()).to.deep.equal(active(4));
    expect(view.requests[0]?.url.searchParams.get('idleFor')).to.equal('4');
    expect(view.lastActivityMs).to.equal(T0);
    at(6_000);
    expect(await transport.reportActivity(1)).to.deep.equal(active(1));
    expect(view.lastActivityMs).to.equal(T0 + 5_000);
    // Page loads elsewhere move the server, never the status reads of this tab.
    for (const ms of [6_400, 7_100, 8_999, 9_000, 12_345, 14_999]) {
      at(ms);
      const before = view.lastActivityMs;
      const status = await transport.readStatus();
      expect(view.lastActivityMs, `at ${ms} ms`).to.equal(before);
      // This tab's report certainly moved the server to 5 s: the reads know it exactly.
      expect(status).to.deep.equal(active((ms - 5_000) / 1000));
    }
  });

  it('does not count a failed report as told: the next read asks with the older idle time', async () => {
    const { view, transport, at } = setUp();
    view.faults.push('network');
    at(3_000);
    const error = await rejection(transport.reportActivity(0));
    expect(error).to.be.instanceOf(TransportError).and.include({ kind: 'network' });
    at(4_000);
    expect(await transport.readStatus()).to.deep.equal(active(4));
    expect(view.requests.map((r) => r.url.searchParams.get('idleFor'))).to.deep.equal(['0', '4']);
  });

  const malformed: Array<[string, string]> = [
    ['non-JSON text', 'pong'],
    ['an HTML login page', '<!doctype html><title>Log in</title>'],
    ['an empty body', ''],
    ['a number as a string', '"5"'],
    ['another string', '"Logout"'],
    ['an object', '{"idle":5}'],
    ['an array', '[5]'],
    ['null', 'null'],
    ['a boolean', 'true'],
    ['a negative number', '-1'],
    ['a fraction', '1.5'],
    ['an overflowing number', '1e400'],
    ['an unsafe integer', '9007199254740993'],
    ['a huge idle time', '31536001'],
    ['an idle time at expire-after', '10'],
  ];
  for (const [what, body] of malformed) {
    it(`rejects ${what} as malformed`, async () => {
      const { view, transport, at } = setUp();
      view.faults.push({ status: 200, body });
      at(1_000);
      const error = await rejection(transport.reportActivity(0));
      expect(error).to.be.instanceOf(TransportError).and.include({ kind: 'malformed' });
      expect(error.message).to.contain(PING_PATH);
    });
  }

  it('calls a huge idle time out of range', async () => {
    const { view, transport } = setUp();
    view.faults.push({ status: 200, body: '31536001' });
    const error = await rejection(transport.readStatus());
    expect(error.message).to.contain('out of range');
  });

  it('names the setting to fix when the server idles longer than expire-after', async () => {
    const { view, transport } = setUp();
    view.faults.push({ status: 200, body: '12' });
    const error = await rejection(transport.readStatus());
    expect(error.message).to.contain("set expire-after to the server's EXPIRE_AFTER");
  });

  for (const status of [403, 404, 500, 502]) {
    it(`rejects an HTTP ${status} answer as an http error with its status`, async () => {
      const { view, transport } = setUp();
      view.faults.push({ status, body: '3' });
      const error = await rejection(transport.readStatus());
      expect(error).to.be.instanceOf(TransportError).and.include({ kind: 'http', status });
    });
  }

  it('rejects a failed request as a network error', async () => {
    const { view, transport } = setUp();
    view.faults.push('network');
    const error = await rejection(transport.reportActivity(0));
    expect(error).to.be.instanceOf(TransportError).and.include({ kind: 'network' });
    expect(error.message).to.contain('Failed to fetch');
  });

  it('logs out without a request: the protocol has no logout call', async () => {
    const { view, transport } = setUp();
    expect(await transport.logout()).to.deep.equal({
      version: 1,
      state: 'expired',
      reason: 'logout',
    });
    expect(view.requests).to.have.length(0);
  });

  for (const [pingUrl, message] of [
    ['https://elsewhere.example/session_security/ping/', 'on this page'],
    ['javascript:alert(1)', 'http(s) URL'],
    ['http://[broken', 'not a valid URL'],
  ] as const) {
    it(`refuses the ping URL ${pingUrl} with a clear error and sends nothing`, async () => {
      const { view, transport } = setUp(pingUrl);
      const error = await rejection(transport.readStatus());
      expect(error.message).to.contain(message);
      expect(view.requests).to.have.length(0);
    });
  }

  for (const idleSeconds of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
    it(`refuses to report ${idleSeconds} idle seconds and sends nothing`, async () => {
      const { view, transport } = setUp();
      const error = await rejection(transport.reportActivity(idleSeconds));
      expect(error).to.be.instanceOf(RangeError);
      expect(view.requests).to.have.length(0);
    });
  }

  it('takes the timeouts from the element, with the old defaults when they are invalid', async () => {
    const original = window.fetch;
    const seen: string[] = [];
    window.fetch = async (input) => {
      seen.push(String(input));
      return new Response('7', { headers: { 'content-type': 'application/json' } });
    };
    try {
      const configured = await createLegacyTransport(PING_PATH, 30, 60).readStatus();
      expect(configured).to.include({ warnAfterSeconds: 30, expireAfterSeconds: 60 });
      const invalid = await createLegacyTransport(PING_PATH, 60, 30).readStatus();
      expect(invalid).to.include({ warnAfterSeconds: 540, expireAfterSeconds: 600 });
    } finally {
      window.fetch = original;
    }
    expect(seen).to.have.length(2);
    expect(new URL(seen[0] ?? '').pathname).to.equal(PING_PATH);
  });
});
