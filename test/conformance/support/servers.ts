import { once } from 'node:events';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from 'express';
import type { SuiteOptions } from '../../../conformance/index.js';

/** Options of `createApp` in examples/express/app.js (a plain JavaScript file). */
export interface ExampleOptions {
  readonly warnAfterSeconds?: number;
  readonly expireAfterSeconds?: number;
  readonly absoluteTimeoutSeconds?: number | null;
  readonly elementScriptFile?: string | null;
  readonly activity?: Map<string, { lastActivityMs: number; startedAtMs: number }>;
  readonly beforeSessionSecurity?: RequestHandler[];
}

type ExampleApp = RequestListener & RequestHandler;

/** The repository root, from build/test/conformance/support/. */
export const ROOT_URL = new URL('../../../../', import.meta.url);

/**
 * Short timeouts the suite can wait for. 4 s of idle timeout is enough on a quiet machine; 6 s
 * leaves room for a CI machine busy with browsers and several servers in this one process.
 */
export const SHORT_TIMEOUTS = {
  warnAfterSeconds: 3,
  expireAfterSeconds: 6,
  absoluteTimeoutSeconds: 9,
} as const;

/** Builds the Express example app (examples/express/app.js) with `options`. */
export async function createExampleApp(options: ExampleOptions = {}): Promise<ExampleApp> {
  const module = (await import(new URL('examples/express/app.js', ROOT_URL).href)) as {
    createApp(options: ExampleOptions): ExampleApp;
  };
  return module.createApp(options);
}

export interface RunningServer {
  readonly baseUrl: URL;
  close(): Promise<void>;
}

/** Serves `listener` on 127.0.0.1 on a free port. */
export async function serve(listener: RequestListener): Promise<RunningServer> {
  const server = createServer(listener);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: new URL(`http://127.0.0.1:${port}/`),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Suite options for a server whose login form is /login with demo/demo. */
export function suiteOptions(baseUrl: URL, changes: Partial<SuiteOptions> = {}): SuiteOptions {
  return {
    baseUrl,
    resourcePath: '/session-security',
    protectedPath: '/',
    signIn: { kind: 'login-form', loginPath: '/login', username: 'demo', password: 'demo' },
    jsonReportFile: null,
    maxWaitSeconds: 30,
    vectorsDir: null,
    ...changes,
  };
}

/**
 * Checks a run skipped for a reason of the server's configuration or the suite's own logic.
 * "could not judge" skips are left out: the machine was too slow to judge them (the suite says
 * so rather than blame the server), which a loaded CI machine may cause; at most a few of them.
 */
export function unexpectedSkips(report: {
  readonly results: readonly { name: string; outcome: string; message?: string }[];
}): string[] {
  const skipped = report.results.filter((result) => result.outcome === 'skip');
  const notJudged = skipped.filter((result) => result.message?.startsWith('could not judge'));
  return [
    ...skipped
      .filter((result) => !notJudged.includes(result))
      .map((result) => `${result.name}: ${result.message}`),
    ...(notJudged.length > 3 ? [`${notJudged.length} checks could not be judged`] : []),
  ];
}
