import type { DialogStrings } from '../strings.js';

/** French messages of the warning dialog (loaded on demand). */
const strings: DialogStrings = {
  idleHeading: 'Votre session va bientôt expirer',
  idleMessage:
    'Vous n’avez pas utilisé ce site depuis un moment. Pour protéger vos informations, nous allons fermer votre session, sauf si vous choisissez de la prolonger.',
  absoluteHeading: 'Votre session se termine',
  absoluteMessage:
    'Pour votre sécurité, une session a une durée limitée et ne peut pas être prolongée. Enregistrez votre travail maintenant : vous devrez vous reconnecter.',
  timeLeftLabel: 'Temps restant :',
  stayButton: 'Rester connecté',
  acknowledgeButton: 'OK',
  logoutButton: 'Se déconnecter maintenant',
  idleAnnouncement: 'Votre session expirera dans {time}.',
  absoluteAnnouncement: 'Votre session se terminera dans {time}.',
  minutes: {
    one: '{n} minute',
    many: '{n} de minutes',
    other: '{n} minutes',
  },
  seconds: {
    one: '{n} seconde',
    many: '{n} de secondes',
    other: '{n} secondes',
  },
  minutesAndSeconds: '{minutes} {seconds}',
  extendedElsewhere: 'Votre session a été prolongée dans un autre onglet.',
  signedOutElsewhere: 'Votre session a été fermée dans un autre onglet.',
};

export default strings;
