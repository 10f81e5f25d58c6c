import type { FastifyContextConfig } from 'fastify';

/** Route config key marking the protocol resource's own routes. */
export const RESOURCE_ROUTE = Symbol('session-security resource');

/** True for the route config of the protocol resource's routes. */
export function isResourceConfig(config: FastifyContextConfig | undefined): boolean {
  return (config as Record<symbol, unknown> | undefined)?.[RESOURCE_ROUTE] === true;
}
