import type { FastifyRequest } from 'fastify';

/** Route config key marking the protocol resource's own routes. */
export const RESOURCE_ROUTE = Symbol('session-security resource');

/** True for requests the protocol resource's routes handle. */
export function isResourceRoute(request: FastifyRequest): boolean {
  const config = request.routeOptions.config as unknown as Record<symbol, unknown> | undefined;
  return config?.[RESOURCE_ROUTE] === true;
}
