import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  CACHE_CONTROL_NO_STORE,
  type ExpiryReason,
  makeProblem,
  PROBLEM_MEDIA_TYPE,
  PROBLEMS,
  type ProblemName,
} from '../protocol/index.js';

const answered = new WeakSet<FastifyRequest>();

/**
 * True once a hook answered the request with a problem. Fastify stops the lifecycle only when the
 * response has ended; with an asynchronous onSend hook it may not have yet, so handlers check.
 */
export function wasAnswered(request: FastifyRequest): boolean {
  return answered.has(request);
}

/** Answers an RFC 9457 problem of protocol v1, never cached. */
export function sendProblem(
  reply: FastifyReply,
  name: ProblemName,
  detail?: string,
  reason?: ExpiryReason,
): FastifyReply {
  answered.add(reply.request);
  return reply
    .code(PROBLEMS[name].status)
    .header('cache-control', CACHE_CONTROL_NO_STORE)
    .type(PROBLEM_MEDIA_TYPE)
    .send(makeProblem(name, detail, reason));
}

/** Client-facing detail of a 503: the log has the cause, the client only what to do. */
export const SESSION_CHECK_FAILED_DETAIL =
  'the session could not be checked right now; try again later';
