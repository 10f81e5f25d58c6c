// The README's Fastify quick start, copied as it is into a new TypeScript-strict project that
// installed the tarball: it type-checks, runs, and in Chromium a signed-in page shows the warning
// and then signs out, landing on the login page that says why.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../e2e/support/browser.js';
import { readmeBlock } from './support/readme.js';
import { run, scratchProject, writeFiles } from './support/scratch.js';

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noUncheckedIndexedAccess: true,
    types: ['node'],
    outDir: 'out',
  },
  include: ['server.ts'],
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

async function waitUntilServing(origin: string, app: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (app.exitCode !== null) throw new Error(`the app exited with ${app.exitCode}`);
    try {
      if ((await fetch(`${origin}/login`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the app did not start listening');
}

describe("the README's Fastify quick start, in a new TypeScript project", () => {
  let dir: string;
  let app: ChildProcess | null = null;
  let browser: Browser | null = null;
  const output: string[] = [];

  before(async () => {
    dir = join(await scratchProject(), 'fastify-app');
    await mkdir(dir, { recursive: true });
    await writeFiles(dir, {
      'server.ts': await readmeBlock('server.ts'),
      'tsconfig.json': JSON.stringify(TSCONFIG, null, 2),
    });
  });

  after(async () => {
    await browser?.close();
    app?.kill();
  });

  it('type-checks with strict settings', async () => {
    await run(join(dir, '..', 'node_modules', '.bin', 'tsc'), ['-p', '.'], { cwd: dir }).catch(
      (error: { stdout?: string }) => assert.fail(`tsc failed:\n${error.stdout ?? error}`),
    );
  });

  it('runs; in Chromium the signed-in page warns, then signs out to the login page', async () => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    app = spawn(process.execPath, ['out/server.js'], {
      cwd: dir,
      env: {
        ...process.env,
        PORT: String(port),
        WARN_AFTER_SECONDS: '2',
        EXPIRE_AFTER_SECONDS: '4',
      },
    });
    app.stdout?.on('data', (chunk) => output.push(String(chunk)));
    app.stderr?.on('data', (chunk) => output.push(String(chunk)));
    await waitUntilServing(origin, app);

    browser = await launchChromium();
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    assert.equal(new URL(page.url()).pathname, '/login', 'anonymous visitors go to the login page');
    await page.fill('input[name=username]', 'demo');
    await page.fill('input[name=password]', 'demo');
    await Promise.all([page.waitForURL(`${origin}/`), page.click('button')]);
    assert.equal(await page.locator('h1').textContent(), 'Hello, demo');

    // Playwright's CSS locators pierce open shadow roots: the warning's native <dialog>.
    const warning = page.locator('session-security dialog[open]');
    await warning.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await page.locator('session-security').getAttribute('state'), 'warning');
    await page.screenshot({ path: join(dir, 'warning.png') });

    await page.waitForURL(`${origin}/login?reason=idle`, { timeout: 15_000 });
    assert.match(
      (await page.locator('[role=status]').textContent()) ?? '',
      /signed out after .* inactivity/,
    );
    // The old session is over: the protected page sends the browser back to the login page.
    await page.goto(`${origin}/`);
    assert.equal(new URL(page.url()).pathname, '/login', output.join(''));
  });
});
