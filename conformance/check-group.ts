import type { SuiteContext } from './context.js';
import { CheckFailure, CheckSkipped } from './expect.js';
import { type Exchange, NetworkError, type SentRequest } from './http-client.js';
import { MIN_EXPIRE_SECONDS } from './timing.js';

/** The outcome of one check. */
export interface CheckResult {
  readonly name: string;
  readonly description: string;
  readonly outcome: 'pass' | 'fail' | 'skip';
  /** Why it failed or was skipped. */
  readonly message?: string;
  /**
   * For a check skipped because a check it depends on failed: that check (the root cause), and
   * what this check saw, which is most likely the same fault.
   */
  readonly blockedBy?: string;
  readonly blockedFailure?: string;
  /** The request and response that showed the failure. */
  readonly exchange?: Exchange;
  /** The request that got no answer, for a network failure. */
  readonly unansweredRequest?: SentRequest;
  readonly durationMs: number;
}

/**
 * A group of checks that run one after the other, usually on one session. Groups run
 * concurrently with each other (one after the other with --cookie, which has one session).
 */
export interface CheckGroup {
  readonly name: string;
  /** Needs a signed-in session. */
  readonly needsSession: boolean;
  /** Waits for the session to expire (needs testable timeouts). */
  readonly waitsForExpiry: boolean;
  /** Ends the session it uses (logout or expiry). */
  readonly endsSession: boolean;
  /**
   * With one session only (--cookie), runs before the other groups that end it, so it gets that
   * session (they are skipped: it is gone): for the check that matters most, no revival.
   */
  readonly endsTheOnlySessionFirst?: boolean;
  /** Its checks, in order, so the report can list them when the group is skipped. */
  readonly checks: readonly CheckDeclaration[];
  run(context: SuiteContext, recorder: Recorder): Promise<void>;
}

/** A check as a group declares it. */
export interface CheckDeclaration {
  readonly name: string;
  readonly description: string;
  /**
   * Checks this one cannot be judged without: when one of them fails, a failure of this check is
   * reported as skipped because of it, so that one fault is one failure.
   */
  readonly dependsOn?: readonly string[];
}

/** Runs a group's checks and keeps their results. */
export class Recorder {
  readonly results: CheckResult[] = [];

  constructor(
    private readonly group: CheckGroup,
    private readonly judge: Judge = () => null,
  ) {}

  /** Runs check `name` of the group; returns whether it passed. */
  async check(name: string, body: () => Promise<void>): Promise<boolean> {
    const description = this.describe(name);
    const startMs = Date.now();
    try {
      await body();
      this.results.push({ name, description, outcome: 'pass', durationMs: Date.now() - startMs });
      return true;
    } catch (error) {
      this.results.push({
        ...toFailure(error, this.judge),
        name,
        description,
        durationMs: Date.now() - startMs,
      });
      return false;
    }
  }

  /** Records check `name` as skipped; `blockedBy` names the failed check that is the cause. */
  skip(name: string, reason: string, blockedBy?: string): void {
    this.results.push({
      name,
      description: this.describe(name),
      outcome: 'skip',
      message: reason,
      ...(blockedBy === undefined ? {} : { blockedBy }),
      durationMs: 0,
    });
  }

  /** Skips every check of the group that has not run yet. */
  skipRest(reason: string, blockedBy?: string): void {
    const done = new Set(this.results.map((result) => result.name));
    for (const { name } of this.group.checks) {
      if (!done.has(name)) this.skip(name, reason, blockedBy);
    }
  }

  /** Gives every check of the group that has not run yet the same outcome. */
  finishRest(outcome: Omit<CheckResult, 'name' | 'description' | 'durationMs'>): void {
    const done = new Set(this.results.map((result) => result.name));
    for (const { name, description } of this.group.checks) {
      if (!done.has(name)) this.results.push({ ...outcome, name, description, durationMs: 0 });
    }
  }

  private describe(name: string): string {
    const known = this.group.checks.find((check) => check.name === name);
    if (!known) throw new Error(`check ${name} is not declared in group ${this.group.name}`);
    return known.description;
  }
}

/** Why an answer cannot be held against the server (see SuiteContext.unjudgeable), or null. */
type Judge = (exchange: Exchange) => string | null;

function toFailure(
  error: unknown,
  judge: Judge,
): Omit<CheckResult, 'name' | 'description' | 'durationMs'> {
  if (error instanceof CheckSkipped) return { outcome: 'skip', message: error.message };
  const notJudged = error instanceof CheckFailure && error.exchange ? judge(error.exchange) : null;
  if (notJudged !== null) return { outcome: 'skip', message: notJudged };
  if (error instanceof CheckFailure) {
    return {
      outcome: 'fail',
      message: error.message,
      ...(error.exchange ? { exchange: error.exchange } : {}),
    };
  }
  if (error instanceof NetworkError) {
    return {
      outcome: 'fail',
      message: `no answer: ${error.message}`,
      unansweredRequest: error.request,
    };
  }
  return {
    outcome: 'fail',
    message: `the suite itself failed: ${(error as Error).stack ?? error}`,
  };
}

