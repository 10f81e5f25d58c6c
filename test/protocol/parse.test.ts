import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkDuration,
  MAX_DURATION_SECONDS,
  MAX_IDLE_SECONDS,
  parseActivityReport,
  parseJson,
  parseProblem,
  parseStatus,
} from '../../protocol/index.js';

const active = {
  version: 1,
  state: 'active',
  idleSeconds: 12.5,
  warnAfterSeconds: 540,
  expireAfterSeconds: 600,
};

function errorOf(result: { ok: boolean; error?: string }): string {
  assert.equal(result.ok, false, 'expected a failure');
  assert.equal(typeof result.error, 'string');
  return result.error as string;
}

describe('checkDuration', () => {
  it('accepts finite numbers within [0, max], fractions included', () => {
    for (const value of [0, 0.001, 1, 12.5, MAX_DURATION_SECONDS]) {
      assert.equal(checkDuration('d', value), null, String(value));
    }
  });
  it('names the member and the offending value', () => {
    assert.equal(checkDuration('d', -1), 'd must be at least 0, got -1');
    assert.equal(checkDuration('d', 0, { exclusiveMin: true }), 'd must be greater than 0, got 0');
    assert.equal(
      checkDuration('d', MAX_DURATION_SECONDS + 1),
      `d must be at most ${MAX_DURATION_SECONDS}, got ${MAX_DURATION_SECONDS + 1}`,
    );
    assert.equal(checkDuration('d', 5, { max: 4 }), 'd must be at most 4, got 5');
    assert.equal(checkDuration('d', 1, { min: 2 }), 'd must be at least 2, got 1');
  });
  it('refuses every non-finite or non-number value', () => {
    const cases: [unknown, string][] = [
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      [Number.NEGATIVE_INFINITY, '-Infinity'],
      ['5', 'a string'],
      [null, 'null'],
      [undefined, 'undefined'],
      [true, 'boolean'],
      [[1], 'an array'],
      [{}, 'object'],
      [5n, 'bigint'],
    ];
    for (const [value, described] of cases) {
      assert.equal(
        checkDuration('d', value),
        `d must be a finite number, got ${described}`,
        String(described),
      );
    }
  });
});

describe('parseJson', () => {
  it('parses valid JSON text', () => {
    assert.deepEqual(parseJson('{"idleSeconds":1}'), { ok: true, value: { idleSeconds: 1 } });
    assert.deepEqual(parseJson('null'), { ok: true, value: null });
  });
  it('reports invalid JSON without throwing', () => {
    for (const text of ['', '{', '{"idleSeconds":NaN}', "{'a':1}", 'undefined', '{"a":1,}']) {
      assert.match(errorOf(parseJson(text)), /^invalid JSON: /, JSON.stringify(text));
    }
  });
  it('turns the literal 1e309 into Infinity, which the report parser then refuses', () => {
    const json = parseJson('{"idleSeconds":1e309}');
    assert.ok(json.ok);
    assert.match(errorOf(parseActivityReport(json.value)), /finite number, got Infinity/);
  });
});

