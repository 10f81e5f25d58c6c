import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { FakeServer } from '../support/fake-server.js';
import { afterEach, beforeEach, describe, it } from '../support/mocha.js';
import { flushMicrotasks } from '../support/ticks.js';
import { ChannelHub } from './support/channel-hub.js';
import { MachineHarness } from './support/machine-harness.js';

const T0 = 1_700_000_000_000;
const HOUR_MS = 3_600_000;

/**
 * The client's wall clock set back or forward by an hour mid-session (warn 5 s, expire 10 s).
 * sinon's `setSystemTime` moves Date.now only, never the timers: exactly a wall-clock step. The
 * server's clock and the monotonic clock follow real time, which `at()` moves (ms after T0).
 */
describe('SessionMachine with a wall clock that steps mid-session', () => {
  let clock: sinon.SinonFakeTimers;
  /** How far the wall clock was set away from real time. */
  let stepsMs = 0;
  const realMs = () => Date.now() - stepsMs;
  const monotonicMs = () => realMs() - T0;
  const at = (ms: number) => clock.tickAsync(T0 + ms - realMs());
  const step = (ms: number) => {
    stepsMs += ms;
    clock.setSystemTime(Date.now() + ms);
  };
  /** A wall-clock moment (ms after T0 in real time) as the stepped clock shows it. */
  const wall = (ms: number) => T0 + ms + stepsMs;
  const server = () => new FakeServer(realMs);
  const tab = (fake = server(), channel: ChannelHub | null = null, leader = true) =>
    new MachineHarness(fake, channel?.open() ?? null, { leader, monotonicMs }).start();

  beforeEach(() => {
    stepsMs = 0;
    clock = sinon.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => clock.restore());

  it('set back 1 h before the warning: checks, warns and expires at the same real times', async () => {
    const leader = await tab();
    await at(2_000);
    step(-HOUR_MS);
    await at(3_999);
    expect(leader.server.requests).to.have.length(1);
    await at(4_000);
    expect(leader.server.requests.map((r) => r.atMs - T0)).to.deep.equal([0, 4_000]);
    await at(4_999);
    expect(leader.state).to.equal('active');
    await at(5_000);
    // The snapshot's deadline is on the wall clock of the moment (the dialog counts down to it).
    expect(leader.machine.snapshot).to.include({ state: 'warning', deadlineMs: wall(10_000) });
    await at(10_249);
    expect(leader.state).to.equal('warning');
    await at(10_250);
    expect(leader.machine.snapshot).to.include({ state: 'expired', reason: 'idle' });
  });

  it('set back 1 h: activity before and after the step counts, reported as it was', async () => {
    const leader = await tab();
    await at(2_000);
    leader.machine.recordActivity();
    await at(3_000);
    step(-HOUR_MS);
    await at(3_500);
    leader.machine.recordActivity();
    await at(8_499);
    expect(leader.state).to.equal('active');
    const reports = leader.server.requests.filter((r) => r.method === 'POST');
    expect(reports).to.deep.equal([{ method: 'POST', atMs: T0 + 7_500, idleSeconds: 4 }]);
    await at(8_500);
    expect(leader.machine.snapshot).to.include({ state: 'warning', deadlineMs: wall(13_500) });
    await at(13_750);
    expect(leader.machine.snapshot).to.include({ state: 'expired', reason: 'idle' });
  });

  it('set back 1 h during the warning: the countdown follows within a second, activity extends', async () => {
    const leader = await tab();
    await at(6_000);
    expect(leader.machine.snapshot).to.include({ state: 'warning', deadlineMs: T0 + 10_000 });
    step(-HOUR_MS);
    await at(7_000);
    expect(leader.machine.snapshot).to.include({ state: 'warning', deadlineMs: wall(10_000) });
    await at(8_000);
    leader.machine.recordActivity();
    await flushMicrotasks();
    expect(leader.server.requests.at(-1)).to.deep.equal({
      method: 'POST',
      atMs: T0 + 8_000,
      idleSeconds: 0,
    });
    expect(leader.machine.snapshot).to.include({ state: 'active', deadlineMs: wall(18_000) });
    await at(12_999);
    expect(leader.state).to.equal('active');
    await at(13_000);
    expect(leader.state).to.equal('warning');
  });

  it('set back 1 h while an answer is on its way: the answer is placed at its real send time', async () => {
    const slow = server();
    const read = slow.readStatus.bind(slow);
    // Every answer takes 500 ms to come back.
    slow.readStatus = () =>
      read().then((status) => new Promise((resolve) => setTimeout(() => resolve(status), 500)));
    const leader = await tab(slow);
    await at(500);
    await at(4_200);
    step(-HOUR_MS);
    await at(4_500);
    expect(slow.requests.map((r) => r.atMs - T0)).to.deep.equal([0, 4_000]);
    await at(4_999);
    expect(leader.state).to.equal('active');
    await at(5_000);
    expect(leader.machine.snapshot).to.include({ state: 'warning', deadlineMs: wall(10_000) });
    await at(10_749);
    expect(leader.state).to.equal('warning');
    await at(10_750);
    expect(leader.machine.snapshot).to.include({ state: 'expired', reason: 'idle' });
  });

  it('set back 1 h in two tabs: the follower shares its new activity, both warn on time', async () => {
    const hub = new ChannelHub();
    const shared = server();
    const leader = await tab(shared, hub, true);
    const follower = await tab(shared, hub, false);
    await at(2_000);
    step(-HOUR_MS);
    await at(2_500);
    follower.machine.recordActivity();
    await at(7_499);
    expect([leader.state, follower.state]).to.deep.equal(['active', 'active']);
    expect(shared.requests.filter((r) => r.method === 'POST')).to.deep.equal([
      { method: 'POST', atMs: T0 + 6_500, idleSeconds: 4 },
    ]);
    await at(7_500);
    expect([leader.state, follower.state]).to.deep.equal(['warning', 'warning']);
    expect(follower.machine.snapshot.deadlineMs).to.equal(wall(12_500));
    // With no leader, the follower acts after its grace period, in real time too.
    leader.machine.stop();
    await at(14_499);
    expect(follower.state).to.equal('warning');
    await at(14_500);
    expect(follower.machine.snapshot).to.include({ state: 'expired', reason: 'idle' });
  });

  it('a step back of under a second is not taken for one (NTP slewing, rounding)', async () => {
    const leader = await tab();
    await at(2_000);
    step(-900);
    // Within the tolerance the wall clock is believed: the routine check comes 0.9 s later...
    await at(4_899);
    expect(leader.server.requests).to.have.length(1);
    await at(4_900);
    expect(leader.server.requests.map((r) => r.atMs - T0)).to.deep.equal([0, 4_900]);
    // ... its answer, anchored at its send time, puts the deadline back on time, and the page
    // load's activity (0.9 s later on the stepped clock) the warning at most that much later.
    await at(5_899);
    expect(leader.state).to.equal('active');
    await at(5_900);
    expect(leader.machine.snapshot).to.include({ state: 'warning', deadlineMs: wall(10_000) });
    await at(10_250);
    expect(leader.state).to.equal('expired');
  });

  it('set forward 1 h before the warning: asks the server at once, which re-anchors the deadlines', async () => {
    const leader = await tab();
    await at(1_000);
    // Unreported: after a step forward (or a sleep) it cannot be told how old it is.
    leader.machine.recordActivity();
    await at(2_000);
    step(HOUR_MS);
    leader.machine.wake('focus');
    await flushMicrotasks();
    expect(leader.server.requests.at(-1)).to.deep.equal({
      method: 'POST',
      atMs: T0 + 2_000,
      idleSeconds: 3_601,
    });
    // The warning errs early (the server's moment, not the activity's), never late.
    expect(leader.machine.snapshot).to.include({ state: 'active', deadlineMs: wall(10_000) });
    await at(4_999);
    expect(leader.state).to.equal('active');
    await at(5_000);
    expect(leader.state).to.equal('warning');
    await at(10_250);
    expect(leader.machine.snapshot).to.include({ state: 'expired', reason: 'idle' });
  });

  it('set forward 1 h during the warning: within a second the countdown shows the real time left', async () => {
    const leader = await tab();
    await at(6_000);
    step(HOUR_MS);
    await at(7_000);
    expect(leader.machine.snapshot).to.include({ state: 'warning', deadlineMs: wall(10_000) });
    expect(leader.server.requests.at(-1)).to.deep.equal({ method: 'GET', atMs: T0 + 7_000 });
    await at(10_249);
    expect(leader.state).to.equal('warning');
    await at(10_250);
    expect(leader.machine.snapshot).to.include({ state: 'expired', reason: 'idle' });
  });
});
