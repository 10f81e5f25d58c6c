import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SESSION_MARKER_KEY } from '../../server/fastify-session.js';
import { buildApp, signIn, type TestApp } from './support/app.js';
import { api, page } from './support/requests.js';
import { FlakyActivityStore } from './support/stores.js';

/** The stored session blob as JSON, the way a session store keeps it. */
function storedJson(testApp: TestApp, sessionId: string): string {
  return JSON.stringify(testApp.sessions.get(sessionId));
}

describe('the session marker', () => {
  it('adds at most 23 bytes to the stored blob', async () => {
    const testApp = await buildApp();
    const { cookie, sessionId } = await signIn(testApp);
    await page(testApp, cookie);
    const marked = storedJson(testApp, sessionId);
    const blob = JSON.parse(marked) as Record<string, unknown>;
    assert.equal(blob[SESSION_MARKER_KEY], true);
    delete blob[SESSION_MARKER_KEY];
    // @fastify/session copies and hashes the whole blob on every request of the session.
    assert.ok(
      marked.length - JSON.stringify(blob).length <= 23,
      `the marker adds ${marked.length - JSON.stringify(blob).length} bytes`,
    );
    await testApp.app.close();
  });

  /**
   * Signs in, makes one page request (which marks the session), lets `rewrite` change the stored
   * blob, drops the activity record, and answers the next API request.
   */
  async function requestAfterRecordLoss(rewrite: (blob: Record<string, unknown>) => void) {
    const activityStore = new FlakyActivityStore();
    const testApp = await buildApp({ activityStore });
    const { cookie, sessionId } = await signIn(testApp);
    await page(testApp, cookie);
    const blob = JSON.parse(storedJson(testApp, sessionId)) as Record<string, unknown>;
    rewrite(blob);
    testApp.sessions.set(sessionId, blob);
    activityStore.drop(sessionId);
    const response = await api(testApp, cookie);
    const sessionsLeft = testApp.sessions.size;
    await testApp.app.close();
    return { statusCode: response.statusCode, reason: response.json().reason, sessionsLeft };
  }

  it('a marked session whose activity record is gone is over, never restarted', async () => {
    const outcome = await requestAfterRecordLoss((blob) => {
      assert.equal(
        blob[SESSION_MARKER_KEY],
        true,
        'the first non-passive request marks the session',
      );
    });
    assert.deepEqual(outcome, { statusCode: 401, reason: 'idle', sessionsLeft: 0 });
  });

  it('a session marked by 1.0.0-rc.0 whose activity record is gone is over, never restarted', async () => {
    // The blob as 1.0.0-rc.0 left it: its marker under the old key, holding the sign-in time.
    const outcome = await requestAfterRecordLoss((blob) => {
      delete blob[SESSION_MARKER_KEY];
      blob.sessionSecurityStartedAtMs = 1_700_000_000_000;
    });
    assert.deepEqual(outcome, { statusCode: 401, reason: 'idle', sessionsLeft: 0 });
  });
});
