import type { DialogStrings } from '../strings.js';

/** Arabic messages of the warning dialog (loaded on demand). */
const strings: DialogStrings = {
  idleHeading: 'سيتم تسجيل خروجك قريبًا',
  idleMessage:
    'لم تستخدم هذا الموقع منذ مدة. لحماية معلوماتك، سنسجّل خروجك ما لم تختر البقاء مسجّلًا.',
  absoluteHeading: 'جلستك على وشك الانتهاء',
  absoluteMessage:
    'لدواعٍ أمنية، مدة الجلسة محدودة ولا يمكن تمديدها. احفظ عملك الآن؛ ستحتاج إلى تسجيل الدخول مرة أخرى.',
  timeLeftLabel: 'الوقت المتبقي:',
  stayButton: 'البقاء مسجّلًا',
  acknowledgeButton: 'حسنًا',
  logoutButton: 'تسجيل الخروج الآن',
  idleAnnouncement: 'الوقت المتبقي قبل تسجيل الخروج: {time}.',
  absoluteAnnouncement: 'الوقت المتبقي قبل انتهاء الجلسة: {time}.',
  minutes: {
    zero: '{n} دقيقة',
    one: 'دقيقة واحدة',
    two: 'دقيقتان',
    few: '{n} دقائق',
    many: '{n} دقيقة',
    other: '{n} دقيقة',
  },
  seconds: {
    zero: '{n} ثانية',
    one: 'ثانية واحدة',
    two: 'ثانيتان',
    few: '{n} ثوانٍ',
    many: '{n} ثانية',
    other: '{n} ثانية',
  },
  minutesAndSeconds: '{minutes} و{seconds}',
  extendedElsewhere: 'تم تمديد جلستك في علامة تبويب أخرى.',
  signedOutElsewhere: 'تم تسجيل خروجك في علامة تبويب أخرى.',
};

export default strings;
