/** Shared set-up for the dialog tests: registers the tag and builds an open dialog. */
import '../../../components/session-security-dialog/define.js';
import { fixture, html } from '@open-wc/testing';
import type { WarningKind } from '../../../components/session-security/core/deadlines.js';
import {
  loadStrings,
  matchLocale,
} from '../../../components/session-security-dialog/locale-registry.js';
import type { SessionSecurityDialogElement } from '../../../components/session-security-dialog/session-security-dialog.js';

/** A fixed clock the tests move by hand. */
export function manualClock(startMs = 1_700_000_000_000): {
  nowMs: () => number;
  advance(ms: number): void;
} {
  let now = startMs;
  return {
    nowMs: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

export interface OpenDialogOptions {
  secondsLeft?: number;
  kind?: WarningKind;
  lang?: string;
  nowMs?: () => number;
}

/** A dialog in the document, opened with `secondsLeft` before its deadline. */
export async function openDialog(
  options: OpenDialogOptions = {},
): Promise<SessionSecurityDialogElement> {
  const nowMs = options.nowMs ?? (() => Date.now());
  const deadlineMs = nowMs() + (options.secondsLeft ?? 120) * 1000;
  const el = await fixture<SessionSecurityDialogElement>(html`<session-security-dialog
    lang=${options.lang ?? 'en'}
    kind=${options.kind ?? 'idle'}
    .now=${nowMs}
    .deadlineMs=${deadlineMs}
  ></session-security-dialog>`);
  el.open = true;
  await el.updateComplete;
  return el;
}

/** An element inside the dialog's shadow root. */
export function part<T extends Element = HTMLElement>(el: Element, selector: string): T {
  const found = el.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector} in the dialog`);
  return found;
}

/** An open dialog in `lang` with `secondsLeft` left, its language's messages loaded. */
export async function dialogIn(
  lang: string,
  secondsLeft: number,
): Promise<SessionSecurityDialogElement> {
  const clock = manualClock();
  const el = await fixture<SessionSecurityDialogElement>(html`<session-security-dialog
    lang=${lang} .now=${clock.nowMs} .deadlineMs=${clock.nowMs() + secondsLeft * 1000} open
  ></session-security-dialog>`);
  await loadStrings(matchLocale(lang));
  await el.updateComplete;
  return el;
}

/** The trimmed text of an element inside the dialog's shadow root. */
export const text = (el: Element, selector: string) => part(el, selector).textContent?.trim() ?? '';
