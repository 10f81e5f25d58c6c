/**
 * A second real tab for test/components/legacy-two-tabs.test.ts: a `<session-security
 * legacy-ping-url>` configured from the query string, whose `fetch` asks the first tab's fake
 * django-session-security server over a BroadcastChannel (one server for both tabs).
 */
import '../../components/session-security/define.js';
import { type PingCall, type PingReply, pingRpcChannelName } from './legacy-ping-rpc.js';

const params = new URLSearchParams(location.search);
const rpc = new BroadcastChannel(pingRpcChannelName(params.get('channel') ?? ''));
const pending = new Map<number, (reply: PingReply) => void>();
let nextCallId = 0;

rpc.onmessage = (event: MessageEvent<PingCall | PingReply>) => {
  if (event.data.type !== 'reply') return;
  pending.get(event.data.id)?.(event.data);
  pending.delete(event.data.id);
};

window.fetch = (input, init) =>
  new Promise<Response>((resolve, reject) => {
    nextCallId += 1;
    const id = nextCallId;
    pending.set(id, (reply) => {
      if (reply.networkError) reject(new TypeError('Failed to fetch'));
      else resolve(new Response(reply.body, { status: reply.status }));
    });
    const call: PingCall = { type: 'call', id, url: String(input), method: init?.method ?? 'GET' };
    rpc.postMessage(call);
  });

const el = document.createElement('session-security');
for (const name of ['legacy-ping-url', 'warn-after', 'expire-after', 'channel', 'expire-action']) {
  const value = params.get(name);
  if (value !== null) el.setAttribute(name, value);
}
el.navigation = {
  reload: () => document.body.setAttribute('data-navigated', 'reload'),
  assign: (url) => document.body.setAttribute('data-navigated', url),
};
document.body.append(el);
