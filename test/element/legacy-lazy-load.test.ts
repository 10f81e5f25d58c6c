import { expect } from '@open-wc/testing';
import {
  type LegacyModuleLoader,
  lazyLegacyTransport,
} from '../../components/session-security/core/lazy-legacy-transport.js';
import type { createLegacyTransport } from '../../components/session-security/core/legacy-transport.js';
import { TransportError } from '../../components/session-security/core/transport.js';
import type { SessionStatus } from '../../protocol/index.js';
import { describe, it } from '../support/mocha.js';

const ACTIVE: SessionStatus = {
  version: 1,
  state: 'active',
  idleSeconds: 3,
  warnAfterSeconds: 5,
  expireAfterSeconds: 10,
};

/** A loader that fails `failures` times, then hands out a module whose transport answers ACTIVE. */
function flakyLoader(failures: number) {
  const calls = { loads: 0, pings: [] as number[] };
  const fakeCreate = (() => ({
    readStatus: async () => ACTIVE,
    reportActivity: async (idleSeconds: number) => {
      calls.pings.push(idleSeconds);
      return ACTIVE;
    },
    logout: async () => ACTIVE,
  })) as unknown as typeof createLegacyTransport;
  const loader: LegacyModuleLoader = async () => {
    calls.loads += 1;
    if (calls.loads <= failures) throw new Error('chunk fetch failed');
    return { createLegacyTransport: fakeCreate };
  };
  return { loader, calls };
}

describe('lazy legacy transport', () => {
  it('turns a failed chunk load into a network error and loads again on the next call', async () => {
    const { loader, calls } = flakyLoader(1);
    const transport = lazyLegacyTransport('/ping/', 5, 10, loader);
    const error = await transport.reportActivity(0).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(TransportError);
    expect((error as TransportError).kind).to.equal('network');
    expect(calls.pings).to.deep.equal([]);
    expect(await transport.reportActivity(2)).to.deep.equal(ACTIVE);
    expect(calls.pings).to.deep.equal([2]);
    expect(calls.loads).to.equal(2);
  });

  it('loads the chunk once when it loads', async () => {
    const { loader, calls } = flakyLoader(0);
    const transport = lazyLegacyTransport('/ping/', 5, 10, loader);
    await transport.readStatus();
    await transport.reportActivity(1);
    await transport.logout();
    expect(calls.loads).to.equal(1);
  });
});
