import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** Debian's Python with python3-django (not a pyenv python3 that may come first on PATH). */
export const PYTHON = '/usr/bin/python3';
/** examples/django/manage.py, from build/test/django/support/. */
export const MANAGE_PY = fileURLToPath(
  new URL('../../../../examples/django/manage.py', import.meta.url),
);

/** Whether PYTHON can import Django: the suite runner skips these tests when it cannot. */
export function djangoAvailable(): boolean {
  return spawnSync(PYTHON, ['-c', 'import django'], { stdio: 'ignore' }).status === 0;
}

export interface DjangoTimeouts {
  readonly warnAfterSeconds: number;
  readonly expireAfterSeconds: number;
  readonly absoluteTimeoutSeconds: number | null;
}

/** The demo project of examples/django, served by `manage.py serve 127.0.0.1:0`. */
export interface RunningDjango {
  /** Origin without a trailing slash, e.g. `http://127.0.0.1:40123`. */
  readonly origin: string;
  /** The SQLite file the server created for this run (deleted when it stops). */
  readonly databaseFile: string;
  /** What the process wrote to stderr so far (its log, with the audit lines). */
  log(): string;
  /** Stops the server (SIGINT by default); it deletes its throw-away database. */
  close(signal?: 'SIGINT' | 'SIGTERM'): Promise<void>;
}

/** Starts the Django demo with `timeouts` and waits until it listens. */
export async function startDjango(timeouts: DjangoTimeouts): Promise<RunningDjango> {
  const child: ChildProcess = spawn(PYTHON, [MANAGE_PY, 'serve', '127.0.0.1:0'], {
    env: {
      ...process.env,
      PYTHONDONTWRITEBYTECODE: '1',
      SESSION_SECURITY_WARN_AFTER: String(timeouts.warnAfterSeconds),
      SESSION_SECURITY_EXPIRE_AFTER: String(timeouts.expireAfterSeconds),
      SESSION_SECURITY_ABSOLUTE_TIMEOUT: String(timeouts.absoluteTimeoutSeconds ?? ''),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const [origin, databaseFile] = await new Promise<[string, string]>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the Django demo did not start in 30 s: ${stdout} ${stderr}`));
    }, 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the Django demo exited with ${code}: ${stdout} ${stderr}`));
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match =
        /Django demo on (http:\/\/127\.0\.0\.1:\d+)\/.*\nthrow-away database: (.+)\n/.exec(stdout);
      if (match?.[1] && match[2]) {
        clearTimeout(timer);
        resolve([match[1], match[2]]);
      }
    });
  });
  return {
    origin,
    databaseFile,
    log: () => stderr,
    close: async (signal = 'SIGINT') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
