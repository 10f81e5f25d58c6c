import type { DialogStrings } from '../strings.js';

/** Dutch messages of the warning dialog (loaded on demand). */
const strings: DialogStrings = {
  idleHeading: 'U wordt binnenkort uitgelogd',
  idleMessage:
    'U hebt deze site een tijdje niet gebruikt. Om uw gegevens te beschermen, loggen we u uit, tenzij u ervoor kiest ingelogd te blijven.',
  absoluteHeading: 'Uw sessie loopt af',
  absoluteMessage:
    'Voor uw veiligheid duurt een sessie een beperkte tijd en kan deze niet worden verlengd. Sla uw werk nu op; daarna moet u opnieuw inloggen.',
  timeLeftLabel: 'Resterende tijd:',
  stayButton: 'Ingelogd blijven',
  acknowledgeButton: 'OK',
  logoutButton: 'Nu uitloggen',
  idleAnnouncement: 'U wordt over {time} uitgelogd.',
  absoluteAnnouncement: 'Uw sessie eindigt over {time}.',
  minutes: {
    one: '{n} minuut',
    other: '{n} minuten',
  },
  seconds: {
    one: '{n} seconde',
    other: '{n} seconden',
  },
  minutesAndSeconds: '{minutes} en {seconds}',
  extendedElsewhere: 'Uw sessie is in een ander tabblad verlengd.',
  signedOutElsewhere: 'U bent in een ander tabblad uitgelogd.',
};

export default strings;
