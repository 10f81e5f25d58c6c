import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { isApiRequest, isPassiveRequest, isUserActivityRequest } from '../protocol/index.js';
import { type SessionHandle, suppressSessionSave } from './fastify-session.js';
import type { ResolvedOptions } from './options.js';
import { matchesPassiveRoute } from './passive-routes.js';
import { PluginRequestState, pluginStateOf, startRequestState } from './plugin-request-state.js';
import { SESSION_CHECK_FAILED_DETAIL, sendProblem } from './problem-reply.js';
import { isResourceConfig } from './resource-route.js';
import { SessionCheckError } from './session-check-error.js';
import {
  ACTIVITY_WRITE_GRANULARITY_MS,
  type ActiveEvaluation,
  type SessionEvaluation,
} from './session-evaluation.js';
import type { SessionGuard } from './session-guard.js';

function requestPath(request: FastifyRequest): string {
  const url = request.raw.url ?? request.url;
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

/** What the hook's steps need: the plugin's options and its guard. */
interface HookContext {
  readonly options: ResolvedOptions;
  readonly guard: SessionGuard;
}

/** Passive by the application's say: the header, the route's config, a passive route. */
function isDeclaredPassive(
  passiveRoutes: ResolvedOptions['passiveRoutes'],
  request: FastifyRequest,
  config: FastifyRequest['routeOptions']['config'],
): boolean {
  return (
    isPassiveRequest(request.headers) ||
    config?.sessionSecurity?.passive === true ||
    (passiveRoutes.length > 0 && matchesPassiveRoute(passiveRoutes, requestPath(request)))
  );
}

/** A check that failed (store down, misbehaving option): 503, never treated as valid. */
function failClosed(
  request: FastifyRequest,
  reply: FastifyReply,
  done: HookHandlerDoneFunction,
  error: unknown,
): void {
  if (!(error instanceof SessionCheckError)) {
    done(error as Error);
    return;
  }
  request.log.error({ err: error }, `session-security: ${error.message}`);
  suppressSessionSave(request);
  sendProblem(reply, 'store-unavailable', SESSION_CHECK_FAILED_DETAIL);
}

/**
 * A request without a signed-in session. With the expiry action `reload`, the element's own
 * request ended the session and the page load that follows finds none: its cookie and the
 * tombstone still say why. Only such page loads pay a store read.
 */
function anonymous(
  { options, guard }: HookContext,
  request: FastifyRequest,
  reply: FastifyReply,
  done: HookHandlerDoneFunction,
  state: PluginRequestState,
): void {
  const staleSessionId =
    state.passive || isApiRequest(request.headers) ? null : guard.staleCookieSessionId(request);
  if (staleSessionId === null) {
    done();
    return;
  }
  guard.endedReasonOf(staleSessionId).then(
    (reason) => {
      if (reason !== null) {
        state.settleEnded(reason, options.timeoutsFor ? null : options.timeouts);
      }
      done();
    },
    (error: unknown) => failClosed(request, reply, done, error),
  );
}

function afterEvaluation(
  context: HookContext,
  request: FastifyRequest,
  reply: FastifyReply,
  done: HookHandlerDoneFunction,
  state: PluginRequestState,
  evaluation: SessionEvaluation,
): void {
  if (evaluation.state === 'anonymous') {
    anonymous(context, request, reply, done, state);
    return;
  }
  const guard = context.guard;
  if (evaluation.state === 'ended') {
    state.settleEnded(evaluation.reason, evaluation.timeouts);
    if (!isApiRequest(request.headers)) {
      done();
      return;
    }
    // RFC 9110 wants a challenge on every 401; protocol v1 defines this one.
    reply.header('www-authenticate', 'Session-Security');
    sendProblem(
      reply,
      'session-expired',
      'the session has ended; sign in again',
      evaluation.reason,
    );
    return;
  }
  const lastActivityMs = evaluation.nowMs;
  if (
    state.passive ||
    !guard.needsActivityWrite(evaluation, lastActivityMs, ACTIVITY_WRITE_GRANULARITY_MS)
  ) {
    settleActive(state, evaluation, evaluation.record);
    done();
    return;
  }
  guard.recordActivity(evaluation, lastActivityMs, ACTIVITY_WRITE_GRANULARITY_MS).then(
    (record) => {
      settleActive(state, evaluation, record);
      done();
    },
    (error: unknown) => failClosed(request, reply, done, error),
  );
}

/** {@link createRequestHook}'s hook for one request. */
function enforce(
  context: HookContext,
  request: FastifyRequest,
  reply: FastifyReply,
  done: HookHandlerDoneFunction,
): void {
  // request.routeOptions builds a new object on every read: read it once.
  const config = request.routeOptions.config;
  if (isResourceConfig(config)) {
    done();
    return;
  }
  const declaredPassive = isDeclaredPassive(context.options.passiveRoutes, request, config);
  // A request another site can make on its own (an <img>, a navigation without a click) is
  // no activity, but it may still be a page load that writes the session.
  const passive = declaredPassive || !isUserActivityRequest(request.headers);
  const state = startRequestState(context.guard, request, { resource: false, passive });
  if (declaredPassive) suppressSessionSave(request);
  const guard = context.guard;
  let session: SessionHandle | null;
  let active: ActiveEvaluation | null = null;
  try {
    session = guard.signedInSession(request);
    // Most requests end here: an active session read without a promise (the memory store).
    if (session !== null) active = guard.activeNow(request, session, !declaredPassive);
  } catch (error) {
    failClosed(request, reply, done, error);
    return;
  }
  if (session === null) {
    anonymous(context, request, reply, done, state);
  } else if (active !== null) {
    afterEvaluation(context, request, reply, done, state, active);
  } else {
    guard.evaluateSession(request, session, !declaredPassive).then(
      (evaluation) => afterEvaluation(context, request, reply, done, state, evaluation),
      (error: unknown) => failClosed(request, reply, done, error),
    );
  }
}

/**
 * The onRequest hook run for every application request (the protocol resource has its own):
 * expiry first, then activity. Registered after @fastify/session's, so the session is loaded.
 *
 * It is the plugin's only hook with work to do on a signed-in request, so it is written for
 * that path: a callback hook (no async function, no promise for anonymous requests), one
 * activity-store read, a write only when last activity moves by a second or more, and one
 * object per request (`request.sessionSecurity`, filled in as the check goes).
 */
export function createRequestHook(options: ResolvedOptions, guard: SessionGuard) {
  const context: HookContext = { options, guard };
  return function enforceSessionSecurity(
    request: FastifyRequest,
    reply: FastifyReply,
    done: HookHandlerDoneFunction,
  ): void {
    enforce(context, request, reply, done);
  };
}

function settleActive(
  state: PluginRequestState,
  evaluation: ActiveEvaluation,
  record: ActiveEvaluation['record'],
): void {
  state.settleActive(evaluation.sessionId, record, evaluation.timeouts, evaluation.nowMs);
}

/**
 * An onSend hook (it runs before the response leaves, after @fastify/session saved the session):
 * a session the application ended during the request gets its cookie cleared; a request that
 * signed a user in starts that session's activity record, so idle and absolute time count from
 * the sign-in. An existing record or tombstone is left as it is. A store failure is logged and
 * the response goes out; the next request then starts the record.
 */
export function createSignInHook(guard: SessionGuard) {
  function logFailure(request: FastifyRequest, error: unknown): void {
    request.log.error({ err: error }, 'session-security: could not start the session clocks');
  }

  // A callback hook: most responses have nothing to do here and must not pay for a promise.
  return function startClocksAtSignIn(
    request: FastifyRequest,
    reply: FastifyReply,
    payload: unknown,
    done: (error: null, payload: unknown) => void,
  ): void {
    const state = pluginStateOf(request);
    const ended = state && PluginRequestState.endedByApplicationOf(state);
    if (ended) guard.ending.finishEndedSession(request, reply, ended);
    if (state && PluginRequestState.isResource(state)) {
      done(null, payload);
      return;
    }
    let session: SessionHandle | null;
    try {
      session = guard.signedInDuring(
        request,
        state ? PluginRequestState.activeSessionIdOf(state) : null,
      );
    } catch (error) {
      logFailure(request, error);
      session = null;
    }
    if (session === null) {
      done(null, payload);
      return;
    }
    guard.startClocks(request, session).then(
      () => done(null, payload),
      (error: unknown) => {
        logFailure(request, error);
        done(null, payload);
      },
    );
  };
}
