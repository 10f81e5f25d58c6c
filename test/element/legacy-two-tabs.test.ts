import '../../components/session-security/define.js';
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import sinon from 'sinon';
import { LegacyPingView } from '../support/legacy-ping-view.js';
import { afterEach, describe, it } from '../support/mocha.js';
import { waitForLeader } from './support/element-fixture.js';
import { type PingCall, servePings } from './support/legacy-ping-rpc.js';

// Two real tabs cannot share a fake clock: this test runs on the real one, with timeouts of a
// few seconds (warn 2 s, expire 6 s) and short polls.
const PING_PATH = '/session_security/ping/';

/** Payload of the `page-eval` command of test/browser-commands.mjs. */
interface PageEval {
  readonly id: number;
  readonly expression: string;
}

function realDelay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function eventually(condition: () => Promise<boolean>, what: string, ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await condition()) return;
    await realDelay(50);
  }
  throw new Error(`timed out waiting until ${what}`);
}

/** Evaluates `expression` in the page opened as `id` (test/browser-commands.mjs). */
async function evalInPage(id: number, expression: string): Promise<unknown> {
  const result = await executeServerCommand<unknown, PageEval>('page-eval', { id, expression });
  // Some versions of the command wrap the result as { value } (null would mean "not handled").
  const wrapped = typeof result === 'object' && result !== null && 'value' in result;
  return wrapped ? (result as { value: unknown }).value : result;
}

describe('<session-security legacy-ping-url> in two real tabs', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('a key press in one tab while the warning shows hides it in both, with one ping', async () => {
    const channel = `legacy-two-${Math.random().toString(36).slice(2)}`;
    const view = new LegacyPingView(() => Date.now(), 6, PING_PATH);
    const fromSecondTab: PingCall[] = [];
    cleanups.push(servePings(view, channel, fromSecondTab));
    const fetchStub = sinon
      .stub(window, 'fetch')
      .callsFake((input, init) => view.fetch(String(input), init));
    cleanups.push(() => fetchStub.restore());

    const attributes = {
      'legacy-ping-url': PING_PATH,
      'warn-after': '2',
      'expire-after': '6',
      'expire-action': 'none',
      channel,
    };
    const first = document.createElement('session-security');
    for (const [name, value] of Object.entries(attributes)) first.setAttribute(name, value);
    document.body.append(first);
    cleanups.push(() => first.remove());
    await waitForLeader(channel);

    // The second tab's page request counts as activity on the server, as it did in Django.
    view.pageLoad();
    const query = new URLSearchParams(attributes).toString();
    const pageId = await executeServerCommand<number, { path: string }>('open-page', {
      path: `/test/element/fixtures/legacy-second-tab.html?${query}`,
    });
    cleanups.push(() => executeServerCommand('close-page', { id: pageId }));
    const secondState = () =>
      evalInPage(pageId, "document.querySelector('session-security')?.state ?? 'missing'");

    await eventually(
      async () => first.state === 'warning' && (await secondState()) === 'warning',
      'both tabs warn',
      4_000,
    );
    const pingsBefore = fromSecondTab.length;
    await evalInPage(pageId, "document.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }))");
    await eventually(
      async () => first.state === 'active' && (await secondState()) === 'active',
      'both tabs are active again',
      3_000,
    );
    const activityPings = fromSecondTab.slice(pingsBefore);
    expect(activityPings).to.have.length(1);
    const url = new URL(activityPings[0]?.url ?? '', location.href);
    expect(url.pathname).to.equal(PING_PATH);
    expect(url.searchParams.get('idleFor')).to.equal('0');
    expect(activityPings[0]?.method).to.equal('GET');
    expect(view.lastActivityMs).to.be.greaterThan(Date.now() - 2_000);
  });
});
