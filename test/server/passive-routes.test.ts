import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchesPassiveRoute, validatePassiveRoutes } from '../../server/passive-routes.js';

describe('passive route matching', () => {
  const routes = ['/health', '/api/poll/*', /^\/metrics(\/|$)/g];

  it('matches exact paths exactly', () => {
    assert.equal(matchesPassiveRoute(routes, '/health'), true);
    assert.equal(matchesPassiveRoute(routes, '/health/'), false);
    assert.equal(matchesPassiveRoute(routes, '/healthz'), false);
  });

  it('matches a prefix and everything below it, not a longer name', () => {
    assert.equal(matchesPassiveRoute(routes, '/api/poll'), true);
    assert.equal(matchesPassiveRoute(routes, '/api/poll/a/b'), true);
    assert.equal(matchesPassiveRoute(routes, '/api/polling'), false);
  });

  it('tests regular expressions, also global ones repeatedly', () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      assert.equal(matchesPassiveRoute(routes, '/metrics'), true, `attempt ${attempt}`);
    }
    assert.equal(matchesPassiveRoute(routes, '/metricsx'), false);
  });

  it('validates entries and names the bad one', () => {
    assert.deepEqual(validatePassiveRoutes(undefined), { ok: true, value: [] });
    assert.deepEqual(validatePassiveRoutes(['/a', 5]), {
      ok: false,
      error: 'entry 1 must be a path starting with "/" or a RegExp, got 5',
    });
    assert.equal(validatePassiveRoutes(['/a*']).ok, false);
  });
});
