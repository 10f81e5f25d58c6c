import type { ExpiryReason, SessionStatus } from '../../../protocol/index.js';
import { FOLLOWER_GRACE_MS, retryDelayMs } from './check-timing.js';
import * as deadlines from './deadlines.js';
import { monotonicClock, wallClockSteps } from './session-clock.js';
import type { ChangeSource, SessionMachineOptions, WakeReason } from './session-types.js';
import { INITIAL_SNAPSHOT, type SessionSnapshot, sameSnapshot } from './session-types.js';
import type { TabMessage } from './tab-messages.js';
import { TransportError, toError } from './transport.js';
import { globalScheduler, WakeUpTimer } from './wake-up-timer.js';

/**
 * The browser side of protocol v1, framework-free: active -> warning -> expired. The one timer
 * only wakes it up to compare the deadlines (deadlines.ts) with the clock, its own clock inside
 * (session-clock.ts). The server alone decides expiry: this tab acts on a deadline once the
 * server says the session has ended, or when it cannot be reached at or after the deadline.
 * One leading tab runs the routine checks (just before the warning, at the deadline); every tab
 * checks once at start (a page load), on its user's activity during the warning, on `extend()`
 * and on `logout()`. Answers are shared with the other tabs; activity before the leader's check.
 */
export class SessionMachine {
  #options: SessionMachineOptions;
  #timer: WakeUpTimer;
  #running = false;
  #unsubscribe?: () => void;
  #steps: (wallMs: number) => number;
  /** How far the machine's clock is ahead of the wall clock: the sum of its steps back. */
  #offsetMs = 0;
  // What this tab shows, whether it leads; the server's answer with the latest send time.
  #snapshot = INITIAL_SNAPSHOT;
  #leader = false;
  #absoluteDismissed = false;
  #view!: deadlines.ServerView;
  #viewSentAtMs = -Infinity;
  // Activity, on the machine's clock: the latest of any tab known here, this tab's own, the
  // part of it shared with other tabs, and what the server heard of from this tab (page load).
  #latestActivityMs = 0;
  #ownActivityMs = 0;
  #sharedActivityMs = 0;
  #reportedActivityMs = 0;
  // Checks: the latest send time this tab knows of (its own or another tab's answer), this
  // tab's latest failed one until one succeeds, the backoff, the request on its way.
  #lastCheckMs = -Infinity;
  #failedCheckMs: number | null = null;
  #retryAtMs: number | null = null;
  #attempt = 0;
  #inFlight: Promise<void> | null = null;
  #checkAgain = false;

  constructor(options: SessionMachineOptions) {
    this.#options = options;
    this.#steps = wallClockSteps(options.monotonicMs ?? monotonicClock);
    const now = () => this.#now();
    const evaluate = () => this.#evaluate('this-tab');
    this.#timer = new WakeUpTimer(options.scheduler ?? globalScheduler, now, evaluate);
  }

  get snapshot(): SessionSnapshot {
    return this.#snapshot;
  }

  /** A page load: activity everywhere, the fallback timeouts (options), then one status read. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    const now = this.#now();
    this.#view = deadlines.viewFromStatus({ ...this.#options, idleSeconds: 0 }, now);
    this.#latestActivityMs = now;
    this.#ownActivityMs = now;
    this.#sharedActivityMs = now;
    this.#reportedActivityMs = now;
    this.#unsubscribe = this.#options.channel?.subscribe((message) => this.#receive(message));
    this.#post({ v: 1, type: 'activity', atMs: now - this.#offsetMs });
    void this.#check();
    this.#evaluate('this-tab');
  }

  /** Stops every timer and listener; pending answers are ignored. */
  stop(): void {
    this.#running = false;
    this.#timer.cancel();
    this.#unsubscribe?.();
  }

  setLeader(leader: boolean): void {
    this.#leader = leader;
    this.#evaluate('this-tab');
  }

