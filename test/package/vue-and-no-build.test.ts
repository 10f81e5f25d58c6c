// The installed tarball's dist/ as pages without a build step use it: a Vue 3 page (Vue's
// in-browser template compiler, the README's isCustomElement setting) keeps the expiry action,
// and the bundle loads with every chunk from a CDN-like path and under a hashed file name.
import assert from 'node:assert/strict';
import { join, normalize } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { describeRenamedBundle } from '../e2e/support/renamed-bundle.js';
import { sendFile, useServerWithChromium } from '../e2e/support/server-with-chromium.js';
import { scratchProject } from './support/scratch.js';

const VUE_PAGE = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Vue</title>
<div id="app"></div>
<script type="module">
  import { createApp } from '/vue.js';
  import '/assets/session-security/session-security.js';
  const app = createApp({
    template: \`
      <session-security id="renamed" expire-action="redirect" redirect-url="/login?reason={reason}"></session-security>
      <session-security id="old-name" channel="old" on-expire="redirect"></session-security>\`,
  });
  app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('session-security');
  app.mount('#app');
</script>`;

/** An active session, as a protocol v1 server answers it. */
const ACTIVE_STATUS = JSON.stringify({
  version: 1,
  state: 'active',
  idleSeconds: 0,
  warnAfterSeconds: 540,
  expireAfterSeconds: 600,
});

describe('a Vue 3 page without a build step, on the installed dist/', () => {
  const running = useServerWithChromium(async () => {
    const modules = join(await scratchProject(), 'node_modules');
    const dist = join(modules, 'session-security', 'dist');
    return (request, response) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      if (path === '/') {
        response.writeHead(200, { 'content-type': 'text/html' }).end(VUE_PAGE);
      } else if (path === '/session-security') {
        response.writeHead(200, { 'content-type': 'application/json' }).end(ACTIVE_STATUS);
      } else if (path === '/vue.js' || path.startsWith('/assets/session-security/')) {
        sendFile(
          response,
          path === '/vue.js'
            ? join(modules, 'vue', 'dist', 'vue.esm-browser.prod.js')
            : join(dist, normalize(path.slice('/assets/session-security/'.length))),
        );
      } else response.writeHead(404).end();
    };
  });

  it('keeps expire-action (Vue would take an on-… attribute for a listener)', async () => {
    const page = await running.browser.newPage();
    await page.goto(`${running.origin}/`);
    await page.waitForFunction(() => customElements.get('session-security') !== undefined);
    await page.waitForFunction(() => document.querySelectorAll('session-security').length === 2);
    const seen = await page.evaluate(() => {
      const read = (id: string) => {
        const element = document.getElementById(id) as HTMLElement & { expireAction?: string };
        return {
          attribute: element.getAttribute('expire-action') ?? element.getAttribute('on-expire'),
          expireAction: element.expireAction,
        };
      };
      return { renamed: read('renamed'), oldName: read('old-name') };
    });
    await page.close();
    assert.deepEqual(seen.renamed, { attribute: 'redirect', expireAction: 'redirect' });
    // Why the attribute was renamed: Vue drops on-expire, and the element falls back to reload.
    assert.deepEqual(seen.oldName, { attribute: null, expireAction: 'reload' });
  });
});

describeRenamedBundle('the installed dist/ renamed, hashed or on a CDN-like path', async () =>
  pathToFileURL(`${join(await scratchProject(), 'node_modules', 'session-security', 'dist')}/`),
);
