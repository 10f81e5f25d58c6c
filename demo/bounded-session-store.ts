import type { SessionStore } from '@fastify/session';

type Callback = (error?: unknown, value?: never) => void;

/**
 * Wraps a session store so that each call answers within `timeoutMs`: a store that does not
 * answer in time (a frozen Redis) fails the call, and the plugin then answers 503 instead of
 * leaving the request hanging. A late answer is ignored. The Redis client's own command timeout
 * does not do this: it stops counting once the command is written to the socket.
 */
export function boundedSessionStore(store: SessionStore, timeoutMs: number): SessionStore {
  function bounded(name: string, call: (callback: Callback) => void, callback: Callback): void {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      callback(new Error(`demo: the session store did not answer ${name} within ${timeoutMs} ms`));
    }, timeoutMs);
    call((error, value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      callback(error, value);
    });
  }
  return {
    get: (sessionId, callback) =>
      bounded('get', (done) => store.get(sessionId, done as never), callback as Callback),
    set: (sessionId, session, callback) =>
      bounded('set', (done) => store.set(sessionId, session, done), callback as Callback),
    destroy: (sessionId, callback) =>
      bounded('destroy', (done) => store.destroy(sessionId, done), callback as Callback),
  };
}
