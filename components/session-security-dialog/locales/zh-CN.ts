import type { DialogStrings } from '../strings.js';

/** Simplified Chinese messages of the warning dialog (loaded on demand). */
const strings: DialogStrings = {
  idleHeading: '您即将退出登录',
  idleMessage:
    '您已有一段时间未使用本网站。为保护您的信息，除非您选择保持登录，否则我们将自动为您退出登录。',
  absoluteHeading: '您的会话即将结束',
  absoluteMessage: '出于安全考虑，会话时长有限，无法延长。请立即保存您的工作；之后需要重新登录。',
  timeLeftLabel: '剩余时间：',
  stayButton: '保持登录',
  acknowledgeButton: '确定',
  logoutButton: '立即退出登录',
  idleAnnouncement: '您将在{time}后退出登录。',
  absoluteAnnouncement: '您的会话将在{time}后结束。',
  minutes: {
    other: '{n}分钟',
  },
  seconds: {
    other: '{n}秒',
  },
  minutesAndSeconds: '{minutes}{seconds}',
  extendedElsewhere: '您的会话已在另一个标签页中延长。',
  signedOutElsewhere: '您已在另一个标签页中退出登录。',
};

export default strings;
