import { createDemoApp, type DemoAppOptions } from '../../../demo/app.js';

/** A server clock the test can move forward together with Playwright's browser clock. */
export interface AdjustableClock {
  readonly nowMs: () => number;
  /** Moves the clock forward (or back, for negative values) by `deltaMs`. */
  advance(deltaMs: number): void;
}

/**
 * Real time plus an offset; `frozen` stops real time from flowing, so that exact boundaries
 * (1 ms before a deadline) can be tested over HTTP.
 */
export function adjustableClock({ frozen = false } = {}): AdjustableClock {
  let offsetMs = 0;
  const frozenAtMs = Date.now();
  return {
    nowMs: () => (frozen ? frozenAtMs : Date.now()) + offsetMs,
    advance: (deltaMs) => {
      offsetMs += deltaMs;
    },
  };
}

/** A demo instance listening on 127.0.0.1 on a free port. */
export interface RunningDemo {
  /** Origin without a trailing slash, e.g. `http://127.0.0.1:40123`. */
  readonly origin: string;
  close(): Promise<void>;
}

/** Starts the demo in this process, as the tests need it (port 0, chosen timings). */
export async function startDemo(options: DemoAppOptions): Promise<RunningDemo> {
  const app = await createDemoApp(options);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { origin: address, close: () => app.close() };
}
