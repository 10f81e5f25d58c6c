import type { DialogStrings } from '../strings.js';

/** Welsh messages of the warning dialog (loaded on demand). */
const strings: DialogStrings = {
  idleHeading: 'Byddwch yn cael eich allgofnodi cyn bo hir',
  idleMessage:
    'Nid ydych wedi defnyddio’r wefan hon ers tro. Er mwyn diogelu eich gwybodaeth, byddwn yn eich allgofnodi oni bai eich bod yn dewis aros wedi mewngofnodi.',
  absoluteHeading: 'Mae eich sesiwn yn dod i ben',
  absoluteMessage:
    'Er eich diogelwch, mae sesiwn yn para am amser cyfyngedig ac ni ellir ei hymestyn. Cadwch eich gwaith nawr; bydd angen i chi fewngofnodi eto.',
  timeLeftLabel: 'Amser ar ôl:',
  stayButton: 'Aros wedi mewngofnodi',
  acknowledgeButton: 'Iawn',
  logoutButton: 'Allgofnodi nawr',
  idleAnnouncement: 'Byddwch yn cael eich allgofnodi ymhen {time}.',
  absoluteAnnouncement: 'Bydd eich sesiwn yn dod i ben ymhen {time}.',
  minutes: {
    zero: '{n} munud',
    one: '{n} munud',
    two: '{n} funud',
    few: '{n} munud',
    many: '{n} munud',
    other: '{n} munud',
  },
  seconds: {
    zero: '{n} eiliad',
    one: '{n} eiliad',
    two: '{n} eiliad',
    few: '{n} eiliad',
    many: '{n} eiliad',
    other: '{n} eiliad',
  },
  minutesAndSeconds: '{minutes} {seconds}',
  extendedElsewhere: 'Cafodd eich sesiwn ei hymestyn mewn tab arall.',
  signedOutElsewhere: 'Cawsoch eich allgofnodi mewn tab arall.',
};

export default strings;
