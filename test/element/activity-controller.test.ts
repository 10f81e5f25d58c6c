import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import {
  ACTIVITY_REST_MS,
  ActivityController,
} from '../../components/session-security/controllers/activity-controller.js';
import { afterEach, beforeEach, describe, it } from '../support/mocha.js';

const T0 = 1_700_000_000_000;

/** The least a controller needs from its host. */
class Host implements ReactiveControllerHost {
  controllers: ReactiveController[] = [];
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {}
  readonly updateComplete = Promise.resolve(true);
}

function key(): void {
  window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
}

describe('ActivityController', () => {
  let clock: sinon.SinonFakeTimers;
  let recorded: number[];
  let controller: ActivityController;
  let events: string;

  beforeEach(() => {
    clock = sinon.useFakeTimers({
      now: T0,
      toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'],
    });
    recorded = [];
    events = 'keydown pointermove';
    controller = new ActivityController(new Host(), {
      events: () => events,
      intentionalOnly: () => false,
      frames: () => false,
      nowMs: () => Date.now(),
      onActivity: (atMs) => recorded.push(atMs - T0),
    });
    controller.hostConnected();
  });

  afterEach(() => {
    controller.hostDisconnected();
    clock.restore();
  });

  it('records the first event at once, then one call for the rest of a burst', () => {
    key();
    expect(recorded).to.deep.equal([0]);
    for (let i = 0; i < 100; i += 1) key();
    expect(recorded).to.deep.equal([0]);
    expect(clock.countTimers()).to.equal(1);
    clock.tick(ACTIVITY_REST_MS);
    expect(recorded).to.deep.equal([0, ACTIVITY_REST_MS]);
    clock.tick(5000);
    expect(recorded, 'no timer while the user is idle').to.have.length(2);
    expect(clock.countTimers()).to.equal(0);
    key();
    expect(recorded).to.deep.equal([0, ACTIVITY_REST_MS, 6000]);
  });

  it('never records the last input earlier than it was, and at most one rest later', () => {
    // Typing: a key every 150 ms for 2.1 s, then nothing.
    let lastKeyMs = 0;
    for (let atMs = 0; atMs <= 2100; atMs += 150) {
      key();
      lastKeyMs = Date.now() - T0;
      clock.tick(150);
    }
    clock.tick(10_000);
    const lastRecordedMs = Math.max(...recorded);
    expect(lastRecordedMs).to.be.at.least(lastKeyMs);
    expect(lastRecordedMs).to.be.at.most(lastKeyMs + ACTIVITY_REST_MS);
  });

  it("one key, then nothing: records the key exactly and nothing at the rest's end", () => {
    clock.tick(250);
    key();
    clock.tick(10_000);
    expect(recorded).to.deep.equal([250]);
    expect(clock.countTimers()).to.equal(0);
  });

  it('a stream of input costs one listener call and one timer per rest', () => {
    const removals = sinon.spy(window, 'removeEventListener');
    try {
      key();
      // 10 s of a key every 50 ms.
      for (let atMs = 50; atMs < 10_000; atMs += 50) {
        clock.tick(50);
        key();
        expect(clock.countTimers()).to.be.at.most(1);
      }
      // Each rest's first input takes the two listeners off (keydown, pointermove): one call.
      expect(removals.callCount).to.be.at.most(2 * 11);
      expect(recorded.length).to.be.at.most(11);
    } finally {
      removals.restore();
    }
  });

  it('a rest without input records nothing, even when its timer fires late', () => {
    key();
    // The clock jumps a minute before the rest's timer gets to run.
    clock.setSystemTime(T0 + 60_000);
    clock.tick(ACTIVITY_REST_MS);
    expect(recorded).to.deep.equal([0]);
  });

  it('a rest with input whose timer fires late counts the rest only, not the delay', () => {
    key();
    clock.tick(200);
    key();
    clock.setSystemTime(T0 + 60_000);
    clock.tick(ACTIVITY_REST_MS);
    expect(recorded).to.deep.equal([0, ACTIVITY_REST_MS]);
  });

  it('leaves no listener and no timer behind when the host disconnects during a rest', () => {
    key();
    controller.hostDisconnected();
    expect(clock.countTimers()).to.equal(0);
    clock.tick(ACTIVITY_REST_MS * 3);
    key();
    expect(recorded).to.deep.equal([0]);
  });

  it('refresh() during a rest without input records nothing more', () => {
    key();
    clock.tick(300);
    controller.refresh();
    expect(recorded).to.deep.equal([0]);
  });

  it('refresh() during a rest with input records it and listens to the new list at once', () => {
    key();
    clock.tick(100);
    key();
    clock.tick(200);
    events = 'pointermove';
    controller.refresh();
    expect(recorded).to.deep.equal([0, 300]);
    key();
    expect(recorded, 'keydown is no longer listened to').to.have.length(2);
    window.dispatchEvent(new PointerEvent('pointermove'));
    expect(recorded).to.deep.equal([0, 300, 300]);
  });
});
