import { METHODS } from 'node:http';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
  RouteShorthandOptions,
} from 'fastify';
import {
  ALLOW_HEADER_VALUE,
  ALLOWED_METHODS,
  activeStatus,
  CACHE_CONTROL_NO_STORE,
  checkActivityReportBytes,
  checkStateChangingHeaders,
  expiredStatus,
  isJsonContentType,
  JSON_MEDIA_TYPE,
  lastActivityAfterReport,
  MAX_BODY_BYTES,
  type SessionStatus,
} from '../protocol/index.js';
import {
  clearSessionCookie,
  type SessionHandle,
  sessionOf,
  suppressSessionSave,
} from './fastify-session.js';
import type { ResolvedOptions } from './options.js';
import { requestOrigin } from './origin.js';
import { pluginStateOf, startRequestState } from './plugin-request-state.js';
import { SESSION_CHECK_FAILED_DETAIL, sendProblem, wasAnswered } from './problem-reply.js';
import { RESOURCE_ROUTE } from './resource-route.js';
import { SessionCheckError } from './session-check-error.js';
import { ACTIVITY_WRITE_GRANULARITY_MS, type SessionEvaluation } from './session-evaluation.js';
import type { SessionGuard } from './session-guard.js';

function sendStatus(reply: FastifyReply, status: SessionStatus) {
  return reply
    .code(200)
    .header('cache-control', CACHE_CONTROL_NO_STORE)
    .type(JSON_MEDIA_TYPE)
    .send(status);
}

function remember(request: FastifyRequest, evaluation: SessionEvaluation, status: SessionStatus) {
  pluginStateOf(request)?.settleAnswer(
    request.method === 'GET' || request.method === 'HEAD',
    evaluation.state === 'ended' ? evaluation.reason : null,
    evaluation.state === 'anonymous' ? null : evaluation.timeouts,
    status,
  );
}

function statusOf(evaluation: SessionEvaluation): SessionStatus {
  if (evaluation.state === 'anonymous') return expiredStatus('no-session');
  if (evaluation.state === 'ended') return expiredStatus(evaluation.reason);
  return activeStatus(evaluation.record, evaluation.timeouts, evaluation.nowMs);
}

/**
 * First hook of every resource request but GET and HEAD: never saves the session (whatever
 * @fastify/session's saveUninitialized/rolling say), then method and CSRF checks before the
 * session is touched. Every answer sets `cache-control: no-store` itself (sendStatus,
 * sendProblem, the error handler). A callback hook: no promise.
 */
function guardResourceRequest(
  options: ResolvedOptions,
  guard: SessionGuard,
  request: FastifyRequest,
  reply: FastifyReply,
  done: HookHandlerDoneFunction,
): void {
  suppressSessionSave(request);
  startRequestState(guard, request, { resource: true, passive: true });
  const method = request.method;
  if (!ALLOWED_METHODS.includes(method)) {
    reply.header('allow', ALLOW_HEADER_VALUE);
    sendProblem(reply, 'method-not-allowed', `${method} is not allowed; use ${ALLOW_HEADER_VALUE}`);
    return;
  }
  const origin = options.origin ?? requestOrigin(request) ?? '';
  const check = checkStateChangingHeaders(request.headers, origin);
  if (!check.ok) {
    sendProblem(reply, check.problem, check.detail);
    return;
  }
  if (method === 'POST' && !reportHeadersAccepted(request, reply)) return;
  done();
}

/** Media type and declared size of an activity report, before its body is read; false: answered. */
function reportHeadersAccepted(request: FastifyRequest, reply: FastifyReply): boolean {
  const contentType = request.headers['content-type'];
  if (!isJsonContentType(contentType)) {
    sendProblem(
      reply,
      'unsupported-media-type',
      `Content-Type must be ${JSON_MEDIA_TYPE}, got ${contentType === undefined ? 'none' : `"${contentType}"`}`,
    );
    return false;
  }
  const declaredBytes = Number(request.headers['content-length']);
  if (declaredBytes > MAX_BODY_BYTES) {
    sendProblem(
      reply,
      'payload-too-large',
      `the body is ${declaredBytes} bytes; at most ${MAX_BODY_BYTES} are accepted`,
    );
    return false;
  }
  return true;
}

/** Answers the status of an evaluation and keeps it in `request.sessionSecurity`. */
function answerStatus(request: FastifyRequest, reply: FastifyReply, evaluation: SessionEvaluation) {
  const status = statusOf(evaluation);
  remember(request, evaluation, status);
  return sendStatus(reply, status);
}

/**
 * GET and HEAD. These routes have no onRequest hook: there is nothing to refuse before the
 * session is read, and the status read is the resource's most frequent request. An active
 * session of the memory store is answered without a promise; anything else (and a check that
 * throws, which Fastify hands to the resource's error handler) goes the asynchronous way.
 */
function readStatus(guard: SessionGuard, request: FastifyRequest, reply: FastifyReply) {
  suppressSessionSave(request);
  startRequestState(guard, request, { resource: true, passive: true });
  const session = guard.signedInSession(request);
  const active = session === null ? null : guard.activeNow(request, session, false);
  if (active !== null) {
    answerStatus(request, reply, active);
    return undefined;
  }
  return guard
    .evaluate(request, false)
    .then((evaluation) => answerStatus(request, reply, evaluation));
}

