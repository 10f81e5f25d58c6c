// The README's React recipe in a new React 19 + Vite project that installed the tarball: the TSX
// page with <session-security> and a typed event listener type-checks (strict) and builds, and
// the build carries the element and its on-demand chunks.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { readmeBlock } from './support/readme.js';
import { run, scratchProject, viteIndexHtml, writeFiles } from './support/scratch.js';

const FILES = {
  'index.html': viteIndexHtml('React', 'root', '/src/main.tsx'),
  'src/main.tsx': `import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

const root = document.getElementById('root');
if (!root) throw new Error('no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
`,
  'vite.config.mjs': `import react from '@vitejs/plugin-react';
export default { plugins: [react()], logLevel: 'warn' };
`,
  'tsconfig.json': JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        module: 'ESNext',
        moduleResolution: 'bundler',
        jsx: 'react-jsx',
        strict: true,
        noEmit: true,
        types: [],
      },
      include: ['src'],
    },
    null,
    2,
  ),
};

describe("the README's React recipe, in a new React 19 + Vite project", () => {
  let dir: string;

  before(async () => {
    dir = join(await scratchProject(), 'react-app');
    await writeFiles(dir, { ...FILES, 'src/App.tsx': await readmeBlock('react-app/src/App.tsx') });
  });

  it('type-checks with strict settings', async () => {
    await run(join(dir, '..', 'node_modules', '.bin', 'tsc'), ['-p', '.'], { cwd: dir }).catch(
      (error: { stdout?: string }) => assert.fail(`tsc failed:\n${error.stdout ?? error}`),
    );
  });

  it('fails to type-check a wrong expiry action (the typing is in force)', async () => {
    await writeFiles(dir, {
      'src/Wrong.tsx': `import 'session-security';
import type {} from 'session-security/react';
export const wrong = <session-security expire-action="explode" />;
`,
    });
    try {
      const result = await run(join(dir, '..', 'node_modules', '.bin', 'tsc'), ['-p', '.'], {
        cwd: dir,
      }).then(
        () => '',
        (error: { stdout?: string }) => error.stdout ?? '',
      );
      assert.match(result, /Wrong\.tsx\(3,\d+\): error TS2322[\s\S]*'"explode"' is not assignable/);
    } finally {
      await run('rm', ['-f', join(dir, 'src', 'Wrong.tsx')]);
    }
  });

  it('builds with Vite: the element and its chunks are in the output', async () => {
    await run(join(dir, '..', 'node_modules', '.bin', 'vite'), ['build'], { cwd: dir });
    const assets = join(dir, 'dist', 'assets');
    const files = (await readdir(assets)).filter((name) => name.endsWith('.js'));
    const texts = await Promise.all(files.map((name) => readFile(join(assets, name), 'utf8')));
    assert.ok(
      texts.some((text) => text.includes('Stay signed in') && text.includes('session-security')),
      'the element is bundled',
    );
    assert.ok(
      texts.some((text) => text.includes('Angemeldet bleiben')),
      'the German texts are a chunk of their own',
    );
    assert.ok(files.length >= 3, `${files.length} files: main, languages, legacy transport...`);
  });
});
