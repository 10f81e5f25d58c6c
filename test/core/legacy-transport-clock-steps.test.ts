import { expect } from '@open-wc/testing';
import { LegacyTransport } from '../../components/session-security/core/legacy-transport.js';
import { LegacyPingView } from '../support/legacy-ping-view.js';
import { describe, it } from '../support/mocha.js';

const T0 = 1_700_000_000_000;
const HOUR_MS = 3_600_000;

/**
 * A legacy server on real time and a transport whose wall clock can be set away from it (the
 * monotonic clock follows real time). The page loaded at T0.
 */
function setUp() {
  const time = { realMs: 0, stepsMs: 0 };
  const view = new LegacyPingView(() => T0 + time.realMs, 10);
  const transport = new LegacyTransport(view.path, {
    timeouts: { warnAfterSeconds: 5, expireAfterSeconds: 10 },
    fetchFunction: view.fetch,
    nowMs: () => T0 + time.realMs + time.stepsMs,
    monotonicMs: () => time.realMs,
    loadedAtMs: T0,
    wait: async (ms) => {
      time.realMs += ms;
    },
  });
  const idleFor = () => view.requests.map((r) => r.url.searchParams.get('idleFor'));
  return { time, view, transport, idleFor };
}

describe('LegacyTransport with a wall clock that steps', () => {
  it('set back 1 h: a status read never sends a negative idleFor nor claims activity now', async () => {
    const { time, view, transport, idleFor } = setUp();
    time.realMs = 2_000;
    time.stepsMs = -HOUR_MS;
    time.realMs = 4_000;
    const status = await transport.readStatus();
    // Sent as the 4 s it is since the page load: the server's last activity does not move.
    expect(idleFor()).to.deep.equal(['4']);
    expect(view.lastActivityMs).to.equal(T0);
    expect(status).to.include({ state: 'active', idleSeconds: 4 });
  });

  it('set back 1 h: the next status read after an answer is still counted from the server', async () => {
    const { time, view, transport, idleFor } = setUp();
    time.realMs = 3_000;
    await transport.readStatus();
    time.stepsMs = -HOUR_MS;
    time.realMs = 7_000;
    const status = await transport.readStatus();
    expect(idleFor()).to.deep.equal(['3', '7']);
    expect(view.lastActivityMs).to.equal(T0);
    expect(status).to.include({ state: 'active', idleSeconds: 7 });
  });

  it('set forward 1 h: a status read stays passive (idleFor counts the hour, nothing moves)', async () => {
    const { time, view, transport, idleFor } = setUp();
    time.realMs = 2_000;
    time.stepsMs = HOUR_MS;
    const status = await transport.readStatus();
    expect(idleFor()).to.deep.equal(['3602']);
    expect(view.lastActivityMs).to.equal(T0);
    // The server's answer (2 s) is what the element goes by; here, the earliest it allows.
    expect(status).to.include({ state: 'active', idleSeconds: 3 });
  });
});
