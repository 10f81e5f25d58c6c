import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  activeStatus,
  EXPIRY_REASONS,
  expiredStatus,
  expiryReasonAt,
  idleMs,
  lastActivityAfterReport,
  parseStatus,
  validateTimeouts,
} from '../../protocol/index.js';

const timeouts = { warnAfterSeconds: 5, expireAfterSeconds: 10, absoluteTimeoutSeconds: 60 };

describe('expiryReasonAt', () => {
  it('is valid 1 ms before the idle deadline and expired at it', () => {
    const record = { lastActivityMs: 1_000, startedAtMs: 0 };
    assert.equal(expiryReasonAt(record, timeouts, 10_999), null);
    assert.equal(expiryReasonAt(record, timeouts, 11_000), 'idle');
  });
  it('checks idle before absolute', () => {
    const record = { lastActivityMs: 0, startedAtMs: 0 };
    assert.equal(expiryReasonAt(record, timeouts, 60_000), 'idle');
    assert.equal(
      expiryReasonAt({ lastActivityMs: 59_999, startedAtMs: 0 }, timeouts, 60_000),
      'absolute',
    );
  });
  it('never counts a clock that stepped back as idle time', () => {
    assert.equal(idleMs({ lastActivityMs: 5_000, startedAtMs: 0 }, 1_000), 0);
  });
});

describe('lastActivityAfterReport', () => {
  it('keeps the most recent activity and never moves into the future', () => {
    const record = { lastActivityMs: 10_000, startedAtMs: 0 };
    assert.equal(lastActivityAfterReport(record, 4, 20_000), 16_000);
    assert.equal(lastActivityAfterReport(record, 15, 20_000), 10_000);
    assert.equal(lastActivityAfterReport(record, 0, 20_000), 20_000);
  });
});

describe('validateTimeouts', () => {
  it('accepts positive durations with warn < expire and normalises a missing absolute to null', () => {
    assert.deepEqual(validateTimeouts({ warnAfterSeconds: 540, expireAfterSeconds: 600 }), {
      ok: true,
      value: { warnAfterSeconds: 540, expireAfterSeconds: 600, absoluteTimeoutSeconds: null },
    });
    assert.deepEqual(validateTimeouts(timeouts), {
      ok: true,
      value: { warnAfterSeconds: 5, expireAfterSeconds: 10, absoluteTimeoutSeconds: 60 },
    });
    assert.deepEqual(
      validateTimeouts({
        warnAfterSeconds: 0.5,
        expireAfterSeconds: 1,
        absoluteTimeoutSeconds: null,
      }),
      {
        ok: true,
        value: { warnAfterSeconds: 0.5, expireAfterSeconds: 1, absoluteTimeoutSeconds: null },
      },
    );
  });
  it('refuses non-objects', () => {
    for (const value of [null, undefined, 5, 'x']) {
      assert.deepEqual(validateTimeouts(value), { ok: false, error: 'timeouts must be an object' });
    }
  });
  it('refuses zero, negative, non-finite, mistyped and huge durations, naming the member', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ warnAfterSeconds: 0 }, /^warnAfterSeconds must be greater than 0/],
      [{ warnAfterSeconds: '5' }, /^warnAfterSeconds must be a finite number/],
      [{ expireAfterSeconds: -10 }, /^expireAfterSeconds must be greater than 0/],
      [{ expireAfterSeconds: Number.NaN }, /^expireAfterSeconds must be a finite number, got NaN/],
      [{ expireAfterSeconds: 31_536_001 }, /^expireAfterSeconds must be at most 31536000/],
      [{ absoluteTimeoutSeconds: 0 }, /^absoluteTimeoutSeconds must be greater than 0/],
      [
        { absoluteTimeoutSeconds: Number.POSITIVE_INFINITY },
        /^absoluteTimeoutSeconds must be a finite/,
      ],
      [{ absoluteTimeoutSeconds: '60' }, /^absoluteTimeoutSeconds must be a finite number/],
    ];
    for (const [change, expected] of cases) {
      const result = validateTimeouts({ ...timeouts, ...change });
      assert.equal(result.ok, false, JSON.stringify(change));
      if (!result.ok) assert.match(result.error, expected);
    }
  });
  it('requires warnAfterSeconds < expireAfterSeconds', () => {
    for (const warnAfterSeconds of [10, 11]) {
      assert.deepEqual(validateTimeouts({ ...timeouts, warnAfterSeconds }), {
        ok: false,
        error: 'warnAfterSeconds must be less than expireAfterSeconds',
      });
    }
  });
});

