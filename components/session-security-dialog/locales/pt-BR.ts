import type { DialogStrings } from '../strings.js';

/** Brazilian Portuguese messages of the warning dialog (loaded on demand). */
const strings: DialogStrings = {
  idleHeading: 'Sua sessão vai expirar em breve',
  idleMessage:
    'Você não usa este site há algum tempo. Para proteger suas informações, encerraremos sua sessão, a menos que você escolha continuar conectado.',
  absoluteHeading: 'Sua sessão está terminando',
  absoluteMessage:
    'Por segurança, uma sessão tem duração limitada e não pode ser prorrogada. Salve seu trabalho agora; você precisará entrar novamente.',
  timeLeftLabel: 'Tempo restante:',
  stayButton: 'Continuar conectado',
  acknowledgeButton: 'OK',
  logoutButton: 'Sair agora',
  idleAnnouncement: 'Sua sessão será encerrada em {time}.',
  absoluteAnnouncement: 'Sua sessão termina em {time}.',
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
  extendedElsewhere: 'Sua sessão foi prorrogada em outra aba.',
  signedOutElsewhere: 'Sua sessão foi encerrada em outra aba.',
};

export default strings;
