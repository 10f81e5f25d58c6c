// One scratch project, outside the repository, with the packed tarball and the frameworks an
// adopter would use installed from the npm registry (or npm's cache): every install test works in
// a folder of its own inside it and shares its node_modules, so the suite installs once.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

export const run = promisify(execFile);

/** The tarball `npm test` packed (scripts/run-tests.mjs sets it). */
export function tarballPath(): string {
  const tarball = process.env.SESSION_SECURITY_TARBALL;
  if (!tarball || !existsSync(tarball)) {
    throw new Error(
      'SESSION_SECURITY_TARBALL is not set: run these tests with `node scripts/run-tests.mjs package`',
    );
  }
  return tarball;
}

/** What the scratch project installs besides the tarball: what the README's recipes use. */
const DEPENDENCIES = {
  fastify: '^5.12.8',
  '@fastify/cookie': '^11.1.5',
  '@fastify/session': '^11.1.3',
  '@fastify/formbody': '^9.0.1',
  '@fastify/static': '^10.1.11',
  typescript: '^7.0.2',
  '@types/node': '^20.19.43',
  react: '^19.3.1',
  'react-dom': '^19.3.1',
  '@types/react': '^19.3.0',
  '@types/react-dom': '^19.3.0',
  vite: '^8.4.0',
  '@vitejs/plugin-react': '^6.3.0',
  vue: '^3.5.45',
  svelte: '^5.57.3',
  '@sveltejs/vite-plugin-svelte': '^7.3.1',
  'htmx.org': '^4.0.1',
};

let installing: Promise<string> | null = null;

/**
 * The scratch project's folder, installed on first use (next to the tarball, so every test file
 * of one `npm test` run reuses it).
 */
export function scratchProject(): Promise<string> {
  installing ??= install();
  return installing;
}

async function install(): Promise<string> {
  const tarball = tarballPath();
  const dir = join(dirname(tarball), 'scratch');
  if (existsSync(join(dir, 'node_modules', 'session-security', 'package.json'))) return dir;
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'package.json'),
    `${JSON.stringify(
      {
        name: 'scratch-adopter',
        private: true,
        type: 'module',
        dependencies: { 'session-security': `file:${tarball}`, ...DEPENDENCIES },
      },
      null,
      2,
    )}\n`,
  );
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd: dir,
    maxBuffer: 16 * 1024 * 1024,
  });
  return dir;
}

/** Writes `files` (path relative to `dir` -> content) and answers `dir`. */
export async function writeFiles(dir: string, files: Record<string, string>): Promise<string> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

/** A Vite project's `index.html`: a root element and the module script that mounts the app. */
export function viteIndexHtml(title: string, rootId: string, entry: string): string {
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>${title}</title></head>
  <body><div id="${rootId}"></div><script type="module" src="${entry}"></script></body>
</html>
`;
}
