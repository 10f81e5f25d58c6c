import type { DialogStrings } from '../strings.js';

/** Czech messages of the warning dialog (loaded on demand). */
const strings: DialogStrings = {
  idleHeading: 'Brzy budete odhlášeni',
  idleMessage:
    'Tento web jste nějakou dobu nepoužívali. Abychom ochránili vaše údaje, odhlásíme vás, pokud relaci neprodloužíte.',
  absoluteHeading: 'Vaše relace končí',
  absoluteMessage:
    'Z bezpečnostních důvodů má relace omezenou délku a nelze ji prodloužit. Uložte si nyní svou práci; poté se budete muset znovu přihlásit.',
  timeLeftLabel: 'Zbývající čas:',
  stayButton: 'Prodloužit relaci',
  acknowledgeButton: 'OK',
  logoutButton: 'Odhlásit se nyní',
  idleAnnouncement: 'Čas do odhlášení: {time}.',
  absoluteAnnouncement: 'Čas do konce relace: {time}.',
  minutes: {
    one: '{n} minuta',
    few: '{n} minuty',
    many: '{n} minuty',
    other: '{n} minut',
  },
  seconds: {
    one: '{n} sekunda',
    few: '{n} sekundy',
    many: '{n} sekundy',
    other: '{n} sekund',
  },
  minutesAndSeconds: '{minutes} {seconds}',
  extendedElsewhere: 'Relace byla prodloužena v jiné záložce.',
  signedOutElsewhere: 'V jiné záložce došlo k odhlášení.',
};

export default strings;