describe('parseActivityReport', () => {
  it('accepts 0, fractions and the maximum', () => {
    for (const idleSeconds of [0, 0.25, 2.5, 4, MAX_IDLE_SECONDS]) {
      assert.deepEqual(parseActivityReport({ idleSeconds }), { ok: true, value: { idleSeconds } });
    }
  });
  it('ignores unknown members and returns only idleSeconds', () => {
    assert.deepEqual(parseActivityReport({ idleSeconds: 2, tabId: 'a', nested: { x: [1] } }), {
      ok: true,
      value: { idleSeconds: 2 },
    });
  });
  it('refuses bodies that are not JSON objects', () => {
    assert.equal(errorOf(parseActivityReport(null)), 'the body must be a JSON object, got null');
    assert.equal(errorOf(parseActivityReport([])), 'the body must be a JSON object, got an array');
    assert.equal(errorOf(parseActivityReport('x')), 'the body must be a JSON object, got a string');
    assert.equal(errorOf(parseActivityReport(5)), 'the body must be a JSON object, got 5');
    assert.equal(errorOf(parseActivityReport(true)), 'the body must be a JSON object, got boolean');
    assert.equal(
      errorOf(parseActivityReport(undefined)),
      'the body must be a JSON object, got undefined',
    );
  });
  it('requires idleSeconds', () => {
    assert.equal(errorOf(parseActivityReport({})), 'idleSeconds is required');
    assert.equal(errorOf(parseActivityReport({ idleFor: 5 })), 'idleSeconds is required');
  });
  it('refuses wrong types, negatives, NaN, infinities and huge numbers', () => {
    const cases: [unknown, RegExp][] = [
      ['5', /finite number, got a string/],
      ['NaN', /finite number, got a string/],
      [null, /finite number, got null/],
      [true, /finite number, got boolean/],
      [[1], /finite number, got an array/],
      [{ value: 1 }, /finite number, got object/],
      [Number.NaN, /finite number, got NaN/],
      [Number.POSITIVE_INFINITY, /finite number, got Infinity/],
      [-1, /at least 0, got -1/],
      [-0.001, /at least 0, got -0.001/],
      [MAX_IDLE_SECONDS + 1, /at most 31536000, got 31536001/],
      [1e300, /at most 31536000, got 1e\+300/],
      [Number.MAX_VALUE, /at most 31536000/],
    ];
    for (const [idleSeconds, expected] of cases) {
      assert.match(errorOf(parseActivityReport({ idleSeconds })), expected, String(idleSeconds));
    }
  });
});

describe('parseStatus', () => {
  it('accepts an active status and returns only the members v1 defines', () => {
    assert.deepEqual(parseStatus({ ...active, future: 'x', reason: 'idle' }), {
      ok: true,
      value: active,
    });
  });
  it('keeps absoluteRemainingSeconds when present, 0 included', () => {
    for (const absoluteRemainingSeconds of [0, 0.001, 3000]) {
      assert.deepEqual(parseStatus({ ...active, absoluteRemainingSeconds }), {
        ok: true,
        value: { ...active, absoluteRemainingSeconds },
      });
    }
  });
  it('accepts every expiry reason and ignores active members of an expired status', () => {
    for (const reason of ['idle', 'absolute', 'logout', 'no-session']) {
      assert.deepEqual(
        parseStatus({ version: 1, state: 'expired', reason, idleSeconds: -5, extra: [] }),
        { ok: true, value: { version: 1, state: 'expired', reason } },
      );
    }
  });
  it('refuses a non-object', () => {
    for (const [value, described] of [
      [null, 'null'],
      [[], 'an array'],
      ['active', 'a string'],
      [1, '1'],
    ] as const) {
      assert.equal(
        errorOf(parseStatus(value)),
        `the status must be a JSON object, got ${described}`,
      );
    }
  });
  it('requires version 1', () => {
    assert.equal(errorOf(parseStatus({ ...active, version: 2 })), 'version must be 1, got 2');
    assert.equal(
      errorOf(parseStatus({ ...active, version: '1' })),
      'version must be 1, got a string',
    );
    const { version: _, ...noVersion } = active;
    assert.equal(errorOf(parseStatus(noVersion)), 'version must be 1, got undefined');
  });
  it('requires a known state', () => {
    for (const state of ['ACTIVE', 'unknown', undefined, null, 1]) {
      assert.equal(
        errorOf(parseStatus({ ...active, state })),
        'state must be "active" or "expired"',
      );
    }
  });
  it('requires a known reason on an expired status', () => {
    for (const reason of [undefined, null, 'timeout', 'IDLE', 1]) {
      assert.equal(
        errorOf(parseStatus({ version: 1, state: 'expired', reason })),
        'reason must be one of idle, absolute, logout, no-session',
      );
    }
  });
  it('refuses missing, mistyped and out-of-range durations, naming each member', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ idleSeconds: undefined }, /^idleSeconds must be a finite number, got undefined$/],
      [{ idleSeconds: -1 }, /^idleSeconds must be at least 0, got -1$/],
      [{ idleSeconds: '1' }, /^idleSeconds must be a finite number, got a string$/],
      [{ idleSeconds: Number.NaN }, /^idleSeconds must be a finite number, got NaN$/],
      [{ idleSeconds: 31_536_001 }, /^idleSeconds must be at most 31536000/],
      [{ warnAfterSeconds: 0 }, /^warnAfterSeconds must be greater than 0, got 0$/],
      [{ warnAfterSeconds: null }, /^warnAfterSeconds must be a finite number, got null$/],
      [{ expireAfterSeconds: 0 }, /^expireAfterSeconds must be greater than 0, got 0$/],
      [{ expireAfterSeconds: Number.POSITIVE_INFINITY }, /^expireAfterSeconds must be a finite/],
      [{ expireAfterSeconds: 1e12 }, /^expireAfterSeconds must be at most 31536000/],
      [{ absoluteRemainingSeconds: -0.5 }, /^absoluteRemainingSeconds must be at least 0/],
      [{ absoluteRemainingSeconds: null }, /^absoluteRemainingSeconds must be a finite number/],
      [{ absoluteRemainingSeconds: undefined }, /^absoluteRemainingSeconds must be a finite/],
    ];
    for (const [change, expected] of cases) {
      assert.match(
        errorOf(parseStatus({ ...active, ...change })),
        expected,
        JSON.stringify(change),
      );
    }
  });
  it('lists every bad member at once', () => {
    assert.equal(
      errorOf(parseStatus({ ...active, idleSeconds: -1, warnAfterSeconds: 'x' })),
      'idleSeconds must be at least 0, got -1; warnAfterSeconds must be a finite number, got a string',
    );
  });
  it('requires warnAfterSeconds < expireAfterSeconds', () => {
    for (const warnAfterSeconds of [600, 601]) {
      assert.equal(
        errorOf(parseStatus({ ...active, warnAfterSeconds })),
        'warnAfterSeconds must be less than expireAfterSeconds',
      );
    }
  });
});

