import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';
import { summaryReporter } from './scripts/wtr-summary-reporter.mjs';
import { testCommandsPlugin } from './test/support/browser-commands.mjs';

export default {
  // The browser suites: the framework-free core, the element, the dialog (see test/README.md).
  files: ['build/test/{core,element,dialog}/**/*.test.js'],
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: chromiumPath(), args: chromiumArgs, headless: true },
    }),
  ],
  // Server commands the browser tests call (e.g. opening a second tab).
  plugins: [testCommandsPlugin()],
  reporters: [defaultReporter(), summaryReporter()],
};
