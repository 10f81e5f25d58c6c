import type { DialogStrings } from '../strings.js';

/** Italian messages of the warning dialog (loaded on demand). */
const strings: DialogStrings = {
  idleHeading: 'La sessione sta per scadere',
  idleMessage:
    'Non usi questo sito da un po’. Per proteggere le tue informazioni chiuderemo la sessione, a meno che tu non scelga di mantenerla attiva.',
  absoluteHeading: 'La sessione sta per terminare',
  absoluteMessage:
    'Per sicurezza, una sessione ha una durata limitata e non può essere prolungata. Salva subito il tuo lavoro: dovrai accedere di nuovo.',
  timeLeftLabel: 'Tempo rimanente:',
  stayButton: 'Mantieni la sessione',
  acknowledgeButton: 'OK',
  logoutButton: 'Esci ora',
  idleAnnouncement: 'La sessione verrà chiusa tra {time}.',
  absoluteAnnouncement: 'La sessione terminerà tra {time}.',
  minutes: {
    one: '{n} minuto',
    many: '{n} di minuti',
    other: '{n} minuti',
  },
  seconds: {
    one: '{n} secondo',
    many: '{n} di secondi',
    other: '{n} secondi',
  },
  minutesAndSeconds: '{minutes} e {seconds}',
  extendedElsewhere: 'La sessione è stata prolungata in un’altra scheda.',
  signedOutElsewhere: 'La sessione è stata chiusa in un’altra scheda.',
};

export default strings;
