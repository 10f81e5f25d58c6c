import type { FastifyRequest } from 'fastify';

/**
 * Whether a state-changing form post comes from one of the demo's own pages. Browsers send
 * Sec-Fetch-Site on every request (trusted: scripts cannot set it); older ones send Origin on
 * POST. A request with neither header is not a browser-driven cross-site request.
 */
export function isSameOriginRequest(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  const origin = request.headers.origin;
  if (origin !== undefined) return origin === `${request.protocol}://${request.host}`;
  return true;
}
