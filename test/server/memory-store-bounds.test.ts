import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryActivityStore } from '../../server/index.js';
import { buildApp, PAGE_HEADERS, signIn } from './support/app.js';

// Issue 14, finding 4: memory that grows with every sign-in. Logouts now leave a tombstone for a
// day, so the in-memory activity store has a cap as well.

describe('memoryActivityStore maxRecords', () => {
  it('keeps at most maxRecords records, dropping the oldest written first', async () => {
    const store = memoryActivityStore({ maxRecords: 3 });
    const options = { nowMs: 1_000, ttlMs: 60_000 };
    for (const id of ['a', 'b', 'c']) await store.start(id, options);
    await store.advance('a', { lastActivityMs: 5_000, minStepMs: 0, nowMs: 5_000, ttlMs: 60_000 });
    await store.start('d', options);
    assert.equal(store.size, 3);
    assert.equal(await store.get('b'), null, 'b was the oldest write');
    assert.ok(await store.get('a'), 'a was written again');
  });

  it('refuses a maxRecords that is not a positive integer', () => {
    for (const maxRecords of [0, -1, 1.5, Number.NaN]) {
      assert.throws(
        () => memoryActivityStore({ maxRecords }),
        /maxRecords must be a positive integer/,
      );
    }
  });

  it('a session whose record was dropped is signed out, never kept alive', async () => {
    const activityStore = memoryActivityStore({ maxRecords: 1 });
    const testApp = await buildApp({ activityStore });
    try {
      const first = await signIn(testApp);
      const page = (cookie: string) =>
        testApp.app.inject({ method: 'GET', url: '/page', headers: { ...PAGE_HEADERS, cookie } });
      assert.match((await page(first.cookie)).body, /hello ada/);
      await signIn(testApp);
      assert.equal(activityStore.size, 1);
      assert.match((await page(first.cookie)).body, /anonymous/);
    } finally {
      await testApp.app.close();
    }
  });
});
