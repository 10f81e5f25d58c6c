import '../../components/session-security/define.js';
// The element loads this on demand (its own chunk); loaded up front so that the first ping goes
// out within settle(), not after a real-time module fetch.
import '../../components/session-security/core/legacy-transport.js';
import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { TransportError } from '../../components/session-security/core/transport.js';
import { uniqueChannel } from '../support/channels.js';
import { LegacyPingView } from '../support/legacy-ping-view.js';
import { afterEach, beforeEach, describe, it } from '../support/mocha.js';
import { waitUntil } from '../support/ticks.js';
import { waitForLeader } from './support/element-fixture.js';
import { errorsOf, mountTab, names, PING_PATH, settle } from './support/legacy-tab.js';

const T0 = 1_700_000_000_000;

describe('<session-security legacy-ping-url> against a django-session-security server', () => {
  let clock: sinon.SinonFakeTimers;
  let view: LegacyPingView;
  let fetchStub: sinon.SinonStub;

  const at = async (ms: number) => {
    await clock.tickAsync(T0 + ms - Date.now());
    await settle();
  };
  const pings = () =>
    view.requests.map((r) => ({
      atMs: r.atMs - T0,
      path: r.url.pathname,
      idleFor: r.url.searchParams.get('idleFor'),
    }));

  beforeEach(() => {
    clock = sinon.useFakeTimers({
      now: T0,
      toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'],
    });
    view = new LegacyPingView(() => Date.now(), 10, PING_PATH);
    // The view's answers, readable within microtasks: timings then do not depend on how fast
    // the browser reads a body under load.
    fetchStub = sinon.stub(window, 'fetch').callsFake(async (input, init) => {
      const response = await view.fetch(String(input), init);
      const body = await response.text();
      return { ok: response.ok, status: response.status, text: async () => body } as Response;
    });
  });
  afterEach(() => {
    for (const el of document.querySelectorAll('session-security')) el.remove();
    fetchStub.restore();
    clock.restore();
  });

  it('speaks the ping protocol when legacy-ping-url is set: the page load pings idleFor=0', async () => {
    const tab = await mountTab();
    expect(tab.el.legacyPingUrl).to.equal(PING_PATH);
    expect(pings()).to.deep.equal([{ atMs: 0, path: PING_PATH, idleFor: '0' }]);
    expect(view.lastActivityMs).to.equal(T0);
    expect(tab.el.state).to.equal('active');
    expect(tab.el.deadlineMs).to.equal(T0 + 10_000);
  });

  it('warns at warn-after and expires at expire-after when the server answers "logout"', async () => {
    const tab = await mountTab({ 'expire-action': 'reload' });
    await waitForLeader(tab.el.channel);
    await at(3_999);
    expect(pings()).to.have.length(1);
    await at(4_000);
    expect(pings().at(-1)).to.deep.equal({ atMs: 4_000, path: PING_PATH, idleFor: '4' });
    await at(4_999);
    expect(tab.el.state).to.equal('active');
    await at(5_000);
    expect(tab.el.state).to.equal('warning');
    expect(tab.el.getAttribute('state')).to.equal('warning');
    await at(10_249);
    expect(tab.el.state).to.equal('warning');
    expect(tab.navigation.reload.callCount).to.equal(0);
    await at(10_250);
    expect(pings().at(-1)).to.deep.equal({ atMs: 10_250, path: PING_PATH, idleFor: '11' });
    expect(view.lastActivityMs, 'the server logged out').to.equal(null);
    expect(tab.el.state).to.equal('expired');
    expect(names(tab)).to.deep.equal([
      'session-security-warning',
      'session-security-before-expire',
      'session-security-expired',
    ]);
    expect(tab.events[1]?.detail).to.deep.equal({
      reason: 'no-session',
      source: 'this-tab',
      action: 'reload',
    });
    expect(tab.navigation.reload.callCount).to.equal(1);
  });

  it('a key press at 3.5 s: the warning shows no sooner than 5 s after it', async () => {
    const tab = await mountTab();
    await waitForLeader(tab.el.channel);
    await at(3_500);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, key: 'a' }));
    await at(5_000);
    expect(tab.el.state).to.equal('active');
    // The key itself is the last activity: reported 4 s after it, exactly.
    await at(7_500);
    expect(pings().at(-1)).to.deep.equal({ atMs: 7_500, path: PING_PATH, idleFor: '4' });
    expect(view.lastActivityMs).to.equal(T0 + 3_500);
    await at(8_499);
    expect(tab.el.state).to.equal('active');
    await at(8_500);
    expect(tab.el.state).to.equal('warning');
    expect(tab.el.deadlineMs).to.equal(T0 + 13_500);
  });

  it('activity while the warning shows pings with idleFor=0 at once and hides it', async () => {
    const tab = await mountTab();
    await waitForLeader(tab.el.channel);
    await at(6_000);
    expect(tab.el.state).to.equal('warning');
    document.body.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, key: 'a' }));
    await settle();
    expect(pings().at(-1)).to.deep.equal({ atMs: 6_000, path: PING_PATH, idleFor: '0' });
    expect(tab.el.state).to.equal('active');
    expect(tab.el.deadlineMs).to.equal(T0 + 16_000);
    // The key is the last activity: the next warning comes 5 s after it.
    await at(10_999);
    expect(tab.el.state).to.equal('active');
    await at(11_000);
    expect(tab.el.state).to.equal('warning');
  });

  it("takes the server's idle time: a page load elsewhere postpones the warning", async () => {
    const tab = await mountTab();
    await waitForLeader(tab.el.channel);
    await at(3_000);
    view.pageLoad();
    await at(4_000);
    expect(pings().at(-1)).to.deep.equal({ atMs: 4_000, path: PING_PATH, idleFor: '4' });
    expect(view.lastActivityMs, 'the status read moved nothing').to.equal(T0 + 3_000);
    await at(5_000);
    expect(tab.el.state).to.equal('active');
    // The answer 1 (whole seconds, truncated) means 1 to 2 s idle: the deadline takes the
    // earliest, never later than the server's (13 s here).
    expect(tab.el.deadlineMs).to.equal(T0 + 12_000);
    await at(8_000);
    expect(tab.el.state).to.equal('warning');
  });

  it('activity in one tab hides the warning in every tab of the channel, with one ping', async () => {
    const channel = uniqueChannel();
    const first = await mountTab({ channel });
    await waitForLeader(channel);
    const second = await mountTab({ channel });
    await at(5_000);
    expect([first.el.state, second.el.state]).to.deep.equal(['warning', 'warning']);
    const before = pings().length;
    await at(6_000);
    second.el.activity();
    await settle();
    await waitUntil(() => first.el.state === 'active', 'the other tab closes its warning', 2_000);
    expect(pings().slice(before)).to.deep.equal([{ atMs: 6_000, path: PING_PATH, idleFor: '0' }]);
    expect([first.el.state, second.el.state]).to.deep.equal(['active', 'active']);
    expect(first.events.at(-1)?.type).to.equal('session-security-extended');
    expect(first.events.at(-1)?.detail).to.deep.include({ source: 'other-tab' });
    // The server ends it at 16 s: the leading tab hears it (asking 250 ms after) and tells the other.
    await at(16_250);
    expect(view.lastActivityMs).to.equal(null);
    await waitUntil(() => second.el.state === 'expired', 'the other tab ends too', 2_000);
    expect([first.el.state, second.el.state]).to.deep.equal(['expired', 'expired']);
    expect(second.events.at(-1)?.detail).to.deep.include({
      reason: 'no-session',
      source: 'other-tab',
    });
  });

  it('a malformed answer is an error with a retry, never an extension', async () => {
    const tab = await mountTab();
    await waitForLeader(tab.el.channel);
    await at(3_000);
    tab.el.activity();
    view.faults.push({ status: 200, body: '<html>login</html>' });
    await at(7_000);
    expect(pings().at(-1)).to.deep.equal({ atMs: 7_000, path: PING_PATH, idleFor: '4' });
    const [failure] = errorsOf(tab);
    expect(failure?.error).to.be.instanceOf(TransportError).and.include({ kind: 'malformed' });
    expect(failure?.retryInMs).to.equal(1_000);
    // The activity at 3 s was not heard: the warning shows from the server's last known time.
    expect(tab.el.state).to.equal('warning');
    expect(view.lastActivityMs).to.equal(T0);
    await at(8_000);
    expect(pings().at(-1)).to.deep.equal({ atMs: 8_000, path: PING_PATH, idleFor: '5' });
    expect(view.lastActivityMs).to.equal(T0 + 3_000);
    expect(tab.el.deadlineMs).to.equal(T0 + 13_000);
  });

  it('failed pings: the tab retries and still ends the session at the last known deadline', async () => {
    const tab = await mountTab({ 'expire-action': 'reload' });
    await waitForLeader(tab.el.channel);
    await at(3_000);
    for (let i = 0; i < 20; i += 1) view.faults.push('network');
    await at(5_000);
    expect(tab.el.state).to.equal('warning');
    await at(10_249);
    expect(tab.el.state).to.equal('warning');
    await at(10_250);
    expect(tab.el.state).to.equal('expired');
    expect(tab.navigation.reload.callCount).to.equal(1);
    const errors = errorsOf(tab);
    expect(errors.length).to.be.greaterThan(0);
    for (const { error } of errors) {
      expect(error).to.be.instanceOf(TransportError).and.include({ kind: 'network' });
    }
    expect(tab.events.find((e) => e.type === 'session-security-expired')?.detail).to.deep.include({
      reason: 'idle',
    });
  });

  it('wakes from a sleep past the deadline: asks the server, ends without flashing the warning', async () => {
    const tab = await mountTab({ 'expire-action': 'reload' });
    await waitForLeader(tab.el.channel);
    await at(1_000);
    // The laptop sleeps: the clock jumps, no timer runs, until the window is focused again.
    clock.setSystemTime(T0 + 30_000);
    window.dispatchEvent(new Event('focus'));
    await settle();
    expect(pings().at(-1)).to.deep.equal({ atMs: 30_000, path: PING_PATH, idleFor: '30' });
    expect(tab.el.state).to.equal('expired');
    expect(names(tab)).to.deep.equal([
      'session-security-before-expire',
      'session-security-expired',
    ]);
    expect(tab.navigation.reload.callCount).to.equal(1);
  });

  it('logout() sends nothing and follows the expiry action to the logout URL in every tab', async () => {
    const channel = uniqueChannel();
    const attributes = {
      channel,
      'expire-action': 'redirect',
      'redirect-url': '/accounts/logout/',
    };
    const first = await mountTab(attributes);
    await waitForLeader(channel);
    const second = await mountTab(attributes);
    const before = pings().length;
    await first.el.logout();
    await settle();
    await waitUntil(() => second.navigation.assign.called, 'the other tab redirects', 2_000);
    expect(pings()).to.have.length(before);
    const target = new URL('/accounts/logout/', location.href).href;
    expect(first.navigation.assign.args).to.deep.equal([[target]]);
    expect(second.navigation.assign.args).to.deep.equal([[target]]);
    for (const tab of [first, second]) {
      expect(tab.el.state).to.equal('expired');
      expect(names(tab)).to.include('session-security-logged-out');
    }
  });

  it('switches between protocol v1 and the legacy ping as the attribute comes and goes', async () => {
    const tab = await mountTab({ 'legacy-ping-url': '' });
    expect(tab.el.legacyPingUrl).to.equal('');
    expect(pings().map((p) => p.path)).to.deep.equal(['/session-security']);
    tab.el.setAttribute('legacy-ping-url', PING_PATH);
    await tab.el.updateComplete;
    await settle();
    expect(tab.el.legacyPingUrl).to.equal(PING_PATH);
    expect(pings().map((p) => p.path)).to.deep.equal(['/session-security', PING_PATH]);
    tab.el.legacyPingUrl = '';
    await tab.el.updateComplete;
    await settle();
    expect(pings().map((p) => p.path)).to.deep.equal([
      '/session-security',
      PING_PATH,
      '/session-security',
    ]);
  });

  it('refuses a ping URL on another origin with a clear error and sends nothing', async () => {
    const tab = await mountTab({ 'legacy-ping-url': 'https://elsewhere.example/ping/' });
    expect(fetchStub.callCount).to.equal(0);
    const [failure] = errorsOf(tab);
    expect(failure?.error.message).to.contain("must be on this page's origin");
  });
});
