// Deterministic budgets of the benchmarks (bench/): counts, not timings, so they hold on any
// machine. Timing figures are only reported by `npm run bench`, never asserted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countStoreWrites } from '../../bench/server/store-writes.js';

const REQUESTS = 1000;

describe('store writes (bench item 5)', () => {
  it('1,000 active requests in one second write the stores at most once', async () => {
    const counts = await countStoreWrites({
      kind: 'active-route',
      requests: REQUESTS,
      spanMs: 1000,
    });
    assert.deepEqual([...counts.statusCodes], [200]);
    assert.ok(counts.totalWrites <= 1, `${counts.totalWrites} writes`);
    assert.equal(counts.sessionWrites, 0);
  });

  it('1,000 active requests over ten seconds write at most once per second', async () => {
    const counts = await countStoreWrites({
      kind: 'active-route',
      requests: REQUESTS,
      spanMs: 10_000,
    });
    assert.deepEqual([...counts.statusCodes], [200]);
    assert.ok(counts.totalWrites <= 10, `${counts.totalWrites} writes`);
    assert.ok(counts.activityWrites >= 1, 'activity over ten seconds must be recorded');
  });

  for (const kind of ['passive-route', 'passive-header', 'status-read'] as const) {
    it(`1,000 passive requests (${kind}) write nothing`, async () => {
      const counts = await countStoreWrites({ kind, requests: REQUESTS, spanMs: 1000 });
      assert.deepEqual([...counts.statusCodes], [200]);
      assert.equal(counts.activityWrites, 0);
      assert.equal(counts.sessionWrites, 0);
    });
  }

  it('the baseline that stamps every request (django-session-security) writes 1,000 times', async () => {
    // Shows that the counting stores see every write: the same burst on the baseline model.
    const counts = await countStoreWrites({
      kind: 'active-route',
      requests: REQUESTS,
      spanMs: 1000,
      model: 'stamp-every-request',
    });
    assert.equal(counts.sessionWrites, REQUESTS);
  });
});
