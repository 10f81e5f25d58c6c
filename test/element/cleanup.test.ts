import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import type { SessionSecurityElement } from '../../components/session-security/session-security.js';
import '../../components/session-security/define.js';
import { uniqueChannel } from '../support/channels.js';
import { FakeServer } from '../support/fake-server.js';
import { afterEach, beforeEach, describe, it } from '../support/mocha.js';
import { flushMicrotasks, nextTask } from '../support/ticks.js';

type Listen = typeof EventTarget.prototype.addEventListener;

/** Counts listeners on window and document by wrapping add/removeEventListener. */
function countListeners(): { live(): number; restore(): void } {
  const live = new Set<string>();
  const ids = new WeakMap<object, number>();
  let nextId = 1;
  const id = (value: object) => {
    if (!ids.has(value)) ids.set(value, nextId++);
    return ids.get(value);
  };
  const key = (target: EventTarget, type: string, listener: unknown, options: unknown) => {
    const capture =
      typeof options === 'boolean'
        ? options
        : Boolean((options as AddEventListenerOptions)?.capture);
    return `${target === window ? 'w' : 'd'}:${type}:${id(listener as object)}:${capture}`;
  };
  const restores: Array<() => void> = [];
  for (const target of [window, document] as EventTarget[]) {
    const add = target.addEventListener;
    const remove = target.removeEventListener;
    target.addEventListener = function (this: EventTarget, type, listener, options) {
      if (listener) live.add(key(target, type, listener, options));
      return add.call(this, type, listener, options);
    } as Listen;
    target.removeEventListener = function (this: EventTarget, type, listener, options) {
      if (listener) live.delete(key(target, type, listener, options));
      return remove.call(this, type, listener, options);
    } as Listen;
    restores.push(() => {
      target.addEventListener = add;
      target.removeEventListener = remove;
    });
  }
  return {
    live: () => live.size,
    restore: () => {
      for (const restore of restores) restore();
    },
  };
}

/** [held, pending] locks of `channel` once they are as expected, or after 500 polls. */
async function locksSettled(channel: string, expectedHeld: number): Promise<[number, number]> {
  let counts: [number, number] = [-1, -1];
  for (let i = 0; i < 500; i += 1) {
    const { held, pending } = await navigator.locks.query();
    const mine = (locks: LockInfo[] | undefined) =>
      (locks ?? []).filter((lock) => lock.name === `session-security:${channel}`).length;
    counts = [mine(held), mine(pending)];
    if (counts[0] === expectedHeld && counts[1] === 0) return counts;
    await nextTask();
  }
  return counts;
}

describe('clean-up on disconnect', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({
      now: 1_700_000_000_000,
      toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'],
    });
  });
  afterEach(() => clock.restore());

  it('leaves no listener, timer, channel or lock behind after 1,000 connect/disconnect cycles', async () => {
    const listeners = countListeners();
    const openChannels = new Set<BroadcastChannel>();
    const RealChannel = window.BroadcastChannel;
    const Counting = class extends RealChannel {
      constructor(name: string) {
        super(name);
        openChannels.add(this);
      }
      override close(): void {
        openChannels.delete(this);
        super.close();
      }
    };
    window.BroadcastChannel = Counting;
    const channel = uniqueChannel();
    try {
      const el = document.createElement('session-security') as SessionSecurityElement;
      el.setAttribute('channel', channel);
      el.setAttribute('expire-action', 'none');
      el.transport = new FakeServer(() => Date.now());
      document.body.append(el);
      await el.updateComplete;
      await flushMicrotasks();
      const connected = { listeners: listeners.live(), timers: clock.countTimers() };
      expect(connected.listeners).to.be.greaterThan(5);
      expect(connected.timers).to.be.greaterThan(0);
      expect(openChannels.size).to.equal(1);
      for (let i = 0; i < 1_000; i += 1) {
        el.remove();
        document.body.append(el);
      }
      el.remove();
      await flushMicrotasks();
      for (let i = 0; i < 20; i += 1) await nextTask();
      expect(listeners.live()).to.equal(0);
      expect(clock.countTimers()).to.equal(0);
      expect(openChannels.size).to.equal(0);
      // Lock grants and releases travel through the browser process: poll until they settle.
      expect(await locksSettled(channel, 0)).to.deep.equal([0, 0]);
    } finally {
      window.BroadcastChannel = RealChannel;
      listeners.restore();
    }
  });

  it('leaves no queued lock request behind while another tab leads', async function (this: {
    timeout(ms: number): void;
  }) {
    this.timeout(30_000);
    const channel = uniqueChannel();
    let releaseOther: (() => void) | undefined;
    void navigator.locks.request(
      `session-security:${channel}`,
      () =>
        new Promise<void>((resolve) => {
          releaseOther = resolve;
        }),
    );
    const el = document.createElement('session-security') as SessionSecurityElement;
    el.setAttribute('channel', channel);
    el.transport = new FakeServer(() => Date.now());
    for (let i = 0; i < 200; i += 1) {
      document.body.append(el);
      for (let j = 0; j < 3; j += 1) await nextTask();
      el.remove();
    }
    expect(await locksSettled(channel, 1)).to.deep.equal([1, 0]);
    releaseOther?.();
  });
});
