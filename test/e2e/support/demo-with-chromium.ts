import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import type { DemoAppOptions } from '../../../demo/app.js';
import { launchChromium } from './browser.js';
import { type RunningDemo, startDemo } from './demo-server.js';

/** The demo server and a Chromium of a test file, there during its tests. */
export interface DemoWithChromium {
  readonly demo: RunningDemo;
  readonly browser: Browser;
}

/**
 * Starts the demo (with `options`) and Chromium, side by side, before the calling file's tests,
 * and closes both after them.
 */
export function useDemoWithChromium(options: DemoAppOptions): DemoWithChromium {
  let demo: RunningDemo | undefined;
  let browser: Browser | undefined;
  before(async () => {
    [demo, browser] = await Promise.all([startDemo(options), launchChromium()]);
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is there only during the tests`);
    return value;
  };
  return {
    get demo() {
      return started(demo, 'the demo');
    },
    get browser() {
      return started(browser, 'Chromium');
    },
  };
}
