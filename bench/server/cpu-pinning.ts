import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Moves a process and all its threads to one CPU core (`taskset -a -cp`). */
export type PinToCore = (pid: number, core: number) => Promise<void>;

/**
 * The pinning of this machine: null when it has fewer than two cores or no `taskset` (util-linux),
 * and the processes then share the cores as the scheduler decides.
 */
export async function cpuPinning(): Promise<PinToCore | null> {
  if (availableParallelism() < 2) return null;
  try {
    await run('taskset', ['--version']);
  } catch {
    return null;
  }
  return async (pid, core) => {
    await run('taskset', ['-a', '-cp', String(core), String(pid)]);
  };
}
