import type { DialogStrings } from '../strings.js';

/** Polish messages of the warning dialog (loaded on demand). */
const strings: DialogStrings = {
  idleHeading: 'Wkrótce nastąpi wylogowanie',
  idleMessage:
    'Od pewnego czasu nie korzystasz z tej strony. Aby chronić Twoje dane, wylogujemy Cię, chyba że przedłużysz sesję.',
  absoluteHeading: 'Twoja sesja się kończy',
  absoluteMessage:
    'Ze względów bezpieczeństwa sesja trwa ograniczony czas i nie można jej przedłużyć. Zapisz teraz swoją pracę; potem trzeba będzie zalogować się ponownie.',
  timeLeftLabel: 'Pozostały czas:',
  stayButton: 'Przedłuż sesję',
  acknowledgeButton: 'OK',
  logoutButton: 'Wyloguj teraz',
  idleAnnouncement: 'Czas do wylogowania: {time}.',
  absoluteAnnouncement: 'Czas do końca sesji: {time}.',
  minutes: {
    one: '{n} minuta',
    few: '{n} minuty',
    many: '{n} minut',
    other: '{n} minuty',
  },
  seconds: {
    one: '{n} sekunda',
    few: '{n} sekundy',
    many: '{n} sekund',
    other: '{n} sekundy',
  },
  minutesAndSeconds: '{minutes} {seconds}',
  extendedElsewhere: 'Sesja została przedłużona w innej karcie.',
  signedOutElsewhere: 'Nastąpiło wylogowanie w innej karcie.',
};

export default strings;
