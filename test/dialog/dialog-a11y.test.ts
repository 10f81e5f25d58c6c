import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { SessionSecurityDialogElement } from '../../components/session-security-dialog/session-security-dialog.js';
import { afterEach, describe, it } from '../support/mocha.js';
import { openDialog, part } from './support/dialog-fixture.js';

/** Relative luminance and contrast ratio (WCAG 2.2) of two computed `rgb()` colours. */
function luminance(color: string): number {
  const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((part) => {
    const c = Number(part) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

function colours(el: SessionSecurityDialogElement): Record<string, string> {
  const dialog = getComputedStyle(part(el, 'dialog'));
  const stay = getComputedStyle(part(el, '.stay'));
  const logout = getComputedStyle(part(el, '.logout'));
  return {
    background: dialog.backgroundColor,
    text: dialog.color,
    stayBackground: stay.backgroundColor,
    stayText: stay.color,
    logoutBorder: logout.borderTopColor,
    logoutText: logout.color,
  };
}

describe('session-security-dialog accessibility (axe)', () => {
  afterEach(async () => {
    await emulateMedia({
      colorScheme: 'light',
      forcedColors: 'none',
      reducedMotion: 'no-preference',
    });
  });

  it('has no violations when open, light scheme', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const el = await openDialog();
    await expect(el).shadowDom.to.be.accessible();
  });

  it('has no violations when open, dark scheme, and really is dark', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const el = await openDialog();
    await expect(el).shadowDom.to.be.accessible();
    expect(luminance(colours(el).background ?? '')).to.be.below(0.05);
  });

  it('has no violations in forced-colors mode, with a visible border', async () => {
    await emulateMedia({ forcedColors: 'active' });
    const el = await openDialog();
    await expect(el).shadowDom.to.be.accessible();
    expect(Number.parseFloat(getComputedStyle(part(el, 'dialog')).borderTopWidth)).to.be.at.least(
      2,
    );
  });

  it('has no violations for the absolute-lifetime notice and the banner', async () => {
    const absolute = await openDialog({ kind: 'absolute' });
    await expect(absolute).shadowDom.to.be.accessible();
    const banner = await fixture<SessionSecurityDialogElement>(html`<session-security-dialog
      lang="en" variant="banner" .deadlineMs=${Date.now() + 90_000} open
    ></session-security-dialog>`);
    await expect(banner).shadowDom.to.be.accessible();
  });

  it('meets 4.5:1 for text and 3:1 for controls in both schemes', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await emulateMedia({ colorScheme });
      const el = await openDialog();
      const c = colours(el) as Record<string, string>;
      expect(contrast(c.text as string, c.background as string), colorScheme).to.be.at.least(4.5);
      expect(
        contrast(c.stayText as string, c.stayBackground as string),
        colorScheme,
      ).to.be.at.least(4.5);
      expect(
        contrast(c.stayBackground as string, c.background as string),
        colorScheme,
      ).to.be.at.least(3);
      expect(
        contrast(c.logoutBorder as string, c.background as string),
        colorScheme,
      ).to.be.at.least(3);
      expect(contrast(c.logoutText as string, c.background as string), colorScheme).to.be.at.least(
        4.5,
      );
    }
  });

  it('draws a focus ring of 3:1 or more around the focused button', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await emulateMedia({ colorScheme });
      const el = await openDialog();
      const stay = part(el, '.stay');
      stay.focus({ focusVisible: true } as FocusOptions);
      const style = getComputedStyle(stay);
      expect(style.outlineStyle, colorScheme).to.equal('solid');
      expect(Number.parseFloat(style.outlineWidth)).to.be.at.least(2);
      const background = colours(el).background as string;
      expect(contrast(style.outlineColor, background), colorScheme).to.be.at.least(3);
    }
  });

  it('has no animation or transition under prefers-reduced-motion', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const el = await openDialog();
    for (const selector of ['dialog', '.stay', '.logout']) {
      const style = getComputedStyle(part(el, selector));
      expect(style.animationName, selector).to.equal('none');
      expect(style.transitionDuration, selector).to.equal('0s');
    }
  });

  it('names the timer and keeps it silent, and has a polite live region', async () => {
    const el = await openDialog();
    const timer = part(el, '[role="timer"]');
    expect(timer.getAttribute('aria-live')).to.equal('off');
    expect(part(el, `#${timer.getAttribute('aria-labelledby')}`).textContent).to.equal(
      'Time left:',
    );
    const announcer = part(el, '.announcer');
    expect(announcer.getAttribute('role')).to.equal('status');
    expect(announcer.getAttribute('aria-live')).to.equal('polite');
    expect(announcer.getBoundingClientRect().width).to.be.at.most(1);
  });
});
