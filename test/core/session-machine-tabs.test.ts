import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { afterEach, beforeEach, describe, it } from '../support/mocha.js';
import { flushMicrotasks } from '../support/ticks.js';
import { ChannelHub } from './support/channel-hub.js';
import { MachineHarness } from './support/machine-harness.js';

const T0 = 1_700_000_000_000;

describe('SessionMachine across tabs (core, no element)', () => {
  let clock: sinon.SinonFakeTimers;
  const at = (ms: number) => clock.tickAsync(T0 + ms - Date.now());

  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => clock.restore());

  describe('across tabs', () => {
    async function twoTabs() {
      const hub = new ChannelHub();
      const server = MachineHarness.server();
      const leader = await new MachineHarness(server, hub.open(), { leader: true }).start();
      const follower = await new MachineHarness(server, hub.open(), { leader: false }).start();
      await flushMicrotasks();
      return { hub, server, leader, follower };
    }

    it('only the leader runs routine checks', async () => {
      const { server } = await twoTabs();
      await at(9_000);
      expect(server.requests.map((r) => r.method)).to.deep.equal(['GET', 'GET', 'GET']);
    });

    it('activity in one tab postpones the warning in all', async () => {
      const { server, leader, follower } = await twoTabs();
      await at(2_000);
      follower.machine.recordActivity();
      await at(6_500);
      expect([leader.state, follower.state]).to.deep.equal(['active', 'active']);
      expect(server.requests.at(-1)).to.deep.equal({
        method: 'POST',
        atMs: T0 + 6_000,
        idleSeconds: 4,
      });
      await at(7_000);
      expect([leader.state, follower.state]).to.deep.equal(['warning', 'warning']);
    });

    it('"stay signed in" in one tab closes the warning in all', async () => {
      const { leader, follower } = await twoTabs();
      await at(5_000);
      expect([leader.state, follower.state]).to.deep.equal(['warning', 'warning']);
      await follower.machine.extend();
      await flushMicrotasks();
      expect([leader.state, follower.state]).to.deep.equal(['active', 'active']);
      expect(leader.changes.at(-1)?.source).to.equal('other-tab');
    });

    it('logout in one tab signs out all', async () => {
      const { leader, follower } = await twoTabs();
      await follower.machine.logout();
      await flushMicrotasks();
      expect(leader.machine.snapshot).to.include({ state: 'expired', reason: 'logout' });
      expect(leader.changes.at(-1)?.source).to.equal('other-tab');
    });

    it('a page loaded in another tab closes the warnings at once', async () => {
      const { hub, server, leader, follower } = await twoTabs();
      await at(5_500);
      server.pageLoad();
      await new MachineHarness(server, hub.open(), { leader: false }).start();
      await flushMicrotasks();
      expect([leader.state, follower.state]).to.deep.equal(['active', 'active']);
    });

    it('the follower takes over the checks when the leader goes away', async () => {
      const { server, leader, follower } = await twoTabs();
      leader.machine.stop();
      follower.machine.setLeader(true);
      await at(4_000);
      expect(server.requests.map((r) => r.atMs - T0)).to.deep.equal([0, 0, 4_000]);
      await at(10_250);
      expect(follower.state).to.equal('expired');
    });

    it('a follower acts after a grace period when no leader checks at the deadline', async () => {
      const { leader, follower } = await twoTabs();
      leader.machine.stop();
      await at(11_999);
      expect(follower.state).to.equal('warning');
      await at(12_000);
      expect(follower.machine.snapshot).to.include({ state: 'expired', reason: 'idle' });
    });

    it('messages alone never make a tab send a request, and future times are not believed', async () => {
      const { hub, server, leader, follower } = await twoTabs();
      await at(1_000);
      const before = server.requests.length;
      hub.inject({ v: 1, type: 'activity', atMs: T0 + 1_000_000_000 });
      hub.inject({
        v: 1,
        type: 'status',
        sentAtMs: T0 + 1_000_000_000,
        status: {
          version: 1,
          state: 'active',
          idleSeconds: 0,
          warnAfterSeconds: 5,
          expireAfterSeconds: 10,
        },
      });
      await flushMicrotasks();
      expect(server.requests.length).to.equal(before);
      expect(leader.machine.snapshot.deadlineMs).to.equal(T0 + 11_000);
      expect(follower.machine.snapshot.deadlineMs).to.equal(T0 + 11_000);
    });

    it('drops malformed and unknown messages', async () => {
      const { hub, leader, follower } = await twoTabs();
      await at(5_000);
      const bad: unknown[] = [
        null,
        'activity',
        42,
        [],
        { v: 2, type: 'activity', atMs: T0 + 5_000 },
        { v: 1, type: 'extend', atMs: T0 + 5_000 },
        { v: 1, type: 'activity', atMs: '5000' },
        { v: 1, type: 'activity', atMs: Number.NaN },
        { v: 1, type: 'activity', atMs: -1 },
        { v: 1, type: 'activity', atMs: T0 + 5_000, token: 'secret' },
        { v: 1, type: 'activity', atMs: T0 + 5_000, pad: 'x'.repeat(2_000) },
        { v: 1, type: 'status', sentAtMs: T0 + 5_000, status: { state: 'active' } },
        {
          v: 1,
          type: 'status',
          sentAtMs: T0 + 5_000,
          status: { version: 1, state: 'expired', reason: 'hacked' },
        },
        '{"v":1,"type":"activity","atMs":',
        `{"v":1,"type":"activity","atMs":${T0 + 5_000},"__proto__":{"x":1}}`,
      ];
      for (const data of bad) hub.inject(data);
      await flushMicrotasks();
      expect([leader.state, follower.state]).to.deep.equal(['warning', 'warning']);
    });
  });
});
