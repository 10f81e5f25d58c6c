import { attributeRootCauses, type CheckGroup, type CheckResult, runGroup } from './check-group.js';
import { ordinaryRequestChecks, passiveStatusChecks, reportChecks } from './checks/activity.js';
import { anonymousChecks } from './checks/anonymous.js';
import { everyResponseChecks } from './checks/every-response.js';
import { expiryChecks } from './checks/expiry.js';
import { logoutChecks } from './checks/logout.js';
import { methodChecks } from './checks/methods.js';
import { parsingChecks } from './checks/parsing.js';
import { rejectionChecks } from './checks/rejections.js';
import { setupChecks } from './checks/setup.js';
import { DEFAULT_VECTORS_DIR, vectorChecks } from './checks/vectors.js';
import { type ServerTimeouts, SuiteContext } from './context.js';
import { HttpClient } from './http-client.js';
import type { SuiteOptions } from './options.js';
import { collectSecrets, redactResult } from './redact.js';

/** What a run of the suite found. */
export interface SuiteReport {
  readonly baseUrl: string;
  readonly resourcePath: string;
  readonly startedAt: string;
  readonly durationMs: number;
  /** The timeouts a fresh session announced, or null when sign-in failed. */
  readonly timeouts: ServerTimeouts | null;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly results: readonly CheckResult[];
  /** How many HTTP requests the suite sent. */
  readonly requests: number;
  /** Whether cookie values and the password were replaced by `<redacted>` in the results. */
  readonly secretsRedacted: boolean;
}

/**
 * Runs every check against the server in `options`. With a login form, the groups run
 * concurrently, each on sessions of its own, so the run takes about as long as the longest wait
 * (the idle or absolute timeout plus a little); with `--cookie` they run one after the other.
 */
export async function runSuite(options: SuiteOptions): Promise<SuiteReport> {
  const startedAtMs = Date.now();
  const client = new HttpClient(options.baseUrl);
  try {
    return await runAll(client, options, startedAtMs);
  } finally {
    client.close();
  }
}

async function runAll(
  client: HttpClient,
  options: SuiteOptions,
  startedAtMs: number,
): Promise<SuiteReport> {
  const context = new SuiteContext(client, options);
  const results: CheckResult[] = [...(await runGroup(setupChecks, context))];
  const groups: CheckGroup[] = [
    anonymousChecks,
    methodChecks,
    passiveStatusChecks,
    reportChecks,
    parsingChecks,
    ordinaryRequestChecks,
    rejectionChecks,
    logoutChecks,
    ...expiryChecks,
    await vectorChecks(options.vectorsDir ?? DEFAULT_VECTORS_DIR),
  ];
  if (options.signIn.kind === 'cookie') {
    // One session only: everything that keeps it first, then the checks that end it.
    const ordered = [
      ...groups.filter((group) => !group.endsSession),
      ...groups.filter((group) => group.endsSession && group.endsTheOnlySessionFirst),
      ...groups.filter((group) => group.endsSession && !group.endsTheOnlySessionFirst),
    ];
    const byGroup = new Map<CheckGroup, CheckResult[]>();
    for (const group of ordered) byGroup.set(group, await runGroup(group, context));
    for (const group of groups) results.push(...(byGroup.get(group) ?? []));
  } else {
    const all = await Promise.all(groups.map((group) => runGroup(group, context)));
    results.push(...all.flat());
  }
  results.push(...(await runGroup(everyResponseChecks, context)));
  const declarations = [setupChecks, ...groups, everyResponseChecks].flatMap(
    (group) => group.checks,
  );
  const attributed = attributeRootCauses(results, declarations);
  const secrets = options.showSecrets
    ? []
    : collectSecrets(
        client.exchanges,
        options.signIn.kind === 'login-form' ? options.signIn.password : options.signIn.value,
      );
  const final = attributed.map((result) => redactResult(result, secrets));
  const count = (outcome: CheckResult['outcome']) =>
    final.filter((result) => result.outcome === outcome).length;
  return {
    baseUrl: options.baseUrl.href,
    resourcePath: options.resourcePath,
    startedAt: new Date(startedAtMs).toISOString(),
    durationMs: Date.now() - startedAtMs,
    timeouts: context.timeouts,
    passed: count('pass'),
    failed: count('fail'),
    skipped: count('skip'),
    results: final,
    secretsRedacted: !options.showSecrets,
    requests: client.exchanges.length,
  };
}
