import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Why Redis tests cannot run here, or null when redis-server is installed. */
export function redisUnavailableReason(): string | null {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (!probe.error && probe.status === 0) return null;
  const reason =
    'redis-server is not installed (apt-get install redis-server): the Redis store tests are skipped';
  // Under CI a missing Redis is a failure, never a skip.
  if (process.env.CI === 'true') throw new Error(`${reason}, which CI=true does not allow`);
  return reason;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (typeof address !== 'object' || address === null) throw new Error('no free port');
  return address.port;
}

/** A redis-server of our own on a free loopback port, without automatic snapshots. */
export class RedisServer {
  readonly port: number;
  readonly #dir: string;
  #process: ChildProcess | null = null;

  private constructor(port: number) {
    this.port = port;
    this.#dir = mkdtempSync(join(tmpdir(), 'session-security-redis-'));
  }

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort());
    await server.restart();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts (again) on the same port and directory: a snapshot taken with SAVE is loaded. */
  async restart(): Promise<void> {
    if (this.#process) throw new Error('redis-server is already running');
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--dir', this.#dir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.#process = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`redis-server did not start: ${output}`)),
        5000,
      );
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}: ${output}`));
      });
    });
  }

  /** Freezes the server (SIGSTOP): connections stay open, nothing is answered. */
  pause(): void {
    if (!this.#process?.kill('SIGSTOP')) throw new Error('redis-server is not running');
  }

  /** Lets a paused server go on (SIGCONT). */
  resume(): void {
    if (!this.#process?.kill('SIGCONT')) throw new Error('redis-server is not running');
  }

  /** Stops the server (like a crash: no snapshot is written). */
  async stop(): Promise<void> {
    const child = this.#process;
    if (!child) return;
    this.#process = null;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
