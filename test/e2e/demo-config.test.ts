import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DemoConfigError, readDemoConfig } from '../../demo/config.js';

describe('demo configuration from the environment', () => {
  it('defaults to port 3000, warn 30 s, expire 60 s, no absolute lifetime, memory store', () => {
    assert.deepEqual(readDemoConfig({}), {
      port: 3000,
      warnAfterSeconds: 30,
      expireAfterSeconds: 60,
      absoluteTimeoutSeconds: null,
      redisUrl: null,
      sessionSecret: null,
    });
  });

  it('reads every variable', () => {
    const config = readDemoConfig({
      PORT: '3001',
      SESSION_SECURITY_WARN_AFTER: '5',
      SESSION_SECURITY_EXPIRE_AFTER: '10.5',
      SESSION_SECURITY_ABSOLUTE_TIMEOUT: '3600',
      REDIS_URL: 'redis://127.0.0.1:6390',
      SESSION_SECRET: 'x'.repeat(32),
    });
    assert.deepEqual(config, {
      port: 3001,
      warnAfterSeconds: 5,
      expireAfterSeconds: 10.5,
      absoluteTimeoutSeconds: 3600,
      redisUrl: 'redis://127.0.0.1:6390',
      sessionSecret: 'x'.repeat(32),
    });
  });

  const invalid: [string, NodeJS.ProcessEnv, RegExp][] = [
    [
      'a word as seconds',
      { SESSION_SECURITY_WARN_AFTER: 'soon' },
      /SESSION_SECURITY_WARN_AFTER.*'soon'/,
    ],
    [
      'zero seconds',
      { SESSION_SECURITY_EXPIRE_AFTER: '0' },
      /SESSION_SECURITY_EXPIRE_AFTER.*greater than 0/,
    ],
    ['a negative value', { SESSION_SECURITY_ABSOLUTE_TIMEOUT: '-5' }, /ABSOLUTE_TIMEOUT/],
    ['hexadecimal', { SESSION_SECURITY_EXPIRE_AFTER: '0x40' }, /SESSION_SECURITY_EXPIRE_AFTER/],
    ['Infinity', { SESSION_SECURITY_EXPIRE_AFTER: 'Infinity' }, /SESSION_SECURITY_EXPIRE_AFTER/],
    [
      'a warning not before expiry',
      { SESSION_SECURITY_WARN_AFTER: '60', SESSION_SECURITY_EXPIRE_AFTER: '60' },
      /SESSION_SECURITY_WARN_AFTER must be less than SESSION_SECURITY_EXPIRE_AFTER/,
    ],
    [
      'an expiry under the default warning',
      { SESSION_SECURITY_EXPIRE_AFTER: '20' },
      /warn 30 s, expire 20 s/,
    ],
    [
      'more than a year',
      { SESSION_SECURITY_ABSOLUTE_TIMEOUT: '40000000' },
      /SESSION_SECURITY_ABSOLUTE_TIMEOUT must be at most/,
    ],
    ['a port out of range', { PORT: '70000' }, /PORT must be an integer/],
    ['a port that is not a number', { PORT: 'http' }, /PORT must be an integer/],
    ['a Redis URL that is not one', { REDIS_URL: 'localhost:6379' }, /REDIS_URL must start/],
    ['a Redis URL that is not a URL', { REDIS_URL: '::' }, /REDIS_URL must be a URL/],
    ['a short secret', { SESSION_SECRET: 'short' }, /SESSION_SECRET must be at least 32/],
  ];
  for (const [what, env, message] of invalid) {
    it(`refuses ${what} with a message naming the variable`, () => {
      assert.throws(
        () => readDemoConfig(env),
        (error: unknown) => error instanceof DemoConfigError && message.test(error.message),
      );
    });
  }
});
