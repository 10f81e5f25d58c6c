// The session machine and the legacy transport keep their moments on a clock of their own: the
// wall clock plus every step back it took since they started. So a clock set back an hour
// neither delays their deadlines nor makes new activity look older than old; what crosses their
// edges (activity, tab messages, the snapshot's deadline) is on the wall clock of the moment.

/**
 * A step back of the wall clock smaller than this is ignored: between two readings, NTP slewing
 * and millisecond rounding make the wall and monotonic clocks differ by a few milliseconds.
 */
export const CLOCK_STEP_TOLERANCE_MS = 1000;

/** The page's monotonic clock (milliseconds, any origin). */
export const monotonicClock = (): number => performance.now();

/**
 * Watches a wall clock for steps back (a user or NTP setting it back), which a browser can tell
 * apart from time passing: between two readings, the wall clock advanced less than the monotonic
 * one. A step forward cannot be told apart from system sleep (the monotonic clock and the timers
 * stop while the system sleeps, the wall clock does not), so it counts as time passed.
 *
 * Answers a function to call with each wall-clock reading: it answers how far the wall clock
 * stepped back since the previous reading (negative milliseconds), or 0.
 */
export function wallClockSteps(monotonicMs: () => number): (wallMs: number) => number {
  let lastWallMs = Number.NaN;
  let lastMonotonicMs = 0;
  return (wallMs) => {
    const monotonic = monotonicMs();
    const stepMs = wallMs - lastWallMs - (monotonic - lastMonotonicMs);
    lastWallMs = wallMs;
    lastMonotonicMs = monotonic;
    return stepMs < -CLOCK_STEP_TOLERANCE_MS ? stepMs : 0;
  };
}
