import assert from 'node:assert/strict';
import { it } from 'node:test';
import { MAX_BODY_BYTES } from '../../protocol/index.js';
import { REPORT_HEADERS, readStatus, signIn } from './support/app.js';
import { describeOnEveryStore } from './support/store-matrix.js';

// Issue 14, finding 6: the body's size was measured after UTF-8 decoding, so each invalid byte
// counted as the three bytes of U+FFFD and a 430-byte body was refused as too large.

function body(middle: Buffer): Buffer {
  return Buffer.concat([Buffer.from('{"idleSeconds":0,"pad":"'), middle, Buffer.from('"}')]);
}

describeOnEveryStore('the activity report body is counted in bytes', (build) => {
  it('400 invalid bytes: a 400 that says the body is not UTF-8, not a 413; nothing changes', async () => {
    const testApp = await build();
    const { cookie } = await signIn(testApp);
    testApp.clock.advance(3_000);
    const payload = body(Buffer.alloc(400, 0xff));
    assert.ok(payload.length < MAX_BODY_BYTES);
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/session-security',
      headers: { ...REPORT_HEADERS, cookie },
      payload,
    });
    assert.equal(response.statusCode, 400, response.body);
    assert.match(response.json().detail, /not valid UTF-8/);
    assert.equal((await readStatus(testApp, cookie)).json().idleSeconds, 3, 'nothing changed');
  });

  it('multi-byte text: exactly 1024 bytes accepted, 1025 refused with 413', async () => {
    const testApp = await build();
    const { cookie } = await signIn(testApp);
    const frame = body(Buffer.alloc(0)).length;
    for (const [bytes, status] of [
      [MAX_BODY_BYTES, 200],
      [MAX_BODY_BYTES + 1, 413],
    ] as const) {
      // 'é' is two bytes; an odd remainder is padded with one ASCII byte.
      const room = bytes - frame;
      const middle = Buffer.from('é'.repeat(Math.floor(room / 2)) + 'x'.repeat(room % 2));
      const payload = body(middle);
      assert.equal(payload.length, bytes);
      const response = await testApp.app.inject({
        method: 'POST',
        url: '/session-security',
        headers: { ...REPORT_HEADERS, cookie },
        payload,
      });
      assert.equal(response.statusCode, status, `${bytes} bytes: ${response.body}`);
    }
  });
});
