import type { DialogStrings } from '../strings.js';

/** German messages of the warning dialog (loaded on demand). */
const strings: DialogStrings = {
  idleHeading: 'Sie werden bald abgemeldet',
  idleMessage:
    'Sie haben diese Website eine Weile nicht benutzt. Zum Schutz Ihrer Daten melden wir Sie ab, es sei denn, Sie entscheiden sich, angemeldet zu bleiben.',
  absoluteHeading: 'Ihre Sitzung endet',
  absoluteMessage:
    'Aus Sicherheitsgründen ist eine Sitzung zeitlich begrenzt und kann nicht verlängert werden. Speichern Sie jetzt Ihre Arbeit; danach müssen Sie sich erneut anmelden.',
  timeLeftLabel: 'Verbleibende Zeit:',
  stayButton: 'Angemeldet bleiben',
  acknowledgeButton: 'OK',
  logoutButton: 'Jetzt abmelden',
  idleAnnouncement: 'Sie werden in {time} abgemeldet.',
  absoluteAnnouncement: 'Ihre Sitzung endet in {time}.',
  minutes: {
    one: '{n} Minute',
    other: '{n} Minuten',
  },
  seconds: {
    one: '{n} Sekunde',
    other: '{n} Sekunden',
  },
  minutesAndSeconds: '{minutes} {seconds}',
  extendedElsewhere: 'Ihre Sitzung wurde in einem anderen Tab verlängert.',
  signedOutElsewhere: 'Sie wurden in einem anderen Tab abgemeldet.',
};

export default strings;
