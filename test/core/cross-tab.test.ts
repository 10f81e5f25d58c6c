import { expect } from '@open-wc/testing';
import {
  BroadcastCrossTabChannel,
  CHANNEL_PREFIX,
  openCrossTabChannel,
  StorageCrossTabChannel,
} from '../../components/session-security/core/cross-tab-channel.js';
import { SoloElection } from '../../components/session-security/core/election.js';
import { WebLocksElection } from '../../components/session-security/core/leader-election.js';
import type { TabMessage } from '../../components/session-security/core/tab-messages.js';
import { uniqueChannel } from '../support/channels.js';
import { describe, it } from '../support/mocha.js';
import { nextTask, waitUntil } from '../support/ticks.js';

const activity: TabMessage = { v: 1, type: 'activity', atMs: 1_700_000_000_000 };

describe('cross-tab channel', () => {
  it('delivers valid messages between channels of the same name only', async () => {
    const name = uniqueChannel();
    const a = new BroadcastCrossTabChannel(name);
    const b = new BroadcastCrossTabChannel(name);
    const other = new BroadcastCrossTabChannel(uniqueChannel());
    const got: TabMessage[] = [];
    const elsewhere: TabMessage[] = [];
    b.subscribe((message) => got.push(message));
    other.subscribe((message) => elsewhere.push(message));
    a.post(activity);
    await waitUntil(() => got.length === 1, 'the message arrives');
    expect(got).to.deep.equal([activity]);
    expect(elsewhere).to.deep.equal([]);
    for (const channel of [a, b, other]) channel.close();
  });

  it('drops what a hostile script posts on the raw BroadcastChannel', async () => {
    const name = uniqueChannel();
    const receiver = new BroadcastCrossTabChannel(name);
    const got: TabMessage[] = [];
    receiver.subscribe((message) => got.push(message));
    const raw = new BroadcastChannel(CHANNEL_PREFIX + name);
    raw.postMessage({ v: 1, type: 'logout' });
    raw.postMessage({ ...activity, secret: 'session-id' });
    raw.postMessage({ ...activity, atMs: 'now' });
    raw.postMessage({ v: 1, type: 'activity', atMs: 1, padding: 'x'.repeat(5_000) });
    raw.postMessage(activity);
    await waitUntil(() => got.length === 1, 'the one valid message arrives');
    for (let i = 0; i < 5; i += 1) await nextTask();
    expect(got).to.deep.equal([activity]);
    raw.close();
    receiver.close();
  });

  it('falls back to storage events, validating the stored text', () => {
    const name = uniqueChannel();
    const target = new EventTarget();
    const written: Array<[string, string]> = [];
    const storage = {
      setItem: (key: string, value: string) => written.push([key, value]),
    } as unknown as Storage;
    const channel = new StorageCrossTabChannel(name, storage, target);
    const got: TabMessage[] = [];
    channel.subscribe((message) => got.push(message));
    channel.post(activity);
    channel.post(activity);
    expect(written.map(([key]) => key)).to.deep.equal([
      CHANNEL_PREFIX + name,
      CHANNEL_PREFIX + name,
    ]);
    expect(written[0]?.[1]).to.not.equal(written[1]?.[1]);
    const storageEvent = (key: string, newValue: string) =>
      target.dispatchEvent(new StorageEvent('storage', { key, newValue }));
    storageEvent(CHANNEL_PREFIX + name, written[0]?.[1] ?? '');
    storageEvent('some-other-key', written[0]?.[1] ?? '');
    storageEvent(CHANNEL_PREFIX + name, '{"v":1,"type":"activity"');
    storageEvent(CHANNEL_PREFIX + name, JSON.stringify({ ...activity, extra: true }));
    expect(got).to.deep.equal([activity]);
    channel.close();
    storageEvent(CHANNEL_PREFIX + name, written[0]?.[1] ?? '');
    expect(got).to.have.length(1);
  });

  it('prefers BroadcastChannel where it exists', () => {
    const channel = openCrossTabChannel(uniqueChannel());
    expect(channel).to.be.instanceOf(BroadcastCrossTabChannel);
    channel?.close();
  });
});

const LOCK_GRANT_MAX_TASKS = 5_000;

describe('leader election', () => {
  it('with Web Locks, one tab leads and the next takes over when it stops', async () => {
    const name = uniqueChannel();
    const first = new WebLocksElection(navigator.locks, name);
    const second = new WebLocksElection(navigator.locks, name);
    const leads: string[] = [];
    first.start((leader) => leader && leads.push('first'));
    // A lock grant crosses the browser process: on a loaded machine it takes more than the
    // default 200 tasks, so these two waits allow more (still bounded).
    await waitUntil(() => leads.length === 1, 'the first leads', LOCK_GRANT_MAX_TASKS);
    second.start((leader) => leader && leads.push('second'));
    for (let i = 0; i < 5; i += 1) await nextTask();
    expect(leads).to.deep.equal(['first']);
    first.stop();
    await waitUntil(() => leads.length === 2, 'the second takes over', LOCK_GRANT_MAX_TASKS);
    expect(leads).to.deep.equal(['first', 'second']);
    second.stop();
    for (let i = 0; i < 5; i += 1) await nextTask();
    const { held, pending } = await navigator.locks.query();
    expect(
      [...(held ?? []), ...(pending ?? [])].filter((l) => l.name?.endsWith(name)),
    ).to.deep.equal([]);
  });

  it('without Web Locks, every tab checks for itself', () => {
    const leads: boolean[] = [];
    new SoloElection().start((leader) => leads.push(leader));
    expect(leads).to.deep.equal([true]);
  });
});
