// A client clock that is hours off must be harmless: warnings and expiry come at the right real
// times, because deadlines are anchored at each request's send time on the element's own clock
// (the server's time never crosses the wire). A clock set back mid-session too: the monotonic
// clock (performance.now, faked with the timers) tells the step from time passing.
import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { FakeServer } from '../support/fake-server.js';
import { afterEach, beforeEach, describe, it } from '../support/mocha.js';
import { flushMicrotasks } from '../support/ticks.js';
import { dialogOf, mount, unmountAll } from './support/element-fixture.js';

const T0 = 1_700_000_000_000;
const HOUR_MS = 3_600_000;

describe('<session-security> with a client clock hours off (warn 5 s, expire 10 s)', () => {
  let clock: sinon.SinonFakeTimers;
  /** Real time (the server's) runs on the fake timers; the element's clock is off by this. */
  let offsetMs = 0;
  const at = async (ms: number) => {
    await clock.tickAsync(T0 + ms - Date.now());
    await flushMicrotasks();
  };

  beforeEach(() => {
    clock = sinon.useFakeTimers({
      now: T0,
      toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'],
    });
    offsetMs = 0;
  });
  afterEach(() => {
    unmountAll();
    clock.restore();
  });

  /** Mounts with the element's clock `initialOffsetMs` off real time from the start. */
  async function mountWithOffset(initialOffsetMs: number) {
    offsetMs = initialOffsetMs;
    const server = new FakeServer(() => Date.now());
    return mount({}, server, { now: () => Date.now() + offsetMs });
  }

  for (const [name, skewMs] of [
    ['2 h fast', 2 * HOUR_MS],
    ['2 h slow', -2 * HOUR_MS],
  ] as const) {
    it(`${name}: a key at 1 s warns at 6 s and expires at 11 s (+ the check's 250 ms), real time`, async () => {
      const { el, server } = await mountWithOffset(skewMs);
      await at(1_000);
      document.body.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, key: 'a' }));
      await at(5_999);
      expect(el.state).to.equal('active');
      await at(6_000);
      expect(el.state).to.equal('warning');
      expect(el.deadlineMs - offsetMs).to.equal(T0 + 11_000);
      await at(11_249);
      expect(el.state).to.equal('warning');
      await at(11_250);
      expect(el.state).to.equal('expired');
      expect(server.requests.filter((r) => r.method === 'POST')).to.deep.equal([
        { method: 'POST', atMs: T0 + 5_000, idleSeconds: 4 },
      ]);
    });
  }

  it('set back 1 h during the warning: within a second the dialog counts down the real time left', async () => {
    const { el } = await mountWithOffset(0);
    const timeLeft = () =>
      dialogOf(el).shadowRoot?.querySelector('[part~="timer"]')?.textContent?.trim();
    await at(6_100);
    expect([el.state, timeLeft()]).to.deep.equal(['warning', '4 seconds']);
    offsetMs = -HOUR_MS;
    await at(7_100);
    expect(el.deadlineMs - offsetMs).to.equal(T0 + 10_000);
    expect(timeLeft()).to.equal('3 seconds');
    await at(10_249);
    expect(el.state).to.equal('warning');
    await at(10_250);
    expect(el.state).to.equal('expired');
  });
});
