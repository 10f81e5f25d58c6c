/**
 * When the live region speaks the time left: at most once a minute, then every 20 seconds in
 * the last minute, never every second. Pure, so the cadence is tested without a page.
 *
 * Announcements fall on round marks of the time left (5:00, 4:00 ... 1:00, 0:40, 0:20) so they
 * read as round numbers; the first one is made when the warning opens, whatever the time.
 */

const lastMinuteSeconds = 60;
const lastMinuteStepSeconds = 20;
const stepSeconds = 60;

function gapBeforeMark(markSeconds: number): number {
  return markSeconds > lastMinuteSeconds ? stepSeconds : lastMinuteStepSeconds;
}

/**
 * The time left (whole seconds) at which the announcement after one made at
 * `lastAnnouncedSeconds` is due: the largest round mark that keeps the minimum gap.
 * 0 means no further announcement (the session ends instead).
 */
export function nextAnnouncementSeconds(lastAnnouncedSeconds: number): number {
  let mark =
    lastAnnouncedSeconds > lastMinuteSeconds
      ? Math.ceil(lastAnnouncedSeconds / stepSeconds) * stepSeconds
      : Math.ceil(lastAnnouncedSeconds / lastMinuteStepSeconds) * lastMinuteStepSeconds;
  while (mark > 0 && mark > lastAnnouncedSeconds - gapBeforeMark(mark)) {
    mark -= mark > lastMinuteSeconds ? stepSeconds : lastMinuteStepSeconds;
  }
  return Math.max(0, mark);
}

/**
 * Whether to announce now, with `secondsLeft` whole seconds left and the previous announcement
 * made at `lastAnnouncedSeconds` left (`null`: none yet in this warning).
 */
export function shouldAnnounce(secondsLeft: number, lastAnnouncedSeconds: number | null): boolean {
  if (secondsLeft <= 0) return false;
  if (lastAnnouncedSeconds === null) return true;
  return secondsLeft <= nextAnnouncementSeconds(lastAnnouncedSeconds);
}