  /** User activity in this tab. Constant work, except during an idle warning: then report it. */
  recordActivity(atMs: number = this.#options.nowMs()): void {
    this.#now();
    atMs += this.#offsetMs;
    if (atMs > this.#ownActivityMs) this.#ownActivityMs = atMs;
    if (atMs > this.#latestActivityMs) this.#latestActivityMs = atMs;
    if (this.#snapshot.state === 'warning' && this.#snapshot.kind === 'idle') void this.#check();
  }

  /**
   * "Stay signed in": reports activity now in one request (one on its way with this input is
   * it). The absolute-lifetime notice only closes. Resolves with whether the session is active.
   */
  async extend(): Promise<boolean> {
    if (!this.#running || this.#snapshot.state === 'expired') return false;
    if (this.#snapshot.state === 'warning' && this.#snapshot.kind === 'absolute') {
      this.#absoluteDismissed = true;
      this.#evaluate('this-tab');
    }
    // During an idle warning this sends the report: the one request of this action.
    this.recordActivity();
    await (this.#inFlight ?? this.#check());
    return this.snapshot.state !== 'expired';
  }

  /** Ends the session on the server and in every tab. Even if the request fails, this tab ends it. */
  async logout(): Promise<void> {
    if (!this.#running || this.#snapshot.state === 'expired') return;
    const sentAtMs = this.#options.nowMs();
    try {
      const status = await this.#options.transport.logout();
      if (!this.#running) return;
      this.#post({ v: 1, type: 'status', sentAtMs, status });
      this.#expire(status.state === 'expired' ? status.reason : 'logout', 'this-tab');
    } catch (error) {
      if (!this.#running) return;
      this.#options.listener.failed(toError(error), null);
      this.#expire('logout', 'this-tab');
    }
  }

  /** The page woke up (shown, restored from the back/forward cache, focused, back online). */
  wake(reason: WakeReason): void {
    if (!this.#running) return;
    // A page restored from the back/forward cache or back online may have missed messages.
    if (reason === 'pageshow' || reason === 'online') void this.#check();
    this.#evaluate('this-tab');
  }

  #check(): Promise<void> {
    if (!this.#running || this.#snapshot.state === 'expired') return Promise.resolve();
    if (this.#inFlight) {
      this.#checkAgain = true;
      return this.#inFlight;
    }
    const sentAtMs = this.#now();
    const activityMs = this.#latestActivityMs;
    const report = activityMs > this.#reportedActivityMs;
    this.#lastCheckMs = Math.max(this.#lastCheckMs, sentAtMs);
    this.#retryAtMs = null;
    const request = report
      ? this.#options.transport.reportActivity(Math.max(0, sentAtMs - activityMs) / 1000)
      : this.#options.transport.readStatus();
    const settled = request.then(
      (status) => this.#answered(status, sentAtMs, activityMs),
      (error: unknown) => this.#failed(toError(error), sentAtMs),
    );
    this.#inFlight = settled.then(() => {
      this.#inFlight = null;
      if (!this.#checkAgain) return this.#evaluate('this-tab');
      this.#checkAgain = false;
      return this.#check();
    });
    return this.#inFlight;
  }

  /** An answer to a check sent at `sentAtMs` with activity up to `activityMs` (reported or not). */
  #answered(status: SessionStatus, sentAtMs: number, activityMs: number): void {
    if (!this.#running) return;
    const problem = deadlines.inconsistency(status);
    if (problem) {
      this.#failed(new TransportError('malformed', problem), sentAtMs);
      return;
    }
    this.#failedCheckMs = null;
    this.#attempt = 0;
    // When not reported, the server had heard of it already: no change.
    this.#reportedActivityMs = Math.max(this.#reportedActivityMs, activityMs);
    this.#post({ v: 1, type: 'status', sentAtMs: sentAtMs - this.#offsetMs, status });
    this.#apply(status, sentAtMs, 'this-tab');
  }

  #failed(error: Error, sentAtMs: number): void {
    if (!this.#running) return;
    const delayMs = retryDelayMs(this.#attempt++);
    this.#failedCheckMs = sentAtMs;
    this.#retryAtMs = this.#now() + delayMs;
    this.#options.listener.failed(error, delayMs);
  }

  #apply(status: SessionStatus, sentAtMs: number, source: ChangeSource): void {
    if (status.state === 'expired') {
      const { explainsEnd } = this.#options.transport;
      this.#expire(deadlines.explainEnd(status.reason, sentAtMs, this.#view, explainsEnd), source);
      return;
    }
    if (deadlines.inconsistency(status) || sentAtMs < this.#viewSentAtMs) return;
    this.#view = deadlines.viewFromStatus(status, sentAtMs);
    this.#viewSentAtMs = sentAtMs;
    this.#lastCheckMs = Math.max(this.#lastCheckMs, sentAtMs);
    this.#evaluate(source);
  }

  #receive(message: TabMessage): void {
    if (!this.#running || this.#snapshot.state === 'expired') return;
    // Another tab's clock is this machine's clock; a moment in the future is not believed.
    const now = this.#now();
    const status = message.type === 'status';
    const atMs = Math.min((status ? message.sentAtMs : message.atMs) + this.#offsetMs, now);
    if (status) {
      this.#apply(message.status, atMs, 'other-tab');
      return;
    }
    if (atMs > this.#latestActivityMs) this.#latestActivityMs = atMs;
    this.#evaluate('other-tab');
  }

  #expire(reason: ExpiryReason, source: ChangeSource): void {
    if (this.#snapshot.state === 'expired') return;
    this.#timer.cancel();
    this.#set({ ...this.#snapshot, state: 'expired', reason }, source);
  }

  /**
   * Compares the deadlines with the clock, in order: share this tab's activity, act past the
   * deadline, the leader's routine check, a retry, the warning; then sleeps until the next moment.
   */
  #evaluate(source: ChangeSource): void {
    if (!this.#running || this.#snapshot.state === 'expired') return;
    const now = this.#now();
    const plan = deadlines.planFor(this.#view, this.#latestActivityMs);
    // This tab's activity goes to the others before the server's warning moment.
    const shareAtMs = deadlines.shareAtMs(this.#view, plan);
    if (this.#ownActivityMs > this.#sharedActivityMs && now >= shareAtMs) {
      this.#sharedActivityMs = this.#ownActivityMs;
      this.#post({ v: 1, type: 'activity', atMs: this.#ownActivityMs - this.#offsetMs });
    }
    const wakes = [shareAtMs];
    if (now >= plan.deadlineMs) {
      this.#pastDeadline(now, plan);
      return;
    }
    const warnAtMs = deadlines.warningAtMs(this.#view, plan, this.#failedCheckMs !== null);
    const dismissed = plan.kind === 'absolute' && this.#absoluteDismissed;
    // The leader's routine check.
    const checkAtMs = deadlines.routineCheckAtMs(this.#view, plan, warnAtMs);
    if (
      this.#leader &&
      !dismissed &&
      this.#snapshot.state !== 'warning' &&
      this.#lastCheckMs < checkAtMs
    ) {
      if (now >= checkAtMs) void this.#check();
      else wakes.push(checkAtMs);
    }
    if (this.#retryAtMs !== null) {
      if (now >= this.#retryAtMs) void this.#check();
      else wakes.push(this.#retryAtMs);
    }
    // While a check is on its way, the answer decides whether the warning shows.
    const warn =
      now >= warnAtMs && !dismissed && !(this.#inFlight && this.#snapshot.state === 'active');
    // During the warning, a look a second: the countdown follows a wall clock set back.
    wakes.push(warn ? now + 1000 : warnAtMs);
    wakes.push(this.#leader ? plan.deadlineMs : plan.deadlineMs + FOLLOWER_GRACE_MS);
    this.#timer.wakeAt(Math.min(...wakes.filter((time) => time > now)));
    const state = warn ? 'warning' : 'active';
    const deadlineMs = plan.deadlineMs - this.#offsetMs;
    this.#set({ state, kind: plan.kind, deadlineMs, reason: null }, source);
  }

  /** Past the deadline: no warning now; ask the server, act if it says so or cannot answer. */
  #pastDeadline(now: number, plan: deadlines.Plan): void {
    if (this.#failedCheckMs !== null && this.#failedCheckMs >= plan.deadlineMs) {
      this.#expire(plan.kind, 'this-tab');
      return;
    }
    if (this.#inFlight) return;
    const checkAtMs = deadlines.pastDeadlineCheckAtMs(plan, this.#leader, this.#lastCheckMs);
    if (now >= checkAtMs) void this.#check();
    else this.#timer.wakeAt(checkAtMs);
  }

  /** The machine's clock: the wall clock, plus its steps back (taken into account here). */
  #now(): number {
    const wallMs = this.#options.nowMs();
    this.#offsetMs -= this.#steps(wallMs);
    return wallMs + this.#offsetMs;
  }

  #set(next: SessionSnapshot, source: ChangeSource): void {
    const previous = this.#snapshot;
    if (sameSnapshot(previous, next)) return;
    this.#snapshot = next;
    this.#options.listener.changed(next, previous, source);
  }

  #post(message: TabMessage): void {
    this.#options.channel?.post(message);
  }
}
