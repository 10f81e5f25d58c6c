import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';
import { summaryReporter } from './scripts/wtr-summary-reporter.mjs';

const commandPlugins = [];
try {
  // Optional server commands (e.g. opening a second tab) live beside the browser tests.
  const { testCommandsPlugin } = await import('./test/browser-commands.mjs');
  commandPlugins.push(testCommandsPlugin());
} catch (error) {
  if (error.code !== 'ERR_MODULE_NOT_FOUND') throw error;
}

export default {
  files: ['build/test/components/**/*.test.js'],
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: chromiumPath(), args: chromiumArgs, headless: true },
    }),
  ],
  plugins: commandPlugins,
  reporters: [defaultReporter(), summaryReporter()],
};
