import type { Transport } from '../../components/session-security/core/transport.js';
import { TransportError } from '../../components/session-security/core/transport.js';
import {
  type ActivityRecord,
  activeStatus,
  type ExpiryReason,
  expiredStatus,
  expiryReasonAt,
  lastActivityAfterReport,
  type SessionStatus,
  type Timeouts,
} from '../../protocol/index.js';

/** One request the fake server saw. */
export interface SeenRequest {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly atMs: number;
  readonly idleSeconds?: number;
}

/** What the next request gets instead of its answer: a failure, or this status as is. */
export type Fault = 'network' | { readonly status: SessionStatus };

/**
 * A protocol v1 server in memory, on the rules of protocol/rules.ts and the injected clock:
 * expiry checked first, reports never revive, logout destroys. Usable as a Transport.
 */
export class FakeServer implements Transport {
  record: ActivityRecord | null;
  readonly requests: SeenRequest[] = [];
  readonly faults: Fault[] = [];

  constructor(
    private readonly nowMs: () => number,
    public timeouts: Timeouts = { warnAfterSeconds: 5, expireAfterSeconds: 10 },
    signedIn = true,
  ) {
    const now = nowMs();
    this.record = signedIn ? { lastActivityMs: now, startedAtMs: now } : null;
  }

  /** An ordinary (non-passive) page request: activity. */
  pageLoad(): void {
    this.#expireIfDue();
    if (this.record) this.record = { ...this.record, lastActivityMs: this.nowMs() };
  }

  /** The status the server would answer now, without a request. */
  peek(): SessionStatus {
    const reason = this.#expireIfDue();
    if (reason) return expiredStatus(reason);
    return this.record
      ? activeStatus(this.record, this.timeouts, this.nowMs())
      : expiredStatus('no-session');
  }

  readStatus(): Promise<SessionStatus> {
    return this.#answer({ method: 'GET', atMs: this.nowMs() }, () => this.peek());
  }

  reportActivity(idleSeconds: number): Promise<SessionStatus> {
    return this.#answer({ method: 'POST', atMs: this.nowMs(), idleSeconds }, () => {
      const reason = this.#expireIfDue();
      if (reason) return expiredStatus(reason);
      if (!this.record) return expiredStatus('no-session');
      const now = this.nowMs();
      this.record = {
        ...this.record,
        lastActivityMs: lastActivityAfterReport(this.record, idleSeconds, now),
      };
      return activeStatus(this.record, this.timeouts, now);
    });
  }

  logout(): Promise<SessionStatus> {
    return this.#answer({ method: 'DELETE', atMs: this.nowMs() }, () => {
      const reason = this.#expireIfDue();
      if (reason) return expiredStatus(reason);
      const had = this.record !== null;
      this.record = null;
      return expiredStatus(had ? 'logout' : 'no-session');
    });
  }

  #expireIfDue(): ExpiryReason | null {
    if (!this.record) return null;
    const reason = expiryReasonAt(this.record, this.timeouts, this.nowMs());
    if (reason) this.record = null;
    return reason;
  }

  #answer(request: SeenRequest, answer: () => SessionStatus): Promise<SessionStatus> {
    this.requests.push(request);
    const fault = this.faults.shift();
    if (fault === 'network') {
      return Promise.reject(new TransportError('network', 'fake network failure'));
    }
    if (fault) return Promise.resolve(fault.status);
    return Promise.resolve(answer());
  }
}