/**
 * Turns the failures of checks whose prerequisite failed (directly or through another check)
 * into skips naming that prerequisite: one root cause, one failure.
 */
export function attributeRootCauses(
  results: readonly CheckResult[],
  declarations: readonly CheckDeclaration[],
): CheckResult[] {
  const dependsOn = new Map(declarations.map((check) => [check.name, check.dependsOn ?? []]));
  const failed = new Set(
    results.filter((result) => result.outcome === 'fail').map((result) => result.name),
  );
  const rootOf = (name: string, seen = new Set<string>()): string | null => {
    for (const prerequisite of dependsOn.get(name) ?? []) {
      if (seen.has(prerequisite)) continue;
      seen.add(prerequisite);
      const deeper = rootOf(prerequisite, seen);
      if (deeper !== null) return deeper;
      if (failed.has(prerequisite)) return prerequisite;
    }
    return null;
  };
  return results.map((result) => {
    if (result.outcome !== 'fail') return result;
    const root = rootOf(result.name);
    if (root === null) return result;
    const { exchange: _exchange, unansweredRequest: _request, ...rest } = result;
    return {
      ...rest,
      outcome: 'skip',
      message: `skipped because ${root} failed`,
      blockedBy: root,
      ...(result.message === undefined ? {} : { blockedFailure: result.message }),
    };
  });
}

/** Runs one group, skipping it when what it needs is missing. */
export async function runGroup(group: CheckGroup, context: SuiteContext): Promise<CheckResult[]> {
  const recorder = new Recorder(group, (exchange) => context.unjudgeable(exchange));
  const oneSession = context.options.signIn.kind === 'cookie';
  if (group.needsSession && context.timeouts === null) {
    recorder.skipRest('skipped because sign-in failed', 'sign-in');
  } else if (
    (group.waitsForExpiry || (group.needsSession && oneSession)) &&
    !timeoutsTestable(context)
  ) {
    recorder.skipRest('skipped because timeouts-testable failed', 'timeouts-testable');
  } else {
    try {
      await group.run(context, recorder);
      recorder.skipRest('not reached');
    } catch (error) {
      // Outside a check (e.g. the group's sign-in): the checks not yet run share the outcome.
      recorder.finishRest(toFailure(error, (exchange) => context.unjudgeable(exchange)));
    }
  }
  if (group.endsSession && oneSession) context.cookieSessionEndedBy ??= group.name;
  // In the declared order, whatever order concurrent checks finished in.
  const order = group.checks.map((check) => check.name);
  return [...recorder.results].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
}

export function timeoutsTestable(context: SuiteContext): boolean {
  const timeouts = context.timeouts;
  return timeouts !== null && testabilityProblem(context) === null;
}

/** Why the server's timeouts are too long or too short for the suite, or null. */
export function testabilityProblem(context: SuiteContext): string | null {
  const timeouts = context.timeouts;
  if (timeouts === null) return 'unknown timeouts';
  const { expireAfterSeconds, absoluteRemainingSeconds } = timeouts;
  const max = context.options.maxWaitSeconds;
  if (expireAfterSeconds > max) {
    return `expireAfterSeconds is ${expireAfterSeconds}: configure the server with a short idle timeout (2 to ${max} s, e.g. warn 2 s, expire 4 s) or raise --max-wait-seconds`;
  }
  if (expireAfterSeconds < MIN_EXPIRE_SECONDS) {
    return `expireAfterSeconds is ${expireAfterSeconds}: at least ${MIN_EXPIRE_SECONDS} s is needed to measure it`;
  }
  if (absoluteRemainingSeconds !== null && absoluteRemainingSeconds < expireAfterSeconds + 1) {
    return `the absolute lifetime (${absoluteRemainingSeconds} s left) must be at least 1 s longer than expireAfterSeconds (${expireAfterSeconds} s), so that idle expiry can be seen`;
  }
  const runSeconds = oneSessionRunSeconds(expireAfterSeconds);
  if (
    context.options.signIn.kind === 'cookie' &&
    absoluteRemainingSeconds !== null &&
    absoluteRemainingSeconds < runSeconds
  ) {
    return `cannot judge this server with --cookie: the session has ${absoluteRemainingSeconds} s of absolute lifetime left, and the checks on one session take about ${runSeconds} s, so later checks would see it end and blame the server. Sign in with --login-url (a fresh session per check), or give the cookie of a server configured without an absolute lifetime or with one of at least ${runSeconds} s`;
  }
  return null;
}

/** About how long the checks take on the one session of --cookie, one after the other. */
export function oneSessionRunSeconds(expireAfterSeconds: number): number {
  return Math.ceil(3 * expireAfterSeconds + 15);
}
