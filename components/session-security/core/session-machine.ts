import type { ExpiryReason, SessionStatus } from '../../../protocol/index.js';
import {
  DEADLINE_CHECK_DELAY_MS,
  FOLLOWER_GRACE_MS,
  MIN_CHECK_GAP_MS,
  retryDelayMs,
} from './check-timing.js';
import {
  inconsistency,
  type Plan,
  planFor,
  routineCheckAtMs,
  type ServerView,
  shareAtMs,
  viewFromStatus,
} from './deadlines.js';
import { monotonicClock, wallClockSteps } from './session-clock.js';
import {
  type ChangeSource,
  INITIAL_SNAPSHOT,
  type SessionMachineOptions,
  type SessionSnapshot,
  sameSnapshot,
  type WakeReason,
} from './session-types.js';
import type { TabMessage } from './tab-messages.js';
import { TransportError, toError } from './transport.js';
import { globalScheduler, WakeUpTimer } from './wake-up-timer.js';

/**
 * The browser side of protocol v1, framework-free: active -> warning -> expired. Deadlines are
 * wall-clock values on the injected clock; the one timer only wakes it up to compare them
 * with the clock. The server alone decides expiry: this tab acts on a deadline once the server
 * says the session has ended, or when it cannot be reached at or after the deadline.
 *
 * Inside, times are on the machine's own clock: the wall clock plus every step back the wall
 * clock took since the start (see session-clock.ts), so a clock set back an hour neither delays
 * the deadlines nor makes new activity look older than old. Times that cross the machine's
 * edges (activity, tab messages, the snapshot's deadline) are wall-clock values of the moment.
 *
 * One leading tab runs the routine checks (just before the warning, at the deadline); every tab
 * checks once at start (a page load), on its user's activity during the warning, on `extend()`
 * and on `logout()`. Server answers are shared with the other tabs; activity is shared before
 * the leader's check.
 */
export class SessionMachine {
  #options: SessionMachineOptions;
  #timer: WakeUpTimer;
  #running = false;
  #unsubscribe: (() => void) | null = null;
  #steps: (wallMs: number) => number;
  /** How far the machine's clock is ahead of the wall clock: the sum of its steps back. */
  #offsetMs = 0;

  // What this tab shows, and whether it leads.
  #snapshot = INITIAL_SNAPSHOT;
  #leader = false;
  #absoluteDismissed = false;

  // What this tab knows of the server's session: the answer with the latest send time.
  #view!: ServerView;
  #viewSentAtMs = -Infinity;

  // Activity, on the machine's clock.
  /** Latest activity of any tab known here. */
  #latestActivityMs = 0;
  /** Latest activity of this tab, and the part of it already shared with other tabs. */
  #ownActivityMs = 0;
  #sharedActivityMs = 0;
  /** Latest activity the server is known to have been told about by this tab (a page load counts). */
  #reportedActivityMs = 0;

  // Checks: the request on its way, the last one sent, failures and their backoff.
  /** Send time of the latest check (or answer shared by another tab) this tab knows of. */
  #lastCheckMs = -Infinity;
  /** Send time of this tab's latest failed check, until one succeeds. */
  #failedCheckMs: number | null = null;
  #retryAtMs: number | null = null;
  #attempt = 0;
  #inFlight: Promise<void> | null = null;
  #checkAgain = false;

