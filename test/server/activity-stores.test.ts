import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient } from 'redis';
import { type ActivityStore, memoryActivityStore, redisActivityStore } from '../../server/index.js';
import { RedisServer, redisUnavailableReason } from './support/redis-server.js';

const TTL_MS = 60_000;

/** The contract every activity store keeps; run against each implementation. */
function storeContract(name: string, makeStore: () => ActivityStore, skip: string | false) {
  describe(`${name}: activity store contract`, { skip }, () => {
    let counter = 0;
    const newId = () => {
      counter += 1;
      return `contract-${Date.now()}-${counter}`;
    };

    it('has no record for an unknown session', async () => {
      assert.equal(await makeStore().get(newId()), null);
    });

    it('starts a record once; a second start answers the existing one', async () => {
      const store = makeStore();
      const id = newId();
      assert.deepEqual(await store.start(id, { nowMs: 1_000, ttlMs: TTL_MS }), {
        lastActivityMs: 1_000,
        startedAtMs: 1_000,
      });
      assert.deepEqual(await store.start(id, { nowMs: 5_000, ttlMs: TTL_MS }), {
        lastActivityMs: 1_000,
        startedAtMs: 1_000,
      });
      assert.deepEqual(await store.get(id), { lastActivityMs: 1_000, startedAtMs: 1_000 });
    });

    it('advances forward only, by at least the minimum step, fractions kept', async () => {
      const store = makeStore();
      const id = newId();
      await store.start(id, { nowMs: 1_000, ttlMs: TTL_MS });
      assert.equal(
        (
          await store.advance(id, {
            lastActivityMs: 1_999,
            minStepMs: 1_000,
            nowMs: 2_000,
            ttlMs: TTL_MS,
          })
        )?.lastActivityMs,
        1_000,
      );
      assert.equal(
        (
          await store.advance(id, {
            lastActivityMs: 2_000,
            minStepMs: 1_000,
            nowMs: 2_000,
            ttlMs: TTL_MS,
          })
        )?.lastActivityMs,
        2_000,
      );
      assert.equal(
        (
          await store.advance(id, {
            lastActivityMs: 1_500,
            minStepMs: 0,
            nowMs: 2_000,
            ttlMs: TTL_MS,
          })
        )?.lastActivityMs,
        2_000,
      );
      assert.equal(
        (
          await store.advance(id, {
            lastActivityMs: 2_000.25,
            minStepMs: 0,
            nowMs: 2_001,
            ttlMs: TTL_MS,
          })
        )?.lastActivityMs,
        2_000.25,
      );
      assert.deepEqual(await store.get(id), { lastActivityMs: 2_000.25, startedAtMs: 1_000 });
    });

    it('never creates a record by advancing', async () => {
      const store = makeStore();
      const id = newId();
      assert.equal(
        await store.advance(id, {
          lastActivityMs: 5_000,
          minStepMs: 0,
          nowMs: 5_000,
          ttlMs: TTL_MS,
        }),
        null,
      );
      assert.equal(await store.get(id), null);
    });

    it('ends with a tombstone that nothing moves; the first reason wins', async () => {
      const store = makeStore();
      const id = newId();
      await store.start(id, { nowMs: 1_000, ttlMs: TTL_MS });
      await store.end(id, { reason: 'logout', nowMs: 2_000, ttlMs: TTL_MS });
      await store.end(id, { reason: 'idle', nowMs: 3_000, ttlMs: TTL_MS });
      assert.deepEqual(
        await store.advance(id, {
          lastActivityMs: 9_000,
          minStepMs: 0,
          nowMs: 9_000,
          ttlMs: TTL_MS,
        }),
        {
          lastActivityMs: 1_000,
          startedAtMs: 1_000,
          endedReason: 'logout',
        },
      );
      assert.equal((await store.start(id, { nowMs: 9_000, ttlMs: TTL_MS })).endedReason, 'logout');
    });

    it('tombstones a session it never saw', async () => {
      const store = makeStore();
      const id = newId();
      await store.end(id, { reason: 'idle', nowMs: 4_000, ttlMs: TTL_MS });
      assert.equal((await store.get(id))?.endedReason, 'idle');
    });

    it('keeps the newest of 200 concurrent advances', async () => {
      const store = makeStore();
      const id = newId();
      await store.start(id, { nowMs: 0, ttlMs: TTL_MS });
      const values = Array.from({ length: 200 }, (_, index) => ((index * 7919) % 200) * 10 + 1);
      await Promise.all(
        values.map((value) =>
          store.advance(id, { lastActivityMs: value, minStepMs: 0, nowMs: 5_000, ttlMs: TTL_MS }),
        ),
      );
      assert.equal((await store.get(id))?.lastActivityMs, Math.max(...values));
    });
  });
}

