import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { loadStrings } from '../../components/session-security-dialog/locale-registry.js';
import type { SessionSecurityDialogElement } from '../../components/session-security-dialog/session-security-dialog.js';
import { afterEach, describe, it } from '../support/mocha.js';
import { openDialog, part } from './support/dialog-fixture.js';

async function inContainer(attributes: {
  dir: string;
  lang: string;
}): Promise<SessionSecurityDialogElement> {
  const container =
    await fixture<HTMLDivElement>(html`<div dir=${attributes.dir} lang=${attributes.lang}>
    <session-security-dialog .deadlineMs=${Date.now() + 90_000}></session-security-dialog>
  </div>`);
  const el = container.querySelector('session-security-dialog') as SessionSecurityDialogElement;
  await loadStrings(attributes.lang === 'he' ? 'he' : 'en');
  el.open = true;
  await el.updateComplete;
  return el;
}

describe('session-security-dialog layout', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  it('puts "Stay signed in" first: at the left in LTR, at the right in RTL', async () => {
    const ltr = await inContainer({ dir: 'ltr', lang: 'en' });
    const ltrStay = part(ltr, '.stay').getBoundingClientRect();
    const ltrLogout = part(ltr, '.logout').getBoundingClientRect();
    expect(ltrStay.left).to.be.below(ltrLogout.left);
    ltr.open = false;
    await ltr.updateComplete;

    const rtl = await inContainer({ dir: 'rtl', lang: 'he' });
    const rtlStay = part(rtl, '.stay').getBoundingClientRect();
    const rtlLogout = part(rtl, '.logout').getBoundingClientRect();
    const box = part(rtl, 'dialog').getBoundingClientRect();
    expect(rtlStay.left).to.be.above(rtlLogout.left);
    expect(box.right - rtlStay.right).to.be.below(rtlLogout.left - box.left);
    const heading = part(rtl, 'h2').getBoundingClientRect();
    expect(getComputedStyle(part(rtl, 'h2')).direction).to.equal('rtl');
    expect(box.right - heading.right).to.be.below(40);
  });

  it("follows the page's dir for an English dialog on a right-to-left page", async () => {
    const el = await inContainer({ dir: 'rtl', lang: 'en' });
    expect(getComputedStyle(part(el, 'dialog')).direction).to.equal('rtl');
    expect(part(el, '.stay').getBoundingClientRect().left).to.be.above(
      part(el, '.logout').getBoundingClientRect().left,
    );
  });

  it('makes both buttons at least 24 by 24 CSS pixels', async () => {
    const el = await openDialog();
    for (const selector of ['.stay', '.logout']) {
      const rect = part(el, selector).getBoundingClientRect();
      expect(rect.width, selector).to.be.at.least(24);
      expect(rect.height, selector).to.be.at.least(24);
    }
  });

  it('reflows at 320 CSS pixels without horizontal scrolling', async () => {
    await setViewport({ width: 320, height: 480 });
    for (const lang of ['en', 'de', 'cy']) {
      await loadStrings(lang);
      const el = await openDialog({ lang, secondsLeft: 125 });
      const dialog = part(el, 'dialog');
      const box = dialog.getBoundingClientRect();
      expect(box.left, lang).to.be.at.least(0);
      expect(box.right, lang).to.be.at.most(320);
      expect(dialog.scrollWidth, lang).to.be.at.most(dialog.clientWidth);
      for (const selector of ['.stay', '.logout', 'h2', '[part="countdown"]']) {
        expect(
          part(el, selector).getBoundingClientRect().right,
          `${lang} ${selector}`,
        ).to.be.at.most(box.right);
      }
      expect(document.documentElement.scrollWidth, lang).to.be.at.most(320);
      el.open = false;
      await el.updateComplete;
    }
  });

  it('takes the custom properties and ::part rules of the page', async () => {
    const root = await fixture<HTMLDivElement>(html`<div>
      <style>
        .themed {
          --session-security-width: 20rem;
          --session-security-accent: rgb(0, 112, 60);
          --session-security-background: rgb(250, 250, 240);
          --session-security-radius: 0px;
          --session-security-font: monospace;
        }
        .themed session-security-dialog::part(heading) { color: rgb(120, 0, 0); }
        .themed session-security-dialog::part(logout-button) { border-style: dashed; }
      </style>
      <div class="themed">
        <session-security-dialog lang="en" .deadlineMs=${Date.now() + 60_000}></session-security-dialog>
      </div>
    </div>`);
    const el = root.querySelector('session-security-dialog') as SessionSecurityDialogElement;
    el.open = true;
    await el.updateComplete;
    const dialog = getComputedStyle(part(el, 'dialog'));
    expect(part(el, 'dialog').getBoundingClientRect().width).to.equal(320);
    expect(dialog.backgroundColor).to.equal('rgb(250, 250, 240)');
    expect(dialog.borderTopLeftRadius).to.equal('0px');
    expect(dialog.fontFamily).to.equal('monospace');
    expect(getComputedStyle(part(el, '.stay')).backgroundColor).to.equal('rgb(0, 112, 60)');
    expect(getComputedStyle(part(el, 'h2')).color).to.equal('rgb(120, 0, 0)');
    expect(getComputedStyle(part(el, '.logout')).borderTopStyle).to.equal('dashed');
  });

  it('shows the banner at the top without a modal, leaving the page usable', async () => {
    const root = await fixture<HTMLDivElement>(html`<div>
      <button id="page-button">Page button</button>
      <session-security-dialog lang="en" variant="banner" .deadlineMs=${Date.now() + 60_000}></session-security-dialog>
    </div>`);
    const el = root.querySelector('session-security-dialog') as SessionSecurityDialogElement;
    const pageButton = root.querySelector('#page-button') as HTMLButtonElement;
    pageButton.focus();
    el.open = true;
    await el.updateComplete;
    const banner = part(el, '[part="dialog"]');
    expect(banner.tagName).to.equal('SECTION');
    expect(banner.hasAttribute('role')).to.equal(false);
    expect(el.shadowRoot?.querySelector('dialog')).to.equal(null);
    expect(document.activeElement).to.equal(pageButton);
    expect(banner.getBoundingClientRect().top).to.be.below(16);
    expect(getComputedStyle(banner).position).to.equal('fixed');
    el.open = false;
    await el.updateComplete;
    expect(banner.getBoundingClientRect().height).to.equal(0);
  });
});
