import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { deepActiveElement } from '../../components/session-security-dialog/deep-active-element.js';
import type { SessionSecurityDialogElement } from '../../components/session-security-dialog/session-security-dialog.js';
import { describe, it } from '../support/mocha.js';
import { part } from './support/dialog-fixture.js';

/** A page with a focusable button, another inside a shadow root, and a closed dialog. */
async function page(): Promise<{
  dialog: SessionSecurityDialogElement;
  pageButton: HTMLButtonElement;
  shadowButton: HTMLButtonElement;
}> {
  const root = await fixture<HTMLDivElement>(html`<div>
    <button id="page-button">Page button</button>
    <div id="shadow-host"></div>
    <session-security-dialog lang="en"></session-security-dialog>
  </div>`);
  const host = root.querySelector('#shadow-host') as HTMLDivElement;
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.innerHTML = '<button>Inside a shadow root</button>';
  const dialog = root.querySelector('session-security-dialog') as SessionSecurityDialogElement;
  dialog.deadlineMs = Date.now() + 120_000;
  return {
    dialog,
    pageButton: root.querySelector('#page-button') as HTMLButtonElement,
    shadowButton: shadow.querySelector('button') as HTMLButtonElement,
  };
}

async function open(dialog: SessionSecurityDialogElement): Promise<void> {
  dialog.open = true;
  await dialog.updateComplete;
}

describe('session-security-dialog keyboard', () => {
  it('puts the focus on "Stay signed in" when it opens', async () => {
    const { dialog, pageButton } = await page();
    pageButton.focus();
    await open(dialog);
    const active = deepActiveElement(document);
    expect(active).to.equal(part(dialog, '.stay'));
    expect(active?.textContent?.trim()).to.equal('Stay signed in');
  });

  it('keeps Tab and Shift+Tab inside the dialog, wrapping at both ends', async () => {
    const { dialog } = await page();
    await open(dialog);
    const stay = part(dialog, '.stay');
    const logout = part(dialog, '.logout');
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement(document)).to.equal(logout);
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement(document)).to.equal(stay);
    await sendKeys({ press: 'Shift+Tab' });
    expect(deepActiveElement(document)).to.equal(logout);
    await sendKeys({ press: 'Shift+Tab' });
    expect(deepActiveElement(document)).to.equal(stay);
  });

  it('includes slotted links in the Tab cycle', async () => {
    const el = await fixture<SessionSecurityDialogElement>(html`<session-security-dialog lang="en">
      <a slot="extra" href="#draft">Save a draft</a>
    </session-security-dialog>`);
    el.deadlineMs = Date.now() + 60_000;
    await open(el);
    const link = el.querySelector('a') as HTMLAnchorElement;
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement(document)).to.equal(part(el, '.logout'));
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement(document)).to.equal(link);
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement(document)).to.equal(part(el, '.stay'));
  });

  it('makes the page behind inert', async () => {
    const { dialog, pageButton } = await page();
    await open(dialog);
    pageButton.focus();
    expect(document.activeElement).not.to.equal(pageButton);
    expect(part(dialog, 'dialog').matches(':modal')).to.equal(true);
  });

  it('treats Escape as "stay signed in" and closes', async () => {
    const { dialog } = await page();
    await open(dialog);
    setTimeout(() => sendKeys({ press: 'Escape' }));
    const event = await oneEvent(dialog, 'session-security-dialog-stay');
    expect(event.detail.kind).to.equal('idle');
    await dialog.updateComplete;
    expect(dialog.open).to.equal(false);
    expect(part<HTMLDialogElement>(dialog, 'dialog').open).to.equal(false);
  });

  it('treats a second Escape in a row as "stay" too', async () => {
    const { dialog } = await page();
    let stays = 0;
    dialog.addEventListener('session-security-dialog-stay', () => {
      stays += 1;
    });
    for (let round = 0; round < 2; round += 1) {
      await open(dialog);
      await sendKeys({ press: 'Escape' });
      await dialog.updateComplete;
      expect(part<HTMLDialogElement>(dialog, 'dialog').open).to.equal(false);
    }
    expect(stays).to.equal(2);
  });

  it('gives the focus back to the page element that had it', async () => {
    const { dialog, pageButton } = await page();
    pageButton.focus();
    await open(dialog);
    await sendKeys({ press: 'Enter' });
    await dialog.updateComplete;
    expect(dialog.open).to.equal(false);
    expect(document.activeElement).to.equal(pageButton);
  });

  it('gives the focus back inside another shadow root', async () => {
    const { dialog, shadowButton } = await page();
    shadowButton.focus();
    await open(dialog);
    expect(deepActiveElement(document)).to.equal(part(dialog, '.stay'));
    await sendKeys({ press: 'Escape' });
    await dialog.updateComplete;
    expect(deepActiveElement(document)).to.equal(shadowButton);
  });

  it('gives the focus back when the owner closes it', async () => {
    const { dialog, pageButton } = await page();
    pageButton.focus();
    await open(dialog);
    dialog.open = false;
    await dialog.updateComplete;
    expect(document.activeElement).to.equal(pageButton);
  });

  it('logs out with the keyboard', async () => {
    const { dialog } = await page();
    await open(dialog);
    await sendKeys({ press: 'Tab' });
    setTimeout(() => sendKeys({ press: 'Enter' }));
    const event = await oneEvent(dialog, 'session-security-dialog-logout');
    expect(event.detail.kind).to.equal('idle');
  });
});
