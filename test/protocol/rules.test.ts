import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expiryReasonAt, idleMs, lastActivityAfterReport } from '../../protocol/index.js';

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
