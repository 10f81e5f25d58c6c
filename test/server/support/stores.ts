import type {
  ActivityStore,
  AdvanceOptions,
  EndOptions,
  StartOptions,
} from '../../../server/index.js';
import { memoryActivityStore } from '../../../server/index.js';

/** An activity store that can be made to fail, and can lose a record, like a real backend. */
export class FlakyActivityStore implements ActivityStore {
  failing = false;
  readonly #inner: ActivityStore;
  readonly #dropped = new Set<string>();

  constructor(inner: ActivityStore = memoryActivityStore()) {
    this.#inner = inner;
  }

  #check(): void {
    if (this.failing) throw new Error('connection refused');
  }

  /** Forgets a record (as a backend that lost it would). */
  drop(sessionId: string): void {
    this.#dropped.add(sessionId);
  }

  async get(sessionId: string) {
    this.#check();
    return this.#dropped.has(sessionId) ? null : this.#inner.get(sessionId);
  }
  async start(sessionId: string, options: StartOptions) {
    this.#check();
    this.#dropped.delete(sessionId);
    return this.#inner.start(sessionId, options);
  }
  async advance(sessionId: string, options: AdvanceOptions) {
    this.#check();
    return this.#inner.advance(sessionId, options);
  }
  async end(sessionId: string, options: EndOptions) {
    this.#check();
    return this.#inner.end(sessionId, options);
  }
}

/** An express-session compatible store over a Map, counting writes. */
export class CountingSessionStore {
  readonly map = new Map<string, string>();
  sets = 0;
  set(id: string, session: unknown, callback: (error?: unknown) => void): void {
    this.sets += 1;
    this.map.set(id, JSON.stringify(session));
    callback();
  }
  get(id: string, callback: (error: unknown, session?: unknown) => void): void {
    const text = this.map.get(id);
    callback(null, text === undefined ? null : JSON.parse(text));
  }
  destroy(id: string, callback: (error?: unknown) => void): void {
    this.map.delete(id);
    callback();
  }
}
