// The demo's command line (`npm start` runs `node build/demo/server.js` after the build).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { getPage } from './support/http.js';

const SERVER_SCRIPT = new URL('../../demo/server.js', import.meta.url).pathname;

function startCli(env: Record<string, string>) {
  const child = spawn(process.execPath, [SERVER_SCRIPT], {
    env: { ...process.env, REDIS_URL: '', SESSION_SECRET: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return { child, output: () => ({ stdout, stderr }) };
}

describe('demo command line', { concurrency: true, timeout: 30_000 }, () => {
  it('listens on 127.0.0.1, says where and with which timings, and stops on SIGTERM', async (t) => {
    const { child, output } = startCli({
      PORT: '0',
      SESSION_SECURITY_WARN_AFTER: '7',
      SESSION_SECURITY_EXPIRE_AFTER: '20',
    });
    // A failed assertion must not leave the demo running (it would keep this file alive).
    t.after(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    const origin = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no address: ${JSON.stringify(output())}`)),
        10_000,
      );
      child.stdout.on('data', () => {
        const match = /demo on (http:\/\/127\.0\.0\.1:\d+)\/[\s\S]*sessions in/.exec(
          output().stdout,
        );
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    assert.match(output().stdout, /warn after 7 s idle, expire after 20 s/);
    assert.match(output().stdout, /sessions in memory/);
    const login = await getPage(origin, '/login');
    assert.equal(login.status, 200);
    assert.match(login.text, /demo<\/strong> \/ <strong>demo/);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });

  const invalid: [Record<string, string>, RegExp][] = [
    [
      { SESSION_SECURITY_WARN_AFTER: 'abc' },
      /SESSION_SECURITY_WARN_AFTER must be a positive number of seconds, got 'abc'/,
    ],
    [
      { SESSION_SECURITY_WARN_AFTER: '60', SESSION_SECURITY_EXPIRE_AFTER: '30' },
      /SESSION_SECURITY_WARN_AFTER must be less than SESSION_SECURITY_EXPIRE_AFTER/,
    ],
    [{ PORT: 'eighty' }, /PORT must be an integer/],
  ];
  for (const [env, message] of invalid) {
    it(`fails at start with a clear message for ${JSON.stringify(env)}`, async () => {
      const { child, output } = startCli({ PORT: '0', ...env });
      const [code] = await once(child, 'exit');
      assert.equal(code, 1);
      assert.match(output().stderr, message);
      assert.doesNotMatch(output().stdout, /demo on/);
    });
  }
});
