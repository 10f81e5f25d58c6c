/**
 * Waits `ms` of real time (0 when `ms` is not positive): for the end-to-end scenarios about real
 * timers only; everything else runs on injected or Playwright clocks.
 */
export function waitMs(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
