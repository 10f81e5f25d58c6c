// Deterministic budgets of the benchmarks (bench/): counts, not timings, so they hold on any
// machine. Timing figures are only reported by `npm run bench`, never asserted.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBenchChromium } from '../../bench/browser/chromium.js';
import { measureTraffic } from '../../bench/browser/traffic.js';
import { TABS_RATIO_BUDGET } from '../../bench/rows.js';
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

  it('1,000 activity reports in one second write the stores at most once (issue 14)', async () => {
    const counts = await countStoreWrites({
      kind: 'activity-report',
      requests: REQUESTS,
      spanMs: 1000,
    });
    assert.deepEqual([...counts.statusCodes], [200]);
    assert.ok(counts.totalWrites <= 1, `${counts.totalWrites} writes`);
    assert.equal(counts.sessionWrites, 0);
  });

  it('1,000 activity reports over ten seconds write at most once per second', async () => {
    const counts = await countStoreWrites({
      kind: 'activity-report',
      requests: REQUESTS,
      spanMs: 10_000,
    });
    assert.deepEqual([...counts.statusCodes], [200]);
    assert.ok(counts.totalWrites <= 10, `${counts.totalWrites} writes`);
    assert.ok(counts.activityWrites >= 1, 'reports over ten seconds must be recorded');
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

describe('protocol requests per browser (bench item 3)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBenchChromium();
  });
  after(() => browser.close());

  it('ten tabs cost the server no more requests than one tab', { timeout: 300_000 }, async () => {
    // Twenty simulated minutes of an active user: two routine reports with one tab.
    const [one, ten] = await measureTraffic(browser, [1, 10], {
      simulatedSeconds: 1200,
      activityEverySeconds: 10,
      switchTabEverySeconds: 300,
      stepSeconds: 1,
      warnAfterSeconds: 540,
      expireAfterSeconds: 600,
    });
    assert.ok(one && ten);
    assert.equal(one.activeAtEnd, true, 'the active user stays signed in (1 tab)');
    assert.equal(ten.activeAtEnd, true, 'the active user stays signed in (10 tabs)');
    assert.ok(one.routineRequests >= 1, 'activity must reach the server');
    assert.ok(
      ten.routineRequests <= one.routineRequests * TABS_RATIO_BUDGET,
      `10 tabs sent ${ten.routineRequests} routine requests, 1 tab ${one.routineRequests}`,
    );
    assert.equal(
      ten.routineByTab.filter((count) => count > 0).length,
      1,
      `one tab talks to the server: ${ten.routineByTab.join(', ')}`,
    );
  });
});
