// The README's Svelte recipe in a new Svelte 5 + Vite project that installed the tarball: the
// component compiles without a warning, builds, and in Chromium an expiry reaches its listener and
// the redirect keeps `{reason}` for the element to fill in.
import assert from 'node:assert/strict';
import { join, normalize } from 'node:path';
import { before, describe, it } from 'node:test';
import { sendFile, useServerWithChromium } from '../e2e/support/server-with-chromium.js';
import { readmeBlock } from './support/readme.js';
import { run, scratchProject, viteIndexHtml, writeFiles } from './support/scratch.js';

const FILES = {
  'index.html': viteIndexHtml('Svelte', 'app', '/src/main.js'),
  'src/main.js': `import { mount } from 'svelte';
import App from './App.svelte';

mount(App, { target: document.getElementById('app') });
`,
  'vite.config.mjs': `import { svelte } from '@sveltejs/vite-plugin-svelte';
export default { plugins: [svelte()], logLevel: 'warn' };
`,
};

/** The session has ended for inactivity, as a protocol v1 server answers it. */
const EXPIRED_STATUS = JSON.stringify({ version: 1, state: 'expired', reason: 'idle' });

describe("the README's Svelte recipe, in a new Svelte 5 + Vite project", () => {
  let dir: string;
  before(async () => {
    dir = join(await scratchProject(), 'svelte-app');
    await writeFiles(dir, {
      ...FILES,
      'src/App.svelte': await readmeBlock('svelte-app/src/App.svelte'),
    });
    await run(join(dir, '..', 'node_modules', '.bin', 'vite'), ['build'], { cwd: dir });
  });

  const running = useServerWithChromium(() => (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/session-security') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(EXPIRED_STATUS);
    } else if (path === '/login') {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<title>login</title>');
    } else {
      sendFile(response, join(dir, 'dist', normalize(path === '/' ? 'index.html' : path.slice(1))));
    }
  });

  it('compiles without a warning', async () => {
    const compile = `import { compile } from 'svelte/compiler';
import { readFileSync } from 'node:fs';
const { warnings } = compile(readFileSync('src/App.svelte', 'utf8'), { filename: 'App.svelte' });
console.log(JSON.stringify(warnings.map((warning) => warning.code)));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', compile], {
      cwd: dir,
    });
    assert.deepEqual(JSON.parse(stdout), []);
  });

  it('in Chromium: the expiry reaches the listener, and the redirect URL gets the reason', async () => {
    const context = await running.browser.newContext();
    // The listener logs the reason; the page navigates away right after, so keep what it logged.
    await context.addInitScript(() => {
      const info = console.info.bind(console);
      console.info = (...args: unknown[]) => {
        sessionStorage.setItem('logged', JSON.stringify(args));
        info(...args);
      };
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${running.origin}/`);
    await page.waitForURL((url) => url.pathname === '/login', { timeout: 10_000 });
    assert.equal(new URL(page.url()).search, '?reason=idle');
    assert.equal(await page.evaluate(() => sessionStorage.getItem('logged')), '["idle"]');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
