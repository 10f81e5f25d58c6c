import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import Fastify from 'fastify';
import { sessionSecurity } from '../../server/index.js';
import { buildApp, SECRET } from './support/app.js';

async function registrationError(options: unknown): Promise<Error> {
  const app = Fastify();
  await app.register(fastifyCookie);
  await app.register(fastifySession, { secret: SECRET, cookie: { secure: false } });
  app.register(sessionSecurity, options as never);
  try {
    await app.ready();
  } catch (error) {
    return error as Error;
  } finally {
    await app.close();
  }
  assert.fail(`ready() accepted ${JSON.stringify(options)}`);
}

const valid = { warnAfterSeconds: 540, expireAfterSeconds: 600 };

describe('plugin options', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['missing warnAfterSeconds', { expireAfterSeconds: 600 }, /warnAfterSeconds is required/],
    ['missing expireAfterSeconds', { warnAfterSeconds: 540 }, /expireAfterSeconds is required/],
    [
      'warn as a string',
      { ...valid, warnAfterSeconds: '540' },
      /warnAfterSeconds must be a finite number/,
    ],
    [
      'warn not before expire',
      { warnAfterSeconds: 600, expireAfterSeconds: 600 },
      /warnAfterSeconds must be less than expireAfterSeconds/,
    ],
    [
      'zero expire',
      { warnAfterSeconds: 0, expireAfterSeconds: 0 },
      /warnAfterSeconds must be greater than 0/,
    ],
    [
      'NaN expire',
      { warnAfterSeconds: 5, expireAfterSeconds: Number.NaN },
      /expireAfterSeconds must be a finite number/,
    ],
    [
      'infinite expire',
      { warnAfterSeconds: 5, expireAfterSeconds: Number.POSITIVE_INFINITY },
      /expireAfterSeconds/,
    ],
    [
      'negative absolute',
      { ...valid, absoluteTimeoutSeconds: -1 },
      /absoluteTimeoutSeconds must be greater than 0/,
    ],
    [
      'isAuthenticated not a function',
      { ...valid, isAuthenticated: true },
      /option isAuthenticated must be a function/,
    ],
    [
      'timeoutsFor not a function',
      { ...valid, timeoutsFor: { warnAfterSeconds: 1 } },
      /option timeoutsFor must be a function/,
    ],
    ['now not a function', { ...valid, now: 5 }, /option now must be a function/],
    [
      'passiveRoutes not an array',
      { ...valid, passiveRoutes: '/health' },
      /option passiveRoutes: must be an array/,
    ],
    ['relative passive route', { ...valid, passiveRoutes: ['health'] }, /passiveRoutes: entry 0/],
    [
      'passive route with inner star',
      { ...valid, passiveRoutes: ['/a/*/b'] },
      /passiveRoutes: entry 0/,
    ],
    [
      'relative resourcePath',
      { ...valid, resourcePath: 'session-security' },
      /option resourcePath/,
    ],
    ['resourcePath with a parameter', { ...valid, resourcePath: '/s/:id' }, /option resourcePath/],
    ['origin with a path', { ...valid, origin: 'https://app.example/' }, /option origin/],
    ['origin with another scheme', { ...valid, origin: 'ftp://app.example' }, /option origin/],
    ['origin not a URL', { ...valid, origin: 'app.example' }, /option origin/],
    [
      'activityStore missing methods',
      { ...valid, activityStore: { get() {} } },
      /option activityStore must implement .* \(missing: start, advance, end\)/,
    ],
    ['unknown option', { ...valid, expireAfterSecond: 600 }, /unknown option expireAfterSecond/],
    [
      'onSessionEnd not a function',
      { ...valid, onSessionEnd: 'log' },
      /option onSessionEnd must be a function/,
    ],
    ['userOf not a function', { ...valid, userOf: 'id' }, /option userOf must be a function/],
    [
      'clearSiteDataOnLogout not an array',
      { ...valid, clearSiteDataOnLogout: 'cache' },
      /option clearSiteDataOnLogout must be an array of distinct values among cache, cookies, storage/,
    ],
    [
      'clearSiteDataOnLogout with executionContexts',
      { ...valid, clearSiteDataOnLogout: ['cache', 'executionContexts'] },
      /option clearSiteDataOnLogout/,
    ],
    [
      'clearSiteDataOnLogout with a wildcard',
      { ...valid, clearSiteDataOnLogout: ['*'] },
      /option clearSiteDataOnLogout/,
    ],
    [
      'clearSiteDataOnLogout with a repeated value',
      { ...valid, clearSiteDataOnLogout: ['cache', 'cache'] },
      /option clearSiteDataOnLogout/,
    ],
  ];
  for (const [name, options, message] of cases) {
    it(`rejects ${name} when the app starts`, async () => {
      const error = await registrationError(options);
      assert.match(error.message, /^session-security: /);
      assert.match(error.message, message);
    });
  }

  it('needs @fastify/session registered first', async () => {
    const app = Fastify();
    await app.register(fastifyCookie);
    app.register(sessionSecurity, valid);
    await assert.rejects(async () => {
      await app.ready();
    }, /@fastify\/session/);
    await app.close();
  });

  it('logs a warning when the warning lead is under 20 s (WCAG 2.2.1) and still starts', async () => {
    const logs: string[] = [];
    const { app } = await buildApp({
      logs,
      plugin: { warnAfterSeconds: 5, expireAfterSeconds: 10 },
    });
    await app.close();
    const warning = logs.map((line) => JSON.parse(line) as { level: number; msg: string });
    assert.ok(
      warning.some(
        (entry) => entry.level === 40 && /5 s before expiry; WCAG 2.2.1/.test(entry.msg),
      ),
      logs.join('\n'),
    );
  });

  it('logs no warning with a lead of 20 s or more', async () => {
    const logs: string[] = [];
    const { app } = await buildApp({
      logs,
      plugin: { warnAfterSeconds: 40, expireAfterSeconds: 60 },
    });
    await app.close();
    assert.deepEqual(logs, []);
  });

  it('accepts the documented option set', async () => {
    const { app } = await buildApp({
      plugin: {
        warnAfterSeconds: 540,
        expireAfterSeconds: 600,
        absoluteTimeoutSeconds: 43_200,
        isAuthenticated: () => false,
        timeoutsFor: () => ({ warnAfterSeconds: 1, expireAfterSeconds: 2 }),
        passiveRoutes: ['/exact', '/prefix/*', /^\/re/],
        resourcePath: '/auth/session-security',
        origin: 'https://app.example:8443',
      },
    });
    const response = await app.inject({ method: 'GET', url: '/auth/session-security' });
    assert.equal(response.statusCode, 200);
    await app.close();
  });
});
