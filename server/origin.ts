import type { FastifyRequest } from 'fastify';

/**
 * The origin browsers send in `Origin` for this request's own pages: scheme://host[:port], host
 * lower-cased and default port dropped, as the URL standard serializes it. Null when the Host
 * header is not a valid host (then no `Origin` value can match).
 */
export function requestOrigin(request: FastifyRequest): string | null {
  try {
    const url = new URL(`${request.protocol}://${request.host}`);
    return url.host === '' ? null : url.origin;
  } catch {
    return null;
  }
}
