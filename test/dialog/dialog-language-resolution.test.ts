/**
 * Which language a dialog speaks (its own `lang`, an ancestor's, the document's, registered
 * languages) and the texts a page can replace (`strings`, slots, status messages).
 */
import { expect, fixture, html } from '@open-wc/testing';
import sinon from 'sinon';
import {
  loadStrings,
  matchLocale,
  registerLocale,
} from '../../components/session-security-dialog/locale-registry.js';
import type { SessionSecurityDialogElement } from '../../components/session-security-dialog/session-security-dialog.js';
import {
  type DialogStrings,
  englishStrings,
} from '../../components/session-security-dialog/strings.js';
import { afterEach, describe, it } from '../support/mocha.js';
import { dialogIn, manualClock, part, text } from './support/dialog-fixture.js';

describe('session-security-dialog language resolution', () => {
  afterEach(() => {
    document.documentElement.removeAttribute('lang');
  });

  it('maps tags to the built-in languages', () => {
    const cases: Record<string, string> = {
      '': 'en',
      'en-GB': 'en',
      'EN-gb': 'en',
      'de-AT': 'de',
      pt: 'pt-BR',
      'pt-br': 'pt-BR',
      'pt-PT': 'pt-PT',
      'pt-AO': 'pt-PT',
      zh: 'zh-CN',
      'zh-Hans-SG': 'zh-CN',
      'zh-TW': 'zh-CN',
      iw: 'he',
      'cy-GB': 'cy',
      sv: 'en',
      'not a tag!': 'en',
    };
    for (const [tag, locale] of Object.entries(cases))
      expect(matchLocale(tag), tag).to.equal(locale);
  });

  it('takes the nearest ancestor lang, across a shadow root', async () => {
    const host = await fixture<HTMLDivElement>(html`<div lang="fr"><div lang="de"></div></div>`);
    const inner = host.firstElementChild as HTMLDivElement;
    const shadow = inner.attachShadow({ mode: 'open' });
    const el = document.createElement('session-security-dialog');
    el.deadlineMs = Date.now() + 60_000;
    shadow.append(el);
    await loadStrings('de');
    el.open = true;
    await el.updateComplete;
    expect(text(el, '.stay')).to.equal('Angemeldet bleiben');
  });

  it("falls back to the document's lang, then English", async () => {
    document.documentElement.lang = 'nl';
    await loadStrings('nl');
    const el = await fixture<SessionSecurityDialogElement>(
      html`<session-security-dialog open .deadlineMs=${Date.now() + 60_000}></session-security-dialog>`,
    );
    await el.updateComplete;
    expect(text(el, '.logout')).to.equal('Nu uitloggen');
    document.documentElement.removeAttribute('lang');
    el.open = false;
    await el.updateComplete;
    el.open = true;
    await el.updateComplete;
    expect(text(el, '.logout')).to.equal('Log out now');
  });

  it('follows a change of its own lang attribute', async () => {
    const el = await dialogIn('en', 60);
    el.lang = 'es';
    await loadStrings('es');
    await el.updateComplete;
    expect(text(el, '.logout')).to.equal('Cerrar sesión ahora');
  });

  it('uses a language the page registers, and refuses an incomplete one', async () => {
    const swedish: DialogStrings = {
      ...englishStrings,
      stayButton: 'Förbli inloggad',
      minutes: { one: '{n} minut', other: '{n} minuter' },
      seconds: { one: '{n} sekund', other: '{n} sekunder' },
    };
    registerLocale('sv', swedish);
    expect(matchLocale('sv-FI')).to.equal('sv');
    const el = await dialogIn('sv-FI', 120);
    expect(text(el, '.stay')).to.equal('Förbli inloggad');
    expect(text(el, '[role="timer"]')).to.equal('2 minuter');

    const russianWithoutFew = {
      ...englishStrings,
      minutes: { one: '{n} минута', other: '{n} минуты' },
    };
    expect(() => registerLocale('ru', russianWithoutFew)).to.throw(
      TypeError,
      /minutes\.few is missing/,
    );
    expect(() => registerLocale('ru', { ...englishStrings, stayButton: '' })).to.throw(
      TypeError,
      /stayButton must be a non-empty string/,
    );
    expect(matchLocale('ru')).to.equal('en');
  });

  it('lets the strings property override any text in any language', async () => {
    const el = await dialogIn('de', 90);
    el.strings = { stayButton: 'Weiterarbeiten', minutes: { one: '{n} Min.', other: '{n} Min.' } };
    await el.updateComplete;
    expect(text(el, '.stay')).to.equal('Weiterarbeiten');
    expect(text(el, '.logout')).to.equal('Jetzt abmelden');
    expect(text(el, '[role="timer"]')).to.equal('1 Min. 30 Sekunden');
  });

  it('takes overrides as a JSON attribute too, and refuses an attribute that is not JSON', async () => {
    const el = await dialogIn('en', 60);
    el.setAttribute('strings', '{"logoutButton":"Sign out"}');
    await el.updateComplete;
    expect(text(el, '.logout')).to.equal('Sign out');
    const consoleError = sinon.stub(console, 'error');
    try {
      el.setAttribute('strings', '{logoutButton:');
    } finally {
      consoleError.restore();
    }
    expect(String(consoleError.firstCall?.args[0])).to.contain(
      'the strings attribute must be JSON, not {logoutButton:',
    );
    await el.updateComplete;
    expect(text(el, '.logout')).to.equal('Sign out');
  });

  it('lets slots replace the heading and the message, and still labels the dialog', async () => {
    const el = await fixture<SessionSecurityDialogElement>(html`<session-security-dialog
      lang="en" open .deadlineMs=${Date.now() + 60_000}
    >
      <span slot="heading">Still there, Ada?</span>
      <p slot="message">Your draft is saved every minute.</p>
    </session-security-dialog>`);
    const heading = part(el, '#heading');
    const slot = heading.querySelector('slot') as HTMLSlotElement;
    expect(slot.assignedElements()[0]?.textContent).to.equal('Still there, Ada?');
    expect(part(el, 'dialog').getAttribute('aria-labelledby')).to.equal('heading');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('words the absolute-lifetime notice differently and offers no extension', async () => {
    const clock = manualClock();
    const el = await fixture<SessionSecurityDialogElement>(html`<session-security-dialog
      lang="en" kind="absolute" open .now=${clock.nowMs} .deadlineMs=${clock.nowMs() + 300_000}
    ></session-security-dialog>`);
    expect(text(el, 'h2')).to.equal('Your session is ending');
    expect(text(el, '[part="message"]')).to.contain('cannot be extended');
    expect(text(el, '.stay')).to.equal('OK');
    expect(el.shadowRoot?.textContent).not.to.contain('Stay signed in');
  });

  it('shows translated status messages, also while closed', async () => {
    const el = await dialogIn('de', 60);
    el.statusMessage = 'extended-elsewhere';
    await el.updateComplete;
    expect(text(el, '[part="status"]')).to.equal(
      'Ihre Sitzung wurde in einem anderen Tab verlängert.',
    );
    el.open = false;
    el.statusMessage = 'signed-out-elsewhere';
    await el.updateComplete;
    expect(text(el, ':host > [role="status"]')).to.equal(
      'Sie wurden in einem anderen Tab abgemeldet.',
    );
    el.statusMessage = 'Saved.';
    await el.updateComplete;
    expect(text(el, ':host > [role="status"]')).to.equal('Saved.');
  });
});
