// `manage.py serve` of examples/django: a throw-away database, timings from the environment.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { MANAGE_PY, PYTHON, startDjango } from './support/django-server.js';

describe('manage.py serve (examples/django)', { concurrency: true }, () => {
  it('serves the timings of the environment and deletes its database when stopped', async () => {
    const django = await startDjango({
      warnAfterSeconds: 7,
      expireAfterSeconds: 20.5,
      absoluteTimeoutSeconds: 60,
    });
    try {
      assert.ok(existsSync(django.databaseFile), django.databaseFile);
      const login = await fetch(`${django.origin}/login`);
      assert.equal(login.status, 200);
      assert.match(await login.text(), /name="username"[\s\S]*name="password"/);
      const anonymous = await fetch(`${django.origin}/session-security`);
      assert.deepEqual(await anonymous.json(), {
        version: 1,
        state: 'expired',
        reason: 'no-session',
      });
    } finally {
      await django.close();
    }
    assert.equal(existsSync(django.databaseFile), false, 'the database is deleted');
  });

  it('deletes its database when stopped with SIGTERM too', async () => {
    const django = await startDjango({
      warnAfterSeconds: 2,
      expireAfterSeconds: 4,
      absoluteTimeoutSeconds: null,
    });
    assert.ok(existsSync(django.databaseFile));
    await django.close('SIGTERM');
    assert.equal(existsSync(django.databaseFile), false, 'the database is deleted');
  });

  it('refuses invalid timings with the setting named, before serving', () => {
    const result = spawnSync(PYTHON, [MANAGE_PY, 'serve', '127.0.0.1:0'], {
      env: {
        ...process.env,
        PYTHONDONTWRITEBYTECODE: '1',
        SESSION_SECURITY_WARN_AFTER: '10',
        SESSION_SECURITY_EXPIRE_AFTER: '5',
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.notEqual(result.status, 0);
    assert.match(
      result.stderr,
      /SESSION_SECURITY_WARN_AFTER \(10\) must be less than SESSION_SECURITY_EXPIRE_AFTER \(5\)/,
    );
    assert.doesNotMatch(result.stdout, /Django demo on/);
  });
});
