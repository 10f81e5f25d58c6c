import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import autocannon from 'autocannon';
import { alternate, median } from '../stats.js';
import { BENCH_ROUTES, type BenchAppVariant, sessionCookieFrom } from './app.js';

/** A benchmark application running in a child process on loopback. */
interface RunningServer {
  readonly origin: string;
  /** The `sid=...` cookie of a signed-in session. */
  readonly cookie: string;
  /** CPU time (user + system) the server process used so far, microseconds. */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

async function startServer(variant: BenchAppVariant): Promise<RunningServer> {
  const child: ChildProcess = fork(new URL('./serve.js', import.meta.url), [variant], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [message] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`benchmark server ${variant} exited with ${String(code)}`);
    }),
  ])) as [{ port: number }];
  const origin = `http://127.0.0.1:${message.port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.disconnect();
    await exited;
  };
  const cpuMicros = async () => {
    const reply = once(child, 'message');
    child.send('cpu');
    const [answer] = (await reply) as [{ cpuMicros: number }];
    return answer.cpuMicros;
  };
  try {
    const response = await fetch(`${origin}${BENCH_ROUTES.signIn}`, { method: 'POST' });
    const cookie = sessionCookieFrom(response.headers.getSetCookie());
    if (!response.ok || !cookie) throw new Error(`sign-in on ${variant} failed`);
    return { origin, cookie, cpuMicros, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** One load run's figures. */
interface LoadFigures {
  readonly requestsPerSecond: number;
  readonly p99LatencyMs: number;
  /** Server CPU time per successful request, microseconds. */
  readonly cpuMicrosPerRequest: number;
}

/** Options of a load run. */
export interface LoadOptions {
  readonly durationSeconds: number;
  readonly connections: number;
}

async function load(
  server: RunningServer,
  path: string,
  options: LoadOptions,
): Promise<LoadFigures> {
  const cpuBeforeMicros = await server.cpuMicros();
  const result = await autocannon({
    url: `${server.origin}${path}`,
    connections: options.connections,
    duration: options.durationSeconds,
    headers: {
      cookie: server.cookie,
      accept: 'application/json',
      'sec-fetch-site': 'same-origin',
      'sec-fetch-mode': 'cors',
    },
  });
  if (result.errors > 0 || result.non2xx > 0) {
    throw new Error(
      `load on ${path}: ${result.errors} errors, ${result.non2xx} non-2xx responses; the benchmark is not valid`,
    );
  }
  const cpuMicros = (await server.cpuMicros()) - cpuBeforeMicros;
  return {
    requestsPerSecond: result['2xx'] / result.duration,
    p99LatencyMs: result.latency.p99,
    cpuMicrosPerRequest: cpuMicros / result['2xx'],
  };
}

/** One comparison: the same load on two routes of two servers, alternated. */
export interface ThroughputComparison {
  readonly name: string;
  readonly baselineRequestsPerSecond: number;
  readonly pluginRequestsPerSecond: number;
  readonly baselineP99LatencyMs: number;
  readonly pluginP99LatencyMs: number;
  readonly baselineCpuMicrosPerRequest: number;
  readonly pluginCpuMicrosPerRequest: number;
  /** Median of the per-round ratios of server CPU per request, baseline / plugin. */
  readonly cpuRatio: number;
  /** Median of the per-round ratios plugin / baseline. */
  readonly ratio: number;
  readonly ratios: readonly number[];
}

/** Options of {@link measureThroughput}. */
export interface ThroughputOptions extends LoadOptions {
  readonly rounds: number;
}

const COMPARISONS = [
  { name: 'active route', baselinePath: BENCH_ROUTES.active, pluginPath: BENCH_ROUTES.active },
  { name: 'passive route', baselinePath: BENCH_ROUTES.passive, pluginPath: BENCH_ROUTES.passive },
  {
    name: 'status read',
    baselinePath: BENCH_ROUTES.bareStatus,
    pluginPath: BENCH_ROUTES.protocolStatus,
  },
] as const;

/**
 * Requests per second with autocannon on loopback: each route of the app with the plugin against
 * the same route (for the status read: a bare session-reading route) of the app with
 * @fastify/session alone, both servers up at once in their own processes, runs alternated.
 */
export async function measureThroughput(
  options: ThroughputOptions,
): Promise<ThroughputComparison[]> {
  const baseline = await startServer('session-only');
  let plugin: RunningServer | null = null;
  try {
    plugin = await startServer('session-security');
    const warmUp = { ...options, durationSeconds: 1 };
    const comparisons: ThroughputComparison[] = [];
    for (const comparison of COMPARISONS) {
      const pluginServer = plugin;
      await load(baseline, comparison.baselinePath, warmUp);
      await load(pluginServer, comparison.pluginPath, warmUp);
      const baselineRuns: LoadFigures[] = [];
      const pluginRuns: LoadFigures[] = [];
      const rounds = await alternate(
        options.rounds,
        async () => {
          const figures = await load(baseline, comparison.baselinePath, options);
          baselineRuns.push(figures);
          return figures.requestsPerSecond;
        },
        async () => {
          const figures = await load(pluginServer, comparison.pluginPath, options);
          pluginRuns.push(figures);
          return figures.requestsPerSecond;
        },
      );
      comparisons.push({
        name: comparison.name,
        baselineRequestsPerSecond: median(rounds.a),
        pluginRequestsPerSecond: median(rounds.b),
        baselineP99LatencyMs: median(baselineRuns.map((run) => run.p99LatencyMs)),
        pluginP99LatencyMs: median(pluginRuns.map((run) => run.p99LatencyMs)),
        baselineCpuMicrosPerRequest: median(baselineRuns.map((run) => run.cpuMicrosPerRequest)),
        pluginCpuMicrosPerRequest: median(pluginRuns.map((run) => run.cpuMicrosPerRequest)),
        cpuRatio: median(
          baselineRuns.map(
            (run, round) =>
              run.cpuMicrosPerRequest / (pluginRuns[round] as LoadFigures).cpuMicrosPerRequest,
          ),
        ),
        ratio: median(rounds.ratios),
        ratios: rounds.ratios,
      });
    }
    return comparisons;
  } finally {
    await plugin?.stop();
    await baseline.stop();
  }
}
