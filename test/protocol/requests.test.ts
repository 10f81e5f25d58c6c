import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ALLOW_HEADER_VALUE,
  ALLOWED_METHODS,
  checkStateChangingHeaders,
  headerValue,
  isApiRequest,
  isPassiveRequest,
  isUserActivityRequest,
  type RequestHeaders,
} from '../../protocol/index.js';

const origin = 'http://localhost';
const good = {
  origin,
  'sec-fetch-site': 'same-origin',
  'session-security-version': '1',
};

function problemOf(headers: RequestHeaders): string | null {
  const result = checkStateChangingHeaders(headers, origin);
  return result.ok ? null : result.problem;
}

describe('ALLOWED_METHODS', () => {
  it('lists GET, HEAD, POST, DELETE as the Allow header does', () => {
    assert.deepEqual(ALLOWED_METHODS, ['GET', 'HEAD', 'POST', 'DELETE']);
    assert.equal(ALLOW_HEADER_VALUE, ALLOWED_METHODS.join(', '));
  });
});

describe('headerValue', () => {
  it('returns strings as they are, joins repeated headers and reports absence', () => {
    assert.equal(headerValue({ a: 'x' }, 'a'), 'x');
    assert.equal(headerValue({ a: ['x', 'y'] }, 'a'), 'x, y');
    assert.equal(headerValue({}, 'a'), undefined);
  });
});

describe('checkStateChangingHeaders', () => {
  it('accepts a same-origin request with the version header', () => {
    assert.deepEqual(checkStateChangingHeaders(good, origin), { ok: true, value: null });
  });
  it('accepts a request with neither Sec-Fetch-Site nor Origin', () => {
    assert.equal(problemOf({ 'session-security-version': '1' }), null);
  });
  it('refuses any Sec-Fetch-Site but same-origin', () => {
    for (const site of ['cross-site', 'same-site', 'none', 'Same-Origin', '']) {
      const result = checkStateChangingHeaders({ ...good, 'sec-fetch-site': site }, origin);
      assert.equal(result.ok, false, site);
      if (!result.ok) {
        assert.equal(result.problem, 'cross-site-request');
        assert.match(result.detail, /Sec-Fetch-Site/);
      }
    }
  });
  it('refuses an Origin that is not exactly the server origin, null included', () => {
    for (const foreign of [
      'null',
      'https://evil.example',
      'http://localhost:8080',
      'https://localhost',
      'http://localhost/',
      'HTTP://LOCALHOST',
      'http://localhost, http://localhost',
    ]) {
      assert.equal(problemOf({ ...good, origin: foreign }), 'cross-site-request', foreign);
      const { 'sec-fetch-site': _, ...noSite } = good;
      assert.equal(problemOf({ ...noSite, origin: foreign }), 'cross-site-request', foreign);
    }
    assert.equal(problemOf({ ...good, origin: [origin, origin] }), 'cross-site-request');
  });
  it('checks the site before the version header', () => {
    assert.equal(problemOf({ 'sec-fetch-site': 'cross-site' }), 'cross-site-request');
    assert.equal(problemOf({ origin: 'null' }), 'cross-site-request');
  });
  it('requires the version header, then the value 1', () => {
    const { 'session-security-version': _, ...noVersion } = good;
    assert.equal(problemOf(noVersion), 'missing-version-header');
    for (const version of ['2', '0', '1.0', '01', 'v1', '']) {
      assert.equal(
        problemOf({ ...good, 'session-security-version': version }),
        'unsupported-version',
        version,
      );
    }
    assert.equal(problemOf({ ...good, 'session-security-version': ' 1 ' }), null);
  });
});

describe('isPassiveRequest', () => {
  it('is true only for Session-Security-Passive: 1', () => {
    assert.equal(isPassiveRequest({ 'session-security-passive': '1' }), true);
    assert.equal(isPassiveRequest({ 'session-security-passive': ' 1' }), true);
    for (const value of ['0', 'true', 'yes', '']) {
      assert.equal(isPassiveRequest({ 'session-security-passive': value }), false, value);
    }
    assert.equal(isPassiveRequest({}), false);
  });
});

describe('isUserActivityRequest', () => {
  const navigate = { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' };
  it('counts same-origin, none and requests without Fetch Metadata', () => {
    assert.equal(isUserActivityRequest({}), true);
    assert.equal(isUserActivityRequest({ 'sec-fetch-site': 'same-origin' }), true);
    assert.equal(isUserActivityRequest({ 'sec-fetch-site': 'none', ...navigate }), true);
  });
  it('folds case and trims like before its exact-token fast path', () => {
    assert.equal(isUserActivityRequest({ 'sec-fetch-site': ' Same-Origin ' }), true);
    assert.equal(isUserActivityRequest({ 'sec-fetch-site': 'NONE', ...navigate }), true);
    assert.equal(
      isUserActivityRequest({ 'sec-fetch-site': 'Cross-Site', 'sec-fetch-mode': 'cors' }),
      false,
    );
  });
  it('counts a top-level navigation from another site only with user activation', () => {
    const crossSite = { 'sec-fetch-site': 'cross-site', ...navigate };
    assert.equal(isUserActivityRequest({ ...crossSite, 'sec-fetch-user': '?1' }), true);
    assert.equal(isUserActivityRequest(crossSite), false);
    assert.equal(isUserActivityRequest({ ...crossSite, 'sec-fetch-user': '?0' }), false);
    const frame = { ...crossSite, 'sec-fetch-dest': 'iframe', 'sec-fetch-user': '?1' };
    assert.equal(isUserActivityRequest(frame), false);
  });
  it('never counts cross-site or same-site subresources, whatever else they say', () => {
    for (const site of ['cross-site', 'same-site']) {
      const image = { 'sec-fetch-site': site, 'sec-fetch-mode': 'no-cors' };
      assert.equal(isUserActivityRequest({ ...image, 'sec-fetch-dest': 'image' }), false, site);
      assert.equal(isUserActivityRequest({ ...image, 'sec-fetch-user': '?1' }), false, site);
    }
  });
});

describe('isApiRequest', () => {
  it('uses Sec-Fetch-Mode when present', () => {
    assert.equal(isApiRequest({ 'sec-fetch-mode': 'navigate', accept: '*/*' }), false);
    for (const mode of ['cors', 'same-origin', 'no-cors', 'websocket']) {
      assert.equal(isApiRequest({ 'sec-fetch-mode': mode, accept: 'text/html' }), true, mode);
    }
  });
  it('falls back to Accept: text/html means a page, anything else an API call', () => {
    assert.equal(
      isApiRequest({ accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8' }),
      false,
    );
    assert.equal(isApiRequest({ accept: 'TEXT/HTML;q=0.5' }), false);
    assert.equal(isApiRequest({ accept: 'application/json' }), true);
    assert.equal(isApiRequest({ accept: '*/*' }), true);
    assert.equal(isApiRequest({ accept: 'text/html-fragment' }), true);
    assert.equal(isApiRequest({}), true);
  });
  it('does not count wildcards or a weight of 0 as listing text/html (Section 9.2)', () => {
    assert.equal(isApiRequest({ accept: 'text/*' }), true);
    assert.equal(isApiRequest({ accept: 'text/html;q=0' }), true);
    assert.equal(isApiRequest({ accept: 'text/html; q=0.000, application/json' }), true);
    assert.equal(isApiRequest({ accept: 'Text/HTML;level=1' }), false);
    assert.equal(isApiRequest({ accept: 'text/html;q=0.001' }), false);
  });
});
