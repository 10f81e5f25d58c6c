// Runs every check and test suite of the project in order and closes with one plain summary
// line ("N passed, N failed") counting the node:test and web-test-runner tests together.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const workDir = mkdtempSync(join(tmpdir(), 'session-security-tests-'));
const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const failures = [];

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) failures.push(`${label} exited with ${result.status ?? result.signal}`);
  return result.status === 0;
}

function findTests(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return findTests(path);
      return name.endsWith('.test.js') ? [path] : [];
    })
    .sort();
}

function countTap(file) {
  if (!existsSync(file)) return false;
  const text = readFileSync(file, 'utf8');
  const pass = Number(/^# pass (\d+)$/m.exec(text)?.[1] ?? 0);
  const fail = Number(/^# fail (\d+)$/m.exec(text)?.[1] ?? 0);
  const cancelled = Number(/^# cancelled (\d+)$/m.exec(text)?.[1] ?? 0);
  passed += pass;
  failed += fail + cancelled;
  return true;
}

const wanted = (name) => only.length === 0 || only.includes(name);

/** The built test files of a suite; none is a failure (a moved or unbuilt suite), never a skip. */
function suiteFiles(suite, dir) {
  const files = findTests(join(root, 'build', 'test', dir));
  if (files.length === 0) {
    failed += 1;
    failures.push(`${suite} tests: no build/test/${dir}/**/*.test.js found`);
  }
  return files;
}

if (!run('build (strict type check, bundle)', 'npm', ['run', '--silent', 'build'])) {
  console.log('\nbuild failed: no test ran');
  console.log(`0 passed, 1 failed`);
  process.exit(1);
}
if (wanted('lint')) {
  run('lint and format check', 'npx', ['biome', 'check', '.']);
  // Import circles, file and function lengths, with the figures (scripts/check-structure.mjs).
  run('structure check', process.execPath, ['scripts/check-structure.mjs']);
  // JSX typings as React, Preact and Solid projects see them (test/types/*/element.tsx).
  for (const framework of ['react', 'preact', 'solid']) {
    if (run(`JSX types (${framework})`, 'npx', ['tsc', '-p', `test/types/${framework}`]))
      passed += 1;
    else failed += 1;
  }
}

// In Chromium (web-test-runner.config.mjs): the framework-free core, the element, the dialog.
const browserFiles = wanted('browser')
  ? ['core', 'element', 'dialog'].flatMap((dir) => suiteFiles(`browser (${dir})`, dir))
  : [];
if (browserFiles.length > 0) {
  const summary = join(workDir, 'browser.json');
  run(
    'browser tests (web-test-runner, Chromium)',
    'npx',
    ['web-test-runner', '--config', 'web-test-runner.config.mjs'],
    {
      WTR_SUMMARY_FILE: summary,
    },
  );
  if (existsSync(summary)) {
    const counts = JSON.parse(readFileSync(summary, 'utf8'));
    passed += counts.passed;
    failed += counts.failed;
  } else {
    failed += 1;
    failures.push('browser tests wrote no summary');
  }
}

// The package as users get it: one tarball (already built, so packed without scripts), checked by
// publint and @arethetypeswrong/cli, then installed into scratch projects by the install tests.
const suiteEnv = {};
if (wanted('package')) {
  const packDir = join(workDir, 'pack');
  mkdirSync(packDir);
  if (
    run('npm pack', 'npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', packDir])
  ) {
    const tarball = join(
      packDir,
      readdirSync(packDir).find((name) => name.endsWith('.tgz')),
    );
    suiteEnv.SESSION_SECURITY_TARBALL = tarball;
    for (const [label, args] of [
      ['publint', ['publint', '--strict']],
      ['@arethetypeswrong/cli', ['attw', tarball, '--profile', 'esm-only']],
    ]) {
      if (run(label, 'npx', ['--no-install', ...args])) passed += 1;
      else failed += 1;
    }
  } else failed += 1;
}

for (const suite of ['protocol', 'server', 'conformance', 'budgets', 'e2e', 'package']) {
  if (!wanted(suite)) continue;
  if (suite === 'package' && !suiteEnv.SESSION_SECURITY_TARBALL) continue;
  const files = suiteFiles(suite, suite);
  if (files.length === 0) continue;
  const tap = join(workDir, `${suite}.tap`);
  run(
    `${suite} tests (node:test)`,
    process.execPath,
    [
      '--test',
      '--test-concurrency=1',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    suiteEnv,
  );
  if (!countTap(tap)) {
    failed += 1;
    failures.push(`${suite} tests wrote no report`);
  }
}

// examples/django: Django's own test runner, then the conformance command line and Chromium
// against the served demo. Debian's python3-django (3.2) for /usr/bin/python3 is required in CI.
if (wanted('django')) runDjangoSuite();

function runDjangoSuite() {
  const python = '/usr/bin/python3';
  const probe = spawnSync(python, ['-c', 'import django'], { stdio: 'ignore' });
  if (probe.status !== 0) {
    const message = `${python} cannot import django (apt-get install python3-django)`;
    if (process.env.CI === 'true') {
      failed += 1;
      failures.push(`django suite: ${message}`);
    } else {
      console.log(`\n=== django suite SKIPPED: ${message}`);
    }
    return;
  }
  const djangoDir = join(root, 'examples', 'django');
  console.log(`\n=== django app tests (manage.py test, Django's runner)`);
  const result = spawnSync(
    python,
    ['manage.py', 'test', 'tests', '--settings', 'tests.settings', '--noinput'],
    { cwd: djangoDir, encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } },
  );
  process.stdout.write(result.stdout ?? '');
  process.stdout.write(result.stderr ?? '');
  const ran = Number(/^Ran (\d+) tests? in /m.exec(result.stderr ?? '')?.[1] ?? 0);
  const failure = /^FAILED \((.*)\)$/m.exec(result.stderr ?? '')?.[1] ?? '';
  const broken = [...failure.matchAll(/(?:failures|errors)=(\d+)/g)].reduce(
    (sum, match) => sum + Number(match[1]),
    0,
  );
  passed += ran - broken;
  failed += broken;
  if (result.status !== 0 || ran === 0) {
    if (broken === 0) failed += 1;
    failures.push(`django app tests exited with ${result.status ?? result.signal}`);
  }
  const files = suiteFiles('django', 'django');
  if (files.length === 0) return;
  const tap = join(workDir, 'django.tap');
  run('django demo tests (node:test: conformance CLI, Chromium)', process.execPath, [
    '--test',
    '--test-concurrency=1',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  if (!countTap(tap)) {
    failed += 1;
    failures.push('django demo tests wrote no report');
  }
}

// The scratch project's node_modules (React, Vite, Vue, Fastify...) is large: keep it only to
// look into a failure.
if (suiteEnv.SESSION_SECURITY_TARBALL && failures.length === 0) {
  rmSync(join(workDir, 'pack', 'scratch', 'node_modules'), { recursive: true, force: true });
}

console.log('');
for (const failure of failures) console.log(`FAILED: ${failure}`);
if (passed === 0 && failures.length === 0) {
  failures.push('no test ran');
  console.log('FAILED: no test ran');
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failures.length === 0 && failed === 0 ? 0 : 1);
