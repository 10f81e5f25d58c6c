import { RedisServer } from '../../server/support/redis-server.js';

// One way to run a throwaway redis-server for every suite: the server tests' helper.
export { redisUnavailableReason } from '../../server/support/redis-server.js';

/** A redis-server this test started on a free loopback port. */
export interface RunningRedis {
  readonly url: string;
  /** SIGSTOP: connections stay open, nothing is answered. */
  pause(): void;
  /** SIGCONT. */
  resume(): void;
  stop(): Promise<void>;
}

/** Starts a throwaway redis-server (no snapshots) on 127.0.0.1 and a free port. */
export async function startRedis(): Promise<RunningRedis> {
  const server = await RedisServer.start();
  return {
    url: server.url,
    pause: () => server.pause(),
    resume: () => server.resume(),
    stop: () => server.dispose(),
  };
}
