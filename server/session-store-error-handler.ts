import type { FastifyError, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { SESSION_CHECK_FAILED_DETAIL, sendProblem } from './problem-reply.js';

/**
 * True when `error` comes from @fastify/session's own onRequest hook, i.e. its store failed to
 * load the session: that hook sets `request.session` to a plain `{}` before asking the store and
 * replaces it with a Session only on success, and this plugin's hooks (which run right after it
 * and always set `request.sessionSecurity`) have not run yet.
 */
function isSessionStoreError(error: FastifyError, request: FastifyRequest): boolean {
  const session: unknown = request.session;
  return (
    request.sessionSecurity === null &&
    typeof session === 'object' &&
    session !== null &&
    Object.getPrototypeOf(session) === Object.prototype &&
    Object.keys(session).length === 0 &&
    (error.statusCode === undefined || error.statusCode >= 500)
  );
}

/**
 * onRoute hook: gives every route registered after the plugin an error handler that answers a
 * failing session store with 503 `store-unavailable` (fail closed, never a 500) and passes every
 * other error on, unchanged, to the route's own or the application's error handler.
 */
export function failClosedOnSessionStoreErrors(routeOptions: RouteOptions): void {
  const own = routeOptions.errorHandler;
  routeOptions.errorHandler = function sessionStoreErrorHandler(
    error: FastifyError,
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    if (isSessionStoreError(error, request)) {
      request.log.error({ err: error }, 'session-security: the session store failed');
      return sendProblem(reply, 'store-unavailable', SESSION_CHECK_FAILED_DETAIL);
    }
    if (own) return own.call(this, error, request, reply);
    // Rethrown, Fastify hands the error to the next error handler up: the application's.
    throw error;
  };
}
