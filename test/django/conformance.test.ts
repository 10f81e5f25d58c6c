// The conformance command line against the Django demo (examples/django), as an adopter would
// run it: `session-security-conformance URL --login-url /login --username demo --password demo`.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { SuiteReport } from '../../conformance/index.js';
import { type RunningDjango, startDjango } from './support/django-server.js';

const CLI = fileURLToPath(new URL('../../conformance/cli.js', import.meta.url));

describe('examples/django against the conformance command line (warn 2 s, expire 4 s, absolute 7 s)', () => {
  let django: RunningDjango;
  before(async () => {
    django = await startDjango({
      warnAfterSeconds: 2,
      expireAfterSeconds: 4,
      absoluteTimeoutSeconds: 7,
    });
  });
  after(() => django?.close());

  it('passes every check, exits 0, and the audit log saw idle, absolute and logout ends', async () => {
    const jsonFile = join(await mkdtemp(join(tmpdir(), 'django-conformance-')), 'report.json');
    const child = spawn(
      process.execPath,
      [
        CLI,
        django.origin,
        '--login-url',
        '/login',
        '--username',
        'demo',
        '--password',
        'demo',
        '--json',
        jsonFile,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    const [code] = (await once(child, 'close')) as [number | null];
    assert.doesNotMatch(stdout, /^FAIL /m);
    assert.equal(code, 0, stdout);
    const report = JSON.parse(await readFile(jsonFile, 'utf8')) as SuiteReport;
    assert.equal(report.failed, 0);
    const skipped = report.results
      .filter((result) => result.outcome === 'skip')
      .map((result) => `${result.name}: ${result.message}`);
    assert.deepEqual(skipped, [], 'nothing skipped with an absolute lifetime');
    assert.ok(report.passed > 100, `only ${report.passed} checks passed`);
    for (const name of ['absolute-expiry', 'idle-expiry', 'no-revival', 'logout-cookie-replay']) {
      assert.ok(
        report.results.some((result) => result.name === name && result.outcome === 'pass'),
        `${name} passed`,
      );
    }
    // The session_ended signal, written by the demo's audit receiver.
    for (const reason of ['idle', 'absolute', 'logout']) {
      assert.match(django.log(), new RegExp(`session ended: user=demo reason=${reason}$`, 'm'));
    }
  });
});
