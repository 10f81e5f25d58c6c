import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runSuite, type SuiteReport } from '../../conformance/index.js';
import {
  createExampleApp,
  ROOT_URL,
  type RunningServer,
  SHORT_TIMEOUTS,
  serve,
  suiteOptions,
  unexpectedSkips,
} from './support/servers.js';

const CLI = fileURLToPath(new URL('build/conformance/cli.js', ROOT_URL));
const LOGIN = ['--login-url', '/login', '--username', 'demo', '--password', 'demo'];

function failures(report: SuiteReport): string[] {
  return report.results
    .filter((result) => result.outcome === 'fail')
    .map((result) => `${result.name}: ${result.message}`);
}

/** Runs the command line and collects its output and exit status. */
async function runCli(args: string[]): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout };
}

/** Signs in with the login form, the way a user would, and returns the session cookie. */
async function signInCookie(baseUrl: URL): Promise<string> {
  const login = await fetch(new URL('/login', baseUrl), {
    method: 'POST',
    body: new URLSearchParams({ username: 'demo', password: 'demo' }),
    redirect: 'manual',
  });
  const cookie = login.headers.getSetCookie()[0]?.split(';')[0];
  assert.ok(cookie, 'the example sets a session cookie at sign-in');
  return cookie;
}

describe('the Express example (examples/express) against the conformance suite', async () => {
  const servers: RunningServer[] = [];
  after(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });
  const withAbsolute = await serve(await createExampleApp(SHORT_TIMEOUTS));
  const withoutAbsolute = await serve(
    await createExampleApp({ ...SHORT_TIMEOUTS, absoluteTimeoutSeconds: null }),
  );
  servers.push(withAbsolute, withoutAbsolute);
  const jsonFile = join(await mkdtemp(join(tmpdir(), 'conformance-')), 'report.json');
  // The three runs wait in real time; started together they take about one run's time.
  const apiRun = runSuite(suiteOptions(withAbsolute.baseUrl));
  const cliRun = runCli([withoutAbsolute.baseUrl.href, ...LOGIN, '--json', jsonFile]);
  const cookieRun = signInCookie(withoutAbsolute.baseUrl).then((cookie) =>
    runCli([withoutAbsolute.baseUrl.href, '--cookie', cookie]),
  );

  it('passes every check, absolute lifetime included', async () => {
    const report = await apiRun;
    assert.deepEqual(failures(report), []);
    assert.deepEqual(
      unexpectedSkips(report),
      [],
      'nothing skipped when an absolute lifetime is configured',
    );
    assert.ok(report.passed > 100, `only ${report.passed} checks passed`);
    assert.ok(
      report.results.some(
        (result) => result.name === 'absolute-expiry' && result.outcome === 'pass',
      ),
    );
    assert.ok(report.durationMs < 20_000, `the suite took ${report.durationMs} ms`);
  });

  it('passes through the command line, which exits 0 and writes the JSON report', async () => {
    const cli = await cliRun;
    assert.equal(cli.code, 0, cli.stdout);
    assert.match(cli.stdout, /^PASS no-revival$/m);
    assert.match(cli.stdout, /^SKIP absolute-expiry: no absolute lifetime configured/m);
    assert.doesNotMatch(cli.stdout, /^FAIL /m);
    const json = JSON.parse(await readFile(jsonFile, 'utf8')) as SuiteReport;
    assert.equal(json.failed, 0);
    assert.equal(json.timeouts?.expireAfterSeconds, SHORT_TIMEOUTS.expireAfterSeconds);
    assert.ok(
      json.results.some((result) => result.name === 'idle-expiry' && result.outcome === 'pass'),
    );
  });

  it('refuses up front to judge a --cookie session whose absolute lifetime is shorter than the run', async () => {
    const cookie = await signInCookie(withAbsolute.baseUrl);
    const equals = cookie.indexOf('=');
    const report = await runSuite(
      suiteOptions(withAbsolute.baseUrl, {
        signIn: { kind: 'cookie', name: cookie.slice(0, equals), value: cookie.slice(equals + 1) },
      }),
    );
    const failed = report.results.filter((result) => result.outcome === 'fail');
    assert.deepEqual(
      failed.map((result) => result.name),
      ['timeouts-testable'],
    );
    assert.match(
      failed[0]?.message ?? '',
      /^cannot judge this server with --cookie: the session has [\d.]+ s of absolute lifetime left/,
    );
    const blocked = report.results.filter((result) => result.blockedBy === 'timeouts-testable');
    assert.ok(blocked.some((result) => result.name === 'idle-expiry'));
    assert.ok(blocked.some((result) => result.name === 'report-max-rule'));
    // Nothing waited for the session to end: the refusal is immediate.
    assert.ok(
      report.durationMs < SHORT_TIMEOUTS.expireAfterSeconds * 1000,
      `${report.durationMs} ms`,
    );
  });

  it('passes with a ready session cookie, skipping the checks that need more sessions', async () => {
    const cli = await cookieRun;
    assert.equal(cli.code, 0, cli.stdout);
    assert.match(cli.stdout, /^PASS no-revival$/m);
    assert.match(cli.stdout, /^PASS rejected-requests-change-nothing$/m);
    assert.match(cli.stdout, /^PASS vector:report-zero$/m);
    assert.match(cli.stdout, /^SKIP .*protected-url-needs-session.*: needs a fresh session/m);
    assert.doesNotMatch(cli.stdout, /^FAIL /m);
  });
});
