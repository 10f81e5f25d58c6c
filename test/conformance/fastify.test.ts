import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import Fastify, { type FastifyInstance } from 'fastify';
import { runSuite, type SuiteReport } from '../../conformance/index.js';
import { createDemoApp } from '../../demo/app.js';
import sessionSecurity from '../../server/index.js';
import { RedisServer, redisUnavailableReason } from '../server/support/redis-server.js';
import { SHORT_TIMEOUTS, suiteOptions, unexpectedSkips } from './support/servers.js';

const SECRET = 'a conformance test secret, at least 32 characters';

/** A small application of the kind the README shows: sign-in form, one protected page. */
async function smallFastifyApp(): Promise<FastifyInstance> {
  const app = Fastify();
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: SECRET,
    cookieName: 'sid',
    saveUninitialized: false,
    rolling: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: false, path: '/' },
  });
  await app.register(sessionSecurity, SHORT_TIMEOUTS);
  app.post<{ Body: { username?: string; password?: string } }>('/login', async (request, reply) => {
    if (request.body.username !== 'demo' || request.body.password !== 'demo') {
      return reply.code(401).send('wrong user name or password');
    }
    await request.session.regenerate();
    request.session.set('user', { name: 'demo' });
    return reply.redirect('/', 303);
  });
  app.get('/', async (request, reply) => {
    if (request.session.get('user') === undefined) return reply.redirect('/login', 303);
    return reply.type('text/html').send('<h1>Protected</h1>');
  });
  return app;
}

async function listen(app: FastifyInstance): Promise<URL> {
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return new URL(`${address}/`);
}

function failures(report: SuiteReport): string[] {
  return report.results
    .filter((result) => result.outcome === 'fail')
    .map((result) => `${result.name}: ${result.message}`);
}

const redisSkip = redisUnavailableReason();

describe('the Fastify plugin against the conformance suite', async () => {
  const apps: FastifyInstance[] = [];
  let redis: RedisServer | null = null;
  after(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await redis?.dispose();
  });
  async function run(app: FastifyInstance): Promise<SuiteReport> {
    apps.push(app);
    return runSuite(suiteOptions(await listen(app)));
  }
  // Each run waits in real time; started together they take about one run's time.
  const small = run(await smallFastifyApp());
  const demoMemory = run(await createDemoApp(SHORT_TIMEOUTS));
  const demoRedis = redisSkip
    ? null
    : RedisServer.start().then(async (server) => {
        redis = server;
        return run(await createDemoApp({ ...SHORT_TIMEOUTS, redisUrl: server.url }));
      });

  it('a small Fastify app with the plugin (memory activity store) passes every check', async () => {
    const report = await small;
    assert.deepEqual(failures(report), []);
    assert.deepEqual(unexpectedSkips(report), []);
    assert.ok(report.passed > 100, `only ${report.passed} checks passed`);
  });

  it('the demo with memory stores passes every check', async () => {
    const report = await demoMemory;
    assert.deepEqual(failures(report), []);
    assert.deepEqual(unexpectedSkips(report), []);
  });

  it('the demo with sessions and activity in Redis passes every check', {
    skip: redisSkip ?? false,
  }, async () => {
    const report = await (demoRedis as Promise<SuiteReport>);
    assert.deepEqual(failures(report), []);
    assert.deepEqual(unexpectedSkips(report), []);
  });
});