describe('idleMs', () => {
  it('is the time since last activity', () => {
    assert.equal(idleMs({ lastActivityMs: 1_000, startedAtMs: 0 }, 3_500), 2_500);
    assert.equal(idleMs({ lastActivityMs: 1_000, startedAtMs: 0 }, 1_000), 0);
  });
});

describe('expiryReasonAt, absolute lifetime', () => {
  it('is valid 1 ms before the absolute deadline and expired at it', () => {
    const record = { lastActivityMs: 59_000, startedAtMs: 0 };
    assert.equal(expiryReasonAt(record, timeouts, 59_999), null);
    assert.equal(expiryReasonAt(record, timeouts, 60_000), 'absolute');
  });
  it('never expires on the absolute rule without an absolute lifetime', () => {
    const record = { lastActivityMs: 999_999_000, startedAtMs: 0 };
    const noAbsolute = { warnAfterSeconds: 5, expireAfterSeconds: 10 };
    assert.equal(expiryReasonAt(record, noAbsolute, 1_000_000_000), null);
    assert.equal(
      expiryReasonAt(record, { ...noAbsolute, absoluteTimeoutSeconds: null }, 1_000_000_000),
      null,
    );
  });
  it('does not expire a session whose clock stepped back before its start', () => {
    assert.equal(expiryReasonAt({ lastActivityMs: 5_000, startedAtMs: 5_000 }, timeouts, 0), null);
  });
});

describe('lastActivityAfterReport, edge cases', () => {
  it('applies fractional seconds to the millisecond', () => {
    const record = { lastActivityMs: 0, startedAtMs: 0 };
    assert.equal(lastActivityAfterReport(record, 2.5, 10_000), 7_500);
    assert.equal(lastActivityAfterReport(record, 0.25, 10_000), 9_750);
  });
  it('never moves last activity into the future, even for a negative report', () => {
    const record = { lastActivityMs: 0, startedAtMs: 0 };
    assert.equal(lastActivityAfterReport(record, -5, 10_000), 10_000);
  });
  it('keeps a last activity that lies ahead of a clock that stepped back', () => {
    const record = { lastActivityMs: 20_000, startedAtMs: 0 };
    assert.equal(lastActivityAfterReport(record, 0, 10_000), 20_000);
  });
});

describe('activeStatus', () => {
  it('reports idle seconds and the durations, without absoluteRemainingSeconds when none', () => {
    const status = activeStatus(
      { lastActivityMs: 7_500, startedAtMs: 0 },
      { warnAfterSeconds: 5, expireAfterSeconds: 10, absoluteTimeoutSeconds: null },
      10_000,
    );
    assert.deepEqual(status, {
      version: 1,
      state: 'active',
      idleSeconds: 2.5,
      warnAfterSeconds: 5,
      expireAfterSeconds: 10,
    });
    assert.equal('absoluteRemainingSeconds' in status, false);
  });
  it('adds the seconds left of the absolute lifetime, never negative', () => {
    assert.deepEqual(activeStatus({ lastActivityMs: 9_000, startedAtMs: 0 }, timeouts, 10_000), {
      version: 1,
      state: 'active',
      idleSeconds: 1,
      warnAfterSeconds: 5,
      expireAfterSeconds: 10,
      absoluteRemainingSeconds: 50,
    });
    const late = activeStatus({ lastActivityMs: 70_000, startedAtMs: 0 }, timeouts, 70_000);
    assert.equal(late.state === 'active' && late.absoluteRemainingSeconds, 0);
  });
  it('never reports negative idle time when the clock stepped back', () => {
    const status = activeStatus({ lastActivityMs: 20_000, startedAtMs: 0 }, timeouts, 10_000);
    assert.equal(status.state === 'active' && status.idleSeconds, 0);
  });
  it('produces statuses that parseStatus accepts unchanged', () => {
    const status = activeStatus({ lastActivityMs: 1_234, startedAtMs: 0 }, timeouts, 5_678);
    assert.deepEqual(parseStatus(JSON.parse(JSON.stringify(status))), { ok: true, value: status });
  });
});

describe('expiredStatus', () => {
  it('builds an expired status for every reason', () => {
    for (const reason of EXPIRY_REASONS) {
      const status = expiredStatus(reason);
      assert.deepEqual(status, { version: 1, state: 'expired', reason });
      assert.deepEqual(parseStatus(status), { ok: true, value: status });
    }
  });
});
