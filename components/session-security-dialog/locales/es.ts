import type { DialogStrings } from '../strings.js';

/** Spanish messages of the warning dialog (loaded on demand). */
const strings: DialogStrings = {
  idleHeading: 'Su sesión caducará pronto',
  idleMessage:
    'No ha usado este sitio durante un tiempo. Para proteger su información, cerraremos su sesión a menos que decida mantenerla abierta.',
  absoluteHeading: 'Su sesión está terminando',
  absoluteMessage:
    'Por su seguridad, una sesión dura un tiempo limitado y no se puede ampliar. Guarde su trabajo ahora; tendrá que volver a iniciar sesión.',
  timeLeftLabel: 'Tiempo restante:',
  stayButton: 'Mantener la sesión',
  acknowledgeButton: 'Aceptar',
  logoutButton: 'Cerrar sesión ahora',
  idleAnnouncement: 'Su sesión se cerrará en {time}.',
  absoluteAnnouncement: 'Su sesión terminará en {time}.',
  minutes: {
    one: '{n} minuto',
    many: '{n} de minutos',
    other: '{n} minutos',
  },
  seconds: {
    one: '{n} segundo',
    many: '{n} de segundos',
    other: '{n} segundos',
  },
  minutesAndSeconds: '{minutes} y {seconds}',
  extendedElsewhere: 'Su sesión se amplió en otra pestaña.',
  signedOutElsewhere: 'Su sesión se cerró en otra pestaña.',
};

export default strings;
