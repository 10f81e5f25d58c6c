import '../../../components/session-security/define.js';
import sinon from 'sinon';
import type { SessionSecurityElement } from '../../../components/session-security/session-security.js';
import type { SessionSecurityDialogElement } from '../../../components/session-security-dialog/session-security-dialog.js';
import { uniqueChannel } from '../../support/channels.js';
import { FakeServer } from '../../support/fake-server.js';
import { flushMicrotasks, nextTask } from '../../support/ticks.js';

export const EVENT_NAMES = [
  'session-security-warning',
  'session-security-extended',
  'session-security-before-expire',
  'session-security-expired',
  'session-security-logged-out',
  'session-security-error',
] as const;

export interface Mounted {
  el: SessionSecurityElement;
  server: FakeServer;
  navigation: { reload: sinon.SinonSpy; assign: sinon.SinonSpy };
  events: CustomEvent[];
  /** Names of the events fired so far, in order. */
  eventNames(): string[];
}

/** Waits (real tasks) until this page holds the leader lock of `channel`. */
export async function waitForLeader(channel: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    const { held } = await navigator.locks.query();
    if (held?.some((lock) => lock.name === `session-security:${channel}`)) return;
    await nextTask();
  }
  throw new Error(`no tab leads channel ${channel}`);
}

/**
 * A `<session-security>` in the document with a fake server as its transport, a spy navigation,
 * `expire-action="none"` unless given, a channel of its own; it leads before this resolves.
 */
export async function mount(
  attributes: Record<string, string> = {},
  server: FakeServer = new FakeServer(() => Date.now()),
  options: { transport?: boolean; lightDom?: string; now?: () => number } = {},
): Promise<Mounted> {
  const el = document.createElement('session-security');
  if (options.now) el.now = options.now;
  const all = { channel: uniqueChannel(), 'expire-action': 'none', ...attributes };
  for (const [name, value] of Object.entries(all)) el.setAttribute(name, value);
  if (options.transport !== false) el.transport = server;
  const navigation = { reload: sinon.spy(), assign: sinon.spy() };
  el.navigation = navigation;
  if (options.lightDom) el.innerHTML = options.lightDom;
  const events: CustomEvent[] = [];
  for (const name of EVENT_NAMES) el.addEventListener(name, (event) => events.push(event));
  document.body.append(el);
  await el.updateComplete;
  await waitForLeader(all.channel);
  await flushMicrotasks();
  await el.updateComplete;
  return { el, server, navigation, events, eventNames: () => events.map((event) => event.type) };
}

/** Removes every mounted element. */
export function unmountAll(): void {
  for (const el of document.querySelectorAll('session-security')) el.remove();
}

/** The dialog inside the element's shadow root. */
export function dialogOf(el: SessionSecurityElement): SessionSecurityDialogElement {
  const dialog = el.shadowRoot?.querySelector('session-security-dialog');
  if (!dialog) throw new Error('no dialog rendered');
  return dialog;
}

/** A button of the dialog, through both shadow roots. */
export function dialogButton(
  el: SessionSecurityElement,
  which: 'stay' | 'logout',
): HTMLButtonElement {
  const button = dialogOf(el).shadowRoot?.querySelector<HTMLButtonElement>(`button.${which}`);
  if (!button) throw new Error(`no ${which} button`);
  return button;
}
