// Renders <session-security-dialog> from the build/ output in Debian's Chromium and writes the
// PNGs the README shows to docs/screenshots/. Run `npx tsc -p .` (or `npm run build`) first,
// then `node scripts/screenshots.mjs`. Nothing is fetched from the network: the page and the
// bundled dialog are served from memory on a loopback port.
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { chromium } from 'playwright-core';
import { rollup } from 'rollup';
import { chromiumArgs, chromiumPath } from './chromium.mjs';

const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, 'docs', 'screenshots');
const entry = join(root, 'build', 'components', 'session-security-dialog', 'define.js');

// The clock is frozen so every run draws the same countdown.
const nowMs = Date.UTC(2026, 0, 1, 9, 0, 0);

const shots = [
  { name: 'dialog-light', lang: 'en', colorScheme: 'light' },
  { name: 'dialog-dark', lang: 'en', colorScheme: 'dark' },
  { name: 'dialog-rtl-arabic', lang: 'ar', dir: 'rtl', colorScheme: 'light' },
  { name: 'dialog-forced-colors', lang: 'en', colorScheme: 'dark', forcedColors: 'active' },
  { name: 'dialog-absolute-german', lang: 'de', colorScheme: 'light', kind: 'absolute' },
  { name: 'banner-light', lang: 'en', colorScheme: 'light', variant: 'banner' },
  { name: 'dialog-320px', lang: 'en', colorScheme: 'light', width: 320, height: 568 },
];

function page({ lang, dir = 'ltr', kind = 'idle', variant = 'modal', secondsLeft = 90 }) {
  return `<!doctype html>
<html lang="${lang}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Screenshot</title>
<meta name="color-scheme" content="light dark">
<style>
  body { margin: 0; font: 16px/1.5 system-ui, sans-serif; background: Canvas; color: CanvasText; }
  header { padding: 1rem 1.5rem; background: #234; color: #fff; font-weight: 600; }
  main { padding: 1.5rem; max-width: 40rem; }
  .field { display: block; margin-block: 1rem; }
  .field input, .field textarea { display: block; width: 100%; box-sizing: border-box; font: inherit; padding: .4rem; }
</style>
</head>
<body>
<header>${dir === 'rtl' ? 'تطبيقي' : 'My account'}</header>
<main>
  <h1>${dir === 'rtl' ? 'الرسائل' : 'Messages'}</h1>
  <p>${dir === 'rtl' ? 'اكتب رسالتك أدناه.' : 'Write your message below. Drafts are kept while you are signed in.'}</p>
  <label class="field">${dir === 'rtl' ? 'الموضوع' : 'Subject'} <input value="${dir === 'rtl' ? 'اجتماع' : 'Quarterly report'}"></label>
  <label class="field">${dir === 'rtl' ? 'الرسالة' : 'Message'} <textarea rows="5"></textarea></label>
</main>
<session-security-dialog kind="${kind}" variant="${variant}"></session-security-dialog>
<script type="module">
  import { loadStrings, matchLocale } from '/dialog.js';
  const el = document.querySelector('session-security-dialog');
  el.nowMs = () => ${nowMs};
  el.deadlineMs = ${nowMs + secondsLeft * 1000};
  await loadStrings(matchLocale(document.documentElement.lang));
  el.open = true;
  await el.updateComplete;
  document.body.dataset.ready = 'true';
</script>
</body>
</html>`;
}

async function bundle() {
  // One module that registers the dialog and exposes the loader for the page's own use.
  const input = 'screenshot-entry';
  const build = await rollup({
    input,
    plugins: [
      {
        name: 'screenshot-entry',
        resolveId: (id) => (id === input ? id : null),
        load: (id) =>
          id === input
            ? `import ${JSON.stringify(entry)};\nexport { loadStrings, matchLocale } from ${JSON.stringify(
                join(root, 'build/components/session-security-dialog/locale-registry.js'),
              )};`
            : null,
      },
      nodeResolve({ exportConditions: ['production'] }),
    ],
    onwarn: () => {},
  });
  const { output } = await build.generate({ format: 'es', inlineDynamicImports: true });
  return output[0].code;
}

const code = await bundle();
const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === '/dialog.js') {
    response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
    response.end(code);
    return;
  }
  const shot = shots.find((s) => `/${s.name}` === url.pathname);
  if (!shot) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  response.end(page(shot));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();

mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
try {
  for (const shot of shots) {
    const context = await browser.newContext({
      viewport: { width: shot.width ?? 760, height: shot.height ?? 560 },
      deviceScaleFactor: 1,
      colorScheme: shot.colorScheme,
      forcedColors: shot.forcedColors ?? 'none',
      reducedMotion: 'reduce',
    });
    const tab = await context.newPage();
    tab.on('pageerror', (error) => {
      throw error;
    });
    await tab.goto(`http://127.0.0.1:${port}/${shot.name}`);
    await tab.waitForSelector('body[data-ready="true"]');
    const path = join(outDir, `${shot.name}.png`);
    await tab.screenshot({ path });
    console.log(`wrote ${path}`);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