storeContract('memoryActivityStore', () => memoryActivityStore(), false);

describe('memoryActivityStore eviction', () => {
  it('drops records after their TTL, measured with the plugin clock', async () => {
    const store = memoryActivityStore({ sweepIntervalMs: 1_000 });
    for (let index = 0; index < 100; index += 1)
      await store.start(`old-${index}`, { nowMs: 0, ttlMs: 10_000 });
    assert.equal(store.size, 100);
    await store.start('fresh', { nowMs: 20_000, ttlMs: 10_000 });
    assert.equal(store.size, 1, 'expired records are swept on a later write');
    assert.deepEqual(await store.get('fresh'), { lastActivityMs: 20_000, startedAtMs: 20_000 });
  });

  it('a record whose TTL passed is not resumed by start', async () => {
    const store = memoryActivityStore();
    await store.start('a', { nowMs: 0, ttlMs: 10_000 });
    assert.deepEqual(await store.start('a', { nowMs: 10_000, ttlMs: 10_000 }), {
      lastActivityMs: 10_000,
      startedAtMs: 10_000,
    });
  });

  it('refuses a bad sweep interval', () => {
    assert.throws(() => memoryActivityStore({ sweepIntervalMs: 0 }), /^Error: session-security: /);
  });
});

describe('redisActivityStore options', () => {
  it('refuses a missing client and a bad timeout', () => {
    assert.throws(
      () => redisActivityStore({ client: {} as never }),
      /client must be a connected redis client/,
    );
    assert.throws(
      () => redisActivityStore({ client: { sendCommand: async () => null }, commandTimeoutMs: -1 }),
      /commandTimeoutMs must be a positive number/,
    );
  });
});

const redisSkip = redisUnavailableReason() ?? false;
let redisServer: RedisServer | null = null;
let redisClient: ReturnType<typeof createClient> | null = null;

before(async () => {
  if (redisSkip) return;
  redisServer = await RedisServer.start();
  redisClient = createClient({ url: redisServer.url });
  redisClient.on('error', () => {});
  await redisClient.connect();
});

after(async () => {
  await redisClient?.close();
  await redisServer?.dispose();
});

storeContract(
  'redisActivityStore',
  () => {
    if (!redisClient) throw new Error('no Redis client');
    return redisActivityStore({ client: redisClient, prefix: 'contract:' });
  },
  redisSkip,
);

describe('redisActivityStore TTLs', { skip: redisSkip }, () => {
  it('gives every record a TTL, extended but never shortened', async () => {
    if (!redisClient) throw new Error('no Redis client');
    const store = redisActivityStore({ client: redisClient, prefix: 'ttl:' });
    await store.start('a', { nowMs: 1_000, ttlMs: 60_000 });
    const first = Number(await redisClient.sendCommand(['PTTL', 'ttl:a']));
    assert.ok(first > 55_000 && first <= 60_000, String(first));
    await store.end('a', { reason: 'logout', nowMs: 2_000, ttlMs: 3_600_000 });
    const tombstone = Number(await redisClient.sendCommand(['PTTL', 'ttl:a']));
    assert.ok(tombstone > 3_500_000, String(tombstone));
    await store.advance('a', { lastActivityMs: 5_000, minStepMs: 0, nowMs: 5_000, ttlMs: 1_000 });
    assert.ok(Number(await redisClient.sendCommand(['PTTL', 'ttl:a'])) > 3_500_000);
  });
});
