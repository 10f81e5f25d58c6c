/** Reading an activity report: media type, size, UTF-8 and JSON, in the order the SPEC sets. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkActivityReportBody,
  checkActivityReportBytes,
  decodeUtf8,
  isJsonContentType,
  utf8ByteLength,
} from '../../protocol/index.js';

describe('isJsonContentType', () => {
  it('accepts application/json in any case with any parameters', () => {
    for (const value of [
      'application/json',
      'Application/JSON',
      'application/json; charset=utf-8',
      'application/json;charset=UTF-8',
      ' application/json ',
    ]) {
      assert.equal(isJsonContentType(value), true, value);
    }
  });
  it('refuses other media types and a missing header', () => {
    for (const value of [
      undefined,
      '',
      'text/plain',
      'text/plain; charset=utf-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/problem+json',
      'application/jsonx',
      'text/json',
    ]) {
      assert.equal(isJsonContentType(value), false, String(value));
    }
  });
});

describe('utf8ByteLength', () => {
  it('counts bytes, not characters', () => {
    assert.equal(utf8ByteLength(''), 0);
    assert.equal(utf8ByteLength('abc'), 3);
    assert.equal(utf8ByteLength('é'), 2);
    assert.equal(utf8ByteLength('€'), 3);
    assert.equal(utf8ByteLength('😀'), 4);
    assert.equal(utf8ByteLength('\ud800'), 3);
  });
});

describe('checkActivityReportBody', () => {
  const json = 'application/json';
  it('returns the report of a valid body', () => {
    assert.deepEqual(checkActivityReportBody(json, '{"idleSeconds":2.5,"x":1}'), {
      ok: true,
      value: { idleSeconds: 2.5 },
    });
  });
  it('checks the media type first (415)', () => {
    const result = checkActivityReportBody('text/plain', 'x'.repeat(5000));
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.problem, 'unsupported-media-type');
      assert.match(result.detail, /"text\/plain"/);
    }
    const missing = checkActivityReportBody(undefined, '{}');
    assert.ok(!missing.ok && /got none/.test(missing.detail));
  });
  it('accepts 1024 bytes and refuses 1025 (413), counting UTF-8 bytes', () => {
    const body = (size: number) => `{"idleSeconds":1${' '.repeat(size - 17)}}`;
    assert.equal(checkActivityReportBody(json, body(1024)).ok, true);
    const over = checkActivityReportBody(json, body(1025));
    assert.ok(!over.ok && over.problem === 'payload-too-large');
    assert.ok(!over.ok && /1025 bytes/.test(over.detail));
    const multibyte = checkActivityReportBody(json, `{"idleSeconds":1,"n":"${'é'.repeat(510)}"}`);
    assert.ok(!multibyte.ok && multibyte.problem === 'payload-too-large');
  });
  it('refuses invalid JSON and invalid reports with 400 and a specific detail', () => {
    const cases: [string, RegExp][] = [
      ['', /^invalid JSON/],
      ['{"idleSeconds":NaN}', /^invalid JSON/],
      ['[]', /JSON object, got an array/],
      ['"x"', /JSON object, got a string/],
      ['null', /JSON object, got null/],
      ['{}', /idleSeconds is required/],
      ['{"idleSeconds":-1}', /at least 0/],
      ['{"idleSeconds":"NaN"}', /finite number, got a string/],
      ['{"idleSeconds":1e309}', /finite number, got Infinity/],
      ['{"idleSeconds":31536001}', /at most 31536000/],
    ];
    for (const [body, detail] of cases) {
      const result = checkActivityReportBody(json, body);
      assert.equal(result.ok, false, body);
      if (!result.ok) {
        assert.equal(result.problem, 'invalid-request', body);
        assert.match(result.detail, detail, body);
      }
    }
  });
});

describe('decodeUtf8', () => {
  const bytes = (...values: number[]) => Uint8Array.from(values);
  it('decodes well-formed UTF-8, 1 to 4 bytes per character, and drops one leading BOM', () => {
    const text = 'a é € 😀';
    assert.deepEqual(decodeUtf8(new TextEncoder().encode(text)), { ok: true, value: text });
    assert.deepEqual(decodeUtf8(bytes(0xef, 0xbb, 0xbf, 0x7b, 0x7d)), { ok: true, value: '{}' });
    assert.deepEqual(decodeUtf8(bytes(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf)), {
      ok: true,
      value: '\uFEFF',
    });
    assert.deepEqual(decodeUtf8(bytes()), { ok: true, value: '' });
  });
  it('refuses stray, overlong, surrogate, too large and truncated sequences', () => {
    for (const bad of [
      bytes(0xff),
      bytes(0x80),
      bytes(0xc0, 0xa2),
      bytes(0xe0, 0x80, 0xa2),
      bytes(0xed, 0xa0, 0x80),
      bytes(0xf4, 0x90, 0x80, 0x80),
      bytes(0xe2, 0x82),
      bytes(0x61, 0xc3),
    ]) {
      const result = decodeUtf8(bad);
      assert.equal(result.ok, false, `${[...bad].map((b) => b.toString(16))}`);
      if (!result.ok) assert.match(result.error, /not valid UTF-8/);
    }
  });
});

describe('checkActivityReportBytes', () => {
  const encode = (text: string) => new TextEncoder().encode(text);
  it('checks media type before size, size before UTF-8, UTF-8 before JSON', () => {
    const big = encode(`{"idleSeconds":0,"x":"${'y'.repeat(2000)}"}`);
    assert.equal(
      (checkActivityReportBytes('text/plain', big) as { problem: string }).problem,
      'unsupported-media-type',
    );
    assert.equal(
      (checkActivityReportBytes('application/json', big) as { problem: string }).problem,
      'payload-too-large',
    );
    const invalid = checkActivityReportBytes('application/json', Uint8Array.from([0x7b, 0xff]));
    assert.deepEqual(invalid.ok ? null : [invalid.problem, invalid.detail], [
      'invalid-request',
      'the body is not valid UTF-8 (byte 1)',
    ]);
  });
  it('lets the last of duplicate members count and accepts deep nesting', () => {
    assert.deepEqual(
      checkActivityReportBytes('application/json', encode('{"idleSeconds":3,"idleSeconds":1}')),
      { ok: true, value: { idleSeconds: 1 } },
    );
    const deep = `{"idleSeconds":2,"x":${'['.repeat(500)}${']'.repeat(500)}}`;
    assert.deepEqual(checkActivityReportBytes('application/json', encode(deep)), {
      ok: true,
      value: { idleSeconds: 2 },
    });
  });
});
