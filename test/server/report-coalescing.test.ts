import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ActivityStore } from '../../server/index.js';
import { readStatus, report, signIn } from './support/app.js';
import { describeOnEveryStore } from './support/store-matrix.js';

// Issue 14, finding 7: every activity report was a store write (13.4k writes/s from one client).

function countingAdvances(counts: { advance: number }) {
  return (inner: ActivityStore): ActivityStore => ({
    get: (id) => inner.get(id),
    start: (id, options) => inner.start(id, options),
    advance: (id, options) => {
      counts.advance += 1;
      return inner.advance(id, options);
    },
    end: (id, options) => inner.end(id, options),
  });
}

describeOnEveryStore('activity reports are coalesced per session', (build) => {
  it('reports every 100 ms: exact answers, at most one store write per second', async () => {
    const counts = { advance: 0 };
    const testApp = await build({}, countingAdvances(counts));
    const { cookie } = await signIn(testApp);
    testApp.clock.advance(3_000);
    for (let step = 0; step < 30; step += 1) {
      testApp.clock.advance(100);
      const idleSeconds = step % 2 === 0 ? 0 : 0.05;
      const body = (await report(testApp, cookie, idleSeconds)).json();
      assert.equal(body.state, 'active');
      assert.equal(body.idleSeconds, idleSeconds, `report ${step} is answered exactly`);
    }
    assert.ok(counts.advance <= 3, `${counts.advance} writes in 3 s`);
    assert.ok(counts.advance >= 2, 'reports a second apart are recorded');
    // The stored last activity lags the last answer by less than a second.
    const idle = (await readStatus(testApp, cookie)).json().idleSeconds as number;
    assert.ok(idle >= 0.05 && idle < 1.05, `idle ${idle} s after the last report`);
  });

  it('a report a second or more newer than the stored activity is written at once', async () => {
    const counts = { advance: 0 };
    const testApp = await build({}, countingAdvances(counts));
    const { cookie } = await signIn(testApp);
    testApp.clock.advance(4_000);
    assert.equal((await report(testApp, cookie, 3)).json().idleSeconds, 3);
    assert.equal(counts.advance, 1);
    assert.equal((await readStatus(testApp, cookie)).json().idleSeconds, 3);
  });
});
