// The tarball `npm pack` makes, as npm would publish it: exactly what the exports map, the bin
// and the README name (and the sources their maps point at), nothing dead; and, installed into a
// new project, its entry points import and its command runs.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { run, scratchProject, tarballPath } from './support/scratch.js';

async function tarballFiles(): Promise<string[]> {
  const { stdout } = await run('tar', ['-tzf', tarballPath()], { maxBuffer: 8 * 1024 * 1024 });
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((path) => path.replace(/^package\//, ''));
}

interface PackageJson {
  exports: Record<string, string | Record<string, string>>;
  bin: Record<string, string>;
  customElements?: string;
}

describe('the npm tarball', () => {
  it('holds LICENSE, README, the bundle and every file the exports map and the bin name', async () => {
    const files = new Set(await tarballFiles());
    for (const path of ['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json']) {
      assert.ok(files.has(path), path);
    }
    assert.ok(files.has('dist/session-security.js'));
    assert.ok(files.has('dist/legacy-transport.js'));
    assert.ok(files.has('dist/locales/de.js'));
    const pkg = JSON.parse(
      await readFile(new URL('../../../package.json', import.meta.url), 'utf8'),
    ) as PackageJson;
    const targets = Object.values(pkg.exports).flatMap((target) =>
      typeof target === 'string' ? [target] : Object.values(target),
    );
    for (const target of [...targets, ...Object.values(pkg.bin)]) {
      const path = target.replace(/^\.\//, '');
      if (path.includes('*')) {
        const prefix = path.slice(0, path.indexOf('*'));
        assert.ok(
          [...files].some((file) => file.startsWith(prefix)),
          `${target}: something under it`,
        );
      } else assert.ok(files.has(path), `${target} is in the tarball`);
    }
    if (pkg.customElements) assert.ok(files.has(pkg.customElements), pkg.customElements);
  });

  it('holds no screenshots, benchmark docs, tests, demo or bench code', async () => {
    const unwanted = (await tarballFiles()).filter((path) =>
      /(^docs\/screenshots\/|^docs\/benchmarks\.md$|^(build\/)?(test|demo|bench|examples|scripts)\/|\.png$)/.test(
        path,
      ),
    );
    assert.deepEqual(unwanted, []);
  });

  it('every source map names files that are in the tarball, or carries their content', async () => {
    const files = new Set(await tarballFiles());
    const maps = [...files].filter((path) => path.endsWith('.map'));
    assert.ok(maps.length > 0);
    const dir = await mkdtemp(join(tmpdir(), 'session-security-tarball-'));
    await run('tar', ['-xzf', tarballPath(), '-C', dir]);
    const dead: string[] = [];
    for (const mapPath of maps) {
      const map = JSON.parse(await readFile(join(dir, 'package', mapPath), 'utf8')) as {
        sources: string[];
        sourcesContent?: unknown[];
      };
      if (map.sourcesContent && map.sourcesContent.length === map.sources.length) continue;
      for (const source of map.sources) {
        const resolved = new URL(source, `file:///pkg/${mapPath}`).pathname.slice('/pkg/'.length);
        if (!files.has(resolved)) dead.push(`${mapPath} -> ${source}`);
      }
    }
    await rm(dir, { recursive: true, force: true });
    assert.deepEqual(dead.slice(0, 5), []);
  });

  it('installed into a new project: the entry points import and the command runs', async () => {
    const dir = await scratchProject();
    const script = `
      const fastify = await import('session-security/fastify');
      const element = await import('session-security/element');
      const protocol = await import('session-security/protocol');
      const conformance = await import('session-security/conformance');
      console.log(JSON.stringify({
        plugin: typeof fastify.default,
        memoryStore: typeof fastify.memoryActivityStore,
        element: typeof element.SessionSecurityElement,
        protocol: typeof protocol.parseStatus,
        runSuite: typeof conformance.runSuite,
      }));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: dir,
    });
    assert.deepEqual(JSON.parse(stdout), {
      plugin: 'function',
      memoryStore: 'function',
      element: 'function',
      protocol: 'function',
      runSuite: 'function',
    });
    const help = await run('npx', ['--no-install', 'session-security-conformance', '--help'], {
      cwd: dir,
    });
    assert.match(help.stdout, /session-security-conformance/);
    const resolved = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "console.log(import.meta.resolve('session-security/dist/locales/de.js'))",
      ],
      { cwd: dir },
    );
    assert.ok(
      resolved.stdout.trim().endsWith(join('session-security', 'dist', 'locales', 'de.js')),
      resolved.stdout,
    );
  });
});
