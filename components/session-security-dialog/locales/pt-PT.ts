import type { DialogStrings } from '../strings.js';

/** European Portuguese messages of the warning dialog (loaded on demand). */
const strings: DialogStrings = {
  idleHeading: 'A sua sessão vai expirar em breve',
  idleMessage:
    'Não utiliza este site há algum tempo. Para proteger as suas informações, vamos terminar a sessão, a menos que opte por mantê-la ativa.',
  absoluteHeading: 'A sua sessão está a terminar',
  absoluteMessage:
    'Por segurança, uma sessão tem uma duração limitada e não pode ser prolongada. Guarde já o seu trabalho; terá de iniciar sessão novamente.',
  timeLeftLabel: 'Tempo restante:',
  stayButton: 'Manter sessão iniciada',
  acknowledgeButton: 'OK',
  logoutButton: 'Terminar sessão agora',
  idleAnnouncement: 'A sessão será terminada dentro de {time}.',
  absoluteAnnouncement: 'A sua sessão termina dentro de {time}.',
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
  minutesAndSeconds: '{minutes} e {seconds}',
  extendedElsewhere: 'A sua sessão foi prolongada noutro separador.',
  signedOutElsewhere: 'A sessão foi terminada noutro separador.',
};

export default strings;
