import { readFile } from 'node:fs/promises';
import { createServer, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.js';

/** A loopback HTTP server and a Chromium, there during the tests that asked for them. */
export interface ServerWithChromium {
  /** The server's `http://127.0.0.1:port`. */
  readonly origin: string;
  readonly browser: Browser;
}

/**
 * Before the tests of the calling file (or `describe`), serves on loopback what `listener`
 * answers (made first, by `makeListener`) and starts Chromium; closes both after them.
 */
export function useServerWithChromium(
  makeListener: () => RequestListener | Promise<RequestListener>,
): ServerWithChromium {
  let server: Server | undefined;
  let origin: string | undefined;
  let browser: Browser | undefined;
  before(async () => {
    const listening = createServer(await makeListener());
    server = listening;
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is there only during the tests`);
    return value;
  };
  return {
    get origin() {
      return started(origin, 'the server');
    },
    get browser() {
      return started(browser, 'Chromium');
    },
  };
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

/** Answers `response` with the file at `path` (its type from the extension), or 404. */
export function sendFile(response: ServerResponse, path: string): void {
  readFile(path).then(
    (body) =>
      response
        .writeHead(200, { 'content-type': CONTENT_TYPES[extname(path)] ?? 'text/plain' })
        .end(body),
    () => response.writeHead(404).end(),
  );
}
