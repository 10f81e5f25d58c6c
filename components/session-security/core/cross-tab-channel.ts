import { parseTabMessage, type TabMessage } from './tab-messages.js';

/** Messages between the tabs of one browser that share a channel name. */
export interface CrossTabChannel {
  post(message: TabMessage): void;
  /** Calls `listener` with every valid message from another tab; returns an unsubscribe. */
  subscribe(listener: (message: TabMessage) => void): () => void;
  close(): void;
}

/** Prefix of BroadcastChannel names and storage keys, before the app's channel name. */
export const CHANNEL_PREFIX = 'session-security:';

type Listener = (message: TabMessage) => void;

abstract class ValidatingChannel implements CrossTabChannel {
  protected readonly listeners = new Set<Listener>();

  abstract post(message: TabMessage): void;
  abstract close(): void;

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  protected deliver(data: unknown): void {
    const message = parseTabMessage(data);
    if (message) for (const listener of this.listeners) listener(message);
  }
}

/** Over BroadcastChannel (every current browser). */
export class BroadcastCrossTabChannel extends ValidatingChannel {
  #channel: BroadcastChannel;

  constructor(name: string) {
    super();
    this.#channel = new BroadcastChannel(CHANNEL_PREFIX + name);
    this.#channel.onmessage = (event) => this.deliver(event.data);
  }

  post(message: TabMessage): void {
    try {
      this.#channel.postMessage(message);
    } catch {
      // A closed channel: this tab is going away.
    }
  }

  close(): void {
    this.listeners.clear();
    this.#channel.close();
  }
}

/** Over `storage` events of localStorage, where BroadcastChannel is missing. */
export class StorageCrossTabChannel extends ValidatingChannel {
  #key: string;
  #count = 0;
  #onStorage = (event: StorageEvent) => {
    if (event.key === this.#key && event.newValue !== null) this.deliver(event.newValue);
  };

  constructor(
    name: string,
    private readonly storage: Storage = localStorage,
    private readonly target: EventTarget = window,
  ) {
    super();
    this.#key = CHANNEL_PREFIX + name;
    target.addEventListener('storage', this.#onStorage as EventListener);
  }

  post(message: TabMessage): void {
    // A counter makes each write differ, so that a repeated message still fires an event.
    this.#count += 1;
    try {
      this.storage.setItem(this.#key, JSON.stringify({ ...message, n: this.#count }));
    } catch {
      // Storage full or disabled: the other tabs catch up at their next server check.
    }
  }

  close(): void {
    this.listeners.clear();
    this.target.removeEventListener('storage', this.#onStorage as EventListener);
  }
}

/** The best channel this browser offers for `name`, or null where there is none. */
export function openCrossTabChannel(name: string): CrossTabChannel | null {
  if (typeof BroadcastChannel === 'function') return new BroadcastCrossTabChannel(name);
  if (typeof localStorage === 'object' && typeof window === 'object') {
    return new StorageCrossTabChannel(name);
  }
  return null;
}
