import {
  type ActiveStatus,
  CACHE_CONTROL_NO_STORE,
  type ExpiredStatus,
  type ExpiryReason,
  JSON_MEDIA_TYPE,
  PROBLEM_MEDIA_TYPE,
  PROBLEM_TYPE_BASE,
  PROBLEMS,
  type Problem,
  type ProblemName,
  parseJson,
  parseProblem,
  parseStatus,
  problemType,
  type SessionStatus,
} from '../protocol/index.js';
import { parseSetCookie } from './cookie-jar.js';
import type { Exchange } from './http-client.js';

/** A check found the server not conforming; `exchange` is the request/response that showed it. */
export class CheckFailure extends Error {
  constructor(
    message: string,
    readonly exchange?: Exchange,
  ) {
    super(message);
  }
}

/** A check cannot run against this server as configured (e.g. no absolute lifetime). */
export class CheckSkipped extends Error {}

export function fail(message: string, exchange?: Exchange): never {
  throw new CheckFailure(message, exchange);
}

export function expectStatusCode(exchange: Exchange, status: number, why = ''): void {
  if (exchange.response.status !== status) {
    fail(
      `expected HTTP ${status}${why ? ` (${why})` : ''}, got ${describeAnswer(exchange)}`,
      exchange,
    );
  }
}

/**
 * The status code of an answer, with its problem type and detail when it is a problem: the
 * cause of a refusal belongs in the failure's first line, not only in the printed body.
 */
export function describeAnswer(exchange: Exchange): string {
  const { status, body } = exchange.response;
  if (mediaType(exchange) !== PROBLEM_MEDIA_TYPE) return String(status);
  const json = parseJson(body);
  const problem = json.ok ? parseProblem(json.value) : null;
  if (!problem?.ok) return String(status);
  const type = problem.value.type.startsWith(PROBLEM_TYPE_BASE)
    ? problem.value.type.slice(PROBLEM_TYPE_BASE.length)
    : problem.value.type;
  const detail = problem.value.detail === undefined ? '' : `: ${problem.value.detail}`;
  return `${status} ${type}${detail}`;
}

/** The media type of the response without parameters, in lower case. */
export function mediaType(exchange: Exchange): string {
  return (
    (exchange.response.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  );
}

export function expectNoSetCookie(exchange: Exchange, why: string): void {
  if (exchange.response.setCookies.length > 0) {
    fail(
      `expected no Set-Cookie (${why}), got ${exchange.response.setCookies.join(' | ')}`,
      exchange,
    );
  }
}

/**
 * No cookie is set: only `Set-Cookie` lines that clear a cookie are allowed, as on any answer
 * that ended the session (SPEC Section 8.8).
 */
export function expectNoCookieSet(exchange: Exchange, why: string): void {
  const setting = exchange.response.setCookies.filter((line) => !parseSetCookie(line)?.cleared);
  if (setting.length > 0) {
    fail(`expected no cookie to be set (${why}), got Set-Cookie ${setting.join(' | ')}`, exchange);
  }
}

export function hasNoStore(exchange: Exchange): boolean {
  const directives = (exchange.response.headers['cache-control'] ?? '')
    .split(',')
    .map((directive) => directive.trim().toLowerCase());
  return directives.includes(CACHE_CONTROL_NO_STORE);
}

export function expectNoStore(exchange: Exchange): void {
  if (!hasNoStore(exchange)) {
    const got = exchange.response.headers['cache-control'];
    fail(`expected Cache-Control: no-store, got ${got === undefined ? 'none' : got}`, exchange);
  }
}

/** Parses a 200 application/json status answer, failing on anything else. */
export function expectStatus(exchange: Exchange): SessionStatus {
  expectStatusCode(exchange, 200, 'a status answer');
  if (mediaType(exchange) !== JSON_MEDIA_TYPE) {
    fail(
      `expected Content-Type ${JSON_MEDIA_TYPE}, got ${mediaType(exchange) || 'none'}`,
      exchange,
    );
  }
  const json = parseJson(exchange.response.body);
  if (!json.ok) fail(`the status answer is not JSON: ${json.error}`, exchange);
  const status = parseStatus(json.value);
  if (!status.ok) fail(`the status answer is not a valid SessionStatus: ${status.error}`, exchange);
  return status.value;
}

export function expectActive(exchange: Exchange, why: string): ActiveStatus {
  const status = expectStatus(exchange);
  if (status.state !== 'active') {
    fail(`expected an active session (${why}), got expired with reason ${status.reason}`, exchange);
  }
  return status;
}

export function expectExpired(
  exchange: Exchange,
  reasons: readonly ExpiryReason[],
  why: string,
): ExpiredStatus {
  const status = expectStatus(exchange);
  if (status.state !== 'expired') {
    fail(
      `expected state expired (${why}), got active (idleSeconds ${status.idleSeconds})`,
      exchange,
    );
  }
  if (!reasons.includes(status.reason)) {
    fail(`expected reason ${reasons.join(' or ')} (${why}), got ${status.reason}`, exchange);
  }
  return status;
}

/** Checks an RFC 9457 problem answer of protocol problem `name`. */
export function expectProblem(exchange: Exchange, name: ProblemName): Problem {
  const { status } = PROBLEMS[name];
  const type = problemType(name);
  const got = exchange.response.status;
  if (got !== status) {
    fail(`expected HTTP ${status} problem ${name}, got ${describeAnswer(exchange)}`, exchange);
  }
  if (mediaType(exchange) !== PROBLEM_MEDIA_TYPE) {
    fail(
      `expected Content-Type ${PROBLEM_MEDIA_TYPE}, got ${mediaType(exchange) || 'none'}`,
      exchange,
    );
  }
  const json = parseJson(exchange.response.body);
  if (!json.ok) fail(`the problem body is not JSON: ${json.error}`, exchange);
  const problem = parseProblem(json.value);
  if (!problem.ok) fail(`the body is not a valid problem: ${problem.error}`, exchange);
  if (problem.value.type !== type)
    fail(`expected problem type ${type}, got ${problem.value.type}`, exchange);
  if (problem.value.status !== status) {
    fail(`the problem's status member is ${problem.value.status}, not ${status}`, exchange);
  }
  return problem.value;
}

/** `value` seconds within `toleranceSeconds` of `expected`, else a failure. */
export function expectNear(
  value: number,
  expected: number,
  toleranceSeconds: number,
  what: string,
  exchange: Exchange,
): void {
  if (Math.abs(value - expected) > toleranceSeconds) {
    fail(`${what}: expected about ${round(expected)} s, got ${round(value)} s`, exchange);
  }
}

export function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
