// Shared by test/e2e/renamed-bundle.test.ts (the repository's dist/) and the package suite (the
// dist/ of the installed tarball).
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { useServerWithChromium } from './server-with-chromium.js';

const HASHED_NAME = 'session-security.3f9c1a7e.js';
const CDN_DIR = '/cdn/npm/session-security@1.0.0/dist/';

async function distFiles(distUrl: URL): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const dir of ['', 'locales/']) {
    for (const name of await readdir(new URL(dir, distUrl))) {
      if (name.endsWith('.js')) files.set(dir + name, await readFile(new URL(dir + name, distUrl)));
    }
  }
  return files;
}

function page(bundleUrl: string): string {
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>renamed</title>
<script type="module" src="${bundleUrl}"></script></head><body>
<session-security legacy-ping-url="/ping" expire-action="none"></session-security>
</body></html>`;
}

/**
 * Serves the `dist/` folder at `distUrl` (a file: URL ending in `/`) under a hashed name, with a
 * cache buster and on a CDN-like path, and checks each in Chromium.
 */
export function describeRenamedBundle(title: string, distUrl: () => Promise<URL>): void {
  describe(title, () => {
    const requests: string[] = [];
    let pings = 0;

    const running = useServerWithChromium(async () => {
      const files = await distFiles(await distUrl());
      // /static/ holds the hashed main file and the chunks under their own names, and no file
      // named session-security.js. /cdn/... holds dist/ as published.
      const routes = new Map<string, Buffer>();
      for (const [name, body] of files) {
        routes.set(CDN_DIR + name, body);
        routes.set(`/static/${name === 'session-security.js' ? HASHED_NAME : name}`, body);
      }
      return (request, response) => {
        const url = new URL(request.url ?? '/', 'http://localhost');
        requests.push(url.pathname + url.search);
        if (url.pathname === '/ping') {
          pings += 1;
          response.writeHead(200, { 'content-type': 'application/json' }).end('0');
          return;
        }
        if (url.pathname.startsWith('/page/')) {
          const bundle = url.searchParams.get('bundle') ?? '';
          response.writeHead(200, { 'content-type': 'text/html' }).end(page(bundle));
          return;
        }
        const body = routes.get(url.pathname);
        if (!body) {
          response.writeHead(404).end();
          return;
        }
        response.writeHead(200, { 'content-type': 'text/javascript' }).end(body);
      };
    });

    for (const bundle of [
      `/static/${HASHED_NAME}`,
      `/static/${HASHED_NAME}?v=abc`,
      `${CDN_DIR}session-security.js?v=abc`,
    ]) {
      it(`${bundle}: every chunk loads from beside it and the element's code runs once`, async () => {
        const dir = bundle.slice(0, bundle.lastIndexOf('/') + 1);
        requests.length = 0;
        pings = 0;
        const context = await running.browser.newContext();
        // A browser without Web Locks, so the storage-lease election's chunk is needed too.
        await context.addInitScript(() => {
          delete (Navigator.prototype as { locks?: unknown }).locks;
        });
        const tab = await context.newPage();
        const errors: string[] = [];
        tab.on('pageerror', (error) => errors.push(String(error)));
        await tab.exposeFunction('__reportError', (message: string) => errors.push(message));
        await tab.addInitScript(() => {
          document.addEventListener('session-security-error', (event) => {
            const report = (window as unknown as { __reportError(message: string): void })
              .__reportError;
            report(String((event as CustomEvent<{ error: Error }>).detail.error));
          });
        });
        const ping = tab.waitForRequest((request) => new URL(request.url()).pathname === '/ping');
        await tab.goto(`${running.origin}/page/?bundle=${encodeURIComponent(bundle)}`);
        await tab.waitForFunction(() => customElements.get('session-security') !== undefined);
        // The German texts arrived from their chunk.
        await tab.waitForFunction(() => {
          const dialog = document
            .querySelector('session-security')
            ?.shadowRoot?.querySelector('session-security-dialog') as
            | (HTMLElement & { resolvedStrings?: { stayButton: string } })
            | null;
          return dialog?.resolvedStrings?.stayButton === 'Angemeldet bleiben';
        });
        await ping; // legacy mode loaded and ran
        const loaded = await tab.evaluate(() => ({
          // lit's ReactiveElement adds its version here each time its module runs.
          reactiveElementRuns: (window as { reactiveElementVersions?: string[] })
            .reactiveElementVersions?.length,
          hasLocks: 'locks' in navigator,
        }));
        await context.close();

        assert.equal(loaded.hasLocks, false);
        assert.equal(loaded.reactiveElementRuns, 1, 'the element code ran once');
        assert.deepEqual(errors, []);
        // Everything the page fetched but itself, the ping and the browser's favicon request.
        const scripts = requests.filter((path) => !/^\/(page\/|ping|favicon\.ico)/.test(path));
        assert.deepEqual(
          scripts.sort(),
          [
            bundle,
            `${dir}legacy-transport.js`,
            `${dir}locales/de.js`,
            `${dir}storage-lease-election.js`,
          ].sort(),
        );
        assert.ok(pings > 0);
      });
    }
  });
}
