// Issue 14, findings 4, 5 and 7 on the demo: memory that grew with every sign-in, a 500 for an
// absolute-form request target, and no request timeout (a slow body stayed open for good).
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { MemoryStore } from '@fastify/session';
import { createDemoApp } from '../../demo/app.js';
import { boundedMemorySessionStore } from '../../demo/memory-session-store.js';
import { adjustableClock, type RunningDemo, startDemo } from './support/demo-server.js';
import { signIn } from './support/http.js';

/** Sockets still open: a failed test must not leave one that keeps the server from closing. */
const openSockets = new Set<Socket>();

/** Sends `request` as raw bytes and reads until the server closes or `until` matches. */
function rawExchange(origin: string, request: string, until = /\r\n\r\n/): Promise<string> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    openSockets.add(socket);
    socket.on('close', () => openSockets.delete(socket));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (until.test(text)) {
        socket.destroy();
        resolve(text);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(text));
  });
}

describe('the demo under attack (memory mode)', () => {
  const clock = adjustableClock({ frozen: true });
  let demo: RunningDemo;
  before(async () => {
    demo = await startDemo({
      warnAfterSeconds: 30,
      expireAfterSeconds: 60,
      nowMs: clock.nowMs,
      requestTimeoutMs: 300,
    });
  });
  after(async () => {
    for (const socket of openSockets) socket.destroy();
    await demo?.close();
  });

  it('an absolute-form request target is served like its path, never a 500', async () => {
    const cookie = await signIn(demo.origin);
    const { host } = new URL(demo.origin);
    const anonymous = await rawExchange(
      demo.origin,
      `GET ${demo.origin}/ HTTP/1.1\r\nHost: ${host}\r\nAccept: text/html\r\nConnection: close\r\n\r\n`,
    );
    assert.match(anonymous, /^HTTP\/1\.1 303 /);
    assert.match(anonymous, /\r\nlocation: \/login\r\n/i);
    const signedIn = await rawExchange(
      demo.origin,
      `GET ${demo.origin}/other?x=1 HTTP/1.1\r\nHost: ${host}\r\nAccept: text/html\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`,
      /<\/html>/,
    );
    assert.match(signedIn, /^HTTP\/1\.1 200 /);
    assert.match(signedIn, /<session-security /);
  });

  it('a body that never finishes is answered 408 and closed (requestTimeout)', {
    timeout: 5_000,
  }, async () => {
    const cookie = await signIn(demo.origin);
    const { host } = new URL(demo.origin);
    const answer = await rawExchange(
      demo.origin,
      `POST /draft HTTP/1.1\r\nHost: ${host}\r\nCookie: ${cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nSec-Fetch-Site: same-origin\r\nContent-Length: 100\r\n\r\ndraft=half`,
    );
    assert.match(answer, /^HTTP\/1\.1 408 /);
  });
});

describe('the demo keeps a bounded number of sessions in memory', () => {
  it('signs out the least recently used session beyond maxMemorySessions', async () => {
    const app = await createDemoApp({
      warnAfterSeconds: 30,
      expireAfterSeconds: 60,
      maxMemorySessions: 20,
    });
    try {
      const signInOnce = async () => {
        const response = await app.inject({
          method: 'POST',
          url: '/login',
          headers: { 'sec-fetch-site': 'same-origin' },
          payload: { username: 'demo', password: 'demo' },
        });
        const cookie = response.cookies.find((c) => c.name === 'sid');
        assert.ok(cookie, response.body);
        return `sid=${cookie.value}`;
      };
      const first = await signInOnce();
      for (let index = 0; index < 25; index += 1) await signInOnce();
      const last = await signInOnce();
      const page = (cookie: string) =>
        app.inject({ method: 'GET', url: '/other', headers: { cookie, accept: 'text/html' } });
      assert.equal((await page(first)).statusCode, 303, 'the oldest session was dropped');
      assert.equal((await page(last)).statusCode, 200, 'the newest is kept');
    } finally {
      await app.close();
    }
  });

  it('forgets 20,400 sessions once idle past the expiry (MemoryStore kept every one)', async () => {
    let nowMs = Date.UTC(2026, 0, 5);
    const bounded = boundedMemorySessionStore({
      idleTtlMs: 120_000,
      maxSessions: 100_000,
      now: () => nowMs,
    });
    const unbounded = new MemoryStore();
    const blob = { cookie: { path: '/' }, user: { name: 'demo' }, padding: 'x'.repeat(2_000) };
    const save = (store: typeof unbounded | typeof bounded, id: string) =>
      new Promise<void>((resolve) => store.set(id, blob as never, () => resolve()));
    for (let index = 0; index < 20_400; index += 1) {
      await save(bounded, `s${index}`);
      await save(unbounded, `s${index}`);
    }
    nowMs += 135_000;
    await save(bounded, 'late');
    await save(unbounded, 'late');
    assert.equal(bounded.size, 1, 'only the new session is left');
    assert.equal((unbounded as unknown as { store: Map<string, unknown> }).store.size, 20_401);
  });
});
