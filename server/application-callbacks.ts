import type { FastifyRequest } from 'fastify';
import { type Timeouts, validateTimeouts } from '../protocol/index.js';
import type { ResolvedOptions } from './options.js';
import { describeError, SessionCheckError } from './session-check-error.js';

/**
 * The timeouts of this request: the options, or the `timeoutsFor` option's validated answer.
 * Rejects with {@link SessionCheckError} when the option throws or answers invalid timeouts.
 */
export async function timeoutsOf(
  options: ResolvedOptions,
  request: FastifyRequest,
): Promise<Timeouts> {
  const hook = options.timeoutsFor;
  if (!hook) return options.timeouts;
  let value: unknown;
  try {
    value = await hook(request);
  } catch (error) {
    throw new SessionCheckError(`the timeoutsFor option threw: ${describeError(error)}`);
  }
  const result = validateTimeouts(value);
  if (!result.ok) {
    throw new SessionCheckError(
      `the timeoutsFor option returned invalid timeouts: ${result.error}`,
    );
  }
  return result.value;
}

/**
 * The `isAuthenticated` option's answer for this request. Throws {@link SessionCheckError} when it
 * throws or answers anything but a boolean.
 */
export function isAuthenticatedBy(options: ResolvedOptions, request: FastifyRequest): boolean {
  let result: unknown;
  try {
    result = options.isAuthenticated(request);
  } catch (error) {
    throw new SessionCheckError(`the isAuthenticated option threw: ${describeError(error)}`);
  }
  // Anything but a boolean (a user object, a Promise) is a misconfiguration: treating it as
  // "anonymous" would silently switch the timeouts off, so the request fails closed instead.
  if (typeof result !== 'boolean') {
    throw new SessionCheckError(
      `the isAuthenticated option must return a boolean, got ${result === null ? 'null' : typeof result}`,
    );
  }
  return result;
}
