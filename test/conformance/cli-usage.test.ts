import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { hiddenInputs } from '../../conformance/context.js';
import { type CheckResult, formatResults } from '../../conformance/index.js';
import { parseArguments } from '../../conformance/options.js';
import { ROOT_URL } from './support/servers.js';

const CLI = fileURLToPath(new URL('build/conformance/cli.js', ROOT_URL));
const LOGIN = ['--login-url', '/login', '--username', 'demo', '--password', 'demo'];

function usageError(argv: string[]): string {
  const parsed = parseArguments(argv);
  assert.equal(parsed.kind, 'usage-error', JSON.stringify(parsed));
  return parsed.kind === 'usage-error' ? parsed.error : '';
}

describe('command line', () => {
  it('parses a full command line', () => {
    const parsed = parseArguments([
      'http://127.0.0.1:3000',
      ...LOGIN,
      '--resource-path',
      '/api/session',
      '--protected-url',
      '/account',
      '--json',
      'out.json',
    ]);
    assert.equal(parsed.kind, 'options');
    if (parsed.kind !== 'options') return;
    assert.equal(parsed.options.baseUrl.origin, 'http://127.0.0.1:3000');
    assert.equal(parsed.options.resourcePath, '/api/session');
    assert.equal(parsed.options.protectedPath, '/account');
    assert.equal(parsed.options.jsonReportFile, 'out.json');
    assert.deepEqual(parsed.options.signIn, {
      kind: 'login-form',
      loginPath: '/login',
      username: 'demo',
      password: 'demo',
    });
  });

  it('parses a cookie, keeping = signs in its value', () => {
    const parsed = parseArguments(['https://app.example', '--cookie', 'sid=s%3Aabc=def']);
    assert.equal(parsed.kind, 'options');
    if (parsed.kind !== 'options') return;
    assert.deepEqual(parsed.options.signIn, { kind: 'cookie', name: 'sid', value: 's%3Aabc=def' });
    assert.equal(parsed.options.resourcePath, '/session-security');
  });

  it('names what is wrong with a bad command line', () => {
    assert.match(usageError([]), /exactly one base URL/);
    assert.match(usageError(['not a url', ...LOGIN]), /not a URL/);
    assert.match(usageError(['ftp://host', ...LOGIN]), /http or https/);
    assert.match(usageError(['http://h']), /how to sign in/);
    assert.match(usageError(['http://h', '--login-url', '/login']), /--username and --password/);
    assert.match(usageError(['http://h', '--cookie', 'novalue']), /NAME=VALUE/);
    assert.match(usageError(['http://h', '--cookie', 'a=b', ...LOGIN]), /not both/);
    assert.match(usageError(['http://h', ...LOGIN, '--resource-path', 'x']), /starting with \//);
    assert.match(usageError(['http://h', ...LOGIN, '--max-wait-seconds', '0']), /positive/);
    assert.match(usageError(['http://h', ...LOGIN, '--frobnicate']), /frobnicate/);
  });

  it('exits with 2 on a usage error and 0 on --help', () => {
    const bad = spawnSync(process.execPath, [CLI, '--cookie', 'x'], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /Usage: session-security-conformance/);
    const help = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--login-url PATH/);
  });

  it('exits with 1 when the server cannot be reached', () => {
    const result = spawnSync(process.execPath, [CLI, 'http://127.0.0.1:9', ...LOGIN], {
      encoding: 'utf8',
    });
    assert.equal(result.status, 1);
    assert.match(result.stdout, /^FAIL sign-in: no answer/m);
  });
});

describe('login form scan', () => {
  it('copies the hidden inputs (CSRF tokens) of Django and Rails login forms', () => {
    const django =
      '<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="abc&amp;123">' +
      '<input type="text" name="username"><input name="next" type=hidden value=/home></form>';
    assert.deepEqual(hiddenInputs(django), [
      ['csrfmiddlewaretoken', 'abc&123'],
      ['next', '/home'],
    ]);
    const rails = `<input type='hidden' name='authenticity_token' value='t0k=' autocomplete='off' />`;
    assert.deepEqual(hiddenInputs(rails), [['authenticity_token', 't0k=']]);
    assert.deepEqual(hiddenInputs('<input type="password" name="password" value="x">'), []);
  });
});

describe('text report', () => {
  const result = (name: string, outcome: CheckResult['outcome'], message?: string) => ({
    name,
    description: `${name} works`,
    outcome,
    durationMs: 1,
    ...(message === undefined ? {} : { message }),
  });

  it('prints one line per check and one line for a long run of skips with one reason', () => {
    const why = 'no signed-in session';
    const lines = formatResults([
      result('a', 'pass'),
      result('b', 'skip', why),
      result('c', 'skip', why),
      result('d', 'skip', why),
      result('e', 'skip', why),
      result('f', 'skip', 'other'),
      result('g', 'fail', 'broken'),
    ]);
    assert.deepEqual(lines, [
      'PASS a',
      'SKIP 4 checks, b to e: no signed-in session',
      'SKIP f: other',
      'FAIL g: broken',
      '    (g works)',
    ]);
  });
});