  constructor(options: SessionMachineOptions) {
    this.#options = options;
    this.#steps = wallClockSteps(options.monotonicMs ?? monotonicClock);
    this.#timer = new WakeUpTimer(
      options.scheduler ?? globalScheduler,
      () => this.#now(),
      () => this.#evaluate('this-tab'),
    );
  }

  get snapshot(): SessionSnapshot {
    return this.#snapshot;
  }

  /** A page load: counts as activity everywhere, then one status read to learn the timeouts. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    const now = this.#now();
    // The options' timeouts are the fallbacks.
    this.#view = viewFromStatus({ ...this.#options, idleSeconds: 0 }, now);
    this.#latestActivityMs = now;
    this.#ownActivityMs = now;
    this.#sharedActivityMs = now;
    this.#reportedActivityMs = now;
    this.#unsubscribe =
      this.#options.channel?.subscribe((message) => this.#receive(message)) ?? null;
    this.#post({ v: 1, type: 'activity', atMs: now - this.#offsetMs });
    void this.#check();
    this.#evaluate('this-tab');
  }

  /** Stops every timer and listener; pending answers are ignored. */
  stop(): void {
    this.#running = false;
    this.#timer.cancel();
    this.#unsubscribe?.();
    this.#unsubscribe = null;
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
   * "Stay signed in": reports activity now, in one request (a check already on its way, with
   * activity this action's input reported, is that request). On the absolute-lifetime notice it
   * only closes the notice; it cannot extend that lifetime. Resolves with whether the session is
   * still active.
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
    const { transport } = this.#options;
    const sentAtMs = this.#now();
    const activityMs = this.#latestActivityMs;
    const report = activityMs > this.#reportedActivityMs;
    this.#lastCheckMs = Math.max(this.#lastCheckMs, sentAtMs);
    this.#retryAtMs = null;
    const request = report
      ? transport.reportActivity(Math.max(0, sentAtMs - activityMs) / 1000)
      : transport.readStatus();
    const settled = request.then(
      (status) => this.#answered(status, sentAtMs, report ? activityMs : null),
      (error: unknown) => this.#failed(toError(error), sentAtMs),
    );
    const inFlight = settled.then(() => {
      this.#inFlight = null;
      if (this.#checkAgain) {
        this.#checkAgain = false;
        return this.#check();
      }
      this.#evaluate('this-tab');
    });
    this.#inFlight = inFlight;
    return inFlight;
  }

  #answered(status: SessionStatus, sentAtMs: number, reportedMs: number | null): void {
    if (!this.#running) return;
    const problem = inconsistency(status);
    if (problem) {
      this.#failed(new TransportError('malformed', problem), sentAtMs);
      return;
    }
    this.#failedCheckMs = null;
    this.#attempt = 0;
    if (reportedMs !== null) {
      this.#reportedActivityMs = Math.max(this.#reportedActivityMs, reportedMs);
    }
    this.#post({ v: 1, type: 'status', sentAtMs: sentAtMs - this.#offsetMs, status });
    this.#apply(status, sentAtMs, 'this-tab');
  }

  #failed(error: Error, sentAtMs: number): void {
    if (!this.#running) return;
    const delayMs = retryDelayMs(this.#attempt);
    this.#attempt += 1;
    this.#failedCheckMs = sentAtMs;
    this.#retryAtMs = this.#now() + delayMs;
    this.#options.listener.failed(error, delayMs);
  }

  #apply(status: SessionStatus, sentAtMs: number, source: ChangeSource): void {
    if (status.state === 'expired') {
      this.#expire(this.#explain(status.reason, sentAtMs), source);
      return;
    }
    if (inconsistency(status) || sentAtMs < this.#viewSentAtMs) return;
    this.#view = viewFromStatus(status, sentAtMs);
    this.#viewSentAtMs = sentAtMs;
    this.#lastCheckMs = Math.max(this.#lastCheckMs, sentAtMs);
    this.#evaluate(source);
  }

  /**
   * "no-session" asked at or after the deadline this tab knew means the session ran out (another
   * request, e.g. another tab's, ended it first): say so, so the page can tell the user why.
   */
  #explain(reason: ExpiryReason, sentAtMs: number): ExpiryReason {
    if (reason !== 'no-session' || this.#options.transport.explainsEnd === false) return reason;
    const plan = planFor(this.#view, this.#view.lastActivityMs);
    return sentAtMs >= plan.deadlineMs ? plan.kind : reason;
  }

  #receive(message: TabMessage): void {
    if (!this.#running || this.#snapshot.state === 'expired') return;
    // Another tab's clock is this machine's clock; a moment in the future is not believed.
    const now = this.#now();
    const offsetMs = this.#offsetMs;
    if (message.type === 'status') {
      this.#apply(message.status, Math.min(message.sentAtMs + offsetMs, now), 'other-tab');
      return;
    }
    const atMs = Math.min(message.atMs + offsetMs, now);
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
   * (The routine check, the retry and the warning stay inline: each method more costs bundle
   * bytes.)
   */
  #evaluate(source: ChangeSource): void {
    if (!this.#running || this.#snapshot.state === 'expired') return;
    const now = this.#now();
    const plan = planFor(this.#view, this.#latestActivityMs);
    const wakes = [this.#shareActivity(now, plan)];
    if (now >= plan.deadlineMs) {
      this.#pastDeadline(now, plan);
      return;
    }
    // After a failed report, unreported activity no longer postpones the warning.
    const warnAtMs =
      this.#failedCheckMs === null
        ? plan.warnAtMs
        : planFor(this.#view, this.#view.lastActivityMs).warnAtMs;
    const dismissed = plan.kind === 'absolute' && this.#absoluteDismissed;
    // The leader's routine check.
    const checkAtMs = routineCheckAtMs(this.#view, plan, warnAtMs);
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

  /** Sends this tab's activity to the others before the server's warning moment; answers when. */
  #shareActivity(now: number, plan: Plan): number {
    const atMs = shareAtMs(this.#view, plan);
    if (this.#ownActivityMs > this.#sharedActivityMs && now >= atMs) {
      this.#sharedActivityMs = this.#ownActivityMs;
      this.#post({ v: 1, type: 'activity', atMs: this.#ownActivityMs - this.#offsetMs });
    }
    return atMs;
  }

  /** Past the deadline: no warning now; ask the server, act if it says so or cannot answer. */
  #pastDeadline(now: number, plan: Plan): void {
    if (this.#failedCheckMs !== null && this.#failedCheckMs >= plan.deadlineMs) {
      this.#expire(plan.kind, 'this-tab');
      return;
    }
    if (this.#inFlight) return;
    const checkAtMs = Math.max(
      plan.deadlineMs + (this.#leader ? DEADLINE_CHECK_DELAY_MS : FOLLOWER_GRACE_MS),
      this.#lastCheckMs + MIN_CHECK_GAP_MS,
    );
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
    try {
      this.#options.channel?.post(message);
    } catch {
      // A closed channel: this tab is going away.
    }
  }
}
