import type { Transport } from './transport.js';

/**
 * createLegacyTransport() from a chunk of its own, loaded from here on: only pages that talk to
 * django-session-security download it. Calls made meanwhile wait for it.
 */
export function lazyLegacyTransport(
  pingUrl: string,
  warnAfterSeconds: number,
  expireAfterSeconds: number,
): Transport {
  const loaded = import('./legacy-transport.js').then((module) =>
    module.createLegacyTransport(pingUrl, warnAfterSeconds, expireAfterSeconds),
  );
  return {
    readStatus: () => loaded.then((transport) => transport.readStatus()),
    reportActivity: (idleSeconds) =>
      loaded.then((transport) => transport.reportActivity(idleSeconds)),
    logout: () => loaded.then((transport) => transport.logout()),
  };
}
