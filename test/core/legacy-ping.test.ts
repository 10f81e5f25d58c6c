import { expect } from '@open-wc/testing';
import { idleForSeconds } from '../../components/session-security/core/legacy-ping.js';
import { MAX_IDLE_SECONDS } from '../../protocol/index.js';
import { describe, it } from '../support/mocha.js';

describe('idleForSeconds (legacy ping)', () => {
  it('sends 0 for activity reported within 100 ms, as an action during the warning is', () => {
    expect([0, 0.001, 0.005, 0.1].map(idleForSeconds)).to.deep.equal([0, 0, 0, 0]);
  });

  it('rounds anything older up, so the server never hears of more recent activity', () => {
    expect([0.15, 0.5, 1, 3.5, 4.2].map(idleForSeconds)).to.deep.equal([1, 1, 1, 4, 5]);
  });

  it('never sends a negative or an out-of-range value', () => {
    expect(idleForSeconds(-3)).to.equal(0);
    expect(idleForSeconds(1e12)).to.equal(MAX_IDLE_SECONDS);
  });
});
