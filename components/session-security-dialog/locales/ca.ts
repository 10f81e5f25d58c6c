import type { DialogStrings } from '../strings.js';

/** Catalan messages of the warning dialog (loaded on demand). */
const strings: DialogStrings = {
  idleHeading: 'La sessió caducarà aviat',
  idleMessage:
    'Fa una estona que no feu servir aquest lloc. Per protegir la vostra informació, tancarem la sessió tret que decidiu mantenir-la oberta.',
  absoluteHeading: 'La sessió s’està acabant',
  absoluteMessage:
    'Per seguretat, una sessió té una durada limitada i no es pot allargar. Deseu la feina ara; haureu de tornar a iniciar la sessió.',
  timeLeftLabel: 'Temps restant:',
  stayButton: 'Mantenir la sessió',
  acknowledgeButton: 'D’acord',
  logoutButton: 'Tancar la sessió ara',
  idleAnnouncement: 'La sessió es tancarà d’aquí a {time}.',
  absoluteAnnouncement: 'La sessió acabarà d’aquí a {time}.',
  minutes: {
    one: '{n} minut',
    many: '{n} de minuts',
    other: '{n} minuts',
  },
  seconds: {
    one: '{n} segon',
    many: '{n} de segons',
    other: '{n} segons',
  },
  minutesAndSeconds: '{minutes} i {seconds}',
  extendedElsewhere: 'La sessió s’ha allargat en una altra pestanya.',
  signedOutElsewhere: 'La sessió s’ha tancat en una altra pestanya.',
};

export default strings;
