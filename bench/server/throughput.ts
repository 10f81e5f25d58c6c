import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import autocannon from 'autocannon';
import { inRoundOrder, median } from '../stats.js';
import { BENCH_ROUTES, type BenchAppVariant, sessionCookieFrom } from './app.js';
import { COMPARISONS, type Comparison, type ComparisonName } from './comparisons.js';
import { cpuPinning, type PinToCore } from './cpu-pinning.js';

/** Where the servers run when pinned; the load generator (this process) runs on the other core. */
const SERVER_CORE = 1;
const LOAD_GENERATOR_CORE = 0;
/** Load of each server before its measured run. */
const WARM_UP_SECONDS = 1;

/** A benchmark application running in a child process on loopback. */
interface RunningServer {
  readonly origin: string;
  /** The `sid=...` cookie of a signed-in session. */
  readonly cookie: string;
  /** Its process id, for pinning it to a core. */
  readonly pid: number;
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
    return { origin, cookie, pid: child.pid as number, cpuMicros, stop };
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
  readonly name: ComparisonName;
  readonly baselineRequestsPerSecond: number;
  readonly pluginRequestsPerSecond: number;
  readonly baselineP99LatencyMs: number;
  readonly pluginP99LatencyMs: number;
  readonly baselineCpuMicrosPerRequest: number;
  readonly pluginCpuMicrosPerRequest: number;
  /** Median of the per-round ratios of server CPU per request, baseline / plugin. */
  readonly cpuRatio: number;
  /** Per-round ratios of server CPU per request, baseline / plugin. */
  readonly cpuRatios: readonly number[];
  /** Median of the per-round ratios of requests per second, plugin / baseline. */
  readonly ratio: number;
  readonly ratios: readonly number[];
}

/** Options of {@link measureThroughput}. */
export interface ThroughputOptions extends LoadOptions {
  readonly rounds: number;
}

/** The two servers of one comparison in one round. */
interface Pair {
  readonly baseline: RunningServer;
  readonly plugin: RunningServer;
}

/** Starts the pair in the order of the round (baseline first in even rounds), pinned. */
async function startPair(
  comparison: Comparison,
  round: number,
  pin: PinToCore | null,
  started: RunningServer[],
): Promise<Pair> {
  const start = async (variant: BenchAppVariant) => {
    const server = await startServer(variant);
    started.push(server);
    await pin?.(server.pid, SERVER_CORE);
    return server;
  };
  const [baseline, plugin] = await inRoundOrder(
    round,
    () => start('session-only'),
    () => start(comparison.variant),
  );
  return { baseline, plugin };
}

/** Loads both servers of the pair one after the other, in the order of the round. */
async function loadPair(
  pair: Pair,
  comparison: Comparison,
  round: number,
  options: LoadOptions,
): Promise<{ baseline: LoadFigures; plugin: LoadFigures }> {
  const [baseline, plugin] = await inRoundOrder(
    round,
    () => load(pair.baseline, comparison.baselinePath, options),
    () => load(pair.plugin, comparison.pluginPath, options),
  );
  return { baseline, plugin };
}

/**
 * One round of one comparison, on two new server processes: started, warmed up and measured
 * in the order of the round, so each server waits as long between its warm-up and
 * its run as the other one.
 */
async function measureRound(
  comparison: Comparison,
  round: number,
  options: LoadOptions,
  pin: PinToCore | null,
): Promise<{ baseline: LoadFigures; plugin: LoadFigures }> {
  const started: RunningServer[] = [];
  try {
    const pair = await startPair(comparison, round, pin, started);
    await loadPair(pair, comparison, round, { ...options, durationSeconds: WARM_UP_SECONDS });
    return await loadPair(pair, comparison, round, options);
  } finally {
    for (const server of started) await server.stop();
  }
}

function summarize(
  name: ComparisonName,
  baselineRuns: readonly LoadFigures[],
  pluginRuns: readonly LoadFigures[],
): ThroughputComparison {
  const ratios = pluginRuns.map(
    (run, round) => run.requestsPerSecond / (baselineRuns[round] as LoadFigures).requestsPerSecond,
  );
  const cpuRatios = baselineRuns.map(
    (run, round) =>
      run.cpuMicrosPerRequest / (pluginRuns[round] as LoadFigures).cpuMicrosPerRequest,
  );
  return {
    name,
    baselineRequestsPerSecond: median(baselineRuns.map((run) => run.requestsPerSecond)),
    pluginRequestsPerSecond: median(pluginRuns.map((run) => run.requestsPerSecond)),
    baselineP99LatencyMs: median(baselineRuns.map((run) => run.p99LatencyMs)),
    pluginP99LatencyMs: median(pluginRuns.map((run) => run.p99LatencyMs)),
    baselineCpuMicrosPerRequest: median(baselineRuns.map((run) => run.cpuMicrosPerRequest)),
    pluginCpuMicrosPerRequest: median(pluginRuns.map((run) => run.cpuMicrosPerRequest)),
    cpuRatio: median(cpuRatios),
    cpuRatios,
    ratio: median(ratios),
    ratios,
  };
}

/**
 * Requests per second and server CPU per request with autocannon on loopback: each route of the
 * app with the plugin against the same route (for the status read: a bare session-reading route)
 * of the app with @fastify/session alone, each server in its own process, runs alternated.
 *
 * Every round of every comparison starts two new server processes that serve only that
 * comparison's route. Two processes of the very same server differ by up to 11 % in CPU per
 * request on this kind of machine for their whole life (memory layout, JIT choices), and a
 * server that sat idle while others were measured runs its next second slower: servers kept for
 * the whole run turned both into a false cost. Where the machine allows, the servers run on one
 * core and this process (the load generator) on the other. Two identical
 * @fastify/session-only servers measured the same way show the spread of the measurement itself.
 */
export async function measureThroughput(
  options: ThroughputOptions,
): Promise<{ pinned: boolean; comparisons: ThroughputComparison[] }> {
  const pin = await cpuPinning();
  await pin?.(process.pid, LOAD_GENERATOR_CORE);
  const comparisons: ThroughputComparison[] = [];
  for (const comparison of COMPARISONS) {
    const baselineRuns: LoadFigures[] = [];
    const pluginRuns: LoadFigures[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const figures = await measureRound(comparison, round, options, pin);
      baselineRuns.push(figures.baseline);
      pluginRuns.push(figures.plugin);
    }
    comparisons.push(summarize(comparison.name, baselineRuns, pluginRuns));
  }
  return { pinned: pin !== null, comparisons };
}
