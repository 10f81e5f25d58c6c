import { expect, fixture, html } from '@open-wc/testing';
import sinon from 'sinon';
import {
  builtInLocales,
  loadStrings,
  localeProblems,
  matchLocale,
  registerLocale,
} from '../../components/session-security-dialog/locale-registry.js';
import type { SessionSecurityDialogElement } from '../../components/session-security-dialog/session-security-dialog.js';
import {
  type DialogStrings,
  englishStrings,
} from '../../components/session-security-dialog/strings.js';
import { afterEach, describe, it } from '../support/mocha.js';
import { manualClock, part } from './support/dialog-fixture.js';

const n = (lang: string, value: number) => new Intl.NumberFormat(lang).format(value);

/** The words for 1, 2, 5 and 21 minutes in each language, written out by hand. */
const minutesByHand: Record<string, (lang: string) => [string, string, string, string]> = {
  en: (l) => [
    `${n(l, 1)} minute`,
    `${n(l, 2)} minutes`,
    `${n(l, 5)} minutes`,
    `${n(l, 21)} minutes`,
  ],
  ca: (l) => [`${n(l, 1)} minut`, `${n(l, 2)} minuts`, `${n(l, 5)} minuts`, `${n(l, 21)} minuts`],
  cs: (l) => [`${n(l, 1)} minuta`, `${n(l, 2)} minuty`, `${n(l, 5)} minut`, `${n(l, 21)} minut`],
  cy: (l) => [`${n(l, 1)} munud`, `${n(l, 2)} funud`, `${n(l, 5)} munud`, `${n(l, 21)} munud`],
  de: (l) => [
    `${n(l, 1)} Minute`,
    `${n(l, 2)} Minuten`,
    `${n(l, 5)} Minuten`,
    `${n(l, 21)} Minuten`,
  ],
  es: (l) => [
    `${n(l, 1)} minuto`,
    `${n(l, 2)} minutos`,
    `${n(l, 5)} minutos`,
    `${n(l, 21)} minutos`,
  ],
  fr: (l) => [
    `${n(l, 1)} minute`,
    `${n(l, 2)} minutes`,
    `${n(l, 5)} minutes`,
    `${n(l, 21)} minutes`,
  ],
  it: (l) => [`${n(l, 1)} minuto`, `${n(l, 2)} minuti`, `${n(l, 5)} minuti`, `${n(l, 21)} minuti`],
  nl: (l) => [
    `${n(l, 1)} minuut`,
    `${n(l, 2)} minuten`,
    `${n(l, 5)} minuten`,
    `${n(l, 21)} minuten`,
  ],
  pl: (l) => [`${n(l, 1)} minuta`, `${n(l, 2)} minuty`, `${n(l, 5)} minut`, `${n(l, 21)} minut`],
  'pt-BR': (l) => [
    `${n(l, 1)} minuto`,
    `${n(l, 2)} minutos`,
    `${n(l, 5)} minutos`,
    `${n(l, 21)} minutos`,
  ],
  'pt-PT': (l) => [
    `${n(l, 1)} minuto`,
    `${n(l, 2)} minutos`,
    `${n(l, 5)} minutos`,
    `${n(l, 21)} minutos`,
  ],
  ar: (l) => ['دقيقة واحدة', 'دقيقتان', `${n(l, 5)} دقائق`, `${n(l, 21)} دقيقة`],
  he: (l) => ['דקה אחת', 'שתי דקות', `${n(l, 5)} דקות`, `${n(l, 21)} דקות`],
  ja: (l) => [`${n(l, 1)}分`, `${n(l, 2)}分`, `${n(l, 5)}分`, `${n(l, 21)}分`],
  'zh-CN': (l) => [`${n(l, 1)}分钟`, `${n(l, 2)}分钟`, `${n(l, 5)}分钟`, `${n(l, 21)}分钟`],
  uk: (l) => [
    `${n(l, 1)} хвилина`,
    `${n(l, 2)} хвилини`,
    `${n(l, 5)} хвилин`,
    `${n(l, 21)} хвилина`,
  ],
};

