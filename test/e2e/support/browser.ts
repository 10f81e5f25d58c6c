import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';

interface ChromiumSetup {
  chromiumPath(): string;
  chromiumArgs: string[];
}

// scripts/chromium.mjs is plain JS shared with web-test-runner; loaded by URL so tsc does not need
// its types. build/test/e2e/support/ -> repository root.
const CHROMIUM_SETUP_URL = new URL('../../../../scripts/chromium.mjs', import.meta.url);

/** Starts Debian's headless Chromium the way every browser test of the project does. */
export async function launchChromium(): Promise<Browser> {
  const setup = (await import(CHROMIUM_SETUP_URL.href)) as ChromiumSetup;
  return chromium.launch({
    executablePath: setup.chromiumPath(),
    args: setup.chromiumArgs,
    headless: true,
  });
}
