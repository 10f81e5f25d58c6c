import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { attributeRootCauses, oneSessionRunSeconds } from '../../conformance/check-group.js';
import type { CheckResult } from '../../conformance/index.js';
import { parseArguments, USAGE } from '../../conformance/options.js';
import { collectSecrets, redactText } from '../../conformance/redact.js';
import { formatDuration, formatResults, formatRootCauses } from '../../conformance/report.js';
import { hiddenInputs } from '../../conformance/sign-in.js';
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

  it('--help states the timing bounds, how sign-in is detected and what --protected-url must do', () => {
    assert.match(USAGE, /2 s <= expireAfterSeconds <= --max-wait-seconds/);
    assert.match(USAGE, /must be expired 100 ms after its idle or absolute\s+deadline/);
    assert.match(USAGE, /Sign-in succeeded when that POST\s+answers below 400/);
    assert.match(USAGE, /an anonymous one\s+with something else/);
    assert.match(USAGE, /--show-secrets/);
  });

  it('parses --show-secrets (secrets are redacted unless it is given)', () => {
    const plain = parseArguments(['http://h', ...LOGIN]);
    const shown = parseArguments(['http://h', ...LOGIN, '--show-secrets']);
    assert.equal(plain.kind === 'options' && plain.options.showSecrets, false);
    assert.equal(shown.kind === 'options' && shown.options.showSecrets, true);
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

describe('root causes', () => {
  const result = (name: string, outcome: CheckResult['outcome'], message?: string) => ({
    name,
    description: name,
    outcome,
    durationMs: 1,
    ...(message === undefined ? {} : { message }),
  });
  const declarations = [
    { name: 'root', description: '' },
    { name: 'child', description: '', dependsOn: ['root'] },
    { name: 'grandchild', description: '', dependsOn: ['child'] },
    { name: 'independent', description: '', dependsOn: ['passing'] },
    { name: 'passing', description: '' },
  ];

  it('reports a failure whose prerequisite failed as skipped because of it, transitively', () => {
    const attributed = attributeRootCauses(
      [
        result('root', 'fail', 'got 403'),
        result('child', 'fail', 'got 403 too'),
        result('grandchild', 'fail', 'got 403 again'),
        result('independent', 'fail', 'wrong'),
        result('passing', 'pass'),
      ],
      declarations,
    );
    assert.deepEqual(
      attributed.map((each) => [each.name, each.outcome, each.message, each.blockedBy]),
      [
        ['root', 'fail', 'got 403', undefined],
        ['child', 'skip', 'skipped because root failed', 'root'],
        ['grandchild', 'skip', 'skipped because root failed', 'root'],
        ['independent', 'fail', 'wrong', undefined],
        ['passing', 'pass', undefined, undefined],
      ],
    );
    assert.equal(attributed[2]?.blockedFailure, 'got 403 again');
    assert.deepEqual(formatRootCauses(attributed), [
      'Root causes (2):',
      '  root: got 403 (2 dependent checks skipped because of it)',
      '  independent: wrong',
    ]);
  });

  it('prints failures with the same message as one root cause', () => {
    assert.deepEqual(
      formatRootCauses([result('a', 'fail', 'got 200'), result('b', 'fail', 'got 200')]),
      ['Root causes (1):', '  a, b: got 200'],
    );
    assert.deepEqual(formatRootCauses([result('a', 'pass')]), []);
  });
});

describe('durations and secrets', () => {
  it('prints durations in ms, s or min', () => {
    assert.equal(formatDuration(12), '12 ms');
    assert.equal(formatDuration(999.6), '1000 ms');
    assert.equal(formatDuration(7849), '7.8 s');
    assert.equal(formatDuration(125_000), '2 min 5 s');
  });

  it('redacts every cookie value sent or received and the password, encoded or not', () => {
    const exchange = {
      request: {
        method: 'GET',
        url: 'http://h/',
        headers: { cookie: 'sid=s%3AabcdEFGH.sig; theme=dark' },
      },
      response: {
        status: 200,
        headers: {},
        setCookies: ['csrf=tok3n-value; Path=/'],
        body: 'session s:abcdEFGH.sig and tok3n-value',
      },
      sentAtMs: 0,
      receivedAtMs: 1,
    };
    const secrets = collectSecrets([exchange], 'hunter22');
    assert.equal(
      redactText('sid=s%3AabcdEFGH.sig s:abcdEFGH.sig tok3n-value hunter22 theme=dark', secrets),
      'sid=<redacted> <redacted> <redacted> <redacted> theme=<redacted>',
    );
  });

  it('a --cookie run needs an absolute lifetime longer than the checks on one session take', () => {
    assert.equal(oneSessionRunSeconds(4), 27);
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
