import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  activeStatus,
  expiredStatus,
  isApiRequest,
  isPassiveRequest,
  isUserActivityRequest,
} from '../protocol/index.js';
import type { ResolvedOptions } from './options.js';
import { matchesPassiveRoute } from './passive-routes.js';
import { SESSION_CHECK_FAILED_DETAIL, sendProblem } from './problem-reply.js';
import { isResourceRoute } from './resource-route.js';
import { suppressSessionSave } from './session-access.js';
import {
  ACTIVITY_WRITE_GRANULARITY_MS,
  SessionCheckError,
  type SessionGuard,
} from './session-guard.js';

function requestPath(request: FastifyRequest): string {
  const url = request.raw.url ?? request.url;
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

/**
 * The onRequest hook run for every application request (the protocol resource has its own):
 * expiry first, then activity. Registered after @fastify/session's, so the session is loaded.
 */
export function createRequestHook(options: ResolvedOptions, guard: SessionGuard) {
  return async function enforceSessionSecurity(request: FastifyRequest, reply: FastifyReply) {
    if (isResourceRoute(request)) return;
    const declaredPassive =
      isPassiveRequest(request.headers) ||
      request.routeOptions.config?.sessionSecurity?.passive === true ||
      matchesPassiveRoute(options.passiveRoutes, requestPath(request));
    // A request another site can make on its own (an <img>, a navigation without a click) is
    // no activity, but it may still be a page load that writes the session.
    const passive = declaredPassive || !isUserActivityRequest(request.headers);
    const { endSession, regenerate } = guard.controlsFor(request);
    request.sessionSecurity = {
      endSession,
      regenerate,
      passive,
      expiredReason: null,
      timeouts: null,
      status: expiredStatus('no-session'),
    };
    if (declaredPassive) suppressSessionSave(request);
    try {
      const evaluation = await guard.evaluate(request, !declaredPassive);
      if (evaluation.state === 'anonymous') {
        // With the expiry action `reload`, the element's own request ended the session and the
        // page load that follows finds none: its cookie and the tombstone still say why.
        if (passive || isApiRequest(request.headers)) return;
        const reason = await guard.endedReasonOfCookie(request);
        if (reason === null) return;
        request.sessionSecurity = {
          endSession,
          regenerate,
          passive,
          expiredReason: reason,
          timeouts: options.timeoutsFor ? null : options.timeouts,
          status: expiredStatus(reason),
        };
        return;
      }
      if (evaluation.state === 'ended') {
        request.sessionSecurity = {
          endSession,
          regenerate,
          passive,
          expiredReason: evaluation.reason,
          timeouts: evaluation.timeouts,
          status: expiredStatus(evaluation.reason),
        };
        if (isApiRequest(request.headers)) {
          // RFC 9110 wants a challenge on every 401; protocol v1 defines this one.
          reply.header('www-authenticate', 'Session-Security');
          return sendProblem(
            reply,
            'session-expired',
            'the session has ended; sign in again',
            evaluation.reason,
          );
        }
        return;
      }
      const record = passive
        ? evaluation.record
        : await guard.recordActivity(evaluation, evaluation.nowMs, ACTIVITY_WRITE_GRANULARITY_MS);
      const { timeouts, nowMs } = evaluation;
      request.sessionSecurity = {
        endSession,
        regenerate,
        passive,
        expiredReason: null,
        timeouts,
        // Built only when the application reads it: most requests never do.
        get status() {
          return activeStatus(record, timeouts, nowMs);
        },
      };
    } catch (error) {
      if (!(error instanceof SessionCheckError)) throw error;
      request.log.error({ err: error }, `session-security: ${error.message}`);
      suppressSessionSave(request);
      return sendProblem(reply, 'store-unavailable', SESSION_CHECK_FAILED_DETAIL);
    }
  };
}

/**
 * An onSend hook (it runs before the response leaves, after @fastify/session saved the session):
 * a request that signed a user in starts that session's activity record, so idle and absolute
 * time count from the sign-in. An existing record or tombstone is left as it is. A store failure
 * is logged and the response goes out; the next request then starts the record.
 */
export function createSignInHook(guard: SessionGuard) {
  // A callback hook: most responses have nothing to do here and must not pay for a promise.
  return function startClocksAtSignIn(
    request: FastifyRequest,
    reply: FastifyReply,
    payload: unknown,
    done: (error: null, payload: unknown) => void,
  ): void {
    guard.finishEndedSession(request, reply);
    if (isResourceRoute(request) || !guard.mayHaveSignedIn(request)) {
      done(null, payload);
      return;
    }
    guard.startIfSignedIn(request).then(
      () => done(null, payload),
      (error: unknown) => {
        request.log.error({ err: error }, 'session-security: could not start the session clocks');
        done(null, payload);
      },
    );
  };
}
