import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { runSuite, type SuiteReport } from '../../conformance/index.js';
import { brokenServers } from './fixtures/broken-servers.js';
import { type RunningServer, serve, suiteOptions } from './support/servers.js';

describe('the suite fails deliberately broken servers, naming the right check', () => {
  const servers: RunningServer[] = [];
  after(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  // All fixtures run at once: each run waits for real idle expiry, so together they take one wait.
  const reports = Promise.all(
    brokenServers.map(async (broken) => {
      const server = await serve(await broken.build());
      servers.push(server);
      return runSuite(suiteOptions(server.baseUrl));
    }),
  );

  brokenServers.forEach((broken, index) => {
    it(`${broken.name}: FAIL ${broken.failingCheck}`, async () => {
      const report = (await reports)[index] as SuiteReport;
      const failed = report.results.filter((result) => result.outcome === 'fail');
      const named = failed.find((result) => result.name === broken.failingCheck);
      assert.ok(
        named,
        `${broken.failingCheck} should fail; failed: ${failed.map((result) => result.name).join(', ') || 'none'}`,
      );
      assert.ok(named.exchange, 'the failure shows the request and response that broke it');
      // The breakage is narrow: the suite still signs in and most checks pass.
      assert.ok(
        report.results.some((result) => result.name === 'sign-in' && result.outcome === 'pass'),
      );
      assert.ok(
        report.passed > report.failed * 3,
        `${report.failed} failures: ${failed.map((r) => r.name).join(', ')}`,
      );
    });
  });
});
