// `node build/bench/server/profile.js [variant] [route] [seconds] [intervalMicros]`: where the
// plugin's server spends its CPU.
// Starts the benchmark app (variant session-security by default, or any variant of app.ts)
// with `node --cpu-prof`, loads one route with autocannon, stops the server (which writes the
// .cpuprofile), then prints the functions with the most self time and the share of time spent
// inside the plugin's own code (build/server/).
// The .cpuprofile file is kept (path printed) for a flame graph in Chrome DevTools or speedscope.
// Not part of `npm run bench`: it is a tool for finding the cost, the bench measures it.
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import {
  BENCH_APP_VARIANTS,
  BENCH_ROUTES,
  type BenchAppVariant,
  sessionCookieFrom,
} from './app.js';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

/** The parts of a V8 .cpuprofile this tool reads. */
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  /** Microseconds between a sample and the one before it. */
  readonly timeDeltas: readonly number[];
}

/** One function's CPU time. */
export interface FrameTime {
  readonly name: string;
  readonly selfMicros: number;
}

/** What {@link summarizeProfile} finds in a profile. */
export interface ProfileSummary {
  /** CPU time of all samples that are not idle, microseconds. */
  readonly busyMicros: number;
  /** Self time in the plugin's and the protocol's own code (build/server, build/protocol). */
  readonly pluginSelfMicros: number;
  readonly topSelf: readonly FrameTime[];
  /** The plugin's own functions with the most self time. */
  readonly topPluginSelf: readonly FrameTime[];
}

const PLUGIN_CODE = /\/build\/(server|protocol)\//;

function frameName(frame: CallFrame): string {
  const file = frame.url.replace(/^file:\/\//, '').replace(/^.*\/(node_modules|build)\//, '$1/');
  return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
}

/**
 * Self time per function (the function on top of the stack when sampled), idle excluded. Self
 * time is what a function costs itself; inclusive time misleads in Fastify, where the response is
 * written from inside the last hook's callback.
 */
export function summarizeProfile(profile: CpuProfile, top = 20): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<string, number>();
  const pluginNames = new Set<string>();
  let busyMicros = 0;
  let pluginSelfMicros = 0;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    // A sample's time is the delta to the next sample.
    const micros = profile.timeDeltas[index + 1] ?? 0;
    if (!node || node.callFrame.functionName === '(idle)') return;
    busyMicros += micros;
    const name = frameName(node.callFrame);
    if (PLUGIN_CODE.test(node.callFrame.url)) {
      pluginSelfMicros += micros;
      pluginNames.add(name);
    }
    selfMicros.set(name, (selfMicros.get(name) ?? 0) + micros);
  });
  const ranked = [...selfMicros]
    .sort((a, b) => b[1] - a[1])
    .map(([name, micros]) => ({ name, selfMicros: micros }));
  const topSelf = ranked.slice(0, top);
  const topPluginSelf = ranked.filter((frame) => pluginNames.has(frame.name)).slice(0, top / 2);
  return { busyMicros, pluginSelfMicros, topSelf, topPluginSelf };
}

async function profileRoute(
  variant: BenchAppVariant,
  path: string,
  seconds: number,
  intervalMicros: number,
): Promise<{ file: string; requests: number }> {
  const directory = await mkdtemp(join(tmpdir(), 'session-security-profile-'));
  const child: ChildProcess = fork(new URL('./serve.js', import.meta.url), [variant], {
    execArgv: [
      '--cpu-prof',
      `--cpu-prof-dir=${directory}`,
      `--cpu-prof-interval=${intervalMicros}`,
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [message] = (await once(child, 'message')) as [{ port: number }];
  const origin = `http://127.0.0.1:${message.port}`;
  let requests = 0;
  try {
    const signIn = await fetch(`${origin}${BENCH_ROUTES.signIn}`, { method: 'POST' });
    const cookie = sessionCookieFrom(signIn.headers.getSetCookie());
    if (!cookie) throw new Error('sign-in failed');
    const result = await autocannon({
      url: `${origin}${path}`,
      connections: 10,
      duration: seconds,
      // The headers of the throughput bench's load (bench/server/throughput.ts).
      headers: {
        cookie,
        accept: 'application/json',
        'sec-fetch-site': 'same-origin',
        'sec-fetch-mode': 'cors',
      },
    });
    if (result.errors > 0 || result.non2xx > 0) throw new Error(`${path}: errors or non-2xx`);
    requests = result['2xx'];
  } finally {
    const exited = once(child, 'exit');
    child.disconnect();
    await exited;
  }
  const [file] = (await readdir(directory)).filter((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${directory}`);
  return { file: join(directory, file), requests };
}

/** The command line, checked: a wrong argument is named, not passed on to autocannon. */
function parseArguments(args: readonly string[]) {
  const variant = BENCH_APP_VARIANTS.find((known) => known === (args[0] ?? 'session-security'));
  if (variant === undefined) {
    throw new Error(
      `profile.js: variant must be one of ${BENCH_APP_VARIANTS.join(', ')}, got ${args[0]}`,
    );
  }
  const routes = Object.values(BENCH_ROUTES) as string[];
  const path = args[1] ?? BENCH_ROUTES.active;
  if (!routes.includes(path)) {
    throw new Error(`profile.js: route must be one of ${routes.join(', ')}, got ${path}`);
  }
  const seconds = Number(args[2] ?? 5);
  // V8 samples every 1000 us by default: too coarse for functions of a few hundred nanoseconds.
  const intervalMicros = Number(args[3] ?? 100);
  for (const [name, value] of [
    ['seconds', seconds],
    ['intervalMicros', intervalMicros],
  ] as const) {
    if (!Number.isFinite(value) || value <= 0) {
      throw new Error(`profile.js: ${name} must be a positive number, got ${String(value)}`);
    }
  }
  return { variant, path, seconds, intervalMicros };
}

const { variant, path, seconds, intervalMicros } = parseArguments(process.argv.slice(2));
const { file, requests } = await profileRoute(variant, path, seconds, intervalMicros);
const summary = summarizeProfile(JSON.parse(await readFile(file, 'utf8')) as CpuProfile);
const perRequest = (micros: number) => `${(micros / requests).toFixed(2).padStart(6)} us`;
process.stdout.write(
  `profile ${file}\n${variant} ${path}: ${requests} requests, CPU ${perRequest(summary.busyMicros)} per request (profiler on), self time in build/server + build/protocol ${perRequest(summary.pluginSelfMicros)}\n\nself time per request, top frames:\n`,
);
for (const frame of summary.topSelf) {
  process.stdout.write(`${perRequest(frame.selfMicros)}  ${frame.name}\n`);
}
process.stdout.write('\nself time per request, top frames of the plugin:\n');
for (const frame of summary.topPluginSelf) {
  process.stdout.write(`${perRequest(frame.selfMicros)}  ${frame.name}\n`);
}
