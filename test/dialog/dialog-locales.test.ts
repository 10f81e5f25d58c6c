import { expect } from '@open-wc/testing';
import {
  builtInLocales,
  loadStrings,
  localeProblems,
} from '../../components/session-security-dialog/locale-registry.js';
import { englishStrings } from '../../components/session-security-dialog/strings.js';
import { describe, it } from '../support/mocha.js';
import { dialogIn, part, text } from './support/dialog-fixture.js';

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
