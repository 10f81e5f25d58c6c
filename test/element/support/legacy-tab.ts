/** Tabs of `<session-security legacy-ping-url>` in one page, for the legacy element tests. */
import sinon from 'sinon';
import type { SessionSecurityElement } from '../../../components/session-security/session-security.js';
import { uniqueChannel } from '../../support/channels.js';
import { flushMicrotasks, nextTask } from '../../support/ticks.js';
import { EVENT_NAMES } from './element-fixture.js';

/** The ping URL of the tabs (django-session-security's default). */
export const PING_PATH = '/session_security/ping/';

/** One tab: its element, its spied navigation and the events it fired. */
export interface Tab {
  el: SessionSecurityElement;
  navigation: { reload: sinon.SinonSpy; assign: sinon.SinonSpy };
  events: CustomEvent[];
}

/** Lets answers, Lit updates and BroadcastChannel messages through (real tasks, fake clock). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 6; i += 1) {
    await flushMicrotasks();
    await nextTask();
  }
}

/** A `<session-security legacy-ping-url>` in this page (warn 5 s, expire 10 s, spy navigation). */
export async function mountTab(attributes: Record<string, string> = {}): Promise<Tab> {
  const el = document.createElement('session-security');
  const all: Record<string, string> = {
    'legacy-ping-url': PING_PATH,
    'warn-after': '5',
    'expire-after': '10',
    channel: uniqueChannel(),
    ...attributes,
  };
  for (const [name, value] of Object.entries(all)) el.setAttribute(name, value);
  const navigation = { reload: sinon.spy(), assign: sinon.spy() };
  el.navigation = navigation;
  const events: CustomEvent[] = [];
  for (const type of EVENT_NAMES) el.addEventListener(type, (event) => events.push(event));
  document.body.append(el);
  await el.updateComplete;
  await settle();
  return { el, navigation, events };
}

/** The types of the events `tab` fired, in order. */
export const names = (tab: Tab) => tab.events.map((event) => event.type);
/** The details of the error events `tab` fired. */
export const errorsOf = (tab: Tab) =>
  tab.events
    .filter((event) => event.type === 'session-security-error')
    .map((event) => event.detail as { error: Error; retryInMs: number | null });
