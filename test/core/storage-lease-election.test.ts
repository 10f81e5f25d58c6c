import { expect } from '@open-wc/testing';
import {
  createLeaderElection,
  LazyStorageLeaseElection,
  WebLocksElection,
} from '../../components/session-security/core/leader-election.js';
import {
  createStorageLeaseElection,
  LEASE_DURATION_MS,
  LEASE_RENEW_MS,
  type LeaseStorage,
  StorageLeaseElection,
} from '../../components/session-security/core/storage-lease-election.js';
import type { Scheduler } from '../../components/session-security/core/wake-up-timer.js';
import { uniqueChannel } from '../support/channels.js';
import { afterEach, describe, it } from '../support/mocha.js';
import { flushMicrotasks } from '../support/ticks.js';

/** One clock and one timer queue for every "tab" of a test; time moves only by `advance`. */
class ManualTime {
  nowMs = 1_700_000_000_000;
  /** How far the tabs' wall clock is set away from `nowMs` (timers keep to `nowMs`). */
  wallStepMs = 0;
  #timers = new Map<number, { atMs: number; callback: () => void }>();
  #nextHandle = 1;

  /** A scheduler for one tab; `dead` ones never fire again (a tab that died). */
  scheduler(): Scheduler & { kill(): void } {
    const handles = new Set<number>();
    return {
      setTimeout: (callback, delayMs) => {
        const handle = this.#nextHandle++;
        handles.add(handle);
        this.#timers.set(handle, { atMs: this.nowMs + delayMs, callback });
        return handle;
      },
      clearTimeout: (handle) => {
        this.#timers.delete(handle as number);
      },
      kill: () => {
        for (const handle of handles) this.#timers.delete(handle);
      },
    };
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  advance(ms: number): void {
    const endMs = this.nowMs + ms;
    for (;;) {
      const due = [...this.#timers].sort((a, b) => a[1].atMs - b[1].atMs)[0];
      if (!due || due[1].atMs > endMs) break;
      this.#timers.delete(due[0]);
      this.nowMs = due[1].atMs;
      due[1].callback();
    }
    this.nowMs = endMs;
  }
}

interface Tab {
  election: StorageLeaseElection;
  leads: boolean[];
  scheduler: ReturnType<ManualTime['scheduler']>;
  readonly leader: boolean;
}

const started: StorageLeaseElection[] = [];

function openTab(time: ManualTime, name: string, storage: LeaseStorage = localStorage): Tab {
  const scheduler = time.scheduler();
  const clock = () => time.nowMs + time.wallStepMs;
  const election = new StorageLeaseElection(storage, name, clock, scheduler);
  const leads: boolean[] = [];
  election.start((leader) => leads.push(leader));
  started.push(election);
  return {
    election,
    leads,
    scheduler,
    get leader() {
      return leads.at(-1) === true;
    },
  };
}

function leaseKey(name: string): string {
  return `session-security:leader:${name}`;
}

describe('leader election by a lease in localStorage (no Web Locks)', () => {
  afterEach(() => {
    for (const election of started.splice(0)) election.stop();
  });

  it('elects exactly one of several tabs, from the second look on', () => {
    const time = new ManualTime();
    const name = uniqueChannel();
    const tabs = [openTab(time, name), openTab(time, name), openTab(time, name)];
    expect(tabs.filter((tab) => tab.leader)).to.have.length(0);
    time.advance(LEASE_RENEW_MS);
    expect(tabs.filter((tab) => tab.leader)).to.have.length(1);
    for (let i = 0; i < 20; i += 1) {
      time.advance(LEASE_RENEW_MS / 3);
      expect(tabs.filter((tab) => tab.leader)).to.have.length(1);
    }
    expect(tabs[0]?.leads).to.deep.equal([false, true]);
    const stored = JSON.parse(localStorage.getItem(leaseKey(name)) ?? 'null');
    expect(Object.keys(stored).sort()).to.deep.equal(['holder', 'untilMs']);
    expect(stored.untilMs).to.be.at.most(time.nowMs + LEASE_DURATION_MS);
  });

  it('lets two tabs that claim at the same moment not both lead', () => {
    const time = new ManualTime();
    const name = uniqueChannel();
    // Both find the lease free in the same instant (the second tab reads before the first
    // tab's write reaches it); the second write wins.
    let stale = true;
    const staleOnce: LeaseStorage = {
      getItem: (key) => {
        if (!stale) return localStorage.getItem(key);
        stale = false;
        return null;
      },
      setItem: (key, value) => localStorage.setItem(key, value),
      removeItem: (key) => localStorage.removeItem(key),
    };
    const first = openTab(time, name);
    const second = openTab(time, name, staleOnce);
    time.advance(LEASE_RENEW_MS);
    expect([first.leader, second.leader]).to.deep.equal([false, true]);
  });

  it('hands over when the leader stops, and when it dies without a word', () => {
    const time = new ManualTime();
    const name = uniqueChannel();
    const first = openTab(time, name);
    time.advance(LEASE_RENEW_MS);
    const second = openTab(time, name);
    time.advance(LEASE_RENEW_MS * 2);
    expect([first.leader, second.leader]).to.deep.equal([true, false]);

    first.election.stop();
    expect(localStorage.getItem(leaseKey(name))).to.equal(null);
    time.advance(LEASE_RENEW_MS * 2);
    expect(second.leader).to.equal(true);

    const third = openTab(time, name);
    time.advance(LEASE_RENEW_MS);
    second.scheduler.kill(); // the tab died: no renewal, no release
    time.advance(LEASE_DURATION_MS - 1);
    expect(third.leader).to.equal(false);
    time.advance(LEASE_RENEW_MS * 2 + 1);
    expect(third.leader).to.equal(true);
  });

  it('with the wall clock set back or forward 1 h: a live leader goes on, a dead one is replaced', () => {
    for (const stepMs of [-3_600_000, 3_600_000]) {
      const time = new ManualTime();
      const name = uniqueChannel();
      const first = openTab(time, name);
      time.advance(LEASE_RENEW_MS / 3);
      const second = openTab(time, name);
      time.advance(LEASE_RENEW_MS * 2);
      time.wallStepMs = stepMs;
      time.advance(LEASE_DURATION_MS * 2);
      expect([first.leads, second.leads], `step ${stepMs}`).to.deep.equal([[false, true], [false]]);
      first.scheduler.kill(); // the tab died: no renewal, no release
      time.advance(LEASE_DURATION_MS + LEASE_RENEW_MS * 2);
      expect(second.leader, `step ${stepMs}`).to.equal(true);
    }
  });

  it('treats what is not a lease as no lease, without throwing', () => {
    const name = uniqueChannel();
    const hostile = [
      'not json',
      'null',
      '42',
      '[]',
      '{"holder":"x"}',
      '{"holder":7,"untilMs":1}',
      `{"holder":"${'x'.repeat(65)}","untilMs":${Number.MAX_SAFE_INTEGER}}`,
      // Claims to last far longer than a lease can: would block every tab forever.
      `{"holder":"squatter","untilMs":${Number.MAX_SAFE_INTEGER}}`,
      '{"holder":"squatter","untilMs":1e309}',
    ];
    for (const value of hostile) {
      const time = new ManualTime();
      localStorage.setItem(leaseKey(name), value);
      const tab = openTab(time, name);
      time.advance(LEASE_RENEW_MS);
      expect(tab.leader, value).to.equal(true);
      tab.election.stop();
    }
  });

  it('respects a valid lease of another tab until it expires', () => {
    const time = new ManualTime();
    const name = uniqueChannel();
    localStorage.setItem(
      leaseKey(name),
      JSON.stringify({ holder: 'other', untilMs: time.nowMs + LEASE_DURATION_MS }),
    );
    const tab = openTab(time, name);
    time.advance(LEASE_DURATION_MS - 1);
    expect(tab.leader).to.equal(false);
    time.advance(LEASE_RENEW_MS * 2);
    expect(tab.leader).to.equal(true);
  });

  it('leads alone when the storage cannot be used, and stops looking', () => {
    const time = new ManualTime();
    const broken: LeaseStorage = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
      removeItem: () => {},
    };
    const tab = openTab(time, uniqueChannel(), broken);
    expect(tab.leads).to.deep.equal([true]);
    expect(time.pendingTimers).to.equal(0);
  });

  it('leaves no timer and no lease behind after stop', () => {
    const time = new ManualTime();
    const name = uniqueChannel();
    const tab = openTab(time, name);
    time.advance(LEASE_RENEW_MS * 3);
    expect(tab.leader).to.equal(true);
    tab.election.stop();
    expect(time.pendingTimers).to.equal(0);
    expect(localStorage.getItem(leaseKey(name))).to.equal(null);
    time.advance(LEASE_RENEW_MS * 3);
    expect(tab.leads).to.deep.equal([false, true]);
  });

  it('is what createLeaderElection picks without Web Locks, loaded on demand', async () => {
    const kinds = [
      createLeaderElection(uniqueChannel(), navigator.locks),
      createLeaderElection(uniqueChannel(), null),
      createStorageLeaseElection(uniqueChannel()),
    ].map((election) => election.constructor.name);
    expect(kinds).to.deep.equal([
      WebLocksElection.name,
      LazyStorageLeaseElection.name,
      StorageLeaseElection.name,
    ]);

    const leads: boolean[] = [];
    const failing = new LazyStorageLeaseElection(uniqueChannel(), () =>
      Promise.reject(new Error('offline')),
    );
    failing.start((leader) => leads.push(leader));
    await flushMicrotasks();
    expect(leads, 'a chunk that cannot load leaves this tab leading alone').to.deep.equal([true]);

    const module = await import('../../components/session-security/core/storage-lease-election.js');
    let arrive: (value: typeof module) => void = () => {};
    const stoppedLeads: boolean[] = [];
    const stopped = new LazyStorageLeaseElection(
      uniqueChannel(),
      () => new Promise((resolve) => (arrive = resolve)),
    );
    stopped.start((leader) => stoppedLeads.push(leader));
    stopped.stop();
    arrive(module);
    await flushMicrotasks();
    expect(stoppedLeads, 'stopped before the chunk arrived').to.deep.equal([]);
  });
});
