// Type test: this file must compile (tsc checks it with the rest of the project) and its
// `@ts-expect-error` lines must each be an error, else tsc fails on an unused directive.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import Fastify, { type FastifyRequest } from 'fastify';
import type { SessionStatus, Timeouts } from '../../protocol/index.js';
import sessionSecurityDefault, {
  type ActivityStore,
  type MemoryActivityStore,
  memoryActivityStore,
  type RedisActivityStoreOptions,
  redisActivityStore,
  type SessionSecurityOptions,
  type SessionSecurityRequestState,
  sessionSecurity,
} from '../../server/index.js';
import { SECRET } from './support/app.js';

const options: SessionSecurityOptions = {
  warnAfterSeconds: 540,
  expireAfterSeconds: 600,
  absoluteTimeoutSeconds: 43_200,
  isAuthenticated: (request: FastifyRequest) =>
    request.session.get('sessionSecurityProbe' as never) !== undefined,
  timeoutsFor: async (request): Promise<Timeouts> => ({
    warnAfterSeconds: request.headers['x-admin'] ? 120 : 540,
    expireAfterSeconds: 600,
  }),
  passiveRoutes: ['/health', '/api/poll/*', /^\/metrics/],
  resourcePath: '/session-security',
  origin: 'https://app.example',
  now: () => Date.now(),
  activityStore: memoryActivityStore(),
};

// @ts-expect-error expireAfterSeconds is required
const missingExpire: SessionSecurityOptions = { warnAfterSeconds: 5 };
// @ts-expect-error durations are numbers
const stringWarn: SessionSecurityOptions = { warnAfterSeconds: '5', expireAfterSeconds: 10 };
// @ts-expect-error passive routes are strings or regular expressions
const numericRoute: SessionSecurityOptions = { ...options, passiveRoutes: [42] };
// @ts-expect-error the redis store needs a client
const noClient: RedisActivityStoreOptions = { prefix: 'x:' };

const memoryStore: MemoryActivityStore = memoryActivityStore({ sweepIntervalMs: 1000 });
const store: ActivityStore = memoryStore;

async function buildTypedApp() {
  const app = Fastify();
  await app.register(fastifyCookie);
  await app.register(fastifySession, { secret: SECRET, cookie: { secure: false } });
  await app.register(sessionSecurity, { warnAfterSeconds: 5, expireAfterSeconds: 10 });
  app.get('/poll', { config: { sessionSecurity: { passive: true } } }, async (request) => {
    const state: SessionSecurityRequestState = request.sessionSecurity;
    const passive: boolean = state.passive;
    const reason: 'idle' | 'absolute' | 'logout' | null = state.expiredReason;
    const status: SessionStatus = state.status;
    const expireAfterSeconds: number | undefined = state.timeouts?.expireAfterSeconds;
    // @ts-expect-error the request state is read-only
    request.sessionSecurity.passive = true;
    return { passive, reason, status, expireAfterSeconds };
  });
  // @ts-expect-error passive is a boolean
  app.get('/bad', { config: { sessionSecurity: { passive: 'yes' } } }, async () => 'x');
  return app;
}

describe('type surface', () => {
  it('exports the plugin as default and named, and the stores', async () => {
    assert.equal(sessionSecurityDefault, sessionSecurity);
    assert.equal(typeof redisActivityStore, 'function');
    assert.equal(typeof store.advance, 'function');
    assert.equal(memoryStore.size, 0);
    void [missingExpire, stringWarn, numericRoute, noClient];
    const app = await buildTypedApp();
    await app.ready();
    const response = await app.inject({ method: 'GET', url: '/poll' });
    assert.equal(response.json().passive, true);
    await app.close();
  });
});
