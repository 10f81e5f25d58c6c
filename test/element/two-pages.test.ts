import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { SessionSecurityElement } from '../../components/session-security/session-security.js';
import { uniqueChannel } from '../support/channels.js';
import { afterEach, describe, it } from '../support/mocha.js';
import { dialogButton, unmountAll, waitForLeader } from './support/element-fixture.js';

// Real pages, real clock, a real protocol endpoint (test/browser-commands.mjs): short timeouts
// and short real waits.
const ENDPOINT = '/test-session-security';

interface MochaContext {
  timeout(ms: number): void;
}

interface LoggedRequest {
  method: string;
  atMs: number;
  referer?: string;
}

async function waitFor(
  condition: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 8_000,
) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
}

async function openSecondTab(channel: string, query = ''): Promise<number> {
  const id = (await executeServerCommand('open-page', {
    path: `/test/element/fixtures/second-tab.html?channel=${channel}${query}`,
  })) as number;
  await waitFor(async () => (await stateIn(id)) === 'active', 'the second tab runs');
  return id;
}

async function runIn(id: number, expression: string): Promise<unknown> {
  const result = (await executeServerCommand('page-eval', { id, expression })) as {
    value: unknown;
  };
  return result.value;
}

async function stateIn(id: number): Promise<string | null> {
  const state = await runIn(
    id,
    `document.querySelector('session-security')?.getAttribute('state') ?? null`,
  );
  return typeof state === 'string' ? state : null;
}

async function mountHere(channel: string): Promise<SessionSecurityElement> {
  const el = document.createElement('session-security');
  el.setAttribute('channel', channel);
  el.setAttribute('endpoint', ENDPOINT);
  el.setAttribute('expire-action', 'none');
  document.body.append(el);
  await el.updateComplete;
  return el;
}

async function resetServer(warnAfterSeconds: number, expireAfterSeconds: number) {
  await executeServerCommand('protocol-server-reset', {
    timeouts: { warnAfterSeconds, expireAfterSeconds },
  });
}

describe('two real pages in one browser context', () => {
  const opened: number[] = [];
  afterEach(async () => {
    unmountAll();
    for (const id of opened.splice(0)) await executeServerCommand('close-page', { id });
  });

  it('share warnings, activity, "stay signed in" and logout', async function (this: MochaContext) {
    this.timeout(30_000);
    await resetServer(2, 30);
    const channel = uniqueChannel();
    const here = await mountHere(channel);
    await waitForLeader(channel);
    const other = await openSecondTab(channel);
    opened.push(other);

    await waitFor(
      async () => here.state === 'warning' && (await stateIn(other)) === 'warning',
      'both tabs warn',
    );

    // "Stay signed in" in the other tab closes the warning here.
    await runIn(
      other,
      `document.querySelector('session-security').shadowRoot.querySelector('session-security-dialog').shadowRoot.querySelector('button.stay').click()`,
    );
    await waitFor(() => here.state === 'active', 'the warning closes here');
    expect(await stateIn(other)).to.equal('active');

    // A key press here during the next warning closes it in the other tab.
    await waitFor(
      async () => here.state === 'warning' && (await stateIn(other)) === 'warning',
      'both warn again',
    );
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Shift' }));
    await waitFor(
      async () => (await stateIn(other)) === 'active',
      'the other tab closes its warning',
    );

    // Logging out here signs the other tab out.
    await waitFor(() => here.state === 'warning', 'a third warning here');
    await here.updateComplete;
    dialogButton(here, 'logout').click();
    await waitFor(async () => (await stateIn(other)) === 'expired', 'the other tab is signed out');
    expect(here.state).to.equal('expired');
    const log = (await executeServerCommand('protocol-server-log')) as LoggedRequest[];
    expect(log.at(-1)?.method).to.equal('DELETE');
  });

  it('hands the routine checks over when the leading page closes', async function (this: MochaContext) {
    this.timeout(30_000);
    await resetServer(2, 4);
    const channel = uniqueChannel();
    const other = await openSecondTab(channel);
    opened.push(other);
    const here = await mountHere(channel);
    // The other page leads: it was first. Close it and this page takes over.
    await executeServerCommand('close-page', { id: opened.pop() ?? other });
    await waitForLeader(channel);
    const closedAtMs = Date.now();
    await waitFor(() => here.state === 'expired', 'this page acts at expiry alone', 10_000);
    const log = (await executeServerCommand('protocol-server-log')) as LoggedRequest[];
    const after = log.filter((request) => request.atMs >= closedAtMs);
    expect(after.length).to.be.greaterThan(0);
    expect(after.every((request) => !request.referer?.includes('second-tab.html'))).to.equal(true);
    expect(after.at(-1)?.method).to.equal('GET');
  });

  it('without Web Locks, a localStorage lease still lets one page run the routine checks', async function (this: MochaContext) {
    this.timeout(30_000);
    await resetServer(4, 60);
    const channel = uniqueChannel();
    const first = await openSecondTab(channel, '&nolocks&tab=first');
    opened.push(first);
    const second = await openSecondTab(channel, '&nolocks&tab=second');
    opened.push(second);
    for (const id of [first, second]) {
      expect(await runIn(id, 'navigator.locks === undefined')).to.equal(true);
    }
    await waitFor(
      async () => (await stateIn(first)) === 'warning' && (await stateIn(second)) === 'warning',
      'both pages warn',
    );
    const lease = JSON.parse(localStorage.getItem(`session-security:leader:${channel}`) ?? 'null');
    expect(typeof lease?.holder).to.equal('string');
    const log = (await executeServerCommand('protocol-server-log')) as LoggedRequest[];
    const requestsOf = (tab: string) =>
      log.filter((request) => request.referer?.includes(`tab=${tab}`)).length;
    // Each page checks once as it loads; only the leader checks again before the warning.
    const counts = [requestsOf('first'), requestsOf('second')].sort();
    expect(counts[0]).to.equal(1);
    expect(counts[1]).to.be.greaterThan(1);
  });
});