async function reportActivity(guard: SessionGuard, request: FastifyRequest, reply: FastifyReply) {
  if (wasAnswered(request)) return reply;
  const body = request.body instanceof Uint8Array ? request.body : new Uint8Array(0);
  const report = checkActivityReportBytes(request.headers['content-type'], body);
  if (!report.ok) return sendProblem(reply, report.problem, report.detail);
  const evaluation = await guard.evaluate(request, false);
  if (evaluation.state !== 'active') return answerStatus(request, reply, evaluation);
  // The answer applies the report exactly (the max rule); the store is written only when the
  // last activity moves by a second or more, like ordinary requests: a client that reports in
  // a loop costs at most one store write per second (protocol v1, Section 8.4).
  const lastActivityMs = lastActivityAfterReport(
    evaluation.record,
    report.value.idleSeconds,
    evaluation.nowMs,
  );
  const record = await guard.recordActivity(
    evaluation,
    lastActivityMs,
    ACTIVITY_WRITE_GRANULARITY_MS,
  );
  const status =
    record.endedReason === undefined
      ? activeStatus(
          {
            startedAtMs: record.startedAtMs,
            lastActivityMs: Math.max(record.lastActivityMs, lastActivityMs),
          },
          evaluation.timeouts,
          evaluation.nowMs,
        )
      : expiredStatus(record.endedReason);
  remember(request, evaluation, status);
  return sendStatus(reply, status);
}

async function logout(guard: SessionGuard, request: FastifyRequest, reply: FastifyReply) {
  if (wasAnswered(request)) return reply;
  const session: SessionHandle | null = sessionOf(request);
  const evaluation = await guard.evaluate(request, false);
  if (evaluation.state === 'active') await guard.ending.logout(request, evaluation);
  const status = evaluation.state === 'active' ? expiredStatus('logout') : statusOf(evaluation);
  if (session && evaluation.state !== 'anonymous') clearSessionCookie(request, reply, session);
  if (evaluation.state === 'active') guard.ending.sendClearSiteData(reply);
  remember(request, evaluation, status);
  return sendStatus(reply, status);
}

function resourceErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  suppressSessionSave(request);
  reply.header('cache-control', CACHE_CONTROL_NO_STORE);
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return sendProblem(reply, 'payload-too-large', `at most ${MAX_BODY_BYTES} bytes are accepted`);
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return sendProblem(reply, 'unsupported-media-type', error.message);
  }
  const statusCode = error.statusCode ?? 500;
  if (statusCode >= 400 && statusCode < 500) {
    return sendProblem(reply, 'invalid-request', error.message);
  }
  // Anything else (the session or activity store failed, a hook misbehaved): fail closed.
  request.log.error(
    { err: error },
    `session-security: ${error instanceof SessionCheckError ? error.message : 'the session could not be checked'}`,
  );
  return sendProblem(reply, 'store-unavailable', SESSION_CHECK_FAILED_DETAIL);
}

/** The resource's handlers, bound to the plugin's options and guard. */
interface ResourceHandlers {
  guard(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void;
  readStatus(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> | undefined;
  reportActivity(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply>;
  logout(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply>;
}

/** Registers the resource's routes at `url`, with its own error handler and body parser. */
function registerResource(child: FastifyInstance, url: string, handlers: ResourceHandlers): void {
  child.setErrorHandler(resourceErrorHandler);
  // The body of an activity report is read as bytes and judged by the protocol's own checks
  // (checkActivityReportBytes: strict UTF-8, then JSON), shared with the conformance suite. Fastify's JSON schema
  // validation does not fit: its default Ajv coerces types ("5" -> 5, true -> 1), which
  // protocol v1 refuses.
  child.removeAllContentTypeParsers();
  child.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
    done(null, body);
  });
  const config = { [RESOURCE_ROUTE]: true } as RouteShorthandOptions['config'];
  const base = { config, onRequest: handlers.guard };
  child.route({ config, method: 'GET', url, handler: handlers.readStatus });
  child.route({
    ...base,
    method: 'POST',
    url,
    bodyLimit: MAX_BODY_BYTES,
    handler: handlers.reportActivity,
  });
  child.route({ ...base, method: 'DELETE', url, handler: handlers.logout });
  // Fastify routes only the methods it was told about; every other method Node parses
  // (PROPFIND, SEARCH, LOCK...) would get the application's 404 instead of the 405 the
  // protocol requires. Teaching Fastify those methods changes nothing else: they had no routes.
  for (const method of METHODS) {
    if (!child.supportedMethods.includes(method) && method !== 'CONNECT') {
      child.addHttpMethod(method);
    }
  }
  const otherMethods = child.supportedMethods.filter((method) => !ALLOWED_METHODS.includes(method));
  child.route({
    ...base,
    method: otherMethods,
    url,
    handler: async function refuseMethod(_request: FastifyRequest, reply: FastifyReply) {
      // guardResourceRequest has already answered 405.
      return reply;
    },
  });
}

/**
 * The protocol v1 resource: GET/HEAD status read, POST activity report, DELETE logout, 405 for
 * anything else. Registered as an encapsulated child so that its error handler and body parser
 * apply to these routes only.
 */
export function createResourcePlugin(options: ResolvedOptions, guard: SessionGuard) {
  const handlers: ResourceHandlers = {
    guard: (request, reply, done) => guardResourceRequest(options, guard, request, reply, done),
    readStatus: (request, reply) => readStatus(guard, request, reply),
    reportActivity: (request, reply) => reportActivity(guard, request, reply),
    logout: (request, reply) => logout(guard, request, reply),
  };
  return async function sessionSecurityResource(child: FastifyInstance) {
    registerResource(child, options.resourcePath, handlers);
  };
}
