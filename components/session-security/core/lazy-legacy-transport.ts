import type { createLegacyTransport } from './legacy-transport.js';
import { type Transport, TransportError } from './transport.js';

/** Loads the legacy transport's module (a chunk of its own in dist/). */
export type LegacyModuleLoader = () => Promise<{
  createLegacyTransport: typeof createLegacyTransport;
}>;

const loadLegacyModule: LegacyModuleLoader = () => import('./legacy-transport.js');

/**
 * createLegacyTransport() from a chunk of its own, loaded from here on: only pages that talk to
 * django-session-security download it. Calls made meanwhile wait for it. A failed load is a
 * network error for the call that needed it (so the session machine's backoff applies) and is
 * tried again by the next call, never kept for the life of the page.
 */
export function lazyLegacyTransport(
  pingUrl: string,
  warnAfterSeconds: number,
  expireAfterSeconds: number,
  loadModule: LegacyModuleLoader = loadLegacyModule,
): Transport {
  let loading: Promise<Transport> | null = null;
  const load = (): Promise<Transport> => {
    loading ??= loadModule().then(
      (module) => module.createLegacyTransport(pingUrl, warnAfterSeconds, expireAfterSeconds),
      (error: unknown) => {
        loading = null;
        throw new TransportError('network', `the legacy transport did not load: ${String(error)}`);
      },
    );
    return loading;
  };
  // Start downloading now; a failure here is reported by the first call instead.
  load().catch(() => {});
  return {
    explainsEnd: false,
    readStatus: () => load().then((transport) => transport.readStatus()),
    reportActivity: (idleSeconds) =>
      load().then((transport) => transport.reportActivity(idleSeconds)),
    logout: () => load().then((transport) => transport.logout()),
  };
}