async function dialogIn(lang: string, secondsLeft: number): Promise<SessionSecurityDialogElement> {
  const clock = manualClock();
  const el = await fixture<SessionSecurityDialogElement>(html`<session-security-dialog
    lang=${lang} .now=${clock.nowMs} .deadlineMs=${clock.nowMs() + secondsLeft * 1000} open
  ></session-security-dialog>`);
  await loadStrings(matchLocale(lang));
  await el.updateComplete;
  return el;
}

const text = (el: Element, selector: string) => part(el, selector).textContent?.trim() ?? '';

describe('session-security-dialog languages', () => {
  it('ships English and every language the issue lists', () => {
    expect([...builtInLocales].sort()).to.deep.equal(
      [
        'en',
        'ca',
        'cs',
        'de',
        'es',
        'fr',
        'it',
        'nl',
        'pl',
        'pt-BR',
        'pt-PT',
        'ar',
        'he',
        'ja',
        'zh-CN',
        'uk',
        'cy',
      ].sort(),
    );
    expect(Object.keys(minutesByHand).sort()).to.deep.equal([...builtInLocales].sort());
  });

  for (const lang of builtInLocales) {
    it(`${lang}: has every text and every plural category the language needs`, async () => {
      const strings = await loadStrings(lang);
      expect(localeProblems(lang, strings)).to.deep.equal([]);
      const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      for (const category of needed) {
        expect(strings.minutes[category], `${lang} minutes.${category}`).to.be.a('string');
        expect(strings.seconds[category], `${lang} seconds.${category}`).to.be.a('string');
      }
      if (lang !== 'en') expect(strings.idleHeading).not.to.equal(englishStrings.idleHeading);
    });

    it(`${lang}: renders heading, countdown and buttons with the right plural for 1, 2, 5, 21`, async () => {
      const expected = (minutesByHand[lang] as (l: string) => string[])(lang);
      const counts = [1, 2, 5, 21];
      for (const [index, count] of counts.entries()) {
        const el = await dialogIn(lang, count * 60);
        const strings = await loadStrings(lang);
        expect(text(el, '[role="timer"]'), `${lang} ${count} min`).to.equal(expected[index]);
        const category = new Intl.PluralRules(lang).select(count);
        expect(text(el, '[role="timer"]')).to.equal(
          (strings.minutes[category] ?? '').replace('{n}', n(lang, count)),
        );
        const secondsEl = await dialogIn(lang, count);
        expect(text(secondsEl, '[role="timer"]'), `${lang} ${count} s`).to.equal(
          (strings.seconds[category] ?? '').replace('{n}', n(lang, count)),
        );
        expect(text(el, 'h2')).to.equal(strings.idleHeading);
        expect(text(el, '.stay')).to.equal(strings.stayButton);
        expect(text(el, '.logout')).to.equal(strings.logoutButton);
        expect(part(el, 'dialog').getAttribute('lang')).to.equal(lang);
      }
    });
  }

  it('joins minutes and seconds in the language', async () => {
    expect(text(await dialogIn('en', 125), '[role="timer"]')).to.equal('2 minutes 5 seconds');
    expect(text(await dialogIn('de', 61), '[role="timer"]')).to.equal('1 Minute 1 Sekunde');
    expect(text(await dialogIn('ja', 125), '[role="timer"]')).to.equal('2分5秒');
    expect(text(await dialogIn('pl', 142), '[role="timer"]')).to.equal('2 minuty 22 sekundy');
  });

  it('writes Arabic and Hebrew right to left, whatever the page says', async () => {
    for (const lang of ['ar', 'he']) {
      expect(part(await dialogIn(lang, 60), 'dialog').getAttribute('dir')).to.equal('rtl');
    }
    expect(part(await dialogIn('de', 60), 'dialog').hasAttribute('dir')).to.equal(false);
  });
});

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
