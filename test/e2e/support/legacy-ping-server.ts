import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** build/test/e2e/support/ -> the repository's dist/. */
const DIST_URL = new URL('../../../../dist/', import.meta.url);

/** What the fake server saw: page loads and pings, on Node's clock (the browser's too). */
export interface LegacyServerEvent {
  readonly type: 'page' | 'ping';
  readonly atMs: number;
  /** For pings: the `idleFor` sent and the answer. */
  readonly idleFor?: string | null;
  readonly answer?: string;
}

/** A running fake django-session-security site. */
export interface LegacyPingServer {
  readonly origin: string;
  readonly events: LegacyServerEvent[];
  /** The session's last activity (ms), or null once the server logged the user out. */
  lastActivityMs(): number | null;
  close(): Promise<void>;
}

/**
 * A one-user django-session-security site over real HTTP, for Chromium: `/` is a page with the
 * unchanged element in legacy mode (`legacy-ping-url`), `/session_security/ping/` is DSS's ping
 * with its whole-second arithmetic (`timedelta.seconds` truncates; `idleFor` moves the last
 * activity only when below the server's truncated idle time; expiry checked first, at
 * `>= EXPIRE_AFTER`), as test/components/legacy-ping-view.ts models it. A page load is activity.
 */
export async function startLegacyPingServer(options: {
  warnAfterSeconds: number;
  expireAfterSeconds: number;
}): Promise<LegacyPingServer> {
  const events: LegacyServerEvent[] = [];
  let lastActivityMs: number | null = Date.now();
  const expireIfDue = (nowMs: number) => {
    if (lastActivityMs !== null && nowMs - lastActivityMs >= options.expireAfterSeconds * 1000) {
      lastActivityMs = null;
    }
  };
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>legacy</title>
<script type="module" src="/dist/session-security.js"></script></head><body><main>
<p>A django-session-security page.</p>
<session-security legacy-ping-url="/session_security/ping/" warn-after="${options.warnAfterSeconds}"
  expire-after="${options.expireAfterSeconds}" expire-action="none"></session-security></main></body></html>`;
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const nowMs = Date.now();
    if (url.pathname === '/') {
      expireIfDue(nowMs);
      if (lastActivityMs !== null) lastActivityMs = nowMs;
      events.push({ type: 'page', atMs: nowMs });
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      return;
    }
    if (url.pathname === '/session_security/ping/') {
      expireIfDue(nowMs);
      const idleFor = url.searchParams.get('idleFor');
      let answer = '"logout"';
      if (lastActivityMs !== null) {
        const serverIdleSeconds = Math.floor((nowMs - lastActivityMs) / 1000);
        if (idleFor !== null && /^\d+$/.test(idleFor) && Number(idleFor) < serverIdleSeconds) {
          lastActivityMs = nowMs - Number(idleFor) * 1000;
        }
        answer = String(Math.floor((nowMs - lastActivityMs) / 1000));
      }
      events.push({ type: 'ping', atMs: nowMs, idleFor, answer });
      response.writeHead(200, { 'content-type': 'application/json' }).end(answer);
      return;
    }
    if (url.pathname.startsWith('/dist/') && /^\/dist\/[\w./-]+\.js$/.test(url.pathname)) {
      readFile(new URL(url.pathname.slice('/dist/'.length), DIST_URL)).then(
        (body) => response.writeHead(200, { 'content-type': 'text/javascript' }).end(body),
        () => response.writeHead(404).end(),
      );
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    events,
    lastActivityMs: () => lastActivityMs,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
