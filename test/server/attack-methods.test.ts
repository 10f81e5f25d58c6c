import assert from 'node:assert/strict';
import { METHODS } from 'node:http';
import { it } from 'node:test';
import { ALLOW_HEADER_VALUE, ALLOWED_METHODS } from '../../protocol/index.js';
import { describeOnEveryStore } from './support/store-matrix.js';

// Issue 14, finding 6: PROPFIND, SEARCH, LOCK... on the resource got a 404, not the 405 + Allow.

describeOnEveryStore('every other method on the resource', (build) => {
  it('answers 405 with Allow for each method Node parses (CONNECT never reaches Fastify)', async () => {
    const testApp = await build();
    const others = METHODS.filter((m) => !ALLOWED_METHODS.includes(m) && m !== 'CONNECT');
    assert.ok(others.includes('PROPFIND') && others.includes('SEARCH') && others.includes('LOCK'));
    for (const method of others) {
      const response = await testApp.app.inject({
        method: method as 'PUT',
        url: '/session-security',
        headers: { host: 'localhost' },
      });
      assert.equal(response.statusCode, 405, `${method}: ${response.body}`);
      assert.equal(response.headers.allow, ALLOW_HEADER_VALUE, method);
      assert.equal(response.headers['cache-control'], 'no-store', method);
    }
  });

  it('leaves other paths to the application (404 for an unknown PROPFIND route)', async () => {
    const testApp = await build();
    const response = await testApp.app.inject({ method: 'PROPFIND', url: '/page' });
    assert.equal(response.statusCode, 404);
  });
});
