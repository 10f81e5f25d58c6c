import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import sinon from 'sinon';
import {
  ACTIVITY_RESOLUTION_MS,
  ActivityController,
} from '../../components/session-security/controllers/activity-controller.js';
import { afterEach, beforeEach, describe, it } from './support/mocha.js';

type Listen = typeof EventTarget.prototype.addEventListener;

/** Live listener registrations on `window`, counted by wrapping add/removeEventListener. */
function trackWindowListeners(): { live(): number; restore(): void } {
  const live = new Set<string>();
  const ids = new WeakMap<object, number>();
  let nextId = 1;
  const key = (type: string, listener: object, options: unknown): string => {
    if (!ids.has(listener)) ids.set(listener, nextId++);
    const capture =
      typeof options === 'boolean'
        ? options
        : Boolean((options as AddEventListenerOptions | undefined)?.capture);
    return `${type}:${ids.get(listener)}:${capture}`;
  };
  const target: EventTarget = window;
  const add = target.addEventListener;
  const remove = target.removeEventListener;
  window.addEventListener = function (this: EventTarget, type, listener, options) {
    if (listener) live.add(key(type, listener, options));
    return add.call(this, type, listener, options);
  } as Listen;
  window.removeEventListener = function (this: EventTarget, type, listener, options) {
    if (listener) live.delete(key(type, listener, options));
    return remove.call(this, type, listener, options);
  } as Listen;
  return {
    live: () => live.size,
    restore: () => {
      window.addEventListener = add;
      window.removeEventListener = remove;
    },
  };
}

/** The least a controller needs from its host: it registers itself. */
class TestHost implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  readonly updateComplete = Promise.resolve(true);
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(controller: ReactiveController): void {
    this.controllers.splice(this.controllers.indexOf(controller), 1);
  }
  requestUpdate(): void {}
  connect(): void {
    for (const controller of this.controllers) controller.hostConnected?.();
  }
  disconnect(): void {
    for (const controller of this.controllers) controller.hostDisconnected?.();
  }
}

const T0 = 1_700_000_000_000;

describe('activity controller: one recorded activity per second of input', () => {
  let clock: sinon.SinonFakeTimers;
  let listeners: ReturnType<typeof trackWindowListeners>;
  let host: TestHost;
  let recordedAtMs: number[];
  let events: string;
  let intentionalOnly: boolean;
  let controller: ActivityController;

  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    listeners = trackWindowListeners();
    host = new TestHost();
    recordedAtMs = [];
    events = 'pointerdown pointermove keydown wheel touchstart scroll';
    intentionalOnly = false;
    controller = new ActivityController(host, {
      events: () => events,
      intentionalOnly: () => intentionalOnly,
      onActivity: () => recordedAtMs.push(Date.now()),
    });
  });

  afterEach(() => {
    host.disconnect();
    listeners.restore();
    clock.restore();
  });

  const keydown = () => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
  const pointermove = () => window.dispatchEvent(new PointerEvent('pointermove'));

  it('records the first event at once, with no timer before it', () => {
    host.connect();
    expect(listeners.live()).to.equal(6);
    expect(clock.countTimers()).to.equal(0);
    clock.tick(5_000);
    keydown();
    expect(recordedAtMs).to.deep.equal([T0 + 5_000]);
  });

  it('1,000 events within a second: one recorded activity and at most one timer', () => {
    host.connect();
    let mostTimers = 0;
    for (let index = 0; index < 1_000; index += 1) {
      if (index % 2 === 0) pointermove();
      else keydown();
      mostTimers = Math.max(mostTimers, clock.countTimers());
      clock.tick(0.9);
    }
    expect(Date.now() - T0).to.be.lessThan(ACTIVITY_RESOLUTION_MS);
    expect(recordedAtMs).to.deep.equal([T0]);
    expect(mostTimers).to.equal(1);
  });

  it('listens to nothing during the pause and records the first event after it', () => {
    host.connect();
    keydown();
    expect(listeners.live()).to.equal(0);
    clock.tick(ACTIVITY_RESOLUTION_MS - 1);
    keydown();
    expect(recordedAtMs).to.deep.equal([T0]);
    clock.tick(1);
    expect(listeners.live()).to.equal(6);
    expect(clock.countTimers()).to.equal(0);
    pointermove();
    expect(recordedAtMs).to.deep.equal([T0, T0 + ACTIVITY_RESOLUTION_MS]);
  });

  it('an idle page runs no timer after the re-arm', () => {
    host.connect();
    keydown();
    clock.tick(60_000);
    expect(clock.countTimers()).to.equal(0);
    expect(recordedAtMs).to.have.length(1);
  });

  it('disconnect during the pause leaves no listener and no timer, and nothing comes back', () => {
    host.connect();
    keydown();
    expect(clock.countTimers()).to.equal(1);
    host.disconnect();
    expect(listeners.live()).to.equal(0);
    expect(clock.countTimers()).to.equal(0);
    clock.tick(10 * ACTIVITY_RESOLUTION_MS);
    expect(listeners.live()).to.equal(0);
    keydown();
    expect(recordedAtMs).to.have.length(1);
  });

  it('1,000 connect/disconnect cycles, each paused by an event, leave nothing behind', () => {
    for (let index = 0; index < 1_000; index += 1) {
      host.connect();
      keydown();
      host.disconnect();
    }
    expect(recordedAtMs).to.have.length(1_000);
    expect(listeners.live()).to.equal(0);
    expect(clock.countTimers()).to.equal(0);
  });

  it('refresh during the pause listens again at once, without the old timer', () => {
    host.connect();
    keydown();
    events = 'keydown';
    controller.refresh();
    expect(clock.countTimers()).to.equal(0);
    expect(listeners.live()).to.equal(1);
    keydown();
    expect(recordedAtMs).to.deep.equal([T0, T0]);
  });

  it('intentional-only: pointer moves neither count nor pause the listeners', () => {
    intentionalOnly = true;
    host.connect();
    expect(listeners.live()).to.equal(5);
    pointermove();
    expect(recordedAtMs).to.deep.equal([]);
    expect(clock.countTimers()).to.equal(0);
    clock.tick(10);
    window.dispatchEvent(new PointerEvent('pointerdown'));
    expect(recordedAtMs).to.deep.equal([T0 + 10]);
  });

  it('activity-events: only the listed events count', () => {
    events = 'keydown, wheel';
    host.connect();
    expect(listeners.live()).to.equal(2);
    pointermove();
    window.dispatchEvent(new PointerEvent('pointerdown'));
    expect(recordedAtMs).to.deep.equal([]);
    window.dispatchEvent(new WheelEvent('wheel'));
    expect(recordedAtMs).to.deep.equal([T0]);
  });
});
