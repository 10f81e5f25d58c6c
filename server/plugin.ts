import type {} from '@fastify/cookie';
import type {} from '@fastify/session';
import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { createRequestHook, createSignInHook } from './enforcement-hook.js';
import { type ResolvedOptions, resolveOptions, type SessionSecurityOptions } from './options.js';
import type { SessionSecurityRequestState } from './request-state.js';
import { createResourcePlugin } from './resource.js';
import { SessionGuard } from './session-guard.js';
import { failClosedOnSessionStoreErrors } from './session-store-error-handler.js';

/** Below this warning lead (seconds between warning and expiry), WCAG 2.2.1 is not met. */
const MIN_ACCESSIBLE_WARNING_LEAD_SECONDS = 20;

function warnAboutShortLead(fastify: FastifyInstance, options: ResolvedOptions): void {
  const { warnAfterSeconds, expireAfterSeconds } = options.timeouts;
  const leadSeconds = expireAfterSeconds - warnAfterSeconds;
  if (leadSeconds < MIN_ACCESSIBLE_WARNING_LEAD_SECONDS) {
    fastify.log.warn(
      `session-security: the warning comes ${leadSeconds} s before expiry; WCAG 2.2.1 needs at least ${MIN_ACCESSIBLE_WARNING_LEAD_SECONDS} s (fine for tests and demos, not for users)`,
    );
  }
}

async function sessionSecurityPlugin(fastify: FastifyInstance, rawOptions: SessionSecurityOptions) {
  const options = resolveOptions(rawOptions);
  warnAboutShortLead(fastify, options);
  const guard = new SessionGuard(options);
  // Set by the hooks on every request; null only before they ran.
  fastify.decorateRequest('sessionSecurity', null as unknown as SessionSecurityRequestState);
  fastify.addHook('onRequest', createRequestHook(options, guard));
  fastify.addHook('onSend', createSignInHook(guard));
  fastify.addHook('onRoute', failClosedOnSessionStoreErrors);
  await fastify.register(createResourcePlugin(options, guard));
}

/**
 * The session-security Fastify plugin: server-side idle and absolute timeouts over
 * @fastify/session, and the protocol v1 resource. Register it after @fastify/cookie and
 * @fastify/session.
 */
export const sessionSecurity = fastifyPlugin(sessionSecurityPlugin, {
  fastify: '5.x',
  name: 'session-security',
  dependencies: ['@fastify/cookie', '@fastify/session'],
});
