import type { DialogStrings } from '../strings.js';

/** Ukrainian messages of the warning dialog (loaded on demand). */
const strings: DialogStrings = {
  idleHeading: 'Ваш сеанс незабаром завершиться',
  idleMessage:
    'Ви деякий час не користувалися цим сайтом. Щоб захистити ваші дані, ми завершимо сеанс, якщо ви його не продовжите.',
  absoluteHeading: 'Ваш сеанс завершується',
  absoluteMessage:
    'З міркувань безпеки сеанс має обмежену тривалість, і його не можна продовжити. Збережіть свою роботу зараз; потім потрібно буде увійти знову.',
  timeLeftLabel: 'Залишок часу:',
  stayButton: 'Продовжити сеанс',
  acknowledgeButton: 'Гаразд',
  logoutButton: 'Вийти зараз',
  idleAnnouncement: 'Час до завершення сеансу: {time}.',
  absoluteAnnouncement: 'Час до кінця сеансу: {time}.',
  minutes: {
    one: '{n} хвилина',
    few: '{n} хвилини',
    many: '{n} хвилин',
    other: '{n} хвилини',
  },
  seconds: {
    one: '{n} секунда',
    few: '{n} секунди',
    many: '{n} секунд',
    other: '{n} секунди',
  },
  minutesAndSeconds: '{minutes} {seconds}',
  extendedElsewhere: 'Сеанс продовжено в іншій вкладці.',
  signedOutElsewhere: 'Сеанс завершено в іншій вкладці.',
};

export default strings;
