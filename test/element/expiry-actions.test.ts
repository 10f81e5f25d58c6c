/**
 * What `<session-security>` does when the session ends: `expire-action`, `redirect-url`,
 * `hide-on-expire`.
 */
import { expect } from '@open-wc/testing';
import { FakeServer } from '../support/fake-server.js';
import { describe, it } from '../support/mocha.js';
import { flushMicrotasks } from '../support/ticks.js';
import { mount } from './support/element-fixture.js';
import { useFakeClock } from './support/fake-clock.js';

describe('<session-security>', () => {
  const fake = useFakeClock();
  const { at } = fake;

  describe('expiry actions', () => {
    it('reload (the default)', async () => {
      const { navigation } = await mount({ 'expire-action': 'reload' });
      await at(10_250);
      expect(navigation.reload.callCount).to.equal(1);
      expect(navigation.assign.callCount).to.equal(0);
    });

    it('redirect, with the reason in the URL', async () => {
      const { navigation } = await mount({
        'expire-action': 'redirect',
        'redirect-url': '/login?reason={reason}',
      });
      await at(10_250);
      expect(navigation.assign.args).to.deep.equal([[`${location.origin}/login?reason=idle`]]);
    });

    it('logout-redirect ends the session first', async () => {
      const server = new FakeServer(() => Date.now());
      const { navigation } = await mount(
        { 'expire-action': 'logout-redirect', 'redirect-url': 'https://sso.example/logout' },
        server,
      );
      await at(10_250);
      await flushMicrotasks();
      expect(server.requests.at(-1)?.method).to.equal('DELETE');
      expect(navigation.assign.args).to.deep.equal([['https://sso.example/logout']]);
    });

    it('none: events only', async () => {
      const { navigation, el } = await mount({ 'expire-action': 'none' });
      await at(10_250);
      expect(el.state).to.equal('expired');
      expect(navigation.reload.callCount + navigation.assign.callCount).to.equal(0);
    });

    it('a canceled session-security-before-expire stops the action', async () => {
      const { el, navigation } = await mount({ 'expire-action': 'reload' });
      el.addEventListener('session-security-before-expire', (event) => event.preventDefault());
      await at(10_250);
      expect(el.state).to.equal('expired');
      expect(navigation.reload.callCount).to.equal(0);
    });

    it('refuses a javascript: redirect-url with an error, and reloads instead', async () => {
      const { navigation, events } = await mount({
        'expire-action': 'redirect',
        'redirect-url': 'javascript:alert(1)',
      });
      await at(10_250);
      expect(navigation.assign.callCount).to.equal(0);
      expect(navigation.reload.callCount).to.equal(1);
      const error = events.find((event) => event.type === 'session-security-error');
      expect(error?.detail.error.message).to.contain('http(s)');
    });

    it('hide-on-expire hides the matching content at once', async () => {
      const secret = document.createElement('main');
      secret.className = 'private';
      document.body.append(secret);
      const { el } = await mount({ 'hide-on-expire': '.private' });
      expect(secret.hidden).to.equal(false);
      await el.logout();
      expect(secret.hidden).to.equal(true);
      secret.remove();
    });
  });
});