describe('parseProblem', () => {
  const problem = {
    type: 'https://session-security.dev/problems/session-expired',
    title: 'The session has expired',
    status: 401,
  };
  it('accepts a minimal problem and one with detail and reason', () => {
    assert.deepEqual(parseProblem(problem), { ok: true, value: problem });
    assert.deepEqual(parseProblem({ ...problem, detail: 'why', reason: 'idle', instance: '/x' }), {
      ok: true,
      value: { ...problem, detail: 'why', reason: 'idle' },
    });
  });
  it('refuses non-objects', () => {
    assert.equal(errorOf(parseProblem([])), 'a problem must be a JSON object, got an array');
    assert.equal(errorOf(parseProblem(null)), 'a problem must be a JSON object, got null');
  });
  it('requires type, title and an integer status 400-599', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ type: undefined }, 'type must be a string'],
      [{ type: 1 }, 'type must be a string'],
      [{ title: null }, 'title must be a string'],
      [{ status: '401' }, 'status must be an integer'],
      [{ status: 401.5 }, 'status must be an integer'],
      [{ status: Number.NaN }, 'status must be an integer'],
      [{ status: 399 }, 'status must be 400-599'],
      [{ status: 600 }, 'status must be 400-599'],
      [{ status: 200 }, 'status must be 400-599'],
      [{ detail: 5 }, 'detail must be a string'],
      [{ detail: null }, 'detail must be a string'],
      [{ reason: 'bored' }, 'reason must be one of idle, absolute, logout, no-session'],
      [{ reason: null }, 'reason must be one of idle, absolute, logout, no-session'],
    ];
    for (const [change, expected] of cases) {
      assert.equal(errorOf(parseProblem({ ...problem, ...change })), expected);
    }
  });
});
