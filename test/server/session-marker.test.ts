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

  it('a session marked by 1.0.0-rc.0 whose activity record is gone is over, never restarted', async () => {
    const activityStore = new FlakyActivityStore();
    const testApp = await buildApp({ activityStore });
    const { cookie, sessionId } = await signIn(testApp);
    await page(testApp, cookie);
    // The blob as 1.0.0-rc.0 left it: its marker under the old key, holding the sign-in time.
    const blob = JSON.parse(storedJson(testApp, sessionId)) as Record<string, unknown>;
    delete blob[SESSION_MARKER_KEY];
    blob.sessionSecurityStartedAtMs = testApp.clock.nowMs;
    testApp.sessions.set(sessionId, blob);
    activityStore.drop(sessionId);
    const response = await api(testApp, cookie);
    assert.equal(response.statusCode, 401);
    assert.equal(response.json().reason, 'idle');
    assert.equal(testApp.sessions.size, 0);
    await testApp.app.close();
  });
});
