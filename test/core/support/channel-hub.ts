import type { CrossTabChannel } from '../../../components/session-security/core/cross-tab-channel.js';
import {
  parseTabMessage,
  type TabMessage,
} from '../../../components/session-security/core/tab-messages.js';

/**
 * In-memory "tabs": channels that deliver to every other channel of the hub on the next
 * microtask, validating like the real ones. `posted` records everything sent.
 */
export class ChannelHub {
  readonly posted: TabMessage[] = [];
  #channels = new Set<HubChannel>();

  open(): HubChannel {
    const channel = new HubChannel(this);
    this.#channels.add(channel);
    return channel;
  }

  /** Delivers raw, untrusted data to every channel, as if another tab had sent it. */
  inject(data: unknown): void {
    for (const channel of this.#channels) channel.receive(data);
  }

  send(from: HubChannel, message: TabMessage): void {
    this.posted.push(message);
    const clone = structuredClone(message);
    queueMicrotask(() => {
      for (const channel of this.#channels) if (channel !== from) channel.receive(clone);
    });
  }

  remove(channel: HubChannel): void {
    this.#channels.delete(channel);
  }
}

export class HubChannel implements CrossTabChannel {
  #listeners = new Set<(message: TabMessage) => void>();
  constructor(private readonly hub: ChannelHub) {}

  post(message: TabMessage): void {
    this.hub.send(this, message);
  }

  subscribe(listener: (message: TabMessage) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  receive(data: unknown): void {
    const message = parseTabMessage(data);
    if (message) for (const listener of this.#listeners) listener(message);
  }

  close(): void {
    this.#listeners.clear();
    this.hub.remove(this);
  }
}
