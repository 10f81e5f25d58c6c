import type { DialogStrings } from '../strings.js';

/** Hebrew messages of the warning dialog (loaded on demand). */
const strings: DialogStrings = {
  idleHeading: 'החיבור שלך יפוג בקרוב',
  idleMessage:
    'לא היה שימוש באתר זה זמן מה. כדי להגן על המידע שלך, החיבור יסתיים אוטומטית אלא אם יוארך.',
  absoluteHeading: 'החיבור שלך מסתיים',
  absoluteMessage:
    'מטעמי אבטחה, משך החיבור מוגבל ואי אפשר להאריך אותו. כדאי לשמור את העבודה עכשיו; לאחר מכן יהיה צורך להתחבר מחדש.',
  timeLeftLabel: 'הזמן שנותר:',
  stayButton: 'הארכת החיבור',
  acknowledgeButton: 'אישור',
  logoutButton: 'התנתקות עכשיו',
  idleAnnouncement: 'החיבור יסתיים בעוד {time}.',
  absoluteAnnouncement: 'החיבור יסתיים סופית בעוד {time}.',
  minutes: {
    one: 'דקה אחת',
    two: 'שתי דקות',
    many: '{n} דקות',
    other: '{n} דקות',
  },
  seconds: {
    one: 'שנייה אחת',
    two: 'שתי שניות',
    many: '{n} שניות',
    other: '{n} שניות',
  },
  minutesAndSeconds: '{minutes} ו־{seconds}',
  extendedElsewhere: 'החיבור הוארך בכרטיסייה אחרת.',
  signedOutElsewhere: 'בוצעה התנתקות בכרטיסייה אחרת.',
};

export default strings;
