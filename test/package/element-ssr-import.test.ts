// The element class must be importable where there is no DOM (server-side rendering, tests in
// Node): importing it must not touch window, document, customElements or timers, and must not
// register anything. Lit resolves to its Node build here (export conditions).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

describe('<session-security> class import without a DOM', () => {
  it('imports in Node, defines no globals and registers no tag', async () => {
    const before = new Set(Object.keys(globalThis));
    assert.equal(typeof (globalThis as { window?: unknown }).window, 'undefined');
    assert.equal(typeof (globalThis as { document?: unknown }).document, 'undefined');
    const module = await import('../../components/session-security/session-security.js');
    assert.equal(typeof module.SessionSecurityElement, 'function');
    assert.equal(typeof (globalThis as { window?: unknown }).window, 'undefined');
    assert.equal(typeof (globalThis as { document?: unknown }).document, 'undefined');
    const registry = (globalThis as { customElements?: CustomElementRegistry }).customElements;
    assert.equal(registry?.get('session-security'), undefined);
    const added = Object.keys(globalThis).filter((key) => !before.has(key));
    // Lit's Node build may install its own minimal shims; nothing of ours.
    assert.deepEqual(
      added.filter((key) => /session/i.test(key)),
      [],
    );
  });

  it('imports the framework-free core in Node and runs a session machine there', async () => {
    const { SessionMachine } = await import(
      '../../components/session-security/core/session-machine.js'
    );
    const changes: string[] = [];
    let now = 1_000;
    // A server whose user has been idle since 1,000 ms.
    const status = () => ({
      version: 1 as const,
      state: 'active' as const,
      idleSeconds: (now - 1_000) / 1000,
      warnAfterSeconds: 5,
      expireAfterSeconds: 10,
    });
    const timers: Array<() => void> = [];
    const machine = new SessionMachine({
      nowMs: () => now,
      transport: {
        readStatus: async () => status(),
        reportActivity: async () => status(),
        logout: async () => ({ version: 1, state: 'expired', reason: 'logout' }),
      },
      scheduler: { setTimeout: (fn) => timers.push(fn), clearTimeout: () => {} },
      warnAfterSeconds: 540,
      expireAfterSeconds: 600,
      listener: {
        changed: (snapshot) => changes.push(snapshot.state),
        failed: (error) => assert.fail(error),
      },
    });
    machine.setLeader(true);
    machine.start();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(machine.snapshot.deadlineMs, 11_000);
    now = 6_000;
    machine.wake('focus');
    // The leader asks the server before it warns; the answer confirms the warning.
    assert.equal(machine.snapshot.state, 'active');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(machine.snapshot.state, 'warning');
    await machine.logout();
    const states = changes.filter((state, index) => state !== changes[index - 1]);
    assert.deepEqual(states, ['active', 'warning', 'expired']);
    machine.stop();
  });
});
