import type { DialogStrings } from '../strings.js';

/** Japanese messages of the warning dialog (loaded on demand). */
const strings: DialogStrings = {
  idleHeading: 'まもなくログアウトされます',
  idleMessage:
    'しばらくこのサイトが使用されていません。情報を保護するため、ログインを続けることを選択しない限り、自動的にログアウトします。',
  absoluteHeading: 'セッションの有効期限が近づいています',
  absoluteMessage:
    'セキュリティのため、セッションの有効時間には上限があり、延長できません。今すぐ作業内容を保存してください。この後、再度ログインが必要になります。',
  timeLeftLabel: '残り時間：',
  stayButton: 'ログインを続ける',
  acknowledgeButton: 'OK',
  logoutButton: '今すぐログアウト',
  idleAnnouncement: 'あと{time}でログアウトされます。',
  absoluteAnnouncement: 'あと{time}でセッションが終了します。',
  minutes: {
    other: '{n}分',
  },
  seconds: {
    other: '{n}秒',
  },
  minutesAndSeconds: '{minutes}{seconds}',
  extendedElsewhere: '別のタブでセッションが延長されました。',
  signedOutElsewhere: '別のタブでログアウトされました。',
};

export default strings;
