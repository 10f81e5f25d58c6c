import { expect, fixture, html } from '@open-wc/testing';
import sinon from 'sinon';
import {
  nextAnnouncementSeconds,
  shouldAnnounce,
} from '../../components/session-security-dialog/announcement-cadence.js';
import type { SessionSecurityDialogElement } from '../../components/session-security-dialog/session-security-dialog.js';
import { afterEach, describe, it } from '../support/mocha.js';
import { part } from './support/dialog-fixture.js';

/** Runs the cadence over a whole warning, one call per second, as the countdown does. */
function simulate(warningSeconds: number): number[] {
  const announced: number[] = [];
  let last: number | null = null;
  for (let left = warningSeconds; left >= 0; left -= 1) {
    if (shouldAnnounce(left, last)) {
      announced.push(left);
      last = left;
    }
  }
  return announced;
}

describe('announcement cadence (pure)', () => {
  it('announces when the warning opens, then on round minutes, then every 20 s', () => {
    expect(simulate(300)).to.deep.equal([300, 240, 180, 120, 60, 40, 20]);
    expect(simulate(60)).to.deep.equal([60, 40, 20]);
    expect(simulate(130)).to.deep.equal([130, 60, 40, 20]);
  });

  it('never speaks twice within a minute before the last minute, or within 20 s in it', () => {
    for (const warning of [30, 59, 61, 75, 119, 121, 181, 599]) {
      const announced = simulate(warning);
      for (let i = 1; i < announced.length; i += 1) {
        const previous = announced[i - 1] as number;
        const current = announced[i] as number;
        expect(previous - current, `${warning}: ${announced}`).to.be.at.least(
          current > 60 ? 60 : 20,
        );
      }
    }
  });

  it('keeps 20 s between the opening announcement and the next in the last minute', () => {
    expect(nextAnnouncementSeconds(59)).to.equal(20);
    expect(nextAnnouncementSeconds(61)).to.equal(40);
    expect(nextAnnouncementSeconds(25)).to.equal(0);
    expect(simulate(25)).to.deep.equal([25]);
  });

  it('announces once after a jump over several marks (a sleeping laptop)', () => {
    expect(shouldAnnounce(70, 300)).to.equal(true);
    expect(shouldAnnounce(241, 300)).to.equal(false);
  });

  it('never announces at or after the deadline', () => {
    expect(shouldAnnounce(0, null)).to.equal(false);
    expect(shouldAnnounce(0, 20)).to.equal(false);
  });
});

describe('announcements in the page (fake clock, live-region mutations)', () => {
  let clock: sinon.SinonFakeTimers | undefined;
  afterEach(() => {
    clock?.restore();
    clock = undefined;
  });

  async function runWarning(
    warningSeconds: number,
    variant: 'modal' | 'banner' = 'modal',
  ): Promise<{
    announcements: string[];
    timerChanges: number;
    timerTexts: string[];
  }> {
    clock = sinon.useFakeTimers({
      now: 1_700_000_000_000,
      toFake: ['setTimeout', 'clearTimeout', 'Date'],
    });
    const el = await fixture<SessionSecurityDialogElement>(
      html`<session-security-dialog lang="en"></session-security-dialog>`,
    );
    el.deadlineMs = Date.now() + warningSeconds * 1000;
    el.variant = variant;
    await el.updateComplete;
    const announcer = part(el, '.announcer');
    const timer = part(el, '[role="timer"]');
    const announcements: string[] = [];
    const timerTexts: string[] = [];
    const observer = new MutationObserver(() => {
      const text = announcer.textContent?.trim() ?? '';
      if (text !== '' && text !== announcements[announcements.length - 1]) announcements.push(text);
      const time = timer.textContent?.trim() ?? '';
      if (time !== timerTexts[timerTexts.length - 1]) timerTexts.push(time);
    });
    observer.observe(el.shadowRoot as ShadowRoot, {
      subtree: true,
      childList: true,
      characterData: true,
    });
    el.open = true;
    await el.updateComplete;
    for (let second = 0; second < warningSeconds + 5; second += 1) {
      await clock.tickAsync(1000);
      await el.updateComplete;
    }
    await Promise.resolve();
    observer.disconnect();
    return { announcements, timerChanges: timerTexts.length, timerTexts };
  }

  it('speaks twice over a 60-second warning while the timer changes every second', async () => {
    const { announcements, timerChanges, timerTexts } = await runWarning(60);
    expect(announcements).to.deep.equal([
      'You will be signed out in 40 seconds.',
      'You will be signed out in 20 seconds.',
    ]);
    expect(timerChanges).to.be.at.least(59);
    expect(timerTexts[timerTexts.length - 1]).to.equal('0 seconds');
  });

  it('speaks 6 times over a 5-minute warning, never every second', async () => {
    const { announcements, timerChanges } = await runWarning(300);
    expect(announcements).to.deep.equal([
      'You will be signed out in 4 minutes.',
      'You will be signed out in 3 minutes.',
      'You will be signed out in 2 minutes.',
      'You will be signed out in 1 minute.',
      'You will be signed out in 40 seconds.',
      'You will be signed out in 20 seconds.',
    ]);
    expect(timerChanges).to.be.at.least(299);
  });

  it('makes the banner, which takes no focus, speak once when it appears', async () => {
    const { announcements } = await runWarning(60, 'banner');
    expect(announcements).to.deep.equal([
      'You will be signed out in 59 seconds.',
      'You will be signed out in 40 seconds.',
      'You will be signed out in 20 seconds.',
    ]);
  });

  it('stops ticking when closed and when disconnected', async () => {
    clock = sinon.useFakeTimers({
      now: 1_700_000_000_000,
      toFake: ['setTimeout', 'clearTimeout', 'Date'],
    });
    const el = await fixture<SessionSecurityDialogElement>(
      html`<session-security-dialog lang="en"></session-security-dialog>`,
    );
    el.deadlineMs = Date.now() + 60_000;
    el.open = true;
    await el.updateComplete;
    expect(clock.countTimers()).to.equal(1);
    el.open = false;
    await el.updateComplete;
    expect(clock.countTimers()).to.equal(0);
    el.open = true;
    await el.updateComplete;
    expect(clock.countTimers()).to.equal(1);
    const parent = el.parentElement as HTMLElement;
    el.remove();
    expect(clock.countTimers()).to.equal(0);
    parent.append(el);
    await el.updateComplete;
    expect(clock.countTimers()).to.equal(1);
    el.remove();
    expect(clock.countTimers()).to.equal(0);
  });
});
