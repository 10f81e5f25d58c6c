import type { CheckResult } from './check-group.js';
import { describeExchange, type SentRequest } from './http-client.js';
import type { SuiteReport } from './run-suite.js';

/** One line per check (`PASS name`, `FAIL name: why`, `SKIP name: why`), failures with their exchange. */
export function formatResult(result: CheckResult): string[] {
  const label = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' }[result.outcome];
  const lines = [
    result.message === undefined
      ? `${label} ${result.name}`
      : `${label} ${result.name}: ${result.message}`,
  ];
  if (result.outcome !== 'fail') return lines;
  lines.push(`    (${result.description})`);
  if (result.exchange)
    lines.push(...describeExchange(result.exchange).map((line) => `    ${line}`));
  if (result.unansweredRequest) lines.push(...describeRequest(result.unansweredRequest));
  return lines;
}

/** Shortest run of skips with one reason that is printed as a single line. */
const SKIP_RUN_COLLAPSED = 4;

/**
 * Every result as text, one line per check; a long run of checks skipped for one reason (say,
 * sign-in failed) is one line naming the first and last of them.
 */
export function formatResults(results: readonly CheckResult[]): string[] {
  const lines: string[] = [];
  for (let index = 0; index < results.length; ) {
    const result = results[index] as CheckResult;
    let end = index + 1;
    while (
      result.outcome === 'skip' &&
      results[end]?.outcome === 'skip' &&
      results[end]?.message === result.message
    ) {
      end += 1;
    }
    if (end - index >= SKIP_RUN_COLLAPSED) {
      const last = results[end - 1] as CheckResult;
      lines.push(`SKIP ${end - index} checks, ${result.name} to ${last.name}: ${result.message}`);
    } else {
      for (const each of results.slice(index, end)) lines.push(...formatResult(each));
    }
    index = end;
  }
  return lines;
}

function describeRequest(request: SentRequest): string[] {
  return [
    `    request: ${request.method} ${request.url}`,
    ...Object.entries(request.headers).map(([name, value]) => `      ${name}: ${value}`),
  ];
}

/** A duration for people: `850 ms`, `7.8 s`, `2 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

export function formatSummary(report: SuiteReport): string {
  return `${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped in ${formatDuration(report.durationMs)} (${report.requests} requests)`;
}

/**
 * The failures as root causes: each failed check once, with how many checks were skipped
 * because of it; failures with the same message share a line.
 */
export function formatRootCauses(results: readonly CheckResult[]): string[] {
  const failed = results.filter((result) => result.outcome === 'fail');
  if (failed.length === 0) return [];
  const blocked = new Map<string, number>();
  for (const result of results) {
    if (result.blockedBy !== undefined) {
      blocked.set(result.blockedBy, (blocked.get(result.blockedBy) ?? 0) + 1);
    }
  }
  const byMessage = new Map<string, CheckResult[]>();
  for (const result of failed) {
    const key = result.message ?? '';
    byMessage.set(key, [...(byMessage.get(key) ?? []), result]);
  }
  const lines = [`Root causes (${byMessage.size}):`];
  for (const [message, group] of byMessage) {
    const names = group.map((result) => result.name);
    const skipped = group.reduce((sum, result) => sum + (blocked.get(result.name) ?? 0), 0);
    const because = skipped === 0 ? '' : ` (${skipped} dependent checks skipped because of it)`;
    lines.push(`  ${names.join(', ')}: ${message}${because}`);
  }
  return lines;
}

/** The report as JSON: every check with its outcome and, on failure, the exchange. */
export function toJson(report: SuiteReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
