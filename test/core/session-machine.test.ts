import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import {
  DEADLINE_CHECK_DELAY_MS,
  deadlineCheckLeadMs,
  retryDelayMs,
} from '../../components/session-security/core/check-timing.js';
import { afterEach, beforeEach, describe, it } from '../support/mocha.js';
import { flushMicrotasks } from '../support/ticks.js';
import { MachineHarness } from './support/machine-harness.js';

const T0 = 1_700_000_000_000;

describe('SessionMachine (core, no element)', () => {
  let clock: sinon.SinonFakeTimers;
  const at = (ms: number) => clock.tickAsync(T0 + ms - Date.now());

  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => clock.restore());

  it('counts the page load as activity and takes the timeouts from the server, not the fallbacks', async () => {
    const tab = await new MachineHarness(MachineHarness.server()).start();
    expect(tab.server.requests.map((r) => r.method)).to.deep.equal(['GET']);
    expect(tab.machine.snapshot).to.include({
      state: 'active',
      kind: 'idle',
      deadlineMs: T0 + 10_000,
    });
  });

  it('checks 1 s before the warning, warns at warn-after exactly and not 1 ms before', async () => {
    const tab = await new MachineHarness(MachineHarness.server()).start();
    await at(3_999);
    expect(tab.server.requests).to.have.length(1);
    await at(4_000);
    expect(tab.server.requests.map((r) => [r.method, r.atMs - T0])).to.deep.equal([
      ['GET', 0],
      ['GET', 4_000],
    ]);
    await at(4_999);
    expect(tab.state).to.equal('active');
    await at(5_000);
    expect(tab.state).to.equal('warning');
  });

  it('expires when the server says so, asked DEADLINE_CHECK_DELAY_MS after the deadline, not 1 ms before', async () => {
    const tab = await new MachineHarness(MachineHarness.server()).start();
    await at(10_249);
    expect(tab.state).to.equal('warning');
    await at(10_250);
    expect(tab.machine.snapshot).to.include({ state: 'expired', reason: 'idle' });
    expect(tab.states).to.deep.equal(['active', 'warning', 'expired']);
    expect(tab.server.requests.at(-1)).to.deep.equal({ method: 'GET', atMs: T0 + 10_250 });
    expect(DEADLINE_CHECK_DELAY_MS).to.equal(250);
  });

  it('reports activity before the warning: a key press at 3.5 s warns no sooner than 8.5 s', async () => {
    const tab = await new MachineHarness(MachineHarness.server()).start();
    await at(3_500);
    tab.machine.recordActivity();
    await at(8_499);
    expect(tab.state).to.equal('active');
    const report = tab.server.requests.find((r) => r.method === 'POST');
    expect(report).to.deep.equal({ method: 'POST', atMs: T0 + 7_500, idleSeconds: 4 });
    await at(8_500);
    expect(tab.state).to.equal('warning');
  });

  it('reports activity that keeps postponing the warning well before the server deadline', async () => {
    const tab = await new MachineHarness(
      MachineHarness.server({ warnAfterSeconds: 30, expireAfterSeconds: 60 }),
    ).start();
    // Activity every 5 s: the warning never comes, so only the deadline check reports it.
    for (let ms = 5_000; ms <= 50_000; ms += 5_000) {
      await at(ms);
      tab.machine.recordActivity();
    }
    const reports = tab.server.requests.filter((r) => r.method === 'POST');
    // Half the 30 s warning period (at most 10 s) before the deadline at 60 s: at 50 s, not 59 s.
    expect(reports[0]).to.deep.equal({ method: 'POST', atMs: T0 + 50_000, idleSeconds: 5 });
    expect(tab.machine.snapshot).to.include({ state: 'active', deadlineMs: T0 + 105_000 });
    expect([0, 2_000, 5_000, 30_000].map(deadlineCheckLeadMs)).to.deep.equal([
      1_000, 1_000, 2_500, 10_000,
    ]);
  });

  it('a session that another request ended at its deadline is reported as idle, not no-session', async () => {
    const noSession = { status: { version: 1, state: 'expired', reason: 'no-session' } } as const;
    const server = MachineHarness.server();
    const tab = await new MachineHarness(server).start();
    await at(9_000);
    server.faults.push(noSession);
    await at(10_250);
    expect(tab.machine.snapshot).to.include({ state: 'expired', reason: 'idle' });

    // Before the deadline "no-session" stays what it is (e.g. a logout this tab did not see).
    const early = MachineHarness.server();
    early.faults.push(noSession, noSession);
    const other = await new MachineHarness(early).start();
    expect(other.machine.snapshot).to.include({ state: 'expired', reason: 'no-session' });
  });

  it('reports activity during the warning at once and closes it', async () => {
    const tab = await new MachineHarness(MachineHarness.server()).start();
    await at(6_000);
    expect(tab.state).to.equal('warning');
    tab.machine.recordActivity();
    await flushMicrotasks();
    expect(tab.server.requests.at(-1)).to.deep.equal({
      method: 'POST',
      atMs: T0 + 6_000,
      idleSeconds: 0,
    });
    expect(tab.state).to.equal('active');
    expect(tab.machine.snapshot.deadlineMs).to.equal(T0 + 16_000);
  });

  it('extend() reports activity and resolves true while the session lives', async () => {
    const tab = await new MachineHarness(MachineHarness.server()).start();
    await at(5_500);
    expect(await tab.machine.extend()).to.equal(true);
    expect(tab.state).to.equal('active');
    expect(tab.server.record?.lastActivityMs).to.equal(T0 + 5_500);
  });

  it('extend() after the server expired the session resolves false: never revived', async () => {
    const tab = await new MachineHarness(MachineHarness.server()).start();
    tab.server.record = null;
    await at(5_000);
    expect(await tab.machine.extend()).to.equal(false);
    expect(tab.machine.snapshot).to.include({ state: 'expired', reason: 'no-session' });
  });

  it('logout() ends the session on the server', async () => {
    const tab = await new MachineHarness(MachineHarness.server()).start();
    await tab.machine.logout();
    expect(tab.server.record).to.equal(null);
    expect(tab.machine.snapshot).to.include({ state: 'expired', reason: 'logout' });
  });

  it('gives the absolute lifetime its own notice, which "stay" closes without extending it', async () => {
    const server = MachineHarness.server({
      warnAfterSeconds: 5,
      expireAfterSeconds: 10,
      absoluteTimeoutSeconds: 30,
    });
    const tab = await new MachineHarness(server).start();
    for (let ms = 2_000; ms <= 24_000; ms += 2_000) {
      await at(ms);
      tab.machine.recordActivity();
    }
    await at(24_999);
    expect(tab.state).to.equal('active');
    await at(25_000);
    expect(tab.machine.snapshot).to.include({
      state: 'warning',
      kind: 'absolute',
      deadlineMs: T0 + 30_000,
    });
    await tab.machine.extend();
    expect(tab.machine.snapshot).to.include({
      state: 'active',
      kind: 'absolute',
      deadlineMs: T0 + 30_000,
    });
    await at(30_249);
    expect(tab.state).to.equal('active');
    await at(30_250);
    expect(tab.machine.snapshot).to.include({ state: 'expired', reason: 'absolute' });
  });

  it('retries with backoff on network failures and never assumes an extension', async () => {
    const tab = await new MachineHarness(MachineHarness.server()).start();
    tab.server.faults.push('network');
    await at(3_000);
    tab.machine.recordActivity();
    await at(7_000);
    expect(tab.server.requests.at(-1)).to.deep.equal({
      method: 'POST',
      atMs: T0 + 7_000,
      idleSeconds: 4,
    });
    expect(tab.errors.map((e) => e.retryInMs)).to.deep.equal([1_000]);
    // The failed report did not postpone anything: the server's warning moment (5 s) has passed.
    expect(tab.state).to.equal('warning');
    await at(7_999);
    expect(tab.server.requests).to.have.length(2);
    await at(8_000);
    expect(tab.server.requests.at(-1)).to.deep.equal({
      method: 'POST',
      atMs: T0 + 8_000,
      idleSeconds: 5,
    });
    expect(tab.machine.snapshot).to.include({ state: 'warning', deadlineMs: T0 + 13_000 });
    expect([0, 1, 2, 3, 6, 7].map(retryDelayMs)).to.deep.equal([
      1_000, 2_000, 4_000, 8_000, 60_000, 60_000,
    ]);
  });

  it('acts at the last known deadline when the server cannot be reached', async () => {
    const tab = await new MachineHarness(MachineHarness.server()).start();
    tab.server.faults.push(...Array.from({ length: 10 }, () => 'network' as const));
    await at(9_999);
    expect(tab.state).to.equal('warning');
    await at(10_250);
    expect(tab.machine.snapshot).to.include({ state: 'expired', reason: 'idle' });
    expect(tab.errors.length).to.be.greaterThan(1);
  });

  it('treats an impossible answer (active but idle past expiry) as an error', async () => {
    const server = MachineHarness.server();
    server.faults.push({
      status: {
        version: 1,
        state: 'active',
        idleSeconds: 10,
        warnAfterSeconds: 5,
        expireAfterSeconds: 10,
      },
    });
    const tab = await new MachineHarness(server).start();
    expect(tab.errors).to.have.length(1);
    expect(tab.errors[0]?.error.message).to.contain('idle');
    expect(tab.state).to.equal('active');
  });

  it('after a sleep past the deadline, asks the server and expires without flashing the warning', async () => {
    const tab = await new MachineHarness(MachineHarness.server()).start();
    await at(1_000);
    const before = tab.changes.length;
    clock.setSystemTime(T0 + 3_600_000);
    tab.machine.wake('visible');
    await flushMicrotasks();
    expect(tab.changes.slice(before).map((c) => c.snapshot.state)).to.deep.equal(['expired']);
    expect(tab.machine.snapshot.reason).to.equal('idle');
    expect(tab.server.requests.at(-1)?.method).to.equal('GET');
  });

  it('on a back/forward cache restore, checks with the server at once', async () => {
    const tab = await new MachineHarness(MachineHarness.server()).start();
    clock.setSystemTime(T0 + 6_000);
    tab.server.pageLoad();
    tab.machine.wake('pageshow');
    await flushMicrotasks();
    expect(tab.server.requests.at(-1)).to.deep.equal({ method: 'GET', atMs: T0 + 6_000 });
    expect(tab.state).to.equal('active');
    expect(tab.machine.snapshot.deadlineMs).to.equal(T0 + 16_000);
  });

  it('never sets a timer longer than 2^31-1 ms, even for a year-long session', async () => {
    const delays: number[] = [];
    const realSetTimeout = globalThis.setTimeout;
    const spy = sinon.stub(globalThis, 'setTimeout').callsFake(((fn: () => void, ms: number) => {
      delays.push(ms);
      return realSetTimeout(fn, ms);
    }) as typeof setTimeout);
    try {
      await new MachineHarness(
        MachineHarness.server({ warnAfterSeconds: 31_000_000, expireAfterSeconds: 31_536_000 }),
      ).start();
    } finally {
      spy.restore();
    }
    expect(delays.length).to.be.greaterThan(0);
    expect(Math.max(...delays)).to.equal(2 ** 31 - 1);
  });
});
