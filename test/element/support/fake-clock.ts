import sinon from 'sinon';
import { afterEach, beforeEach } from '../../support/mocha.js';
import { flushMicrotasks } from '../../support/ticks.js';
import { unmountAll } from './element-fixture.js';

/** The fake clock's start, epoch milliseconds. */
export const T0 = 1_700_000_000_000;

/** The fake clock of the current test. */
export interface ElementTestClock {
  readonly timers: sinon.SinonFakeTimers;
  /** Moves the fake clock to T0 + `ms` and lets the elements react. */
  at(ms: number): Promise<void>;
}

/**
 * For the tests of the calling `describe`: fake timers, Date and performance (the monotonic
 * clock moves with Date, so the element never sees a wall clock set back) from T0; after each
 * test, the mounted elements go and the real clock comes back.
 */
export function useFakeClock(): ElementTestClock {
  let timers: sinon.SinonFakeTimers | undefined;
  beforeEach(() => {
    timers = sinon.useFakeTimers({
      now: T0,
      toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'],
    });
  });
  afterEach(() => {
    unmountAll();
    timers?.restore();
  });
  const current = () => {
    if (!timers) throw new Error('useFakeClock(): the clock exists only during a test');
    return timers;
  };
  return {
    get timers() {
      return current();
    },
    async at(ms) {
      await current().tickAsync(T0 + ms - Date.now());
      await flushMicrotasks();
    },
  };
}
