import { MIN_EXPIRE_SECONDS, type SuiteContext } from './context.js';
import { CheckFailure, CheckSkipped } from './expect.js';
import { type Exchange, NetworkError, type SentRequest } from './http-client.js';

/** The outcome of one check. */
export interface CheckResult {
  readonly name: string;
  readonly description: string;
  readonly outcome: 'pass' | 'fail' | 'skip';
  /** Why it failed or was skipped. */
  readonly message?: string;
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
  /** Names of its checks, in order, so the report can list them when the group is skipped. */
  readonly checks: readonly { readonly name: string; readonly description: string }[];
  run(context: SuiteContext, recorder: Recorder): Promise<void>;
}

/** Runs a group's checks and keeps their results. */
export class Recorder {
  readonly results: CheckResult[] = [];

  constructor(private readonly group: CheckGroup) {}

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
        ...toFailure(error),
        name,
        description,
        durationMs: Date.now() - startMs,
      });
      return false;
    }
  }

  skip(name: string, reason: string): void {
    this.results.push({
      name,
      description: this.describe(name),
      outcome: 'skip',
      message: reason,
      durationMs: 0,
    });
  }

  /** Skips every check of the group that has not run yet. */
  skipRest(reason: string): void {
    const done = new Set(this.results.map((result) => result.name));
    for (const { name } of this.group.checks) if (!done.has(name)) this.skip(name, reason);
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

function toFailure(error: unknown): Omit<CheckResult, 'name' | 'description' | 'durationMs'> {
  if (error instanceof CheckSkipped) return { outcome: 'skip', message: error.message };
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

/** Runs one group, skipping it when what it needs is missing. */
export async function runGroup(group: CheckGroup, context: SuiteContext): Promise<CheckResult[]> {
  const recorder = new Recorder(group);
  if (group.needsSession && context.timeouts === null) {
    recorder.skipRest('no signed-in session: see the sign-in check');
  } else if (group.waitsForExpiry && !timeoutsTestable(context)) {
    recorder.skipRest('the timeouts cannot be tested: see the timeouts-testable check');
  } else {
    try {
      await group.run(context, recorder);
      recorder.skipRest('not reached');
    } catch (error) {
      // Outside a check (e.g. the group's sign-in): the checks not yet run share the outcome.
      recorder.finishRest(toFailure(error));
    }
  }
  if (group.endsSession && context.options.signIn.kind === 'cookie') {
    context.cookieSessionEnded = true;
  }
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
  return null;
}
