import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import sinon from 'sinon';
import { DIALOG_TAG } from '../../components/session-security-dialog/session-security-dialog.js';
import { afterEach, describe, it } from '../support/mocha.js';
import { manualClock, openDialog, part } from './support/dialog-fixture.js';

describe('session-security-dialog basics', () => {
  let fakeTimers: sinon.SinonFakeTimers | undefined;
  afterEach(() => {
    fakeTimers?.restore();
    fakeTimers = undefined;
  });

  it('is registered under DIALOG_TAG', () => {
    expect(DIALOG_TAG).to.equal('session-security-dialog');
    expect(customElements.get(DIALOG_TAG)).to.be.a('function');
  });

  it('opens a modal native dialog labelled by its heading and described by its message', async () => {
    const el = await openDialog();
    const dialog = part<HTMLDialogElement>(el, 'dialog');
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(dialog.getAttribute('role')).to.equal('alertdialog');
    const heading = part(el, `#${dialog.getAttribute('aria-labelledby')}`);
    expect(heading.textContent?.trim()).to.equal('You will be signed out soon');
    const [messageId, countdownId] = (dialog.getAttribute('aria-describedby') ?? '').split(' ');
    expect(part(el, `#${messageId}`).textContent).to.contain('You have not used this site');
    expect(part(el, `#${countdownId}`).textContent).to.match(/Time left:\s+2 minutes/);
  });

  it('shows the real time left from the deadline and the clock', async () => {
    const clock = manualClock();
    const el = await openDialog({ nowMs: clock.nowMs, secondsLeft: 125 });
    const timer = part(el, '[role="timer"]');
    expect(timer.textContent?.trim()).to.equal('2 minutes 5 seconds');
    expect(timer.getAttribute('aria-live')).to.equal('off');
  });

  it('fires stay and logout, bubbling and composed, and closes', async () => {
    const el = await openDialog();
    setTimeout(() => part(el, '.stay').click());
    const stay = await oneEvent(el, 'session-security-dialog-stay');
    expect(stay.bubbles && stay.composed).to.equal(true);
    expect(stay.detail.kind).to.equal('idle');
    expect(el.open).to.equal(false);
    el.open = true;
    await el.updateComplete;
    setTimeout(() => part(el, '.logout').click());
    const logout = await oneEvent(el, 'session-security-dialog-logout');
    expect(logout.composed).to.equal(true);
    await el.updateComplete;
    expect(part<HTMLDialogElement>(el, 'dialog').open).to.equal(false);
  });

  it('reopens and ticks again when moved in the DOM while open', async () => {
    const el = await openDialog();
    const parent = el.parentElement as HTMLElement;
    el.remove();
    expect(part<HTMLDialogElement>(el, 'dialog').open).to.equal(false);
    parent.append(el);
    await el.updateComplete;
    expect(part<HTMLDialogElement>(el, 'dialog').matches(':modal')).to.equal(true);
    expect(el.open).to.equal(true);
  });

  it('refuses a bad kind, variant or deadline with a specific error and keeps the old value', async () => {
    const clock = manualClock();
    const el = await openDialog({ nowMs: clock.nowMs, secondsLeft: 90, kind: 'absolute' });
    const consoleError = sinon.stub(console, 'error');
    try {
      el.setAttribute('kind', 'forever');
      el.setAttribute('variant', 'popup');
      el.deadlineMs = Number.NaN;
      await el.updateComplete;
    } finally {
      consoleError.restore();
    }
    const messages = consoleError.getCalls().map((call) => String(call.args[0]));
    expect(messages).to.deep.equal([
      'session-security-dialog: kind must be idle or absolute, not forever',
      'session-security-dialog: variant must be modal or banner, not popup',
      'session-security-dialog: deadlineMs must be a finite number of epoch milliseconds, not NaN',
    ]);
    expect(el.kind).to.equal('absolute');
    expect(el.getAttribute('kind')).to.equal('absolute');
    expect(el.variant).to.equal('modal');
    expect(part(el, '[role="timer"]').textContent?.trim()).to.equal('1 minute 30 seconds');
    expect(part<HTMLDialogElement>(el, 'dialog').open).to.equal(true);
  });

  it('writes only the texts and attributes that changed (live regions re-announce writes)', async () => {
    fakeTimers = sinon.useFakeTimers({
      now: 1_700_000_000_000,
      toFake: ['setTimeout', 'clearTimeout', 'Date'],
    });
    const el = await openDialog({ secondsLeft: 90 });
    const changed: string[] = [];
    // Each mutation, named by the element it changed (a text node counts as its parent).
    const record = (records: MutationRecord[]) => {
      for (const { type, target, attributeName } of records) {
        const element = target instanceof Element ? target : target.parentElement;
        const name = element?.getAttribute('part') ?? element?.getAttribute('class') ?? '?';
        changed.push(`${type} ${attributeName ?? ''} ${name}`.replace(/ +/g, ' '));
      }
    };
    const observer = new MutationObserver(record);
    observer.observe(el.shadowRoot as ShadowRoot, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
    el.requestUpdate();
    await el.updateComplete;
    record(observer.takeRecords());
    expect(changed).to.deep.equal([]);
    // The countdown's own timer: its next tick lands just after the next whole second.
    fakeTimers.tick(1005);
    await el.updateComplete;
    record(observer.takeRecords());
    observer.disconnect();
    expect(changed).to.have.length(1);
    expect(changed[0]).to.match(/ timer$/);
    expect(part(el, '[role="timer"]').textContent).to.equal('1 minute 29 seconds');
  });

  it('switches between the modal dialog and the banner while open, content and actions kept', async () => {
    const el = await openDialog();
    el.variant = 'banner';
    await el.updateComplete;
    const banner = part(el, '[part="dialog"]');
    expect(banner.tagName).to.equal('SECTION');
    expect(el.shadowRoot?.querySelector('dialog')).to.equal(null);
    expect(banner.hidden).to.equal(false);
    expect(banner.getAttribute('lang')).to.equal('en');
    expect(banner.querySelector('#heading')?.textContent?.trim()).to.equal(
      'You will be signed out soon',
    );
    expect(el.shadowRoot?.querySelectorAll('[role="status"]')).to.have.length(3);
    expect(el.shadowRoot?.lastElementChild?.className).to.equal('sr');
    setTimeout(() => banner.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' })));
    await oneEvent(el, 'session-security-dialog-stay');
    await el.updateComplete;
    expect(banner.hidden).to.equal(true);

    el.open = true;
    el.variant = 'modal';
    await el.updateComplete;
    const dialog = part<HTMLDialogElement>(el, 'dialog');
    expect(dialog.matches(':modal')).to.equal(true);
    expect(dialog.getAttribute('role')).to.equal('alertdialog');
    expect(el.shadowRoot?.querySelector('section')).to.equal(null);
    expect(el.shadowRoot?.activeElement).to.equal(part(el, '.stay'));
    setTimeout(() => part(el, '.logout').click());
    await oneEvent(el, 'session-security-dialog-logout');
    await el.updateComplete;
    expect(dialog.open).to.equal(false);
  });

  it('stays closed and renders no dialog box until opened', async () => {
    const el = await fixture(html`<session-security-dialog></session-security-dialog>`);
    expect(part<HTMLDialogElement>(el, 'dialog').open).to.equal(false);
  });
});
