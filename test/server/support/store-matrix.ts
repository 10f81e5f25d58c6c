import { after, before, describe } from 'node:test';
import { RedisStore } from 'connect-redis';
import { createClient } from 'redis';
import {
  type ActivityStore,
  memoryActivityStore,
  redisActivityStore,
} from '../../../server/index.js';
import { buildApp, type TestApp, type TestAppOptions } from './app.js';
import { RedisServer, redisUnavailableReason } from './redis-server.js';

/**
 * Builds a test app on the store under test; `wrapActivityStore` may wrap that store (to count
 * or fail its calls).
 */
export type BuildOnStore = (
  options?: TestAppOptions,
  wrapActivityStore?: (store: ActivityStore) => ActivityStore,
) => Promise<TestApp>;

/** A connected node-redis client that fails fast while its server is away. */
export async function connectRedis(server: RedisServer) {
  const client = createClient({
    url: server.url,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: () => 50 },
  });
  client.on('error', () => {});
  await client.connect();
  return client;
}

type RedisClient = Awaited<ReturnType<typeof connectRedis>>;

/**
 * Runs `body` twice: on the in-memory stores, and on a real redis-server of its own (sessions
 * through connect-redis, activity through redisActivityStore). Apps built by `build` are closed
 * after the group; each gets its own key prefixes.
 */
export function describeOnEveryStore(title: string, body: (build: BuildOnStore) => void): void {
  describe(`${title} (memory stores)`, () => {
    const apps: TestApp[] = [];
    after(async () => {
      for (const testApp of apps) await testApp.app.close();
    });
    body(async (options = {}, wrap = (store) => store) => {
      const testApp = await buildApp({
        ...options,
        activityStore: wrap(options.activityStore ?? memoryActivityStore()),
      });
      apps.push(testApp);
      return testApp;
    });
  });
  describe(`${title} (real redis-server)`, { skip: redisUnavailableReason() ?? false }, () => {
    let server: RedisServer | null = null;
    let client: RedisClient | null = null;
    let count = 0;
    const apps: TestApp[] = [];
    before(async () => {
      server = await RedisServer.start();
      client = await connectRedis(server);
    });
    after(async () => {
      for (const testApp of apps) await testApp.app.close();
      await client?.close();
      await server?.dispose();
    });
    body(async (options = {}, wrap = (store) => store) => {
      if (!client) throw new Error('redis-server did not start');
      count += 1;
      const testApp = await buildApp({
        sessionStore: new RedisStore({ client, prefix: `sess${count}:` }),
        ...options,
        activityStore: wrap(
          options.activityStore ?? redisActivityStore({ client, prefix: `activity${count}:` }),
        ),
      });
      apps.push(testApp);
      return testApp;
    });
  });
}
