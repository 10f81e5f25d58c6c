// `npm run bench`: every benchmark of docs/benchmarks.md, each against its baseline in the same
// run, printed as one table. Options: --only=bundle,writes,activity,memory,traffic,throughput
// (a subset), --quick (fewer rounds, for a smoke run), --json=FILE (also write the figures).
//
// Each section runs in its own process (bench/section-process.ts), browser sections with their
// own Chromium, within a time limit: a section that throws, crashes or hangs is stopped and
// shows as a failed row with the reason, the other sections still run, and the run exits 1.
// BENCH_FAIL_SECTION=<name>[:throw|:crash|:hang] forces a failure (see section-process.ts);
// BENCH_SECTION_TIMEOUT_SECONDS overrides every section's time limit.
import { type ChildProcess, fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { SectionMessage } from './section-process.js';
import { SECTION_NAMES, SECTIONS, type SectionName } from './sections.js';
import { type BenchRow, formatTable } from './table.js';

interface RunOptions {
  readonly only: readonly SectionName[];
  readonly quick: boolean;
  readonly jsonPath: string | null;
}

function parseArguments(args: readonly string[]): RunOptions {
  let only: readonly SectionName[] = SECTION_NAMES;
  let quick = false;
  let jsonPath: string | null = null;
  for (const arg of args) {
    if (arg === '--quick') quick = true;
    else if (arg.startsWith('--json=')) jsonPath = arg.slice('--json='.length);
    else if (arg.startsWith('--only=')) {
      const names = arg.slice('--only='.length).split(',');
      const unknown = names.filter((name) => !(SECTION_NAMES as readonly string[]).includes(name));
      if (unknown.length > 0) {
        throw new Error(
          `unknown section ${unknown.join(', ')}; known: ${SECTION_NAMES.join(', ')}`,
        );
      }
      only = SECTION_NAMES.filter((name) => names.includes(name));
    } else {
      throw new Error(`unknown argument ${arg}; use --only=..., --quick, --json=FILE`);
    }
  }
  return { only, quick, jsonPath };
}

function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function timeoutSecondsOf(name: SectionName, quick: boolean): number {
  const override = process.env.BENCH_SECTION_TIMEOUT_SECONDS;
  if (override === undefined) return SECTIONS[name].timeoutSeconds(quick);
  const seconds = Number(override);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(`BENCH_SECTION_TIMEOUT_SECONDS must be a positive number, got ${override}`);
  }
  return seconds;
}

/** Every process below `pid` (Linux /proc; empty elsewhere). */
function descendantsOf(pid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const childrenOf = new Map<number, number[]>();
  for (const entry of entries) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Field 4 (ppid) follows the command name, which is in parentheses and may hold spaces.
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = childrenOf.get(parent) ?? [];
    list.push(Number(entry));
    childrenOf.set(parent, list);
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of childrenOf.get(queue.shift() as number) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/**
 * Kills the section's process and everything below it: its process group, and the processes
 * that left the group (Playwright starts Chromium in a process group of its own).
 */
function killSection(child: ChildProcess): void {
  if (child.pid === undefined) return;
  for (const pid of descendantsOf(child.pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** Runs one section in its own process: its answer, or why it failed. */
function runSectionProcess(name: SectionName, quick: boolean): Promise<SectionMessage> {
  const timeoutSeconds = timeoutSecondsOf(name, quick);
  const child = fork(
    new URL('./section-process.js', import.meta.url),
    [name, ...(quick ? ['--quick'] : [])],
    // detached: its own process group, so a timeout also stops the Chromium it launched.
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], detached: true },
  );
  return new Promise((resolve) => {
    let answer: SectionMessage | null = null;
    const timer = setTimeout(() => {
      answer ??= { ok: false, reason: `did not finish within ${timeoutSeconds} s (stopped)` };
      killSection(child);
    }, timeoutSeconds * 1000);
    child.on('message', (message: SectionMessage) => {
      answer ??= message;
    });
    child.on('error', (error) => {
      answer ??= { ok: false, reason: `could not run: ${error.message}` };
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(
        answer ?? {
          ok: false,
          reason: `its process exited with ${signal ?? `code ${String(code)}`} without an answer`,
        },
      );
    });
  });
}

function failedRow(name: SectionName, reason: string): BenchRow {
  return {
    what: `section ${name}: FAILED`,
    figure: reason,
    baseline: '-',
    ratio: '-',
    goal: 'completes',
    met: false,
  };
}

async function main(): Promise<number> {
  const options = parseArguments(process.argv.slice(2));
  const rows: BenchRow[] = [];
  const failed: SectionName[] = [];
  const figures: Record<string, unknown> = {};
  const machine = {
    date: new Date().toISOString(),
    cores: availableParallelism(),
    node: process.version,
    chromium: null as string | null,
  };
  figures.machine = machine;
  for (const name of options.only) {
    const startedMs = Date.now();
    progress(
      `${SECTIONS[name].title} (own process, limit ${timeoutSecondsOf(name, options.quick)} s)`,
    );
    const answer = await runSectionProcess(name, options.quick);
    const seconds = ((Date.now() - startedMs) / 1000).toFixed(0);
    if (answer.ok) {
      figures[name] = answer.result.figures;
      machine.chromium ??= answer.result.chromium ?? null;
      rows.push(...answer.result.rows);
      progress(`${name} done in ${seconds} s`);
    } else {
      failed.push(name);
      figures[name] = { failed: answer.reason };
      rows.push(failedRow(name, answer.reason));
      progress(`${name} FAILED after ${seconds} s: ${answer.reason}`);
    }
  }
  process.stdout.write(`${formatTable(rows)}\n`);
  const unmet = rows.filter((row) => row.met === false).length - failed.length;
  process.stdout.write(
    `\n${rows.length - failed.length} figures, ${unmet} goal${unmet === 1 ? '' : 's'} not met (see docs/benchmarks.md)` +
      `; ${failed.length === 0 ? 'every section completed' : `FAILED sections: ${failed.join(', ')}`}\n`,
  );
  if (options.jsonPath) await writeFile(options.jsonPath, `${JSON.stringify(figures, null, 2)}\n`);
  return failed.length === 0 ? 0 : 1;
}

process.exitCode = await main();
