import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { deepActiveElement } from '../../components/session-security-dialog/deep-active-element.js';
import { FakeServer } from '../support/fake-server.js';
import { describe, it } from '../support/mocha.js';
import { flushMicrotasks } from '../support/ticks.js';
import { dialogButton, dialogOf, mount } from './support/element-fixture.js';
import { T0, useFakeClock } from './support/fake-clock.js';

describe('<session-security>', () => {
  const fake = useFakeClock();
  const { at } = fake;

  it('reflects active -> warning -> expired as the state attribute, with events in order', async () => {
    const { el, eventNames } = await mount();
    expect(el.getAttribute('state')).to.equal('active');
    await at(4_999);
    expect(el.getAttribute('state')).to.equal('active');
    await at(5_000);
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('warning');
    expect(el.state).to.equal('warning');
    await at(10_249);
    expect(el.state).to.equal('warning');
    await at(10_250);
    await el.updateComplete;
    expect(el.getAttribute('state')).to.equal('expired');
    expect(eventNames()).to.deep.equal([
      'session-security-warning',
      'session-security-before-expire',
      'session-security-expired',
    ]);
  });

  it('has the state attribute in the new state when its events fire (before any navigation)', async () => {
    const { el } = await mount();
    const seen: string[] = [];
    for (const type of ['session-security-warning', 'session-security-expired']) {
      el.addEventListener(type, () => seen.push(`${type}: ${el.getAttribute('state')}`));
    }
    await at(5_000);
    await at(10_250);
    expect(seen).to.deep.equal([
      'session-security-warning: warning',
      'session-security-expired: expired',
    ]);
  });

  it('opens the dialog with focus on "Stay signed in" and the real deadline', async () => {
    const { el, events } = await mount();
    await at(5_000);
    await el.updateComplete;
    const dialog = dialogOf(el);
    await dialog.updateComplete;
    expect(dialog.open).to.equal(true);
    expect(dialog.kind).to.equal('idle');
    expect(dialog.deadlineMs).to.equal(T0 + 10_000);
    expect(dialog.shadowRoot?.querySelector('dialog')?.open).to.equal(true);
    expect(deepActiveElement(document)).to.equal(dialogButton(el, 'stay'));
    expect(events[0]?.detail).to.deep.equal({ kind: 'idle', deadlineMs: T0 + 10_000 });
    expect(events[0]?.bubbles && events[0]?.composed).to.equal(true);
  });

  it('"Stay signed in" reports activity and closes the warning', async () => {
    const { el, server, eventNames } = await mount();
    await at(6_000);
    await el.updateComplete;
    await dialogOf(el).updateComplete;
    dialogButton(el, 'stay').click();
    await flushMicrotasks();
    await el.updateComplete;
    expect(server.requests.at(-1)).to.deep.equal({
      method: 'POST',
      atMs: T0 + 6_000,
      idleSeconds: 0,
    });
    expect(el.state).to.equal('active');
    expect(dialogOf(el).open).to.equal(false);
    expect(eventNames()).to.deep.equal(['session-security-warning', 'session-security-extended']);
  });

  it('Escape means stay', async () => {
    const { el, server } = await mount();
    await at(6_000);
    await el.updateComplete;
    await dialogOf(el).updateComplete;
    await sendKeys({ press: 'Escape' });
    await flushMicrotasks();
    expect(server.requests.at(-1)?.method).to.equal('POST');
    expect(el.state).to.equal('active');
  });

  it('"Log out" ends the session on the server and runs the expiry action', async () => {
    const { el, server, navigation, eventNames } = await mount({ 'expire-action': 'reload' });
    await at(6_000);
    await el.updateComplete;
    await dialogOf(el).updateComplete;
    dialogButton(el, 'logout').click();
    await flushMicrotasks();
    expect(server.requests.at(-1)?.method).to.equal('DELETE');
    expect(server.record).to.equal(null);
    expect(el.state).to.equal('expired');
    expect(eventNames().slice(1)).to.deep.equal([
      'session-security-logged-out',
      'session-security-before-expire',
      'session-security-expired',
    ]);
    expect(navigation.reload.callCount).to.equal(1);
  });

  /** A real click (pointerdown, mousedown, pointerup, click) at the middle of `target`. */
  async function realClick(target: Element): Promise<void> {
    const box = target.getBoundingClientRect();
    await sendMouse({
      type: 'click',
      position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)],
    });
    await flushMicrotasks();
  }

  describe('one request per user action', () => {
    async function warned() {
      const mounted = await mount({ 'expire-action': 'none' });
      await at(6_000);
      await mounted.el.updateComplete;
      await dialogOf(mounted.el).updateComplete;
      expect(mounted.el.state).to.equal('warning');
      return { ...mounted, before: mounted.server.requests.length };
    }

    it('a real click on "Stay signed in" sends one report', async () => {
      const { el, server, before } = await warned();
      await realClick(dialogButton(el, 'stay'));
      await el.updateComplete;
      expect(server.requests.slice(before)).to.deep.equal([
        { method: 'POST', atMs: T0 + 6_000, idleSeconds: 0 },
      ]);
      expect(el.state).to.equal('active');
    });

    it('Enter on "Stay signed in" sends one report', async () => {
      const { el, server, before } = await warned();
      dialogButton(el, 'stay').focus();
      await sendKeys({ press: 'Enter' });
      await flushMicrotasks();
      expect(server.requests.slice(before).map((request) => request.method)).to.deep.equal([
        'POST',
      ]);
    });

    it('a real click on "Log out" sends the logout only (no report first)', async () => {
      const { el, server, before } = await warned();
      await realClick(dialogButton(el, 'logout'));
      expect(server.requests.slice(before).map((request) => request.method)).to.deep.equal([
        'DELETE',
      ]);
      expect(el.state).to.equal('expired');
    });

    it('another key in the dialog counts, as anywhere (django-session-security): one report', async () => {
      const { el, server, before } = await warned();
      await sendKeys({ press: 'Shift' });
      await flushMicrotasks();
      await el.updateComplete;
      expect(server.requests.slice(before).map((request) => request.method)).to.deep.equal([
        'POST',
      ]);
      expect(el.state).to.equal('active');
    });
  });

  it('uses warn-after/expire-after until the server answers, then the server wins', async () => {
    let answer: (() => void) | undefined;
    const server = new FakeServer(() => Date.now());
    const slow = {
      readStatus: () =>
        new Promise<Awaited<ReturnType<FakeServer['readStatus']>>>((resolve) => {
          answer = () => resolve(server.peek());
        }),
      reportActivity: (idleSeconds: number) => server.reportActivity(idleSeconds),
      logout: () => server.logout(),
    };
    const el = document.createElement('session-security');
    el.setAttribute('warn-after', '100');
    el.setAttribute('expire-after', '200');
    el.setAttribute('expire-action', 'none');
    el.transport = slow;
    document.body.append(el);
    await el.updateComplete;
    expect(el.deadlineMs).to.equal(T0 + 200_000);
    answer?.();
    await flushMicrotasks();
    expect(el.deadlineMs).to.equal(T0 + 10_000);
  });

  it('rejects inconsistent warn-after/expire-after with an error event and keeps the defaults', async () => {
    const errors: string[] = [];
    const el = document.createElement('session-security');
    el.setAttribute('warn-after', '600');
    el.setAttribute('expire-after', '60');
    el.transport = {
      readStatus: () => new Promise(() => {}),
      reportActivity: () => new Promise(() => {}),
      logout: () => new Promise(() => {}),
    };
    el.addEventListener('session-security-error', (event) =>
      errors.push(event.detail.error.message),
    );
    document.body.append(el);
    await el.updateComplete;
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('warnAfterSeconds must be less than expireAfterSeconds');
    expect(el.deadlineMs).to.equal(T0 + 600_000);
  });

  it('extend() and logout() work from code', async () => {
    const { el, server } = await mount();
    await at(3_000);
    expect(await el.extend()).to.equal(true);
    expect(server.record?.lastActivityMs).to.equal(T0 + 3_000);
    await el.logout();
    expect(server.record).to.equal(null);
    expect(el.state).to.equal('expired');
  });

  it('after a sleep past the deadline, expires on visibilitychange without showing the warning', async () => {
    const { el, eventNames } = await mount();
    fake.timers.setSystemTime(T0 + 3_600_000);
    document.dispatchEvent(new Event('visibilitychange'));
    await flushMicrotasks();
    expect(el.state).to.equal('expired');
    expect(eventNames()).to.not.include('session-security-warning');
  });

  it('on a back/forward cache restore (pageshow persisted), asks the server at once', async () => {
    const { el, server } = await mount();
    fake.timers.setSystemTime(T0 + 7_000);
    server.pageLoad();
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await flushMicrotasks();
    expect(server.requests.at(-1)).to.deep.equal({ method: 'GET', atMs: T0 + 7_000 });
    expect(el.state).to.equal('active');
    expect(el.deadlineMs).to.equal(T0 + 17_000);
  });

  it('forwards the heading, message and extra slots to the dialog', async () => {
    const { el } = await mount({}, undefined, {
      lightDom: '<span slot="heading">Still there?</span>',
    });
    await at(5_000);
    await el.updateComplete;
    const slot = dialogOf(el).shadowRoot?.querySelector<HTMLSlotElement>('slot[name="heading"]');
    const assigned = slot?.assignedNodes({ flatten: true }).map((node) => node.textContent);
    expect(assigned).to.deep.equal(['Still there?']);
    const messageSlot =
      dialogOf(el).shadowRoot?.querySelector<HTMLSlotElement>('slot[name="message"]');
    // Nothing forwarded for the message: the dialog keeps its own text.
    expect(messageSlot?.assignedNodes()).to.have.length(0);
    expect(messageSlot?.textContent?.trim()).to.not.equal('');
  });

  it('reports network errors with the retry delay and acts at the deadline anyway', async () => {
    const server = new FakeServer(() => Date.now());
    const { el, events } = await mount({}, server);
    server.faults.push(...Array.from({ length: 20 }, () => 'network' as const));
    await at(10_250);
    const errors = events.filter((event) => event.type === 'session-security-error');
    expect(errors.map((event) => event.detail.retryInMs)).to.deep.equal([
      1_000, 2_000, 4_000, 8_000,
    ]);
    expect(el.state).to.equal('expired');
  });
});
