import { PROBLEM_TYPE_BASE } from './constants.js';
import type { ExpiryReason, Problem, ProblemName } from './types.js';

/** HTTP status and title of each problem protocol v1 defines. */
export const PROBLEMS: Readonly<Record<ProblemName, { status: number; title: string }>> = {
  'invalid-request': { status: 400, title: 'The request body is not a valid protocol message' },
  'unsupported-media-type': { status: 415, title: 'The request body must be application/json' },
  'missing-version-header': {
    status: 403,
    title: 'The Session-Security-Version request header is required',
  },
  'unsupported-version': { status: 400, title: 'This protocol version is not supported' },
  'cross-site-request': { status: 403, title: 'Cross-site protocol requests are refused' },
  'method-not-allowed': { status: 405, title: 'Method not allowed on the protocol resource' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'session-expired': { status: 401, title: 'The session has expired' },
  'store-unavailable': { status: 503, title: 'The session store is unavailable' },
};

/** The type URI of a named problem. */
export function problemType(name: ProblemName): string {
  return PROBLEM_TYPE_BASE + name;
}

/** Builds the problem details object for `name`, with an optional detail and expiry reason. */
export function makeProblem(name: ProblemName, detail?: string, reason?: ExpiryReason): Problem {
  const { status, title } = PROBLEMS[name];
  return {
    type: problemType(name),
    title,
    status,
    ...(detail === undefined ? {} : { detail }),
    ...(reason === undefined ? {} : { reason }),
  };
}
