import { type Browser, chromium } from 'playwright-core';

interface ChromiumSetup {
  chromiumPath(): string;
  chromiumArgs: string[];
}

// scripts/chromium.mjs is plain JS shared with the test runners: loaded by URL so tsc does not
// need its types. build/bench/browser/ -> repository root.
const CHROMIUM_SETUP_URL = new URL('../../../scripts/chromium.mjs', import.meta.url);

/**
 * Debian's headless Chromium, started like the project's browser tests, with background tabs
 * not slowed down (the benchmarks keep several pages open) and `gc()` exposed.
 */
export async function launchBenchChromium(): Promise<Browser> {
  const setup = (await import(CHROMIUM_SETUP_URL.href)) as ChromiumSetup;
  return chromium.launch({
    executablePath: setup.chromiumPath(),
    args: [
      ...setup.chromiumArgs,
      '--disable-renderer-backgrounding',
      '--disable-background-timer-throttling',
      '--disable-backgrounding-occluded-windows',
    ],
    headless: true,
  });
}

/** The browser's version, e.g. `156.0.7000.0`. */
export function chromiumVersion(browser: Browser): string {
  return browser.version();
}
