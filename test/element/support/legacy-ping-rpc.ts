import type { LegacyPingView } from '../../support/legacy-ping-view.js';

/** A ping sent by the second tab to the fake server that lives in the first one. */
export interface PingCall {
  readonly type: 'call';
  readonly id: number;
  readonly url: string;
  readonly method: string;
}

/** The fake server's answer, back to the second tab. */
export interface PingReply {
  readonly type: 'reply';
  readonly id: number;
  readonly status: number;
  readonly body: string;
  readonly networkError: boolean;
}

/** The BroadcastChannel the two tabs of one test share for pings. */
export function pingRpcChannelName(channel: string): string {
  return `legacy-ping-rpc:${channel}`;
}

/** Answers the second tab's pings with `view`; returns a function that stops answering. */
export function servePings(view: LegacyPingView, channel: string, seen: PingCall[]): () => void {
  const rpc = new BroadcastChannel(pingRpcChannelName(channel));
  rpc.onmessage = async (event: MessageEvent<PingCall | PingReply>) => {
    const call = event.data;
    if (call.type !== 'call') return;
    seen.push(call);
    let reply: PingReply;
    try {
      const response = await view.fetch(call.url, { method: call.method });
      const body = await response.text();
      reply = { type: 'reply', id: call.id, status: response.status, body, networkError: false };
    } catch {
      reply = { type: 'reply', id: call.id, status: 0, body: '', networkError: true };
    }
    rpc.postMessage(reply);
  };
  return () => rpc.close();
}
